package main

import (
	"runtime/debug"
	"testing"
)

// TestRaiseGC: without GOGC in the environment the collector's target is raised while a verb
// runs and put back after; a GOGC in the environment is left alone.
func TestRaiseGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := raiseGC(env{getenv: noEnv})
	if got := debug.SetGCPercent(streamingGCPercent); got != streamingGCPercent {
		t.Errorf("raiseGC without GOGC: target %d, want %d", got, streamingGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after restore: target %d, want 100 again", got)
	}
	restore = raiseGC(env{getenv: func(k string) string { return map[string]string{"GOGC": "50"}[k] }})
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("raiseGC with GOGC set: target %d, want it untouched (100)", got)
	}
	restore()
}
