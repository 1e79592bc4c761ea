package ssojet_test

import (
	"fmt"
	"go/scanner"
	gotoken "go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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

// goCmd runs the go command in dir as a user would: the module proxy reachable (on a cold module
// cache the user's module downloads what it needs), no workspace, no GOFLAGS of the caller.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, b)
	}
	return string(b)
}

// maxSumModules bounds the modules in the go.sum of a program that imports only this package:
// the modules whose code it builds, and those whose go.mod the go command reads to select them.
const maxSumModules = 10

// userModule writes a module of its own into dir that requires the module holding this package
// (with a replace to this directory, as nothing is published) and the replaces its go.mod makes:
// what a user writes. main is its main.go.
func userModule(t *testing.T, dir, main string) {
	t.Helper()
	gomod := strings.TrimSpace(goCmd(t, ".", "env", "GOMOD"))
	mod := readGoMod(t, gomod)
	text := fmt.Sprintf("module readmesnippet\n\ngo 1.26.0\n\nrequire %s v0.0.0-00010101000000-000000000000\n\nreplace %s => %s\n",
		mod.Module.Path, mod.Module.Path, filepath.Dir(gomod))
	for _, r := range mod.Replace {
		to := r.New.Path
		if r.New.Version == "" && !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(gomod), to)
		}
		text += fmt.Sprintf("replace %s => %s %s\n", r.Old.Path, to, r.New.Version)
	}
	for name, text := range map[string]string{"main.go": main, "go.mod": text} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// sumModules returns the module paths in the go.sum of the module in dir.
func sumModules(t *testing.T, dir string) map[string]bool {
	t.Helper()
	sum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	mods := map[string]bool{}
	for line := range strings.Lines(string(sum)) {
		if path, _, ok := strings.Cut(line, " "); ok {
			mods[path] = true
		}
	}
	return mods
}

// TestREADMESnippet compiles the first Go block of the README's SDK section as the body of a
// main function, in a module of its own that imports this package, as a user would: `go mod
// tidy`, then a build that changes no go.mod, and runs it against the examples' server: it
// prints the demo user's logins, and with a wrong token the error the snippet's comment shows.
// Only public packages are reachable, and the user's
// go.sum holds at most maxSumModules modules, or, when oapi-codegen/runtime (what the generated
// client imports) alone needs more, none that it does not need: the go command, tidying a module
// that imports only that runtime, is the judge.
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
	// Run against the examples' server instead of SSOJet, it prints the demo user's logins, and
	// with a wrong token the error its comment shows.
	const live = `"https://api.ssojet.com/api/v1"`
	if !strings.Contains(program, live) {
		t.Fatalf("the README's SDK snippet does not call %s:\n%s", live, snippet)
	}
	userModule(t, dir, strings.Replace(program, live, fmt.Sprintf("%q", baseURL), 1))
	goCmd(t, dir, "mod", "tidy")
	goCmd(t, dir, "build", "-mod=readonly", "-o", filepath.Join(dir, "snippet"), ".")
	_, comment, ok := strings.Cut(snippet, "log.Fatal(err) // ")
	refusal, _, _ := strings.Cut(comment, "\n")
	if !ok {
		t.Fatalf("the README's SDK snippet shows no error after log.Fatal(err) //:\n%s", snippet)
	}
	run := func(token string) string {
		cmd := exec.Command(filepath.Join(dir, "snippet"))
		cmd.Env = append(os.Environ(), "SSOJET_TOKEN="+token)
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	if out := run(token); out != "24 logins\n" {
		t.Errorf("the README's SDK snippet against the reference server printed %q, want the demo user's 24 logins", out)
	}
	if out := run("not-the-token-0123456789"); !strings.HasSuffix(out, " "+refusal+"\n") {
		t.Errorf("the README's SDK snippet with a wrong token printed %q, want log's line ending in its comment %q", out, refusal)
	}
	got := sumModules(t, dir)

	// The judge: a module that imports only oapi-codegen/runtime, at the version the program uses.
	version := strings.TrimSpace(goCmd(t, dir, "list", "-m", "-f", "{{.Version}}", "github.com/oapi-codegen/runtime"))
	floor := t.TempDir()
	for name, text := range map[string]string{
		"main.go": "package main\n\nimport _ \"github.com/oapi-codegen/runtime\"\n\nfunc main() {}\n",
		"go.mod":  "module runtimeonly\n\ngo 1.26.0\n\nrequire github.com/oapi-codegen/runtime " + version + "\n",
	} {
		if err := os.WriteFile(filepath.Join(floor, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	goCmd(t, floor, "mod", "tidy")
	runtimeOnly := sumModules(t, floor)
	limit := maxSumModules
	if len(runtimeOnly) > limit {
		limit = len(runtimeOnly)
		for m := range got {
			if !runtimeOnly[m] {
				t.Errorf("the user's go.sum holds %s, which oapi-codegen/runtime %s does not need", m, version)
			}
		}
	}
	if len(got) > limit || len(got) == 0 {
		t.Errorf("the user's go.sum holds %d modules, want 1 to %d:\n%s", len(got), limit, strings.Join(slices.Sorted(maps.Keys(got)), "\n"))
	}
	t.Logf("the user's go.sum: %d modules; a module that imports only oapi-codegen/runtime %s: %d", len(got), version, len(runtimeOnly))
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

// TestCompareLines: the README states the line counts of the comparison programs in
// internal/compare, and the one on this package is the shorter (internal/sdktest in the root
// module runs both against the reference server).
func TestCompareLines(t *testing.T) {
	counts := map[string]int{}
	for _, p := range []string{"generated", "sdk"} {
		counts[p] = codeLines(t, filepath.Join("internal", "compare", p, "main.go"))
		if want := fmt.Sprintf("%d lines", counts[p]); !strings.Contains(readmeSDK(t), want) {
			t.Errorf("the README's SDK section does not say %q, the count of internal/compare/%s/main.go", want, p)
		}
	}
	if counts["sdk"] >= counts["generated"] {
		t.Errorf("the program on the SDK is %d lines, on the generated client %d", counts["sdk"], counts["generated"])
	}
	t.Logf("non-blank, non-comment lines: generated %d, sdk %d", counts["generated"], counts["sdk"])
}
