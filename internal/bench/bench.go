// Package bench holds what the benchmarks share: the data they serve. `make bench` runs the Go
// benchmarks and loadrun, the loopback load run of the real server in each validation mode and
// of the pinned Prism (prism/package.json).
package bench

import (
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
