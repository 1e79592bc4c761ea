package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
)

func TestGet(t *testing.T) {
	plainErrors := func(t *testing.T) http.Handler {
		api := fakeapi.New(seedBytes(t))
		api.Error = func(w http.ResponseWriter, status int, _ string, _ int, _ string) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(status)
			w.Write([]byte("<html>\n<body>Access   denied</body></html>"))
		}
		return api
	}
	swappedTypes := func(t *testing.T) http.Handler {
		api := fakeapi.New(seedBytes(t))
		api.Error = func(w http.ResponseWriter, status int, _ string, code int, desc string) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			json.NewEncoder(w).Encode(map[string]any{"error": code, "error_code": "E" + http.StatusText(status), "error_description": desc})
		}
		return api
	}
	fake := func(t *testing.T) http.Handler { return fakeapi.New(seedBytes(t)) }
	tests := []struct {
		name       string
		api        func(t *testing.T) http.Handler
		edit       map[string]string
		args       []string
		wantCode   int
		wantStdout []string
		wantStderr string
	}{
		{"json", fake, nil, nil, exitOK, []string{`"login_logs": [`, `"CreatedAt": "2024-07-15T06:28:51.758Z"`}, ""},
		{"table", fake, nil, []string{"--format", "table"}, exitOK,
			[]string{"CREATED AT", "2024-07-11T07:21:15.14Z   183.83.177.227", "2409:40d4:12b:c6c3:5183:3409:ec6d:964d  India    UnknownCity"}, ""},
		{"bad token", fake, map[string]string{"SSOJET_TOKEN": "nope-not-a-token"}, nil, exitUsage, nil,
			"get: 401 Unauthorized: invalid_token (1002): The bearer token is missing or not valid. — check SSOJET_TOKEN (--token): it may have expired"},
		{"other client's token", fake, map[string]string{"SSOJET_CLIENT_ID": "cli_someone_else"}, nil, exitUsage, nil,
			"— check that SSOJET_TOKEN (--token) was issued to SSOJET_CLIENT_ID (--client-id)"},
		{"unknown user", fake, map[string]string{"SSOJET_USER_ID": fakeapi.UnknownUserID}, nil, exitFailed, nil,
			"get: 404 Not Found: resource_not_found (801): User not found."},
		{"error types swapped", swappedTypes, map[string]string{"SSOJET_USER_ID": fakeapi.UnknownUserID}, nil, exitFailed, nil,
			"get: 404 Not Found: 801 (ENot Found): User not found."},
		{"non-json error", plainErrors, map[string]string{"SSOJET_TOKEN": "nope-not-a-token"}, nil, exitUsage, nil,
			`get: 401 Unauthorized: not SSOJet's error JSON: "<html> <body>Access denied</body></html>" — check SSOJET_TOKEN (--token)`},
		{"missing user", fake, map[string]string{"SSOJET_USER_ID": ""}, nil, exitUsage, nil, "missing --user-id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			environ := liveEnv(startAPI(t, tt.api(t)))
			for k, v := range tt.edit {
				environ[k] = v
			}
			stdout, stderr, code := runCLI(t, environ, append([]string{"get"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("get %v: exit %d, want %d; stderr %s", tt.args, code, tt.wantCode, stderr)
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("get %v: stdout lacks %q:\n%s", tt.args, w, stdout)
				}
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("get %v: stderr %q, want %q", tt.args, stderr, tt.wantStderr)
			}
			if tt.wantCode == exitOK && !strings.Contains(strings.Join(tt.args, " "), "table") {
				var got ssojet.LoginLogsResponse
				if err := json.Unmarshal([]byte(stdout), &got); err != nil || len(got.LoginLogs) != 24 {
					t.Errorf("get: stdout decodes to %d logs (err %v), want the seed's 24", len(got.LoginLogs), err)
				}
			}
		})
	}
}

// TestGetNetworkFailure: get and contract against a closed port say so in one line, with the
// setting to check.
func TestGetNetworkFailure(t *testing.T) {
	environ := liveEnv("http://127.0.0.1:1")
	for _, verb := range []string{"get", "contract"} {
		_, stderr, code := runCLI(t, environ, verb)
		if code != exitUsage || !strings.Contains(stderr, "connection refused") || strings.Count(stderr, "\n") != 1 ||
			!strings.HasSuffix(stderr, " — check SSOJET_BASE_URL (--base-url), and that the API is up there\n") {
			t.Errorf("%s against a closed port: exit %d, stderr %q; want 2 and one line saying connection refused and the setting to check", verb, code, stderr)
		}
	}
}

// entryJSON is one login log as SSOJet writes it.
const entryJSON = `{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"}`

// serving is a fake whose 200 answer is body.
func serving(body string) func(t *testing.T) http.Handler {
	return func(t *testing.T) http.Handler {
		api := fakeapi.New(seedBytes(t))
		api.OK = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, body)
		}
		return api
	}
}

// manyLogs returns a 200 body of n entries.
func manyLogs(n int) string {
	return `{"login_logs":[` + strings.TrimSuffix(strings.Repeat(entryJSON+",", n), ",") + `]}`
}

func TestGetStreams(t *testing.T) {
	// The JSON printed entry by entry is the answer indented, byte for byte.
	var want bytes.Buffer
	if err := json.Indent(&want, seedBytes(t), "", "  "); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	stdout, stderr, code := runCLI(t, liveEnv(startAPI(t, fakeapi.New(seedBytes(t)))), "get")
	if code != exitOK || stdout != want.String() {
		t.Errorf("get: exit %d (stderr %s), stdout differs from the seed indented:\n%s", code, stderr, stdout)
	}

	big := manyLogs(50_000) // 8 MB
	tests := []struct {
		name       string
		api        func(t *testing.T) http.Handler
		environ    map[string]string
		args       []string
		wantCode   int
		wantStderr string
		check      func(t *testing.T, stdout string)
	}{
		{"json, 50,000 entries", serving(big), nil, nil, exitOK, "", func(t *testing.T, stdout string) {
			var got ssojet.LoginLogsResponse
			if err := json.Unmarshal([]byte(stdout), &got); err != nil || len(got.LoginLogs) != 50_000 {
				t.Errorf("stdout decodes to %d logs (err %v), want 50,000", len(got.LoginLogs), err)
			}
		}},
		{"table, 2,500 entries", serving(manyLogs(2500)), nil, []string{"--format", "table"}, exitOK, "", func(t *testing.T, stdout string) {
			if n := strings.Count(stdout, "\n"); n != 2501 {
				t.Errorf("%d lines, want a header and 2,500 rows", n)
			}
		}},
		{"empty list", serving(`{"login_logs":[]}`), nil, nil, exitOK, "", func(t *testing.T, stdout string) {
			if stdout != "{\n  \"login_logs\": []\n}\n" {
				t.Errorf("stdout %q, want an empty login_logs", stdout)
			}
		}},
		{"over --max-body", serving(big), nil, []string{"--max-body", "10KiB"}, exitUsage,
			"get: 200 OK: the answer is too large to print: longer than --max-body 10KiB; printed 61 entries before it", nil},
		{"over LOGINLOGS_MAX_BODY", serving(big), map[string]string{"LOGINLOGS_MAX_BODY": "10KiB"}, []string{"--format", "table"}, exitUsage,
			"too large to print: longer than --max-body 10KiB", nil},
		{"bad LOGINLOGS_MAX_BODY", serving(big), map[string]string{"LOGINLOGS_MAX_BODY": "lots"}, nil, exitUsage, `LOGINLOGS_MAX_BODY "lots"`, nil},
		{"an entry over 1MiB", serving(`{"login_logs":[{"Os":"` + strings.Repeat("x", 1<<20) + `"}]}`), nil, nil, exitUsage,
			"too large to print: entry 0 (at byte 15): too large: larger than 1048576 bytes", nil},
		{"paginated shape", serving(`{"audit_logs":[` + entryJSON + `],"next_cursor":"c2"}`), nil, nil, exitFailed,
			`get: 200 OK but the body is not the contract's login logs: not a login-logs answer: no login_logs array, got an object with "audit_logs", "next_cursor" (printed 0 entries before it)`,
			func(t *testing.T, stdout string) {
				if stdout != "" {
					t.Errorf("stdout %q, want nothing printed of an answer that is no login logs", stdout)
				}
			}},
		{"20 MB of [", serving(strings.Repeat("[", 20<<20)), nil, nil, exitFailed, "not JSON: nested deeper than 64 levels", nil},
		{"cut short", serving(manyLogs(3)[:400]), nil, []string{"--format", "table"}, exitFailed, "unexpected end of JSON input", nil},
		{"an entry of another type", serving(`{"login_logs":[` + entryJSON + `,{"CreatedAt":"yesterday"}]}`), nil, nil, exitFailed,
			"entry 1: parsing time", nil},
		{"an entry of another type, table", serving(`{"login_logs":[` + entryJSON + `,{"CreatedAt":"yesterday"}]}`), nil, []string{"--format", "table"}, exitFailed,
			"entry 1 (at byte 181): parsing time", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			environ := liveEnv(startAPI(t, tt.api(t)))
			for k, v := range tt.environ {
				environ[k] = v
			}
			stdout, stderr, code := runCLI(t, environ, append([]string{"get"}, tt.args...)...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("get %v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.wantCode, tt.wantStderr)
			}
			if tt.check != nil {
				tt.check(t, stdout)
			}
		})
	}
}
