package sqlite_test

import (
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "loginlogs.db"))
		if err != nil {
			t.Fatalf("sqlite.Open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loginlogs.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("sqlite.Open(%s): %v", path, err)
	}
	if err := s.AddLoginLogs(t.Context(), "c1", "u1", nil); err != nil {
		t.Fatalf("AddLoginLogs: %v", err)
	}
	s.Close()
	s, err = sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("sqlite.Open(%s) again: %v", path, err)
	}
	defer s.Close()
	if logs, err := store.List(t.Context(), s, "c1", "u1"); err != nil || len(logs) != 0 {
		t.Errorf("after reopening, store.List(c1, u1) = %v, %v; want empty, nil", logs, err)
	}
}

func TestClosedIsUnavailable(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "loginlogs.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	s.Close()
	if err := s.Ping(t.Context()); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Ping on a closed store = %v; want an error wrapping store.ErrUnavailable", err)
	}
	if _, err := store.List(t.Context(), s, "c", "u"); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("store.List on a closed store = %v; want an error wrapping store.ErrUnavailable", err)
	}
}

// TestOpenMigratesFilesWithoutVersion opens a file made by the first schema, whose users table had
// no version column, and expects the column added and the data kept.
func TestOpenMigratesFilesWithoutVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`
CREATE TABLE users (client_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (client_id, user_id));
INSERT INTO users VALUES ('c1', 'u1');`)
	db.Close()
	if err != nil {
		t.Fatalf("create the old schema: %v", err)
	}
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("sqlite.Open of a file without users.version: %v", err)
	}
	defer s.Close()
	if v, err := s.UserVersion(t.Context(), "c1", "u1"); err != nil || v != 0 {
		t.Errorf("UserVersion(c1, u1) after migration = %d, %v; want 0, nil", v, err)
	}
	if err := s.AddLoginLogs(t.Context(), "c1", "u1", nil); err != nil {
		t.Fatalf("AddLoginLogs after migration: %v", err)
	}
	if v, err := s.UserVersion(t.Context(), "c1", "u1"); err != nil || v == 0 {
		t.Errorf("UserVersion(c1, u1) after a write = %d, %v; want a new version", v, err)
	}
}

func BenchmarkAddLoginLogs(b *testing.B) {
	s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "loginlogs.db"))
	if err != nil {
		b.Fatalf("sqlite.Open: %v", err)
	}
	defer s.Close()
	storetest.BenchmarkAddLoginLogs(b, s)
}
