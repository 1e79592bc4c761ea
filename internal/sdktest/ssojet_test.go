package ssojet_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/api/ssojet"
	gen "github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/redact/redacttest"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
	"github.com/ssojet-tools/loginlogs/internal/store"
)

func newClient(t testing.TB, base, tok string, opts ...ssojet.Option) *ssojet.Client {
	t.Helper()
	c, err := ssojet.New(base, tok, opts...)
	if err != nil {
		t.Fatalf("New(%q): %v", base, err)
	}
	return c
}

// sameLogs fails t unless got are the stored logs want, field by field.
func sameLogs(t *testing.T, what string, got []ssojet.LoginLog, want []store.LoginLog) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d logs, want %d", what, len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		if g.IpAddress != w.IPAddress || g.Country != w.Country || g.City != w.City || g.UserAgent != w.UserAgent ||
			g.Name != w.Name || g.Os != w.OS || g.Device != w.Device || !g.CreatedAt.Equal(w.CreatedAt) {
			t.Fatalf("%s: log %d is %+v, want %+v", what, i, g, w)
		}
	}
}

// TestHeaders: every request carries the token, Accept, Accept-Language and User-Agent (D2).
func TestHeaders(t *testing.T) {
	ref := newReference(t)
	ctx := context.Background()
	calls := []struct {
		name string
		ua   string
		call func(c *ssojet.Client) error
	}{
		{"LoginLogs", ssojet.DefaultUserAgent, func(c *ssojet.Client) error { _, err := c.LoginLogs(ctx, clientID, userID); return err }},
		{"All", ssojet.DefaultUserAgent, func(c *ssojet.Client) error {
			for _, err := range c.All(ctx, clientID, userID) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
		{"LoginLogsIfChanged", "audit/2.0", func(c *ssojet.Client) error {
			_, err := c.LoginLogsIfChanged(ctx, clientID, userID, `"some-tag"`)
			return err
		}},
	}
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			c := newClient(t, ref.BaseURL, token, ssojet.WithUserAgent(tc.ua))
			if tc.ua == ssojet.DefaultUserAgent {
				c = newClient(t, ref.BaseURL, token)
			}
			if err := tc.call(c); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			reqs := ref.requests()
			h := reqs[len(reqs)-1]
			want := map[string]string{"Authorization": "Bearer " + token, "Accept": "application/json",
				"Accept-Language": ssojet.AcceptLanguage, "User-Agent": tc.ua}
			for name, v := range want {
				if got := h.Values(name); len(got) != 1 || got[0] != v {
					t.Errorf("%s sent %s: %q, want %q", tc.name, name, got, v)
				}
			}
		})
	}
}

// TestLoginLogs: the 200 of the reference server is the contract's example, as LoginLogs and
// All read it.
func TestLoginLogs(t *testing.T) {
	ref := newReference(t)
	c := newClient(t, ref.BaseURL, token)
	logs, err := c.LoginLogs(context.Background(), clientID, userID)
	if err != nil {
		t.Fatalf("LoginLogs: %v", err)
	}
	sameLogs(t, "LoginLogs", logs, ref.Demo)

	var all []ssojet.LoginLog
	for l, err := range c.All(context.Background(), clientID, userID) {
		if err != nil {
			t.Fatalf("All: %v", err)
		}
		all = append(all, l)
	}
	sameLogs(t, "All", all, ref.Demo)

	// A user without logs is an empty slice, not nil.
	if err := ref.Store.AddLoginLogs(context.Background(), clientID, "66a000000000000000000001", nil); err != nil {
		t.Fatal(err)
	}
	empty, err := c.LoginLogs(context.Background(), clientID, "66a000000000000000000001")
	if err != nil || empty == nil || len(empty) != 0 {
		t.Errorf("LoginLogs of a user without logs: %v, %v; want an empty slice", empty, err)
	}
}

// TestRefusals: 400, 401, 403 and 404 of the reference server are *APIErrors whose fields are
// what the generated client decodes of the same answer.
func TestRefusals(t *testing.T) {
	ref := newReference(t)
	cases := []struct {
		name             string
		tok, cid, uid    string
		status           int
		is               func(error) bool
		wantName, wantCd string
	}{
		{"no client_id", token, "", userID, 400, nil, "invalid_query_parameters", "842"},
		{"wrong token", "not-a-token-of-anyone", clientID, userID, 401, ssojet.IsUnauthorized, "invalid_token", "1002"},
		{"token of another client", otherToken, clientID, userID, 403, ssojet.IsForbidden, "access_denied", "1003"},
		{"unknown user", token, clientID, "000000000000000000000000", 404, ssojet.IsNotFound, "resource_not_found", "801"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// The oracle: the generated client's decoding of the same request.
			g, err := gen.NewClientWithResponses(ref.BaseURL, gen.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
				r.Header.Set("Authorization", "Bearer "+tc.tok)
				return nil
			}))
			if err != nil {
				t.Fatal(err)
			}
			res, err := g.ListUserLoginLogsWithResponse(context.Background(), tc.uid, &gen.ListUserLoginLogsParams{ClientId: tc.cid})
			if err != nil {
				t.Fatal(err)
			}
			var want *gen.Error
			for _, e := range []*gen.Error{res.JSON400, res.JSON401, res.JSON403, res.JSON404} {
				if e != nil {
					want = e
				}
			}
			if res.StatusCode() != tc.status || want == nil {
				t.Fatalf("generated client: GET %s: status %d, want %d with SSOJet's error", tc.uid, res.StatusCode(), tc.status)
			}
			wantName, _ := want.Error.AsErrorText()
			wantCode, _ := want.ErrorCode.AsErrorNumber()

			c := newClient(t, ref.BaseURL, tc.tok)
			for _, via := range []string{"LoginLogs", "All"} {
				var err error
				if via == "LoginLogs" {
					var logs []ssojet.LoginLog
					logs, err = c.LoginLogs(context.Background(), tc.cid, tc.uid)
					if logs != nil {
						t.Errorf("%s: logs %v with the error", via, logs)
					}
				} else {
					n := 0
					for _, e := range c.All(context.Background(), tc.cid, tc.uid) {
						err = e
						n++
					}
					if n != 1 {
						t.Errorf("All yielded %d times, want once (the error)", n)
					}
				}
				var apiErr *ssojet.APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("%s: error %v (%T), want an *APIError", via, err, err)
				}
				if apiErr.StatusCode != tc.status || apiErr.ErrorName != wantName || apiErr.ErrorCode != fmt.Sprint(wantCode) ||
					apiErr.ErrorDescription != redact.Printable(want.ErrorDescription) || apiErr.Body != "" {
					t.Errorf("%s: %+v, want status %d, %s (%d) %q", via, apiErr, tc.status, wantName, wantCode, want.ErrorDescription)
				}
				if wantName != tc.wantName || fmt.Sprint(wantCode) != tc.wantCd {
					t.Errorf("the server answered %s (%d), the contract documents %s (%s)", wantName, wantCode, tc.wantName, tc.wantCd)
				}
				if tc.is != nil && !tc.is(err) {
					t.Errorf("%s: the Is helper of status %d says false for %v", via, tc.status, err)
				}
				if ssojet.IsRateLimited(err) {
					t.Errorf("%s: IsRateLimited(%v) is true", via, err)
				}
				if strings.Contains(err.Error(), tc.tok) {
					t.Errorf("%s: the error %q holds the token", via, err)
				}
			}
		})
	}
}

// TestConditional: an ETag gets a 304 while the user is unchanged, and the new logs once an
// import changed them.
func TestConditional(t *testing.T) {
	ref := newReference(t)
	c := newClient(t, ref.BaseURL, token)
	ctx := context.Background()
	first, err := c.LoginLogsIfChanged(ctx, clientID, userID, "")
	if err != nil || !first.Changed || first.ETag == "" {
		t.Fatalf("LoginLogsIfChanged without a tag: %+v, %v; want the logs and a tag", first.ETag, err)
	}
	sameLogs(t, "the first fetch", first.Logs, ref.Demo)
	if reqs := ref.requests(); reqs[len(reqs)-1].Get("If-None-Match") != "" {
		t.Errorf("a fetch without a tag sent If-None-Match %q", reqs[len(reqs)-1].Get("If-None-Match"))
	}

	again, err := c.LoginLogsIfChanged(ctx, clientID, userID, first.ETag)
	if err != nil || again.Changed || again.Logs != nil || again.ETag != first.ETag {
		t.Fatalf("LoginLogsIfChanged(%s) of an unchanged user: %+v, %v; want unchanged, no logs, the same tag", first.ETag, again, err)
	}
	if reqs := ref.requests(); reqs[len(reqs)-1].Get("If-None-Match") != first.ETag {
		t.Errorf("sent If-None-Match %q, want %q", reqs[len(reqs)-1].Get("If-None-Match"), first.ETag)
	}

	added := store.LoginLog{IPAddress: "2001:db8::1", Country: "India", City: "Pune", Name: "Jio",
		CreatedAt: time.Date(2024, 8, 1, 9, 30, 0, 120_000_000, time.UTC)}
	if err := ref.Store.AddLoginLogs(ctx, clientID, userID, []store.LoginLog{added}); err != nil {
		t.Fatal(err)
	}
	changed, err := c.LoginLogsIfChanged(ctx, clientID, userID, first.ETag)
	if err != nil || !changed.Changed || changed.ETag == first.ETag || changed.ETag == "" {
		t.Fatalf("LoginLogsIfChanged(%s) after an import: changed %v, tag %q, %v; want the new logs and a new tag", first.ETag, changed.Changed, changed.ETag, err)
	}
	stored, err := store.List(ctx, ref.Store, clientID, userID)
	if err != nil {
		t.Fatal(err)
	}
	sameLogs(t, "the fetch after an import", changed.Logs, stored)
}

// upstream is a stand-in for a proxy or an API in front of the reference server: it answers the
// first canned requests with its canned answers, and passes the others to next (nil: 500).
type upstream struct {
	canned []func(w http.ResponseWriter)
	next   http.Handler
	n      atomic.Int32
	srv    *httptest.Server
}

func newUpstream(t *testing.T, next http.Handler, canned ...func(w http.ResponseWriter)) *upstream {
	u := &upstream{canned: canned, next: next}
	u.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(u.n.Add(1)) - 1
		switch {
		case i < len(u.canned):
			u.canned[i](w)
		case u.next != nil:
			u.next.ServeHTTP(w, r)
		default:
			http.Error(w, "no more answers", http.StatusInternalServerError)
		}
	}))
	t.Cleanup(u.srv.Close)
	return u
}

func (u *upstream) baseURL() string { return u.srv.URL + "/api/v1" }

// answer is a canned answer.
func answer(status int, contentType, body string, header ...string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

// TestErrorBodies: SSOJet's error in either JSON type, and bodies that are not SSOJet's error
// at all, are *APIErrors that say what came, bounded and inert.
func TestErrorBodies(t *testing.T) {
	hostile := "<html><head><title>502 Bad Gateway</title></head><body>\x1b[2J\x1b]0;pwned\x07 upstream said: " +
		strings.Join(redacttest.Forms(token), " ") + " " + strings.Repeat("padding ", 5000) + "</body></html>"
	cases := []struct {
		name string
		ans  func(w http.ResponseWriter)
		want ssojet.APIError
	}{
		{"integer error_code", answer(400, "application/json", `{"error":"invalid_client","error_code":1001,"error_description":"The client_id is not the client of the bearer token."}`),
			ssojet.APIError{StatusCode: 400, ErrorName: "invalid_client", ErrorCode: "1001", ErrorDescription: "The client_id is not the client of the bearer token."}},
		{"string error_code", answer(401, "application/json", `{"error":"invalid_token","error_code":"1002","error_description":"Bad token."}`),
			ssojet.APIError{StatusCode: 401, ErrorName: "invalid_token", ErrorCode: "1002", ErrorDescription: "Bad token."}},
		{"integer error, string error_code", answer(404, "application/json", `{"error":801,"error_code":"resource_not_found","error_description":"User not found."}`),
			ssojet.APIError{StatusCode: 404, ErrorName: "801", ErrorCode: "resource_not_found", ErrorDescription: "User not found."}},
		{"description only", answer(500, "application/json", `{"error_description":"boom"}`),
			ssojet.APIError{StatusCode: 500, ErrorDescription: "boom"}},
		{"control characters and the token in the fields", answer(400, "application/json",
			`{"error":"bad\u001b[31m","error_code":7,"error_description":"token `+token+` refused\n"}`),
			ssojet.APIError{StatusCode: 400, ErrorName: `bad\x1b[31m`, ErrorCode: "7", ErrorDescription: `token ` + redact.Marker + ` refused\n`}},
		{"JSON of another shape", answer(400, "application/json", `{"message":"nope"}`),
			ssojet.APIError{StatusCode: 400, Body: `"{"message":"nope"}"`}},
		{"empty body", answer(502, "", ""), ssojet.APIError{StatusCode: 502}},
		{"redirect", answer(302, "text/html", "", "Location", "https://login.example/sso"),
			ssojet.APIError{StatusCode: 302, Location: "https://login.example/sso"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := newUpstream(t, nil, tc.ans)
			_, err := newClient(t, u.baseURL(), token).LoginLogs(context.Background(), clientID, userID)
			var apiErr *ssojet.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("LoginLogs: %v (%T), want an *APIError", err, err)
			}
			if *apiErr != tc.want {
				t.Errorf("LoginLogs: %#v\nwant %#v", *apiErr, tc.want)
			}
			if strings.Contains(err.Error(), token) {
				t.Errorf("error %q holds the token", err)
			}
		})
	}

	t.Run("proxy HTML page", func(t *testing.T) {
		u := newUpstream(t, nil, answer(502, "text/html", hostile))
		_, err := newClient(t, u.baseURL(), token).LoginLogs(context.Background(), clientID, userID)
		var apiErr *ssojet.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 || apiErr.ErrorName != "" {
			t.Fatalf("LoginLogs: %#v, want a 502 *APIError without SSOJet's fields", err)
		}
		if !strings.HasPrefix(apiErr.Body, `"<html><head><title>502 Bad Gateway</title>`) {
			t.Errorf("Body %q: want the start of the page", apiErr.Body)
		}
		if len(apiErr.Body) > 400 {
			t.Errorf("Body is %d bytes, want a bounded excerpt of the %d-byte page", len(apiErr.Body), len(hostile))
		}
		if s := redacttest.Survivor(err.Error(), token, redact.Marker, nil); s != "" {
			t.Errorf("error %q holds the token as %s", err, s)
		}
		if strings.ContainsAny(err.Error(), "\x1b\x07") {
			t.Errorf("error %q holds raw control characters", err)
		}
		if !strings.Contains(err.Error(), `\x1b[2J`) {
			t.Errorf("error %q: want the escape sequence shown escaped", err)
		}
	})
}

// TestRateLimited: the reference server's 429 with Retry-After is waited out and retried, or
// comes back at once without retries.
func TestRateLimited(t *testing.T) {
	ref := newReference(t, servertest.WithRateLimiter(server.NewRateLimiter(1, 1)))
	ctx := context.Background()
	if _, err := newClient(t, ref.BaseURL, token).LoginLogs(ctx, clientID, userID); err != nil {
		t.Fatalf("first request: %v", err)
	}
	before := len(ref.requests())
	_, err := newClient(t, ref.BaseURL, token, ssojet.WithoutRetries()).LoginLogs(ctx, clientID, userID)
	var apiErr *ssojet.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || apiErr.ErrorName != "rate_limit_exceeded" || apiErr.RetryAfter < time.Second || !ssojet.IsRateLimited(err) {
		t.Fatalf("second request at once, without retries: %v; want 429 rate_limit_exceeded with Retry-After", err)
	}
	if n := len(ref.requests()) - before; n != 1 {
		t.Errorf("without retries: %d requests, want 1", n)
	}

	before = len(ref.requests())
	logs, err := newClient(t, ref.BaseURL, token).LoginLogs(ctx, clientID, userID)
	if err != nil {
		t.Fatalf("with retries: %v", err)
	}
	sameLogs(t, "with retries", logs, ref.Demo)
	if n := len(ref.requests()) - before; n != 2 {
		t.Errorf("with retries: %d requests, want 2 (a 429, then the 200 after Retry-After)", n)
	}
}

// closeSignal is a transport that says when the body of an answer was closed.
type closeSignal struct {
	closed chan struct{}
	once   sync.Once
}

func (s *closeSignal) RoundTrip(r *http.Request) (*http.Response, error) {
	res, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		res.Body = &signalBody{ReadCloser: res.Body, s: s}
	}
	return res, err
}

type signalBody struct {
	io.ReadCloser
	s *closeSignal
}

func (b *signalBody) Close() error {
	err := b.ReadCloser.Close()
	b.s.once.Do(func() { close(b.s.closed) })
	return err
}

// TestCancelDuringRetryWait: a context cancelled while the client waits out Retry-After ends
// the wait at once, with an error that is both the 503 and the cancellation.
func TestCancelDuringRetryWait(t *testing.T) {
	u := newUpstream(t, nil, answer(503, "application/json", `{"error":"service_unavailable","error_code":853,"error_description":"Later."}`, "Retry-After", "25"))
	sig := &closeSignal{closed: make(chan struct{})}
	c := newClient(t, u.baseURL(), token, ssojet.WithHTTPClient(&http.Client{Transport: sig}))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := c.LoginLogs(ctx, clientID, userID)
		done <- err
	}()
	<-sig.closed // the 503 is read: the client is about to wait 25 s
	cancel()
	err := <-done
	var apiErr *ssojet.APIError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("LoginLogs cancelled during the wait: %v; want the 503 and context.Canceled", err)
	}
	if n := u.n.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// entryJSON is the JSON of a valid login log number i.
func entryJSON(i int) string {
	return fmt.Sprintf(`{"IpAddress":"10.%d.%d.%d","Country":"India","City":"Jaipur","UserAgent":"","Name":"n%d","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.%03dZ"}`,
		i>>16&255, i>>8&255, i&255, i, i%1000)
}

// TestMalformed: an answer that breaks mid-stream (not JSON, an entry that does not decode into
// a login log, a body cut short of its Content-Length) yields the entries before the break, then
// ErrMalformed; LoginLogs returns nothing of it.
func TestMalformed(t *testing.T) {
	const good = 100
	var b strings.Builder
	b.WriteString(`{"login_logs":[`)
	for i := range good {
		b.WriteString(entryJSON(i) + ",")
	}
	b.WriteString(`{"IpAddress": tru`)
	cases := []struct {
		name   string
		ans    func(w http.ResponseWriter)
		before int
		want   error
	}{
		{"broken mid-stream", answer(200, "application/json", b.String()), good, ssojet.ErrMalformed},
		{"paginated shape", answer(200, "application/json", `{"audit_logs":[],"next_cursor":null}`), 0, ssojet.ErrMalformed},
		{"HTML with 200", answer(200, "text/html; charset=utf-8", "<html><title>Sign in</title> "+token+"</html>"), 0, ssojet.ErrMalformed},
		{"an entry that does not decode", answer(200, "application/json",
			`{"login_logs":[`+entryJSON(0)+`,`+strings.Replace(entryJSON(1), "2024-07-10T", "yesterday ", 1)+`]}`), 1, ssojet.ErrMalformed},
		{"cut short of its Content-Length", answer(200, "application/json", b.String(), "Content-Length", strconv.Itoa(b.Len()+1000)), good, ssojet.ErrMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := newUpstream(t, nil, tc.ans, tc.ans)
			c := newClient(t, u.baseURL(), token)
			n := 0
			var err error
			for l, e := range c.All(context.Background(), clientID, userID) {
				if e != nil {
					err = e
					break
				}
				if want := fmt.Sprintf("n%d", n); l.Name != want {
					t.Fatalf("All: entry %d is %q, want %q", n, l.Name, want)
				}
				n++
			}
			if n != tc.before || !errors.Is(err, tc.want) {
				t.Errorf("All: %d entries, then %v; want %d, then %v", n, err, tc.before, tc.want)
			}
			logs, err := c.LoginLogs(context.Background(), clientID, userID)
			if logs != nil || !errors.Is(err, tc.want) {
				t.Errorf("LoginLogs: %d logs, %v; want none and %v", len(logs), err, tc.want)
			}
			if strings.Contains(err.Error(), token) {
				t.Errorf("error %q holds the token", err)
			}
		})
	}
}

// TestLimits: the body limit and the timeout end a read with errors that say so.
func TestLimits(t *testing.T) {
	ref := newReference(t)
	_, err := newClient(t, ref.BaseURL, token, ssojet.WithMaxBody(1000)).LoginLogs(context.Background(), clientID, userID)
	if !errors.Is(err, ssojet.ErrTooLarge) {
		t.Errorf("LoginLogs of a 24-entry answer with WithMaxBody(1000): %v, want ErrTooLarge", err)
	}

	release := make(chan struct{})
	stall := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"login_logs":[`+entryJSON(0)+",")
		w.(http.Flusher).Flush()
		select { // a body that stops coming
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer stall.Close()
	defer close(release)
	c := newClient(t, stall.URL+"/api/v1", token, ssojet.WithTimeout(100*time.Millisecond))
	n := 0
	for _, err = range c.All(context.Background(), clientID, userID) {
		if err != nil {
			break
		}
		n++
	}
	if n != 1 || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timeout") {
		t.Errorf("All of a stalled body: %d entries, then %v; want 1, then a timeout (context.DeadlineExceeded)", n, err)
	}
}

// TestAllStopsAtCancel: All yields nothing after the caller's context is cancelled, though the
// entries already read (64 KiB of them) are buffered: the next thing yielded is the
// cancellation.
func TestAllStopsAtCancel(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"login_logs":[`)
	for i := range 5000 {
		b.WriteString(entryJSON(i) + ",")
	}
	b.WriteString(entryJSON(5000) + `]}`)
	u := newUpstream(t, nil, answer(200, "application/json", b.String()))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var err error
	for _, err = range newClient(t, u.baseURL(), token).All(ctx, clientID, userID) {
		if err != nil {
			break
		}
		if n++; n == 10 {
			cancel()
		}
	}
	if n != 10 || !errors.Is(err, context.Canceled) {
		t.Errorf("All cancelled at entry 10: %d entries, then %v; want 10, then context.Canceled", n, err)
	}
}

// TestNetworkFailure: a request that gets no answer says why (here a refused connection), not
// the "context canceled" of the Client's own clean-up.
func TestNetworkFailure(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	_, err := newClient(t, closed.URL+"/api/v1", token).LoginLogs(context.Background(), clientID, userID)
	if err == nil || !strings.Contains(err.Error(), "connection refused") || errors.Is(err, context.Canceled) {
		t.Errorf("LoginLogs of a closed port: %v, want a refused connection", err)
	}
}

// TestOpen: Open returns a 200 unread, its body guarded by WithMaxBody (ErrBodyLimit, which
// is ErrTooLarge), and any other status as an *APIError.
func TestOpen(t *testing.T) {
	ref := newReference(t)
	resp, err := newClient(t, ref.BaseURL, token, ssojet.WithMaxBody(1000)).Open(context.Background(), clientID, userID)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !errors.Is(err, ssojet.ErrBodyLimit) || !errors.Is(err, ssojet.ErrTooLarge) {
		t.Errorf("Open with WithMaxBody(1000): status %d, read %v; want 200, ErrBodyLimit", resp.StatusCode, err)
	}
	_, err = newClient(t, ref.BaseURL, token).Open(context.Background(), clientID, "no-such-user")
	if !ssojet.IsNotFound(err) {
		t.Errorf("Open of an unknown user: %v, want an *APIError 404", err)
	}
}

// TestTimeoutPerWait: the timeout bounds each wait for more of the body, not the whole answer:
// a body that keeps coming, slowly, is read to its end even when it takes longer than the
// timeout.
func TestTimeoutPerWait(t *testing.T) {
	const entries = 40
	trickle := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"login_logs":[`)
		for i := range entries {
			if i > 0 {
				io.WriteString(w, ",")
			}
			io.WriteString(w, entryJSON(i))
			w.(http.Flusher).Flush()
			time.Sleep(25 * time.Millisecond) // 40 of them: twice the timeout in all
		}
		io.WriteString(w, "]}")
	}))
	defer trickle.Close()
	c := newClient(t, trickle.URL+"/api/v1", token, ssojet.WithTimeout(500*time.Millisecond))
	logs, err := c.LoginLogs(context.Background(), clientID, userID)
	if err != nil || len(logs) != entries {
		t.Errorf("LoginLogs of a slow body: %d logs, %v; want %d", len(logs), err, entries)
	}
}

// TestNew: New refuses what cannot make a request, without quoting the token.
func TestNew(t *testing.T) {
	cases := []struct{ name, base, tok string }{
		{"relative URL", "api/v1", token},
		{"no scheme", "127.0.0.1:8080/api/v1", token},
		{"ftp", "ftp://example.com/api/v1", token},
		// The generated client would append the path to the query: /api/v1?x=1 sent to /api/users/….
		{"a query", "http://127.0.0.1/api/v1?x=1", token},
		{"a fragment", "http://127.0.0.1/api/v1#v2", token},
		{"empty token", "http://127.0.0.1/api/v1", ""},
		{"token with a newline", "http://127.0.0.1/api/v1", "secret-token\r\nX-Evil: 1"},
		{"token with a space", "http://127.0.0.1/api/v1", "secret token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ssojet.New(tc.base, tc.tok)
			if err == nil || c != nil {
				t.Fatalf("New(%q, …): %v, %v; want an error", tc.base, c, err)
			}
			if tc.tok != "" && strings.Contains(err.Error(), tc.tok) {
				t.Errorf("New: %q holds the token", err)
			}
		})
	}
	if _, err := ssojet.New("", token); err != nil {
		t.Errorf("New with the default base URL: %v", err)
	}
	c := newClient(t, "https://user:"+otherToken+"@api.test/api/v1", token)
	if s := fmt.Sprintf("%v %+v %#v", c, c, c); strings.Contains(s, token) || strings.Contains(s, otherToken) {
		t.Errorf("a Client printed by fmt holds a secret: %q", s)
	}
}

// TestTransportDoer: a Doer on a transport hands on an answer as it came, a redirect whose
// Location does not parse included (an http.Client parses it before asking its redirect
// policy, and fails).
func TestTransportDoer(t *testing.T) {
	const loc = "http://[::1"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", loc)
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	resp, err := ssojet.NewTransportDoer(http.DefaultTransport, time.Second, 0).RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != loc {
		t.Fatalf("NewTransportDoer: %v, %v; want the 302 to %s", resp, err, loc)
	}
	resp.Body.Close()
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestEntriesAreTheContractsLoginLog: each entry must decode into the generated LoginLog with
// every member the contract requires present and not null; the SDK refuses nothing kin-openapi
// accepts on the contract, and each member of the seed's entries, missing, null, a number or any
// string, gets kin-openapi's verdict. The one difference: CreatedAt, read into a time.Time, may
// have an offset other than Z, which the contract's pattern refuses.
func TestEntriesAreTheContractsLoginLog(t *testing.T) {
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed-loginlogs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		LoginLogs []map[string]any `json:"login_logs"`
	}
	if err := json.Unmarshal(seed, &doc); err != nil || len(doc.LoginLogs) == 0 {
		t.Fatalf("the seed fixture: %v", err)
	}
	first := doc.LoginLogs[0]
	with := func(name string, v any) map[string]any {
		e := maps.Clone(first)
		if v == nil {
			delete(e, name)
		} else {
			e[name] = v
		}
		return e
	}
	type kase struct {
		name    string
		entry   any
		refused bool // by the SDK
	}
	cases := []kase{
		{"the seed's first entry", first, false},
		{"a member the contract does not declare", with("Region", "Rajasthan"), false},
		{"CreatedAt on 30 February", with("CreatedAt", "2024-02-30T12:16:19.647Z"), true},
		{"CreatedAt with an offset (the contract's pattern wants Z)", with("CreatedAt", "2024-07-10T17:46:19.647+05:30"), false},
		{"an entry null", json.RawMessage("null"), true},
		{"an entry an array", []any{}, true},
		{"an entry a string", "183.83.177.227", true},
		{"Country by an escaped name", json.RawMessage(strings.Replace(string(must(json.Marshal(first))), `"Country"`, ` "\u0043ountry" `, 1)), false},
		{"country for Country", json.RawMessage(strings.Replace(string(must(json.Marshal(first))), `"Country"`, `"country"`, 1)), true},
		{"Country, then Country null", json.RawMessage(strings.Replace(string(must(json.Marshal(first))), `"Country":"India"`, `"Country":"India","Country":null`, 1)), true},
		{"Country null, then Country", json.RawMessage(strings.Replace(string(must(json.Marshal(first))), `"Country":"India"`, `"Country":null,"Country":"India"`, 1)), false},
		{"a member holding members of the same names", with("Extra", map[string]any{"Country": nil, "City": []any{"}", map[string]any{"Name": nil}}, "s": "\"}{["}), false},
	}
	for name := range first {
		cases = append(cases, kase{name + " missing", with(name, nil), true}, kase{name + " null", with(name, json.RawMessage("null")), true},
			kase{name + " a number", with(name, 91), true}, kase{name + " any string", with(name, "x"), name == "CreatedAt"})
	}
	for _, tc := range cases {
		body, err := json.Marshal(map[string]any{"login_logs": []any{first, tc.entry}})
		if err != nil {
			t.Fatal(err)
		}
		u := newUpstream(t, nil, answer(200, "application/json", string(body)))
		_, err = newClient(t, u.baseURL(), token).LoginLogs(context.Background(), clientID, userID)
		if refused := err != nil; refused != tc.refused {
			t.Errorf("%s: LoginLogs of %s: %v; want refused %v", tc.name, body, err, tc.refused)
		} else if refused && (!errors.Is(err, ssojet.ErrMalformed) || !strings.Contains(err.Error(), "entry 1")) {
			t.Errorf("%s: LoginLogs: %v; want ErrMalformed naming entry 1", tc.name, err)
		}
		req := httptest.NewRequest("GET", "/api/v1/users/"+userID+"/loginlogs?client_id="+clientID, nil)
		verdict := o.Response(req, 200, http.Header{"Content-Type": {"application/json"}}, body)
		if pattern := strings.Contains(tc.name, "offset"); (verdict != nil) != (tc.refused || pattern) {
			t.Errorf("%s: kin-openapi on %s: %v; the SDK refuses it: %v", tc.name, body, verdict, tc.refused)
		}
	}
}
