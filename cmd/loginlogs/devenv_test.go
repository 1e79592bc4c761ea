package main

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/server"
)

// exportedEnv finds serve's export line in stdout and runs it in a real POSIX shell, which reads
// its quoting: it returns the SSOJET_* variables and LOGINLOGS_DATABASE_URL the shell then holds
// ("" for one the line does not set).
func exportedEnv(t *testing.T, stdout string) map[string]string {
	t.Helper()
	var line string
	for l := range strings.Lines(stdout) {
		if strings.HasPrefix(l, "export ") {
			line = strings.TrimSuffix(l, "\n")
		}
	}
	if line == "" {
		t.Fatalf("serve printed no export line:\n%s", stdout)
	}
	names := []string{"SSOJET_BASE_URL", "SSOJET_TOKEN", "SSOJET_CLIENT_ID", "SSOJET_USER_ID", "LOGINLOGS_DATABASE_URL"}
	script := line + "\nprintf '%s\\0' \"$SSOJET_BASE_URL\" \"$SSOJET_TOKEN\" \"$SSOJET_CLIENT_ID\" \"$SSOJET_USER_ID\" \"$LOGINLOGS_DATABASE_URL\"\n"
	out, err := exec.Command("sh", "-c", script).Output()
	if err != nil {
		t.Fatalf("sh -c %q: %v", line, err)
	}
	values := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if len(values) != len(names) {
		t.Fatalf("sh -c %q printed %q, want the %d variables", line, out, len(names))
	}
	environ := map[string]string{}
	for i, n := range names {
		environ[n] = values[i]
	}
	return environ
}

// TestServeExportLine: serve's export line, evaluated by a real shell, points get and contract at
// the server with no flags (both exit 0, get prints the demo user's 24 logs); a token with shell
// metacharacters survives the quoting; a restart with the same development token (now from
// LOGINLOGS_DEV_TOKEN) accepts the same token; no token ever reaches stderr.
func TestServeExportLine(t *testing.T) {
	const token = "dev'$(id);\"`id`tok-0123456789"
	db := "sqlite:" + filepath.Join(t.TempDir(), "loginlogs.db")
	stdout, stderr, stop := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", db, "--dev-token", token}, noEnv)
	environ := exportedEnv(t, stdout.String())
	if environ["SSOJET_TOKEN"] != token || environ["SSOJET_CLIENT_ID"] != server.DemoClientID || environ["SSOJET_USER_ID"] != server.DemoUserID {
		t.Errorf("the export line sets %q, want token %q, client %s, user %s", environ, token, server.DemoClientID, server.DemoUserID)
	}
	base := servingLine.FindStringSubmatch(stdout.String())[1]
	if environ["SSOJET_BASE_URL"] != base+"/api/v1" {
		t.Errorf("SSOJET_BASE_URL=%q, want %s/api/v1", environ["SSOJET_BASE_URL"], base)
	}

	getOut, getErr, code := runCLI(t, environ, "get")
	if code != exitOK {
		t.Fatalf("get with the exported environment, no flags: exit %d: %s", code, getErr)
	}
	var body ssojet.LoginLogsResponse
	if err := json.Unmarshal([]byte(getOut), &body); err != nil || len(body.LoginLogs) != 24 {
		t.Errorf("get: %d logs (%v), want the demo user's 24", len(body.LoginLogs), err)
	}
	if out, cerr, code := runCLI(t, environ, "contract"); code != exitOK {
		t.Errorf("contract with the exported environment, no flags: exit %d\n%s%s", code, out, cerr)
	}
	if err := stop(); err != nil {
		t.Fatalf("stop serve: %v", err)
	}

	restarted := map[string]string{"LOGINLOGS_DEV_TOKEN": token, "LOGINLOGS_ADDR": "127.0.0.1:0", "LOGINLOGS_DATABASE_URL": db}
	stdout2, stderr2, stop2 := startServe(t, nil, func(k string) string { return restarted[k] })
	environ["SSOJET_BASE_URL"] = exportedEnv(t, stdout2.String())["SSOJET_BASE_URL"]
	if _, getErr, code := runCLI(t, environ, "get"); code != exitOK {
		t.Errorf("get with the first start's token after a restart with the same LOGINLOGS_DEV_TOKEN: exit %d: %s", code, getErr)
	}
	if err := stop2(); err != nil {
		t.Fatalf("stop serve: %v", err)
	}
	for _, logs := range []string{stderr.String(), stderr2.String()} {
		if strings.Contains(logs, token) || strings.Contains(logs, "tok-0123456789") {
			t.Errorf("serve's stderr holds the development token:\n%s", logs)
		}
	}
}

// TestServeDevTokenIsValidated: a development token too short, too long, with a space or a
// control character, or given with --tokens, is a usage error that never quotes it.
func TestServeDevTokenIsValidated(t *testing.T) {
	tokens := tokenFile(t, "file-token-0123456789")
	tests := []struct {
		name, token, want string
		args              []string
	}{
		{"short", "secret-short", "at least 16 characters", nil},
		{"long", strings.Repeat("s", 1025), "at most 1024 characters", nil},
		{"space", "secret token 0123456789", "printable ASCII", nil},
		{"control", "secret\x1btoken-0123456789", "printable ASCII", nil},
		{"with --tokens", "secret-token-0123456789", "exclude each other", []string{"--tokens", tokens}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, viaEnv := range []bool{false, true} {
				environ := map[string]string{}
				args := append([]string{"serve", "--addr", "127.0.0.1:0", "--database-url", filepath.Join(t.TempDir(), "x.db")}, tt.args...)
				if viaEnv {
					environ["LOGINLOGS_DEV_TOKEN"] = tt.token
				} else {
					args = append(args, "--dev-token", tt.token)
				}
				stdout, stderr, code := runCLI(t, environ, args...)
				if code != exitUsage || !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, "--dev-token") {
					t.Errorf("serve with development token %s (env %v): exit %d, stderr %q; want %d and %q", tt.name, viaEnv, code, stderr, exitUsage, tt.want)
				}
				if strings.Contains(stdout+stderr, "secret") {
					t.Errorf("serve with development token %s (env %v) quotes it: %s%s", tt.name, viaEnv, stdout, stderr)
				}
			}
		})
	}
}

// TestShellQuote: every quoted word, however hostile, reads back as itself in a real shell.
func TestShellQuote(t *testing.T) {
	words := []string{"plain", "", "with space", `it's`, `$(touch x)`, "`id`", `a"b`, "tab\there", `back\slash`, "new\nline", "'''", "ü"}
	var script bytes.Buffer
	for _, w := range words {
		script.WriteString("printf '%s\\0' " + shellQuote(w) + "\n")
	}
	out, err := exec.Command("sh", "-c", script.String()).Output()
	if err != nil {
		t.Fatalf("sh: %v\n%s", err, script.String())
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if len(got) != len(words) {
		t.Fatalf("sh printed %q, want %d words", out, len(words))
	}
	for i, w := range words {
		if got[i] != w {
			t.Errorf("shellQuote(%q) = %s: the shell reads %q", w, shellQuote(w), got[i])
		}
	}
}
