package main

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// readmeConsole returns the lines the README's section "What you see when it runs" shows after
// the prompt line "$ "+command, up to the next prompt or the end of its block.
func readmeConsole(t *testing.T, command string) []string {
	t.Helper()
	section := readmeSection(t, "## What you see when it runs")
	_, rest, ok := strings.Cut(section, "\n$ "+command+"\n")
	if !ok {
		t.Fatalf("the README's section What you see when it runs shows no $ %s", command)
	}
	var out []string
	for line := range strings.Lines(rest) {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "$ ") || strings.HasPrefix(line, "```") {
			break
		}
		out = append(out, line)
	}
	return out
}

// TestREADMEShowsWhatGetAndContractPrint runs what the README shows a newcomer typing in the
// second terminal against the reference server with the demo data make run seeds: get's table
// is the README's lines exactly (its columns as wide as the demo user's logs make them), and
// contract's first and last lines are the README's, the contract's version included.
func TestREADMEShowsWhatGetAndContractPrint(t *testing.T) {
	ref := servertest.Start(t)
	environ := map[string]string{
		"SSOJET_BASE_URL": ref.BaseURL, "SSOJET_TOKEN": ref.Token,
		"SSOJET_CLIENT_ID": ref.ClientID, "SSOJET_USER_ID": ref.UserID,
	}
	stdout, stderr, code := runCLI(t, environ, "get", "--format", "table")
	if code != exitOK {
		t.Fatalf("get --format table: exit %d: %s", code, stderr)
	}
	got := strings.Split(stdout, "\n")[:3]
	if want := readmeConsole(t, "bin/loginlogs get --format table | head -3"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("get --format table | head -3 prints\n%s\nthe README shows\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	stdout, stderr, code = runCLI(t, environ, "contract")
	if code != exitOK {
		t.Fatalf("contract: exit %d: %s%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	shown := readmeConsole(t, "bin/loginlogs contract")
	first := strings.Replace(lines[0], ref.BaseURL, "http://127.0.0.1:8080/api/v1", 1)
	if first != shown[0] || lines[len(lines)-1] != shown[len(shown)-1] {
		t.Errorf("contract prints\n%s\n…\n%s\nthe README shows\n%s\n…\n%s", first, lines[len(lines)-1], shown[0], shown[len(shown)-1])
	}
}

// TestGetNamesTheSettingOfA404: a 404 from get says which setting to check, as contract does: a
// base URL without /api/v1 (the reference server's 404 for a path it does not serve) is a set-up
// problem naming SSOJET_BASE_URL, exit 2; an unknown user names SSOJET_USER_ID, exit 1.
func TestGetNamesTheSettingOfA404(t *testing.T) {
	ref := servertest.Start(t)
	environ := map[string]string{
		"SSOJET_BASE_URL": ref.URL, "SSOJET_TOKEN": ref.Token,
		"SSOJET_CLIENT_ID": ref.ClientID, "SSOJET_USER_ID": ref.UserID,
	}
	_, stderr, code := runCLI(t, environ, "get")
	if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "404 Not Found") ||
		!strings.Contains(stderr, "check SSOJET_BASE_URL (--base-url): SSOJet's ends in /api/v1") {
		t.Errorf("get with a base URL without /api/v1: exit %d, stderr %q; want %d and one line naming SSOJET_BASE_URL", code, stderr, exitUsage)
	}
	environ["SSOJET_BASE_URL"], environ["SSOJET_USER_ID"] = ref.BaseURL, "000000000000000000000000"
	_, stderr, code = runCLI(t, environ, "get")
	if code != exitFailed || strings.Count(stderr, "\n") != 1 ||
		!strings.Contains(stderr, `404 Not Found: resource_not_found (801): User not found. — check SSOJET_USER_ID (--user-id): the API knows no user "000000000000000000000000" for this client`) {
		t.Errorf("get of an unknown user: exit %d, stderr %q; want %d and one line naming SSOJET_USER_ID", code, stderr, exitFailed)
	}
}

// TestServeNamesAMistypedDatabaseURLFirst: a database URL serve cannot use is its usage error
// even when the address is busy too (a newcomer's `make run` still serving in another
// terminal): fixing the port first would only lead to the next error.
func TestServeNamesAMistypedDatabaseURLFirst(t *testing.T) {
	_, stderr, code := runCLI(t, nil, "serve", "--addr", busyAddr(t), "--database-url", "mysql://u:pw@h/db")
	if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, `--database-url (or LOGINLOGS_DATABASE_URL): database URL with scheme "mysql": unknown scheme`) ||
		strings.Contains(stderr, "pw") {
		t.Errorf("serve --database-url mysql://… on a busy address: exit %d, stderr %q; want %d and one line about the database URL, without its password", code, stderr, exitUsage)
	}
}

// TestServeHelpNamesThePathsWithoutToken: every path the README says needs no token answers 200
// without one, and serve --help names it.
func TestServeHelpNamesThePathsWithoutToken(t *testing.T) {
	ref := servertest.Start(t)
	help, _, code := runCLI(t, nil, "serve", "--help")
	if code != exitOK {
		t.Fatalf("serve --help: exit %d", code)
	}
	for _, path := range []string{"/healthz", "/readyz", "/openapi.yaml", "/docs", "/metrics"} {
		res, err := http.Get(ref.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s without a token: %d, want 200", path, res.StatusCode)
		}
		if !strings.Contains(help, path) {
			t.Errorf("serve --help does not name %s, which it serves without a token", path)
		}
	}
}

// TestImportThenGetKeepsEveryGeneratedMember: a login log with every member of the generated
// ssojet.LoginLog set (an optional one added to api/openapi.yaml included), imported into the
// store make run serves and read back with get, comes back member for member; imported again,
// it changes nothing, and a log differing from it in any one member is imported beside it. So a
// member the importer or the import's comparison of logs leaves out fails here.
func TestImportThenGetKeepsEveryGeneratedMember(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	props := doc.Components.Schemas["LoginLog"].Value.Properties
	example := func(name string) string { // the contract's example, so that the entry is valid
		if s, ok := props[name].Value.Example.(string); ok && s != "" {
			return s
		}
		return name
	}
	log, names, _ := generatedLog(t, example)
	db := filepath.Join(t.TempDir(), "loginlogs.db")
	stdout, _, _ := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", db, "--dev-token", "roundtrip-token-0123"}, noEnv)
	environ := exportedEnv(t, stdout.String())
	environ["SSOJET_USER_ID"] = "u-every-member"
	write := func(logs ...any) string {
		var b strings.Builder
		for _, l := range logs {
			line, err := json.Marshal(l)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(append(line, '\n'))
		}
		path := filepath.Join(t.TempDir(), "logs.ndjson")
		if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	imp := func(file string) string {
		out, stderr, code := runCLI(t, environ, "import", file)
		if code != exitOK {
			t.Fatalf("import: exit %d: %s", code, stderr)
		}
		return out
	}
	got := func() []map[string]any {
		out, stderr, code := runCLI(t, environ, "get", "--format", "ndjson")
		if code != exitOK {
			t.Fatalf("get: exit %d: %s", code, stderr)
		}
		var logs []map[string]any
		for line := range strings.Lines(out) {
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatal(err)
			}
			logs = append(logs, m)
		}
		return logs
	}

	imp(write(log))
	var want map[string]any
	b, _ := json.Marshal(log)
	json.Unmarshal(b, &want)
	if logs := got(); len(logs) != 1 || !reflect.DeepEqual(logs[0], want) {
		t.Fatalf("get after importing %s:\n%v\nwant it member for member", b, logs)
	}
	if out := imp(write(log)); !strings.Contains(out, "nothing changed") {
		t.Errorf("importing the same log again: %q, want nothing changed", out)
	}
	var others []any
	for _, name := range names {
		if name == "CreatedAt" {
			continue // a date-time: the pattern leaves no other example handy; the others vary
		}
		other := maps.Clone(want)
		other[name] = "other-" + name
		others = append(others, other)
	}
	imp(write(others...))
	if logs := got(); len(logs) != 1+len(others) {
		t.Errorf("after importing %d logs each differing from the first in one member: %d logs, want %d (a member the comparison leaves out makes them equal)", len(others), len(logs), 1+len(others))
	}
}

// TestREADMEShowsWhatServePrints: the lines the README shows make run's server printing on
// stdout, from its address to the client secret, are what serve prints on a new SQLite file
// with no --tokens; only the address, the file's directory, the token and the secret differ.
func TestREADMEShowsWhatServePrints(t *testing.T) {
	shown := readmeConsole(t, "make run")
	i := slices.Index(shown, "bin/loginlogs serve")
	if i < 0 {
		t.Fatalf("the README's make run shows no bin/loginlogs serve:\n%s", strings.Join(shown, "\n"))
	}
	for i++; i < len(shown) && shown[i] == "…"; i++ { // serve's log lines, on stderr
	}
	dir := t.TempDir()
	stdout, _, _ := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", "sqlite:" + filepath.Join(dir, "loginlogs.db")}, noEnv)
	base := servingLine.FindStringSubmatch(stdout.String())[1]
	vary := strings.NewReplacer(base, "http://127.0.0.1:8080", dir, "/home/you/loginlogs")
	secrets := regexp.MustCompile(`\b(dev_|devsecret_)[^\s';]+`)
	same := func(line string) string { return secrets.ReplaceAllString(vary.Replace(line), "${1}…") }
	got := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	want := shown[i:]
	for j := range max(len(got), len(want)) {
		var g, w string
		if j < len(got) {
			g = same(got[j])
		}
		if j < len(want) {
			w = same(want[j])
		}
		if g != w {
			t.Errorf("serve's line %d:\n%s\nthe README shows:\n%s", j+1, g, w)
		}
	}
}

// TestDocsShowWhatContractPrints: what docs/contract-checker.md shows contract printing is what
// it prints: the set-up problem of a wrong token (against the reference server), and the sample
// report, the golden file TestContractReports holds contract's report to.
func TestDocsShowWhatContractPrints(t *testing.T) {
	section := docSection(t, "docs/contract-checker.md", "## How it decides")
	ref := servertest.Start(t)
	environ := map[string]string{
		"SSOJET_BASE_URL": ref.BaseURL, "SSOJET_TOKEN": "not-the-token-0123456789",
		"SSOJET_CLIENT_ID": ref.ClientID, "SSOJET_USER_ID": ref.UserID,
	}
	_, stderr, code := runCLI(t, environ, "contract")
	if shown := docBlock(t, section, "the same refused request:", ""); code != exitUsage || stderr != shown {
		t.Errorf("contract with a wrong token: exit %d, stderr\n%s\ndocs/contract-checker.md shows\n%s", code, stderr, shown)
	}
	sample, err := os.ReadFile("testdata/contract-drift.txt")
	if err != nil {
		t.Fatal(err)
	}
	if shown := docBlock(t, section, "A sample report", ""); shown != string(sample) {
		t.Errorf("docs/contract-checker.md's sample report\n%s\nis not testdata/contract-drift.txt\n%s", shown, sample)
	}
}

// TestDocsShowWhatProxyPrints: the summary docs/proxy.md shows proxy printing on SIGTERM is what
// it prints after the same traffic: 180 answers with a CreatedAt that is no date, 31 of an
// unknown user, one timeout. Only the upstream's URL and the request id differ.
func TestDocsShowWhatProxyPrints(t *testing.T) {
	shown := docBlock(t, docSection(t, "docs/proxy.md", "# Contract testing of real traffic: `loginlogs proxy`"), "it prints a summary", "")
	seed := string(seedBytes(t))
	if !strings.Contains(seed, `"2024-07-11T07:21:15.14Z"`) {
		t.Fatal("the seed's fifth entry changed: pick another")
	}
	api := fakeapi.New([]byte(strings.Replace(seed, `"2024-07-11T07:21:15.14Z"`, `"2024-02-30T10:00:00Z"`, 1)))
	api.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "/users/slow/") {
			<-r.Context().Done() // hangs until the proxy gives up
			return true
		}
		return false
	}
	up := startAPI(t, api)
	base, stdout, _, stop := startProxyCLI(t, "--upstream", up, "--timeout", "200ms")
	get := func(user string) {
		req, _ := http.NewRequest(http.MethodGet, base+"/users/"+user+"/loginlogs?client_id="+fakeapi.ClientID, nil)
		req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	for range 180 {
		get(fakeapi.UserID)
	}
	for range 31 {
		get(fakeapi.UnknownUserID)
	}
	get("slow")
	if code := stop(); code != exitFailed {
		t.Errorf("proxy after answers breaking the contract: exit %d, want %d", code, exitFailed)
	}
	_, summary, _ := strings.Cut(stdout.String(), "\n") // after the proxying line
	summary = strings.ReplaceAll(summary, up, "https://api.ssojet.com")
	summary = regexp.MustCompile(`request proxy-[0-9a-f]+,`).ReplaceAllString(summary, "request 9f2c…,")
	if summary != shown {
		t.Errorf("proxy's summary\n%s\ndocs/proxy.md shows\n%s", summary, shown)
	}
}
