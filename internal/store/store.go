// Package store holds what every login-log store shares: the LoginLog record, the sentinel
// errors, and helpers to parse a database URL. The SQLite store (store/sqlite, the embedded
// default) and the PostgreSQL store (store/postgres) implement the same behaviour, which
// store/storetest checks with one conformance suite.
//
// The version rule: a user's version, its logs' entity tag, becomes max(previous + 1, now in
// Unix nanoseconds) with every write, so it rises even if the clock went back, and stays unique
// when a store is recreated, where a counter would restart. The stores' writes apply it with Go's
// clock; their triggers (logs deleted or updated by any SQL) with the database's.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// LoginLog is one sign-in of a user, as stored. CreatedAt is kept to the nanosecond in UTC so
// that the RFC 3339 string the server emits equals the one that was imported.
type LoginLog struct {
	IPAddress string
	Country   string
	City      string
	UserAgent string
	Name      string
	OS        string
	Device    string
	CreatedAt time.Time
}

// ScanFunc receives the logs of a scan one at a time, oldest first, with the version of the
// user's logs the scan reads (the same for every call of one scan), so that a caller can send
// the entity tag before the body. The LoginLog is reused for the next one: copy what must
// outlive the call.
type ScanFunc func(version int64, l *LoginLog) error

// Scanner is a store that can scan a user's logs: both stores are.
type Scanner interface {
	ScanLoginLogs(ctx context.Context, clientID, userID string, fn ScanFunc) (int64, error)
}

// List returns a user's logs oldest first, collected into a slice (empty, not nil, for a user
// without logs), with ScanLoginLogs's errors: for checks of what a store holds.
func List(ctx context.Context, s Scanner, clientID, userID string) ([]LoginLog, error) {
	logs := []LoginLog{}
	_, err := s.ScanLoginLogs(ctx, clientID, userID, func(_ int64, l *LoginLog) error {
		logs = append(logs, *l)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return logs, nil
}

// Rows is what ScanRows reads: *sql.Rows and pgx.Rows both are.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// ListSQL is both stores' list statement ($1 and $2 the client and user id): no row for no such
// user, one row of NULLs for a user without logs, else the user's version, read in the same
// snapshot, and its logs, oldest first.
const ListSQL = `
SELECT u.version, l.ip_address, l.country, l.city, l.user_agent, l.name, l.os, l.device, l.created_at
FROM users u LEFT JOIN login_logs l ON l.client_id = u.client_id AND l.user_id = u.user_id
WHERE u.client_id = $1 AND u.user_id = $2
ORDER BY l.created_at, l.id`

// ScanRows reads the result of ListSQL (queryErr, the query's error), hands each log to fn and
// returns the version. It returns ErrUserNotFound when there is no row and fn's error as it is;
// any other error is wrapped after classify marked it (as ErrUnavailable).
func ScanRows(rows Rows, queryErr error, fn ScanFunc, classify func(error) error) (int64, error) {
	if queryErr != nil {
		return 0, fmt.Errorf("list login logs: %w", classify(queryErr))
	}
	var (
		version                                 int64
		found                                   bool
		l                                       LoginLog
		ip, country, city, ua, name, os, device sql.NullString
		created                                 sql.NullInt64
	)
	for rows.Next() {
		found = true
		if err := rows.Scan(&version, &ip, &country, &city, &ua, &name, &os, &device, &created); err != nil {
			return 0, fmt.Errorf("list login logs: %w", classify(err))
		}
		if !created.Valid {
			continue // the user has no logs
		}
		l = LoginLog{
			IPAddress: ip.String, Country: country.String, City: city.String, UserAgent: ua.String,
			Name: name.String, OS: os.String, Device: device.String, CreatedAt: time.Unix(0, created.Int64).UTC(),
		}
		if err := fn(version, &l); err != nil {
			return 0, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("list login logs: %w", classify(err))
	}
	if !found {
		return 0, ErrUserNotFound
	}
	return version, nil
}

// ErrUserNotFound is returned when a client has no user with the given id.
var ErrUserNotFound = errors.New("user not found")

// ErrChanged is returned by a write conditional on a user's version (AddLoginLogsIf) when the
// user's logs are no longer at that version: another writer changed or deleted them.
var ErrChanged = errors.New("the user's login logs changed")

// AnyVersion is the version AddLoginLogsIf takes to append whatever the user's version is, as
// AddLoginLogs does.
const AnyVersion = -1

// ErrUnavailable wraps errors that mean the store cannot be reached right now (connection
// refused, pool closed, database busy): the server answers 503 with Retry-After to them.
var ErrUnavailable = errors.New("store unavailable")

// ErrTimeOutOfRange is returned for a CreatedAt that cannot be stored to the nanosecond (before
// 1678 or after 2262: the stores keep Unix nanoseconds in a 64-bit integer).
var ErrTimeOutOfRange = errors.New("created_at out of the storable range 1678..2262")

// UnixNano returns t as Unix nanoseconds, or ErrTimeOutOfRange.
func UnixNano(t time.Time) (int64, error) {
	if t.Year() < 1678 || t.Year() > 2261 {
		return 0, fmt.Errorf("%s: %w", t.Format(time.RFC3339Nano), ErrTimeOutOfRange)
	}
	return t.UnixNano(), nil
}

// UnixNanos returns the logs' CreatedAt as Unix nanoseconds, or the error of the first that a
// store cannot hold (ErrTimeOutOfRange), naming its index.
func UnixNanos(logs []LoginLog) ([]int64, error) {
	ns := make([]int64, len(logs))
	for i, l := range logs {
		var err error
		if ns[i], err = UnixNano(l.CreatedAt); err != nil {
			return nil, fmt.Errorf("login log %d: %w", i, err)
		}
	}
	return ns, nil
}

// Kind is the kind of store a database URL names.
type Kind int

// The kinds of store.
const (
	SQLite Kind = iota + 1
	Postgres
)

// ParseURL tells which store a database URL names and returns what that store opens: the path
// of a SQLite file for `sqlite:PATH`, `sqlite://PATH` or a plain path, and the URL itself for
// `postgres://…` or `postgresql://…`.
func ParseURL(url string) (Kind, string, error) {
	path := url
	switch {
	case url == "":
		return 0, "", errors.New("empty database URL")
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		// pgx ends the user info at its first '@' and takes the rest for the host, which its
		// errors quote: the part of a password after a raw '@' would be shown.
		_, rest, _ := strings.Cut(url, "://")
		if end := strings.IndexAny(rest, "/?#"); end >= 0 {
			rest = rest[:end]
		}
		if strings.Count(rest, "@") > 1 {
			return 0, "", errors.New("postgres URL whose user name or password holds a raw '@': percent-encode it as %40")
		}
		return Postgres, url, nil
	case strings.HasPrefix(url, "sqlite:"): // sqlite:PATH or sqlite://PATH
		path = strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "//")
	case strings.Contains(url, "://"):
		// Only the scheme is quoted: the rest may hold a password.
		scheme, _, _ := strings.Cut(url, "://")
		return 0, "", fmt.Errorf("database URL with scheme %q: unknown scheme (want sqlite:PATH, a path or postgres://…)", scheme)
	}
	if path == "" {
		return 0, "", errors.New("sqlite database URL without a path")
	}
	return SQLite, path, nil
}
