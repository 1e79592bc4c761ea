package server_test

import (
	"net/http"
	"slices"
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

// TestCORSAllowsTheContractsHeaders: a preflight asking for every header parameter the contract
// declares (as kin-openapi reads it), as a browser asks when a client sends them all as the
// contract says (the TypeScript SDK sets User-Agent, which Firefox sends and so preflights), is
// allowed each of them.
func TestCORSAllowsTheContractsHeaders(t *testing.T) {
	doc, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, p := range append(item.Parameters, op.Parameters...) {
				if name := strings.ToLower(p.Value.Name); p.Value.In == "header" && !slices.Contains(names, name) {
					names = append(names, name)
				}
			}
		}
	}
	if len(names) == 0 {
		t.Fatal("the contract declares no header parameter: the test judges nothing")
	}
	const app = "http://app.example:3000"
	url, _ := start(t, setup{config: func(c *server.Config) { c.CORSOrigins = []string{app} }})
	res, _ := doHeader(t, http.MethodOptions, demoPath(url), "", http.Header{
		"Origin":                         {app},
		"Access-Control-Request-Method":  {"GET"},
		"Access-Control-Request-Headers": {strings.Join(append(names, "authorization"), ",")},
	})
	allowed := res.Header.Get("Access-Control-Allow-Headers")
	for _, h := range append(names, "authorization") {
		if !hasToken(allowed, h) {
			t.Errorf("preflight asking for %s: Access-Control-Allow-Headers %q does not allow it", h, allowed)
		}
	}
}
