package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres"
	"github.com/ssojet-tools/loginlogs/internal/store/storetest"
)

// openFresh opens a store in a schema of its own, dropped when the test ends, so that test runs
// (and parallel packages) never see each other's rows.
func openFresh(t *testing.T) *postgres.Store {
	t.Helper()
	base := os.Getenv("LOGINLOGS_TEST_DATABASE_URL")
	if base == "" {
		t.Skip("LOGINLOGS_TEST_DATABASE_URL is not set; `make test` starts PostgreSQL and sets it")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(t.Context(), base)
	if err != nil {
		t.Fatalf("connect %s: %v", base, err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			t.Errorf("connect to drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", base, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	s, err := postgres.Open(t.Context(), u.String())
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
	_, err := s.ListLoginLogs(t.Context(), "c", "u")
	if err == nil || !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("ListLoginLogs on a closed store = %v; want an error wrapping store.ErrUnavailable", err)
	}
}
