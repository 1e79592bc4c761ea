package main

import (
	"strings"
	"testing"
)

func TestHelpOfEveryVerbGoesToStdout(t *testing.T) {
	for _, v := range verbs {
		t.Run(v.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, nil, v.name, "--help")
			if code != exitOK {
				t.Errorf("%s --help: exit %d, want 0; stderr %q", v.name, code, stderr)
			}
			if !strings.Contains(stdout, "Usage: loginlogs "+v.name) || !strings.Contains(stdout, "-") {
				t.Errorf("%s --help: stdout %q, want its usage line and flags", v.name, stdout)
			}
			if stderr != "" {
				t.Errorf("%s --help: stderr %q, want nothing", v.name, stderr)
			}
		})
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
		{"bad flag", []string{"serve", "--no-such-flag"}, "flag provided but not defined"},
		{"bad cache size", []string{"serve", "--cache-size", "lots"}, "cache-size"},
		{"no streams", []string{"serve", "--max-streams", "0"}, "--max-streams"},
		{"bad streams per token", []string{"serve", "--max-streams-per-token", "two"}, "--max-streams-per-token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, nil, tt.args...)
			if code != exitUsage {
				t.Errorf("loginlogs %v: exit %d, want %d", tt.args, code, exitUsage)
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
	for _, v := range verbs {
		if !strings.Contains(stdout, v.name) {
			t.Errorf("loginlogs --help does not list %q:\n%s", v.name, stdout)
		}
	}
}
