package server_test

import (
	"crypto/sha256"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/server"
)

func startLimited(t *testing.T, limiter *server.RateLimiter) (string, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	tokens.Add(tokenB, clientB)
	h := server.NewHandler(server.Config{
		Store: seededSQLite(t), Validator: validator(t), Tokens: tokens, Mode: server.Enforce,
		Logger: slog.New(slog.NewJSONHandler(logs, nil)), RateLimiter: limiter,
	})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts.URL, logs
}

// TestRateLimitPerToken: a token that spends its burst gets 429 rate_limit_exceeded with
// Retry-After in whole seconds, validated against the contract; another token is not affected;
// requests without a valid token never create a bucket, so they cannot grow memory.
func TestRateLimitPerToken(t *testing.T) {
	limiter := server.NewRateLimiter(0.5, 3) // 3 at once, then one every 2 s
	url, _ := startLimited(t, limiter)
	demo := url + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID
	for i := range 3 {
		if res, body := do(t, "GET", demo, tokenA); res.StatusCode != http.StatusOK {
			t.Fatalf("GET %d of the burst: status %d, want 200\n%s", i+1, res.StatusCode, body)
		}
	}
	res, body := do(t, "GET", demo, tokenA)
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("GET after the burst: status %d, want 429\n%s", res.StatusCode, body)
	}
	checkContract(t, res, body)
	checkError(t, res, body, 829, "")
	ra, err := strconv.Atoi(res.Header.Get("Retry-After"))
	if err != nil || ra < 1 || ra > 2 {
		t.Errorf("429: Retry-After %q, want whole seconds in [1, 2]", res.Header.Get("Retry-After"))
	}
	if res, body := do(t, "GET", url+"/api/v1/users/"+userB+"/loginlogs?client_id="+clientB, tokenB); res.StatusCode != http.StatusOK {
		t.Errorf("GET with token B while A is limited: status %d, want 200\n%s", res.StatusCode, body)
	}
	for i := range 500 {
		do(t, "GET", demo, fmt.Sprintf("attacker-token-%d", i))
	}
	if n := limiter.Len(); n != 2 {
		t.Errorf("after 500 requests with unknown tokens the limiter holds %d buckets, want 2 (tokens A and B)", n)
	}
}

func TestRateLimiterRefills(t *testing.T) {
	l := server.NewRateLimiter(2, 0) // burst defaults to ceil(2) = 2
	key := sha256.Sum256([]byte("k"))
	for i := range 2 {
		if ok, _ := l.Allow(key); !ok {
			t.Fatalf("Allow %d within the burst = false", i+1)
		}
	}
	ok, wait := l.Allow(key)
	if ok || wait <= 0 || wait > 500*time.Millisecond {
		t.Fatalf("Allow beyond the burst = %v, %s; want false and a wait in (0, 500ms]", ok, wait)
	}
	time.Sleep(wait + 50*time.Millisecond)
	if ok, _ := l.Allow(key); !ok {
		t.Errorf("Allow after waiting %s = false, want true", wait)
	}
}

// TestRequestIDIsNeverAToken: a client that sends its token as X-Request-Id gets a generated id
// back, and the token reaches neither the log nor the response.
func TestRequestIDIsNeverAToken(t *testing.T) {
	const token = "tok.valid-as-a-request-id_123"
	logs := &logBuffer{}
	tokens := &server.Tokens{}
	tokens.Add(token, server.DemoClientID)
	ts := httptest.NewServer(server.NewHandler(server.Config{
		Store: seededSQLite(t), Validator: validator(t), Tokens: tokens, Mode: server.Enforce,
		Logger: slog.New(slog.NewJSONHandler(logs, nil)),
	}))
	t.Cleanup(ts.Close)
	for _, path := range []string{"/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID, "/healthz", "/nope"} {
		for _, auth := range []string{token, ""} {
			req, _ := http.NewRequestWithContext(t.Context(), "GET", ts.URL+path, nil)
			req.Header.Set("X-Request-Id", token)
			if auth != "" {
				req.Header.Set("Authorization", "Bearer "+auth)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			res.Body.Close()
			if got := res.Header.Get("X-Request-Id"); got == token || got == "" {
				t.Errorf("GET %s with the token as X-Request-Id: X-Request-Id %q, want a generated id", path, got)
			}
		}
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the log holds the token:\n%s", logs.String())
	}
}
