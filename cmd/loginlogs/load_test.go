//go:build soak

// The soak tests (load, SIGTERM under load, slow clients) run with `make soak`, not `make test`.

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/loadgen"
	"github.com/ssojet-tools/loginlogs/internal/server"
)

const loadToken = "load-test-token"

// mixedRequests is a request mix over every documented answer but 5xx: the seeded user (200),
// an unknown user (404), another client_id (403), an unknown token (401), no client_id (400).
func mixedRequests(base string) (func(i int) (*http.Request, error), func(*http.Request) int) {
	demo := base + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + url.QueryEscape(server.DemoClientID)
	kinds := []struct {
		url, token string
		status     int
	}{
		{demo, loadToken, 200},
		{demo, loadToken, 200},
		{base + "/api/v1/users/000000000000000000000000/loginlogs?client_id=" + url.QueryEscape(server.DemoClientID), loadToken, 404},
		{base + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=cli_someone_else", loadToken, 403},
		{demo, "not-a-token", 401},
		{base + "/api/v1/users/" + server.DemoUserID + "/loginlogs", loadToken, 400},
	}
	build := func(i int) (*http.Request, error) {
		k := kinds[i%len(kinds)]
		req, err := http.NewRequest("GET", k.url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+k.token)
		req.Header.Set("Accept", "application/json")
		req.Header.Set("X-Load-Kind", fmt.Sprint(i%len(kinds)))
		return req, nil
	}
	want := func(req *http.Request) int {
		var k int
		fmt.Sscan(req.Header.Get("X-Load-Kind"), &k)
		return kinds[k].status
	}
	return build, want
}

// TestLoadKeepsTheContract: 64 concurrent clients for 20 s (3 s with -short) against the built
// binary with --validate-responses=enforce: zero transport errors, every answer has the status
// its request calls for and satisfies the contract (judged in the client by kin-openapi alone,
// package oracle), and the server
// logged no violation. SIGTERM afterwards exits 0.
func TestLoadKeepsTheContract(t *testing.T) {
	duration := 20 * time.Second
	if testing.Short() {
		duration = 3 * time.Second
	}
	s := startBinary(t, "--validate-responses", "enforce", "--tokens", tokenFile(t, loadToken),
		"--database-url", "sqlite:"+filepath.Join(t.TempDir(), "load.db"))
	build, want := mixedRequests(s.base)
	cc := newContractCheck(t)
	res, err := loadgen.Run(t.Context(), loadgen.Config{
		Concurrency: 64, Duration: duration, MaxRequests: 50_000_000, Request: build,
		Check: func(res *http.Response, body []byte) error {
			if w := want(res.Request); res.StatusCode != w {
				return fmt.Errorf("%s: status %d, want %d: %s", res.Request.URL, res.StatusCode, w, body)
			}
			return cc.check(res, body)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("64 clients for %s: %s; statuses %v; %d body bytes", duration, res, res.Statuses, res.Bytes)
	if res.Failures != 0 {
		t.Errorf("%d of %d requests failed; first: %v", res.Failures, res.Requests, res.FirstFailure)
	}
	if res.Requests < 1000 {
		t.Errorf("only %d requests answered in %s", res.Requests, duration)
	}
	if code := s.terminate(t); code != 0 {
		t.Errorf("serve after SIGTERM: exit %d, want 0\nstderr tail:\n%s", code, tail(s.stderr.String(), 20))
	}
	log := s.stderr.String()
	if v := logLines(log, "violates the contract"); len(v) > 0 {
		t.Errorf("the server logged %d contract violations, first: %s", len(v), v[0])
	}
	// When the run's time is up, loadgen cancels the requests in flight; the handler logs those
	// (the client went away) as errors with "context canceled". Any other error is a failure.
	canceled := 0
	for _, e := range logLines(log, "level=ERROR") {
		if strings.Contains(e, "context canceled") {
			canceled++
			continue
		}
		t.Errorf("the server logged an error: %s", e)
	}
	if canceled > 0 {
		t.Logf("%d requests cancelled by the clients at the end of the run were logged as errors (context canceled)", canceled)
	}
	if n := len(logLines(log, "msg=request ")); n != res.Requests {
		t.Logf("server logged %d requests, the clients counted %d answers", n, res.Requests)
	}
}

// refusalCounter is a RoundTripper that counts transport errors by kind.
type refusalCounter struct {
	base            http.RoundTripper
	refused, others atomic.Int64
	mu              sync.Mutex
	firstOther      error
}

func (r *refusalCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := r.base.RoundTrip(req)
	if err != nil && req.Context().Err() == nil {
		if errors.Is(err, syscall.ECONNREFUSED) {
			r.refused.Add(1)
		} else {
			r.others.Add(1)
			r.mu.Lock()
			if r.firstOther == nil {
				r.firstOther = err
			}
			r.mu.Unlock()
		}
	}
	return res, err
}

// TestSIGTERMUnderLoad sends SIGTERM to the built binary in the middle of a 32-client load: the
// process exits 0, and every request the server accepted completes with its full, valid answer;
// the only failures are connections refused once the listener was closed.
func TestSIGTERMUnderLoad(t *testing.T) {
	s := startBinary(t, "--validate-responses", "enforce", "--tokens", tokenFile(t, loadToken),
		"--database-url", "sqlite:"+filepath.Join(t.TempDir(), "term.db"))
	build, want := mixedRequests(s.base)
	cc := newContractCheck(t)
	rt := &refusalCounter{base: &http.Transport{MaxIdleConnsPerHost: 32, DisableCompression: true,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}}
	var signalled atomic.Int64 // UnixNano of SIGTERM
	var afterSignal atomic.Int64
	var wrong atomic.Int64 // answers with another status than wanted, or breaking the contract
	var firstWrong atomic.Value
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	type outcome struct {
		res loadgen.Result
		err error
	}
	out := make(chan outcome, 1)
	go func() {
		res, err := loadgen.Run(ctx, loadgen.Config{
			Concurrency: 32, Duration: 30 * time.Second, MaxRequests: 50_000_000, Request: build,
			Client: &http.Client{Transport: rt},
			Check: func(res *http.Response, body []byte) error {
				if sig := signalled.Load(); sig != 0 && time.Now().UnixNano() > sig {
					afterSignal.Add(1)
				}
				err := cc.check(res, body)
				if w := want(res.Request); res.StatusCode != w {
					err = fmt.Errorf("%s: status %d, want %d: %s", res.Request.URL, res.StatusCode, w, body)
				}
				if err != nil && wrong.Add(1) == 1 {
					firstWrong.Store(err)
				}
				return err
			},
		})
		out <- outcome{res, err}
	}()
	time.Sleep(2 * time.Second)
	signalled.Store(time.Now().UnixNano())
	code := s.terminate(t)
	time.Sleep(300 * time.Millisecond) // let clients see the closed listener
	cancel()
	o := <-out
	if o.err != nil {
		t.Fatal(o.err)
	}
	t.Logf("load until SIGTERM and after: %s; statuses %v; %d answers completed after SIGTERM; transport errors: %d refused after the listener closed, %d other",
		o.res, o.res.Statuses, afterSignal.Load(), rt.refused.Load(), rt.others.Load())
	if code != 0 {
		t.Errorf("serve after SIGTERM under load: exit %d, want 0\nstderr tail:\n%s", code, tail(s.stderr.String(), 20))
	}
	if n := rt.others.Load(); n != 0 {
		t.Errorf("%d requests failed other than by a refused connection; first: %v", n, rt.firstOther)
	}
	if n := wrong.Load(); n != 0 {
		t.Errorf("%d answers were wrong (status or contract); first: %v", n, firstWrong.Load())
	}
	if !strings.Contains(s.stderr.String(), "msg=stopped") {
		t.Errorf("serve did not log a clean stop\nstderr tail:\n%s", tail(s.stderr.String(), 20))
	}
}

// TestSlowClientsAreCutOff opens 200 slowloris connections that send their headers one byte a
// second: the server's ReadHeaderTimeout (5 s) closes every one of them, and a normal client
// running alongside keeps getting 200s with bounded latency.
func TestSlowClientsAreCutOff(t *testing.T) {
	s := startBinary(t, "--tokens", tokenFile(t, loadToken), "--database-url", "sqlite:"+filepath.Join(t.TempDir(), "slow.db"))
	addr := strings.TrimPrefix(s.base, "http://")
	const slow = 200
	var wg sync.WaitGroup
	cutAfter := make([]time.Duration, slow)
	sent := make([]int, slow)
	for i := range slow {
		wg.Go(func() {
			conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				t.Errorf("slow client %d: dial: %v", i, err)
				return
			}
			defer conn.Close()
			start := time.Now()
			closed := make(chan struct{})
			go func() { io.Copy(io.Discard, conn); close(closed) }()
			msg := "GET /api/v1/users/" + server.DemoUserID + "/loginlogs HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("a", 60)
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for k := 0; ; k++ {
				if k < len(msg) {
					if _, err := conn.Write([]byte{msg[k]}); err != nil {
						break
					}
					sent[i]++
				}
				select {
				case <-closed:
					cutAfter[i] = time.Since(start)
					return
				case <-tick.C:
				case <-time.After(20 * time.Second):
					t.Errorf("slow client %d: still connected after 20s", i)
					return
				}
			}
			select {
			case <-closed:
				cutAfter[i] = time.Since(start)
			case <-time.After(20 * time.Second):
				t.Errorf("slow client %d: still connected after 20s", i)
			}
		})
	}
	// The normal client, meanwhile.
	demo := s.base + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + url.QueryEscape(server.DemoClientID)
	var lat []time.Duration
	end := time.Now().Add(7 * time.Second)
	for time.Now().Before(end) {
		req, _ := http.NewRequestWithContext(t.Context(), "GET", demo, nil)
		req.Header.Set("Authorization", "Bearer "+loadToken)
		began := time.Now()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("normal client while slowloris runs: %v", err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		lat = append(lat, time.Since(began))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("normal client while slowloris runs: status %d, want 200", res.StatusCode)
		}
		time.Sleep(50 * time.Millisecond)
	}
	wg.Wait()
	var worst, minCut, maxCut time.Duration
	for _, l := range lat {
		worst = max(worst, l)
	}
	minCut = time.Hour
	for i, c := range cutAfter {
		if c == 0 {
			continue // reported above
		}
		minCut, maxCut = min(minCut, c), max(maxCut, c)
		if sent[i] >= 60 {
			t.Errorf("slow client %d sent its %d bytes before being cut off", i, sent[i])
		}
	}
	t.Logf("%d slowloris connections (1 header byte/s) cut off after %s to %s; normal client: %d requests, all 200, worst latency %s",
		slow, minCut.Round(time.Millisecond), maxCut.Round(time.Millisecond), len(lat), worst.Round(time.Millisecond))
	if len(lat) < 10 {
		t.Errorf("normal client: only %d answers in 7s", len(lat))
	}
	if worst > 3*time.Second {
		t.Errorf("normal client: worst latency %s while slowloris ran, want under 3s", worst)
	}
	if code := s.terminate(t); code != 0 {
		t.Errorf("serve after SIGTERM: exit %d, want 0", code)
	}
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
