package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fakeHost replaces the test server's random address in golden output.
const fakeHost = "http://ssojet.test"

func init() {
	// The checker's clock in tests: after the seed's entries, long before 2099.
	contractClock = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
}

func seedBytes(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	return b
}

// neverAnswers serves an API that answers no request and returns its base URL.
func neverAnswers(t *testing.T) string {
	done := make(chan struct{})
	url := startAPI(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-done:
		}
	}))
	t.Cleanup(func() { close(done) })
	return url
}

// refused returns the URL of an address on loopback where nothing listens: connections to it
// are refused.
func refused(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return "http://" + ln.Addr().String()
}

// startAPI serves h (the fake, or any handler of the endpoint) and returns its base URL.
func startAPI(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// runCLI runs the command with args and an environment, returning stdout, stderr and the exit
// code main would use.
func runCLI(t *testing.T, environ map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return environ[k] }, &stdout, &stderr)
	code := exitCode(err, &stderr)
	return stdout.String(), stderr.String(), code
}

// liveEnv is the environment pointing the checker at the API at url with the fake's credentials.
func liveEnv(url string) map[string]string {
	return map[string]string{
		"SSOJET_BASE_URL": url + "/api/v1", "SSOJET_TOKEN": fakeapi.Token,
		"SSOJET_CLIENT_ID": fakeapi.ClientID, "SSOJET_USER_ID": fakeapi.UserID,
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s: %v (run go test -update)", path, err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test ./cmd/loginlogs -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// drifted is a fake that drifted the way SSOJet's newer docs suggest, and got lax about tokens.
func drifted(t *testing.T) *fakeapi.API {
	api := fakeapi.New(seedBytes(t))
	api.OK = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"audit_logs":[{"ip_address":"183.83.177.227","created_at":"2024-07-10T12:16:19.647Z"}],"next_cursor":"eyJwIjoyfQ"}`))
	}
	api.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusOK)
			w.Write([]byte("<html><head><title>Sign in - SSOJet</title></head></html>"))
			return true
		}
		return false
	}
	return api
}

// withWarnings is a fake that keeps the contract but serves suspicious data.
func withWarnings(t *testing.T) *fakeapi.API {
	api := fakeapi.New(seedBytes(t))
	body := strings.Replace(string(seedBytes(t)), `"IpAddress": "150.107.189.226"`, `"IpAddress": "unknown"`, 1)
	body = strings.Replace(body, `"CreatedAt": "2024-07-15T06:28:51.758Z"`, `"CreatedAt": "2024-07-01T06:28:51.758Z", "Region": "RJ"`, 1)
	api.OK = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(body))
	}
	return api
}

func TestContractReports(t *testing.T) {
	tests := []struct {
		name     string
		api      func(t *testing.T) *fakeapi.API
		args     []string
		golden   string
		wantCode int
	}{
		{"pass text", func(t *testing.T) *fakeapi.API { return fakeapi.New(seedBytes(t)) },
			[]string{"--unknown-user-id", fakeapi.UnknownUserID}, "contract-pass.txt", 0},
		{"warnings text", withWarnings, nil, "contract-warnings.txt", 0},
		{"drift text", drifted, []string{"--unknown-user-id", fakeapi.UnknownUserID}, "contract-drift.txt", 1},
		{"drift json", drifted, []string{"--unknown-user-id", fakeapi.UnknownUserID, "--format", "json"}, "contract-drift.json", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := startAPI(t, tt.api(t))
			stdout, stderr, code := runCLI(t, liveEnv(url), append([]string{"contract"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("contract %v: exit %d, want %d; stderr: %s", tt.args, code, tt.wantCode, stderr)
			}
			golden(t, tt.golden, strings.ReplaceAll(stdout, url, fakeHost))
		})
	}
}

func TestContractJUnit(t *testing.T) {
	url := startAPI(t, drifted(t))
	file := filepath.Join(t.TempDir(), "contract.xml")
	_, stderr, code := runCLI(t, liveEnv(url), "contract", "--junit", file)
	if code != exitFailed {
		t.Fatalf("contract --junit: exit %d, want %d; stderr %s", code, exitFailed, stderr)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read junit: %v", err)
	}
	var got report.JUnitSuites
	if err := xml.Unmarshal(data, &got); err != nil {
		t.Fatalf("parse junit: %v\n%s", err, data)
	}
	if len(got.Suites) != 1 {
		t.Fatalf("%d testsuites, want 1", len(got.Suites))
	}
	s := got.Suites[0]
	if s.Tests != len(contract.Checks()) || len(s.Cases) != s.Tests || s.Failures != 2 || s.Skipped != 1 || s.Errors != 0 {
		t.Errorf("testsuite tests=%d cases=%d failures=%d skipped=%d errors=%d, want %d, %d, 2, 1, 0",
			s.Tests, len(s.Cases), s.Failures, s.Skipped, s.Errors, len(contract.Checks()), len(contract.Checks()))
	}
	cases := map[string]report.JUnitCase{}
	for _, c := range s.Cases {
		cases[c.Name] = c
	}
	doc := cases["documented-request"]
	if doc.Failure == nil || !strings.Contains(doc.Failure.Text, `body /login_logs: want required property "login_logs"`) ||
		!strings.Contains(doc.Failure.Text, "paginated snake_case shape") {
		t.Errorf("documented-request failure %+v, want the missing login_logs and the shape hint", doc.Failure)
	}
	if !strings.Contains(doc.SystemOut, "warning: body /audit_logs") {
		t.Errorf("documented-request system-out %q, want the unknown-field warning", doc.SystemOut)
	}
	if nt := cases["no-token"]; nt.Failure == nil || !strings.Contains(nt.Failure.Text, "status: want 401 Unauthorized, got 200 OK") {
		t.Errorf("no-token failure %+v, want the status violation", nt.Failure)
	}
	if wt := cases["wrong-token"]; wt.Failure != nil || wt.Error != nil {
		t.Errorf("wrong-token %+v, want a pass", wt)
	}
}

func TestContractExitCodes(t *testing.T) {
	good := func(t *testing.T) string { return startAPI(t, fakeapi.New(seedBytes(t))) }
	tests := []struct {
		name       string
		url        func(t *testing.T) string
		args       []string
		unset      string
		wantCode   int
		wantStderr string
	}{
		{"pass", good, nil, "", exitOK, ""},
		{"violation", func(t *testing.T) string { return startAPI(t, drifted(t)) }, nil, "", exitFailed, "contract violated: 3 errors in 2 of 5 checks"},
		{"refused", refused, nil, "", exitUsage, "connection refused"},
		{"timeout", neverAnswers, []string{"--timeout", "150ms"}, "", exitUsage, "timeout: nothing received for 150ms"},
		{"undecodable", func(t *testing.T) string {
			return startAPI(t, fakeapi.Hostile(seedBytes(t), nil)) + fakeapi.HostilePath("encoding=gzip", "behave")
		}, nil, "", exitUsage, "check documented-request: the answer's content encoding could not be decoded"},
		{"no token", good, nil, "SSOJET_TOKEN", exitUsage, "missing --token (or SSOJET_TOKEN, or a client secret in SSOJET_CLIENT_SECRET to fetch one)"},
		{"bad format", good, []string{"--format", "xml"}, "", exitUsage, "--format"},
		{"bad max body", good, []string{"--max-body", "lots"}, "", exitUsage, "max-body"},
		{"unknown check", good, []string{"--response", "x.json", "--check", "nope"}, "", exitUsage, "--check"},
		{"replay no dir", good, []string{"--replay", "testdata/no-such-dir"}, "", exitUsage, "--replay testdata/no-such-dir: no such directory"},
		{"replay a file", good, []string{"--replay", "testdata/contract-pass.txt"}, "", exitUsage, "--replay testdata/contract-pass.txt: not a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			environ := liveEnv(tt.url(t))
			delete(environ, tt.unset)
			_, stderr, code := runCLI(t, environ, append([]string{"contract"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("contract %v: exit %d, want %d; stderr: %s", tt.args, code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("contract %v: stderr %q, want it to contain %q", tt.args, stderr, tt.wantStderr)
			}
		})
	}
}

// writeFile writes body to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestContractOffline(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string { return writeFile(t, dir, name, body) }
	html := write("gateway.html", "<html><head><title>502 Bad Gateway</title></head></html>")
	audit := write("audit.json", `{"audit_logs":[],"next_cursor":null}`)
	errBody := write("err.json", `{"error":1002,"error_code":"1002","error_description":"bad token"}`)
	// A fixture cut short (a full disk, a copy interrupted): no verdict on the API.
	cut := write("cut.json", `{"check":"documented-request","request":{"method":"GET"},"response":{"status":200,"body":{"login_lo`)
	// No answer carries a status of other than three digits.
	noStatus := write("status.json", `{"check":"documented-request","request":{"method":"GET"},"response":{"status":-1,"body_json":{"login_logs":[]}}}`)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string
	}{
		{"seed passes", []string{"--response", "../../testdata/seed-loginlogs.json"}, exitOK, []string{"PASS  recorded-response: 200 OK"}},
		{"html page", []string{"--response", html, "--status", "502", "--content-type", "text/html"}, exitFailed,
			[]string{"got 502 Bad Gateway", `HTML page titled "502 Bad Gateway"`}},
		{"paginated shape", []string{"--response", audit, "--check", "documented-request"}, exitFailed,
			[]string{"FAIL  documented-request", `body /login_logs: want required property "login_logs", got absent`, "looks like SSOJet's paginated snake_case shape"}},
		{"error body either types", []string{"--response", errBody, "--status", "400", "--check", "missing-client-id"}, exitOK,
			[]string{"PASS  missing-client-id: 400 Bad Request"}},
		{"wrong status for check", []string{"--response", errBody, "--status", "400", "--check", "wrong-token"}, exitFailed,
			[]string{"status: want 401 Unauthorized, got 400 Bad Request"}},
		{"401 without its challenge: a warning", []string{"--response", errBody, "--status", "401", "--check", "wrong-token"}, exitOK,
			[]string{"WARN  wrong-token", "WWW-Authenticate", "RFC 6750"}},
		{"401 with its challenge", []string{"--response", errBody, "--status", "401", "--check", "wrong-token",
			"--header", `WWW-Authenticate: Bearer realm="ssojet", error="invalid_token"`}, exitOK,
			[]string{"PASS  wrong-token: 401 Unauthorized"}},
		{"401 with a challenge the contract refuses", []string{"--response", errBody, "--status", "401", "--check", "wrong-token",
			"--header", "WWW-Authenticate: Basic realm=x"}, exitFailed,
			[]string{"FAIL  wrong-token", "WWW-Authenticate"}},
		{"header without a colon", []string{"--response", errBody, "--status", "401", "--header", "WWW-Authenticate Bearer"}, exitUsage, nil},
		{"fixture cut short", []string{"--response", cut}, exitUsage, nil},
		{"fixture of status -1", []string{"--response", noStatus}, exitUsage, nil},
		{"--status 0", []string{"--response", audit, "--status", "0"}, exitUsage, nil},
		{"--status 99999", []string{"--response", audit, "--status", "99999"}, exitUsage, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, nil, append([]string{"contract"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("contract %v: exit %d, want %d; stderr %s", tt.args, code, tt.wantCode, stderr)
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("contract %v: stdout lacks %q:\n%s", tt.args, w, stdout)
				}
			}
		})
	}
}

func TestContractRecordThenReplay(t *testing.T) {
	url := startAPI(t, withWarnings(t))
	dir := t.TempDir()
	live, stderr, code := runCLI(t, liveEnv(url), "contract", "--record", dir, "--format", "json")
	if code != exitOK {
		t.Fatalf("contract --record: exit %d, want 0; stderr %s", code, stderr)
	}
	if strings.Contains(live, fakeapi.Token) {
		t.Errorf("report contains the token")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 4 {
		t.Errorf("recorded %v, want 4 fixtures (unknown-user skipped)", files)
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if bytes.Contains(b, []byte(fakeapi.Token)) {
			t.Errorf("fixture %s contains the token", f)
		}
		if !bytes.Contains(b, []byte("Bearer "+contract.Redacted)) && !strings.HasSuffix(f, "no-token.json") {
			t.Errorf("fixture %s: no redacted Authorization header", f)
		}
	}
	replayed, stderr, code := runCLI(t, nil, "contract", "--replay", dir)
	if code != exitOK {
		t.Fatalf("contract --replay: exit %d, want 0; stderr %s", code, stderr)
	}
	for _, w := range []string{"WARN  documented-request", "/login_logs/12/IpAddress", "/login_logs/23/Region", "PASS  no-token"} {
		if !strings.Contains(replayed, w) {
			t.Errorf("replay output lacks %q:\n%s", w, replayed)
		}
	}
	one, _, code := runCLI(t, nil, "contract", "--response", filepath.Join(dir, "missing-client-id.json"))
	if code != exitOK || !strings.Contains(one, "PASS  missing-client-id: 400 Bad Request") {
		t.Errorf("contract --response fixture: exit %d, output:\n%s", code, one)
	}
}

func TestContractTooLargeToCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string { return writeFile(t, dir, name, body) }
	big := manyLogs(20_000) // 3.3 MB
	bigFile := write("big.json", big)
	hugeEntry := write("entry.json", `{"login_logs":[{"Os":"`+strings.Repeat("x", contract.MaxEntry)+`"}]}`)
	junit := filepath.Join(dir, "junit.xml")
	api := func(t *testing.T) string { return startAPI(t, serving(big)(t)) }
	offline := func(*testing.T) string { return "" }
	tests := []struct {
		name       string
		url        func(t *testing.T) string
		environ    map[string]string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"valid 3 MB answer", offline, nil, []string{"--response", bigFile}, exitOK, "PASS  recorded-response", ""},
		{"over --max-body", offline, nil, []string{"--response", bigFile, "--max-body", "1MiB"}, exitUsage,
			"ERROR recorded-response: 200 OK", "contract: check recorded-response: too large to check: the body is larger than 1 MiB (--max-body)"},
		{"over LOGINLOGS_MAX_BODY", offline, map[string]string{"LOGINLOGS_MAX_BODY": "1MiB"}, []string{"--response", bigFile}, exitUsage,
			"", "too large to check: the body is larger than 1 MiB (--max-body)"},
		{"bad LOGINLOGS_MAX_BODY", offline, map[string]string{"LOGINLOGS_MAX_BODY": "-1"}, []string{"--response", bigFile}, exitUsage,
			"", `contract: LOGINLOGS_MAX_BODY "-1": want a positive size`},
		{"an entry over 1MiB", offline, nil, []string{"--response", hugeEntry}, exitUsage,
			"", "too large to check: entry /login_logs/0 (at byte 15) is larger than 1 MiB (the largest entry the checker holds)"},
		{"live, over --max-body", api, nil, []string{"--max-body", "1MiB", "--junit", junit}, exitUsage,
			"PASS  no-token", "contract: check documented-request: too large to check: the body is larger than 1 MiB (--max-body)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			environ := map[string]string{}
			if url := tt.url(t); url != "" {
				environ = liveEnv(url)
			}
			for k, v := range tt.environ {
				environ[k] = v
			}
			stdout, stderr, code := runCLI(t, environ, append([]string{"contract"}, tt.args...)...)
			if code != tt.wantCode || !strings.Contains(stdout, tt.wantStdout) || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("contract %v: exit %d, want %d\nstdout (want %q):\n%s\nstderr (want %q): %s", tt.args, code, tt.wantCode, tt.wantStdout, stdout, tt.wantStderr, stderr)
			}
			if strings.Contains(stderr, "contract violated") {
				t.Errorf("contract %v: stderr %q: an answer too large to check is no violation", tt.args, stderr)
			}
		})
	}
	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var suites report.JUnitSuites
	if err := xml.Unmarshal(data, &suites); err != nil {
		t.Fatal(err)
	}
	for _, c := range suites.Suites[0].Cases {
		if c.Name == "documented-request" && (c.Error == nil || c.Error.Type != "too-large" || c.Failure != nil) {
			t.Errorf("JUnit case %+v, want an <error type=\"too-large\">", c)
		}
	}
}

func TestHelpDocumentsTheLimits(t *testing.T) {
	for verb, want := range map[string][]string{
		"contract": {"-max-body", "(default 1GiB)", "LOGINLOGS_MAX_BODY", "one entry of login_logs over 1MiB", "its entries over 1MiB", "a body judged whole over 64MiB: an error body", "too large to check: exit 2", "-spec"},
		"get":      {"-max-body", "(default 1GiB)", "LOGINLOGS_MAX_BODY", "one entry over 1MiB", "too large to print (exit 2)"},
	} {
		stdout, _, _ := runCLI(t, nil, verb, "--help")
		for _, w := range want {
			if !strings.Contains(stdout, w) {
				t.Errorf("%s --help lacks %q:\n%s", verb, w, stdout)
			}
		}
	}
}

// TestTimeoutSaidOnce: an API that never answers is one timeout in the line of get, contract
// and token, named once with --timeout's value, not once more in the words of its cause; get
// and contract fetching a token with the client secret wait --timeout for it too.
func TestTimeoutSaidOnce(t *testing.T) {
	url := neverAnswers(t)
	for _, args := range [][]string{
		{"get", "--timeout", "150ms"},
		{"contract", "--timeout", "150ms"},
		{"contract", "--timeout", "150ms", "--generate", "2", "--only", contract.CheckServerError},
		{"token", "--timeout", "150ms"},
		{"fetch", "get", "--timeout", "150ms"},
		{"fetch", "contract", "--timeout", "150ms"},
	} {
		environ := liveEnv(url)
		environ["SSOJET_CLIENT_SECRET"] = "client-secret-5f1e9a"
		if args[0] == "fetch" { // no token: one is fetched with the client secret
			args = args[1:]
			delete(environ, "SSOJET_TOKEN")
		}
		_, stderr, code := runCLI(t, environ, args...)
		if code != exitUsage || strings.Count(stderr, "150ms") != 1 || !strings.Contains(stderr, "timeout: nothing received for 150ms (--timeout)") {
			t.Errorf("%v against an API that never answers: exit %d, stderr %q; want exit %d and the timeout of 150ms named once", args, code, stderr, exitUsage)
		}
	}
}

// TestResponseFromAPipe: `--response <(curl …)` (a pipe, read once) judges the body the pipe
// held, with kin-openapi's verdict on it, not an empty body read from the pipe a second time.
func TestResponseFromAPipe(t *testing.T) {
	seed := seedBytes(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := w.Write(seed); err != nil { // the seed fits in a pipe's buffer
		t.Fatal(err)
	}
	w.Close()
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id=c", nil)
	want := exitOK
	if o.Response(req, 200, http.Header{"Content-Type": {"application/json"}}, seed) != nil {
		want = exitFailed
	}
	path := fmt.Sprintf("/dev/fd/%d", r.Fd())
	if stdout, stderr, code := runCLI(t, nil, "contract", "--response", path); code != want {
		t.Errorf("contract --response %s (a pipe holding the seed): exit %d, want %d (kin-openapi's verdict); stderr %q\n%s", path, code, want, stderr, stdout)
	}
}

// TestBareBodyFlagsWithAFixture: --status, --content-type and --header describe a bare body; given
// with a fixture of --record (--response FILE, --replay DIR), which records its own status and
// headers, they are a usage error of one line, where they were ignored: --status 500 judged the
// fixture's 200.
func TestBareBodyFlagsWithAFixture(t *testing.T) {
	dir := t.TempDir()
	fixture := writeFile(t, dir, "documented-request.json", `{"check":"documented-request","request":{"method":"GET"},"response":{"status":200,"header":{"Content-Type":["application/json"]},"body_json":{"login_logs":[]}}}`)
	for _, args := range [][]string{
		{"--response", fixture, "--status", "500"},
		{"--response", fixture, "--content-type", "text/html"},
		{"--response", fixture, "--header", "Retry-After: 1"},
		{"--replay", dir, "--status", "500"},
	} {
		_, stderr, code := runCLI(t, nil, append([]string{"contract"}, args...)...)
		if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "bare body") {
			t.Errorf("contract %v: exit %d, stderr %q; want %d and one line saying the flag describes a bare body", args, code, stderr, exitUsage)
		}
	}
	if _, stderr, code := runCLI(t, nil, "contract", "--response", fixture); code != exitOK {
		t.Errorf("contract --response %s: exit %d, want 0 (%s)", fixture, code, stderr)
	}
}

// TestCheckListsTakeSpaces: --only and --skip take "a, b" as --methods does, the spaces after the
// commas trimmed; " wrong-token" was an unknown check.
func TestCheckListsTakeSpaces(t *testing.T) {
	env := liveEnv(startAPI(t, fakeapi.New(seedBytes(t))))
	stdout, stderr, code := runCLI(t, env, "contract", "--only", "no-token, wrong-token", "--skip", " wrong-token", "--format", "json")
	if code != exitOK || !strings.Contains(stdout, `"no-token"`) {
		t.Fatalf("contract --only 'no-token, wrong-token' --skip ' wrong-token': exit %d, stderr %q; want 0 and no-token run", code, stderr)
	}
	var rep struct {
		Results []struct{ Check, Status string } `json:"results"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	ran := map[string]string{}
	for _, c := range rep.Results {
		ran[c.Check] = c.Status
	}
	if ran["no-token"] != "pass" || ran["wrong-token"] != "skip" || ran["documented-request"] != "skip" {
		t.Errorf("contract --only 'no-token, wrong-token' --skip ' wrong-token': %v; want no-token passed, the others skipped", ran)
	}
}
