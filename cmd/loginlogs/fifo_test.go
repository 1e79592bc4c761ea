package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

// TestFIFOsEndOnInterrupt: a verb reading a FIFO (import's FILE, --token-file, serve's
// --tokens, --spec) ends at once when its context is cancelled (SIGINT or SIGTERM in main),
// whether it waits in open (no writer) or in a read (a writer that writes nothing); an import
// so ended imports nothing.
func TestFIFOsEndOnInterrupt(t *testing.T) {
	const fifoArg = "<fifo>" // stands for the FIFO's path
	body := writeFile(t, t.TempDir(), "body.json", string(seedBytes(t)))
	for _, c := range []struct {
		name   string
		args   []string
		writer bool
		code   int
		want   string
	}{
		{"import, no writer: blocked in open", []string{"import", "--client-id", "c", "--user-id", "u", fifoArg}, false, exitUsage, "interrupted while opening"},
		{"import, a silent writer: blocked in read", []string{"import", "--client-id", "c", "--user-id", "u", fifoArg}, true, exitUsage, "interrupted by SIGINT or SIGTERM (context canceled)"},
		{"get --token-file", []string{"get", "--base-url", "http://127.0.0.1:9", "--client-id", "c", "--user-id", "u", "--token-file", fifoArg}, false, exitUsage, "interrupted while opening"},
		{"get --token-file, a silent writer", []string{"get", "--base-url", "http://127.0.0.1:9", "--client-id", "c", "--user-id", "u", "--token-file", fifoArg}, true, exitUsage, "canceled"},
		{"serve --tokens", []string{"serve", "--addr", "127.0.0.1:0", "--tokens", fifoArg}, false, exitUsage, "interrupted while opening"},
		{"contract --spec", []string{"contract", "--response", body, "--spec", fifoArg}, false, exitUsage, "interrupted while opening"},
		{"proxy --spec, a silent writer", []string{"proxy", "--addr", "127.0.0.1:0", "--upstream", "http://127.0.0.1:9", "--spec", fifoArg}, true, exitUsage, "canceled"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			fifo := filepath.Join(dir, "fifo")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			if c.writer {
				// O_RDWR opens a FIFO without waiting for a reader, and keeps it open as a writer.
				w, err := os.OpenFile(fifo, os.O_RDWR, 0)
				if err != nil {
					t.Fatal(err)
				}
				defer w.Close()
			}
			db := filepath.Join(dir, "x.db")
			args := []string{c.args[0], "--database-url", db}
			if c.args[0] != "import" && c.args[0] != "serve" {
				args = args[:1]
			}
			for _, a := range c.args[1:] {
				if a == fifoArg {
					a = fifo
				}
				args = append(args, a)
			}
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() { done <- run(ctx, args, noEnv, io.Discard, io.Discard) }()
			if c.args[0] == "import" && c.writer {
				// Blocked in read: the import got past loading the contract and opening the store,
				// which takes longer than any fixed pause on a busy machine.
				waitForStack(t, "importer.(*Importer).Import(")
			}
			time.Sleep(200 * time.Millisecond)
			cancel()
			select {
			case err := <-done:
				if code := exitCode(err, io.Discard); code != c.code || !strings.Contains(fmtErr(err), c.want) {
					t.Errorf("run(%q), cancelled: exit %d (%v), want %d saying %q", args, code, err, c.code, c.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("run(%q) did not end within 5 s of its context being cancelled", args)
			}
			if c.args[0] != "import" {
				return
			}
			st, err := sqlite.Open(t.Context(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if logs, err := store.List(t.Context(), st, "c", "u"); !errors.Is(err, store.ErrUserNotFound) {
				t.Errorf("after a cancelled import: store.List = %d logs, %v; want %v", len(logs), err, store.ErrUserNotFound)
			}
		})
	}
}

// waitForStack waits until a goroutine of this process runs the function named by marker (a
// substring of runtime.Stack's output), for up to 10 s.
func waitForStack(t *testing.T, marker string) {
	t.Helper()
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(string(buf[:runtime.Stack(buf, true)]), marker) {
			return
		}
	}
	t.Fatalf("no goroutine ran %s within 10 s", marker)
}

// fmtErr is err's text, "" for nil.
func fmtErr(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
