package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/server"
)

// preflight is the OPTIONS a browser sends from origin before a GET with Authorization and
// Prefer.
func preflight(t *testing.T, url, origin string) *http.Response {
	t.Helper()
	res, _ := doHeader(t, http.MethodOptions, url, "", http.Header{
		"Origin":                         {origin},
		"Access-Control-Request-Method":  {"GET"},
		"Access-Control-Request-Headers": {"authorization,prefer"},
	})
	return res
}

// hasToken reports whether the comma-separated list v names tok, whatever its case.
func hasToken(v, tok string) bool {
	for f := range strings.SplitSeq(v, ",") {
		if strings.EqualFold(strings.TrimSpace(f), tok) {
			return true
		}
	}
	return false
}

func TestCORS(t *testing.T) {
	const app = "http://app.example:3000"
	url, _ := start(t, setup{config: func(c *server.Config) { c.CORSOrigins = []string{app} }})

	res := preflight(t, demoPath(url), app)
	if res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != app {
		t.Fatalf("preflight from %s: %d, Allow-Origin %q; want 204 naming the origin", app, res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}
	for _, h := range []string{"Authorization", "Prefer"} {
		if !hasToken(res.Header.Get("Access-Control-Allow-Headers"), h) {
			t.Errorf("preflight: Access-Control-Allow-Headers %q does not allow %s", res.Header.Get("Access-Control-Allow-Headers"), h)
		}
	}
	if !hasToken(res.Header.Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("preflight: Access-Control-Allow-Methods %q does not allow GET", res.Header.Get("Access-Control-Allow-Methods"))
	}

	res, body := doHeader(t, http.MethodGet, demoPath(url), tokenA, http.Header{"Origin": {app}})
	if res.StatusCode != http.StatusOK || res.Header.Get("Access-Control-Allow-Origin") != app {
		t.Errorf("GET from %s: %d, Allow-Origin %q; want 200 naming the origin", app, res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}
	checkContract(t, res, body)
	for _, h := range []string{"ETag", "Retry-After", "WWW-Authenticate"} {
		if !hasToken(res.Header.Get("Access-Control-Expose-Headers"), h) {
			t.Errorf("GET: Access-Control-Expose-Headers %q does not expose %s", res.Header.Get("Access-Control-Expose-Headers"), h)
		}
	}

	if res := preflight(t, demoPath(url), "http://evil.example"); res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: Allow-Origin %q, want none", res.Header.Get("Access-Control-Allow-Origin"))
	}

	any, _ := start(t, setup{config: func(c *server.Config) { c.CORSOrigins = []string{"*"} }})
	if res := preflight(t, demoPath(any), "http://whatever.example"); res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("preflight with origins *: Allow-Origin %q, want *", res.Header.Get("Access-Control-Allow-Origin"))
	}

	off, _ := start(t, setup{})
	res = preflight(t, demoPath(off), app)
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight without CORS origins: %d, Allow-Origin %q; want 405 and none", res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}
}
