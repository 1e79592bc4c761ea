package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	neturl "net/url"
	"os"
	"path/filepath"

	"github.com/ssojet-tools/loginlogs/internal/importer"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

// defaultDatabaseURL is the embedded store: a SQLite file in the working directory.
const defaultDatabaseURL = "loginlogs.db"

// appStore is what the verbs use of a store: serving, seeding, importing, erasing.
type appStore interface {
	server.Store
	server.Seeder
	importer.Store
	importer.VersionedStore
	// ReplaceLoginLogs replaces a user's logs in one transaction (import --replace).
	ReplaceLoginLogs(ctx context.Context, clientID, userID string, fill func(add func([]store.LoginLog) error) error) error
	DeleteUser(ctx context.Context, clientID, userID string) error
	Close() error
}

// openStore opens the store a database URL names (sqlite:PATH, a plain path, or postgres://…)
// and returns it with a description for logs that never includes a password: a SQLite file by
// its absolute path, and "(a new file)" when opening it created it, so that a verb run in
// another directory than meant says where its store went.
func openStore(ctx context.Context, url string) (appStore, string, error) {
	kind, target, err := store.ParseURL(url)
	if err != nil {
		return nil, "", err
	}
	switch kind {
	case store.Postgres:
		st, err := postgres.Open(ctx, target)
		if err != nil {
			return nil, "", err
		}
		return st, "postgres", nil
	default:
		_, statErr := os.Stat(target)
		st, err := sqlite.Open(ctx, target)
		if err != nil {
			return nil, "", err
		}
		desc := "sqlite:" + absPath(target)
		if errors.Is(statErr, fs.ErrNotExist) {
			desc += " (a new file)"
		}
		return st, desc, nil
	}
}

// storeError reports a store verb's failed write: a setup error (exit 2) when err says the store
// was unavailable (store.ErrUnavailable: unreachable, cut off, locked past the busy timeout), as
// it is when a verb cannot open it, or that the verb was interrupted (errInterrupted), as an
// interrupted contract run is; a failure (exit 1) otherwise.
func storeError(err error, format string, args ...any) error {
	code := exitFailed
	if errors.Is(err, store.ErrUnavailable) || errors.Is(err, errInterrupted) {
		code = exitUsage
	}
	return &codedError{code: code, err: fmt.Errorf(format, args...)}
}

// errInterrupted is a store verb's error once SIGINT or SIGTERM ended its context.
var errInterrupted = errors.New("interrupted by SIGINT or SIGTERM")

// interrupted is err, or errInterrupted (wrapping ctx's cause) when ctx ended: then err is only
// the way the cancellation reached the verb.
func interrupted(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("%w (%w)", errInterrupted, context.Cause(ctx))
	}
	return err
}

// absPath is path made absolute, or path when the working directory cannot be read.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// exportableDatabaseURL is the database URL as another verb run elsewhere reaches the same store
// (a SQLite file by its absolute path), or false when it holds a password, which an export line
// printed on stdout must not show.
func exportableDatabaseURL(dbURL string) (string, bool) {
	kind, target, err := store.ParseURL(dbURL)
	switch {
	case err != nil:
		return "", false
	case kind == store.SQLite:
		return "sqlite:" + absPath(target), true
	}
	u, err := neturl.Parse(dbURL)
	if err != nil {
		return "", false
	}
	if _, has := u.User.Password(); has || u.Query().Has("password") {
		return "", false
	}
	return dbURL, true
}
