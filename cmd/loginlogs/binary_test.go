package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/server"
)

// The binary is built once per test run, on first use, and removed by TestMain.
var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// loginlogsBinary returns the path of a loginlogs built from this tree: LOGINLOGS_TEST_BINARY,
// which `make test` builds once for every test that runs the program, or else ./cmd/loginlogs
// built once here.
func loginlogsBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		if binPath = os.Getenv("LOGINLOGS_TEST_BINARY"); binPath != "" {
			return
		}
		binDir, binErr = os.MkdirTemp("", "loginlogs-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "loginlogs")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// served is a `loginlogs serve` process started by a test.
type served struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:PORT
	stdout *syncBuffer
	stderr *syncBuffer
	done   chan struct{}
	err    error // Wait's error, set when done is closed
}

// tokenFile writes a token file binding token to the demo client.
func tokenFile(t *testing.T, token string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(p, []byte(token+" "+server.DemoClientID+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// startBinary runs the built binary's serve verb on 127.0.0.1:0 and waits until /healthz
// answers. The process is killed at the end of the test if it is still running.
func startBinary(t *testing.T, args ...string) *served {
	t.Helper()
	s := &served{stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan struct{})}
	s.cmd = exec.Command(loginlogsBinary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	s.cmd.Env = append(os.Environ(), "LOGINLOGS_TOKENS=", "LOGINLOGS_DATABASE_URL=", "LOGINLOGS_RATE_LIMIT=")
	s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start serve: %v", err)
	}
	go func() { s.err = s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			s.cmd.Process.Kill()
			<-s.done
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := servingLine.FindStringSubmatch(s.stdout.String()); m != nil {
			s.base = m[1]
			break
		}
		select {
		case <-s.done:
			t.Fatalf("serve %v exited early: %v\nstderr:\n%s", args, s.err, s.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve %v printed no address in 30s\nstderr:\n%s", args, s.stderr.String())
		}
	}
	for {
		res, err := http.Get(s.base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve %v: /healthz not 200 within 30s: %v", args, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// terminate sends SIGTERM and returns the exit code (fails the test after 30s).
func (s *served) terminate(t *testing.T) int {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	return s.wait(t)
}

func (s *served) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not exit within 30s of SIGTERM\nstderr:\n%s", s.stderr.String())
	}
	return s.cmd.ProcessState.ExitCode()
}

// contractCheck judges an answer with kin-openapi alone (package oracle).
type contractCheck struct{ o *oracle.Oracle }

func newContractCheck(t *testing.T) contractCheck {
	t.Helper()
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	return contractCheck{o}
}

func (c contractCheck) check(res *http.Response, body []byte) error {
	if err := c.o.Response(res.Request, res.StatusCode, res.Header, body); err != nil {
		return fmt.Errorf("%s %s: %d violates the contract: %v", res.Request.Method, res.Request.URL, res.StatusCode, err)
	}
	return nil
}

// logLines returns the lines of a log that contain s.
func logLines(log, s string) []string {
	var out []string
	for l := range strings.Lines(log) {
		if strings.Contains(l, s) {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}
