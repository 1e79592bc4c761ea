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

	var next atomic.Int64 // the requests taken
	take := func() (int, bool) {
		i := int(next.Add(1) - 1)
		return i, i < cfg.MaxRequests && ctx.Err() == nil
	}
	results := make([]workerResult, cfg.Concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range cfg.Concurrency {
		wg.Go(func() { results[w] = work(ctx, client, cfg, take) })
	}
	wg.Wait()

	res := Result{Statuses: map[int]int{}, Elapsed: time.Since(start)}
	var all []time.Duration
	for _, wr := range results {
		all = append(all, wr.latencies...)
		res.Failures += wr.failures
		res.Bytes += wr.bytes
		for s, n := range wr.statuses {
			res.Statuses[s] += n
		}
		if res.FirstFailure == nil {
			res.FirstFailure = wr.firstFailure
		}
	}
	res.Requests = len(all)
	slices.Sort(all)
	res.P50, res.P99 = percentile(all, 0.50), percentile(all, 0.99)
	if len(all) > 0 {
		res.Max = all[len(all)-1]
	}
	return res, nil
}

type workerResult struct {
	latencies    []time.Duration
	statuses     map[int]int
	failures     int
	bytes        int64
	firstFailure error
}

func work(ctx context.Context, client *http.Client, cfg Config, take func() (int, bool)) workerResult {
	wr := workerResult{statuses: map[int]int{}}
	fail := func(err error) {
		wr.failures++
		if wr.firstFailure == nil {
			wr.firstFailure = err
		}
	}
	var buf bytes.Buffer // reused: a run measures the server, not this client's allocations
	for {
		i, ok := take()
		if !ok {
			return wr
		}
		req, err := cfg.Request(i)
		if err != nil {
			fail(fmt.Errorf("build request %d: %w", i, err))
			continue
		}
		began := time.Now()
		res, err := client.Do(req.WithContext(ctx))
		if err != nil {
			if ctx.Err() != nil {
				return wr // the run ended while this request was in flight: not a failure
			}
			fail(err)
			continue
		}
		buf.Reset()
		_, err = buf.ReadFrom(res.Body)
		res.Body.Close()
		if err != nil {
			if ctx.Err() != nil {
				return wr
			}
			fail(fmt.Errorf("read body: %w", err))
			continue
		}
		wr.latencies = append(wr.latencies, time.Since(began))
		wr.statuses[res.StatusCode]++
		wr.bytes += int64(buf.Len())
		if cfg.Check != nil {
			if err := cfg.Check(res, buf.Bytes()); err != nil {
				fail(err)
			}
		}
	}
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}
