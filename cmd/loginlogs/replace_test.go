package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"
)

// storeLogs reads a user's logs back through the store's own API (not the importer), with its
// version.
func storeLogs(t *testing.T, dbURL, clientID, userID string) ([]store.LoginLog, int64) {
	t.Helper()
	st, _, err := openStore(t.Context(), dbURL)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	defer st.Close()
	logs, err := store.List(t.Context(), st, clientID, userID)
	if err != nil {
		t.Fatalf("store.List(%s, %s): %v", clientID, userID, err)
	}
	v, err := st.UserVersion(t.Context(), clientID, userID)
	if err != nil {
		t.Fatalf("UserVersion: %v", err)
	}
	return logs, v
}

// TestImportReplace: an import appends (twice the seed: 48 logs); --replace replaces, and a
// second replace leaves the seed's 24 logs, equal to the fixture decoded by the generated SDK's
// model; a replace that fails after several batches leaves the logs and their version exactly
// as they were. SQLite, and PostgreSQL when LOGINLOGS_TEST_DATABASE_URL is set.
func TestImportReplace(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testImportReplace(t, "sqlite:"+filepath.Join(t.TempDir(), "loginlogs.db")) })
	t.Run("postgres", func(t *testing.T) { testImportReplace(t, pgtest.FreshURL(t)) })
}

func testImportReplace(t *testing.T, dbURL string) {
	seedPath, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	var seed ssojet.LoginLogsResponse
	if err := json.Unmarshal(seedBytes(t), &seed); err != nil {
		t.Fatal(err)
	}
	want := make([]store.LoginLog, len(seed.LoginLogs))
	for i, l := range seed.LoginLogs {
		want[i] = store.LoginLog{IPAddress: l.IpAddress, Country: l.Country, City: l.City, UserAgent: l.UserAgent,
			Name: l.Name, OS: l.Os, Device: l.Device, CreatedAt: l.CreatedAt.UTC()}
	}
	environ := map[string]string{"LOGINLOGS_DATABASE_URL": dbURL, "SSOJET_CLIENT_ID": "cli_r"}
	imp := func(args ...string) (string, string, int) {
		return runCLI(t, environ, append([]string{"import"}, args...)...)
	}
	for i := range 2 {
		if out, stderr, code := imp(seedPath, "--user-id", "u1", "--append"); code != exitOK || !strings.Contains(out, "(appended)") {
			t.Fatalf("import %d of the seed: exit %d\n%s%s", i+1, code, out, stderr)
		}
	}
	if logs, _ := storeLogs(t, dbURL, "cli_r", "u1"); len(logs) != 48 {
		t.Errorf("after two appending imports of the seed: %d logs, want 48", len(logs))
	}
	for i := range 2 {
		out, stderr, code := imp(seedPath, "--user-id", "u1", "--replace", "--batch-size", "5")
		if code != exitOK || !strings.Contains(out, "replaced the login logs of user u1") {
			t.Fatalf("import --replace %d: exit %d\n%s%s", i+1, code, out, stderr)
		}
		if logs, _ := storeLogs(t, dbURL, "cli_r", "u1"); !reflect.DeepEqual(logs, want) {
			t.Errorf("after import --replace %d: %d logs, want the seed's %d exactly", i+1, len(logs), len(want))
		}
	}

	// 30 good entries (6 batches of 5), then one the contract refuses.
	var file strings.Builder
	for i := range 30 {
		fmt.Fprintf(&file, `{"IpAddress":"10.0.0.%d","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-08-01T00:00:%02dZ"}`+"\n", i, i)
	}
	file.WriteString(`{"IpAddress":"10.0.0.99","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"yesterday"}` + "\n")
	bad := filepath.Join(t.TempDir(), "bad.ndjson")
	if err := os.WriteFile(bad, []byte(file.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	before, version := storeLogs(t, dbURL, "cli_r", "u1")
	_, stderr, code := imp(bad, "--user-id", "u1", "--replace", "--batch-size", "5")
	if code != exitFailed || !strings.Contains(stderr, "line 31") || !strings.Contains(stderr, "are as they were") {
		t.Errorf("import --replace of a file bad at line 31: exit %d, stderr %q; want %d naming line 31", code, stderr, exitFailed)
	}
	after, versionAfter := storeLogs(t, dbURL, "cli_r", "u1")
	if !reflect.DeepEqual(after, before) || versionAfter != version {
		t.Errorf("after a failed replace: %d logs at version %d, want the %d before at version %d, unchanged", len(after), versionAfter, len(before), version)
	}
	// The same file without --replace keeps its first 6 batches: appending is not atomic.
	if _, _, code := imp(bad, "--user-id", "u1", "--batch-size", "5"); code != exitFailed {
		t.Errorf("import (append) of the bad file: exit %d, want %d", code, exitFailed)
	}
	if logs, _ := storeLogs(t, dbURL, "cli_r", "u1"); len(logs) != 24+30 {
		t.Errorf("after a failed appending import: %d logs, want 24 + the 30 of its written batches", len(logs))
	}
}

// eta is the bar's elapsed and remaining time, e.g. [0s:2s].
var eta = regexp.MustCompile(`\[\d+s:\d+s\]`)

// TestImportProgress: --progress always draws a bar on stderr with the percentage, the bytes
// read of the file's size (the oracle: the fixture's length), the rate and the time left; never and auto (stderr is no terminal here) draw nothing; stdin gets a bar
// without a percentage. A bad --progress is a usage error.
func TestImportProgress(t *testing.T) {
	seedPath, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	size := len(seedBytes(t))
	for _, tt := range []struct {
		mode string
		bar  bool
	}{{"always", true}, {"never", false}, {"auto", false}} {
		db := filepath.Join(t.TempDir(), "x.db")
		_, stderr, code := runCLI(t, nil, "import", seedPath, "--database-url", db, "--client-id", "c", "--user-id", "u", "--progress", tt.mode)
		if code != exitOK {
			t.Fatalf("import --progress %s: exit %d: %s", tt.mode, code, stderr)
		}
		kib := float64(size) / 1024
		total := fmt.Sprintf("%.1f/%.1f KiB", kib, kib)
		hasBar := strings.Contains(stderr, "100%") && strings.Contains(stderr, total) && strings.Contains(stderr, "/s") && eta.MatchString(stderr)
		if hasBar != tt.bar || !tt.bar && stderr != "" {
			t.Errorf("import --progress %s: stderr %q; want a bar with 100%%, %s read, the rate and the time left: %v", tt.mode, stderr, total, tt.bar)
		}
	}
	saved := stdin
	t.Cleanup(func() { stdin = saved })
	stdin = strings.NewReader(string(seedBytes(t)))
	_, stderr, code := runCLI(t, nil, "import", "-", "--database-url", filepath.Join(t.TempDir(), "x.db"), "--client-id", "c", "--user-id", "u", "--progress", "always")
	if code != exitOK || strings.Contains(stderr, "%") || !strings.Contains(stderr, "/s") {
		t.Errorf("import - --progress always: exit %d, stderr %q; want bytes and rate, no percentage", code, stderr)
	}
	if _, stderr, code := runCLI(t, nil, "import", seedPath, "--client-id", "c", "--user-id", "u", "--progress", "sometimes"); code != exitUsage || !strings.Contains(stderr, "want auto, always or never") {
		t.Errorf("import --progress sometimes: exit %d, %q", code, stderr)
	}
}

// TestImportReplaceEmpty: import --replace of an input with no entries (a 0-byte file, white
// space, /dev/null, an empty stdin, an empty login_logs array, an empty bare array) is refused
// with one line and exit 2, the user's logs and version as they were, and no user created for a
// new one; --allow-empty empties them. SQLite, and PostgreSQL when LOGINLOGS_TEST_DATABASE_URL is
// set.
func TestImportReplaceEmpty(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testImportReplaceEmpty(t, "sqlite:"+filepath.Join(t.TempDir(), "loginlogs.db")) })
	t.Run("postgres", func(t *testing.T) { testImportReplaceEmpty(t, pgtest.FreshURL(t)) })
}

func testImportReplaceEmpty(t *testing.T, dbURL string) {
	seedPath, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	environ := map[string]string{"LOGINLOGS_DATABASE_URL": dbURL, "SSOJET_CLIENT_ID": "cli_e"}
	if out, stderr, code := runCLI(t, environ, "import", seedPath, "--user-id", "u1"); code != exitOK {
		t.Fatalf("import of the seed: exit %d\n%s%s", code, out, stderr)
	}
	before, version := storeLogs(t, dbURL, "cli_e", "u1")
	dir := t.TempDir()
	saved := stdin
	t.Cleanup(func() { stdin = saved })
	for _, c := range []struct{ name, file, content string }{
		{"a 0-byte file", "empty.json", ""},
		{"white space only", "blank.ndjson", " \n\t\r\n\n"},
		{"/dev/null", "", ""},
		{"an empty stdin", "-", ""},
		{"an empty login_logs array", "body.json", `{"login_logs":[]}`},
		{"an empty bare array", "array.json", "[ ]\n"},
	} {
		name := c.file
		switch c.file {
		case "":
			name = os.DevNull
		case "-":
			stdin = strings.NewReader(c.content)
		default:
			name = writeFile(t, dir, c.file, c.content)
		}
		for _, user := range []string{"u1", "u2"} {
			out, stderr, code := runCLI(t, environ, "import", name, "--user-id", user, "--replace")
			if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "has no entries") || out != "" {
				t.Errorf("import --replace of %s for %s: exit %d, stdout %q, stderr %q; want exit %d and one line saying it has no entries",
					c.name, user, code, out, stderr, exitUsage)
			}
		}
		if after, v := storeLogs(t, dbURL, "cli_e", "u1"); !reflect.DeepEqual(after, before) || v != version {
			t.Errorf("after a refused replace of %s: %d logs at version %d, want the %d before at version %d", c.name, len(after), v, len(before), version)
		}
		st, _, err := openStore(t.Context(), dbURL)
		if err != nil {
			t.Fatal(err)
		}
		logs, err := store.List(t.Context(), st, "cli_e", "u2")
		st.Close()
		if !errors.Is(err, store.ErrUserNotFound) {
			t.Errorf("after a refused replace of %s for a new user: store.List = %d logs, %v; want %v", c.name, len(logs), err, store.ErrUserNotFound)
		}
	}
	out, stderr, code := runCLI(t, environ, "import", os.DevNull, "--user-id", "u1", "--replace", "--allow-empty")
	if code != exitOK || !strings.Contains(out, "with 0 login logs") {
		t.Fatalf("import --replace --allow-empty of /dev/null: exit %d\n%s%s", code, out, stderr)
	}
	if after, _ := storeLogs(t, dbURL, "cli_e", "u1"); len(after) != 0 {
		t.Errorf("after import --replace --allow-empty of /dev/null: %d logs, want 0", len(after))
	}
}
