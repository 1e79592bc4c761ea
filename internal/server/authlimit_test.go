package server_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestTinyRateWaitsLong: a rate of 1e-300 requests a second makes the next request wait longer
// than any time.Duration holds: the limiter says so (the longest Duration) and the 429's
// Retry-After is that many seconds, never the 1 s an overflowed Duration rounds to.
func TestTinyRateWaitsLong(t *testing.T) {
	const years = 100 * 365 * 24 * time.Hour
	l := server.NewRateLimiter(1e-300, 1)
	key := sha256.Sum256([]byte("k"))
	if ok, _ := l.Allow(key); !ok {
		t.Fatal("Allow within the burst = false")
	}
	if ok, wait := l.Allow(key); ok || wait < years {
		t.Errorf("Allow beyond the burst at 1e-300 a second = %v, %s; want false and a wait of more than %s", ok, wait, years)
	}
	url, _ := startLimited(t, server.NewRateLimiter(1e-300, 1))
	demo := url + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID
	do(t, "GET", demo, tokenA)
	res, body := do(t, "GET", demo, tokenA)
	ra, err := strconv.ParseInt(res.Header.Get("Retry-After"), 10, 64)
	if res.StatusCode != http.StatusTooManyRequests || err != nil || ra < int64(years/time.Second) {
		t.Errorf("second GET at 1e-300 a second: status %d, Retry-After %q; want 429 and more than %d seconds",
			res.StatusCode, res.Header.Get("Retry-After"), int64(years/time.Second))
	}
	checkContract(t, res, body)
}

// startAuthLimited serves the stack over real HTTP with a limiter of failed authentications
// per address, and no limit per token.
func startAuthLimited(t *testing.T, l *server.RateLimiter) http.Handler {
	t.Helper()
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	return server.NewHandler(server.Config{
		Store: seededSQLite(t), Validator: validator(t), Tokens: tokens, Mode: validate.Enforce,
		Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), AuthFailureLimiter: l,
	})
}

// clientFrom is an HTTP client whose connections come from the local address ip.
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
}

func doWith(t *testing.T, c *http.Client, url, token string) (*http.Response, []byte) {
	t.Helper()
	return send(t, c, http.MethodGet, url, token, nil)
}

// TestFailedAuthenticationIsLimitedPerAddress: an address gets 3 failed authentications (a
// wrong token, no token) at once, then 429 rate_limit_exceeded with Retry-After in SSOJet's
// error body, valid per the contract, even with the right token: a right guess looks like a
// wrong one. Another address (127.0.0.2) is not affected, and its right token gets 200.
func TestFailedAuthenticationIsLimitedPerAddress(t *testing.T) {
	ts := httptest.NewServer(startAuthLimited(t, server.NewRateLimiter(0.5, 3))) // 3 at once, then one every 2 s
	t.Cleanup(ts.Close)
	demo := ts.URL + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID
	a, b := clientFrom("127.0.0.1"), clientFrom("127.0.0.2")
	if _, err := b.Get(ts.URL + "/healthz"); err != nil {
		t.Skipf("no connection from 127.0.0.2: %v", err)
	}
	for i, token := range []string{"guess-1", "", "guess-2"} {
		if res, body := doWith(t, a, demo, token); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failed authentication %d: status %d, want 401\n%s", i+1, res.StatusCode, body)
		}
	}
	for _, token := range []string{"guess-3", tokenA} {
		res, body := doWith(t, a, demo, token)
		if res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("GET with token %q after 3 failures: status %d, want 429\n%s", token, res.StatusCode, body)
		}
		checkContract(t, res, body)
		checkError(t, res, body, 829, "")
		if ra, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 2 {
			t.Errorf("429: Retry-After %q, want whole seconds in [1, 2]", res.Header.Get("Retry-After"))
		}
	}
	head, _ := http.NewRequestWithContext(t.Context(), "HEAD", demo, nil)
	head.Header.Set("Authorization", "Bearer "+tokenA)
	if res, err := a.Do(head); err != nil || res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Errorf("HEAD with the right token after 3 failures: %v, %+v; want 429 with Retry-After", err, res)
	} else {
		res.Body.Close()
		checkContract(t, res, nil)
	}
	if res, body := doWith(t, b, demo, tokenA); res.StatusCode != http.StatusOK {
		t.Errorf("GET from 127.0.0.2 with the right token while 127.0.0.1 is limited: status %d, want 200\n%s", res.StatusCode, body)
	}
	if res, body := doWith(t, b, demo, "guess-4"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a first failure from 127.0.0.2: status %d, want 401\n%s", res.StatusCode, body)
	}
}

// TestAuthFailureBucketsAreBounded: addresses are grouped as a client holds them (an IPv6 /64 is
// one address, an IPv4-mapped IPv6 address is its IPv4 one); successful requests keep no bucket;
// failures from more addresses than MaxBuckets keep at most MaxBuckets.
func TestAuthFailureBucketsAreBounded(t *testing.T) {
	l := server.NewRateLimiter(0.5, 1)
	h := startAuthLimited(t, l)
	demo := "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID
	get := func(remote, token string) int {
		req := httptest.NewRequestWithContext(context.Background(), "GET", demo, nil)
		req.RemoteAddr = remote
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	for _, c := range []struct{ first, then string }{
		{"[2001:db8::1]:1000", "[2001:db8::ffff:2]:2000"},
		{"10.0.0.1:1000", "[::ffff:10.0.0.1]:2000"},
	} {
		if got := get(c.first, "guess"); got != http.StatusUnauthorized {
			t.Errorf("a first failure from %s: status %d, want 401", c.first, got)
		}
		if got := get(c.then, "guess"); got != http.StatusTooManyRequests {
			t.Errorf("a failure from %s after one from %s: status %d, want 429 (the same client)", c.then, c.first, got)
		}
	}
	if got := get("[2001:db8:0:1::1]:1000", "guess"); got != http.StatusUnauthorized {
		t.Errorf("a first failure from another /64: status %d, want 401", got)
	}
	before := l.Len()
	for i := range 100 {
		if got := get(fmt.Sprintf("10.1.0.%d:1000", i), tokenA); got != http.StatusOK {
			t.Fatalf("GET with the right token: status %d, want 200", got)
		}
	}
	if n := l.Len(); n != before {
		t.Errorf("after 100 successful requests from new addresses: %d buckets, want the %d before", n, before)
	}
	for i := range server.MaxBuckets + 1000 {
		get(fmt.Sprintf("10.%d.%d.%d:1000", 2+i>>16, i>>8&0xff, i&0xff), "guess")
	}
	if n := l.Len(); n > server.MaxBuckets {
		t.Errorf("after failures from %d addresses: %d buckets, want at most %d", server.MaxBuckets+1000, n, server.MaxBuckets)
	}
}

// TestParallelFailuresArePaidFor: failures sent in parallel, all let in (Wait 0) before any of
// them was charged, are each charged, so the address then waits for every one of them: with a
// rate of 0.01 a second and a burst of 3, 40 such failures make the wait at least 37 × 100 s.
func TestParallelFailuresArePaidFor(t *testing.T) {
	const rate, burst, parallel = 0.01, 3, 40
	l := server.NewRateLimiter(rate, burst)
	key := sha256.Sum256([]byte("10.9.9.9"))
	for i := range parallel {
		if wait := l.Wait(key); wait != 0 {
			t.Fatalf("Wait %d before any charge = %s, want 0", i+1, wait)
		}
	}
	for range parallel {
		l.Charge(key)
	}
	if wait, want := l.Wait(key), time.Duration(float64(parallel-burst)/rate)*time.Second; wait < want {
		t.Errorf("Wait after %d failures let in at once = %s, want at least %s", parallel, wait, want)
	}
}

// TestPreferredUnauthorizedIsNoFailedAuthentication: a 401 that a valid token asked for with
// Prefer: code=401 is the answer of a test, not a failed authentication: the address's bucket of
// failures (2 here) is not charged, so its later requests are answered, not refused 429.
func TestPreferredUnauthorizedIsNoFailedAuthentication(t *testing.T) {
	url, _ := start(t, setup{config: func(c *server.Config) { c.AuthFailureLimiter = server.NewRateLimiter(0.001, 2) }})
	for i := range 4 {
		res, body := doHeader(t, http.MethodGet, demoPath(url), tokenA, prefer("code=401"))
		if res.StatusCode != http.StatusUnauthorized || res.Header.Get("Preference-Applied") != "code=401" {
			t.Fatalf("GET %d with a valid token and Prefer: code=401: %d (Preference-Applied %q), want the 401 asked for\n%s",
				i+1, res.StatusCode, res.Header.Get("Preference-Applied"), body)
		}
		checkContract(t, res, body)
	}
	if res, body := do(t, http.MethodGet, demoPath(url), tokenA); res.StatusCode != http.StatusOK {
		t.Errorf("GET with a valid token after four Prefer: code=401: %d, want 200\n%s", res.StatusCode, body)
	}
	res, body := do(t, http.MethodGet, demoPath(url), "wrong-token")
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET with a wrong token: %d, want 401 (the failures are still counted)\n%s", res.StatusCode, body)
	}
}
