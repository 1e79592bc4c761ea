package proxy_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestMalformedAnswerIsNotUnreachable: an upstream that answers, but not in HTTP the proxy can
// read (not HTTP at all, a status of four digits, two Content-Lengths that differ, a chunk
// size that is no number), was reached: the client's 502 says its answer could not be read, and
// the summary counts it as malformed, not as a network failure.
func TestMalformedAnswerIsNotUnreachable(t *testing.T) {
	for _, tc := range []struct{ name, answer, say string }{
		{"not HTTP", "\x15\x03\x01\x00\x02\x02\x50", "could not be read"},
		{"status", "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\n{}", "could not be read"},
		{"two lengths", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "could not be read"},
		{"chunk", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", "(200)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Enforce holds the answer, so that a break in its body is answered 502 too.
			pr := startProxy(t, fakeapi.Raw(t, tc.answer), func(c *proxy.Config) { c.Mode = validate.Enforce })
			res, body := get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
			var e struct {
				Description string `json:"error_description"`
			}
			json.Unmarshal(body, &e)
			if res.StatusCode != http.StatusBadGateway || !strings.Contains(e.Description, tc.say) || !strings.HasSuffix(e.Description, "malformed.") {
				t.Errorf("status %d, description %q; want 502 saying the answer %s, malformed", res.StatusCode, e.Description, tc.say)
			}
			if s := pr.summary(); s.UpstreamErrors["malformed"] != 1 || len(s.UpstreamErrors) != 1 {
				t.Errorf("summary: upstream errors %v, want one malformed", s.UpstreamErrors)
			}
		})
	}
}

// TestUpstreamFailureLogIsBounded: net/http quotes what a malformed answer began with in its
// error, up to the header limit; the proxy's log line of the failure quotes a bounded part of it.
func TestUpstreamFailureLogIsBounded(t *testing.T) {
	pr := startProxy(t, fakeapi.Raw(t, "XTTP/1.1 "+strings.Repeat("a", 500<<10)+"\r\n\r\n"), nil)
	get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
	pr.summary()
	for _, line := range strings.Split(pr.logs.String(), "\n") {
		if len(line) > 2000 {
			t.Errorf("a log line of %d bytes: %.300s…", len(line), line)
		}
	}
	if !strings.Contains(pr.logs.String(), "reason=malformed") {
		t.Errorf("no log line of the failure:\n%.1000s", pr.logs.String())
	}
}
