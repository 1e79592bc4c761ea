package server_test

import (
	"net/http"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/server"
)

// TestMetricsHaveLatencyAndRuntime: /metrics of the server has request durations by status,
// counted once per answer, and the Go runtime's and the process's metrics.
func TestMetricsHaveLatencyAndRuntime(t *testing.T) {
	url, _ := start(t, setup{})
	for range 3 {
		do(t, http.MethodGet, demoPath(url), tokenA)
	}
	do(t, http.MethodGet, demoPath(url), "")
	fams := server.MetricFamilies(t, url)
	counts := map[string]uint64{}
	for _, m := range fams["loginlogs_request_duration_seconds"].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "status" {
				counts[l.GetValue()] = m.GetHistogram().GetSampleCount()
			}
		}
	}
	if counts["200"] != 3 || counts["401"] != 1 {
		t.Errorf("loginlogs_request_duration_seconds sample counts by status %v, want 200:3 401:1", counts)
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "process_resident_memory_bytes"} {
		if fams[name] == nil {
			t.Errorf("GET /metrics has no %s", name)
		}
	}
}
