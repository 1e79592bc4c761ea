package postgres_test

import (
	"errors"
	"testing"

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
