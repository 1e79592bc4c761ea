package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"
)

// TestConcurrentImportsOfOneUser runs two loginlogs import processes of the same 400-entry
// NDJSON (batches of 25) for the same user at once, round after round, on the real PostgreSQL
// and on a SQLite file, and holds every round to an outcome the two imports could have had one
// after the other: read from the database with plain SQL, the user has each of the file's
// entries exactly once; each import exits 0 or exits 1 with import's documented line for a
// user changed under it, at least one exits 0, and the entries they say they wrote (imported,
// or written before they stopped) add up to the file's. On PostgreSQL some rounds also hold the
// user's row locked until both imports wait for it at their first batch, so that they write at
// the same instant: then exactly one stops. Nothing is timed: the rounds that race freely may
// interleave in any way.
func TestConcurrentImportsOfOneUser(t *testing.T) {
	bin := loginlogsBinary(t)
	const n = 400
	file := filepath.Join(t.TempDir(), "logs.ndjson")
	if err := os.WriteFile(file, []byte(strings.Join(ndjsonLogs(n, "concurrent"), "")), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Run("postgres", func(t *testing.T) {
		direct := pgtest.FreshURL(t)
		app := fmt.Sprintf("loginlogs_concurrent_%d", time.Now().UnixNano())
		concurrentImports(t, bin, file, n, direct, direct+"&application_name="+app, 12, func(t *testing.T, user string, start func()) {
			db := sqlDB(t, direct)
			tx, err := db.Begin()
			if err == nil {
				_, err = tx.Exec(`INSERT INTO users (client_id, user_id, version) VALUES ('cli_concurrent', $1, 1)`, user)
			}
			if err == nil {
				err = tx.Commit()
			}
			if err == nil {
				tx, err = db.Begin()
			}
			if err == nil {
				_, err = tx.Exec(`SELECT 1 FROM users WHERE client_id = 'cli_concurrent' AND user_id = $1 FOR UPDATE`, user)
			}
			if err != nil {
				t.Fatalf("lock the row of user %s: %v", user, err)
			}
			start()
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
				var waiting int
				if err := db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, app).Scan(&waiting); err != nil {
					t.Fatalf("pg_stat_activity: %v", err)
				}
				if waiting == 2 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("after 30 s, %d imports wait for the row of user %s, want 2", waiting, user)
				}
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		})
	})
	t.Run("sqlite", func(t *testing.T) {
		db := "sqlite:" + filepath.Join(t.TempDir(), "loginlogs.db")
		concurrentImports(t, bin, file, n, db, db, 12, nil)
	})
}

var (
	importedLine = regexp.MustCompile(`^imported (\d+) login logs? in \d+ batch(?:es)? for user (\S+) of client cli_concurrent into .*\n$`)
	unchangedOut = regexp.MustCompile(`^nothing changed: user (\S+) of client cli_concurrent already has the (\d+) login logs of .*\n$`)
	stoppedLine  = regexp.MustCompile(`^loginlogs: import \S+: stopped: the login logs of user (\S+) changed during the import \(another import or a delete\); (\d+) entr(?:y|ies) in \d+ batch(?:es)? were written before it, and running the import again imports only what is missing\n$`)
)

// concurrentImports runs rounds of two import processes of file (n entries) for a new user each
// round, on the store dbURL, and judges each round by reading direct, the same database, with
// plain SQL. Then it runs as many rounds gated by gate, if set, which makes the user, calls start
// (which starts both imports) and returns once it let them write at once.
func concurrentImports(t *testing.T, bin, file string, n int, direct, dbURL string, rounds int, gate func(t *testing.T, user string, start func())) {
	type outcome struct {
		code           int
		stdout, stderr string
	}
	tally := map[string]int{}
	for round := range 2 * rounds {
		gated := round >= rounds
		if gated && gate == nil {
			break
		}
		user := fmt.Sprintf("u%d", round)
		var (
			wg  sync.WaitGroup
			out [2]outcome
		)
		start := func() {
			for i := range out {
				wg.Go(func() {
					cmd := exec.Command(bin, "import", "--database-url", dbURL, "--client-id", "cli_concurrent", "--user-id", user, "--batch-size", "25", "--progress", "never", file)
					var stdout, stderr bytes.Buffer
					cmd.Stdout, cmd.Stderr = &stdout, &stderr
					err := cmd.Run()
					var exit *exec.ExitError
					if err != nil && !errors.As(err, &exit) {
						t.Errorf("run %s: %v", bin, err)
					}
					out[i] = outcome{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}
				})
			}
		}
		if gated {
			gate(t, user, start)
		} else {
			start()
		}
		wg.Wait()
		written, ok := 0, 0
		for _, o := range out {
			var who, count string // the user and the entries the import says it wrote
			if m := importedLine.FindStringSubmatch(o.stdout); m != nil && o.code == exitOK && o.stderr == "" {
				ok++
				who, count = m[2], m[1]
			} else if m := unchangedOut.FindStringSubmatch(o.stdout); m != nil && o.code == exitOK && o.stderr == "" && atoi(m[2]) == n {
				ok++
				who, count = m[1], "0"
			} else if m := stoppedLine.FindStringSubmatch(o.stderr); m != nil && o.code == exitFailed && o.stdout == "" {
				who, count = m[1], m[2]
			}
			if who != user {
				t.Fatalf("round %d: an import of user %s: exit %d, stdout %q, stderr %q; want exit 0 and what it imported, or exit 1 with the line for a user changed during the import",
					round, user, o.code, o.stdout, o.stderr)
			}
			written += atoi(count)
		}
		tally[fmt.Sprintf("gated=%v: %d of 2 exit 0", gated, ok)]++
		if ok == 0 || (gated && ok != 1) || written != n {
			t.Errorf("round %d (gated %v): %d imports exit 0 and they say they wrote %d entries; want at least one (gated: exactly one), and the file's %d\n%+v",
				round, gated, ok, written, n, out)
		}
		if logs, distinct := countLogs(t, direct, user); logs != n || distinct != n {
			t.Errorf("round %d (gated %v): user %s has %d logs in the database, %d of them distinct; want each of the file's %d once\n%+v",
				round, gated, user, logs, distinct, n, out)
		}
	}
	t.Logf("outcomes of the rounds: %v", tally)
}

// countLogs reads, with plain SQL, how many logs the user of cli_concurrent has in the database
// dbURL names, and how many distinct ones (the test's entries differ in CreatedAt).
func countLogs(t *testing.T, dbURL, user string) (logs, distinct int) {
	t.Helper()
	if err := sqlDB(t, dbURL).QueryRowContext(context.Background(), `SELECT count(*), count(DISTINCT created_at) FROM login_logs WHERE client_id = 'cli_concurrent' AND user_id = $1`, user).Scan(&logs, &distinct); err != nil {
		t.Fatalf("count the logs of user %s in %s: %v", user, dbURL, err)
	}
	return logs, distinct
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
