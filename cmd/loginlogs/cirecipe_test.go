package main

import (
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ssojet-tools/loginlogs/internal/server"
)

// readmeSection returns the text of the README's section under heading (such as "### In CI"),
// up to the next heading outside a code block.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	return docSection(t, "README.md", heading)
}

// docSection returns the text of the section under heading of the repository's Markdown file
// (such as "docs/proxy.md"), up to the next heading outside a code block.
func docSection(t *testing.T, file, heading string) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("../..", file))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut("\n"+string(readme), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("%s has no section %s", file, heading)
	}
	var section strings.Builder
	fence := false
	for line := range strings.Lines(rest) {
		if strings.HasPrefix(line, "```") {
			fence = !fence
		} else if !fence && strings.HasPrefix(line, "#") {
			break
		}
		section.WriteString(line)
	}
	return section.String()
}

// readmeCI returns the README's section "### In CI" and its first block of the given language.
func readmeCI(t *testing.T, lang string) string {
	t.Helper()
	return docBlock(t, readmeSection(t, "### In CI"), "", lang)
}

// docBlock returns the first ```lang block of a section's text after the text after.
func docBlock(t *testing.T, section, after, lang string) string {
	t.Helper()
	_, rest, ok := strings.Cut(section, after)
	if ok {
		_, rest, ok = strings.Cut(rest, "```"+lang+"\n")
	}
	if !ok {
		t.Fatalf("no ```%s block after %q in:\n%s", lang, after, section)
	}
	block, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatalf("the ```%s block after %q is not closed", lang, after)
	}
	return block
}

// contractLine returns the line of a recipe that runs the contract check.
func contractLine(t *testing.T, recipe string) string {
	t.Helper()
	for line := range strings.Lines(recipe) {
		if strings.HasPrefix(strings.TrimSpace(line), "loginlogs contract ") {
			return strings.TrimSpace(line)
		}
	}
	t.Fatalf("the recipe runs no loginlogs contract:\n%s", recipe)
	return ""
}

// TestREADMECIRecipe runs the README's plain shell CI recipe as written, with sh, the built
// binary on PATH and the three variables it names pointing at the reference server (client
// credentials from a --client-secrets file, no token): it must fetch a token, pass, and write a
// JUnit report with no failure, never printing the secret or a token. With a wrong secret it
// must fail. The GitHub Actions recipe runs the same contract command with the same variables.
func TestREADMECIRecipe(t *testing.T) {
	recipe := readmeCI(t, "sh")
	workflow := readmeCI(t, "yaml")
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string
				With map[string]any
				Run  string
				Env  map[string]string
			}
		}
	}
	if err := yaml.Unmarshal([]byte(workflow), &wf); err != nil {
		t.Fatalf("the README's GitHub Actions recipe is not YAML: %v", err)
	}
	// `go install module@version` refuses a module whose go.mod replaces anything: the recipe
	// must install another way while ours does.
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	replaces := strings.Contains(string(gomod), "\nreplace ")
	found := false
	for _, job := range wf.Jobs {
		checkedOut := false
		for _, step := range job.Steps {
			// setup-go caches by default, keyed on a go.sum of the workspace: with none checked out,
			// it annotates every run with "Restore cache failed: Dependencies file is not found".
			checkedOut = checkedOut || strings.HasPrefix(step.Uses, "actions/checkout@")
			if strings.HasPrefix(step.Uses, "actions/setup-go@") && !checkedOut && step.With["cache"] != false {
				t.Errorf("the GitHub Actions recipe runs %s before any checkout without cache: false: setup-go warns on every run that it finds no go.sum", step.Uses)
			}
			if replaces && strings.Contains(step.Run, "go install ") && strings.Contains(step.Run, "@") {
				t.Errorf("the GitHub Actions recipe runs %q, which Go refuses while go.mod has replace directives", step.Run)
			}
			if strings.HasPrefix(step.Run, "loginlogs contract ") {
				found = true
				if step.Run != contractLine(t, recipe) {
					t.Errorf("GitHub Actions runs %q, the shell recipe %q: want the same check", step.Run, contractLine(t, recipe))
				}
				for _, v := range []string{"SSOJET_CLIENT_ID", "SSOJET_CLIENT_SECRET", "SSOJET_USER_ID"} {
					if step.Env[v] == "" {
						t.Errorf("the GitHub Actions contract step does not set %s", v)
					}
				}
				if _, ok := step.Env["SSOJET_TOKEN"]; ok {
					t.Error("the GitHub Actions contract step stores a token: want a fresh one from the client secret")
				}
			}
		}
	}
	if !found {
		t.Fatalf("the README's GitHub Actions recipe has no step running loginlogs contract:\n%s", workflow)
	}

	bin := loginlogsBinary(t)
	dir := t.TempDir()
	pathDir := filepath.Join(dir, "path")
	os.Mkdir(pathDir, 0o755)
	if err := os.Symlink(bin, filepath.Join(pathDir, "loginlogs")); err != nil {
		t.Fatal(err)
	}
	const secret = "ci-recipe-secret-0123456789abcdef"
	secrets, tokens := filepath.Join(dir, "client-secrets"), filepath.Join(dir, "tokens")
	os.WriteFile(secrets, []byte(secret+" "+server.DemoClientID+"\n"), 0o600)
	os.WriteFile(tokens, []byte("unused-static-token-0123456789 "+server.DemoClientID+"\n"), 0o600)
	srv := startBinary(t, "--tokens", tokens, "--client-secrets", secrets, "--database-url", filepath.Join(dir, "db"))

	runRecipe := func(secret string) (string, error) {
		work := t.TempDir()
		cmd := exec.Command("sh", "-c", recipe)
		cmd.Dir = work
		cmd.Env = []string{
			"PATH=" + pathDir + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + work,
			"SSOJET_BASE_URL=" + srv.base + "/api/v1", "SSOJET_CLIENT_ID=" + server.DemoClientID,
			"SSOJET_CLIENT_SECRET=" + secret, "SSOJET_USER_ID=" + server.DemoUserID,
		}
		out, err := cmd.CombinedOutput()
		if strings.Contains(string(out), secret) || strings.Contains(string(out), "eyJ") {
			t.Errorf("the CI recipe printed the secret or a token:\n%s", out)
		}
		if err == nil {
			report, rerr := os.ReadFile(filepath.Join(work, "contract.xml"))
			if rerr != nil {
				t.Fatalf("the CI recipe wrote no JUnit report: %v\n%s", rerr, out)
			}
			var suites struct {
				Suites []struct {
					Tests    int `xml:"tests,attr"`
					Failures int `xml:"failures,attr"`
					Errors   int `xml:"errors,attr"`
				} `xml:"testsuite"`
				Tests    int `xml:"tests,attr"`
				Failures int `xml:"failures,attr"`
				Errors   int `xml:"errors,attr"`
			}
			if err := xml.Unmarshal(report, &suites); err != nil {
				t.Fatalf("contract.xml is not XML: %v", err)
			}
			tests, failures := suites.Tests, suites.Failures+suites.Errors
			for _, s := range suites.Suites {
				tests, failures = tests+s.Tests, failures+s.Failures+s.Errors
			}
			if tests == 0 || failures != 0 {
				t.Errorf("contract.xml: %d tests, %d failures or errors; want some, none\n%s", tests, failures, report)
			}
		}
		return string(out), err
	}
	if out, err := runRecipe(secret); err != nil {
		t.Fatalf("the README's CI recipe against the reference server: %v\n%s", err, out)
	}
	out, err := runRecipe("not-the-secret-0123456789")
	var exit *exec.ExitError
	if err == nil || !strings.Contains(out, "invalid_client") {
		t.Errorf("the CI recipe with a wrong secret: %v, want a failure naming invalid_client\n%s", err, out)
	} else if errors.As(err, &exit) && exit.ExitCode() != exitUsage {
		t.Errorf("the CI recipe with a wrong secret exits %d, want %d (set-up error)", exit.ExitCode(), exitUsage)
	}
}
