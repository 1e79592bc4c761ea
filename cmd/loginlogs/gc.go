package main

import "runtime/debug"

// streamingGCPercent is the garbage collector's target for the verbs that stream bodies through
// kin-openapi (contract, get, import, proxy). Their live heap is small (the contract and what is
// in flight: megabytes) and their garbage large (kin-openapi decodes every entry into maps; the
// proxy allocates ~17 KB per exchange), so collecting at five times the live heap rather than
// twice saves much CPU for a few tens of megabytes: `contract --response` on a 179 MB answer
// took 4.1 s and 23 MB with GOGC=100, 2.9 s and 34 MB with 400 (800: 2.8 s and 50 MB); a 1 GiB
// NDJSON import 53 s of CPU and 38 MB, 44 s and 60 MB; the proxy's warm exchange 57 µs of CPU
// with 100, 52 µs with 400 (docs/benchmarks.md).
const streamingGCPercent = 400

// raiseGC sets the collector's target to streamingGCPercent unless the environment sets GOGC,
// and returns the function that puts it back.
func raiseGC(e env) func() {
	if e.getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(streamingGCPercent)
	return func() { debug.SetGCPercent(old) }
}
