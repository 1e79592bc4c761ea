package main

import (
	"net/http"
	"strings"
	"testing"
)

// TestHeadersOverTheLimit: get and contract against an API whose answer has headers over what
// net/http reads (10 MiB) say in one line that the API answered and that its headers were over
// the limit, naming it, not that it could not be reached; exit 2, as for an answer too large.
func TestHeadersOverTheLimit(t *testing.T) {
	url := startAPI(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Padding", strings.Repeat("p", 10<<20))
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"login_logs":[]}`))
	}))
	for _, verb := range []string{"get", "contract"} {
		_, stderr, code := runCLI(t, liveEnv(url), verb)
		if code != exitUsage || strings.Count(stderr, "\n") != 1 || strings.Contains(stderr, "reach") ||
			!strings.Contains(stderr, "headers are over the limit of 10485760 bytes") {
			t.Errorf("%s against an API with headers over 10 MiB: exit %d, stderr %q; want 2 and one line saying its headers were over the limit", verb, code, stderr)
		}
	}
}
