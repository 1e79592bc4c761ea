package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// FuzzContractOffline drives `loginlogs contract --response FILE --status N --content-type CT`
// through run with arbitrary bodies, statuses and content types: it never panics and always
// exits 0, 1 or 2. Seeds: testdata/fuzz/FuzzContractOffline.
func FuzzContractOffline(f *testing.F) {
	seed, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed, 200, "application/json")
	f.Add([]byte(`{"error":"invalid_client","error_description":"x","error_code":1001}`), 401, "application/json; charset=utf-8")
	f.Add([]byte(`{"audit_logs":[],"next_cursor":null}`), 200, "application/json")
	f.Add([]byte(`<html>bad gateway</html>`), 502, "text/html")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, body []byte, status int, contentType string) {
		file := filepath.Join(dir, "response")
		if err := os.WriteFile(file, body, 0o600); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"contract", "--response", file,
			"--status", strconv.Itoa(status), "--content-type", contentType}, noEnv, &stdout, &stderr)
		if code := exitCode(err, &stderr); code < 0 || code > 2 {
			t.Fatalf("contract --response (status %d, content type %q): exit %d, want 0, 1 or 2\n%s", status, contentType, code, stderr.String())
		}
		if err == nil && (status < 100 || status > 599) {
			t.Fatalf("contract --response with status %d: exit 0, want a failure", status)
		}
	})
}
