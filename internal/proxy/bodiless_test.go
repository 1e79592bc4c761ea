package proxy_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestBodilessEncodedAnswersPass: an answer that has no body (to HEAD, or a 304) keeps the
// Content-Encoding its GET would have, as servers send it; there is nothing to decode, so it
// is judged on its status and headers as kin-openapi judges it, and passes unchanged in both
// modes, never refused or left unjudged for an empty body that does not decode.
func TestBodilessEncodedAnswersPass(t *testing.T) {
	o := contractOracle(t)
	for _, enc := range []string{"gzip", "deflate", "br", "compress"} {
		for _, tc := range []struct {
			name, method string
			status       int
		}{{"HEAD", http.MethodHead, http.StatusOK}, {"304", http.MethodGet, http.StatusNotModified}} {
			fake := fakeapi.New(nil)
			answer(tc.status, "application/json", "", "Content-Encoding", enc, "ETag", `"v1"`)(fake)
			up := httptest.NewServer(fake)
			t.Cleanup(up.Close)
			direct, _ := http.NewRequest(tc.method, logsURL("http://upstream/api/v1", fakeapi.UserID, fakeapi.ClientID), nil)
			if vs := o.Response(direct, tc.status, http.Header{"Content-Type": {"application/json"}, "Content-Encoding": {enc}, "Etag": {`"v1"`}}, nil); vs != nil {
				t.Fatalf("the oracle refuses the %s answer: %v", tc.name, vs)
			}
			for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
				t.Run(enc+"/"+tc.name+"/"+mode.String(), func(t *testing.T) {
					pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = mode })
					req, _ := http.NewRequest(tc.method, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), nil)
					req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
					res, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
					if err != nil {
						t.Fatal(err)
					}
					res.Body.Close()
					if res.StatusCode != tc.status || res.Header.Get("Content-Encoding") != enc {
						t.Errorf("status %d, encoding %q; want %d and %q as the upstream sent them", res.StatusCode, res.Header.Get("Content-Encoding"), tc.status, enc)
					}
					if s := pr.summary(); s.Judged != 1 || s.Unjudged != 0 || s.UpstreamViolations != 0 {
						t.Errorf("summary: %d judged, %d unjudged, %d violations; want 1, 0, 0", s.Judged, s.Unjudged, s.UpstreamViolations)
					}
				})
			}
		}
	}
}
