// Package sqlite is the embedded login-log store: one SQLite file through modernc.org/sqlite
// (pure Go, no cgo), created and migrated on Open, in WAL mode with a busy timeout so that a
// server and an import can share the file.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"

	"github.com/ssojet-tools/loginlogs/internal/store"
)

// schema is applied on every Open; every statement is idempotent. created_at holds Unix
// nanoseconds: an integer sorts correctly and keeps all nine fractional digits.
const schema = `
CREATE TABLE IF NOT EXISTS users (
	client_id TEXT NOT NULL,
	user_id   TEXT NOT NULL,
	version   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (client_id, user_id)
);
CREATE TABLE IF NOT EXISTS login_logs (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	client_id  TEXT NOT NULL,
	user_id    TEXT NOT NULL,
	ip_address TEXT NOT NULL,
	country    TEXT NOT NULL,
	city       TEXT NOT NULL,
	user_agent TEXT NOT NULL,
	name       TEXT NOT NULL,
	os         TEXT NOT NULL,
	device     TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	FOREIGN KEY (client_id, user_id) REFERENCES users (client_id, user_id)
);
CREATE INDEX IF NOT EXISTS login_logs_by_user ON login_logs (client_id, user_id, created_at);
`

// addVersion adds users.version to files created before it existed.
const addVersion = `ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 0`

// nowNS is the time in Unix nanoseconds in SQL, for the triggers' version rule (package store).
// SQLite's clock reads whole milliseconds, the same for every row of one statement. It is
// arithmetic on strftime, which every SQLite has: unixepoch('subsec') needs 3.42, and an older
// sqlite3 shell (Debian 12's 3.40) gives NULL, which would fail an operator's DELETE.
const nowNS = `(CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER)) * 1000000`

// triggers make every change to a user's rows made outside AddLoginLogs (SQL by hand, another
// tool) bump the user's version, so that the server never serves a cached body of logs that
// changed: a DELETE or UPDATE of login_logs bumps the users of the old and new row, and an UPDATE
// of a users row that does not raise its version raises it. Inserts are left to AddLoginLogs,
// which bumps once per batch. A trigger whose body changes needs a new name, as IF NOT EXISTS
// keeps an existing body.
const triggers = `
CREATE TRIGGER IF NOT EXISTS login_logs_delete_bumps_version AFTER DELETE ON login_logs
BEGIN
	UPDATE users SET version = max(version + 1, ` + nowNS + `)
	WHERE client_id = OLD.client_id AND user_id = OLD.user_id;
END;
CREATE TRIGGER IF NOT EXISTS login_logs_update_bumps_version AFTER UPDATE ON login_logs
BEGIN
	UPDATE users SET version = max(version + 1, ` + nowNS + `)
	WHERE (client_id = OLD.client_id AND user_id = OLD.user_id)
	   OR (client_id = NEW.client_id AND user_id = NEW.user_id);
END;
CREATE TRIGGER IF NOT EXISTS users_version_rises AFTER UPDATE ON users
WHEN NEW.version <= OLD.version
BEGIN
	UPDATE users SET version = max(OLD.version + 1, ` + nowNS + `)
	WHERE rowid = NEW.rowid;
END;
`

const userVersion = `SELECT version FROM users WHERE client_id = ? AND user_id = ?`

// Store is a login-log store in one SQLite file.
type Store struct {
	db *sql.DB
	// Statements prepared once (parsing the read path's cost a third of a 24-entry request);
	// insert is insertLogs(insertRows).
	list, version, insert *sql.Stmt
	// path and file let Ping notice the file was removed or replaced under the open connections;
	// file is nil when path names no regular file.
	path string
	file os.FileInfo
}

// Open opens (creating if needed) the SQLite file at path and migrates it. A file it creates is
// readable and writable by its owner only (0600), as are the -wal and -shm files, which take its
// mode. Deleted content is overwritten with zeros (secure_delete), so that erased logs do not
// linger in free pages. A path this process cannot write (writable) is refused, saying why.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := writable(path); err != nil {
		return nil, fmt.Errorf("sqlite %s: %w", path, err)
	}
	// An empty file if nothing is there, which SQLite takes for an empty database.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		err = f.Close()
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("create sqlite %s: %w", path, err)
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "secure_delete(1)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.migrateWhenFree(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate sqlite %s: %w", path, classify(err))
	}
	if s.list, err = db.PrepareContext(ctx, listSQL); err == nil {
		s.version, err = db.PrepareContext(ctx, userVersion)
	}
	if err == nil {
		s.insert, err = db.PrepareContext(ctx, insertLogs(insertRows))
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare sqlite %s: %w", path, classify(err))
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		s.file = fi
	}
	return s, nil
}

// writable returns why this process cannot write the database at path, or nil; a path that
// names no regular file (a directory, a device, a named pipe) cannot be one. The store writes to
// the file and, in WAL mode, to its -wal and -shm files, which SQLite creates beside it (also to
// serve: readers map the -shm), so each must be writable where it exists, and the directory
// where one is missing. SQLite would open a file it cannot write read-only and fail at the first
// write, or say only "unable to open database file". It asks with access(2) and opens nothing:
// closing a descriptor of a database file drops the POSIX locks other connections of this
// process hold on it.
func writable(path string) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real // SQLite keeps the -wal and -shm beside the file a symbolic link names
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("a directory, not a SQLite file (name a file in it, e.g. %s)", filepath.Join(path, "loginlogs.db"))
	} else if err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("not a regular file (%v), not a SQLite file", fi.Mode().Type())
	}
	const advice = "; the SQLite store writes to the database and to its -wal and -shm files beside it (WAL mode), serving included: make them writable for this user, or copy the database to a directory it can write to"
	missing := false
	for _, name := range []string{"", "-wal", "-shm"} {
		switch err := unix.Access(path+name, unix.W_OK); {
		case errors.Is(err, fs.ErrNotExist):
			missing = true
		case err != nil && name == "":
			return fmt.Errorf("cannot write the file (%v)%s", err, advice)
		case err != nil:
			return fmt.Errorf("cannot write its %s file (%v)%s", name, err, advice)
		}
	}
	if dir := filepath.Dir(path); missing {
		switch err := unix.Access(dir, unix.W_OK); {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("no directory %s", dir)
		case err != nil:
			return fmt.Errorf("cannot create files in %s (%v)%s", dir, err, advice)
		}
	}
	return nil
}

// upToDate is true when the file holds the tables, index and triggers the store makes, and users
// has its columns (files from before versions lack version).
const upToDate = `SELECT (SELECT count(*) FROM sqlite_master WHERE (type, name) IN (VALUES
	('table', 'users'), ('table', 'login_logs'), ('index', 'login_logs_by_user'),
	('trigger', 'login_logs_delete_bumps_version'), ('trigger', 'login_logs_update_bumps_version'),
	('trigger', 'users_version_rises'))) = 6
AND (SELECT count(*) FROM pragma_table_info('users') WHERE name IN ('client_id', 'user_id', 'version')) = 3`

// listSQL is store.ListSQL with anonymous parameters, which cost no allocations per query as $1
// and $2 do.
var listSQL = strings.NewReplacer("$1", "?", "$2", "?").Replace(store.ListSQL)

// migrate brings the file's schema up to date, unless it is (a read, which takes no write lock:
// a server starts while an import writes). It migrates in one transaction that ends by compiling
// the statements the store runs, so that a file holding another application's tables (a users
// table of its own) is refused unchanged rather than given columns and triggers it cannot use.
func (s *Store) migrate(ctx context.Context) error {
	var current bool
	if err := s.db.QueryRowContext(ctx, upToDate).Scan(&current); err != nil || current {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, schema); err != nil {
			return err
		}
		var hasVersion bool
		err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pragma_table_info('users') WHERE name = 'version')`).Scan(&hasVersion)
		if err == nil && !hasVersion {
			_, err = tx.ExecContext(ctx, addVersion)
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, triggers)
		}
		if err != nil {
			return err
		}
		for _, q := range []string{listSQL, userVersion, insertLogs(1), upsertUserSQL} {
			stmt, err := tx.PrepareContext(ctx, q)
			if err != nil {
				return fmt.Errorf("its tables are not the login-log store's, nothing changed (%w): name another file", err)
			}
			stmt.Close()
		}
		return nil
	})
}

// busyTimeout is how long a statement waits for another connection's lock (busy_timeout).
const busyTimeout = 5 * time.Second

// migrateWhenFree is migrate, tried again for up to busyTimeout while SQLite says the file is
// busy: a connection's switch to WAL while another writes a new file in its rollback journal
// (one starting on it) fails at once, without the busy handler, which could deadlock there.
func (s *Store) migrateWhenFree(ctx context.Context) error {
	deadline := time.Now().Add(busyTimeout)
	for {
		err := s.migrate(ctx)
		if se, ok := errors.AsType[*sqlite3.Error](err); !ok || se.Code()&0xff != sqlite3lib.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the file can be queried and that path still names the file the store opened
// (not removed, moved away or replaced); it returns an error wrapping store.ErrUnavailable.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("ping sqlite: %w", classify(err))
	}
	if s.file != nil {
		if fi, err := os.Stat(s.path); err != nil || !os.SameFile(fi, s.file) {
			return fmt.Errorf("ping sqlite: %w: %s was removed or replaced since the server opened it", store.ErrUnavailable, s.path)
		}
	}
	return nil
}

// ScanLoginLogs hands the user's logs to fn oldest first, without collecting them, and returns
// the version they were read at. It returns store.ErrUserNotFound for a user the client does not
// have, and fn's error if fn fails.
func (s *Store) ScanLoginLogs(ctx context.Context, clientID, userID string, fn store.ScanFunc) (int64, error) {
	rows, err := s.list.QueryContext(ctx, clientID, userID)
	if err == nil {
		defer rows.Close()
	}
	return store.ScanRows(rows, err, fn, classify)
}

// UserVersion returns the version of the user's logs, which rises whenever they change (through
// AddLoginLogs, or any SQL through the triggers), or store.ErrUserNotFound.
func (s *Store) UserVersion(ctx context.Context, clientID, userID string) (int64, error) {
	var v int64
	err := s.version.QueryRowContext(ctx, clientID, userID).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, store.ErrUserNotFound
	case err != nil:
		return 0, fmt.Errorf("user version: %w", classify(err))
	}
	return v, nil
}

// insertRows is how many logs one INSERT writes: each execution costs the driver a goroutine,
// locks and a reset whatever its size; past about a hundred rows larger statements gain nothing.
const insertRows = 100

// insertLogs returns an INSERT of n logs (n ≥ 1): its arguments are the client and user id
// (?1, ?2, shared by every row), then the eight fields of each log.
func insertLogs(n int) string {
	const row = "(?1, ?2, ?, ?, ?, ?, ?, ?, ?, ?)"
	return `INSERT INTO login_logs
(client_id, user_id, ip_address, country, city, user_agent, name, os, device, created_at) VALUES ` + strings.Repeat(row+",\n", n-1) + row
}

// AddLoginLogs creates the user if missing and appends logs, all in one transaction: on error
// nothing is written.
func (s *Store) AddLoginLogs(ctx context.Context, clientID, userID string, logs []store.LoginLog) error {
	_, err := s.AddLoginLogsIf(ctx, clientID, userID, store.AnyVersion, logs)
	return err
}

// AddLoginLogsIf appends logs, creating the user if missing, if the user's version is still
// version (0: the user is missing, or has a file's version from before versions were kept;
// store.AnyVersion: whatever it is), and returns the version the write gave it; otherwise it
// writes nothing and returns store.ErrChanged. The check and the write are one write
// transaction, which no other writer interleaves.
func (s *Store) AddLoginLogsIf(ctx context.Context, clientID, userID string, version int64, logs []store.LoginLog) (int64, error) {
	ns, err := store.UnixNanos(logs) // before the transaction: a bad time takes no write lock
	if err != nil {
		return 0, err
	}
	q, args := upsertUserSQL+` RETURNING version`, []any{clientID, userID, time.Now().UnixNano()}
	switch {
	case version > 0:
		q = `UPDATE users SET version = max(version + 1, ?3) WHERE client_id = ?1 AND user_id = ?2 AND version = ?4 RETURNING version`
	case version == 0:
		q = upsertUserSQL + ` WHERE users.version = ?4 RETURNING version`
	}
	if version >= 0 {
		args = append(args, version)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		switch err := tx.QueryRowContext(ctx, q, args...).Scan(&version); {
		case errors.Is(err, sql.ErrNoRows):
			return store.ErrChanged
		case err != nil:
			return fmt.Errorf("create user: %w", classify(err))
		}
		return s.appendLogs(ctx, tx, clientID, userID, logs, ns)
	})
	if err != nil {
		return 0, err
	}
	return version, nil
}

// ReplaceLoginLogs replaces the user's logs in one transaction: it creates the user if missing
// and raises its version, deletes its logs, and calls fill, whose add appends logs in the same
// transaction (add is not safe for concurrent use). When fill or an add fails, or ctx ends, the
// transaction is rolled back and the user's logs are as they were; fill's error is returned as
// it is.
func (s *Store) ReplaceLoginLogs(ctx context.Context, clientID, userID string, fill func(add func([]store.LoginLog) error) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := upsertUser(ctx, tx, clientID, userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_logs WHERE client_id = ? AND user_id = ?`, clientID, userID); err != nil {
			return fmt.Errorf("delete login logs: %w", classify(err))
		}
		return fill(func(logs []store.LoginLog) error {
			ns, err := store.UnixNanos(logs)
			if err != nil {
				return err
			}
			return s.appendLogs(ctx, tx, clientID, userID, logs, ns)
		})
	})
}

// inTx runs fn in a transaction, committed when fn returns nil, rolled back otherwise. fn's error
// is wrapped in ctx's when ctx ended meanwhile: database/sql then closes the transaction's
// statements, so fn may see "statement is closed" instead of the cancellation.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", classify(err))
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			return fmt.Errorf("%w: %w", ctxErr, err)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", classify(err))
	}
	return nil
}

// upsertUserSQL creates user ?2 of client ?1 at version ?3 (Go's clock), or raises its version.
const upsertUserSQL = `INSERT INTO users (client_id, user_id, version) VALUES (?1, ?2, ?3)
ON CONFLICT (client_id, user_id) DO UPDATE SET version = max(users.version + 1, excluded.version)`

// upsertUser creates the user in tx or raises its version, by the version rule (package store)
// with Go's clock, in one statement, once per write however many logs it appends.
func upsertUser(ctx context.Context, tx *sql.Tx, clientID, userID string) error {
	if _, err := tx.ExecContext(ctx, upsertUserSQL, clientID, userID, time.Now().UnixNano()); err != nil {
		return fmt.Errorf("create user: %w", classify(err))
	}
	return nil
}

// appendLogs appends logs (whose times ns holds) to an existing user's, in tx, insertRows at a
// time in order (so that ties in CreatedAt keep it), the remainder with a statement of its size.
func (s *Store) appendLogs(ctx context.Context, tx *sql.Tx, clientID, userID string, logs []store.LoginLog, ns []int64) error {
	var full *sql.Stmt // s.insert on the transaction's connection, which keeps it prepared
	if len(logs) >= insertRows {
		full = tx.StmtContext(ctx, s.insert)
		defer full.Close()
	}
	args := make([]any, 2+8*min(len(logs), insertRows))
	args[0], args[1] = clientID, userID
	for lo := 0; lo < len(logs); lo += insertRows {
		hi := min(lo+insertRows, len(logs))
		stmt := full
		if hi-lo < insertRows {
			var err error
			if stmt, err = tx.PrepareContext(ctx, insertLogs(hi-lo)); err != nil {
				return fmt.Errorf("prepare insert of %d login logs: %w", hi-lo, classify(err))
			}
			defer stmt.Close()
		}
		a := args[:2+8*(hi-lo)]
		for i := lo; i < hi; i++ {
			l, v := &logs[i], a[2+8*(i-lo):]
			v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7] = l.IPAddress, l.Country, l.City, l.UserAgent, l.Name, l.OS, l.Device, ns[i]
		}
		if _, err := stmt.ExecContext(ctx, a...); err != nil {
			return fmt.Errorf("insert login logs %d..%d: %w", lo, hi-1, classify(err))
		}
	}
	return nil
}

// DeleteUser removes the user and all its logs in one transaction, or returns
// store.ErrUserNotFound, changing nothing. After the commit it checkpoints and truncates the
// write-ahead log, so that the deleted rows do not linger in the -wal either; a checkpoint that
// readers hold up is left to SQLite's automatic ones.
func (s *Store) DeleteUser(ctx context.Context, clientID, userID string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_logs WHERE client_id = ? AND user_id = ?`, clientID, userID); err != nil {
			return fmt.Errorf("delete login logs: %w", classify(err))
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM users WHERE client_id = ? AND user_id = ?`, clientID, userID)
		if err != nil {
			return fmt.Errorf("delete user: %w", classify(err))
		}
		switch n, err := res.RowsAffected(); {
		case err != nil:
			return fmt.Errorf("delete user: %w", classify(err))
		case n == 0:
			return store.ErrUserNotFound
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return nil
}

// HasUsers reports whether any client has any user (an empty store gets the demo seed).
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users)`).Scan(&n); err != nil {
		return false, fmt.Errorf("count users: %w", classify(err))
	}
	return n == 1, nil
}

// classify marks errors that mean "try again later" with store.ErrUnavailable: the file is
// locked, cannot be opened or read, or its disk is full.
func classify(err error) error {
	if se, ok := errors.AsType[*sqlite3.Error](err); ok {
		switch se.Code() & 0xff {
		case sqlite3lib.SQLITE_BUSY, sqlite3lib.SQLITE_LOCKED, sqlite3lib.SQLITE_CANTOPEN, sqlite3lib.SQLITE_IOERR, sqlite3lib.SQLITE_FULL:
			return fmt.Errorf("%w: %w", store.ErrUnavailable, err)
		}
	}
	// database/sql has no exported sentinel for a closed *sql.DB, so its message is the only sign.
	if errors.Is(err, sql.ErrConnDone) || err.Error() == "sql: database is closed" {
		return fmt.Errorf("%w: %w", store.ErrUnavailable, err)
	}
	return err
}
