// Package postgres is the login-log store for deployments that outgrow one machine: PostgreSQL
// (or a Postgres-compatible engine) through pgx's connection pool, migrated on Open, with
// stateless servers in front of it.
package postgres

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/puddle/v2"

	"github.com/ssojet-tools/loginlogs/internal/store"
)

// schema is applied on every Open under an advisory lock, so that servers starting together
// migrate once. created_at holds Unix nanoseconds: timestamptz keeps only microseconds. A log's
// user must exist: the triggers check that once per statement, where a foreign key checked every
// row (more than half of an import's time); an older schema's foreign key is dropped.
const schema = `
CREATE TABLE IF NOT EXISTS users (
	client_id TEXT NOT NULL,
	user_id   TEXT NOT NULL,
	version   BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (client_id, user_id)
);
ALTER TABLE users ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS login_logs (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	client_id  TEXT NOT NULL,
	user_id    TEXT NOT NULL,
	ip_address TEXT NOT NULL,
	country    TEXT NOT NULL,
	city       TEXT NOT NULL,
	user_agent TEXT NOT NULL,
	name       TEXT NOT NULL,
	os         TEXT NOT NULL,
	device     TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS login_logs_by_user ON login_logs (client_id, user_id, created_at);
DO $do$
DECLARE fk name;
BEGIN
	FOR fk IN SELECT conname FROM pg_constraint WHERE conrelid = 'login_logs'::regclass AND contype = 'f' LOOP
		EXECUTE format('ALTER TABLE login_logs DROP CONSTRAINT %I', fk);
	END LOOP;
END
$do$;
`

// nowNS is the time in Unix nanoseconds in SQL, for the triggers' version rule (package store),
// read to the microsecond, floored.
const nowNS = `floor(extract(epoch FROM clock_timestamp()) * 1000000)::bigint * 1000`

// triggers make every change to a user's rows made outside AddLoginLogs (SQL by hand, another
// tool) bump the user's version, so that no server serves a cached body of logs that changed: a
// DELETE or UPDATE of login_logs bumps, once per statement, the users of the old and new rows; a
// TRUNCATE bumps every user; an UPDATE of a users row that does not raise its version raises it.
// Inserts are left to AddLoginLogs, which bumps once per batch. The functions name tables through
// the schema of the table that fired them, so that SQL with another search_path works too.
//
// The others hold the rule a foreign key would, once per statement: an INSERT (COPY included) or
// UPDATE of login_logs naming a missing user fails with foreign_key_violation (23503), and locks
// the users it names FOR KEY SHARE, so that a concurrent delete of one waits and then deletes its
// logs too; a DELETE or TRUNCATE of users deletes their logs; renaming a user with logs fails.
const triggers = `
CREATE OR REPLACE FUNCTION login_logs_bump_versions() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	CASE TG_OP
	WHEN 'DELETE' THEN
		EXECUTE format('UPDATE %I.users u SET version = greatest(u.version + 1, ` + nowNS + `)
			FROM (SELECT DISTINCT client_id, user_id FROM old_rows) c
			WHERE u.client_id = c.client_id AND u.user_id = c.user_id', TG_TABLE_SCHEMA);
	WHEN 'UPDATE' THEN
		EXECUTE format('UPDATE %I.users u SET version = greatest(u.version + 1, ` + nowNS + `)
			FROM (SELECT client_id, user_id FROM old_rows UNION SELECT client_id, user_id FROM new_rows) c
			WHERE u.client_id = c.client_id AND u.user_id = c.user_id', TG_TABLE_SCHEMA);
	WHEN 'TRUNCATE' THEN
		EXECUTE format('UPDATE %I.users SET version = greatest(version + 1, ` + nowNS + `)', TG_TABLE_SCHEMA);
	END CASE;
	RETURN NULL;
END
$fn$;
CREATE OR REPLACE FUNCTION login_logs_check_users() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
	c text;
	u text;
	found_one int;
BEGIN
	FOR c, u IN SELECT DISTINCT client_id, user_id FROM new_rows LOOP
		EXECUTE format('SELECT 1 FROM %I.users WHERE client_id = $1 AND user_id = $2 FOR KEY SHARE', TG_TABLE_SCHEMA)
			INTO found_one USING c, u;
		IF found_one IS NULL THEN
			RAISE EXCEPTION 'login log of a missing user: client % has no user %', quote_literal(c), quote_literal(u)
				USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
		END IF;
	END LOOP;
	RETURN NULL;
END
$fn$;
CREATE OR REPLACE FUNCTION users_delete_takes_logs() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		EXECUTE format('TRUNCATE %I.login_logs', TG_TABLE_SCHEMA);
	ELSE
		EXECUTE format('DELETE FROM %I.login_logs l USING old_rows o
			WHERE l.client_id = o.client_id AND l.user_id = o.user_id', TG_TABLE_SCHEMA);
	END IF;
	RETURN NULL;
END
$fn$;
CREATE OR REPLACE FUNCTION users_rename_keeps_logs() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE found_one int;
BEGIN
	EXECUTE format('SELECT 1 FROM %I.login_logs WHERE client_id = $1 AND user_id = $2 LIMIT 1', TG_TABLE_SCHEMA)
		INTO found_one USING OLD.client_id, OLD.user_id;
	IF found_one IS NOT NULL THEN
		RAISE EXCEPTION 'user % of client % has login logs: renaming it would leave them without a user', quote_literal(OLD.user_id), quote_literal(OLD.client_id)
			USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
	END IF;
	RETURN NULL;
END
$fn$;
CREATE OR REPLACE FUNCTION users_version_rises() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	IF NEW.version <= OLD.version THEN
		NEW.version := greatest(OLD.version + 1, ` + nowNS + `);
	END IF;
	RETURN NEW;
END
$fn$;
`

// triggerDefs are the triggers Open creates when missing: the table each is on, its name, and
// what follows its name in CREATE TRIGGER.
var triggerDefs = []struct{ table, name, def string }{
	{"login_logs", "login_logs_delete_bumps_versions", `AFTER DELETE ON login_logs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION login_logs_bump_versions()`},
	{"login_logs", "login_logs_update_bumps_versions", `AFTER UPDATE ON login_logs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION login_logs_bump_versions()`},
	{"login_logs", "login_logs_truncate_bumps_versions", `AFTER TRUNCATE ON login_logs FOR EACH STATEMENT EXECUTE FUNCTION login_logs_bump_versions()`},
	{"login_logs", "login_logs_insert_checks_users", `AFTER INSERT ON login_logs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION login_logs_check_users()`},
	{"login_logs", "login_logs_update_checks_users", `AFTER UPDATE ON login_logs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION login_logs_check_users()`},
	{"users", "users_delete_takes_logs", `AFTER DELETE ON users REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION users_delete_takes_logs()`},
	{"users", "users_truncate_takes_logs", `AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION users_delete_takes_logs()`},
	{"users", "users_rename_keeps_logs", `AFTER UPDATE OF client_id, user_id ON users FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id OR OLD.user_id IS DISTINCT FROM NEW.user_id) EXECUTE FUNCTION users_rename_keeps_logs()`},
	{"users", "users_version_rises", `BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_version_rises()`},
}

// createTriggers is the SQL that creates the triggers of triggerDefs that are missing.
func createTriggers() string {
	var b strings.Builder
	b.WriteString("DO $do$\nBEGIN\n")
	for _, t := range triggerDefs {
		fmt.Fprintf(&b, "IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '%s'::regclass AND tgname = '%s') THEN\n\tCREATE TRIGGER %s %s;\nEND IF;\n",
			t.table, t.name, t.name, t.def)
	}
	b.WriteString("END\n$do$;\n")
	return b.String()
}

// migrationLock is the pg_advisory_xact_lock key of the migration ("loginlog" in ASCII).
const migrationLock = 0x6c6f67696e6c6f67

// Store is a login-log store in a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
}

// Open connects to the database at url (postgres://…) and migrates it.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse postgres url: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect postgres: %w", err)
	}
	s := &Store{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// schemaMark is the comment migrate leaves on login_logs: it names the SQL of the migration by
// its digest, so that a schema this build migrated is recognised, and one another build (or
// none) migrated is migrated again.
var schemaMark = fmt.Sprintf("loginlogs schema %x", sha256.Sum256([]byte(schema+triggers+createTriggers())))

// upToDate is true when login_logs bears schemaMark and the tables, its index and every trigger
// of triggerDefs exist (SQL by hand may have dropped one), in the schema the migration would
// create them in (current_schema: the first of the search_path that exists). It reads only the
// catalogs, so it takes no lock on the tables.
const upToDate = `SELECT coalesce(obj_description(to_regclass('login_logs'), 'pg_class') = $1, false)
	AND (SELECT count(*) FROM pg_class WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
		AND oid IN (to_regclass('users'), to_regclass('login_logs'), to_regclass('login_logs_by_user'))) = 3
	AND (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY ($2)
		AND tgrelid IN (to_regclass('users'), to_regclass('login_logs'))) = $3`

// migrate brings the schema up to date, unless it is: its DDL (ALTER TABLE, CREATE INDEX) asks
// for locks that conflict with every write, so running it on every Open would make a starting
// server or import wait for any long transaction (an import --replace), and every read of the
// tables queue behind it.
func (s *Store) migrate(ctx context.Context) error {
	names := make([]string, len(triggerDefs))
	for i, t := range triggerDefs {
		names[i] = t.name
	}
	current := func(q interface {
		QueryRow(context.Context, string, ...any) pgx.Row
	}) (bool, error) {
		var ok bool
		if err := q.QueryRow(ctx, upToDate, schemaMark, names, len(names)).Scan(&ok); err != nil {
			return false, fmt.Errorf("read the schema: %w", classify(err))
		}
		return ok, nil
	}
	if ok, err := current(s.pool); ok || err != nil {
		return err
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
			return fmt.Errorf("lock migration: %w", classify(err))
		}
		if ok, err := current(tx); ok || err != nil { // another Open migrated meanwhile
			return err
		}
		if _, err := tx.Exec(ctx, schema); err != nil {
			if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok && pgErr.Code == "3F000" { // invalid_schema_name
				path := "?"
				s.pool.QueryRow(ctx, `SELECT current_setting('search_path')`).Scan(&path)
				return fmt.Errorf("migrate postgres: no schema of the search_path (%s) exists to create the tables in: create it (CREATE SCHEMA), or set search_path in the database URL to a schema that exists: %w", path, err)
			}
			return fmt.Errorf("migrate postgres: %w", classify(err))
		}
		if _, err := tx.Exec(ctx, triggers+createTriggers()); err != nil {
			if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok && pgErr.Code == "42703" { // undefined_column
				return fmt.Errorf("migrate postgres: the tables of the search_path's schema are not the login-log store's, nothing changed (%w): set search_path in the database URL to another schema", err)
			}
			return fmt.Errorf("migrate postgres triggers: %w", classify(err))
		}
		if _, err := tx.Exec(ctx, `COMMENT ON TABLE login_logs IS '`+schemaMark+`'`); err != nil {
			return fmt.Errorf("mark the schema: %w", classify(err))
		}
		return nil
	})
}

// Close closes the pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Ping checks that the database answers; it returns an error wrapping store.ErrUnavailable.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("ping postgres: %w: %w", store.ErrUnavailable, err)
	}
	return nil
}

// ScanLoginLogs hands the user's logs to fn oldest first, without collecting them, and returns
// the version they were read at. It returns store.ErrUserNotFound for a user the client does not
// have, and fn's error if fn fails.
func (s *Store) ScanLoginLogs(ctx context.Context, clientID, userID string, fn store.ScanFunc) (int64, error) {
	rows, err := s.pool.Query(ctx, store.ListSQL, clientID, userID)
	if err == nil {
		defer rows.Close()
	}
	return store.ScanRows(rows, err, fn, lookupError)
}

// UserVersion returns the version of the user's logs, which rises whenever they change (through
// AddLoginLogs, or any SQL through the triggers), or store.ErrUserNotFound.
func (s *Store) UserVersion(ctx context.Context, clientID, userID string) (int64, error) {
	var v int64
	err := s.pool.QueryRow(ctx, `SELECT version FROM users WHERE client_id = $1 AND user_id = $2`, clientID, userID).Scan(&v)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return 0, store.ErrUserNotFound
	case err != nil:
		return 0, fmt.Errorf("user version: %w", lookupError(err))
	}
	return v, nil
}

// AddLoginLogs creates the user if missing, raises its version and appends logs, all in one
// transaction: on error nothing is written. Raising the version first locks the user's row, so
// a concurrent DeleteUser waits for the transaction (and deletes its logs too) or goes first
// (and the user is created anew).
func (s *Store) AddLoginLogs(ctx context.Context, clientID, userID string, logs []store.LoginLog) error {
	_, err := s.AddLoginLogsIf(ctx, clientID, userID, store.AnyVersion, logs)
	return err
}

// AddLoginLogsIf appends logs as AddLoginLogs does if the user's version is still version (0:
// the user is missing, or has a row from before versions were kept; store.AnyVersion: whatever
// it is), and returns the version the write gave it; otherwise it writes nothing and returns
// store.ErrChanged. The check raises the version and so locks the user's row first: a
// concurrent write of the user waits, and one that went first is seen (READ COMMITTED re-checks
// the row it waited for).
func (s *Store) AddLoginLogsIf(ctx context.Context, clientID, userID string, version int64, logs []store.LoginLog) (int64, error) {
	ns, err := store.UnixNanos(logs) // before the transaction: a bad time costs no round trip
	if err != nil {
		return 0, err
	}
	q, args := upsertUserSQL+` RETURNING version`, []any{clientID, userID, time.Now().UnixNano()}
	switch {
	case version > 0:
		q = `UPDATE users SET version = greatest(version + 1, $3) WHERE client_id = $1 AND user_id = $2 AND version = $4 RETURNING version`
	case version == 0:
		q = upsertUserSQL + ` WHERE users.version = $4 RETURNING version`
	}
	if version >= 0 {
		args = append(args, version)
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		switch err := tx.QueryRow(ctx, q, args...).Scan(&version); {
		case errors.Is(err, pgx.ErrNoRows):
			return store.ErrChanged
		case err != nil:
			return fmt.Errorf("create user: %w", classify(err))
		}
		return appendLogs(ctx, tx, clientID, userID, logs, ns)
	})
	if err != nil {
		return 0, err
	}
	return version, nil
}

// ReplaceLoginLogs replaces the user's logs in one transaction: it creates the user if missing
// and raises its version, which locks its row (a concurrent replace or delete of the user
// waits), deletes its logs, and calls fill, whose add appends logs in the same transaction (add
// is not safe for concurrent use). When fill or an add fails, or ctx ends, the transaction is
// rolled back and the user's logs are as they were; fill's error is returned as it is.
func (s *Store) ReplaceLoginLogs(ctx context.Context, clientID, userID string, fill func(add func([]store.LoginLog) error) error) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := upsertUser(ctx, tx, clientID, userID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM login_logs WHERE client_id = $1 AND user_id = $2`, clientID, userID); err != nil {
			return fmt.Errorf("delete login logs: %w", classify(err))
		}
		return fill(func(logs []store.LoginLog) error {
			ns, err := store.UnixNanos(logs)
			if err != nil {
				return err
			}
			return appendLogs(ctx, tx, clientID, userID, logs, ns)
		})
	})
}

// inTx runs fn in a transaction, committed when fn returns nil, rolled back otherwise (by
// pgx.BeginFunc). fn's error is returned as it is; a failure to begin or to commit is classified,
// so a server that went away is store.ErrUnavailable there too.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	var fnErr error
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		fnErr = fn(tx)
		return fnErr
	})
	if err != nil && fnErr == nil {
		return fmt.Errorf("transaction: %w", classify(err))
	}
	return err
}

// upsertUserSQL creates user $2 of client $1 at version $3 (Go's clock), or raises its version.
const upsertUserSQL = `INSERT INTO users (client_id, user_id, version) VALUES ($1, $2, $3)
ON CONFLICT (client_id, user_id) DO UPDATE SET version = greatest(users.version + 1, excluded.version)`

// upsertUser creates the user in tx or raises its version, by the version rule (package store)
// with Go's clock, in one statement, once per write however many logs it appends; the user's
// row stays locked until tx ends.
func upsertUser(ctx context.Context, tx pgx.Tx, clientID, userID string) error {
	if _, err := tx.Exec(ctx, upsertUserSQL, clientID, userID, time.Now().UnixNano()); err != nil {
		return fmt.Errorf("create user: %w", classify(err))
	}
	return nil
}

// logColumns are the columns appendLogs copies, in the order of its rows.
var logColumns = []string{"client_id", "user_id", "ip_address", "country", "city", "user_agent", "name", "os", "device", "created_at"}

// appendLogs appends logs (whose times ns holds) to an existing user's with COPY, in tx; the
// identity column keeps their order for ties. CopyFrom encodes each row before it asks for the
// next, so one row slice serves them all.
func appendLogs(ctx context.Context, tx pgx.Tx, clientID, userID string, logs []store.LoginLog, ns []int64) error {
	if len(logs) == 0 {
		return nil
	}
	row := make([]any, len(logColumns))
	row[0], row[1] = clientID, userID
	src := pgx.CopyFromSlice(len(logs), func(i int) ([]any, error) {
		l := &logs[i]
		row[2], row[3], row[4], row[5] = l.IPAddress, l.Country, l.City, l.UserAgent
		row[6], row[7], row[8], row[9] = l.Name, l.OS, l.Device, ns[i]
		return row, nil
	})
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"login_logs"}, logColumns, src); err != nil {
		return fmt.Errorf("insert login logs: %w", classify(err))
	}
	return nil
}

// DeleteUser removes the user, and with it (users_delete_takes_logs) all its logs, in one
// statement, or returns store.ErrUserNotFound, changing nothing. Deleting the user's row locks
// it, so that a concurrent import batch of the user ends first (its logs deleted too) or waits
// and creates the user anew.
func (s *Store) DeleteUser(ctx context.Context, clientID, userID string) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM users WHERE client_id = $1 AND user_id = $2`, clientID, userID)
	switch {
	case err != nil:
		return fmt.Errorf("delete user: %w", lookupError(err))
	case tag.RowsAffected() == 0:
		return store.ErrUserNotFound
	}
	return nil
}

// HasUsers reports whether any client has any user (an empty store gets the demo seed).
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var ok bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users)`).Scan(&ok); err != nil {
		return false, fmt.Errorf("count users: %w", classify(err))
	}
	return ok, nil
}

// lookupError classifies the error of a read keyed by a client and a user id. An id PostgreSQL
// cannot hold as text (a NUL byte, bytes that are not UTF-8: SQLSTATE 22021,
// character_not_in_repertoire) names no user the store can have, so the read answers
// store.ErrUserNotFound; the contract allows any string as an id. Other errors go to classify.
func lookupError(err error) error {
	if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok && pgErr.Code == "22021" {
		return store.ErrUserNotFound
	}
	return classify(err)
}

// classify marks errors that mean "try again later" with store.ErrUnavailable: the server could
// not connect, the connection broke (also when pgx had already closed it: pgconn.ErrConnClosed),
// the server lacks resources (too many connections, disk full), or the pool is closed.
func classify(err error) error {
	var connErr *pgconn.ConnectError
	var netErr net.Error
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr):
		// Class 08 is connection exceptions, 53 insufficient resources (too many connections,
		// disk full, out of memory), 57P01..57P03 shutdown / cannot connect now.
		if class := pgErr.Code[:2]; class == "08" || class == "53" || pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03" {
			return fmt.Errorf("%w: %w", store.ErrUnavailable, err)
		}
		return err
	case errors.As(err, &connErr), errors.As(err, &netErr), pgconn.Timeout(err),
		errors.Is(err, puddle.ErrClosedPool), errors.Is(err, pgconn.ErrConnClosed),
		// The connection dropped in the middle of a message (server gone, network cut).
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("%w: %w", store.ErrUnavailable, err)
	}
	return err
}
