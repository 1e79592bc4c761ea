package postgres_test

import (
	"context"
	"errors"
	neturl "net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres"
	"github.com/ssojet-tools/loginlogs/internal/store/storetest"
)

// openFresh opens a store in a schema of its own, dropped when the test ends, so that test runs
// (and parallel packages) never see each other's rows.
func openFresh(t *testing.T) *postgres.Store {
	t.Helper()
	s, _ := openFreshURL(t)
	return s
}

// openFreshURL is openFresh, also returning the URL of the store's schema.
func openFreshURL(t *testing.T) (*postgres.Store, string) {
	t.Helper()
	url := pgtest.FreshURL(t)
	s, err := postgres.Open(t.Context(), url)
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, url
}

// execOn returns a storetest.ExecFunc running SQL at url through a connection of its own, as
// psql would.
func execOn(url string) storetest.ExecFunc {
	return func(ctx context.Context, sql string) error {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			return err
		}
		defer conn.Close(context.WithoutCancel(ctx))
		_, err = conn.Exec(ctx, sql)
		return err
	}
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (storetest.Store, storetest.ExecFunc) {
		s, url := openFreshURL(t)
		return s, execOn(url)
	})
}

func TestClosedPoolIsUnavailable(t *testing.T) {
	s := openFresh(t)
	s.Close()
	if err := s.Ping(t.Context()); err == nil {
		t.Fatal("Ping on a closed store: nil error, want one wrapping store.ErrUnavailable")
	}
	_, err := store.List(t.Context(), s, "c", "u")
	if err == nil || !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("store.List on a closed store = %v; want an error wrapping store.ErrUnavailable", err)
	}
	// The writes fail where their transaction begins.
	if err := s.AddLoginLogs(t.Context(), "c", "u", nil); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("AddLoginLogs on a closed store = %v; want an error wrapping store.ErrUnavailable", err)
	}
	fill := func(func([]store.LoginLog) error) error { return nil }
	if err := s.ReplaceLoginLogs(t.Context(), "c", "u", fill); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("ReplaceLoginLogs on a closed store = %v; want an error wrapping store.ErrUnavailable", err)
	}
}

// TestCutConnectionsAreUnavailable: with PostgreSQL behind a proxy that closes every connection
// and refuses new ones, every call of the store that needs the database fails with an error
// wrapping store.ErrUnavailable, whichever way pgx notices the loss (the pool's idle connection
// already closed, "conn closed"; a refused reconnection), and writes nothing.
func TestCutConnectionsAreUnavailable(t *testing.T) {
	direct := pgtest.FreshURL(t)
	proxy, proxied := pgtest.StartProxy(t, direct)
	s, err := postgres.Open(t.Context(), proxied)
	if err != nil {
		t.Fatalf("postgres.Open through the proxy: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	logs := []store.LoginLog{{IPAddress: "10.0.0.1", Country: "India", City: "Jaipur", Name: "n", CreatedAt: time.Unix(1720682475, 0).UTC()}}
	if err := s.AddLoginLogs(t.Context(), "c", "u", logs); err != nil {
		t.Fatalf("AddLoginLogs before the cut: %v", err)
	}
	proxy.Cut()
	for i := range 3 {
		if _, err := s.AddLoginLogsIf(t.Context(), "c", "u", store.AnyVersion, logs); !errors.Is(err, store.ErrUnavailable) {
			t.Errorf("AddLoginLogsIf %d after the cut = %v; want an error wrapping store.ErrUnavailable", i+1, err)
		}
		if _, err := store.List(t.Context(), s, "c", "u"); !errors.Is(err, store.ErrUnavailable) {
			t.Errorf("store.List %d after the cut = %v; want an error wrapping store.ErrUnavailable", i+1, err)
		}
	}
	if n := logsOf(t, direct, "c", "u"); n != 1 {
		t.Errorf("after the writes that failed, user u has %d logs in the database, want 1", n)
	}
}

// TestUnstorableTextFailsTheBatch checks that a field PostgreSQL cannot store as text (a NUL byte, bytes
// that are not UTF-8) fails the whole batch with PostgreSQL's own error, not one marked
// store.ErrUnavailable, and writes nothing.
func TestUnstorableTextFailsTheBatch(t *testing.T) {
	s := openFresh(t)
	ts := time.Date(2024, 7, 10, 12, 16, 19, 0, time.UTC)
	for _, c := range []struct {
		name string
		log  store.LoginLog
	}{
		{"NUL in ip_address", store.LoginLog{IPAddress: "1.1.1.1\x00", CreatedAt: ts}},
		{"invalid UTF-8 in city", store.LoginLog{City: "Jai\xffpur", CreatedAt: ts}},
		{"surrogate half in device", store.LoginLog{Device: "\xed\xa0\x80", CreatedAt: ts}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ok := store.LoginLog{IPAddress: "183.83.177.227", CreatedAt: ts}
			err := s.AddLoginLogs(t.Context(), "c1", c.name, []store.LoginLog{ok, c.log})
			var pgErr *pgconn.PgError
			if !errors.As(err, &pgErr) || pgErr.Code != "22021" || errors.Is(err, store.ErrUnavailable) {
				t.Fatalf("AddLoginLogs = %v; want PostgreSQL's 22021 (character_not_in_repertoire), not store.ErrUnavailable", err)
			}
			if logs, err := store.List(t.Context(), s, "c1", c.name); !errors.Is(err, store.ErrUserNotFound) {
				t.Errorf("after the failed add, store.List = %v, %v; want ErrUserNotFound (nothing written)", logs, err)
			}
		})
	}
}

// BenchmarkAddLoginLogs skips without LOGINLOGS_TEST_DATABASE_URL (pgtest.FreshURL).
func BenchmarkAddLoginLogs(b *testing.B) {
	s, err := postgres.Open(b.Context(), pgtest.FreshURL(b))
	if err != nil {
		b.Fatalf("postgres.Open: %v", err)
	}
	defer s.Close()
	storetest.BenchmarkAddLoginLogs(b, s)
}

// TestOpenAddsTriggersToOlderSchemas opens a schema made before the version triggers
// (users.version, no triggers) twice, and expects a delete with SQL to change the version
// afterwards and the data kept.
func TestOpenAddsTriggersToOlderSchemas(t *testing.T) {
	url := pgtest.FreshURL(t)
	exec := execOn(url)
	err := exec(t.Context(), `
CREATE TABLE users (client_id TEXT NOT NULL, user_id TEXT NOT NULL, version BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (client_id, user_id));
CREATE TABLE login_logs (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, client_id TEXT NOT NULL,
	user_id TEXT NOT NULL, ip_address TEXT NOT NULL, country TEXT NOT NULL, city TEXT NOT NULL,
	user_agent TEXT NOT NULL, name TEXT NOT NULL, os TEXT NOT NULL, device TEXT NOT NULL, created_at BIGINT NOT NULL,
	FOREIGN KEY (client_id, user_id) REFERENCES users (client_id, user_id));
CREATE INDEX login_logs_by_user ON login_logs (client_id, user_id, created_at);
INSERT INTO users VALUES ('c1', 'u1', 5);
INSERT INTO login_logs (client_id, user_id, ip_address, country, city, user_agent, name, os, device, created_at)
VALUES ('c1', 'u1', '1.1.1.1', 'India', 'Jaipur', '', 'n', '', '', 0), ('c1', 'u1', '2.2.2.2', 'India', 'Jaipur', '', 'n', '', '', 1);`)
	if err != nil {
		t.Fatalf("create the schema without triggers: %v", err)
	}
	var s *postgres.Store
	for i := range 2 {
		if s, err = postgres.Open(t.Context(), url); err != nil {
			t.Fatalf("postgres.Open #%d of a schema without triggers: %v", i+1, err)
		}
		defer s.Close()
	}
	if v, err := s.UserVersion(t.Context(), "c1", "u1"); err != nil || v != 5 {
		t.Fatalf("UserVersion(c1, u1) after migration = %d, %v; want 5, nil", v, err)
	}
	const del = `DELETE FROM login_logs WHERE ip_address = '2.2.2.2'`
	if err := exec(t.Context(), del); err != nil {
		t.Fatalf("SQL %q: %v", del, err)
	}
	if v, err := s.UserVersion(t.Context(), "c1", "u1"); err != nil || v <= 5 {
		t.Errorf("UserVersion(c1, u1) after SQL %q = %d, %v; want above 5", del, v, err)
	}
	if logs, err := store.List(t.Context(), s, "c1", "u1"); err != nil || len(logs) != 1 {
		t.Errorf("store.List(c1, u1) after SQL %q = %d logs, %v; want 1", del, len(logs), err)
	}
	// The foreign key, checked on every row, gives way to the users check.
	var fks int
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.WithoutCancel(t.Context()))
	if err := conn.QueryRow(t.Context(), `SELECT count(*) FROM pg_constraint WHERE conrelid = 'login_logs'::regclass AND contype = 'f'`).Scan(&fks); err != nil || fks != 0 {
		t.Errorf("foreign keys of login_logs after migration: %d, %v; want none", fks, err)
	}
	wantFKViolation(t, "INSERT of a log for a missing user after migration", exec(t.Context(),
		`INSERT INTO login_logs (client_id, user_id, ip_address, country, city, user_agent, name, os, device, created_at) VALUES ('c1', 'nobody', '', '', '', '', '', '', '', 0)`))
}

// TestSQLOutsideTheStoresSearchPath changes logs with SQL that names the tables by schema from a
// session whose search_path does not hold them (and TRUNCATEs them, which fires no DELETE
// trigger), and expects every version to change each time.
func TestSQLOutsideTheStoresSearchPath(t *testing.T) {
	s, url := openFreshURL(t)
	users := []string{"u1", "u2"}
	versions := map[string]int64{}
	for _, u := range users {
		if err := s.AddLoginLogs(t.Context(), "c1", u, []store.LoginLog{{IPAddress: "1.1.1.1", CreatedAt: time.Unix(0, 0)}}); err != nil {
			t.Fatalf("AddLoginLogs(c1, %s): %v", u, err)
		}
		versions[u], _ = s.UserVersion(t.Context(), "c1", u)
	}
	schema := urlSearchPath(t, url)
	other := execOn(os.Getenv(pgtest.EnvURL)) // the server's default search_path
	for _, step := range []struct {
		sql     string
		changes bool
	}{
		{`UPDATE ` + schema + `.login_logs SET city = 'Erased'`, true},
		{`DELETE FROM ` + schema + `.login_logs WHERE ip_address = 'none'`, false},
		{`TRUNCATE ` + schema + `.login_logs`, true},
	} {
		if err := other(t.Context(), step.sql); err != nil {
			t.Fatalf("SQL %q from another search_path: %v", step.sql, err)
		}
		for _, u := range users {
			v, err := s.UserVersion(t.Context(), "c1", u)
			switch {
			case err != nil:
				t.Fatalf("UserVersion(c1, %s) after SQL %q: %v", u, step.sql, err)
			case step.changes && v <= versions[u]:
				t.Errorf("after SQL %q, UserVersion(c1, %s) = %d, want above %d", step.sql, u, v, versions[u])
			case !step.changes && v != versions[u]:
				t.Errorf("after SQL %q, UserVersion(c1, %s) = %d, want it unchanged at %d", step.sql, u, v, versions[u])
			}
			versions[u] = v
		}
	}
	if logs, err := store.List(t.Context(), s, "c1", "u1"); err != nil || len(logs) != 0 {
		t.Errorf("store.List(c1, u1) after TRUNCATE = %d logs, %v; want 0", len(logs), err)
	}
}

// urlSearchPath returns the search_path a pgtest URL sets: the test's own schema.
func urlSearchPath(t *testing.T, raw string) string {
	t.Helper()
	u, err := neturl.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("search_path")
}

// logsOf counts the rows of login_logs for a user at url, with SQL of its own.
func logsOf(t *testing.T, url, clientID, userID string) int {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.WithoutCancel(t.Context()))
	var n int
	if err := conn.QueryRow(t.Context(), `SELECT count(*) FROM login_logs WHERE client_id = $1 AND user_id = $2`, clientID, userID).Scan(&n); err != nil {
		t.Fatalf("count login logs of %s/%s: %v", clientID, userID, err)
	}
	return n
}

// wantFKViolation fails the test unless err is PostgreSQL's foreign_key_violation (23503).
func wantFKViolation(t *testing.T, what string, err error) {
	t.Helper()
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23503" {
		t.Errorf("%s: %v; want foreign_key_violation (23503)", what, err)
	}
}

// TestLogsNeedTheirUser checks the rule the users check holds in place of a foreign key, with
// SQL of its own (psql's view): a log for a user that does not exist is refused whether it comes
// by INSERT, COPY or UPDATE, and in a statement with other users' logs nothing of it is written;
// a user with logs cannot be renamed; deleting or truncating users deletes their logs.
func TestLogsNeedTheirUser(t *testing.T) {
	s, url := openFreshURL(t)
	ctx := t.Context()
	one := []store.LoginLog{{IPAddress: "1.1.1.1", CreatedAt: time.Unix(0, 0)}}
	for _, u := range []string{"u1", "u2", "u3"} {
		if err := s.AddLoginLogs(ctx, "c1", u, one); err != nil {
			t.Fatalf("AddLoginLogs(c1, %s): %v", u, err)
		}
	}
	exec := execOn(url)
	const cols = `(client_id, user_id, ip_address, country, city, user_agent, name, os, device, created_at)`
	wantFKViolation(t, "INSERT of a log for a missing user", exec(ctx,
		`INSERT INTO login_logs `+cols+` VALUES ('c1', 'nobody', '2.2.2.2', '', '', '', '', '', '', 0)`))
	wantFKViolation(t, "INSERT of logs for an existing and a missing user", exec(ctx,
		`INSERT INTO login_logs `+cols+` VALUES ('c1', 'u1', '2.2.2.2', '', '', '', '', '', '', 0), ('c2', 'u1', '2.2.2.2', '', '', '', '', '', '', 0)`))
	wantFKViolation(t, "UPDATE moving a log to a missing user", exec(ctx, `UPDATE login_logs SET user_id = 'nobody' WHERE user_id = 'u1'`))
	wantFKViolation(t, "renaming a user with logs", exec(ctx, `UPDATE users SET user_id = 'renamed' WHERE user_id = 'u1'`))

	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, err = conn.CopyFrom(ctx, pgx.Identifier{"login_logs"}, []string{"client_id", "user_id", "ip_address", "country", "city", "user_agent", "name", "os", "device", "created_at"},
		pgx.CopyFromRows([][]any{{"c1", "u1", "3.3.3.3", "", "", "", "", "", "", int64(0)}, {"c1", "nobody", "3.3.3.3", "", "", "", "", "", "", int64(0)}}))
	wantFKViolation(t, "COPY of logs for an existing and a missing user", err)
	for u, want := range map[string]int{"u1": 1, "nobody": 0, "renamed": 0} {
		if n := logsOf(t, url, "c1", u); n != want {
			t.Errorf("after the refused writes, c1/%s has %d logs; want %d", u, n, want)
		}
	}

	if err := exec(ctx, `DELETE FROM users WHERE user_id = 'u1'`); err != nil {
		t.Fatalf("DELETE FROM users of a user with logs: %v", err)
	}
	if n := logsOf(t, url, "c1", "u1"); n != 0 {
		t.Errorf("after DELETE FROM users, the deleted user has %d logs; want 0", n)
	}
	if n := logsOf(t, url, "c1", "u2"); n != 1 {
		t.Errorf("after DELETE FROM users of u1, c1/u2 has %d logs; want its 1", n)
	}
	if err := exec(ctx, `TRUNCATE users`); err != nil {
		t.Fatalf("TRUNCATE users: %v", err)
	}
	if n := logsOf(t, url, "c1", "u2"); n != 0 {
		t.Errorf("after TRUNCATE users, c1/u2 has %d logs; want 0", n)
	}
}

// TestDeleteRacesAnImport runs DeleteUser while a transaction that appended logs to the user is
// open, and a write of logs while a transaction that deleted the user is open: the delete waits
// and takes the logs with it; the write waits and is refused.
func TestDeleteRacesAnImport(t *testing.T) {
	s, url := openFreshURL(t)
	ctx := t.Context()
	one := []store.LoginLog{{IPAddress: "1.1.1.1", CreatedAt: time.Unix(0, 0)}}
	for _, u := range []string{"u1", "u2"} {
		if err := s.AddLoginLogs(ctx, "c1", u, one); err != nil {
			t.Fatalf("AddLoginLogs(c1, %s): %v", u, err)
		}
	}
	const insert = `INSERT INTO login_logs (client_id, user_id, ip_address, country, city, user_agent, name, os, device, created_at)
VALUES ('c1', $1, '2.2.2.2', '', '', '', '', '', '', 1)`
	open := func() pgx.Tx {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close(context.Background()) })
		tx, err := conn.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return tx
	}
	watch, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close(context.WithoutCancel(ctx))

	// An import's transaction has appended a log to u1 and not committed yet.
	tx := open()
	if _, err := tx.Exec(ctx, insert, "u1"); err != nil {
		t.Fatalf("insert a log for c1/u1 in an open transaction: %v", err)
	}
	blocked, err := waitsFor(t, watch, tx, func() error { return s.DeleteUser(ctx, "c1", "u1") })
	if err != nil {
		t.Fatalf("DeleteUser(c1, u1) while logs are being added: %v", err)
	}
	if !blocked {
		t.Error("DeleteUser(c1, u1) ended while a transaction adding logs to it was open; want it to wait")
	}
	if n := logsOf(t, url, "c1", "u1"); n != 0 {
		t.Errorf("after DeleteUser(c1, u1) and the concurrent add, c1/u1 has %d logs; want 0", n)
	}

	// A delete's transaction has deleted u2 and not committed yet.
	tx = open()
	if _, err := tx.Exec(ctx, `DELETE FROM users WHERE client_id = 'c1' AND user_id = 'u2'`); err != nil {
		t.Fatalf("delete c1/u2 in an open transaction: %v", err)
	}
	blocked, err = waitsFor(t, watch, tx, func() error { return execOn(url)(ctx, strings.Replace(insert, "$1", "'u2'", 1)) })
	wantFKViolation(t, "a log written while its user is being deleted", err)
	if !blocked {
		t.Error("a log for c1/u2 was judged while a transaction deleting c1/u2 was open; want it to wait")
	}
	if n := logsOf(t, url, "c1", "u2"); n != 0 {
		t.Errorf("after the delete of c1/u2 and the concurrent add, c1/u2 has %d logs; want 0", n)
	}
}

// waitsFor runs fn while tx is open: it reports whether fn came to wait for a lock tx holds (as
// PostgreSQL's pg_blocking_pids, read through watch, sees it) before it ended, then commits tx
// and returns fn's error.
func waitsFor(t *testing.T, watch *pgx.Conn, tx pgx.Tx, fn func() error) (bool, error) {
	t.Helper()
	ctx := t.Context()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	blocked := false
	for deadline := time.Now().Add(10 * time.Second); !blocked && time.Now().Before(deadline); {
		select {
		case err := <-done:
			tx.Commit(ctx)
			return false, err
		case <-time.After(10 * time.Millisecond):
		}
		err := watch.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY (pg_blocking_pids(pid)))`,
			int(tx.Conn().PgConn().PID())).Scan(&blocked)
		if err != nil {
			t.Fatalf("read pg_blocking_pids: %v", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatalf("commit: %v", err)
	}
	return blocked, <-done
}

// TestOpenWaitsForNoWriter: opening a store on a schema that is up to date (a server or an
// import starting) while another transaction writes users and login_logs (a long import
// --replace) does not wait for it: the migration's ALTER TABLE users would wait for an exclusive
// lock until the replace ended, and every read of users (every server's every request) would
// queue behind it.
func TestOpenWaitsForNoWriter(t *testing.T) {
	t.Run("schema", func(t *testing.T) { openWaitsForNoWriter(t, pgtest.FreshURL(t)) })
	// A name that is not an unquoted identifier, which to_regnamespace would read folded.
	t.Run("mixed-case schema", func(t *testing.T) {
		base := pgtest.FreshURL(t)
		schema := "Mixed_" + urlSearchPath(t, base)
		if err := execOn(base)(t.Context(), `CREATE SCHEMA "`+schema+`"`); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { execOn(base)(context.Background(), `DROP SCHEMA "`+schema+`" CASCADE`) })
		u, err := neturl.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", `"`+schema+`"`)
		u.RawQuery = q.Encode()
		openWaitsForNoWriter(t, u.String())
	})
}

// openWaitsForNoWriter is TestOpenWaitsForNoWriter on the schema of url.
func openWaitsForNoWriter(t *testing.T, url string) {
	s, err := postgres.Open(t.Context(), url)
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	defer s.Close()
	ctx := t.Context()
	if err := s.AddLoginLogs(ctx, "c1", "u1", []store.LoginLog{{IPAddress: "1.1.1.1", CreatedAt: time.Unix(0, 0)}}); err != nil {
		t.Fatalf("AddLoginLogs: %v", err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	watch, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close(context.WithoutCancel(ctx))
	tx, err := conn.Begin(ctx)
	if err == nil {
		_, err = tx.Exec(ctx, `UPDATE users SET version = version + 1 WHERE client_id = 'c1' AND user_id = 'u1'`)
	}
	if err == nil {
		_, err = tx.Exec(ctx, `DELETE FROM login_logs WHERE client_id = 'c1' AND user_id = 'u1'`)
	}
	if err != nil {
		t.Fatalf("write users and login_logs in an open transaction: %v", err)
	}
	blocked, err := waitsFor(t, watch, tx, func() error {
		s2, err := postgres.Open(ctx, url)
		if err == nil {
			s2.Close()
		}
		return err
	})
	if err != nil {
		t.Fatalf("postgres.Open while another transaction writes: %v", err)
	}
	if blocked {
		t.Error("postgres.Open of an up-to-date schema waited for a transaction writing users and login_logs; want it not to")
	}
}

// TestOpenNamesAMissingSchema: a database URL whose search_path names a schema that does not
// exist gets an error that names the search_path and says what to do, not only PostgreSQL's "no
// schema has been selected to create in".
func TestOpenNamesAMissingSchema(t *testing.T) {
	u, err := neturl.Parse(pgtest.FreshURL(t))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", "no_such_schema_"+urlSearchPath(t, u.String()))
	u.RawQuery = q.Encode()
	s, err := postgres.Open(t.Context(), u.String())
	if err == nil {
		s.Close()
		t.Fatalf("postgres.Open with search_path %s: nil error, want one naming it", q.Get("search_path"))
	}
	want := "migrate postgres: no schema of the search_path (" + q.Get("search_path") + ") exists to create the tables in: create it (CREATE SCHEMA), or set search_path in the database URL to a schema that exists: "
	if msg := err.Error(); !strings.HasPrefix(msg, want) || strings.Contains(msg, "\n") {
		t.Errorf("postgres.Open with search_path %s = %q; want one line starting %q", q.Get("search_path"), msg, want)
	}
}

// TestOpenLeavesAForeignSchemaAlone: a search_path whose schema holds another application's users
// table is refused by Open with one line saying so and what to do, and the table is left as it
// was (the migration's transaction rolls back), not only PostgreSQL's "column old.client_id does
// not exist".
func TestOpenLeavesAForeignSchemaAlone(t *testing.T) {
	url := pgtest.FreshURL(t)
	if err := execOn(url)(t.Context(), `CREATE TABLE users (id serial PRIMARY KEY, email text); INSERT INTO users (email) VALUES ('a@example.com')`); err != nil {
		t.Fatal(err)
	}
	columns := func() string {
		conn, err := pgx.Connect(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.WithoutCancel(t.Context()))
		var cols string
		if err := conn.QueryRow(t.Context(), `SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY table_name, column_name) FROM information_schema.columns WHERE table_schema = current_schema()`).Scan(&cols); err != nil {
			t.Fatal(err)
		}
		return cols
	}
	before := columns()
	s, err := postgres.Open(t.Context(), url)
	if err == nil {
		s.Close()
		t.Fatal("postgres.Open of a schema holding another application's users table: nil error")
	}
	want := "migrate postgres: the tables of the search_path's schema are not the login-log store's, nothing changed ("
	if msg := err.Error(); !strings.HasPrefix(msg, want) || !strings.HasSuffix(msg, "): set search_path in the database URL to another schema") || strings.Contains(msg, "\n") {
		t.Errorf("postgres.Open of a foreign schema = %q; want one line starting %q", msg, want)
	}
	if after := columns(); after != before {
		t.Errorf("postgres.Open that failed changed the schema: %s, was %s", after, before)
	}
}

// TestOpenMigratesTheFirstSchemaOfTheSearchPath: with a search_path of a new, empty schema and
// then a schema that holds a migrated store, Open creates the tables in the first, as CREATE
// TABLE does, rather than taking the second's store for its own: a write through it lands in the
// first schema only.
func TestOpenMigratesTheFirstSchemaOfTheSearchPath(t *testing.T) {
	_, second := openFreshURL(t)
	first := pgtest.FreshURL(t)
	u, err := neturl.Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", urlSearchPath(t, first)+","+urlSearchPath(t, second))
	u.RawQuery = q.Encode()
	s, err := postgres.Open(t.Context(), u.String())
	if err != nil {
		t.Fatalf("postgres.Open with search_path %s: %v", q.Get("search_path"), err)
	}
	defer s.Close()
	if err := s.AddLoginLogs(t.Context(), "c", "u", []store.LoginLog{{IPAddress: "1.1.1.1", CreatedAt: time.Unix(0, 0)}}); err != nil {
		t.Fatal(err)
	}
	if got, other := logsOf(t, first, "c", "u"), logsOf(t, second, "c", "u"); got != 1 || other != 0 {
		t.Errorf("after a write through search_path %s: %d logs in the first schema and %d in the second; want 1 and 0", q.Get("search_path"), got, other)
	}
}

// TestTooManyConnectionsIsUnavailable: a server that refuses a connection for want of resources
// (SQLSTATE class 53; here 53300, a database at its CONNECTION LIMIT, a database of the test's own)
// gives an error wrapping store.ErrUnavailable, as a refused connection does: the server answers
// 503 with Retry-After, not 500.
func TestTooManyConnectionsIsUnavailable(t *testing.T) {
	base := pgtest.FreshURL(t) // skips without a server
	admin := execOn(base)
	name := "loginlogs_limit_" + urlSearchPath(t, base)
	if err := admin(t.Context(), "CREATE DATABASE "+name); err != nil {
		t.Skipf("CREATE DATABASE (the test needs a database of its own): %v", err)
	}
	t.Cleanup(func() {
		if err := admin(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := neturl.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	first, err := postgres.Open(t.Context(), u.String())
	if err != nil {
		t.Fatalf("postgres.Open(%s): %v", name, err)
	}
	defer first.Close() // holds its one connection, idle in its pool
	if err := admin(t.Context(), "ALTER DATABASE "+name+" CONNECTION LIMIT 1"); err != nil {
		t.Fatal(err)
	}
	second, err := postgres.Open(t.Context(), u.String())
	if err == nil {
		second.Close()
		t.Fatalf("postgres.Open of a database at its connection limit: nil error")
	}
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "53300" || !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("postgres.Open of a database at its connection limit = %v; want SQLSTATE 53300 wrapped in store.ErrUnavailable", err)
	}
}
