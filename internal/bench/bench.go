// Package bench holds what the benchmarks and the memory tests share: the data they serve, and
// Allocated. `make bench` runs the Go
// benchmarks and loadrun, the loopback load run of the real server in each validation mode and
// of the pinned Prism (prism/package.json).
package bench

import (
	"runtime"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
)

// Logs returns n login logs for one user: the seed's entries over and over, a second apart
// from the first seed entry's time on, so that they are in order and all distinct in time.
func Logs(seed []store.LoginLog, n int) []store.LoginLog {
	logs := make([]store.LoginLog, n)
	for i := range logs {
		logs[i] = seed[i%len(seed)]
		logs[i].CreatedAt = seed[0].CreatedAt.Add(time.Duration(i) * time.Second)
	}
	return logs
}

// Allocated returns the bytes f allocates in the whole process (runtime.MemStats.TotalAlloc):
// at least what the heap grows by while f runs, and counted the same on every run, so that a
// test may bound it where a sampled peak would depend on the garbage collector's timing.
func Allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
