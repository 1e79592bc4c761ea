package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql's "pgx" driver, to read PostgreSQL directly

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"
	"github.com/ssojet-tools/loginlogs/internal/store/storetest"
)

// dbState is what a user holds in a store, read with plain SQL rather than through the store's
// code: its logs (-1: no such user) and its version.
type dbState struct {
	logs    int
	version int64
}

// sqlDB opens the database dbURL names with database/sql's own drivers (pgx's, modernc's; SQLite
// read-only), to read it with plain SQL rather than through the store's code.
func sqlDB(t *testing.T, dbURL string) *sql.DB {
	t.Helper()
	kind, target, err := store.ParseURL(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	driver, dsn := "pgx", target
	if kind == store.SQLite {
		driver, dsn = "sqlite", "file:"+target+"?mode=ro&_pragma=busy_timeout(20000)"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dbURL, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// readDB reads the user's state from the database dbURL names (sqlDB).
func readDB(t *testing.T, dbURL, clientID, userID string) dbState {
	t.Helper()
	s := dbState{logs: -1}
	q := `SELECT version, (SELECT count(*) FROM login_logs WHERE client_id = $1 AND user_id = $2) FROM users WHERE client_id = $1 AND user_id = $2`
	switch err := sqlDB(t, dbURL).QueryRowContext(context.Background(), q, clientID, userID).Scan(&s.version, &s.logs); {
	case errors.Is(err, sql.ErrNoRows):
		return dbState{logs: -1}
	case err != nil:
		t.Fatalf("read user %s of client %s in %s: %v", userID, clientID, dbURL, err)
	}
	return s
}

// waitDB waits until the user's state in the database satisfies ok, at most 30 s.
func waitDB(t *testing.T, dbURL, clientID, userID string, ok func(dbState) bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		s := readDB(t, dbURL, clientID, userID)
		if ok(s) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("user %s of client %s in %s: still %+v after 30 s", userID, clientID, dbURL, s)
		}
	}
}

// ndjsonLogs returns n distinct NDJSON entries, each ending with a newline.
func ndjsonLogs(n int, name string) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf(`{"IpAddress":"10.1.%d.%d","Country":"India","City":"Jaipur","UserAgent":"","Name":%q,"Os":"","Device":"","CreatedAt":"2024-07-02T%02d:%02d:%02dZ"}`+"\n",
			i/256, i%256, name, i/3600, i/60%60, i%60)
	}
	return lines
}

// TestStoreLostMidImportIsASetupError: a store that becomes unavailable in the middle of an import
// (PostgreSQL behind a proxy that cuts every connection and refuses new ones, PostgreSQL
// terminating the replace's backend with pg_terminate_backend, a SQLite file another process holds
// the write lock of longer than the busy timeout) ends the import with exit 2, a setup error as
// delete's for the same cause, on one line saying the store is unavailable; the batches before it
// stay written and nothing of its own batch is, and a replace leaves the logs and their version as
// they were (read from the database with plain SQL).
func TestStoreLostMidImportIsASetupError(t *testing.T) {
	saved := stdin
	t.Cleanup(func() { stdin = saved })
	const client, user = "cli_lost", "u1"
	lines := ndjsonLogs(6, "lost")
	seed, _ := filepath.Abs("../../testdata/seed-loginlogs.json")

	type breaker struct {
		dbURL string // the URL the import runs with
		// breakIt breaks the store once the import wrote its first batch, or a replace's
		// transaction is open; it returns a repair, run once the import ended.
		breakIt func(t *testing.T, replace bool) func()
	}
	sqliteLocked := func(t *testing.T) (breaker, string) {
		path := filepath.Join(t.TempDir(), "loginlogs.db")
		return breaker{"sqlite:" + path, func(t *testing.T, _ bool) func() {
			db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(20000)")
			if err != nil {
				t.Fatal(err)
			}
			conn, err := db.Conn(context.Background())
			if err == nil {
				_, err = conn.ExecContext(context.Background(), "BEGIN IMMEDIATE")
			}
			if err != nil {
				t.Fatalf("take the write lock of %s: %v", path, err)
			}
			return func() { conn.ExecContext(context.Background(), "ROLLBACK"); conn.Close(); db.Close() }
		}}, "sqlite:" + path
	}
	// idleInTx terminates (or only counts) the backends of application app that are idle in a
	// replace's transaction (its last statement deleted the logs or copied a batch: it waits for
	// entries), once there is one.
	idleInTx := func(t *testing.T, direct, app string, terminate bool) {
		db := sqlDB(t, direct)
		q := `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction' AND (query ILIKE 'DELETE FROM login_logs%' OR query ILIKE 'COPY%')`
		if terminate {
			q = strings.Replace(q, "count(*)", "count(pg_terminate_backend(pid))", 1)
		}
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			var n int
			if err := db.QueryRow(q, app).Scan(&n); err != nil {
				t.Fatalf("pg_stat_activity: %v", err)
			}
			if n > 0 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("no backend of %s idle in a transaction after 30 s", app)
			}
		}
	}
	pgApp := func(t *testing.T) (direct, app string) {
		return pgtest.FreshURL(t), fmt.Sprintf("loginlogs_lost_%d", time.Now().UnixNano())
	}
	pgCut := func(t *testing.T) (breaker, string) {
		direct, app := pgApp(t)
		proxy, proxied := pgtest.StartProxy(t, direct)
		return breaker{proxied + "&application_name=" + app, func(t *testing.T, replace bool) func() {
			if replace { // not before its transaction is open
				idleInTx(t, direct, app, false)
			}
			proxy.Cut()
			return proxy.Restore
		}}, direct
	}
	pgTerminated := func(t *testing.T) (breaker, string) {
		direct, app := pgApp(t)
		return breaker{direct + "&application_name=" + app, func(t *testing.T, _ bool) func() {
			idleInTx(t, direct, app, true)
			return func() {}
		}}, direct
	}
	for _, c := range []struct {
		name    string
		open    func(t *testing.T) (breaker, string)
		replace bool
	}{
		{"sqlite locked/append", sqliteLocked, false},
		{"postgres cut/append", pgCut, false},
		{"postgres cut/replace", pgCut, true},
		{"postgres terminated/replace", pgTerminated, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, direct := c.open(t)
			environ := map[string]string{"LOGINLOGS_DATABASE_URL": b.dbURL, "SSOJET_CLIENT_ID": client}
			if _, stderr, code := runCLI(t, environ, "import", "--user-id", user, seed); code != exitOK {
				t.Fatalf("import the seed: exit %d: %s", code, stderr)
			}
			before := readDB(t, direct, client, user)
			args := []string{"import", "--user-id", user, "--batch-size", "2", "-"}
			if c.replace {
				args = append(args, "--replace")
			}
			pr, pw := io.Pipe()
			stdin = pr
			type result struct {
				out, stderr string
				code        int
			}
			done := make(chan result, 1)
			go func() {
				out, stderr, code := runCLI(t, environ, args...)
				done <- result{out, stderr, code}
			}()
			io.WriteString(pw, strings.Join(lines[:3], ""))
			if !c.replace { // the first batch is committed
				waitDB(t, direct, client, user, func(s dbState) bool { return s.logs == before.logs+2 })
			}
			repair := b.breakIt(t, c.replace)
			go func() { // an import that stopped reads no more
				io.WriteString(pw, strings.Join(lines[3:], ""))
				pw.Close()
			}()
			r := <-done
			pr.Close()
			t.Logf("%s", r.stderr)
			repair()
			if r.code != exitUsage || !strings.Contains(r.stderr, "store unavailable") || strings.Count(r.stderr, "\n") != 1 || r.out != "" {
				t.Errorf("import %v losing its store mid-way: exit %d, stdout %q, stderr %q; want exit %d and one line saying the store is unavailable",
					args, r.code, r.out, r.stderr, exitUsage)
			}
			want := before
			if !c.replace {
				want.logs += 2
				if !strings.Contains(r.stderr, "2 entries in 1 batch were written before it") {
					t.Errorf("import %v: stderr %q does not say that its first batch was written", args, r.stderr)
				}
			}
			if got := readDB(t, direct, client, user); got.logs != want.logs || (c.replace && got.version != want.version) {
				t.Errorf("after the import that lost its store: %+v in the database, want %d logs (replace: at version %d)", got, want.logs, want.version)
			}
		})
	}
}

// TestStoreVerbsOnAReadOnlySQLite: serve, import and delete of a SQLite database on a read-only
// file system exit 2 with one line that says the file cannot be written, why, that WAL mode
// writes -wal and -shm files beside it, and what to do, not "store unavailable: unable to open
// database file (14)".
func TestStoreVerbsOnAReadOnlySQLite(t *testing.T) {
	seed, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	var db string
	storetest.ReadOnlyFS(t, func(dir string) {
		db = filepath.Join(dir, "loginlogs.db")
		if _, stderr, code := runCLI(t, nil, "import", "--database-url", db, "--client-id", "c", "--user-id", "u", seed); code != exitOK {
			t.Fatalf("import the seed: exit %d: %s", code, stderr)
		}
	})
	want := "loginlogs: open store: sqlite " + db + ": cannot write the file (read-only file system); the SQLite store writes to the database and to its -wal and -shm files beside it (WAL mode), serving included: make them writable for this user, or copy the database to a directory it can write to\n"
	for _, args := range [][]string{
		{"serve", "--addr", "127.0.0.1:0"},
		{"import", "--client-id", "c", "--user-id", "u", seed},
		{"delete", "--client-id", "c", "--user-id", "u"},
	} {
		args = append(args, "--database-url", db)
		if out, stderr, code := runCLI(t, nil, args...); code != exitUsage || stderr != want || strings.Contains(out, "loginlogs.db") {
			t.Errorf("loginlogs %v: exit %d, stdout %q, stderr %q; want exit %d and stderr %q", args, code, out, stderr, exitUsage, want)
		}
	}
}

// TestDatabaseURLPasswordNeverShown: serve, import and delete given a PostgreSQL URL that cannot
// be used (a raw '@' in the password, a bad port, a bad sslmode, a password in the query, a wrong
// password) exit 2 with one line that holds no part of the password (pgx takes the tail of a
// password holding a raw '@' for the host, and quotes it).
func TestDatabaseURLPasswordNeverShown(t *testing.T) {
	seed, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	const secret = "SECRETtail"
	for _, url := range []string{
		"postgres://loginlogs:pa@ss" + secret + "@127.0.0.1:1/loginlogs?connect_timeout=1",
		"postgres://loginlogs:pa@ss" + secret + "@127.0.0.1:1?connect_timeout=1",
		"postgres://loginlogs:" + secret + "@127.0.0.1:badport/loginlogs",
		"postgres://loginlogs:" + secret + "@127.0.0.1:1/loginlogs?sslmode=bogus",
		"postgres://loginlogs@127.0.0.1:1/loginlogs?password=" + secret + "&connect_timeout=x",
		"postgres://loginlogs:" + secret + "@127.0.0.1:1/loginlogs?connect_timeout=1",
	} {
		for _, args := range [][]string{
			{"serve", "--addr", "127.0.0.1:0"},
			{"import", "--client-id", "c", "--user-id", "u", seed},
			{"delete", "--client-id", "c", "--user-id", "u"},
		} {
			args = append(args, "--database-url", url)
			out, stderr, code := runCLI(t, nil, args...)
			if code != exitUsage || strings.Count(stderr, "\n") != 1 || strings.Contains(out+stderr, "SECRET") {
				t.Errorf("loginlogs %s with a bad database URL: exit %d, stdout %q, stderr %q; want exit %d and one line without the password",
					args[0], code, out, stderr, exitUsage)
			}
		}
	}
}

// TestInterruptedImportIsASetupError: an import whose context ends (SIGINT or SIGTERM in main)
// after its first batch, while it waits for more input, exits 2 as an interrupted contract run
// does, with one line saying it was interrupted and what it wrote before; a replace leaves the
// logs and their version as they were.
func TestInterruptedImportIsASetupError(t *testing.T) {
	saved := stdin
	t.Cleanup(func() { stdin = saved })
	seed, _ := filepath.Abs("../../testdata/seed-loginlogs.json")
	lines := ndjsonLogs(3, "interrupted")
	for _, replace := range []bool{false, true} {
		t.Run(fmt.Sprintf("replace=%v", replace), func(t *testing.T) {
			db := "sqlite:" + filepath.Join(t.TempDir(), "loginlogs.db")
			if _, stderr, code := runCLI(t, nil, "import", "--database-url", db, "--client-id", "c", "--user-id", "u", seed); code != exitOK {
				t.Fatalf("import the seed: exit %d: %s", code, stderr)
			}
			before := readDB(t, db, "c", "u")
			args := []string{"import", "--database-url", db, "--client-id", "c", "--user-id", "u", "--batch-size", "2", "-"}
			if replace {
				args = append(args, "--replace")
			}
			pr, pw := io.Pipe()
			defer pw.Close()
			stdin = pr
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() { done <- run(ctx, args, noEnv, io.Discard, io.Discard) }()
			io.WriteString(pw, strings.Join(lines, ""))
			want := before
			if !replace {
				want.logs += 2
				waitDB(t, db, "c", "u", func(s dbState) bool { return s.logs == want.logs })
			} else {
				writeLocked(t, strings.TrimPrefix(db, "sqlite:")) // the replace's transaction is open
			}
			cancel()
			var msg bytes.Buffer
			code := exitCode(<-done, &msg)
			wantMsg := "(2 entries in 1 batch were written before it, nothing of its batch)"
			if replace {
				wantMsg = "(nothing written: the logs of user u are as they were)"
			}
			if code != exitUsage || !strings.Contains(msg.String(), ": interrupted by SIGINT or SIGTERM (context canceled) "+wantMsg) || strings.Count(msg.String(), "\n") != 1 {
				t.Errorf("run(%v) interrupted: exit %d, %q; want exit %d and one line saying it was interrupted, ending %q", args, code, msg.String(), exitUsage, wantMsg)
			}
			if got := readDB(t, db, "c", "u"); got.logs != want.logs || (replace && got.version != want.version) {
				t.Errorf("after the interrupted import: %+v in the database, want %d logs (replace: at version %d)", got, want.logs, want.version)
			}
		})
	}
}

// writeLocked waits until another connection holds the write lock of the SQLite file at path, at
// most 30 s.
func writeLocked(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		conn, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		_, err = conn.ExecContext(context.Background(), "BEGIN IMMEDIATE")
		if err == nil {
			conn.ExecContext(context.Background(), "ROLLBACK")
		}
		conn.Close()
		if err != nil && strings.Contains(err.Error(), "SQLITE_BUSY") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no other connection holds the write lock of %s after 30 s (%v)", path, err)
		}
	}
}
