package server

// NewHandlerAround builds NewHandler's stack around another handler of the contract's
// operations, for tests that plant a broken one.
var NewHandlerAround = newHandler
