package main

import (
	"strings"
	"testing"
)

func TestHelpOfEveryVerbGoesToStdout(t *testing.T) {
	for _, name := range verbNames() {
		t.Run(name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, nil, name, "--help")
			if code != exitOK {
				t.Errorf("%s --help: exit %d, want 0; stderr %q", name, code, stderr)
			}
			if !strings.Contains(stdout, "Usage: loginlogs "+name) || !strings.Contains(stdout, "-") {
				t.Errorf("%s --help: stdout %q, want its usage line and flags", name, stdout)
			}
			if stderr != "" {
				t.Errorf("%s --help: stderr %q, want nothing", name, stderr)
			}
			if viaHelp, _, code := runCLI(t, nil, "help", name); viaHelp != stdout || code != exitOK {
				t.Errorf("help %s: exit %d, stdout %q; want exit 0 and what %s --help prints", name, code, viaHelp, name)
			}
		})
	}
	top, _, _ := runCLI(t, nil, "--help")
	if viaHelp, _, code := runCLI(t, nil, "help"); viaHelp != top || code != exitOK {
		t.Errorf("help: exit %d, stdout %q; want exit 0 and what --help prints", code, viaHelp)
	}
}

func TestRunRejectsUnknownVerbsWithExit2(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no verb", nil, "no verb given"},
		{"unknown verb", []string{"frobnicate"}, `unknown verb "frobnicate"`},
		{"bad flag", []string{"serve", "--no-such-flag"}, "serve: unknown flag: --no-such-flag"},
		{"bad cache size", []string{"serve", "--cache-size", "lots"}, "cache-size"},
		{"no streams", []string{"serve", "--max-streams", "0"}, "--max-streams"},
		{"bad streams per token", []string{"serve", "--max-streams-per-token", "two"}, "--max-streams-per-token"},
		// `loginlogs completion tcsh > file` must not write the help into file and exit 0.
		{"unknown shell", []string{"completion", "tcsh"}, `completion: unknown shell "tcsh"; want bash, zsh, fish or powershell`},
		{"no shell", []string{"completion"}, "completion: no shell given; want bash, zsh, fish or powershell"},
		// `loginlogs help servr` must not print the top-level help and exit 0.
		{"help of an unknown verb", []string{"help", "servr"}, `unknown verb "servr"; did you mean "serve"?`},
		{"help of an unknown shell", []string{"help", "completion", "tcsh"}, `help: loginlogs completion has no verb "tcsh"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, nil, tt.args...)
			if code != exitUsage {
				t.Errorf("loginlogs %v: exit %d, want %d", tt.args, code, exitUsage)
			}
			if stdout != "" {
				t.Errorf("loginlogs %v: stdout %q, want nothing (the usage goes to stderr)", tt.args, stdout)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("loginlogs %v: stderr %q, want it to contain %q", tt.args, stderr, tt.want)
			}
		})
	}
}

func TestTopLevelHelpListsEveryVerb(t *testing.T) {
	stdout, _, code := runCLI(t, nil, "--help")
	if code != exitOK {
		t.Fatalf("loginlogs --help: exit %d, want 0", code)
	}
	for _, name := range verbNames() {
		if !strings.Contains(stdout, name) {
			t.Errorf("loginlogs --help does not list %q:\n%s", name, stdout)
		}
	}
	// Each verb's line says what it does in the same style: lower case, as docs/cli.md's table.
	_, verbs, _ := strings.Cut(stdout, "Verbs:\n")
	verbs, _, _ = strings.Cut(verbs, "\n\n")
	for line := range strings.Lines(verbs) {
		if fields := strings.Fields(line); len(fields) < 2 || strings.ToLower(fields[1][:1]) != fields[1][:1] {
			t.Errorf("loginlogs --help: verb line %q, want the verb and a lower-case description", line)
		}
	}
}

// verbNames are the names of the verbs run knows.
func verbNames() []string {
	var names []string
	for _, newVerb := range verbs {
		names = append(names, newVerb(env{getenv: noEnv}).Name())
	}
	return names
}
