package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/ssojet-tools/loginlogs/internal/store"
)

const deleteLong = `Erases one user of one client from a store: all its login logs and the user itself, in one
transaction. Servers sharing the store answer 404 for the user from their next request on,
never a body they cached before, and an old ETag no longer gets a 304.

SQLite overwrites the deleted rows with zeros and checkpoints its -wal file, so they do not
linger in the files (a reader holding the -wal delays that to SQLite's next checkpoint).
PostgreSQL keeps dead rows in the table's files until VACUUM reclaims them.

Exit codes: 0 deleted, 1 the client has no such user (nothing changed) or the delete failed,
2 usage or setup error (the store unavailable, an interrupted delete; a SQLite file that does
not exist is not created).`

// newDeleteCmd is the delete verb: flags and wiring; the work is the store's DeleteUser. Its
// --user-id has no environment fallback: erasing a user is never implicit.
func newDeleteCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "delete",
		Short: "erase a user and all its login logs from a store",
		Long:  deleteLong,
		Args:  noArgs,
	}
	fs := cmd.Flags()
	dbURL := addDatabaseURL(fs)
	clientID := fs.String("client-id", "", "the client the user belongs to")
	userID := fs.String("user-id", "", "the user to erase")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		return runDelete(cmd.Context(), e, *dbURL, *clientID, *userID)
	}
	return cmd
}

// runDelete erases the user from the store at dbURL.
func runDelete(ctx context.Context, e env, dbURL, clientID, userID string) error {
	switch {
	case clientID == "":
		return usageError("delete: --client-id is required")
	case userID == "":
		return usageError("delete: --user-id is required")
	}
	// A mistyped SQLite path says so instead of creating an empty database.
	if kind, path, err := store.ParseURL(dbURL); err == nil && kind == store.SQLite {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return setupError(fmt.Errorf("delete: no SQLite database at %s", path))
		}
	}
	st, storeDesc, err := openStore(ctx, dbURL)
	if err != nil {
		return setupError(fmt.Errorf("open store: %w", err))
	}
	defer st.Close()
	switch err := interrupted(ctx, st.DeleteUser(ctx, clientID, userID)); {
	case errors.Is(err, store.ErrUserNotFound):
		return failedError("delete: client %s has no user %s in %s; nothing deleted", clientID, userID, storeDesc)
	case err != nil:
		return storeError(err, "delete user %s of client %s: %v", userID, clientID, err)
	}
	fmt.Fprintf(e.stdout, "deleted user %s of client %s and all its login logs from %s\n", userID, clientID, storeDesc)
	return nil
}
