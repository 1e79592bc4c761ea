package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

func TestImportVerb(t *testing.T) {
	dir := t.TempDir()
	entry := `{"IpAddress":"10.0.0.1","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z"}`
	bad := strings.Replace(entry, "2024-07-11T07:21:15.14Z", "yesterday", 1)
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.ndjson", entry+"\n"+entry+"\n")
	badFile := write("bad.ndjson", entry+"\n"+entry+"\n"+bad+"\n")
	seed, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	big := strings.Replace(entry, `"UserAgent":""`, `"UserAgent":"`+strings.Repeat("a", 1<<20)+`"`, 1)
	trailing := write("trailing.json", `{"login_logs":[`+entry+`]}`+"\n{}")
	bigLine := write("big.ndjson", entry+"\n"+big+"\n")
	bigEntry := write("big.json", `[`+entry+`,`+big+`]`)
	deep := write("deep.json", strings.Repeat("[", 20<<20))
	twice := write("twice.json", `{"login_logs":[`+entry+`],"login_logs":[]}`)
	none := write("none.json", `{"audit_logs":[`+entry+`]}`)

	cases := []struct {
		name  string
		args  []string
		stdin string
		code  int
		out   string
		logs  int // logs of user u1 afterwards; -1: the user must not exist
	}{
		{"seed JSON", []string{"--user-id", "u1", seed}, "", exitOK, "imported 24 login logs", 24},
		{"NDJSON", []string{"--user-id", "u1", good}, "", exitOK, "imported 2 login logs", 2},
		{"stdin", []string{"--user-id", "u1", "-"}, entry + "\n", exitOK, "imported 1 login log in 1 batch for", 1},
		{"bad entry at line 3", []string{"--user-id", "u1", "--batch-size", "0", badFile}, "", exitFailed, "line 3", -1},
		{"data after the JSON", []string{"--user-id", "u1", trailing}, "", exitFailed, "data after the JSON document at byte " + fmt.Sprint(len(`{"login_logs":[`+entry+`]}`)+1), -1},
		{"NDJSON line over 1 MiB", []string{"--user-id", "u1", bigLine}, "", exitFailed, "line 2: larger than", -1},
		{"JSON entry over 1 MiB", []string{"--user-id", "u1", bigEntry}, "", exitFailed, "entry 1 (/1, at byte", -1},
		{"20 MB of [", []string{"--user-id", "u1", deep}, "", exitFailed, "nested deeper than 64 levels", -1},
		{"two login_logs", []string{"--user-id", "u1", twice}, "", exitFailed, `second "login_logs" member`, -1},
		{"no login_logs", []string{"--user-id", "u1", none}, "", exitFailed, `no "login_logs" member`, -1},
		{"no file", []string{"--user-id", "u1"}, "", exitUsage, "exactly one FILE", -1},
		{"no user", []string{good}, "", exitUsage, "--user-id", -1},
		{"missing file", []string{"--user-id", "u1", filepath.Join(dir, "nope.json")}, "", exitUsage, "nope.json", -1},
		{"help", []string{"--help"}, "", exitOK, "Batches:", -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "loginlogs.db")
			stdin = strings.NewReader(c.stdin)
			defer func() { stdin = os.Stdin }()
			args := append([]string{"import", "--database-url", db, "--client-id", "cli_a"}, c.args...)
			var stdout, stderr, msg bytes.Buffer
			err := run(t.Context(), args, noEnv, &stdout, &stderr)
			if code := exitCode(err, &msg); code != c.code {
				t.Fatalf("run(%v): exit %d, want %d (%v)", args, code, c.code, err)
			}
			if text := stdout.String() + msg.String(); !strings.Contains(text, c.out) {
				t.Errorf("run(%v): output %q does not mention %q", args, text, c.out)
			}
			if c.code == exitOK && c.logs < 0 {
				return // help
			}
			st, err := sqlite.Open(t.Context(), db)
			if err != nil {
				t.Fatalf("sqlite.Open: %v", err)
			}
			defer st.Close()
			logs, err := store.List(t.Context(), st, "cli_a", "u1")
			if c.logs < 0 && err == nil {
				t.Errorf("after a failed import, user u1 has %d logs; want no user at all", len(logs))
			}
			if c.logs >= 0 && (err != nil || len(logs) != c.logs) {
				t.Errorf("after the import, store.List = %d logs, %v; want %d", len(logs), err, c.logs)
			}
		})
	}
}

// TestImportFromStdinEndsOnInterrupt: `import -` waiting on a stdin that never writes ends at
// once when its context is cancelled (SIGINT or SIGTERM in main), with a failure, not a hang.
func TestImportFromStdinEndsOnInterrupt(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	saved := stdin
	stdin = pr
	t.Cleanup(func() { stdin = saved })
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		done <- run(ctx, []string{"import", "--database-url", filepath.Join(t.TempDir(), "x.db"),
			"--client-id", "c", "--user-id", "u", "-"}, noEnv, &stdout, &stderr)
	}()
	time.Sleep(200 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "canceled") {
			t.Errorf("import - after cancel: %v, want a failure saying it was cancelled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("import - did not end within 5s of its context being cancelled")
	}
}

// TestImportHelpSaysWhatASecondImportDoes: importing a file twice stores it once (twice with
// --append), and import --help says so, with no sentence promising the opposite.
func TestImportHelpSaysWhatASecondImportDoes(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "loginlogs.db")
	seed, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	want := map[string]int{"": 24, "--append": 48}
	for _, flag := range []string{"", "--append"} {
		user := "u" + flag
		for range 2 {
			args := []string{"import", "--database-url", db, "--client-id", "cli_a", "--user-id", user, seed}
			if flag != "" {
				args = append(args, flag)
			}
			if err := run(t.Context(), args, noEnv, io.Discard, io.Discard); err != nil {
				t.Fatalf("run(%v): %v", args, err)
			}
		}
		if logs, _ := storeLogs(t, db, "cli_a", user); len(logs) != want[flag] {
			t.Fatalf("import %s twice: %d logs stored, want %d", flag, len(logs), want[flag])
		}
	}
	help, _, _ := runCLI(t, nil, "import", "--help")
	if wrong := "importing a file twice stores it twice"; strings.Contains(help, wrong) {
		t.Errorf("import --help says %q, but a second import without --append stores nothing", wrong)
	}
	if !strings.Contains(help, "changes nothing the second time") {
		t.Errorf("import --help does not say that a second import changes nothing:\n%s", help)
	}
}

// TestImportRefusesAtOnceWhileStdinStalls: `import -` whose stdin sends a refused entry and then
// nothing, without closing (a download or a producer that hangs), says so and exits 1 without
// waiting for the rest; --replace leaves the user's logs as they were.
func TestImportRefusesAtOnceWhileStdinStalls(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "loginlogs.db")
	seed, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	if err := run(t.Context(), []string{"import", "--database-url", db, "--client-id", "c", "--user-id", "u", seed}, noEnv, io.Discard, io.Discard); err != nil {
		t.Fatalf("import the seed: %v", err)
	}
	before, version := storeLogs(t, db, "c", "u")
	bad := `{"IpAddress":"10.0.0.1","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"yesterday"}`
	for _, c := range []struct{ name, input, where string }{
		{"ndjson", bad + "\n", "line 1"},
		{"200 body", `{"login_logs":[` + bad + `,`, "entry 0 (/login_logs/0"},
	} {
		for _, replace := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/replace=%v", c.name, replace), func(t *testing.T) {
				pr, pw := io.Pipe()
				defer pw.Close()
				saved := stdin
				stdin = pr
				t.Cleanup(func() { stdin = saved })
				go io.WriteString(pw, c.input) // then nothing, without an end
				args := []string{"import", "--database-url", db, "--client-id", "c", "--user-id", "u", "-"}
				if replace {
					args = append(args, "--replace")
				}
				done := make(chan error, 1)
				go func() { done <- run(t.Context(), args, noEnv, io.Discard, io.Discard) }()
				select {
				case err := <-done:
					var msg bytes.Buffer
					if code := exitCode(err, &msg); code != exitFailed || !strings.Contains(msg.String(), c.where) {
						t.Errorf("run(%v): exit %d, %q; want exit %d naming %s", args, code, msg.String(), exitFailed, c.where)
					}
				case <-time.After(20 * time.Second):
					t.Fatalf("run(%v) still running 20 s after stdin sent a refused entry and stalled", args)
				}
				if after, v := storeLogs(t, db, "c", "u"); len(after) != len(before) || v != version {
					t.Errorf("after the refused import, %d logs at version %d; want %d at %d", len(after), v, len(before), version)
				}
			})
		}
	}
}

// racingStdin is stdin that hands out first, then runs other once before its next Read. An
// import reads its input only after it read the user's logs, and writes no batch before it has
// more entries than first holds, so other runs between that read and the first batch.
type racingStdin struct {
	first, rest io.Reader
	other       func()
}

func (r *racingStdin) Read(p []byte) (int, error) {
	if n, err := r.first.Read(p); n > 0 || err != io.EOF {
		return n, err
	}
	if r.other != nil {
		r.other()
		r.other = nil
	}
	return r.rest.Read(p)
}

// TestImportRacedByAnotherWriterEndsSerially: an import of a 1,200-entry NDJSON with
// --batch-size 500 and another import of the same file, or a delete of the user, after it read
// the user's logs and before its first batch, stops with exit code 1 and one line saying so,
// the store left as if the two had run one after the other; run again, the import converges on
// the file's logs, once each: never stored twice, nor without the entries the user had when a
// delete took them.
// SQLite, and PostgreSQL when LOGINLOGS_TEST_DATABASE_URL is set.
func TestImportRacedByAnotherWriterEndsSerially(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		importRaced(t, func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "loginlogs.db") })
	})
	t.Run("postgres", func(t *testing.T) { importRaced(t, func(t *testing.T) string { return pgtest.FreshURL(t) }) })
}

// importRaced runs the races on a database newDB makes for each subtest (its t: a skip or a
// failure is the subtest's).
func importRaced(t *testing.T, newDB func(t *testing.T) string) {
	const n = 1200
	lines := ndjsonLogs(n, "race") // each ends with a newline
	file := filepath.Join(t.TempDir(), "logs.ndjson")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	saved := stdin
	t.Cleanup(func() { stdin = saved })
	for _, c := range []struct {
		name  string
		had   int    // the file's first entries the user has before
		other string // the verb run between the import's read and its first batch
		after int    // the user's logs once the raced import stopped (-1: no user)
	}{
		{"a second import", 0, "import", n},
		{"a delete", 10, "delete", -1},
	} {
		t.Run(c.name, func(t *testing.T) {
			environ := map[string]string{"LOGINLOGS_DATABASE_URL": newDB(t), "SSOJET_CLIENT_ID": "cli_race"}
			count := func() int {
				t.Helper()
				st, _, err := openStore(t.Context(), environ["LOGINLOGS_DATABASE_URL"])
				if err != nil {
					t.Fatalf("open store: %v", err)
				}
				defer st.Close()
				logs, err := store.List(t.Context(), st, "cli_race", "u1")
				if errors.Is(err, store.ErrUserNotFound) {
					return -1
				} else if err != nil {
					t.Fatalf("store.List(cli_race, u1): %v", err)
				}
				return len(logs)
			}
			imp := []string{"import", "--user-id", "u1", "--batch-size", "500"}
			if c.had > 0 {
				stdin = strings.NewReader(strings.Join(lines[:c.had], ""))
				if out, stderr, code := runCLI(t, environ, append(imp, "-")...); code != exitOK {
					t.Fatalf("import of the first %d entries: exit %d\n%s%s", c.had, code, out, stderr)
				}
			}
			var otherOut string
			otherCode := -1
			stdin = &racingStdin{first: strings.NewReader(lines[0]), rest: strings.NewReader(strings.Join(lines[1:], "")), other: func() {
				args := append(imp, file)
				if c.other == "delete" {
					args = []string{"delete", "--user-id", "u1"}
				}
				var stderr string
				otherOut, stderr, otherCode = runCLI(t, environ, args...)
				otherOut += stderr
			}}
			out, stderr, code := runCLI(t, environ, append(imp, "-")...)
			if otherCode != exitOK {
				t.Fatalf("%s during the import: exit %d\n%s", c.other, otherCode, otherOut)
			}
			want := "loginlogs: import -: stopped: the login logs of user u1 changed during the import (another import or a delete); 0 entries in 0 batches were written before it, and running the import again imports only what is missing\n"
			if code != exitFailed || stderr != want || out != "" {
				t.Errorf("import with a %s between its read and its first batch: exit %d, stdout %q, stderr %q; want exit %d and stderr %q",
					c.other, code, out, stderr, exitFailed, want)
			}
			if got := count(); got != c.after {
				t.Errorf("after the raced import the user has %d logs, want %d (-1: no user)", got, c.after)
			}
			stdin = strings.NewReader(strings.Join(lines, ""))
			if out, stderr, code := runCLI(t, environ, append(imp, "-")...); code != exitOK {
				t.Fatalf("the import run again: exit %d\n%s%s", code, out, stderr)
			}
			if got := count(); got != n {
				t.Errorf("after the import ran again the user has %d logs, want the file's %d", got, n)
			}
		})
	}
}

// TestImportOfADirectoryIsAUsageError: import DIR is a usage error of one line (exit 2), found
// before the store is opened, so no database file is created; it failed as a rejected file
// (exit 1) after creating one.
func TestImportOfADirectoryIsAUsageError(t *testing.T) {
	db := filepath.Join(t.TempDir(), "store.db")
	dir := t.TempDir()
	_, stderr, code := runCLI(t, nil, "import", dir, "--client-id", "c", "--user-id", "u", "--database-url", db)
	if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "is a directory") {
		t.Errorf("import %s: exit %d, stderr %q; want %d and one line saying it is a directory", dir, code, stderr, exitUsage)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("import of a directory: the store %s exists (%v), want none created", db, err)
	}
}
