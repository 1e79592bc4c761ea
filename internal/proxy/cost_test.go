package proxy_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/bench"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestHostileAnswersCostLittle: the proxy judges each answer of the hostile fake, in both modes,
// allocating (upstream, proxy and client together) at most 50 MB more than for the seed's
// answer, so its heap grows by no more: 9,000 nested arrays (18 KB; about 1.1 GiB each before
// violations quoted bounded excerpts), 9,000 nested objects, 100 entries of 60 nested objects, a
// 512 KiB CreatedAt, 1,000 entries breaking the contract. Each is an upstream violation, and
// enforce mode lets none reach the client whole.
func TestHostileAnswersCostLittle(t *testing.T) {
	up := httptest.NewServer(fakeapi.Hostile(seedBody(t), nil))
	defer up.Close()
	for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
		t.Run(mode.String(), func(t *testing.T) {
			// call returns the status the client saw, and whether the answer reached it whole.
			call := func(behaviour string) (status int, whole bool) {
				pr := startProxy(t, up.URL+fakeapi.HostilePath(behaviour), func(c *proxy.Config) { c.Mode = mode })
				defer pr.srv.Close()
				req, _ := http.NewRequest(http.MethodGet, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), nil)
				req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatalf("GET through the proxy (%s): %v", behaviour, err)
				}
				_, err = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if s := pr.summary(); behaviour != "behave" && s.UpstreamViolations == 0 {
					t.Errorf("%s, %s: no upstream violation in %+v", mode, behaviour, s)
				}
				return res.StatusCode, err == nil
			}
			call("behave") // what runs once per process
			idle := bench.Allocated(func() { call("behave") })
			for _, behaviour := range []string{"nested", "deep", "deep=60x100", "long=512K", "many=1000"} {
				var status int
				var whole bool
				n := bench.Allocated(func() { status, whole = call(behaviour) })
				t.Logf("%s, %s: status %d, allocated %d KB more than for the seed", mode, behaviour, status, (int64(n)-int64(idle))>>10)
				// Enforce mode answers 502, or cuts an answer whose headers it had sent.
				if mode == validate.Enforce && status != http.StatusBadGateway && whole {
					t.Errorf("enforce, %s: status %d, the answer whole; want 502 or a cut", behaviour, status)
				}
				if n > idle+50<<20 {
					t.Errorf("%s, %s: allocated %d MB, %d MB more than for the seed; want at most 50 MB more", mode, behaviour, n>>20, (n-idle)>>20)
				}
			}
		})
	}
}

// BenchmarkProxyHostile sends the hostile fake's answers through the proxy in report mode:
// 9,000 nested arrays (18 KB) and objects (54 KB), 100 entries of 60 nested objects, a 512 KiB
// CreatedAt, 1,000 entries breaking the contract. ns/op is one exchange (upstream, proxy and
// client in this process); B/op what it allocates, a bound on what it adds to the heap.
func BenchmarkProxyHostile(b *testing.B) {
	up := httptest.NewServer(fakeapi.Hostile(seedBody(b), nil))
	defer up.Close()
	for _, behaviour := range []string{"nested", "deep", "deep=60x100", "long=512K", "many=1000"} {
		b.Run(behaviour, func(b *testing.B) {
			pr := startProxy(b, up.URL+fakeapi.HostilePath(behaviour), nil)
			req, _ := http.NewRequest(http.MethodGet, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), nil)
			req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
			b.ReportAllocs()
			for b.Loop() {
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			b.StopTimer()
			if s := pr.summary(); s.UpstreamViolations == 0 {
				b.Fatalf("summary: no upstream violation: %+v", s)
			}
		})
	}
}
