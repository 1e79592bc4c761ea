package proxy_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestUpstreamHeadersOverTheLimit: an upstream whose headers are longer than the proxy reads
// (proxy.MaxUpstreamHeaderBytes) was reached and answered: the client gets a 502 in SSOJet's
// error shape that says so and names the limit, one log line, and the summary and the metrics
// count it under its own reason, not as a network failure. Headers just under the limit pass.
func TestUpstreamHeadersOverTheLimit(t *testing.T) {
	o := contractOracle(t)
	seed := seedBody(t)
	for _, tc := range []struct {
		name   string
		header int // bytes of one header's value
		status int
	}{
		{"under", proxy.MaxUpstreamHeaderBytes - 4<<10, http.StatusOK},
		{"over", proxy.MaxUpstreamHeaderBytes + 1, http.StatusBadGateway},
	} {
		for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
			t.Run(tc.name+"/"+mode.String(), func(t *testing.T) {
				up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("X-Padding", strings.Repeat("p", tc.header))
					w.Header().Set("Content-Type", "application/json")
					w.Write(seed)
				}))
				defer up.Close()
				pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = mode })
				target := logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID)
				res, body := get(t, target, fakeapi.Token)
				if res.StatusCode != tc.status {
					t.Fatalf("GET %s: status %d, want %d (body %.300q)", target, res.StatusCode, tc.status, body)
				}
				m := scrape(t, pr.srv.URL)
				s := pr.summary()
				if tc.status == http.StatusOK {
					if s.Judged != 1 || len(s.UpstreamErrors) != 0 {
						t.Errorf("summary: %d judged, upstream errors %v; want the answer judged", s.Judged, s.UpstreamErrors)
					}
					return
				}
				var e struct {
					Description string `json:"error_description"`
				}
				if err := json.Unmarshal(body, &e); err != nil {
					t.Fatalf("502 body %q: %v", body, err)
				}
				// The contract documents no 502: its body is judged as the 400's, SSOJet's error.
				if err := o.Response(httptest.NewRequest(http.MethodGet, target, nil), http.StatusBadRequest, res.Header, body); err != nil {
					t.Errorf("502 body %q: kin-openapi: %v", body, err)
				}
				limit := strconv.Itoa(proxy.MaxUpstreamHeaderBytes)
				if !strings.Contains(e.Description, "headers") || !strings.Contains(e.Description, limit) || strings.Contains(e.Description, "reached") {
					t.Errorf("502 description %q: want it to say the upstream's headers were over the limit of %s bytes, not that it could not be reached", e.Description, limit)
				}
				if s.UpstreamErrors["headers_too_large"] != 1 || len(s.UpstreamErrors) != 1 || s.Statuses["502"] != 1 || s.Exchanges != 1 {
					t.Errorf("summary: upstream errors %v, statuses %v, %d exchanges; want one headers_too_large answered 502", s.UpstreamErrors, s.Statuses, s.Exchanges)
				}
				if got := m["loginlogs_upstream_errors_total"].value(map[string]string{"reason": "headers_too_large"}); got != 1 {
					t.Errorf("loginlogs_upstream_errors_total{reason=headers_too_large} = %v, want 1", got)
				}
				if n := strings.Count(pr.logs.String(), "level="); n != 1 || !strings.Contains(pr.logs.String(), "reason=headers_too_large") {
					t.Errorf("log: want one line with reason=headers_too_large:\n%s", pr.logs.String())
				}
			})
		}
	}
}
