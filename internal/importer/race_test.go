package importer_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/importer"
	"github.com/ssojet-tools/loginlogs/internal/store"
)

// raceStore is a real store as a deduplicating import and a delete use it.
type raceStore interface {
	importer.VersionedStore
	store.Scanner
	DeleteUser(ctx context.Context, clientID, userID string) error
}

// interleaved runs other once, before the batch numbered at (1-based) reaches the store.
type interleaved struct {
	raceStore
	at, calls int
	other     func()
}

func (s *interleaved) AddLoginLogsIf(ctx context.Context, clientID, userID string, version int64, logs []store.LoginLog) (int64, error) {
	if s.calls++; s.calls == s.at {
		s.other()
	}
	return s.raceStore.AddLoginLogsIf(ctx, clientID, userID, version, logs)
}

// dedupImport imports input for c1/u1 as the import verb does by default: it reads the user's
// logs, leaves out the entries the user has (by IP address, unique in these tests), and guards
// the batches with importer.Unchanged at the version it read.
func dedupImport(t *testing.T, im *importer.Importer, st raceStore, input string) (importer.Result, error) {
	t.Helper()
	had := map[string]bool{}
	version, err := st.ScanLoginLogs(t.Context(), "c1", "u1", func(_ int64, l *store.LoginLog) error {
		had[l.IPAddress] = true
		return nil
	})
	if err != nil && !errors.Is(err, store.ErrUserNotFound) {
		t.Fatalf("ScanLoginLogs(c1, u1): %v", err)
	}
	return im.Import(t.Context(), importer.Unchanged(st, version), strings.NewReader(input),
		importer.Options{ClientID: "c1", UserID: "u1", BatchSize: 5, Skip: func(l *store.LoginLog) bool { return had[l.IPAddress] }})
}

// TestAnImportRacedByAnotherWriterEndsSerially: a deduplicating import with another import of
// the same file, or a delete of the user, between its read of the user's logs and one of its
// batches ends as if they had run one after the other, or stops with store.ErrChanged; run
// again, it converges on the file's logs, once each. Unguarded, it stored the file twice, or
// lost the entries the user had before the delete.
func TestAnImportRacedByAnotherWriterEndsSerially(t *testing.T) {
	const n = 50
	entries := make([]string, n)
	for i := range entries {
		entries[i] = named(i, "race")
	}
	input := strings.Join(entries, "\n")
	im := embeddedImporter(t)
	cases := []struct {
		name    string
		had     int // the file's first entries the user has before
		at      int // the batch the other writer goes before
		delete  bool
		written int // entries the raced import wrote before it stopped
		after   int // the user's logs then (-1: no user)
	}{
		{"a second import before the first batch", 0, 1, false, 0, n},
		{"a second import before the third batch", 0, 3, false, 10, n},
		{"a delete before the first batch", 10, 1, true, 0, -1},
		{"a delete before the third batch", 10, 3, true, 10, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, ts testStore) {
				st := ts.(raceStore)
				if c.had > 0 {
					if _, err := im.Import(t.Context(), st.(importer.Store), strings.NewReader(strings.Join(entries[:c.had], "\n")),
						importer.Options{ClientID: "c1", UserID: "u1"}); err != nil {
						t.Fatalf("importing the first %d entries: %v", c.had, err)
					}
				}
				other := func() {
					if c.delete {
						if err := st.DeleteUser(t.Context(), "c1", "u1"); err != nil {
							t.Fatalf("DeleteUser(c1, u1) during the import: %v", err)
						}
					} else if _, err := dedupImport(t, im, st, input); err != nil {
						t.Fatalf("the second import, during the first: %v", err)
					}
				}
				res, err := dedupImport(t, im, &interleaved{raceStore: st, at: c.at, other: other}, input)
				if !errors.Is(err, store.ErrChanged) || res.Entries != c.written {
					t.Errorf("the raced import: %+v, %v; want %d entries written, then ErrChanged", res, err, c.written)
				}
				if got := len(names(t, st, "c1", "u1")); got != c.after && !(c.after == -1 && got == 0) {
					t.Errorf("after the raced import the user has %d logs, want %d (-1: no user)", got, c.after)
				}
				if _, err := dedupImport(t, im, st, input); err != nil {
					t.Fatalf("the import run again: %v", err)
				}
				if got := names(t, st, "c1", "u1"); len(got) != n {
					t.Errorf("after the import ran again the user has %d logs, want the file's %d", len(got), n)
				}
			})
		})
	}
}
