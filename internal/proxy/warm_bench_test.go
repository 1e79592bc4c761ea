package proxy_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// seedUpstream answers every request with the seed's 24 entries and the headers the reference
// server sends with them, at the least cost, so that a benchmark through it measures the proxy.
func seedUpstream(b *testing.B) *httptest.Server {
	b.Helper()
	seed := seedBody(b)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("ETag", `"3f2a9c1e0b7d4a56"`)
		h.Set("Cache-Control", "private, no-cache")
		h.Set("X-Request-Id", "0123456789abcdef01234567")
		w.Write(seed)
	}))
	b.Cleanup(up.Close)
	return up
}

// BenchmarkProxyWarm24 sends warm reads of the seed's 24 entries through the proxy in report
// and in enforce mode (every exchange judged: the request, and the answer or its memo of answers
// that passed; enforce holds the answer until its verdict), beside the same reads through a
// plain httputil.ReverseProxy with the same transport and copy buffers that judges nothing: the
// difference is what judging and counting cost per exchange.
// 8 clients send back to back, as in the load run. The figures include the clients' and the
// upstream's work, which both share.
func BenchmarkProxyWarm24(b *testing.B) {
	up := seedUpstream(b)
	u, err := url.Parse(up.URL)
	if err != nil {
		b.Fatal(err)
	}
	plain := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) { pr.SetURL(u); pr.Out.Host = "" },
		Transport: proxy.NewTransport(), BufferPool: proxy.CopyBuffers{}}
	plainSrv := httptest.NewServer(plain)
	b.Cleanup(plainSrv.Close)
	pr := startProxy(b, up.URL, nil)
	enforcing := startProxy(b, up.URL, func(c *proxy.Config) { c.Mode = validate.Enforce })
	for _, through := range []struct{ name, base string }{
		{"plain", plainSrv.URL + "/api/v1"},
		{"report", pr.base()},
		{"enforce", enforcing.base()},
	} {
		b.Run(through.name, func(b *testing.B) {
			client := &http.Client{Transport: proxy.NewTransport()}
			target := logsURL(through.base, fakeapi.UserID, fakeapi.ClientID)
			b.SetParallelism(4) // 8 clients on two cores
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req, _ := http.NewRequest(http.MethodGet, target, nil)
					req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
					req.Header.Set("Accept", "application/json")
					res, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != http.StatusOK {
						b.Errorf("status %d", res.StatusCode)
						return
					}
				}
			})
		})
	}
	for _, pr := range []running{pr, enforcing} {
		if s := pr.summary(); s.UpstreamViolations != 0 || s.ClientViolations != 0 || s.Unjudged != 0 {
			b.Fatalf("summary: %d upstream and %d client violations, %d unjudged; want none", s.UpstreamViolations, s.ClientViolations, s.Unjudged)
		}
	}
}
