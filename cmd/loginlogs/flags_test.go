package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
)

// TestHelpNeverShowsSecrets: with a token, a database URL with a password and a base URL with
// userinfo in the environment, neither --help nor a mistyped flag of any verb prints them. The
// help says that a variable is set.
func TestHelpNeverShowsSecrets(t *testing.T) {
	const token, dbPassword, urlPassword = "sekret-token-value", "db-pa55word", "url-pa55word"
	environ := map[string]string{
		"SSOJET_TOKEN":           token,
		"LOGINLOGS_DATABASE_URL": "postgres://loginlogs:" + dbPassword + "@db.internal/loginlogs?sslmode=disable",
		"SSOJET_BASE_URL":        "https://ci:" + urlPassword + "@api.ssojet.com/api/v1",
	}
	for _, name := range verbNames() {
		for _, args := range [][]string{{"--help"}, {"--no-such-flag"}, {"--max-body"}} {
			stdout, stderr, _ := runCLI(t, environ, append([]string{name}, args...)...)
			for _, secret := range []string{token, dbPassword, urlPassword} {
				if strings.Contains(stdout+stderr, secret) {
					t.Errorf("loginlogs %s %s prints %q:\n%s%s", name, args[0], secret, stdout, stderr)
				}
			}
		}
	}
	help, _, _ := runCLI(t, environ, "get", "--help")
	for _, want := range []string{"env: SSOJET_TOKEN, set: its value is not shown", "env: SSOJET_BASE_URL, set", "-token-file", "ps"} {
		if !strings.Contains(help, want) {
			t.Errorf("get --help lacks %q:\n%s", want, help)
		}
	}
	help, _, _ = runCLI(t, nil, "serve", "--help")
	if !strings.Contains(help, `(env: LOGINLOGS_DATABASE_URL) (default "loginlogs.db")`) {
		t.Errorf("serve --help without the environment: want the default database URL shown:\n%s", help)
	}
}

// TestTokenFile: --token-file reads the token from a file or stdin, its trailing newline
// trimmed, instead of the command line (where ps shows it); with --token it is a usage error.
func TestTokenFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("token", fakeapi.Token+"\n")
	crlf := write("token-crlf", fakeapi.Token+"\r\n")
	empty := write("empty", "\n")
	twoLines := write("two", fakeapi.Token+"\nsecond\n")
	api := startAPI(t, fakeapi.New(seedBytes(t)))
	tests := []struct {
		name       string
		args       []string
		stdin      string
		envToken   string
		wantCode   int
		wantStderr string
	}{
		{"file", []string{"get", "--token-file", good}, "", "", exitOK, ""},
		{"file with CRLF", []string{"get", "--token-file", crlf}, "", "", exitOK, ""},
		{"file beats SSOJET_TOKEN", []string{"contract", "--token-file", good}, "", "wrong", exitOK, ""},
		{"stdin", []string{"get", "--token-file", "-"}, fakeapi.Token + "\n", "", exitOK, ""},
		{"with --token", []string{"get", "--token", fakeapi.Token, "--token-file", good}, "", "", exitUsage, "--token and --token-file exclude each other"},
		{"empty file", []string{"get", "--token-file", empty}, "", "", exitUsage, "is empty"},
		{"two lines", []string{"get", "--token-file", twoLines}, "", "", exitUsage, "more than one line"},
		{"missing file", []string{"contract", "--token-file", filepath.Join(dir, "nope")}, "", "", exitUsage, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			environ := liveEnv(api)
			environ["SSOJET_TOKEN"] = tt.envToken
			saved := stdin
			stdin = strings.NewReader(tt.stdin)
			defer func() { stdin = saved }()
			_, stderr, code := runCLI(t, environ, tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("loginlogs %v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.wantCode, tt.wantStderr)
			}
			if strings.Contains(stderr, fakeapi.Token) {
				t.Errorf("loginlogs %v: stderr holds the token: %s", tt.args, stderr)
			}
		})
	}
}

// TestTokenFromStdinEndsOnInterrupt: --token-file - waiting on a stdin that never writes ends at
// once when the context is cancelled (SIGINT, SIGTERM).
func TestTokenFromStdinEndsOnInterrupt(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	saved := stdin
	stdin = pr
	t.Cleanup(func() { stdin = saved })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"get", "--token-file", "-"}, liveEnvFunc("http://127.0.0.1:1"), io.Discard, io.Discard)
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if code := exitCode(err, io.Discard); code != exitUsage {
			t.Errorf("get --token-file - interrupted: exit %d (%v), want %d", code, err, exitUsage)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("get --token-file - did not end within 5 s of the interrupt")
	}
}

func liveEnvFunc(url string) func(string) string {
	env := liveEnv(url)
	return func(k string) string { return env[k] }
}

// TestSizesNeverWrapAround: a size too large for 64 bits, given as a flag or in the environment,
// is a usage error; it neither wraps around to a small or negative --max-body nor turns the
// cache off.
func TestSizesNeverWrapAround(t *testing.T) {
	const huge = "9000000000GiB" // 9.7e18 bytes: past 2^63 once multiplied
	tests := []struct {
		name       string
		environ    map[string]string
		args       []string
		wantStderr string
	}{
		{"get --max-body", nil, []string{"get", "--max-body", huge}, "too large"},
		{"contract --max-body", nil, []string{"contract", "--response", "x.json", "--max-body", huge}, "too large"},
		{"LOGINLOGS_MAX_BODY", map[string]string{"LOGINLOGS_MAX_BODY": huge}, []string{"contract", "--response", "x.json"}, "LOGINLOGS_MAX_BODY"},
		{"digits beyond int64", nil, []string{"get", "--max-body", "99999999999999999999"}, "too large"},
		// A bad --log-level stops serve before it serves, should the size pass.
		{"serve --cache-size", nil, []string{"serve", "--cache-size", huge, "--log-level", "nope"}, "too large"},
		{"LOGINLOGS_CACHE_SIZE", map[string]string{"LOGINLOGS_CACHE_SIZE": huge}, []string{"serve", "--log-level", "nope"}, "LOGINLOGS_CACHE_SIZE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, tt.environ, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("loginlogs %v (env %v): exit %d, stderr %q; want %d and %q", tt.args, tt.environ, code, stderr, exitUsage, tt.wantStderr)
			}
		})
	}
	if got := flagValues(t, nil, "get", "--max-body", "8589934591GiB")["max-body"]; got != "8589934591GiB" {
		t.Errorf("get --max-body 8589934591GiB: %s; want the largest whole GiB that fits", got)
	}
}

// TestGetTableEscapesControls: a UserAgent that holds tabs, newlines and escape sequences can
// neither fake rows and columns nor steer the terminal.
func TestGetTableEscapesControls(t *testing.T) {
	api := fakeapi.New(seedBytes(t))
	api.OK = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"login_logs":[{"IpAddress":"1.2.3.4","Country":"India","City":"Jaipur","UserAgent":"ua\t\u001b[2J\nFAKE ROW\u202e","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"}]}`))
	}
	stdout, stderr, code := runCLI(t, liveEnv(startAPI(t, api)), "get", "--format", "table")
	if code != exitOK {
		t.Fatalf("get --format table: exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[1], `ua\t\x1b[2J\nFAKE ROW\u202e`) {
		t.Errorf("get --format table:\n%s\nwant a header and one row ending in the escaped UserAgent", stdout)
	}
}

// TestContractReadsStdin: --replay - judges the fixtures piped in one after another, as the
// directory they came from; --response - a bare body.
func TestContractReadsStdin(t *testing.T) {
	url := startAPI(t, withWarnings(t))
	dir := t.TempDir()
	if _, stderr, code := runCLI(t, liveEnv(url), "contract", "--record", dir); code != exitOK {
		t.Fatalf("contract --record: exit %d: %s", code, stderr)
	}
	fromDir, _, _ := runCLI(t, nil, "contract", "--replay", dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var all strings.Builder
	for _, f := range files {
		b, _ := os.ReadFile(f)
		all.Write(b)
	}
	saved := stdin
	t.Cleanup(func() { stdin = saved })
	stdin = strings.NewReader(all.String())
	fromStdin, stderr, code := runCLI(t, nil, "contract", "--replay", "-")
	if code != exitOK {
		t.Fatalf("contract --replay -: exit %d: %s", code, stderr)
	}
	strip := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.Contains(l, "from ") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if strip(fromStdin) != strip(fromDir) {
		t.Errorf("contract --replay - differs from --replay DIR:\n%s\n---\n%s", fromStdin, fromDir)
	}
	stdin = strings.NewReader(string(seedBytes(t)))
	if out, stderr, code := runCLI(t, nil, "contract", "--response", "-"); code != exitOK || !strings.Contains(out, "PASS  recorded-response: 200 OK") {
		t.Errorf("contract --response - with the seed: exit %d\n%s%s", code, out, stderr)
	}
	stdin = strings.NewReader("<html>bad gateway</html>")
	if out, _, code := runCLI(t, nil, "contract", "--response", "-", "--status", "502", "--content-type", "text/html"); code != exitFailed || !strings.Contains(out, "got 502 Bad Gateway") {
		t.Errorf("contract --response - with an HTML page: exit %d\n%s", code, out)
	}
	if _, stderr, code := runCLI(t, nil, "contract", "--replay", "-", "--token-file", "-"); code != exitUsage || !strings.Contains(stderr, "stdin cannot hold both") {
		t.Errorf("contract --replay - --token-file -: exit %d, %s", code, stderr)
	}
}

// TestContractStdinEndsOnInterrupt: contract --replay - or --response - waiting on a stdin that
// never writes ends at once when the context is cancelled (SIGINT, SIGTERM), exit 2.
func TestContractStdinEndsOnInterrupt(t *testing.T) {
	for _, flag := range []string{"--replay", "--response"} {
		t.Run(flag, func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pw.Close()
			saved := stdin
			stdin = pr
			t.Cleanup(func() { stdin = saved })
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- run(ctx, []string{"contract", flag, "-"}, noEnv, io.Discard, io.Discard) }()
			time.Sleep(50 * time.Millisecond)
			cancel()
			select {
			case err := <-done:
				if code := exitCode(err, io.Discard); code != exitUsage || !strings.Contains(err.Error(), "interrupted") {
					t.Errorf("contract %s - interrupted: exit %d (%v), want %d, interrupted", flag, code, err, exitUsage)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("contract %s - did not end within 5 s of the interrupt", flag)
			}
		})
	}
}

// TestZeroMeansOneThing: every duration and size flag of every verb gives 0 one meaning, said by
// its --help: a bound (a wait, a body, a budget, a token's life) refuses 0 with one line, exit 2,
// on the command line and from its variable, never reading it as "no limit" or as the default;
// the flags whose 0 turns something off say so and take it.
func TestZeroMeansOneThing(t *testing.T) {
	off := map[string]bool{"contract --max-response-time": true, "serve --cache-size": true}
	bounds := map[string]bool{
		"get --timeout": true, "get --max-body": true, "token --timeout": true,
		"contract --timeout": true, "contract --max-body": true, "contract --budget": true,
		"proxy --timeout": true, "proxy --shutdown-timeout": true,
		"serve --shutdown-timeout": true, "serve --token-ttl": true,
	}
	root, _ := newRootCmd(env{getenv: noEnv, stdout: io.Discard, stderr: io.Discard})
	seen := 0
	for _, c := range root.Commands() {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if typ := f.Value.Type(); typ != "duration" && typ != "size" {
				return
			}
			name := c.Name() + " --" + f.Name
			seen++
			switch {
			case off[name]:
				if !strings.Contains(f.Usage, "; 0 turns") {
					t.Errorf("%s --help: %q does not say what 0 does", name, f.Usage)
				}
				if got := flagValues(t, nil, c.Name(), "--"+f.Name, "0")[f.Name]; got != "0" && got != "0s" {
					t.Errorf("%s 0: the flag holds %s, want 0", name, got)
				}
			case bounds[name]:
				if !strings.Contains(f.Usage, "; more than 0") {
					t.Errorf("%s --help: %q does not say that 0 is refused", name, f.Usage)
				}
				runs := []struct {
					environ map[string]string
					args    []string
				}{{nil, []string{c.Name(), "--" + f.Name, "0"}}, {nil, []string{c.Name(), "--" + f.Name + "=0" + map[string]string{"duration": "s", "size": "B"}[f.Value.Type()]}}}
				if b, ok := bindingOf(c.Name(), f.Name); ok {
					runs = append(runs, struct {
						environ map[string]string
						args    []string
					}{map[string]string{b.env: "0"}, []string{c.Name()}})
				}
				for _, r := range runs {
					_, stderr, code := runCLI(t, r.environ, r.args...)
					if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "want more than 0, such as "+f.DefValue) {
						t.Errorf("loginlogs %v (env %v): exit %d, stderr %q; want %d and one line asking for more than 0", r.args, r.environ, code, stderr, exitUsage)
					}
				}
			default:
				t.Errorf("%s: a duration or size flag this test does not know: say what its 0 means", name)
			}
		})
	}
	if seen != len(off)+len(bounds) {
		t.Errorf("saw %d duration and size flags, want %d", seen, len(off)+len(bounds))
	}
}

// TestEmptyValuesAreRefused: a flag given empty on the command line (--base-url=, --spec
// "$UNSET") is a usage error of one line naming it, in every verb: empty took the default, so
// get --base-url= called the production API, serve --addr= listened on every interface and
// contract --spec= judged with the embedded contract. --content-type "" (a bare body sent
// without one) keeps its meaning.
func TestEmptyValuesAreRefused(t *testing.T) {
	root, _ := newRootCmd(env{getenv: noEnv, stdout: io.Discard, stderr: io.Discard})
	seen := 0
	for _, c := range root.Commands() {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			switch f.Value.Type() {
			case "bool", "int", "uint64", "float64", "duration", "size":
				return // their parsers refuse an empty value
			}
			if f.Name == "content-type" || f.Name == "header" {
				return
			}
			seen++
			args := []string{c.Name(), "--" + f.Name + "="}
			if f.Name != "log-level" && c.Flags().Lookup("log-level") != nil {
				args = append(args, "--log-level", "nope") // serve and proxy stop, should it pass
			}
			if c.Name() == "import" {
				args = append(args, os.DevNull)
			}
			_, stderr, code := runCLI(t, nil, args...)
			if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "--"+f.Name+" is empty") {
				t.Errorf("loginlogs %v: exit %d, stderr %q; want %d and one line saying --%s is empty", args, code, stderr, exitUsage, f.Name)
			}
		})
	}
	if seen < 20 {
		t.Errorf("judged %d flags given empty, want every string flag of every verb", seen)
	}
	out, stderr, code := runCLI(t, nil, "contract", "--response", os.DevNull, "--content-type=")
	if code != exitFailed || !strings.Contains(out, "got no Content-Type") {
		t.Errorf("contract --response %s --content-type=: exit %d, stdout %q, stderr %q; want the body judged as sent with no Content-Type", os.DevNull, code, out, stderr)
	}
}
