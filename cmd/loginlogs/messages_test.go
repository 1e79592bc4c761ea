package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/report"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

// TestMistypedFlagSuggestsTheNearest: an unknown flag near a known one names it; one near none
// says only that it is unknown. Both exit 2.
func TestMistypedFlagSuggestsTheNearest(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--adr", "127.0.0.1:0"}, "unknown flag --adr; did you mean --addr?"},
		{[]string{"get", "--client_id", "x"}, "unknown flag --client_id; did you mean --client-id?"},
		{[]string{"contract", "--tokn", "x"}, "did you mean --token?"},
		{[]string{"get", "--zzzzzz", "x"}, "unknown flag: --zzzzzz (see loginlogs get --help)"},
	} {
		_, stderr, code := runCLI(t, nil, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("loginlogs %v: exit %d, stderr %q; want exit 2 and one line with %q", tc.args, code, stderr, tc.want)
		}
	}
}

// busyAddr returns an address on loopback that a listener holds until the test ends.
func busyAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String()
}

// TestServeOnABusyPort: serve checks its address before it opens the store, so a busy port
// leaves no new store behind, and the one line names the flag to change.
func TestServeOnABusyPort(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	_, stderr, code := runCLI(t, nil, "serve", "--addr", busyAddr(t), "--database-url", "sqlite:"+db)
	if code != exitUsage || !strings.Contains(stderr, "in use") || !strings.Contains(stderr, "--addr") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("serve on a busy port: exit %d, stderr %q; want exit 2 and one line naming --addr", code, stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("serve on a busy port: the store %s was created (stat: %v), want none", db, err)
	}
}

// TestProxyOnABusyPort: the proxy's one line on a busy port names the flag and the variable to
// change, as serve's does.
func TestProxyOnABusyPort(t *testing.T) {
	_, stderr, code := runCLI(t, nil, "proxy", "--addr", busyAddr(t), "--upstream", "http://127.0.0.1:9")
	if code != exitUsage || !strings.Contains(stderr, "in use") || !strings.Contains(stderr, "--addr (or LOGINLOGS_PROXY_ADDR)") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("proxy on a busy port: exit %d, stderr %q; want exit 2 and one line naming --addr and LOGINLOGS_PROXY_ADDR", code, stderr)
	}
}

// TestBaseURLWithAQueryIsRefused: the generated client appends the path to the base URL as a
// string, so a base URL with a query or a fragment would send each verb to another path (a 404
// from /api/users/…), and one with a space (a copied value's trailing one) to /api/v1%20/…;
// every verb that calls the API refuses it in one line, exit 2, sending nothing.
func TestBaseURLWithAQueryIsRefused(t *testing.T) {
	var sent atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sent.Add(1) }))
	defer api.Close()
	ids := []string{"--client-id", "cli_a", "--user-id", "u1"}
	for _, base := range []string{api.URL + "/api/v1?x=1", api.URL + "/api/v1#top", api.URL + "/api/v1 ", api.URL + "/api\t/v1"} {
		for _, tc := range []struct {
			name    string
			environ map[string]string
			args    []string
		}{
			{"get", nil, append([]string{"get", "--token", "long-enough-token", "--base-url", base}, ids...)},
			{"contract", nil, append([]string{"contract", "--token", "long-enough-token", "--base-url", base}, ids...)},
			{"token", map[string]string{"SSOJET_CLIENT_SECRET": "long-enough-secret"}, []string{"token", "--client-id", "cli_a", "--base-url", base}},
			{"get with a secret", map[string]string{"SSOJET_CLIENT_SECRET": "long-enough-secret"}, append([]string{"get", "--base-url", base}, ids...)},
		} {
			_, stderr, code := runCLI(t, tc.environ, tc.args...)
			if code != exitUsage || !strings.Contains(stderr, "without a query") || strings.Count(stderr, "\n") != 1 {
				t.Errorf("%s --base-url %s: exit %d, stderr %q; want exit 2 and one line saying the base URL must have no query", tc.name, base, code, stderr)
			}
		}
	}
	if n := sent.Load(); n != 0 {
		t.Errorf("%d requests reached the API; want none", n)
	}
}

// TestCountsAgreeWithNouns: counts in messages take the singular for one.
func TestCountsAgreeWithNouns(t *testing.T) {
	for _, tc := range []struct {
		n          int
		word, want string
	}{
		{1, "check", "1 check"}, {5, "check", "5 checks"}, {1, "batch", "1 batch"}, {2, "batch", "2 batches"},
		{1, "entry", "1 entry"}, {3, "entry", "3 entries"}, {1, "login log", "1 login log"}, {0, "error", "0 errors"},
		{2, "day", "2 days"},
	} {
		if got := report.Plural(tc.n, tc.word); got != tc.want {
			t.Errorf("report.Plural(%d, %q) = %q, want %q", tc.n, tc.word, got, tc.want)
		}
	}
}

// TestBareErrorBodyGetsAHint: a bare body that is SSOJet's error JSON, given without --status,
// is not judged as a 200: one line says what it holds and which flag to give; with --status it
// is judged as that answer.
func TestBareErrorBodyGetsAHint(t *testing.T) {
	body := filepath.Join(t.TempDir(), "401.json")
	if err := os.WriteFile(body, []byte(`{"error":"invalid_token","error_description":"The bearer token is missing or not valid.","error_code":1002}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, nil, "contract", "--response", body)
	if code != exitUsage || stdout != "" || strings.Count(stderr, "\n") != 1 ||
		!strings.Contains(stderr, "error invalid_token, error_code 1002") || !strings.Contains(stderr, "--status 401") {
		t.Errorf("contract --response <a 401's body>: exit %d, stdout %q, stderr %q; want exit 2 and one line naming the error and --status", code, stdout, stderr)
	}
	if stdout, stderr, code := runCLI(t, nil, "contract", "--response", body, "--status", "401"); code != exitOK || !strings.Contains(stdout, "recorded-response: 401 Unauthorized") {
		t.Errorf("contract --response <a 401's body> --status 401: exit %d, stderr %q; want it judged as a 401 and passing\n%s", code, stderr, stdout)
	}
	seed, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	if _, stderr, code := runCLI(t, nil, "contract", "--response", seed); code != exitOK {
		t.Errorf("contract --response <the seed>: exit %d, stderr %q; want 0", code, stderr)
	}
}

// TestBareErrorBodyByTheContract: whether a bare body is an error body, not a 200's, is read
// from the contract in hand: under a contract whose 200 holds its entries in "entries", an error
// JSON beside "login_logs" is an error body, and one beside "entries" is judged as a 200, with
// kin-openapi's verdict.
func TestBareErrorBodyByTheContract(t *testing.T) {
	spec, o := editedOracle(t, specEdit{"        - login_logs\n", "        - entries\n"}, specEdit{"\n        login_logs:", "\n        entries:"},
		specEdit{"                login_logs:", "                entries:"})
	const errorJSON = `"error":"invalid_token","error_description":"The bearer token is missing or not valid.","error_code":1002`
	dir := t.TempDir()
	besideOld := writeFile(t, dir, "old.json", `{"login_logs":[],`+errorJSON+`}`)
	if _, stderr, code := runCLI(t, nil, "contract", "--spec", spec, "--response", besideOld); code != exitUsage || !strings.Contains(stderr, "holds SSOJet's error JSON") {
		t.Errorf("contract --spec <entries> --response <error JSON beside login_logs>: exit %d, stderr %q; want exit 2 naming the error JSON", code, stderr)
	}
	body := `{"entries":[],` + errorJSON + `}`
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/"+server.DemoUserID+"/loginlogs?client_id=c", nil)
	want := exitOK
	if o.Response(req, 200, http.Header{"Content-Type": {"application/json"}}, []byte(body)) != nil {
		want = exitFailed
	}
	if stdout, stderr, code := runCLI(t, nil, "contract", "--spec", spec, "--response", writeFile(t, dir, "new.json", body)); code != want {
		t.Errorf("contract --spec <entries> --response <error JSON beside entries>: exit %d, want %d (kin-openapi's verdict on it as a 200); stderr %q\n%s", code, want, stderr, stdout)
	}
}

// TestOneBadValueIsOneFinding: a CreatedAt that breaks both the pattern and the date-time
// format (two violations for kin-openapi) is one finding naming both.
func TestOneBadValueIsOneFinding(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(seed), "2024-07-10T12:16:19.647Z", "yesterday", 1)
	body := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(body, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/"+server.DemoUserID+"/loginlogs?client_id=c", nil)
	kin := oracle.Pointers(o.Response(req, 200, http.Header{"Content-Type": {"application/json"}}, []byte(bad)))
	if len(kin) != 2 || kin[0] != "/login_logs/0/CreatedAt" || kin[1] != kin[0] {
		t.Fatalf("kin-openapi's violations %q, want two at /login_logs/0/CreatedAt: the test no longer tells the case apart", kin)
	}
	stdout, stderr, code := runCLI(t, nil, "contract", "--response", body, "--format", "json")
	var rep contract.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || len(rep.Results) != 1 {
		t.Fatalf("contract --format json: %v, stderr %s\n%s", err, stderr, stdout)
	}
	errs := rep.Results[0].Errors
	if code != exitFailed || len(errs) != 1 || errs[0].Pointer != "/login_logs/0/CreatedAt" ||
		!strings.Contains(errs[0].Want, "pattern") || !strings.Contains(errs[0].Want, "format date-time") {
		t.Errorf("contract --response <a bad CreatedAt>: exit %d, errors %+v; want exit 1 and one error at /login_logs/0/CreatedAt naming the pattern and the format", code, errs)
	}
	if !strings.Contains(stderr, "1 error in 1 of 1 check") {
		t.Errorf("contract --response <a bad CreatedAt>: stderr %q, want 1 error in 1 of 1 check", stderr)
	}
}

// TestStoreIsNamedWhereItIs: serve's export line sets LOGINLOGS_DATABASE_URL to its store by its
// absolute path, so that import run elsewhere writes where serve reads; a store a verb creates
// is said to be new; a database URL with a password is never printed.
func TestStoreIsNamedWhereItIs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "loginlogs.db")
	stdout, _, stop := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", "sqlite:" + db}, noEnv)
	defer stop()
	if !strings.Contains(stdout.String(), "(store sqlite:"+db+" (a new file),") {
		t.Errorf("serve on a new SQLite file: banner %q, want it to say the store is new", stdout.String())
	}
	environ := exportedEnv(t, stdout.String())
	if environ["LOGINLOGS_DATABASE_URL"] != "sqlite:"+db {
		t.Fatalf("the export line sets LOGINLOGS_DATABASE_URL=%q, want sqlite:%s", environ["LOGINLOGS_DATABASE_URL"], db)
	}
	logs := filepath.Join(dir, "one.ndjson")
	entry := `{"IpAddress":"10.0.0.1","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z"}`
	if err := os.WriteFile(logs, []byte(entry+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runCLI(t, environ, "import", "--client-id", server.DemoClientID, "--user-id", "u-exported", logs)
	if code != exitOK || !strings.Contains(out, "into sqlite:"+db+" (appended)") {
		t.Errorf("import with the exported environment: exit %d, stdout %q, stderr %q; want it into serve's store, not a new one", code, out, stderr)
	}
	other := filepath.Join(dir, "other.db")
	out, _, _ = runCLI(t, nil, "import", "--client-id", "c", "--user-id", "u", "--database-url", other, logs)
	if !strings.Contains(out, "into sqlite:"+other+" (a new file)") {
		t.Errorf("import into a new store: stdout %q, want it to name the new file", out)
	}

	if !strings.Contains(exportLineFor(t, "postgres://u:s3cret-pw@127.0.0.1:1/db"), "LOGINLOGS_DATABASE_URL yourself") {
		t.Error("the export line for a database URL with a password does not say to set it yourself")
	}
}

// exportLineFor is what printDevEnv prints for a server on dbURL.
func exportLineFor(t *testing.T, dbURL string) string {
	t.Helper()
	var b strings.Builder
	printDevEnv(&b, "http://127.0.0.1:1/api/v1", "tok-0123456789abcdef", true, dbURL)
	if strings.Contains(b.String(), "s3cret") {
		t.Errorf("the export line prints the database password:\n%s", b.String())
	}
	return b.String()
}

// TestEmptyImportCreatesNoUser: an input without entries imports nothing, creates no user, and
// says so; exit 0.
func TestEmptyImportCreatesNoUser(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "loginlogs.db")
	for _, input := range []string{"", "{\"login_logs\":[]}", "[ ]\n"} {
		file := filepath.Join(dir, "in.json")
		if err := os.WriteFile(file, []byte(input), 0o644); err != nil {
			t.Fatal(err)
		}
		out, stderr, code := runCLI(t, nil, "import", "--database-url", db, "--client-id", "c", "--user-id", "u-empty", file)
		if code != exitOK || !strings.Contains(out, "nothing imported: "+file+" has no entries") {
			t.Errorf("import of %q: exit %d, stdout %q, stderr %q; want exit 0 saying nothing was imported", input, code, out, stderr)
		}
	}
	st, err := sqlite.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.UserVersion(t.Context(), "c", "u-empty"); !errors.Is(err, store.ErrUserNotFound) {
		t.Errorf("after importing empty inputs: UserVersion(u-empty) = %v, want store.ErrUserNotFound", err)
	}
}

// TestImportTwiceChangesNothing: importing a file the user's logs already hold changes nothing
// and says so; a file that overlaps them adds only what is new (an entry the file holds twice,
// twice); --append adds everything again. SQLite, and PostgreSQL when
// LOGINLOGS_TEST_DATABASE_URL is set.
func TestImportTwiceChangesNothing(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { importTwice(t, "sqlite:"+filepath.Join(t.TempDir(), "loginlogs.db")) })
	t.Run("postgres", func(t *testing.T) { importTwice(t, pgtest.FreshURL(t)) })
}

func importTwice(t *testing.T, dbURL string) {
	seed, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	environ := map[string]string{"LOGINLOGS_DATABASE_URL": dbURL, "SSOJET_CLIENT_ID": "cli_twice"}
	imp := func(args ...string) string {
		t.Helper()
		out, stderr, code := runCLI(t, environ, append([]string{"import", "--user-id", "u2"}, args...)...)
		if code != exitOK {
			t.Fatalf("import %v: exit %d\n%s%s", args, code, out, stderr)
		}
		return out
	}
	count := func() int {
		t.Helper()
		logs, _ := storeLogs(t, dbURL, "cli_twice", "u2")
		return len(logs)
	}
	imp(seed)
	before, version := storeLogs(t, dbURL, "cli_twice", "u2")
	if out := imp(seed); !strings.Contains(out, "nothing changed: user u2 of client cli_twice already has the 24 login logs of") {
		t.Errorf("import of the seed a second time: %q, want it to say nothing changed", out)
	}
	if after, v := storeLogs(t, dbURL, "cli_twice", "u2"); len(after) != len(before) || v != version {
		t.Errorf("after importing the seed twice: %d logs at version %d, want the %d at version %d, unchanged", len(after), v, len(before), version)
	}

	entry := `{"IpAddress":"10.9.9.9","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-09-01T00:00:00Z"}`
	var seedBody struct {
		LoginLogs []json.RawMessage `json:"login_logs"`
	}
	if err := json.Unmarshal(seedBytes(t), &seedBody); err != nil {
		t.Fatal(err)
	}
	compact := func(raw json.RawMessage) string {
		var b bytes.Buffer
		if err := json.Compact(&b, raw); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	lines := []string{compact(seedBody.LoginLogs[0]), entry, entry, compact(seedBody.LoginLogs[5])}
	overlap := filepath.Join(t.TempDir(), "overlap.ndjson")
	if err := os.WriteFile(overlap, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := imp(overlap); !strings.Contains(out, "imported 2 login logs") || !strings.Contains(out, "2 login logs the user already had left out") {
		t.Errorf("import of 2 stored and 2 new entries: %q, want 2 imported and 2 left out", out)
	}
	if n := count(); n != 26 {
		t.Errorf("after importing 2 new entries: %d logs, want 26", n)
	}
	imp(seed, "--append")
	if n := count(); n != 50 {
		t.Errorf("after import --append of the seed: %d logs, want 50", n)
	}
}
