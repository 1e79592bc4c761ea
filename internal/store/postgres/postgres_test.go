package postgres_test

import (
	"context"
	"errors"
	neturl "net/url"
	"os"
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
