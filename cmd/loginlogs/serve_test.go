package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"

	"github.com/ssojet-tools/loginlogs/gen/ssojet"
)

// syncBuffer is an io.Writer the test can read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func noEnv(string) string { return "" }

var curlLine = regexp.MustCompile(`curl -sS -H 'Authorization: Bearer (\S+)' '(http://[^/]+)/api/v1/users/(\w+)/loginlogs\?client_id=([^']+)'`)

// TestServeEndToEnd drives run itself: serve on 127.0.0.1:0 with a temporary SQLite file (and a
// fresh PostgreSQL schema), read the printed curl command, wait for /healthz, call the API with
// the SDK, cancel, expect nil.
func TestServeEndToEnd(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		serveAndCall(t, "sqlite:"+filepath.Join(t.TempDir(), "loginlogs.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		serveAndCall(t, pgtest.FreshURL(t))
	})
}

var servingLine = regexp.MustCompile(`loginlogs serve: (http://[^/]+)/api/v1 `)

// startServe runs `serve` in the background and waits for its first stdout lines; stop cancels
// it and returns run's error.
func startServe(t *testing.T, args []string, getenv func(string) string) (stdout, stderr *syncBuffer, stop func() error) {
	t.Helper()
	return startVerb(t, "serve", servingLine, args, getenv)
}

// startVerb runs verb with args in the background until its stdout matches ready; stop cancels
// it (as SIGTERM does) and returns run's error, the same on every call. The test's cleanup stops
// it too.
func startVerb(t *testing.T, verb string, ready *regexp.Regexp, args []string, getenv func(string) string) (stdout, stderr *syncBuffer, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{verb}, args...), getenv, stdout, stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for !ready.MatchString(stdout.String()) {
		select {
		case err := <-done:
			cancel()
			t.Fatalf("run(%s %v) returned early: %v\nstderr:\n%s", verb, args, err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("run(%s %v) printed no address in 10s\nstdout:\n%s\nstderr:\n%s", verb, args, stdout.String(), stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	var stopped bool
	var err error
	stop = func() error {
		if stopped {
			return err
		}
		stopped = true
		cancel()
		select {
		case err = <-done:
			return err
		case <-time.After(15 * time.Second):
			t.Fatalf("run(%s) did not return within 15s of cancel", verb)
			return nil
		}
	}
	t.Cleanup(func() { stop() })
	return stdout, stderr, stop
}

func sdkClient(t *testing.T, base, token string) *ssojet.ClientWithResponses {
	t.Helper()
	c, err := ssojet.NewClientWithResponses(base+"/api/v1", ssojet.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+token)
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func serveAndCall(t *testing.T, databaseURL string) {
	stdout, stderr, stop := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", databaseURL}, noEnv)
	m := curlLine.FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("serve without --tokens printed no curl command:\n%s", stdout.String())
	}
	token, base, user, client := m[1], m[2], m[3], m[4]

	res, err := http.Get(base + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET /healthz = %v, %v; want 200", res, err)
	}
	res.Body.Close()

	got, err := sdkClient(t, base, token).ListUserLoginLogsWithResponse(t.Context(), user, &ssojet.ListUserLoginLogsParams{ClientId: client})
	if err != nil || got.JSON200 == nil {
		t.Fatalf("ListUserLoginLogs(%s, %s) = %v, %v; want 200", user, client, got.Status(), err)
	}
	if n := len(got.JSON200.LoginLogs); n != 24 {
		t.Errorf("ListUserLoginLogs: %d logs, want the seed's 24", n)
	}
	if err := stop(); err != nil {
		t.Errorf("run(serve) after cancel = %v, want nil", err)
	}
	if strings.Contains(stderr.String(), token) {
		t.Errorf("the token appears in the logs:\n%s", stderr.String())
	}
}

// TestServeFromEnvironment configures serve through environment variables only, with a token
// file: no development token is made, and the file's tokens work.
func TestServeFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	tokens := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokens, []byte("# token client_id\nfile-token cli_cq2k021saqbs710j7ftg.edce6a1f\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"LOGINLOGS_ADDR":         "127.0.0.1:0",
		"LOGINLOGS_DATABASE_URL": "sqlite:" + filepath.Join(dir, "loginlogs.db"),
		"LOGINLOGS_TOKENS":       tokens,
		"LOGINLOGS_LOG_FORMAT":   "json",
	}
	stdout, stderr, stop := startServe(t, nil, func(k string) string { return env[k] })
	if strings.Contains(stdout.String(), "curl") {
		t.Errorf("serve with a token file printed a development curl command:\n%s", stdout.String())
	}
	base := servingLine.FindStringSubmatch(stdout.String())[1]
	c := sdkClient(t, base, "file-token")
	got, err := c.ListUserLoginLogsWithResponse(t.Context(), "6694c154565dfee5166d1cc7", &ssojet.ListUserLoginLogsParams{ClientId: "cli_cq2k021saqbs710j7ftg.edce6a1f"})
	if err != nil || got.StatusCode() != 200 {
		t.Fatalf("ListUserLoginLogs with the file's token = %v, %v; want 200", got.Status(), err)
	}
	if err := stop(); err != nil {
		t.Errorf("run(serve) after cancel = %v, want nil", err)
	}
	if !strings.Contains(stderr.String(), `"msg":"listening"`) || strings.Contains(stderr.String(), "file-token") {
		t.Errorf("want JSON logs without the token, got:\n%s", stderr.String())
	}
}

func TestServeFlags(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		out  string // in stdout (help) or the error
	}{
		{"help", []string{"serve", "--help"}, exitOK, "-validate-responses"},
		{"bad mode", []string{"serve", "--validate-responses", "loud"}, exitUsage, "enforce, report or off"},
		{"bad log level", []string{"serve", "--log-level", "chatty", "--database-url", filepath.Join(t.TempDir(), "x.db")}, exitUsage, "--log-level"},
		{"unknown flag", []string{"serve", "--nope"}, exitUsage, "nope"},
		{"bad database url", []string{"serve", "--database-url", "mysql://h/db"}, exitUsage, "unknown scheme"},
		{"cors origin with a trailing slash", []string{"serve", "--addr", "256.0.0.1:1", "--cors-origin", "http://localhost:3000/"}, exitUsage, `origin "http://localhost:3000/": want scheme://host[:port]`},
		{"cors origin without a scheme", []string{"serve", "--addr", "256.0.0.1:1", "--cors-origin", "http://a.example,localhost:3000"}, exitUsage, `origin "localhost:3000"`},
		{"cors origin with a path", []string{"serve", "--addr", "256.0.0.1:1", "--cors-origin", "https://a.example/app"}, exitUsage, `origin "https://a.example/app"`},
		{"missing tokens file", []string{"serve", "--database-url", filepath.Join(t.TempDir(), "x.db"), "--tokens", "/nonexistent/tokens"}, exitUsage, "--tokens"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), c.args, noEnv, &stdout, &stderr)
			var msg bytes.Buffer
			if code := exitCode(err, &msg); code != c.code {
				t.Fatalf("run(%v): exit %d, want %d (%v)", c.args, code, c.code, err)
			}
			text := stdout.String() + msg.String()
			if !strings.Contains(text, c.out) {
				t.Errorf("run(%v): output %q does not mention %q", c.args, text, c.out)
			}
			if c.code == exitOK && !errors.Is(err, errHelp) {
				t.Errorf("run(%v) = %v, want errHelp", c.args, err)
			}
		})
	}
}

// TestServeParsesBooleanEnvironmentLikeItsFlag: LOGINLOGS_VALIDATE_REQUESTS is parsed as
// strconv.ParseBool parses the flag: "1" keeps request validation on (a request without token
// or client_id is refused by the contract's validator first: 400, 842), "0" turns it off (auth
// refuses it: 401, 1002), and "yes" is a usage error.
func TestServeParsesBooleanEnvironmentLikeItsFlag(t *testing.T) {
	for _, tt := range []struct {
		value  string
		status int
		code   int
	}{{"1", 400, 842}, {"true", 400, 842}, {"0", 401, 1002}, {"FALSE", 401, 1002}} {
		dir := t.TempDir()
		env := map[string]string{
			"LOGINLOGS_ADDR": "127.0.0.1:0", "LOGINLOGS_DATABASE_URL": "sqlite:" + filepath.Join(dir, "loginlogs.db"),
			"LOGINLOGS_VALIDATE_REQUESTS": tt.value,
		}
		stdout, _, stop := startServe(t, nil, func(k string) string { return env[k] })
		base := servingLine.FindStringSubmatch(stdout.String())[1]
		res, err := http.Get(base + "/api/v1/users/6694c154565dfee5166d1cc7/loginlogs")
		if err != nil {
			t.Fatal(err)
		}
		var e struct {
			Code int `json:"error_code"`
		}
		json.NewDecoder(res.Body).Decode(&e)
		res.Body.Close()
		if res.StatusCode != tt.status || e.Code != tt.code {
			t.Errorf("LOGINLOGS_VALIDATE_REQUESTS=%s, no token, no client_id: status %d, error_code %d; want %d and %d", tt.value, res.StatusCode, e.Code, tt.status, tt.code)
		}
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	}
	var stdout, stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second) // a serve that starts is stopped
	defer cancel()
	err := run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--database-url", filepath.Join(t.TempDir(), "x.db")}, func(k string) string {
		return map[string]string{"LOGINLOGS_VALIDATE_REQUESTS": "yes"}[k]
	}, &stdout, &stderr)
	if code := exitCode(err, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "LOGINLOGS_VALIDATE_REQUESTS") {
		t.Errorf("LOGINLOGS_VALIDATE_REQUESTS=yes: exit %d (%s), want %d naming the variable", code, stderr.String(), exitUsage)
	}
}

// TestServeShutdownCutsWhatOutlastsTheGrace: on SIGTERM, a streamed answer its client stopped
// reading outlasts --shutdown-timeout; serve cuts it and exits 1 with one line saying that
// requests in flight were cut after the grace, not Go's "context deadline exceeded".
func TestServeShutdownCutsWhatOutlastsTheGrace(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "loginlogs.db")
	var logs bytes.Buffer
	ua := strings.Repeat("a", 512<<10) // 40 entries: a 20 MiB answer, more than the socket buffers hold
	for i := range 40 {
		fmt.Fprintf(&logs, `{"IpAddress":"1.2.3.4","Country":"X","City":"Y","UserAgent":%q,"Name":"n","Os":"o","Device":"d","CreatedAt":"2024-07-10T12:16:%02dZ"}`+"\n", ua, i)
	}
	file := filepath.Join(dir, "big.ndjson")
	if err := os.WriteFile(file, logs.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := run(t.Context(), []string{"import", "--database-url", db, "--client-id", server.DemoClientID, "--user-id", "big", file}, noEnv, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	stdout, _, stop := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", db, "--dev-token", "shutdown-test-token", "--shutdown-timeout", "100ms"}, noEnv)
	base := servingLine.FindStringSubmatch(stdout.String())[1]
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, base+"/api/v1/users/big/loginlogs?client_id="+server.DemoClientID, nil)
	req.Header.Set("Authorization", "Bearer shutdown-test-token")
	res, err := http.DefaultClient.Do(req) // its headers are sent; its body is left unread
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET of the big user: %d", res.StatusCode)
	}
	err = stop()
	var msg bytes.Buffer
	if code := exitCode(err, &msg); code != exitFailed || !strings.Contains(msg.String(), "--shutdown-timeout 100ms") || strings.Count(msg.String(), "\n") != 1 {
		t.Errorf("SIGTERM with an answer in flight past --shutdown-timeout: exit %d, %q; want %d and one line naming --shutdown-timeout 100ms", code, msg.String(), exitFailed)
	}
}

// TestServeNamesTheVariableOfABadValue: a bad value of a serve flag's variable is a usage error
// naming the variable, not the flag the user never typed; a bad flag is named as the flag.
func TestServeNamesTheVariableOfABadValue(t *testing.T) {
	for _, tc := range []struct{ env, value, want, not string }{
		{"LOGINLOGS_LOG_LEVEL", "chatty", `LOGINLOGS_LOG_LEVEL "chatty"`, "--log-level"},
		{"LOGINLOGS_LOG_FORMAT", "xml", `LOGINLOGS_LOG_FORMAT "xml"`, "--log-format"},
		{"LOGINLOGS_VALIDATE_RESPONSES", "loud", "LOGINLOGS_VALIDATE_RESPONSES: ", "--validate-responses"},
		{"LOGINLOGS_RATE_LIMIT", "fast", `LOGINLOGS_RATE_LIMIT "fast"`, "--rate-limit"},
		{"LOGINLOGS_RATE_BURST", "-1", `LOGINLOGS_RATE_BURST "-1"`, "--rate-burst"},
		{"LOGINLOGS_MAX_STREAMS", "0", `LOGINLOGS_MAX_STREAMS "0"`, "--max-streams "},
		{"LOGINLOGS_MAX_STREAMS_PER_TOKEN", "0", `LOGINLOGS_MAX_STREAMS_PER_TOKEN "0"`, "--max-streams-per-token"},
		{"LOGINLOGS_LATENCY", "soon", `LOGINLOGS_LATENCY "soon"`, "--latency"},
		{"LOGINLOGS_ERROR_RATE", "2", `LOGINLOGS_ERROR_RATE "2"`, "--error-rate"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), []string{"serve", "--addr", "256.0.0.1:1"}, func(k string) string { return map[string]string{tc.env: tc.value}[k] }, &stdout, &stderr)
		var msg bytes.Buffer
		if code := exitCode(err, &msg); code != exitUsage || !strings.Contains(msg.String(), tc.want) || strings.Contains(msg.String(), tc.not) {
			t.Errorf("%s=%s: exit %d, %q; want %d naming %s, not %s", tc.env, tc.value, code, msg.String(), exitUsage, tc.want, tc.not)
		}
	}
	// The proxy's variables alike.
	for _, tc := range []struct{ env, value, want, not string }{
		{"LOGINLOGS_LOG_LEVEL", "chatty", `LOGINLOGS_LOG_LEVEL "chatty"`, "--log-level"},
		{"LOGINLOGS_LOG_FORMAT", "xml", `LOGINLOGS_LOG_FORMAT "xml"`, "--log-format"},
		{"LOGINLOGS_UPSTREAM", "ftp://example.com", `LOGINLOGS_UPSTREAM "ftp://example.com"`, "--upstream"},
	} {
		args := []string{"proxy", "--addr", "256.0.0.1:1"}
		if tc.env != "LOGINLOGS_UPSTREAM" {
			args = append(args, "--upstream", "http://127.0.0.1:9")
		}
		err := run(t.Context(), args, func(k string) string { return map[string]string{tc.env: tc.value}[k] }, io.Discard, io.Discard)
		var msg bytes.Buffer
		if code := exitCode(err, &msg); code != exitUsage || !strings.Contains(msg.String(), tc.want) || strings.Contains(msg.String(), tc.not) {
			t.Errorf("proxy with %s=%s: exit %d, %q; want %d naming %s, not %s", tc.env, tc.value, code, msg.String(), exitUsage, tc.want, tc.not)
		}
	}
	err := run(t.Context(), []string{"serve", "--addr", "256.0.0.1:1", "--log-level", "chatty"}, func(k string) string { return map[string]string{"LOGINLOGS_LOG_LEVEL": "debug"}[k] }, io.Discard, io.Discard)
	var msg bytes.Buffer
	if code := exitCode(err, &msg); code != exitUsage || !strings.Contains(msg.String(), `--log-level "chatty"`) {
		t.Errorf("--log-level chatty with LOGINLOGS_LOG_LEVEL=debug: exit %d, %q; want %d naming the flag", code, msg.String(), exitUsage)
	}
}
