package server

// NewHandlerAround builds NewHandler's stack around another handler of the contract's
// operations, for tests that plant a broken one.
var NewHandlerAround = newHandler

// ViolationCounts returns loginlogs_violations_total of the server at a base URL, scraped from
// its /metrics, by labels written "kind=K,pointer=P,side=S".
var ViolationCounts = violationCounts

// MetricFamilies returns what the server at a base URL exports on /metrics, parsed.
var MetricFamilies = families
