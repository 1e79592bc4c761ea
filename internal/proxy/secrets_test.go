package proxy_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/redact/redacttest"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// reports returns everything the proxy wrote of a run: its log, and its summary as text, JSON
// and JUnit.
func reports(t *testing.T, pr running) string {
	t.Helper()
	s := pr.summary()
	var out bytes.Buffer
	for _, write := range []func(io.Writer, proxy.Summary, bool) error{proxy.WriteText, proxy.WriteJSON, proxy.WriteJUnit} {
		if err := write(&out, s, true); err != nil {
			t.Fatal(err)
		}
	}
	out.WriteString(pr.logs.String())
	return out.String()
}

// TestEchoedSecretsNeverReachLogsOrReports: an upstream that echoes the caller's bearer token
// as its X-Request-Id (and in another header) gets it into no log line, summary, JSON report or
// JUnit report, in either mode, whether the answer broke the contract or the upstream failed;
// nor does a client that sends its token as X-Request-Id.
func TestEchoedSecretsNeverReachLogsOrReports(t *testing.T) {
	const secret = "s3cr3t-bearer-token-0123456789"
	for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
		t.Run(mode.String(), func(t *testing.T) {
			up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
				w.Header().Set("X-Request-Id", tok)
				w.Header().Set("X-Echo", "you sent "+tok)
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(`{"login_logs":[{"IpAddress":"` + tok + `"}]}`)) // seven members missing
			}))
			defer up.Close()
			pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = mode })
			res, body := get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), secret)
			if mode == validate.Enforce {
				if res.StatusCode != http.StatusBadGateway {
					t.Errorf("enforce: status %d, want 502", res.StatusCode)
				}
				var h bytes.Buffer
				res.Header.Write(&h)
				if s := redacttest.Survivor(h.String()+string(body), secret, "REDACTED", nil); s != "" {
					t.Errorf("the proxy's 502 gives away the %s", s)
				}
			}
			// A client sending its token as X-Request-Id to an upstream that is not there.
			gone := httptest.NewServer(http.NotFoundHandler())
			gone.Close()
			pr2 := startProxy(t, gone.URL, func(c *proxy.Config) { c.Mode = mode })
			res2, body2 := servertest.GetWithCredentials(t, logsURL(pr2.base(), fakeapi.UserID, fakeapi.ClientID), secret, "Bearer "+secret)
			var h bytes.Buffer
			res2.Header.Write(&h)

			s := pr.summary()
			if s.UpstreamViolations == 0 {
				t.Fatalf("the broken answer gave no violation: %+v", s)
			}
			out := reports(t, pr) + reports(t, pr2) + h.String() + string(body2)
			if !strings.Contains(out, "REDACTED") {
				t.Errorf("nothing redacted: was the token echoed?\n%s", out)
			}
			if survivor := redacttest.Survivor(out, secret, "REDACTED", nil); survivor != "" {
				t.Errorf("the token survives in the proxy's output as %s:\n%s", survivor, out)
			}
		})
	}
}

// TestTwoAuthorizationHeadersAre400: a request with two Authorization headers is answered 400
// in SSOJet's error shape, as the reference server answers it (kin-openapi judges the answer),
// never forwarded, counted as the client's violation, and neither credential reaches the log
// or a report.
func TestTwoAuthorizationHeadersAre400(t *testing.T) {
	const first, second = "first-credential-0123456789", "second-credential-abcdefgh"
	var forwarded atomic.Int32
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		forwarded.Add(1)
		fakeapi.New(seedBody(t)).ServeHTTP(w, r)
	}))
	defer up.Close()
	o := contractOracle(t)
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("user:"+second))
	for _, pair := range [][2]string{{"Bearer " + first, "Bearer " + second}, {"Bearer " + first, basic}, {"Bearer " + first, "Bearer " + first}} {
		pr := startProxy(t, up.URL, nil)
		target := logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID)
		res, body := servertest.GetWithCredentials(t, target, strings.TrimPrefix(pair[1], "Bearer "), pair[0], pair[1])
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"malformed_request"`) {
			t.Errorf("%q and %q: status %d %s, want 400 malformed_request", pair[0], pair[1], res.StatusCode, body)
		}
		judged, _ := http.NewRequest(http.MethodGet, target, nil)
		if err := o.Response(judged, res.StatusCode, res.Header, body); err != nil {
			t.Errorf("%q and %q: kin-openapi refuses the 400: %v", pair[0], pair[1], err)
		}
		s := pr.summary()
		if s.ClientViolations != 1 || s.Statuses["400"] != 1 {
			t.Errorf("%q and %q: summary %+v, want one client violation and one 400", pair[0], pair[1], s)
		}
		out := reports(t, pr)
		for _, secret := range []string{first, second} {
			if survivor := redacttest.Survivor(out, secret, "REDACTED", nil); survivor != "" {
				t.Errorf("%q and %q: %s survives as %s:\n%s", pair[0], pair[1], secret, survivor, out)
			}
		}
	}
	if n := forwarded.Load(); n != 0 {
		t.Errorf("%d requests with two Authorization headers were forwarded, want none", n)
	}
}
