package main

import (
	"context"
	"fmt"

	"github.com/ssojet-tools/loginlogs/internal/importer"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

// defaultDatabaseURL is the embedded store: a SQLite file in the working directory.
const defaultDatabaseURL = "loginlogs.db"

// appStore is what the verbs use of a store: serving, seeding, importing.
type appStore interface {
	server.Store
	server.Seeder
	importer.Store
	// ReplaceLoginLogs replaces a user's logs in one transaction (import --replace).
	ReplaceLoginLogs(ctx context.Context, clientID, userID string, fill func(add func([]store.LoginLog) error) error) error
	Close() error
}

// openStore opens the store a database URL names (sqlite:PATH, a plain path, or postgres://…)
// and returns it with a description for logs that never includes a password.
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
		st, err := sqlite.Open(ctx, target)
		if err != nil {
			return nil, "", err
		}
		return st, fmt.Sprintf("sqlite:%s", target), nil
	}
}
