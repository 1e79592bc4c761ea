package server_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// freshPostgresURL returns the test database's URL with a schema of its own (search_path),
// dropped when the test ends; it skips the test without LOGINLOGS_TEST_DATABASE_URL.
func freshPostgresURL(t *testing.T) string {
	t.Helper()
	base := os.Getenv("LOGINLOGS_TEST_DATABASE_URL")
	if base == "" {
		t.Skip("LOGINLOGS_TEST_DATABASE_URL is not set; `make test` starts PostgreSQL and sets it")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "rel_" + hex.EncodeToString(b)
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
	return u.String()
}
