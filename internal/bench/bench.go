// Package bench holds what the benchmarks, the memory tests and the runs of the built binary
// (loadrun, hostilerun) share: the data they serve, Allocated, and starting loginlogs. `make
// bench` runs the Go benchmarks and loadrun, the loopback load run of the real server in each
// validation mode and of the pinned Prism (prism/package.json).
package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"syscall"
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

// Build builds loginlogs into dir and returns the binary's path.
func Build(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "loginlogs")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/loginlogs").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// Proxying matches the line loginlogs proxy prints once it listens; its group is the base URL.
var Proxying = regexp.MustCompile(`proxying (http://\S+)/api/v1 -> `)

// Start runs cmd and waits for the line of its stdout that re matches, whose first group is the
// URL it serves; the lines after it go to rest. stop sends SIGTERM and waits for the exit.
func Start(cmd *exec.Cmd, re *regexp.Regexp, rest io.Writer) (url string, stop func(), err error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	done := make(chan struct{})
	stop = func() {
		cmd.Process.Signal(syscall.SIGTERM)
		<-done
		cmd.Wait()
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			go func() {
				for sc.Scan() {
					fmt.Fprintln(rest, sc.Text())
				}
				close(done)
			}()
			return m[1], stop, nil
		}
	}
	close(done)
	stop()
	return "", nil, errors.New("the server exited before it listened")
}

// PeakRSS returns the peak resident memory of a finished command in KiB (rusage maxrss), or 0.
func PeakRSS(cmd *exec.Cmd) int64 {
	if cmd.ProcessState == nil {
		return 0
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
