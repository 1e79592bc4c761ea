package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

// TestDeleteVerb runs delete against SQLite files: the user goes, its neighbours stay, and
// every mistake gets its exit code and a message naming it.
func TestDeleteVerb(t *testing.T) {
	cases := []struct {
		name    string
		environ map[string]string // DB is replaced by the test's database URL
		args    []string          // the same
		code    int
		out     string
		gone    bool // cli_a/u1 no longer exists afterwards
	}{
		{"deletes the user", nil, []string{"--database-url", "DB", "--client-id", "cli_a", "--user-id", "u1"}, exitOK, "deleted user u1 of client cli_a", true},
		{"database and client from the environment", map[string]string{"LOGINLOGS_DATABASE_URL": "sqlite:DB", "SSOJET_CLIENT_ID": "cli_a"}, []string{"--user-id", "u1"}, exitOK, "deleted user u1", true},
		{"unknown user", nil, []string{"--database-url", "DB", "--client-id", "cli_a", "--user-id", "nobody"}, exitFailed, "client cli_a has no user nobody", false},
		{"another client's user", nil, []string{"--database-url", "DB", "--client-id", "cli_b", "--user-id", "u2"}, exitFailed, "client cli_b has no user u2", false},
		{"no user id", nil, []string{"--database-url", "DB", "--client-id", "cli_a"}, exitUsage, "--user-id is required", false},
		{"no client id", nil, []string{"--database-url", "DB", "--user-id", "u1"}, exitUsage, "--client-id is required", false},
		{"an argument", nil, []string{"--database-url", "DB", "--client-id", "cli_a", "--user-id", "u1", "u2"}, exitUsage, "want no arguments", false},
		{"bad database url", nil, []string{"--database-url", "mysql://h/db", "--client-id", "cli_a", "--user-id", "u1"}, exitUsage, "unknown scheme", false},
		{"help", nil, []string{"--help"}, exitOK, "Usage: loginlogs delete", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "loginlogs.db")
			st, err := sqlite.Open(t.Context(), db)
			if err != nil {
				t.Fatalf("sqlite.Open: %v", err)
			}
			defer st.Close()
			for _, u := range []struct{ client, user string }{{"cli_a", "u1"}, {"cli_a", "u2"}, {"cli_b", "u1"}} {
				if err := st.AddLoginLogs(t.Context(), u.client, u.user, []store.LoginLog{{IPAddress: "1.1.1.1", CreatedAt: time.Unix(0, 0)}}); err != nil {
					t.Fatalf("AddLoginLogs(%s, %s): %v", u.client, u.user, err)
				}
			}
			args := []string{"delete"}
			for _, a := range c.args {
				args = append(args, strings.Replace(a, "DB", db, 1))
			}
			environ := map[string]string{}
			for k, v := range c.environ {
				environ[k] = strings.Replace(v, "DB", db, 1)
			}
			stdout, stderr, code := runCLI(t, environ, args...)
			if code != c.code {
				t.Fatalf("loginlogs %v: exit %d, want %d; stderr %q", args, code, c.code, stderr)
			}
			if text := stdout + stderr; !strings.Contains(text, c.out) {
				t.Errorf("loginlogs %v: output %q does not mention %q", args, text, c.out)
			}
			if c.code != exitOK && strings.Count(stderr, "\n") != 1 && !strings.Contains(stderr, "Usage:") {
				t.Errorf("loginlogs %v: stderr %q, want one line", args, stderr)
			}
			if _, err := st.UserVersion(t.Context(), "cli_a", "u1"); (err != nil) != c.gone {
				t.Errorf("after loginlogs %v, UserVersion(cli_a, u1) = %v; want the user gone: %v", args, err, c.gone)
			}
			for _, u := range []struct{ client, user string }{{"cli_a", "u2"}, {"cli_b", "u1"}} {
				if logs, err := store.List(t.Context(), st, u.client, u.user); err != nil || len(logs) != 1 {
					t.Errorf("after loginlogs %v, store.List(%s, %s) = %d logs, %v; want its 1 log", args, u.client, u.user, len(logs), err)
				}
			}
		})
	}
}

// TestDeleteDoesNotCreateADatabase names a SQLite file that does not exist: exit 2, and no
// file appears.
func TestDeleteDoesNotCreateADatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo.db")
	args := []string{"delete", "--database-url", db, "--client-id", "cli_a", "--user-id", "u1"}
	_, stderr, code := runCLI(t, nil, args...)
	if code != exitUsage || !strings.Contains(stderr, "no SQLite database at "+db) {
		t.Errorf("loginlogs %v: exit %d, stderr %q; want %d saying there is no database", args, code, stderr, exitUsage)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("loginlogs %v created %s (stat: %v)", args, db, err)
	}
}

// TestDeleteEndToEnd runs serve on a store (a SQLite file, and a fresh PostgreSQL schema) and
// reads the seeded user, so that its body is cached; changes the user's logs with SQL behind the
// server's back and expects the change in the next answer, under a new ETag; then runs delete
// on the same store and expects the next requests to answer 404, with or without the old ETag,
// never the cached body.
func TestDeleteEndToEnd(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "loginlogs.db")
		deleteWhileServing(t, "sqlite:"+path, func(ctx context.Context, query string) error {
			db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
			if err != nil {
				return err
			}
			defer db.Close()
			_, err = db.ExecContext(ctx, query)
			return err
		})
	})
	t.Run("postgres", func(t *testing.T) {
		url := pgtest.FreshURL(t)
		deleteWhileServing(t, url, func(ctx context.Context, query string) error {
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				return err
			}
			defer conn.Close(context.WithoutCancel(ctx))
			_, err = conn.Exec(ctx, query)
			return err
		})
	})
}

// answer is what deleteWhileServing looks at in a response.
type answer struct {
	status int
	etag   string
	logs   int    // entries of a 200's login_logs
	code   string // error_code of an error body
}

func deleteWhileServing(t *testing.T, databaseURL string, exec func(ctx context.Context, sql string) error) {
	stdout, _, stop := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", databaseURL}, noEnv)
	m := curlLine.FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("serve without --tokens printed no curl command:\n%s", stdout.String())
	}
	token, base, user, client := m[1], m[2], m[3], m[4]
	url := base + "/api/v1/users/" + user + "/loginlogs?client_id=" + client
	get := func(ifNoneMatch string) answer {
		t.Helper()
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if ifNoneMatch != "" {
			req.Header.Set("If-None-Match", ifNoneMatch)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		a := answer{status: res.StatusCode, etag: res.Header.Get("ETag")}
		var v struct {
			LoginLogs []json.RawMessage `json:"login_logs"`
			ErrorCode json.RawMessage   `json:"error_code"`
		}
		if len(body) > 0 {
			if err := json.Unmarshal(body, &v); err != nil {
				t.Fatalf("GET %s: status %d, body %q is not JSON: %v", url, res.StatusCode, body, err)
			}
		}
		a.logs, a.code = len(v.LoginLogs), string(v.ErrorCode)
		return a
	}
	check := func(step string, got, want answer) {
		t.Helper()
		if got.status != want.status || got.logs != want.logs || got.code != want.code {
			t.Errorf("%s: GET answered %d with %d logs, error_code %q; want %d with %d logs, error_code %q",
				step, got.status, got.logs, got.code, want.status, want.logs, want.code)
		}
	}

	first := get("")
	check("first read of the seeded user", first, answer{status: 200, logs: 24})
	check("read again with its ETag", get(first.etag), answer{status: 304})
	check("read again, from the cache", get(""), answer{status: 200, logs: 24})

	sql := `DELETE FROM login_logs WHERE client_id = '` + client + `' AND user_id = '` + user + `' AND ip_address = '183.83.177.227'`
	if err := exec(t.Context(), sql); err != nil {
		t.Fatalf("SQL %q behind the server's back: %v", sql, err)
	}
	afterSQL := get(first.etag)
	if afterSQL.status != 200 || afterSQL.logs >= 24 || afterSQL.logs == 0 || afterSQL.etag == first.etag {
		t.Errorf("after SQL %q, GET with the old ETag answered %d with %d logs, ETag %s; want 200 with fewer than 24 logs and an ETag other than %s",
			sql, afterSQL.status, afterSQL.logs, afterSQL.etag, first.etag)
	}
	check("read after SQL without an ETag", get(""), answer{status: 200, logs: afterSQL.logs})

	out, errOut, code := runCLI(t, nil, "delete", "--database-url", databaseURL, "--client-id", client, "--user-id", user)
	if code != exitOK || !strings.Contains(out, "deleted user "+user) {
		t.Fatalf("loginlogs delete of the seeded user: exit %d, stdout %q, stderr %q; want 0 and a line saying so", code, out, errOut)
	}
	check("read after delete", get(""), answer{status: 404, code: "801"})
	check("read after delete with the last ETag", get(afterSQL.etag), answer{status: 404, code: "801"})

	_, errOut, code = runCLI(t, nil, "delete", "--database-url", databaseURL, "--client-id", client, "--user-id", user)
	if code != exitFailed || !strings.Contains(errOut, "has no user "+user) {
		t.Errorf("loginlogs delete of the deleted user: exit %d, stderr %q; want %d saying there is no such user", code, errOut, exitFailed)
	}
	if err := stop(); err != nil {
		t.Errorf("run(serve) after cancel = %v, want nil", err)
	}
}
