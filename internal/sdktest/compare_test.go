package ssojet_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCompare runs the README's comparison program written on the generated client and on the
// SDK (api/ssojet/internal/compare; api/ssojet's TestCompareLines counts their lines) against the
// reference server: they print the same, which is what the store holds.
func TestCompare(t *testing.T) {
	dir := t.TempDir()
	programs := []string{"generated", "sdk"}
	for _, p := range programs {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, p), ".")
		cmd.Dir = filepath.Join("..", "..", "api", "ssojet", "internal", "compare", p)
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build in %s: %v\n%s", cmd.Dir, err, b)
		}
	}

	ref := newReference(t)
	const big, bigN = "66b000000000000000005000", 5000 // over 512 KiB: the server streams it
	if err := ref.Store.AddLoginLogs(context.Background(), clientID, big, bigLogs(bigN)); err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	fmt.Fprintf(&want, "%d logins\n", len(ref.Demo))
	for _, l := range ref.Demo {
		fmt.Fprintf(&want, "%s %s %s\n", l.CreatedAt.Format(time.DateTime), l.IPAddress, l.City)
	}
	fmt.Fprintf(&want, "changed since: false\nstreamed %d logins of %s\n", bigN, big)

	cases := []struct {
		name, tok, user string
		stdout          string
		stderr          string // "" : exit 0
	}{
		{"logs", token, userID, want.String(), ""},
		{"wrong token", "not-a-token", userID, "", "check SSOJET_TOKEN and SSOJET_CLIENT_ID: ssojet: 401 Unauthorized: invalid_token (1002)"},
		{"unknown user", token, "000000000000000000000000", "", "no such user"},
	}
	for _, tc := range cases {
		for _, p := range programs {
			t.Run(tc.name+"/"+p, func(t *testing.T) {
				cmd := exec.Command(filepath.Join(dir, p))
				cmd.Env = []string{"SSOJET_BASE_URL=" + ref.BaseURL, "SSOJET_TOKEN=" + tc.tok, "SSOJET_CLIENT_ID=" + clientID,
					"SSOJET_USER_ID=" + tc.user, "SSOJET_BIG_USER_ID=" + big}
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				if tc.stderr == "" && err != nil || tc.stderr != "" && err == nil {
					t.Fatalf("%s: %v, stderr %q", p, err, stderr.String())
				}
				if stdout.String() != tc.stdout {
					t.Errorf("%s printed\n%s\nwant\n%s", p, stdout.String(), tc.stdout)
				}
				if !strings.Contains(stderr.String(), tc.stderr) {
					t.Errorf("%s: stderr %q, want it to hold %q", p, stderr.String(), tc.stderr)
				}
			})
		}
	}
}
