package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (storetest.Store, storetest.ExecFunc) {
		path := filepath.Join(t.TempDir(), "loginlogs.db")
		s, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatalf("sqlite.Open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s, execOn(t, path)
	})
}

// execOn returns a storetest.ExecFunc running SQL on the file at path through a database handle
// of its own, with SQLite's defaults (foreign keys not enforced), as the sqlite3 shell would.
func execOn(t *testing.T, path string) storetest.ExecFunc {
	return func(ctx context.Context, query string) error {
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
		if err != nil {
			return err
		}
		defer db.Close()
		_, err = db.ExecContext(ctx, query)
		return err
	}
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

// TestOpenAddsTriggersToOlderFiles opens a file made by the schema before the version triggers
// (users.version, no triggers), and expects a delete with SQL to change the version afterwards,
// the data kept, and a second Open to find nothing more to do.
func TestOpenAddsTriggersToOlderFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`
CREATE TABLE users (client_id TEXT NOT NULL, user_id TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (client_id, user_id));
CREATE TABLE login_logs (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL, user_id TEXT NOT NULL,
	ip_address TEXT NOT NULL, country TEXT NOT NULL, city TEXT NOT NULL, user_agent TEXT NOT NULL, name TEXT NOT NULL,
	os TEXT NOT NULL, device TEXT NOT NULL, created_at INTEGER NOT NULL,
	FOREIGN KEY (client_id, user_id) REFERENCES users (client_id, user_id));
CREATE INDEX login_logs_by_user ON login_logs (client_id, user_id, created_at);
INSERT INTO users VALUES ('c1', 'u1', 5);
INSERT INTO login_logs (client_id, user_id, ip_address, country, city, user_agent, name, os, device, created_at)
VALUES ('c1', 'u1', '1.1.1.1', 'India', 'Jaipur', '', 'n', '', '', 0), ('c1', 'u1', '2.2.2.2', 'India', 'Jaipur', '', 'n', '', '', 1);`)
	db.Close()
	if err != nil {
		t.Fatalf("create the schema without triggers: %v", err)
	}
	for i := range 2 {
		s, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatalf("sqlite.Open #%d of a file without triggers: %v", i+1, err)
		}
		s.Close()
	}
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("sqlite.Open of the migrated file: %v", err)
	}
	defer s.Close()
	if v, err := s.UserVersion(t.Context(), "c1", "u1"); err != nil || v != 5 {
		t.Fatalf("UserVersion(c1, u1) after migration = %d, %v; want 5, nil", v, err)
	}
	const del = `DELETE FROM login_logs WHERE ip_address = '2.2.2.2'`
	if err := execOn(t, path)(t.Context(), del); err != nil {
		t.Fatalf("SQL %q: %v", del, err)
	}
	if v, err := s.UserVersion(t.Context(), "c1", "u1"); err != nil || v <= 5 {
		t.Errorf("UserVersion(c1, u1) after SQL %q = %d, %v; want above 5", del, v, err)
	}
	if logs, err := store.List(t.Context(), s, "c1", "u1"); err != nil || len(logs) != 1 {
		t.Errorf("store.List(c1, u1) after SQL %q = %d logs, %v; want 1", del, len(logs), err)
	}
}

// TestFilesArePrivate opens a new file, writes to it, and expects the file and its -wal and -shm
// companions readable and writable by their owner only.
func TestFilesArePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loginlogs.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("sqlite.Open(%s): %v", path, err)
	}
	defer s.Close()
	if err := s.AddLoginLogs(t.Context(), "c1", "u1", []store.LoginLog{{IPAddress: "1.1.1.1", CreatedAt: time.Unix(0, 0)}}); err != nil {
		t.Fatalf("AddLoginLogs: %v", err)
	}
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Errorf("stat %s after a write: %v", name, err)
			continue
		}
		if mode := fi.Mode().Perm(); mode != 0o600 {
			t.Errorf("stat %s after a write: mode %v, want -rw-------", name, mode)
		}
	}
}

// TestOpenKeepsAnExistingFilesMode opens files that exist with looser and tighter modes than
// 0600 and expects their modes unchanged.
func TestOpenKeepsAnExistingFilesMode(t *testing.T) {
	for _, mode := range []os.FileMode{0o644, 0o640, 0o600} {
		t.Run(mode.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "loginlogs.db")
			if err := os.WriteFile(path, nil, mode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, mode); err != nil { // past the umask
				t.Fatal(err)
			}
			s, err := sqlite.Open(t.Context(), path)
			if err != nil {
				t.Fatalf("sqlite.Open(%s): %v", path, err)
			}
			defer s.Close()
			if err := s.AddLoginLogs(t.Context(), "c1", "u1", nil); err != nil {
				t.Fatalf("AddLoginLogs: %v", err)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != mode {
				t.Errorf("stat %s after Open and a write: %v, %v; want mode %v", path, fi.Mode().Perm(), err, mode)
			}
		})
	}
}

// TestDeleteUserLeavesNoTrace deletes a user and expects neither its id nor its logs' values
// anywhere in the file or its -wal while the store is still open (as a server sharing the file
// keeps it): secure_delete zeroes the freed space and DeleteUser checkpoints the -wal.
func TestDeleteUserLeavesNoTrace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loginlogs.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("sqlite.Open(%s): %v", path, err)
	}
	defer s.Close()
	const (
		userID = "erase-me-6694c154565dfee5"
		secret = "Secret-Agent-Mozilla/5.0-erasure-probe"
	)
	logs := make([]store.LoginLog, 500) // several pages of them
	for i := range logs {
		logs[i] = store.LoginLog{IPAddress: "203.0.113.77", City: "Jaipur", UserAgent: secret, CreatedAt: time.Unix(int64(i), 0)}
	}
	keep := []store.LoginLog{{IPAddress: "198.51.100.1", UserAgent: "kept-agent", CreatedAt: time.Unix(0, 0)}}
	for _, add := range []struct {
		user string
		logs []store.LoginLog
	}{{"kept-user", keep}, {userID, logs}, {"kept-user", keep}} {
		if err := s.AddLoginLogs(t.Context(), "c1", add.user, add.logs); err != nil {
			t.Fatalf("AddLoginLogs(c1, %s): %v", add.user, err)
		}
	}
	if err := s.DeleteUser(t.Context(), "c1", userID); err != nil {
		t.Fatalf("DeleteUser(c1, %s): %v", userID, err)
	}
	var all []byte
	for _, name := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(name)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		all = append(all, b...)
		for _, trace := range []string{userID, secret, "203.0.113.77"} {
			if bytes.Contains(b, []byte(trace)) {
				t.Errorf("%s holds %q after DeleteUser", name, trace)
			}
		}
	}
	if !bytes.Contains(all, []byte("kept-agent")) {
		t.Errorf("the files lost the other user's log (kept-agent) too; the check proves nothing")
	}
}

// TestTriggersRunInTheSQLiteShell deletes and updates logs with the sqlite3 shell installed on
// the machine (often older than the SQLite built in; skipped without one) and expects each
// statement to succeed and change the user's version.
func TestTriggersRunInTheSQLiteShell(t *testing.T) {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("no sqlite3 shell on PATH")
	}
	path := filepath.Join(t.TempDir(), "loginlogs.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("sqlite.Open(%s): %v", path, err)
	}
	defer s.Close()
	logs := []store.LoginLog{{IPAddress: "1.1.1.1", CreatedAt: time.Unix(0, 0)}, {IPAddress: "2.2.2.2", CreatedAt: time.Unix(1, 0)}}
	if err := s.AddLoginLogs(t.Context(), "c1", "u1", logs); err != nil {
		t.Fatalf("AddLoginLogs: %v", err)
	}
	version, _ := s.UserVersion(t.Context(), "c1", "u1")
	for _, sql := range []string{
		`UPDATE login_logs SET city = 'Erased' WHERE ip_address = '1.1.1.1'`,
		`DELETE FROM login_logs WHERE ip_address = '2.2.2.2'`,
		`UPDATE users SET version = 0`,
	} {
		out, err := exec.CommandContext(t.Context(), shell, "-bail", path, ".timeout 5000", sql).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s %q: %v\n%s", shell, path, sql, err, out)
		}
		v, err := s.UserVersion(t.Context(), "c1", "u1")
		if err != nil || v <= version {
			t.Errorf("after %q in the sqlite3 shell, UserVersion(c1, u1) = %d, %v; want above %d", sql, v, err, version)
		}
		version = v
	}
}

// TestOpenSaysWhyItCannotWrite: a database this process cannot write (on a read-only file
// system, a read-only file, in a read-only directory that must hold its -wal and -shm files, a
// read-only -shm left by another user) or a path that is a directory or a named pipe is refused
// by Open with one line that names the path, says what cannot be written and why, and what to
// do, instead of "unable to open database file" or "disk I/O error" or a store that fails at its
// first write; the files are left as they were. As root, read-only means a read-only mount or
// the immutable attribute, which root's privileges do not pass over.
func TestOpenSaysWhyItCannotWrite(t *testing.T) {
	// newDB writes a database holding one log at path and closes it (no -wal or -shm left).
	newDB := func(t *testing.T, path string) {
		s, err := sqlite.Open(t.Context(), path)
		if err == nil {
			err = s.AddLoginLogs(t.Context(), "c", "u", []store.LoginLog{{IPAddress: "1.1.1.1", CreatedAt: time.Unix(0, 0)}})
			s.Close()
		}
		if err != nil {
			t.Fatalf("write a database at %s: %v", path, err)
		}
	}
	const advice = "the SQLite store writes to the database and to its -wal and -shm files beside it (WAL mode), serving included: make them writable for this user, or copy the database to a directory it can write to"
	for _, c := range []struct {
		name string
		path func(t *testing.T) string
		want string // after "sqlite PATH: "
	}{
		{"read-only file system", func(t *testing.T) string {
			return filepath.Join(storetest.ReadOnlyFS(t, func(dir string) { newDB(t, filepath.Join(dir, "loginlogs.db")) }), "loginlogs.db")
		}, "cannot write the file (read-only file system); " + advice},
		{"new file on a read-only file system", func(t *testing.T) string {
			return filepath.Join(storetest.ReadOnlyFS(t, func(string) {}), "loginlogs.db")
		}, "cannot create files in DIR (read-only file system); " + advice},
		{"read-only file", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "loginlogs.db")
			newDB(t, path)
			storetest.ReadOnly(t, path)
			return path
		}, "cannot write the file ("},
		{"read-only directory", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "loginlogs.db")
			newDB(t, path)
			storetest.ReadOnly(t, filepath.Dir(path))
			return path
		}, "cannot create files in DIR ("},
		{"read-only -shm", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "loginlogs.db")
			newDB(t, path)
			for _, name := range []string{path + "-wal", path + "-shm"} {
				if err := os.WriteFile(name, nil, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			storetest.ReadOnly(t, path+"-shm")
			return path
		}, "cannot write its -shm file ("},
		{"a directory", func(t *testing.T) string { return t.TempDir() }, "a directory, not a SQLite file (name a file in it, e.g. PATH/loginlogs.db)"},
		{"a named pipe", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "loginlogs.db")
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}, "not a regular file (p---------), not a SQLite file"},
		{"no directory", func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope", "loginlogs.db") }, "no directory DIR"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := c.path(t)
			before := snapshot(t, path)
			s, err := sqlite.Open(t.Context(), path)
			if err == nil {
				s.Close()
				t.Fatalf("sqlite.Open(%s): nil error, want one saying why it cannot write", path)
			}
			want := "sqlite " + path + ": " + strings.NewReplacer("DIR", filepath.Dir(path), "PATH", path).Replace(c.want)
			if msg := err.Error(); !strings.HasPrefix(msg, want) || strings.Contains(msg, "\n") ||
				(strings.HasSuffix(c.want, "(") && !strings.HasSuffix(msg, advice)) {
				t.Errorf("sqlite.Open(%s) = %q; want one line starting %q", path, msg, want)
			}
			if after := snapshot(t, path); after != before {
				t.Errorf("sqlite.Open(%s) that failed changed the files: %s, was %s", path, after, before)
			}
		})
	}
}

// snapshot names the files of path's directory with their sizes.
func snapshot(t *testing.T, path string) string {
	entries, _ := os.ReadDir(filepath.Dir(path))
	var b strings.Builder
	for _, e := range entries {
		fi, err := e.Info()
		if err == nil {
			fmt.Fprintf(&b, "%s:%d ", e.Name(), fi.Size())
		}
	}
	return b.String()
}

// TestOpenLeavesAForeignDatabaseAlone: a SQLite file of another application, whose users table
// is its own, is refused by Open with one line saying so, and left exactly as it was (its schema
// and rows): no version column, update trigger or login_logs table is added to it.
func TestOpenLeavesAForeignDatabaseAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.db")
	exec := execOn(t, path)
	if err := exec(t.Context(), `CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO users (email) VALUES ('a@example.com')`); err != nil {
		t.Fatal(err)
	}
	dump := func() string {
		db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var schema, rows string
		if err := db.QueryRow(`SELECT group_concat(sql, ';') FROM sqlite_master`).Scan(&schema); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(`SELECT group_concat(id || ':' || email) FROM users`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		return schema + " / " + rows
	}
	before := dump()
	s, err := sqlite.Open(t.Context(), path)
	if err == nil {
		s.Close()
		t.Fatalf("sqlite.Open of another application's database: nil error")
	}
	want := "migrate sqlite " + path + ": its tables are not the login-log store's, nothing changed ("
	if msg := err.Error(); !strings.HasPrefix(msg, want) || !strings.HasSuffix(msg, "): name another file") || strings.Contains(msg, "\n") {
		t.Errorf("sqlite.Open of another application's database = %q; want one line starting %q", msg, want)
	}
	if after := dump(); after != before {
		t.Errorf("sqlite.Open that failed changed the database:\n%s\nwas\n%s", after, before)
	}
}

// TestOpenFollowsASymbolicLink: a symbolic link in a read-only directory to a database in a
// writable one opens and takes writes, as SQLite keeps the -wal and -shm files beside the file
// the link names.
func TestOpenFollowsASymbolicLink(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loginlogs.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	links := t.TempDir()
	link := filepath.Join(links, "link.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	storetest.ReadOnly(t, links)
	if s, err = sqlite.Open(t.Context(), link); err != nil {
		t.Fatalf("sqlite.Open(%s), a link in a read-only directory to %s: %v", link, path, err)
	}
	defer s.Close()
	if err := s.AddLoginLogs(t.Context(), "c", "u", []store.LoginLog{{IPAddress: "1.1.1.1", CreatedAt: time.Unix(0, 0)}}); err != nil {
		t.Errorf("AddLoginLogs through the link: %v", err)
	}
}

// TestFullDiskIsUnavailable: a write that finds the file system full fails with an error
// wrapping store.ErrUnavailable (the server answers 503, import exits 2 as for any store that
// cannot take writes now), and writes nothing of its batch.
func TestFullDiskIsUnavailable(t *testing.T) {
	path := filepath.Join(storetest.TmpFS(t, "300k"), "loginlogs.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	logs := make([]store.LoginLog, 500)
	for i := range logs {
		logs[i] = store.LoginLog{IPAddress: "10.0.0.1", UserAgent: strings.Repeat("x", 200), CreatedAt: time.Unix(int64(i), 0)}
	}
	for batch := 0; ; batch++ {
		err := s.AddLoginLogs(t.Context(), "c", "u", logs)
		if err == nil {
			if batch == 20 {
				t.Fatal("20 batches of 500 logs fit on a 300 KiB file system")
			}
			continue
		}
		if !errors.Is(err, store.ErrUnavailable) {
			t.Errorf("AddLoginLogs on a full file system = %v; want an error wrapping store.ErrUnavailable", err)
		}
		if got, err := store.List(t.Context(), s, "c", "u"); err != nil || len(got) != batch*len(logs) {
			t.Errorf("after the batch that found the disk full: %d logs, %v; want the %d of the batches before", len(got), err, batch*len(logs))
		}
		return
	}
}

// TestOpenWaitsForTheWriterOfANewFile: Open on a file that another connection is writing in
// SQLite's rollback journal (as one starting on a new file does before it turns it to WAL)
// waits for it, as the busy timeout promises, and opens the store once it commits. SQLite
// refuses the switch to WAL there at once (SQLITE_BUSY without the busy handler, which would
// deadlock), as two imports starting on a new file meet it (TestConcurrentImportsOfOneUser).
func TestOpenWaitsForTheWriterOfANewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(t.Context())
	if err == nil {
		_, err = conn.ExecContext(t.Context(), "BEGIN IMMEDIATE; CREATE TABLE other (a)")
	}
	if err != nil {
		t.Fatalf("write %s in its rollback journal: %v", path, err)
	}
	committed := make(chan error, 1)
	go func() {
		time.Sleep(200 * time.Millisecond) // Open comes first, or waits as well
		_, err := conn.ExecContext(context.Background(), "COMMIT")
		committed <- err
	}()
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open while another connection writes the new file: %v; want it to wait for the commit", err)
	}
	s.Close()
	if err := <-committed; err != nil {
		t.Fatalf("commit of the other connection: %v", err)
	}
	conn.Close()
}
