package loadgen

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunStopsAtRequestBudget(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if r.URL.Query().Get("i") == "7" {
			w.WriteHeader(http.StatusTeapot)
		}
		w.Write([]byte("hello"))
	}))
	defer srv.Close()

	res, err := Run(context.Background(), Config{
		Concurrency: 4,
		Duration:    10 * time.Second,
		MaxRequests: 50,
		Request: func(i int) (*http.Request, error) {
			return http.NewRequest(http.MethodGet, srv.URL+"/?i="+strconv.Itoa(i), nil)
		},
		Check: func(res *http.Response, body []byte) error {
			if res.StatusCode != http.StatusOK {
				return errors.New(res.Status)
			}
			return nil
		},
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if res.Requests != 50 || served.Load() != 50 {
		t.Errorf("Run with MaxRequests 50: %d answers, %d served, want 50 and 50", res.Requests, served.Load())
	}
	if res.Failures != 1 || res.Statuses[http.StatusTeapot] != 1 || res.FirstFailure == nil {
		t.Errorf("Run: %d failures, statuses %v, want exactly the one 418 counted", res.Failures, res.Statuses)
	}
	if res.Bytes != 50*5 {
		t.Errorf("Run: %d body bytes, want %d", res.Bytes, 50*5)
	}
	if res.P50 <= 0 || res.P99 < res.P50 || res.Max < res.P99 {
		t.Errorf("Run: p50 %s p99 %s max %s, want 0 < p50 <= p99 <= max", res.P50, res.P99, res.Max)
	}
}

func TestRunStopsAtDuration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Millisecond)
	}))
	defer srv.Close()
	res, err := Run(context.Background(), Config{
		Concurrency: 2,
		Duration:    200 * time.Millisecond,
		MaxRequests: 1_000_000,
		Request: func(int) (*http.Request, error) {
			return http.NewRequest(http.MethodGet, srv.URL, nil)
		},
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if res.Requests == 0 || res.Requests >= 1_000_000 {
		t.Errorf("Run for 200ms: %d answers, want some but far fewer than the budget", res.Requests)
	}
	if res.Failures != 0 {
		t.Errorf("Run for 200ms: %d failures (%v), want 0: requests cut by the deadline are not failures", res.Failures, res.FirstFailure)
	}
}

func TestRunRejectsIncompleteConfig(t *testing.T) {
	if _, err := Run(context.Background(), Config{Concurrency: 1}); err == nil {
		t.Error("Run with no Duration, MaxRequests or Request: nil error, want one")
	}
}
