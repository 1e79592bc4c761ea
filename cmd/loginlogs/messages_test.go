package main

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMistypedFlagSuggestsTheNearest: an unknown flag near a known one names it; one near none
// says only that it is unknown. Both exit 2.
func TestMistypedFlagSuggestsTheNearest(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--adr", "127.0.0.1:0"}, "unknown flag --adr; did you mean --addr?"},
		{[]string{"get", "--client_id", "x"}, "unknown flag --client_id; did you mean --client-id?"},
		{[]string{"contract", "--tokn", "x"}, "did you mean --token?"},
		{[]string{"get", "--zzzzzz", "x"}, "unknown flag: --zzzzzz (see loginlogs get --help)"},
	} {
		_, stderr, code := runCLI(t, nil, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("loginlogs %v: exit %d, stderr %q; want exit 2 and one line with %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestServeOnABusyPort: serve checks its address before it opens the store, so a busy port
// leaves no new store behind, and the one line names the flag to change.
func TestServeOnABusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(t.TempDir(), "new.db")
	_, stderr, code := runCLI(t, nil, "serve", "--addr", ln.Addr().String(), "--database-url", "sqlite:"+db)
	if code != exitUsage || !strings.Contains(stderr, "in use") || !strings.Contains(stderr, "--addr") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("serve on a busy port: exit %d, stderr %q; want exit 2 and one line naming --addr", code, stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("serve on a busy port: the store %s was created (stat: %v), want none", db, err)
	}
}

// TestCountsAgreeWithNouns: counts in messages take the singular for one.
func TestCountsAgreeWithNouns(t *testing.T) {
	for _, tc := range []struct {
		n          int
		word, want string
	}{
		{1, "check", "1 check"}, {5, "check", "5 checks"}, {1, "batch", "1 batch"}, {2, "batch", "2 batches"},
		{1, "entry", "1 entry"}, {3, "entry", "3 entries"}, {1, "login log", "1 login log"}, {0, "error", "0 errors"},
		{2, "day", "2 days"},
	} {
		if got := plural(tc.n, tc.word); got != tc.want {
			t.Errorf("plural(%d, %q) = %q, want %q", tc.n, tc.word, got, tc.want)
		}
	}
}
