package importer_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/importer"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

// testStore is a real store, as the CLI opens it.
type testStore interface {
	importer.Store
	store.Scanner
}

// eachStore runs f against a fresh SQLite file and, when LOGINLOGS_TEST_DATABASE_URL is set, a
// fresh PostgreSQL schema.
func eachStore(t *testing.T, f func(t *testing.T, st testStore)) {
	t.Run("sqlite", func(t *testing.T) {
		st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "loginlogs.db"))
		if err != nil {
			t.Fatalf("sqlite.Open: %v", err)
		}
		t.Cleanup(func() { st.Close() })
		f(t, st)
	})
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(t.Context(), pgtest.FreshURL(t))
		if err != nil {
			t.Fatalf("postgres.Open: %v", err)
		}
		t.Cleanup(func() { st.Close() })
		f(t, st)
	})
}

// countingStore counts the batches that reached the store.
type countingStore struct {
	importer.Store
	batches atomic.Int64
}

func (s *countingStore) AddLoginLogs(ctx context.Context, clientID, userID string, logs []store.LoginLog) error {
	err := s.Store.AddLoginLogs(ctx, clientID, userID, logs)
	if err == nil {
		s.batches.Add(1)
	}
	return err
}

// named returns a valid entry whose Name is name, a second apart from the previous ones.
func named(i int, name string) string {
	return fmt.Sprintf(`{"IpAddress":"10.0.%d.%d","Country":"India","City":"Jaipur","UserAgent":"","Name":%q,"Os":"","Device":"","CreatedAt":"2024-07-%02dT%02d:%02d:%02dZ"}`,
		i>>8&255, i&255, name, 1+i/86400%28, i/3600%24, i/60%60, i%60)
}

// form is one way to lay entries out in a file.
type form struct {
	name             string
	open, sep, close string
	json             bool   // entries are named by index, not by line
	array            string // the JSON pointer of the array of entries
}

var forms = []form{
	{"ndjson", "", "\n", "\n", false, ""},
	{"200 body", `{"login_logs":[`, ",", "]}", true, "/login_logs"},
	{"bare array", "[", ",", "]", true, ""},
}

// pointer is the JSON pointer, in a file of this form, of what kin-openapi points to at p in a
// 200 body whose login_logs hold the same entries.
func (f form) pointer(p string) string {
	rest, ok := strings.CutPrefix(p, "/login_logs/")
	if !ok {
		return p
	}
	if !f.json {
		_, rest, _ = strings.Cut(rest, "/") // an NDJSON line is a document of its own
		if rest != "" {
			rest = "/" + rest
		}
		return rest
	}
	return f.array + "/" + rest
}

func (f form) of(entries ...string) string {
	return f.open + strings.Join(entries, f.sep) + f.close
}

// where is how an import's error names entry i (0-based) of a file in this form.
func (f form) where(i int) string {
	if f.json {
		return fmt.Sprintf("entry %d ", i)
	}
	return fmt.Sprintf("line %d: ", i+1)
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// repeatReader yields prefix, then b repeated forever.
type repeatReader struct {
	prefix []byte
	b      byte
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := copy(p, r.prefix)
	r.prefix = r.prefix[n:]
	for i := n; i < len(p); i++ {
		p[i] = r.b
	}
	return len(p), nil
}

// names returns the Name of every log of user u of client c, in order.
func names(t *testing.T, st store.Scanner, c, u string) []string {
	t.Helper()
	logs, err := store.List(t.Context(), st, c, u)
	if errors.Is(err, store.ErrUserNotFound) {
		return nil
	}
	if err != nil {
		t.Fatalf("store.List(%s, %s): %v", c, u, err)
	}
	out := make([]string, len(logs))
	for i, l := range logs {
		out[i] = l.Name
	}
	return out
}
