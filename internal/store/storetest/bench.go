package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
)

// benchEntries is how many entries one iteration of BenchmarkAddLoginLogs writes.
const benchEntries = 100_000

// BenchmarkAddLoginLogs writes benchEntries login logs per iteration, each iteration to a new
// user, in batches of 1,000, of 5,000 (the importer's default --batch-size) and of 20,000, and
// reports the throughput as entries/s. The entries are like the seed's, a few milliseconds apart.
func BenchmarkAddLoginLogs(b *testing.B, s Store) {
	for _, batch := range []int{1_000, 5_000, 20_000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) { benchAdd(b, s, batch) })
	}
}

func benchAdd(b *testing.B, s Store, batch int) {
	logs := make([]store.LoginLog, benchEntries)
	start := time.Date(2024, 7, 10, 12, 16, 19, 647_000_000, time.UTC)
	for i := range logs {
		logs[i] = store.LoginLog{
			IPAddress: "183.83.177.227", Country: "India", City: "Jaipur", Name: "Amazon CloudFront",
			CreatedAt: start.Add(time.Duration(i) * 3 * time.Millisecond),
		}
	}
	ctx := b.Context()
	b.ReportAllocs()
	user := 0
	for b.Loop() {
		user++
		userID := fmt.Sprintf("bench_user_%d_%d", batch, user)
		for lo := 0; lo < len(logs); lo += batch {
			hi := min(lo+batch, len(logs))
			if err := s.AddLoginLogs(ctx, "bench_client", userID, logs[lo:hi]); err != nil {
				b.Fatalf("AddLoginLogs(bench_client, %s, entries %d..%d): %v", userID, lo, hi-1, err)
			}
		}
	}
	b.ReportMetric(float64(user*benchEntries)/b.Elapsed().Seconds(), "entries/s")
}
