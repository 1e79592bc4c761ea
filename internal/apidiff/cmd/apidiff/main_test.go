package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const releasedPath = "../../../../api/released/openapi.yaml"

// candidate writes the released contract with each old replaced by its new (old, new, old, new,
// …) to a file.
func candidate(t *testing.T, pairs ...string) string {
	t.Helper()
	b, err := os.ReadFile(releasedPath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for i := 0; i < len(pairs); i += 2 {
		if strings.Count(text, pairs[i]) != 1 {
			t.Fatalf("%q does not occur once in the released contract", pairs[i])
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	path := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBreakingGate(t *testing.T) {
	body := "      required:\n        - login_logs\n      properties:\n        login_logs:\n"
	tests := []struct {
		name     string
		revision string
		wantCode int
		wantOut  string
	}{
		{"paginated shape", candidate(t, body,
			"      required:\n        - audit_logs\n      properties:\n        next_cursor:\n          type: string\n        audit_logs:\n",
			"                login_logs:\n", "                audit_logs:\n"), // the example too: the contract stays valid
			1, "error response-required-property-removed: GET /users/{userid}/loginlogs"},
		{"unchanged", candidate(t, body, body), 0, "no breaking changes"},
		{"optional response field added", candidate(t, "      properties:\n        login_logs:\n",
			"      properties:\n        total:\n          type: integer\n        login_logs:\n"), 0, "no breaking changes"},
		{"pattern changed", candidate(t, "(\\.[0-9]{1,9})?Z$'", "(\\.[0-9]{3})Z$'"),
			0, "(1 changes in all), but 1 warning(s) above: changes that may break clients, check each\n"},
		{"schema renamed", candidate(t, "    LoginLog:\n", "    SignIn:\n", "schemas/LoginLog'", "schemas/SignIn'"),
			1, "error api-schema-removed: removed the schema `LoginLog`\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"breaking", releasedPath, tt.revision}, &stdout, &stderr)
			t.Logf("stdout:\n%sstderr:\n%s", &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("apidiff breaking released %s: exit %d, want %d", tt.name, code, tt.wantCode)
			}
			if !strings.Contains(stdout.String(), tt.wantOut) {
				t.Errorf("apidiff breaking released %s: output does not name %q", tt.name, tt.wantOut)
			}
			// What `make api-release` will want of a breaking change: a new major version.
			if tt.wantCode == 1 && !strings.Contains(stderr.String(), "raise the major version of info.version") {
				t.Errorf("apidiff breaking released %s: stderr %q does not say to raise the major version", tt.name, &stderr)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	// A file that is no OpenAPI document is not an empty contract: compared as one, an emptied
	// baseline let every revision through, and an emptied revision "broke" it.
	dir := t.TempDir()
	empty, object := filepath.Join(dir, "empty.yaml"), filepath.Join(dir, "object.json")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(object, []byte("{}\n"), 0o644)
	for _, args := range [][]string{nil, {"breaking", "one"}, {"nope", "a", "b"}, {"breaking", "/nonexistent/a.yaml", releasedPath},
		{"breaking", empty, releasedPath}, {"breaking", releasedPath, object}, {"breaking", object, object}, {"changelog", empty, releasedPath}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 || !strings.HasPrefix(stderr.String(), "apidiff: ") {
			t.Errorf("apidiff %q: exit %d, stderr %q; want 2 and one apidiff: line", args, code, stderr.String())
		}
	}
}
