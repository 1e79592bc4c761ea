package ssojet_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api/ssojet"
)

// fakeClock is a Client's clock that never waits: it records each wait asked of it and moves
// its time on by that much.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	waits []time.Duration
}

// newFakeClock returns a clock an hour ahead of the real one, on a whole second (an HTTP date's
// precision): a context deadline set from it lies in the real future, so only the Client's
// reading of it can end a call.
func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Now().Add(time.Hour).Truncate(time.Second)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) wait(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	c.t = c.t.Add(d)
	return context.Cause(ctx)
}

func (c *fakeClock) waited() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// clockedClient returns a Client of base with opts, on clock.
func clockedClient(t *testing.T, base string, clock *fakeClock, opts ...ssojet.Option) *ssojet.Client {
	t.Helper()
	c, err := ssojet.New(base, token, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ssojet.SetClock(c, clock.now, clock.wait)
	return c
}

// canned answers the first requests with canned answers (a status and a Retry-After, empty for
// none) and passes the others on to the reference server of TestMain.
type canned struct {
	answers [][2]string // status, Retry-After
	n       atomic.Int32
	srv     *httptest.Server
}

func newCanned(t *testing.T, answers ...[2]string) *canned {
	ref, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	next := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: ref.Scheme, Host: ref.Host})
	c := &canned{answers: answers}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(c.n.Add(1)) - 1
		if i >= len(c.answers) {
			next.ServeHTTP(w, r)
			return
		}
		status, after := c.answers[i][0], c.answers[i][1]
		if after != "" {
			w.Header().Set("Retry-After", after)
		}
		w.Header().Set("Content-Type", "application/json")
		switch status {
		case "429":
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"error":"rate_limit_exceeded","error_code":829,"error_description":"Slow down."}`))
		case "503":
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"error":"service_unavailable","error_code":853,"error_description":"Later."}`))
		case "500":
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte(`{"error":"internal_server_error","error_code":850,"error_description":"Oops."}`))
		default:
			t.Errorf("canned answer %q: no such status", status)
		}
	}))
	t.Cleanup(c.srv.Close)
	return c
}

// seedLogs are the logs of the demo user: the seed fixture, decoded by encoding/json.
func seedLogs(t *testing.T) []ssojet.LoginLog {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed-loginlogs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		LoginLogs []ssojet.LoginLog `json:"login_logs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || len(doc.LoginLogs) != 24 {
		t.Fatalf("the seed fixture: %d logs, %v", len(doc.LoginLogs), err)
	}
	return doc.LoginLogs
}

// fetch calls c by LoginLogs or by All.
func fetch(ctx context.Context, c *ssojet.Client, via string) ([]ssojet.LoginLog, error) {
	if via == "LoginLogs" {
		return c.LoginLogs(ctx, clientID, userID)
	}
	var logs []ssojet.LoginLog
	for l, err := range c.All(ctx, clientID, userID) {
		if err != nil {
			return logs, err
		}
		logs = append(logs, l)
	}
	return logs, nil
}

// TestRetries: which answers are retried, how often, and how long the Client waits before each
// retry, in front of the reference server, on a clock that never waits.
func TestRetries(t *testing.T) {
	a := func(status, retryAfter string) [2]string { return [2]string{status, retryAfter} }
	start := newFakeClock().now()
	date := func(d time.Duration) string { return start.Add(d).UTC().Format(http.TimeFormat) }
	cases := []struct {
		name     string
		opts     []ssojet.Option
		canned   [][2]string
		status   int // 0: the logs
		requests int
		waits    []time.Duration
	}{
		{"503 with seconds, then 200", nil, [][2]string{a("503", "0")}, 0, 2, []time.Duration{0}},
		{"503 with 3 s, then 200", nil, [][2]string{a("503", "3")}, 0, 2, []time.Duration{3 * time.Second}},
		{"503 with an HTTP date, then 200", nil, [][2]string{a("503", date(7*time.Second))}, 0, 2, []time.Duration{7 * time.Second}},
		{"503 with an HTTP date in the past, then 200", nil, [][2]string{a("503", date(-time.Hour))}, 0, 2, []time.Duration{0}},
		{"429 without Retry-After, then 200", nil, [][2]string{a("429", "")}, 0, 2, []time.Duration{time.Second}},
		{"two 429s without Retry-After, then 200", nil, [][2]string{a("429", ""), a("429", "")}, 0, 3, []time.Duration{time.Second, 2 * time.Second}},
		{"a negative Retry-After is none", nil, [][2]string{a("503", "-5")}, 0, 2, []time.Duration{time.Second}},
		{"a Retry-After that is not a number is none", nil, [][2]string{a("503", "soon")}, 0, 2, []time.Duration{time.Second}},
		{"two 503s, then 200", nil, [][2]string{a("503", "0"), a("503", "0")}, 0, 3, []time.Duration{0, 0}},
		{"three 503s: the retries run out", nil, [][2]string{a("503", "0"), a("503", "0"), a("503", "0")}, 503, 3, []time.Duration{0, 0}},
		{"WithRetries(1)", []ssojet.Option{ssojet.WithRetries(1)}, [][2]string{a("503", "0"), a("503", "0")}, 503, 2, []time.Duration{0}},
		{"WithoutRetries", []ssojet.Option{ssojet.WithoutRetries()}, [][2]string{a("503", "0")}, 503, 1, nil},
		{"Retry-After beyond the cap", nil, [][2]string{a("503", "120")}, 503, 1, nil},
		{"Retry-After of more digits than int64 holds", nil, [][2]string{a("503", strings.Repeat("9", 40))}, 503, 1, nil},
		{"Retry-After beyond WithMaxRetryWait", []ssojet.Option{ssojet.WithMaxRetryWait(time.Second)}, [][2]string{a("503", "2")}, 503, 1, nil},
		{"an HTTP date beyond the cap", nil, [][2]string{a("503", date(time.Minute))}, 503, 1, nil},
		{"500 is not retried", nil, [][2]string{a("500", "0")}, 500, 1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := newCanned(t, tc.canned...)
			for _, via := range []string{"LoginLogs", "All"} {
				u.n.Store(0)
				clock := &fakeClock{t: start}
				c := clockedClient(t, u.srv.URL+"/api/v1", clock, tc.opts...)
				logs, err := fetch(context.Background(), c, via)
				if got := int(u.n.Load()); got != tc.requests {
					t.Errorf("%s: %d requests, want %d", via, got, tc.requests)
				}
				if got := clock.waited(); !reflect.DeepEqual(got, tc.waits) {
					t.Errorf("%s: waited %v, want %v", via, got, tc.waits)
				}
				if tc.status == 0 {
					if err != nil || !reflect.DeepEqual(logs, seedLogs(t)) {
						t.Errorf("%s: %d logs, %v; want the seed's 24", via, len(logs), err)
					}
					continue
				}
				var apiErr *ssojet.APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status || logs != nil {
					t.Errorf("%s: %v, %d logs; want a %d *APIError", via, err, len(logs), tc.status)
				}
			}
		})
	}
}

// TestRetryPastTheDeadline: a wait before a retry that would end after the context's deadline
// is not begun: the call fails at once with the last answer and context.DeadlineExceeded,
// saying how long the API asked to wait. The clock never waits and the deadline lies an hour or
// more in the real future, so only the Client's reading of the deadline can end the call.
func TestRetryPastTheDeadline(t *testing.T) {
	cases := []struct {
		name     string
		answer   [2]string
		deadline time.Duration // from the clock's now
		want     []string      // in the error's text
		waits    []time.Duration
	}{
		{"Retry-After past the deadline", [2]string{"503", "7200"}, time.Hour,
			[]string{"503 Service Unavailable: service_unavailable (853)", "the API asked to wait 2h0m0s to retry", "(1h0m0s left)", "deadline exceeded"}, nil},
		{"Retry-After up to the deadline", [2]string{"429", "3600"}, time.Hour,
			[]string{"429 Too Many Requests", "the API asked to wait 1h0m0s to retry", "(1h0m0s left)"}, nil},
		{"the second try's wait without Retry-After", [2]string{"429", ""}, 500 * time.Millisecond,
			[]string{"429 Too Many Requests", "the next try is due in 1s (no Retry-After)", "(500ms left)"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := newCanned(t, tc.answer)
			for _, via := range []string{"LoginLogs", "All"} {
				u.n.Store(0)
				clock := newFakeClock()
				c := clockedClient(t, u.srv.URL+"/api/v1", clock, ssojet.WithMaxRetryWait(3*time.Hour))
				ctx, cancel := context.WithDeadline(context.Background(), clock.now().Add(tc.deadline))
				logs, err := fetch(ctx, c, via)
				cancel()
				var apiErr *ssojet.APIError
				if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &apiErr) || logs != nil {
					t.Fatalf("%s: %v, %d logs; want the %s and context.DeadlineExceeded", via, err, len(logs), tc.answer[0])
				}
				for _, w := range tc.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("%s: error %q does not say %q", via, err, w)
					}
				}
				if got := clock.waited(); len(got) != 0 {
					t.Errorf("%s: waited %v before failing, want no wait", via, got)
				}
				if n := u.n.Load(); n != 1 {
					t.Errorf("%s: %d requests, want 1", via, n)
				}
			}
		})
	}

	// A wait that ends before the deadline is waited, and the retry gets the logs.
	u := newCanned(t, [2]string{"503", "1800"})
	clock := newFakeClock()
	c := clockedClient(t, u.srv.URL+"/api/v1", clock, ssojet.WithMaxRetryWait(3*time.Hour))
	ctx, cancel := context.WithDeadline(context.Background(), clock.now().Add(time.Hour))
	defer cancel()
	logs, err := c.LoginLogs(ctx, clientID, userID)
	if err != nil || len(logs) != 24 || !reflect.DeepEqual(clock.waited(), []time.Duration{30 * time.Minute}) {
		t.Errorf("LoginLogs after a Retry-After of 30 min with an hour left: %d logs, %v, waited %v; want the 24 logs after 30m0s", len(logs), err, clock.waited())
	}
}
