package server_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

func startLimited(t *testing.T, limiter *server.RateLimiter) (string, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	tokens.Add(tokenB, clientB)
	h := server.NewHandler(server.Config{
		Store: seededSQLite(t), Validator: validator(t), Tokens: tokens, Mode: validate.Enforce,
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

// loggedServer serves the whole stack over a seeded SQLite file with tokens, logging JSON to
// the returned buffer.
func loggedServer(t *testing.T, tokens *server.Tokens) (*httptest.Server, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	ts := httptest.NewServer(server.NewHandler(server.Config{
		Store: seededSQLite(t), Validator: validator(t), Tokens: tokens, Mode: validate.Enforce,
		Logger: slog.New(slog.NewJSONHandler(logs, nil)),
	}))
	t.Cleanup(ts.Close)
	return ts, logs
}

// TestRequestIDIsNeverAToken: a client that sends its token as X-Request-Id gets a generated id
// back, and the token reaches neither the log nor the response.
func TestRequestIDIsNeverAToken(t *testing.T) {
	const token = "tok.valid-as-a-request-id_123"
	tokens := &server.Tokens{}
	tokens.Add(token, server.DemoClientID)
	ts, logs := loggedServer(t, tokens)
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

// TestTokensInsideValuesAreRedacted: a configured token inside a longer client_id, path or
// X-Request-Id reaches neither the log nor the response.
func TestTokensInsideValuesAreRedacted(t *testing.T) {
	const token = "tok.valid-as-a-request-id_456"
	tokens := &server.Tokens{}
	tokens.Add(token, server.DemoClientID)
	tokens.Add("another-token-of-another-length", clientB)
	ts, logs := loggedServer(t, tokens)
	demo := "/api/v1/users/" + server.DemoUserID + "/loginlogs"
	for _, tt := range []struct{ name, target, requestID string }{
		{"client_id=Bearer <tok>", demo + "?client_id=Bearer%20" + token, ""},
		{"<tok>%20 in the path", "/api/v1/users/" + token + "%20/loginlogs?client_id=" + server.DemoClientID, ""},
		{"escaped token in the path", "/api/v1/users/x" + strings.ReplaceAll(token, ".", "%2E") + "/loginlogs?client_id=" + server.DemoClientID, ""},
		{"X-Request-Id: Bearer.<tok>", demo + "?client_id=" + server.DemoClientID, "Bearer." + token},
		{"X-Request-Id ending in the token", demo + "?client_id=" + server.DemoClientID, "id:" + token},
	} {
		req, _ := http.NewRequestWithContext(t.Context(), "GET", ts.URL+tt.target, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if tt.requestID != "" {
			req.Header.Set("X-Request-Id", tt.requestID)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if got := res.Header.Get("X-Request-Id"); strings.Contains(got, token) {
			t.Errorf("%s: X-Request-Id %q echoes the token", tt.name, got)
		}
		if strings.Contains(string(body), token) {
			t.Errorf("%s: the body echoes the token: %s", tt.name, body)
		}
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the log holds the token:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `"path":"REDACTED"`) {
		t.Errorf("no request was logged with a redacted path:\n%s", logs.String())
	}
}

// TestSentCredentialsNeverReachTheLog: a credential the request carries, configured or not
// (a token of another environment, the second of two Authorization headers), is a secret too:
// sent again as X-Request-Id, client_id or in the path, it reaches neither the log nor the
// response's X-Request-Id.
func TestSentCredentialsNeverReachTheLog(t *testing.T) {
	const unknown, second = "unknown-credential-0123456789", "second-credential-abcdefgh"
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	ts, logs := loggedServer(t, tokens)
	demo := ts.URL + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id="
	for _, c := range []struct {
		name, target, id string
		auths            []string
		status           int
	}{
		{"unknown token as X-Request-Id", demo + server.DemoClientID, unknown, []string{"Bearer " + unknown}, http.StatusUnauthorized},
		{"unknown token as client_id", demo + unknown, "", []string{"Bearer " + unknown}, http.StatusUnauthorized},
		{"unknown token in the path", ts.URL + "/api/v1/users/" + unknown + "/loginlogs?client_id=" + server.DemoClientID, "", []string{"Bearer " + unknown}, http.StatusUnauthorized},
		{"the second of two Authorization headers as X-Request-Id", demo + server.DemoClientID, second, []string{"Bearer " + tokenA, "Bearer " + second}, http.StatusBadRequest},
	} {
		res, _ := servertest.GetWithCredentials(t, c.target, c.id, c.auths...)
		if res.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.name, res.StatusCode, c.status)
		}
		if got := res.Header.Get("X-Request-Id"); strings.Contains(got, unknown) || strings.Contains(got, second) {
			t.Errorf("%s: X-Request-Id %q echoes the credential", c.name, got)
		}
	}
	for _, secret := range []string{unknown, second} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log holds %s:\n%s", secret, logs.String())
		}
	}
}

// TestTwoAuthorizationHeadersAre400: like a repeated client_id, two Authorization headers are
// refused whatever their values, since proxies disagree on which one counts.
func TestTwoAuthorizationHeadersAre400(t *testing.T) {
	base, _ := start(t, setup{})
	target := base + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID
	for _, pair := range [][2]string{{tokenA, tokenA}, {tokenA, "nope"}, {"nope", tokenA}} {
		res, body := servertest.GetWithCredentials(t, target, "", "Bearer "+pair[0], "Bearer "+pair[1])
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"malformed_request"`) {
			t.Errorf("GET with Authorization %q and %q: status %d %s, want 400 malformed_request", pair[0], pair[1], res.StatusCode, body)
		}
		checkContract(t, res, body)
	}
}

// TestDuplicateTokenLineIsAnError: a token listed twice names both lines, never the token.
func TestDuplicateTokenLineIsAnError(t *testing.T) {
	_, err := server.ParseTokens(strings.NewReader("tok-1 cli_a\n# comment\ntok-2 cli_b\ntok-1 cli_c\n"))
	if !errors.Is(err, server.ErrDuplicateToken) || !strings.Contains(err.Error(), "lines 1 and 4") || strings.Contains(err.Error(), "tok-1") {
		t.Errorf("ParseTokens with tok-1 on lines 1 and 4: %v, want ErrDuplicateToken naming lines 1 and 4 and not the token", err)
	}
	if _, err := server.ParseTokens(strings.NewReader("tok-1 cli_a\ntok-2 cli_a\n")); err != nil {
		t.Errorf("two tokens of one client: %v, want nil", err)
	}
}

// TestUnauthenticatedRequestsAreNotRemembered: requests without a valid token do not fill the
// validator's memo, however many distinct ones a client sends (their 401 answers are alike); an
// authenticated one's answer is remembered.
func TestUnauthenticatedRequestsAreNotRemembered(t *testing.T) {
	v := validator(t)
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	ts := httptest.NewServer(server.NewHandler(server.Config{
		Store: seededSQLite(t), Validator: v, Tokens: tokens, Mode: validate.Enforce,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))
	t.Cleanup(ts.Close)
	get := func(target, token string) {
		req, _ := http.NewRequestWithContext(t.Context(), "GET", ts.URL+target, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	for i := range 300 {
		get(fmt.Sprintf("/api/v1/users/u%d/loginlogs?client_id=%s", i, server.DemoClientID), []string{"", "wrong-token"}[i%2])
	}
	before := v.Remembered()
	if before > 2 {
		t.Errorf("after 300 unauthenticated requests the memo holds %d, want at most 2 (no token, a wrong one)", before)
	}
	get("/api/v1/users/"+server.DemoUserID+"/loginlogs?client_id="+server.DemoClientID, tokenA)
	if n := v.Remembered(); n != before+1 {
		t.Errorf("after one authenticated request the memo holds %d, want %d", n, before+1)
	}
}
