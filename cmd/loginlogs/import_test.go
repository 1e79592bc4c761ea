package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
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
