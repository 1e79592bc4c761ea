package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ssojet-tools/loginlogs/internal/version"
)

// flagValues runs args through the command tree with every verb's work replaced by reading its
// flags, after the environment was applied: it returns the verb's flag values as strings.
func flagValues(t *testing.T, environ map[string]string, args ...string) map[string]string {
	t.Helper()
	e := env{getenv: func(k string) string { return environ[k] }, stdout: io.Discard, stderr: io.Discard}
	root, _ := newRootCmd(e)
	got := map[string]string{}
	for _, c := range root.Commands() {
		c.RunE = func(cmd *cobra.Command, _ []string) error {
			cmd.Flags().VisitAll(func(f *pflag.Flag) { got[f.Name] = f.Value.String() })
			return nil
		}
		c.Args = cobra.ArbitraryArgs
	}
	root.SetArgs(args)
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("loginlogs %v: %v", args, err)
	}
	return got
}

// sampleValue is a valid value of a flag of the given type, other than its default.
func sampleValue(typ string) string {
	switch typ {
	case "bool":
		return "false"
	case "size":
		return "3MiB"
	case "duration":
		return "7m0s"
	case "origins":
		return "https://from-the-environment.example"
	}
	return "from-the-environment"
}

// TestEnvBindings: every flag of envBindings, in every verb that has it, takes its variable's
// value when not on the command line, and the command line's when it is; --help names the
// variable. A verb's exception (delete --user-id) takes nothing from the environment.
func TestEnvBindings(t *testing.T) {
	root, _ := newRootCmd(env{getenv: noEnv, stdout: io.Discard, stderr: io.Discard})
	seen := map[string]bool{}
	for _, c := range root.Commands() {
		help, _, _ := runCLI(t, nil, c.Name(), "--help")
		c.Flags().VisitAll(func(f *pflag.Flag) {
			b, bound := bindingOf(c.Name(), f.Name)
			if !bound {
				return
			}
			seen[b.env] = true
			if !strings.Contains(help, "(env: "+b.env+")") {
				t.Errorf("%s --help does not name %s for --%s", c.Name(), b.env, f.Name)
			}
			v := sampleValue(f.Value.Type())
			if got := flagValues(t, map[string]string{b.env: v}, c.Name())[f.Name]; got != v {
				t.Errorf("%s with %s=%s: --%s is %q, want the variable's value", c.Name(), b.env, v, f.Name, got)
			}
			flagValue := f.DefValue
			switch {
			case f.Value.Type() == "bool":
				flagValue = "true"
			case flagValue == "": // given empty, a flag is refused (TestEmptyValuesAreRefused)
				flagValue = strings.Replace(v, "environment", "command-line", 1)
			}
			if got := flagValues(t, map[string]string{b.env: v}, c.Name(), "--"+f.Name+"="+flagValue)[f.Name]; got != flagValue {
				t.Errorf("%s --%s=%s with %s=%s: --%s is %q, want the command line's", c.Name(), f.Name, flagValue, b.env, v, f.Name, got)
			}
		})
	}
	for _, b := range envBindings {
		if !seen[b.env] {
			t.Errorf("envBindings names %s for --%s, which no verb has", b.env, b.flag)
		}
	}
	if got := flagValues(t, map[string]string{"SSOJET_USER_ID": "u1"}, "delete")["user-id"]; got != "" {
		t.Errorf("delete with SSOJET_USER_ID=u1: --user-id is %q, want no fallback", got)
	}
}

// TestValuesExplainThemselves: a duration without a unit, a size that is no size, a bad boolean
// in the environment: each one line naming the flag or variable and what it wants (exit 2).
func TestValuesExplainThemselves(t *testing.T) {
	tests := []struct {
		name    string
		environ map[string]string
		args    []string
		want    string
	}{
		{"duration without unit", nil, []string{"get", "--timeout", "5"}, `get: --timeout "5": a duration needs a unit, like 5s or 2m`},
		{"duration garbage", nil, []string{"contract", "--timeout", "soon"}, `contract: --timeout "soon": want a duration such as 30s`},
		{"negative duration", nil, []string{"serve", "--shutdown-timeout", "-1s"}, `--shutdown-timeout "-1s": want more than 0, such as 10s`},
		{"negative duration where 0 is off", nil, []string{"contract", "--max-response-time", "-1s"}, `--max-response-time "-1s": want 0 or more (0 turns the check off)`},
		{"size garbage", nil, []string{"get", "--max-body", "lots"}, `get: --max-body "lots": want a positive size such as 512MiB, 1GiB`},
		{"size in the environment", map[string]string{"LOGINLOGS_MAX_BODY": "1 potato"}, []string{"get"}, `get: LOGINLOGS_MAX_BODY "1 potato": want a positive size`},
		{"boolean in the environment", map[string]string{"LOGINLOGS_VALIDATE_REQUESTS": "yes"}, []string{"serve"}, `serve: LOGINLOGS_VALIDATE_REQUESTS "yes": want true or false`},
		{"whole number", nil, []string{"import", "x.json", "--batch-size", "many"}, `import: --batch-size "many": want a whole number`},
		{"unsigned whole number", nil, []string{"contract", "--seed", "-1"}, `contract: --seed "-1": want a whole number of 0 or more`},
		// Checked once parsed, these name the variable too, not the flag no one gave.
		{"token file in the environment", map[string]string{"LOGINLOGS_TOKENS": "/nonexistent/tokens"}, []string{"serve"}, `serve: LOGINLOGS_TOKENS: open /nonexistent/tokens`},
		{"secrets file in the environment", map[string]string{"LOGINLOGS_CLIENT_SECRETS": "/nonexistent/secrets"}, []string{"serve"}, `serve: LOGINLOGS_CLIENT_SECRETS: open /nonexistent/secrets`},
		{"token life in the environment", map[string]string{"LOGINLOGS_TOKEN_TTL": "500ms"}, []string{"serve"}, `serve: LOGINLOGS_TOKEN_TTL 500ms: want at least 1s`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, tt.environ, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("loginlogs %v (env %v): exit %d, stderr %q; want %d and one line with %q", tt.args, tt.environ, code, stderr, exitUsage, tt.want)
			}
		})
	}
	for _, ok := range []struct{ in, want string }{{"1GiB", "1GiB"}, {"512MiB", "512MiB"}, {"10MB", "10000000"}, {"2048", "2KiB"}} {
		if got := flagValues(t, nil, "get", "--max-body", ok.in)["max-body"]; got != ok.want {
			t.Errorf("get --max-body %s: %s, want %s", ok.in, got, ok.want)
		}
	}
	if got := flagValues(t, nil, "get", "--timeout", "1m30s")["timeout"]; got != "1m30s" {
		t.Errorf("get --timeout 1m30s: %s", got)
	}
}

// TestMistypedVerbs: an unknown verb is one line, with a suggestion when one is close.
func TestMistypedVerbs(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"serv"}, `unknown verb "serv"; did you mean "serve"?`},
		{[]string{"contracts"}, `did you mean "contract"?`},
		{[]string{"imprt"}, `did you mean "import"?`},
		{[]string{"zzzzzz"}, `unknown verb "zzzzzz" (see loginlogs --help)`},
		// The verb is wrong, not the flags it would have known.
		{[]string{"proxyy", "--upstream", "http://x"}, `unknown verb "proxyy"; did you mean "proxy"?`},
		{[]string{"--bogus"}, `loginlogs: unknown flag: --bogus (see loginlogs --help)`},
	} {
		_, stderr, code := runCLI(t, nil, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 || strings.Contains(stderr, "loginlogs: loginlogs:") {
			t.Errorf("loginlogs %q: exit %d, stderr %q; want %d and one line with %q", tt.args, code, stderr, exitUsage, tt.want)
		}
	}
}

// TestFlagsAfterArguments: flags may follow a verb's positional argument.
func TestFlagsAfterArguments(t *testing.T) {
	got := flagValues(t, nil, "import", "file.json", "--client-id", "c1", "--user-id", "u1", "--batch-size", "7")
	if got["client-id"] != "c1" || got["user-id"] != "u1" || got["batch-size"] != "7" {
		t.Errorf("import file.json --client-id c1 --user-id u1 --batch-size 7: flags %v", got)
	}
}

// TestCompletion: `completion SHELL` prints a script; bash, the one shell sure to be here, loads
// it and registers a completion for loginlogs.
func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		out, stderr, code := runCLI(t, nil, "completion", shell)
		if code != exitOK || !strings.Contains(out, "loginlogs") {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %q", shell, code, len(out), stderr)
		}
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to load the script")
	}
	script, _, _ := runCLI(t, nil, "completion", "bash")
	path := filepath.Join(t.TempDir(), "loginlogs.bash")
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bash, "-c", "source "+path+" && complete -p loginlogs").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "loginlogs") {
		t.Errorf("bash: source the completion script, complete -p loginlogs: %v\n%s", err, out)
	}
	// The hidden __complete verb cobra's scripts call answers the verbs for a prefix.
	out2, _, _ := runCLI(t, nil, "__complete", "co")
	if !strings.Contains(out2, "contract") || !strings.Contains(out2, "completion") {
		t.Errorf("__complete co: %q, want contract and completion", out2)
	}
	// Flag values complete too: get's formats, contract's check names, formats, progress modes and
	// methods, import's progress modes, serve's and the proxy's modes and log settings.
	for _, tt := range []struct{ args, want []string }{
		{[]string{"get", "--format", ""}, []string{"json", "table", "ndjson", "csv"}},
		{[]string{"contract", "--only", ""}, []string{"documented-request", "no-token"}},
		{[]string{"contract", "--skip", ""}, []string{"unknown-user", "max-response-time"}},
		{[]string{"contract", "--check", ""}, []string{"documented-request", "conditional-request"}},
		{[]string{"contract", "--format", ""}, []string{"text", "json"}},
		{[]string{"contract", "--progress", ""}, []string{"auto", "always", "never"}},
		{[]string{"contract", "--methods", ""}, []string{"GET", "HEAD", "POST", "DELETE"}},
		{[]string{"import", "--progress", ""}, []string{"auto", "always", "never"}},
		{[]string{"serve", "--validate-responses", ""}, []string{"enforce", "report", "off"}},
		{[]string{"serve", "--log-level", ""}, []string{"debug", "info", "warn", "error"}},
		{[]string{"serve", "--log-format", ""}, []string{"text", "json"}},
		{[]string{"proxy", "--mode", ""}, []string{"report", "enforce"}},
		{[]string{"proxy", "--fail-on", ""}, []string{"upstream", "any"}},
		{[]string{"proxy", "--log-level", ""}, []string{"debug", "info", "warn", "error"}},
		{[]string{"proxy", "--log-format", ""}, []string{"text", "json"}},
		{[]string{"contract", "--format", ""}, []string{"text", "json"}},
		{[]string{"contract", "--progress", ""}, []string{"auto", "always", "never"}},
		{[]string{"import", "--progress", ""}, []string{"auto", "always", "never"}},
	} {
		out, _, _ := runCLI(t, nil, append([]string{"__complete"}, tt.args...)...)
		if !strings.HasSuffix(out, ":4\n") {
			t.Errorf("__complete %v: %q, want the directive :4 (no file names)", tt.args, out)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w+"\n") {
				t.Errorf("__complete %v: %q, want %s", tt.args, out, w)
			}
		}
	}
}

// TestVersion: --version and the version verb print the build's version and the contract's
// info.version, as kin-openapi reads it.
func TestVersion(t *testing.T) {
	doc, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	want := "loginlogs " + version.String() + " (contract " + doc.Info.Version + ")\n"
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, stderr, code := runCLI(t, nil, args...)
		if code != exitOK || out != want {
			t.Errorf("loginlogs %v: exit %d, stdout %q, stderr %q; want %q", args, code, out, stderr, want)
		}
	}
	// Extra arguments are a usage error of one line, as in every verb (cobra's own --version
	// ignores them and exits 0).
	for _, args := range [][]string{{"--version", "extra"}, {"extra", "--version"}, {"version", "extra"}} {
		out, stderr, code := runCLI(t, nil, args...)
		if code != exitUsage || out != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, `"extra"`) {
			t.Errorf("loginlogs %v: exit %d, stdout %q, stderr %q; want exit 2 and one line on stderr naming the argument", args, code, out, stderr)
		}
	}
}

// TestHelpWithExtraArguments: --help with arguments its command would refuse is a usage error of
// one line, as --version is (cobra printed the help and exited 0); with a verb, or arguments the
// verb takes, it prints that verb's help.
func TestHelpWithExtraArguments(t *testing.T) {
	for _, args := range [][]string{{"--help", "extra"}, {"-h", "extra"}, {"extra", "--help"}, {"get", "--help", "extra"},
		{"serve", "extra", "-h"}, {"--help", "serve", "extra"}, {"import", "a.json", "b.json", "--help"}, {"completion", "--help", "extra"}} {
		out, stderr, code := runCLI(t, nil, args...)
		if code != exitUsage || out != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "extra") && !strings.Contains(stderr, "2 arguments") {
			t.Errorf("loginlogs %v: exit %d, stdout %q, stderr %q; want exit 2 and one line on stderr naming the arguments", args, code, out, stderr)
		}
	}
	for _, tt := range []struct{ args []string }{{[]string{"--help", "serve"}}, {[]string{"-h", "get"}}, {[]string{"import", "a.json", "--help"}}, {[]string{"completion", "--help", "bash"}}} {
		out, stderr, code := runCLI(t, nil, tt.args...)
		verb := tt.args[0]
		if verb == "--help" || verb == "-h" {
			verb = tt.args[1]
		}
		if code != exitOK || !strings.HasPrefix(out, "Usage: loginlogs "+verb) {
			t.Errorf("loginlogs %v: exit %d, stdout %.60q, stderr %q; want exit 0 and the help of %s", tt.args, code, out, stderr, verb)
		}
	}
}
