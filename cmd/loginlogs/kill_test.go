package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, for the test's own connection
)

// TestImportKilledLeavesWholeBatches imports a large NDJSON file with a small --batch-size into a
// real store with the built binary, kills it with SIGKILL once 20 batches are visible (polled through
// a connection of the test's own), and checks what survived: a whole number of batches, and
// exactly the first lines of the file, in order.
func TestImportKilledLeavesWholeBatches(t *testing.T) {
	const lines, batch = 200_000, 7
	file := filepath.Join(t.TempDir(), "logs.ndjson")
	writeNDJSON(t, file, lines)

	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "import.db")
		killImport(t, "sqlite:"+path, file, lines, batch, func(ctx context.Context) ([]string, error) {
			db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
			if err != nil {
				return nil, err
			}
			defer db.Close()
			return names(db.QueryContext(ctx, `SELECT name FROM login_logs ORDER BY id`))
		})
	})
	t.Run("postgres", func(t *testing.T) {
		url := pgtest.FreshURL(t)
		killImport(t, url, file, lines, batch, func(ctx context.Context) ([]string, error) {
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				return nil, err
			}
			defer conn.Close(context.Background())
			rows, err := conn.Query(ctx, `SELECT name FROM login_logs ORDER BY id`)
			if err != nil {
				return nil, err
			}
			return pgx.CollectRows(rows, pgx.RowTo[string])
		})
	})
}

func names(rows *sql.Rows, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// writeNDJSON writes n valid entries whose Name is their 1-based line number.
func writeNDJSON(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	base := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(w, `{"IpAddress":"10.%d.%d.%d","Country":"India","City":"Jaipur","UserAgent":"","Name":"line-%d","Os":"","Device":"","CreatedAt":"%s"}`+"\n",
			i>>16&255, i>>8&255, i&255, i, base.Add(time.Duration(i)*time.Second).Format(time.RFC3339Nano))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func killImport(t *testing.T, dbURL, file string, lines, batch int, rows func(context.Context) ([]string, error)) {
	cmd := exec.Command(loginlogsBinary(t), "import", "--database-url", dbURL, "--client-id", "cli_kill",
		"--user-id", "66a000000000000000000k11", "--batch-size", fmt.Sprint(batch), file)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start import: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })

	deadline := time.Now().Add(60 * time.Second)
	seen := 0
	for seen < 20*batch { // mid-way: well after progress starts, far from the end
		select {
		case err := <-done:
			t.Fatalf("import finished (%v) before it could be killed; make the file larger\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no rows after 60s of import\n%s", stderr.String())
		}
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		got, err := rows(ctx)
		cancel()
		if err == nil {
			seen = len(got)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatalf("SIGKILL: %v", err)
	}
	err := <-done
	if ee, ok := err.(*exec.ExitError); !ok || ee.ProcessState.ExitCode() != -1 {
		t.Fatalf("import after SIGKILL: %v, want killed by a signal", err)
	}
	got, err := rows(t.Context())
	if err != nil {
		t.Fatalf("read rows after the kill: %v", err)
	}
	t.Logf("SIGKILL after %d rows were seen: %d of %d lines survived = %d whole batches of %d; they are lines 1..%d in order",
		seen, len(got), lines, len(got)/batch, batch, len(got))
	if len(got) == 0 || len(got) >= lines {
		t.Fatalf("%d rows survived, want some but not all %d", len(got), lines)
	}
	if len(got)%batch != 0 {
		t.Errorf("%d rows survived, not a multiple of --batch-size %d: a batch was half written", len(got), batch)
	}
	for i, n := range got {
		if want := fmt.Sprintf("line-%d", i+1); n != want {
			t.Fatalf("row %d is %q, want %q: the rows are not a prefix of the file", i, n, want)
		}
	}
}
