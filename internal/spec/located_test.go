package spec_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// lineOf returns the line (from 1) and column (from 1) where needle starts in text.
func lineOf(t *testing.T, text, needle string) (int, int) {
	t.Helper()
	i := strings.Index(text, needle)
	if i < 0 || strings.Count(text, needle) != 1 {
		t.Fatalf("the test's contract holds %q %d times, want once", needle, strings.Count(text, needle))
	}
	before := text[:i]
	return strings.Count(before, "\n") + 1, i - strings.LastIndex(before, "\n")
}

// TestFileErrorsArePositioned: a contract file that does not load is reported as FILE:LINE:COL
// and the first problem on one bounded line, the position that of the element at fault (the
// refused member of an example, a schema's key, the line a YAML parse error names).
func TestFileErrorsArePositioned(t *testing.T) {
	contract := string(api.OpenAPI)
	badExample := strings.Replace(contract, "CreatedAt: '2024-07-15T06:28:51.758Z'", "CreatedAt: 'yesterday'", 1)
	badType := strings.Replace(contract, "    LoginLog:\n      type: object\n", "    LoginLog:\n      type: objekt\n", 1)
	for _, tc := range []struct {
		name, text, at, want string
		column               bool
	}{
		{"example refused by its schema", badExample, "'yesterday'", `invalid example: Error at "/login_logs/23/CreatedAt"`, true},
		{"unknown type", badType, "    LoginLog:\n", `unsupported 'type' value "objekt"`, true},
		{"YAML syntax", "openapi: 3.0.3\ninfo:\n  title: [x\n", "", "yaml", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.text == contract {
				t.Fatal("the edit did not apply")
			}
			path := filepath.Join(t.TempDir(), "openapi.yaml")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, _, err = spec.Read(path, f)
			var se *spec.Error
			if !errors.As(err, &se) {
				t.Fatalf("spec.Read: %v, want a *spec.Error", err)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || len(msg) > 500 || !strings.Contains(msg, tc.want) {
				t.Errorf("spec.Read: %q (%d bytes), want one line under 500 bytes with %q", msg, len(msg), tc.want)
			}
			if !tc.column {
				if se.Line == 0 || !strings.HasPrefix(msg, path+":") {
					t.Errorf("spec.Read: %q, want %s:LINE: first", msg, path)
				}
				return
			}
			line, col := lineOf(t, tc.text, tc.at)
			if strings.HasSuffix(tc.at, ":\n") { // a key: its name starts after the indentation
				col += len(tc.at) - len(strings.TrimLeft(tc.at, " "))
			}
			if se.Line != line || se.Column != col || !strings.HasPrefix(msg, path+":") {
				t.Errorf("spec.Read: %q at %d:%d, want %s:%d:%d", msg, se.Line, se.Column, path, line, col)
			}
		})
	}
}
