// Package loadgen drives bounded HTTP load at a server on loopback and measures it: requests per
// second and latency percentiles. A run stops by itself when its duration or its request budget
// is spent, whichever comes first, or when its context ends.
package loadgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Config describes one run.
type Config struct {
	// Concurrency is the number of clients sending requests back to back.
	Concurrency int
	// Duration bounds the run in time.
	Duration time.Duration
	// MaxRequests bounds the run in count (all clients together).
	MaxRequests int
	// Request builds the i-th request of the run (i counts from 0 across all clients).
	Request func(i int) (*http.Request, error)
	// Check, if set, inspects every answer; an error counts the request as failed.
	Check func(res *http.Response, body []byte) error
	// Client sends the requests; nil means a client with keep-alive sized for Concurrency.
	Client *http.Client
}

// Result is what a run measured.
type Result struct {
	Requests int           // answers received
	Failures int           // transport errors and answers Check refused
	Statuses map[int]int   // answers by status code
	Elapsed  time.Duration // wall time of the run
	P50, P99 time.Duration // latency percentiles over all answers
	Max      time.Duration
	Bytes    int64 // body bytes received
	// FirstFailure is the first failure seen, for the report.
	FirstFailure error
}

// RPS is the answered requests per second.
func (r Result) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// String renders the result on one line.
func (r Result) String() string {
	return fmt.Sprintf("%d req in %s (%.0f req/s), p50 %s, p99 %s, %d failed",
		r.Requests, r.Elapsed.Round(time.Millisecond), r.RPS(), r.P50, r.P99, r.Failures)
}

// Run sends requests until the duration or the request budget is spent.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if cfg.Concurrency < 1 || cfg.Duration <= 0 || cfg.MaxRequests < 1 || cfg.Request == nil {
		return Result{}, errors.New("loadgen: Concurrency, Duration, MaxRequests and Request are required")
	}
	client := cfg.Client
	if client == nil {
		client = &http.Client{Transport: &http.Transport{
			MaxIdleConns:        cfg.Concurrency,
			MaxIdleConnsPerHost: cfg.Concurrency,
			DisableCompression:  true,
		}}
		defer client.CloseIdleConnections()
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()

	var (
		next atomic.Int64 // the requests taken
		mu   sync.Mutex   // guards res and all
		res  = Result{Statuses: map[int]int{}}
		all  []time.Duration
		wg   sync.WaitGroup
	)
	start := time.Now()
	for range cfg.Concurrency {
		wg.Go(func() {
			var buf bytes.Buffer // reused: a run measures the server, not this client's allocations
			for {
				i := int(next.Add(1) - 1)
				if i >= cfg.MaxRequests || ctx.Err() != nil {
					return
				}
				answer, latency, err := send(ctx, client, cfg.Request, i, &buf)
				if err != nil && ctx.Err() != nil {
					return // the run ended while this request was in flight: not a failure
				}
				if err == nil && cfg.Check != nil {
					err = cfg.Check(answer, buf.Bytes())
				}
				mu.Lock()
				if answer != nil {
					all = append(all, latency)
					res.Statuses[answer.StatusCode]++
					res.Bytes += int64(buf.Len())
				}
				if err != nil {
					res.Failures++
					if res.FirstFailure == nil {
						res.FirstFailure = err
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Requests = len(all)
	slices.Sort(all)
	res.P50, res.P99 = percentile(all, 0.50), percentile(all, 0.99)
	if len(all) > 0 {
		res.Max = all[len(all)-1]
	}
	return res, nil
}

// send sends the i-th request and reads its answer's body into buf; it returns the answer and
// the time from sending to the body's end.
func send(ctx context.Context, client *http.Client, request func(int) (*http.Request, error), i int, buf *bytes.Buffer) (*http.Response, time.Duration, error) {
	req, err := request(i)
	if err != nil {
		return nil, 0, fmt.Errorf("build request %d: %w", i, err)
	}
	began := time.Now()
	res, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, 0, err
	}
	buf.Reset()
	_, err = buf.ReadFrom(res.Body)
	res.Body.Close()
	if err != nil {
		return nil, 0, fmt.Errorf("read body: %w", err)
	}
	return res, time.Since(began), nil
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}
