package ssojet_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The examples' reference server and tenant, from the line of SSOJET_* variables that `loginlogs
// serve` prints: baseURL is its API, token a development token of the demo client clientID,
// userID the demo user, whose 24 login logs are the contract's example.
var baseURL, token, clientID, userID string

// exampleToken is the --dev-token of the examples' server.
const exampleToken = "sdk-example-token.5f1c0b2e9a7d4c38"

// TestMain runs the tests with a reference server for the examples: `loginlogs serve` built from
// this repository's root module (../../cmd/loginlogs) and run as a program, on a free loopback
// port over a SQLite file in a temporary directory. This module requires nothing of the server's;
// internal/sdktest, in the root module, tests the SDK against the server further.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ssojet-examples-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	stop, err := serve(dir)
	code := 2
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	} else {
		code = m.Run()
		stop()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// serve builds loginlogs into dir, starts `loginlogs serve` and sets baseURL, token, clientID and
// userID from what it prints; stop ends it.
func serve(dir string) (stop func(), err error) {
	bin := filepath.Join(dir, "loginlogs")
	build := exec.Command("go", "build", "-o", bin, "./cmd/loginlogs")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ./cmd/loginlogs: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--database-url", filepath.Join(dir, "logs.db"),
		"--dev-token", exampleToken)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LOGINLOGS_") { // serve's flags from the environment: none
			cmd.Env = append(cmd.Env, kv)
		}
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	stop = func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}
	vars := make(chan map[string]string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if line, ok := strings.CutPrefix(sc.Text(), "export "); ok {
				env := map[string]string{}
				for _, kv := range strings.Fields(line) {
					k, v, _ := strings.Cut(kv, "=")
					env[k] = strings.Trim(v, "'")
				}
				vars <- env
				break
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case env := <-vars:
		baseURL, token, clientID, userID = env["SSOJET_BASE_URL"], env["SSOJET_TOKEN"], env["SSOJET_CLIENT_ID"], env["SSOJET_USER_ID"]
	case <-time.After(60 * time.Second):
		stop()
		return nil, fmt.Errorf("loginlogs serve printed no SSOJET_* line in 60 s; stderr:\n%s", stderr.String())
	}
	if baseURL == "" || token != exampleToken || clientID == "" || userID == "" {
		stop()
		return nil, fmt.Errorf("loginlogs serve printed SSOJET_BASE_URL=%q SSOJET_TOKEN=%q SSOJET_CLIENT_ID=%q SSOJET_USER_ID=%q", baseURL, token, clientID, userID)
	}
	return stop, nil
}
