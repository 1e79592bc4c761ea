package postgres_test

import (
	"errors"
	"testing"
	"time"

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
	s, err := postgres.Open(t.Context(), pgtest.FreshURL(t))
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return openFresh(t) })
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
