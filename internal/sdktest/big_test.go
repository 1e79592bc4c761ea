package ssojet_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/store"
)

// bigUser is the user with 200,000 logs.
const (
	bigUser    = "66b000000000000000000200"
	bigEntries = 200_000
)

// bigLogs returns n distinct login logs, oldest first.
func bigLogs(n int) []store.LoginLog {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	logs := make([]store.LoginLog, n)
	for i := range logs {
		logs[i] = store.LoginLog{IPAddress: fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255), Country: "India",
			City: "Jaipur", Name: fmt.Sprintf("n%d", i), CreatedAt: start.Add(time.Duration(i) * time.Second)}
	}
	return logs
}

// TestAllBigUser: the reference server streams a user with 200,000 logs, and All reads every
// one of them, in order.
func TestAllBigUser(t *testing.T) {
	if testing.Short() {
		t.Skip("200,000 entries through the reference server")
	}
	ref := newReference(t)
	logs := bigLogs(bigEntries)
	if err := ref.Store.AddLoginLogs(context.Background(), clientID, bigUser, logs); err != nil {
		t.Fatal(err)
	}
	n := 0
	for l, err := range newClient(t, ref.BaseURL, token).All(context.Background(), clientID, bigUser) {
		if err != nil {
			t.Fatalf("All: after %d entries: %v", n, err)
		}
		if w := logs[n]; l.IpAddress != w.IPAddress || l.Name != w.Name || !l.CreatedAt.Equal(w.CreatedAt) {
			t.Fatalf("All: entry %d is %+v, want %+v", n, l, w)
		}
		n++
	}
	if n != bigEntries {
		t.Errorf("All: %d entries, want %d", n, bigEntries)
	}
}

// bigBody writes the 200 body of bigEntries entries to a file in dir and serves it, so that
// what a measurement sees of the heap is the client's alone.
func bigBody(tb testing.TB) (base string, size int64) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "big.json")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	f.WriteString(`{"login_logs":[`)
	for i := range bigEntries {
		if i > 0 {
			f.WriteString(",")
		}
		f.WriteString(entryJSON(i))
	}
	f.WriteString("]}")
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		http.ServeFile(w, r, path)
	}))
	tb.Cleanup(srv.Close)
	return srv.URL + "/api/v1", fi.Size()
}

// peakHeap runs read and returns the highest heap in use above the heap before it, sampled
// whenever read calls sample.
func peakHeap(read func(sample func())) uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc
	read(func() {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
	})
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapAlloc)
	return peak - base
}

// TestAllBoundedMemory: All holds a bounded part of a 200,000-entry answer, LoginLogs all of it.
func TestAllBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("200,000 entries")
	}
	base, size := bigBody(t)
	c := newClient(t, base, token)
	n := 0
	all := peakHeap(func(sample func()) {
		for _, err := range c.All(context.Background(), clientID, bigUser) {
			if err != nil {
				t.Fatalf("All: %v", err)
			}
			if n++; n%1000 == 0 {
				sample()
			}
		}
	})
	var logs []ssojet.LoginLog
	whole := peakHeap(func(sample func()) {
		var err error
		logs, err = c.LoginLogs(context.Background(), clientID, bigUser)
		if err != nil {
			t.Fatalf("LoginLogs: %v", err)
		}
	})
	t.Logf("%d-byte answer of %d entries: All peak heap %.1f MB, LoginLogs %.1f MB", size, n, float64(all)/1e6, float64(whole)/1e6)
	if n != bigEntries || len(logs) != bigEntries {
		t.Fatalf("All read %d entries, LoginLogs %d; want %d", n, len(logs), bigEntries)
	}
	if all > uint64(size)/4 {
		t.Errorf("All over a %d-byte answer: peak heap %d bytes, want under a quarter of the answer", size, all)
	}
}

// BenchmarkRead reads a 200,000-entry answer with All and with LoginLogs; peak-heap-MB is the
// most either held at once.
func BenchmarkRead(b *testing.B) {
	base, size := bigBody(b)
	c := newClient(b, base, token)
	reads := []struct {
		name string
		read func(sample func()) error
	}{
		{"All", func(sample func()) error {
			n := 0
			for _, err := range c.All(context.Background(), clientID, bigUser) {
				if err != nil {
					return err
				}
				if n++; n%1000 == 0 {
					sample()
				}
			}
			return nil
		}},
		{"LoginLogs", func(func()) error {
			_, err := c.LoginLogs(context.Background(), clientID, bigUser)
			return err
		}},
	}
	for _, r := range reads {
		b.Run(r.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			var peak uint64
			for b.Loop() {
				var err error
				peak = max(peak, peakHeap(func(sample func()) { err = r.read(sample) }))
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
		})
	}
}
