package ssojet_test

import (
	"bytes"
	"context"
	"fmt"
	"go/scanner"
	gotoken "go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readmeSDK returns the README's section "## Using the SDK".
func readmeSDK(t *testing.T) string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Using the SDK\n")
	if !ok {
		t.Fatal("README.md has no section ## Using the SDK")
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	return section
}

// goBuild builds the package in dir without changing any go.mod, in the workspace of the module
// at root and dir's own module when work is set. The module proxy stays reachable, as it is for a
// user: on a cold module cache a workspace build needs go.mod files of modules that the tests'
// own build never loaded.
func goBuild(t *testing.T, dir, out string, work bool) {
	t.Helper()
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly")
	if work {
		cmd.Env = append(cmd.Env, "GOWORK="+filepath.Join(dir, "go.work"), "GOFLAGS=")
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build in %s: %v\n%s", dir, err, b)
	}
}

// TestREADMESnippet compiles the first Go block of the README's SDK section as the body of a
// main function, in a module of its own that imports this one: as a user would, so that only
// public packages are reachable.
func TestREADMESnippet(t *testing.T) {
	section := readmeSDK(t)
	_, rest, ok := strings.Cut(section, "```go\n")
	if !ok {
		t.Fatal("the README's SDK section has no ```go block")
	}
	snippet, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("the README's SDK ```go block is not closed")
	}
	if !strings.Contains(snippet, "ssojet.New(") {
		t.Errorf("the README's SDK snippet does not show ssojet.New:\n%s", snippet)
	}
	if n := strings.Count(strings.TrimSpace(snippet), "\n") + 1; n > 14 {
		t.Errorf("the README's SDK snippet is %d lines, want about 10", n)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// Every package the snippet may use is imported, and used once, so that it compiles whichever
	// it uses; ctx, clientID and userID are given.
	program := `package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/ssojet-tools/loginlogs/api/ssojet"
)

var (
	_ = errors.New
	_ = fmt.Sprint
	_ = log.Print
	_ = os.Getenv
	_ = time.Second
	_ = ssojet.New
)

func main() {
	ctx := context.Background()
	clientID, userID := "cli_cq2k021saqbs710j7ftg.edce6a1f", "6694c154565dfee5166d1cc7"
	_, _, _ = ctx, clientID, userID
` + snippet + "}\n"
	files := map[string]string{
		"main.go": program,
		"go.mod":  "module readmesnippet\n\ngo 1.26.8\n",
		"go.work": fmt.Sprintf("go 1.26.8\n\nuse (\n\t.\n\t%s\n)\n", root),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	goBuild(t, dir, filepath.Join(dir, "snippet"), true)
}

// codeLines counts the lines of a Go file holding a token other than a comment.
func codeLines(t *testing.T, path string) int {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fset := gotoken.NewFileSet()
	file := fset.AddFile(path, -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, func(pos gotoken.Position, msg string) { t.Errorf("%s: %s", pos, msg) }, 0)
	lines := map[int]bool{}
	for {
		pos, tok, lit := s.Scan()
		if tok == gotoken.EOF {
			break
		}
		if tok == gotoken.SEMICOLON && lit == "\n" {
			continue // inserted at a line's end, not written
		}
		lines[file.Line(pos)] = true
	}
	return len(lines)
}

// TestCompare runs the comparison program written on the generated client and on this package
// against the reference server: they print the same, which is what the store holds, and the
// README states their line counts.
func TestCompare(t *testing.T) {
	dir := t.TempDir()
	programs := []string{"generated", "sdk"}
	counts := map[string]int{}
	for _, p := range programs {
		src := filepath.Join("internal", "compare", p)
		goBuild(t, src, filepath.Join(dir, p), false)
		counts[p] = codeLines(t, filepath.Join(src, "main.go"))
	}
	section := readmeSDK(t)
	for _, p := range programs {
		if want := fmt.Sprintf("%d lines", counts[p]); !strings.Contains(section, want) {
			t.Errorf("the README's SDK section does not say %q, the count of internal/compare/%s/main.go", want, p)
		}
	}
	if counts["sdk"] >= counts["generated"] {
		t.Errorf("the program on the SDK is %d lines, on the generated client %d", counts["sdk"], counts["generated"])
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
	t.Logf("non-blank, non-comment lines: generated %d, sdk %d", counts["generated"], counts["sdk"])
}
