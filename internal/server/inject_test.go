package server_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	gosdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// recorder is the transport of an SDK client under test: it adds a Prefer header to the first
// `preferFor` requests, counts the requests, and judges every answer but a cut one with
// kin-openapi.
type recorder struct {
	t         *testing.T
	prefer    string
	preferFor int

	mu       sync.Mutex
	statuses []int
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	n := len(r.statuses)
	r.mu.Unlock()
	req = req.Clone(req.Context())
	if n < r.preferFor {
		req.Header.Set("Prefer", r.prefer)
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.statuses = append(r.statuses, res.StatusCode)
	r.mu.Unlock()
	if res.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		checkContract(r.t, res, body)
		res.Body = io.NopCloser(bytes.NewReader(body))
	}
	return res, nil
}

func (r *recorder) seen() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]int(nil), r.statuses...)
}

// client is the Go SDK on base, through rec, with opts.
func client(t *testing.T, base string, rec *recorder, opts ...gosdk.Option) *gosdk.Client {
	t.Helper()
	c, err := gosdk.New(base+validate.BasePath, tokenA, append([]gosdk.Option{gosdk.WithHTTPClient(&http.Client{Transport: rec})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestFaultsWithTheSDK injects each fault into the real server over loopback and checks what
// the Go SDK makes of it: a 503 retried after its Retry-After, a cut body and a slow answer
// reported as errors.
func TestFaultsWithTheSDK(t *testing.T) {
	url, _ := start(t, setup{})

	t.Run("fault=503 once, retried", func(t *testing.T) {
		rec := &recorder{t: t, prefer: "fault=503; retry-after=0", preferFor: 1}
		logs, err := client(t, url, rec).LoginLogs(t.Context(), server.DemoClientID, server.DemoUserID)
		if err != nil || len(logs) != 24 {
			t.Fatalf("LoginLogs after one 503: %d logs, %v; want 24, nil", len(logs), err)
		}
		if got := rec.seen(); len(got) != 2 || got[0] != 503 || got[1] != 200 {
			t.Errorf("statuses seen %v, want [503 200]", got)
		}
	})
	t.Run("fault=503 always, retries run out", func(t *testing.T) {
		rec := &recorder{t: t, prefer: "fault=503; retry-after=0", preferFor: 100}
		_, err := client(t, url, rec, gosdk.WithRetries(2)).LoginLogs(t.Context(), server.DemoClientID, server.DemoUserID)
		var apiErr *gosdk.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
			t.Fatalf("LoginLogs with 503 always: %v, want an *APIError of 503", err)
		}
		if got := rec.seen(); len(got) != 3 {
			t.Errorf("statuses seen %v, want three 503s (two retries)", got)
		}
	})
	t.Run("fault=cut", func(t *testing.T) {
		rec := &recorder{t: t, prefer: "fault=cut", preferFor: 100}
		logs, err := client(t, url, rec).LoginLogs(t.Context(), server.DemoClientID, server.DemoUserID)
		if err == nil {
			t.Fatalf("LoginLogs of a cut answer: %d logs, no error; want an error", len(logs))
		}
		var apiErr *gosdk.APIError
		if errors.As(err, &apiErr) {
			t.Errorf("LoginLogs of a cut answer: %v, want a transport error, not an *APIError", err)
		}
		if got := rec.seen(); len(got) != 1 || got[0] != 200 {
			t.Errorf("statuses seen %v, want [200] (cut in the body)", got)
		}
	})
	t.Run("fault=slow", func(t *testing.T) {
		rec := &recorder{t: t, prefer: "fault=slow; delay=3s", preferFor: 100}
		_, err := client(t, url, rec, gosdk.WithTimeout(50*time.Millisecond)).LoginLogs(t.Context(), server.DemoClientID, server.DemoUserID)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("LoginLogs of a slow answer with a short timeout: %v, want a timeout", err)
		}
	})
}

// TestErrorRateAndLatency: Faults.ErrorRate answers the documented 503 with Retry-After, which
// the SDK retries; Faults.Latency delays answers past a client's timeout.
func TestErrorRateAndLatency(t *testing.T) {
	draws := []float64{0.1, 0.1, 0.7} // below the rate: 503; above: the real answer
	var mu sync.Mutex
	next := func() float64 {
		mu.Lock()
		defer mu.Unlock()
		v := draws[0]
		draws = append(draws[1:], v)
		return v
	}
	url, _ := start(t, setup{config: func(c *server.Config) {
		c.Faults = &server.Faults{ErrorRate: 0.5, Rand: next}
	}})
	res, body := do(t, http.MethodGet, demoPath(url), tokenA)
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != server.ErrorRetryAfter {
		t.Fatalf("GET with error rate, draw 0.1: %d, Retry-After %q; want 503 with %s", res.StatusCode, res.Header.Get("Retry-After"), server.ErrorRetryAfter)
	}
	checkContract(t, res, body)
	checkError(t, res, body, 853, "")

	rec := &recorder{t: t, prefer: "retry-after=0", preferFor: 100}
	logs, err := client(t, url, rec).LoginLogs(t.Context(), server.DemoClientID, server.DemoUserID)
	if err != nil || len(logs) != 24 {
		t.Fatalf("LoginLogs with a 503 every other request: %d logs, %v; want 24, nil", len(logs), err)
	}
	if got := rec.seen(); len(got) != 2 || got[0] != 503 || got[1] != 200 {
		t.Errorf("statuses seen %v, want [503 200]", got)
	}

	slow, _ := start(t, setup{config: func(c *server.Config) {
		c.Faults = &server.Faults{LatencyMin: 2 * time.Second, LatencyMax: 3 * time.Second}
	}})
	_, err = client(t, slow, &recorder{t: t}, gosdk.WithTimeout(50*time.Millisecond)).LoginLogs(t.Context(), server.DemoClientID, server.DemoUserID)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("LoginLogs with latency 2s-3s and a short timeout: %v, want a timeout", err)
	}
}
