package main

import (
	"encoding/json"
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
		{"bad token", fake, map[string]string{"SSOJET_TOKEN": "nope"}, nil, exitFailed, nil,
			"get: 401 Unauthorized: invalid_token (1002): The bearer token is missing or not valid."},
		{"unknown user", fake, map[string]string{"SSOJET_USER_ID": fakeapi.UnknownUserID}, nil, exitFailed, nil,
			"get: 404 Not Found: resource_not_found (801): User not found."},
		{"error types swapped", swappedTypes, map[string]string{"SSOJET_USER_ID": fakeapi.UnknownUserID}, nil, exitFailed, nil,
			"get: 404 Not Found: 801 (ENot Found): User not found."},
		{"non-json error", plainErrors, map[string]string{"SSOJET_TOKEN": "nope"}, nil, exitFailed, nil,
			`get: 401 Unauthorized: "<html> <body>Access denied</body></html>"`},
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

func TestGetNetworkFailure(t *testing.T) {
	environ := liveEnv("http://127.0.0.1:1")
	_, stderr, code := runCLI(t, environ, "get")
	if code != exitUsage || !strings.Contains(stderr, "connection refused") {
		t.Errorf("get against a closed port: exit %d, stderr %q; want 2 and a connection refused message", code, stderr)
	}
}
