package proxy_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// entriesWriter writes a valid login-logs body of n entries, entry by entry, without holding it.
func entriesWriter(w io.Writer, n int) (int64, error) {
	var total int64
	write := func(s string) error {
		k, err := io.WriteString(w, s)
		total += int64(k)
		return err
	}
	if err := write(`{"login_logs":[`); err != nil {
		return total, err
	}
	for i := range n {
		sep := ","
		if i == 0 {
			sep = ""
		}
		entry := fmt.Sprintf(`%s{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-11T07:%02d:%02d.14Z"}`, sep, i/60%60, i%60)
		if err := write(entry); err != nil {
			return total, err
		}
	}
	return total, write(`]}`)
}

// BenchmarkProxy200MB streams a valid 200 MB answer (about 1.2 million entries, generated on the
// fly) through the proxy in report mode, judged as it streams, and reports the peak heap in use
// of the whole process (upstream, proxy and client) beside the throughput.
// PROXY_BENCH_WORKERS sets Limits.Workers (0: entries judged as they are written);
// PROXY_BENCH_MODE=enforce judges in enforce mode.
func BenchmarkProxy200MB(b *testing.B) {
	const entries = 1_200_000
	size, _ := entriesWriter(io.Discard, entries)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		entriesWriter(w, entries)
	}))
	defer up.Close()
	workers := 0
	if w := os.Getenv("PROXY_BENCH_WORKERS"); w != "" {
		workers, _ = strconv.Atoi(w)
	}
	pr := startProxy(b, up.URL, func(c *proxy.Config) {
		c.Limits.Workers = workers
		if os.Getenv("PROXY_BENCH_MODE") == "enforce" {
			c.Mode = validate.Enforce
		}
	})
	url := logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID)

	runtime.GC()
	base := heapInUse()
	peak := sampleHeap(time.Millisecond)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		res, err := http.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		n, err := io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if err != nil || n != size {
			b.Fatalf("read %d of %d bytes: %v", n, size, err)
		}
	}
	b.StopTimer()
	highest := peak()
	b.ReportMetric(float64(highest)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(int64(highest)-int64(base))/(1<<20), "heap-growth-MB")
	if s := pr.summary(); s.UpstreamViolations != 0 || s.Unjudged != 0 {
		b.Fatalf("summary: %d violations, %d unjudged; want a clean verdict on every answer", s.UpstreamViolations, s.Unjudged)
	}
}
