package main

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/redact/redacttest"
)

// hostileToken holds what JSON and XML escape (& < > " /) and what URLs and base64 treat
// specially (+ / =): escaping the output must not hide it from the redactor.
const hostileToken = `eyJhbGciOiJSUzI1NiJ9.c2VrcmV0&<tok>"en/+=.s1gnature`

// hostilePassword is the password of the base URL's userinfo.
const hostilePassword = "p@ss/w0rd&<x>"

// leaks returns what out gives away: a form of a secret (redacttest's oracle), a run of 12
// bytes of one (the start of a secret in a text cut short), or an ESC byte.
func leaks(out string, secrets ...string) []string {
	var found []string
	for _, s := range secrets {
		if v := redacttest.Survivor(out, s, contract.Redacted, nil); v != "" {
			found = append(found, "the "+v)
		}
		for i := 0; i+12 <= len(s); i++ {
			if strings.Contains(out, s[i:i+12]) {
				found = append(found, "the piece "+s[i:i+12])
				break
			}
		}
	}
	if i := strings.IndexByte(out, 0x1b); i >= 0 {
		found = append(found, "an ESC byte: "+out[max(0, i-20):min(len(out), i+20)])
	}
	return found
}

// TestHostileAPILeaksNothing runs every output of contract and get against an API that echoes
// the token and the base URL's password in every encoding (bodies, error descriptions,
// Location, Set-Cookie) and puts terminal escapes in UserAgent and error_description: stdout,
// stderr, the JSON and JUnit reports and the fixtures hold neither secret in any encoding, and
// no ESC byte.
func TestHostileAPILeaksNothing(t *testing.T) {
	api := startAPI(t, fakeapi.Hostile(seedBytes(t), redacttest.Forms))
	base := "http://" + url.UserPassword("loginlogs", hostilePassword).String() + "@" + strings.TrimPrefix(api, "http://") + "/api/v1"
	environ := map[string]string{"SSOJET_BASE_URL": base, "SSOJET_TOKEN": hostileToken,
		"SSOJET_CLIENT_ID": fakeapi.ClientID, "SSOJET_USER_ID": fakeapi.UserID}
	dir := t.TempDir()
	fixtures := filepath.Join(dir, "fixtures")
	outputs := map[string]string{}
	runs := []struct {
		name     string
		edit     map[string]string
		args     []string
		wantCode int
	}{
		{"contract --record --junit", nil, []string{"contract", "--unknown-user-id", fakeapi.UnknownUserID, "--record", fixtures,
			"--junit", filepath.Join(dir, "junit.xml")}, exitFailed},
		{"contract --format json", nil, []string{"contract", "--unknown-user-id", fakeapi.UnknownUserID, "--format", "json"}, exitFailed},
		{"contract --replay", nil, []string{"contract", "--replay", fixtures}, exitFailed},
		{"get", nil, []string{"get"}, exitFailed},
		{"get --format table", nil, []string{"get", "--format", "table"}, exitFailed},
		{"get, unknown user", map[string]string{"SSOJET_USER_ID": fakeapi.UnknownUserID}, []string{"get"}, exitFailed},
		{"get, no client_id", map[string]string{"SSOJET_CLIENT_ID": ""}, []string{"get", "--client-id", ""}, exitUsage},
	}
	for _, r := range runs {
		env := map[string]string{}
		for k, v := range environ {
			env[k] = v
		}
		for k, v := range r.edit {
			env[k] = v
		}
		stdout, stderr, code := runCLI(t, env, r.args...)
		if code != r.wantCode {
			t.Errorf("%s: exit %d, want %d\n%s", r.name, code, r.wantCode, stderr)
		}
		outputs[r.name+": stdout"], outputs[r.name+": stderr"] = stdout, stderr
	}
	files, _ := filepath.Glob(filepath.Join(fixtures, "*"))
	files = append(files, filepath.Join(dir, "junit.xml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		outputs[filepath.Base(f)] = string(b)
	}
	total := 0
	for name, out := range outputs {
		total += len(out)
		for _, l := range leaks(out, hostileToken, hostilePassword) {
			t.Errorf("%s gives away %s", name, l)
		}
		// What is read by people holds no control character of any kind (C1, bidi) either.
		if strings.HasSuffix(name, ": stderr") || !strings.Contains(name, "json") && strings.Contains(name, ": stdout") && name != "get: stdout" {
			for _, line := range strings.Split(out, "\n") {
				if p := redact.Printable(line); p != line {
					t.Errorf("%s: a line holds control characters: %q", name, line)
				}
			}
		}
	}
	t.Logf("%d outputs of contract and get (%d bytes: stdout, stderr, JSON, JUnit, %d fixture files) against an API echoing the token and the password in %d and %d encodings: checked for %d encodings and every 12-byte piece of each, and ESC",
		len(outputs), total, len(files)-1, len(redacttest.Forms(hostileToken)), len(redacttest.Forms(hostilePassword)), len(redacttest.Encodings))
	// The attack reached every output: the echoes were redacted, the escapes escaped.
	for _, want := range []struct{ output, text string }{
		{"contract --record --junit: stdout", contract.Redacted},
		{"contract --record --junit: stdout", `redirect to https://login.ssojet.test/\u009b2J\u202eevil`},
		{"contract --record --junit: stdout", `400 Bad Request, application/json; x=\u009b2J\u202eevil`},
		{"contract --format json: stdout", contract.Redacted},
		{"junit.xml", contract.Redacted},
		{"documented-request.json", "session=" + contract.Redacted + "; Path=/; HttpOnly"},
		{"documented-request.json", "Bearer " + contract.Redacted},
		{"no-token.json", "http://loginlogs:" + contract.Redacted + "@"},
		{"get: stdout", contract.Redacted},
		{"get: stderr", "not the contract's login logs"},
		{"get --format table: stdout", `\x1b]0;pwned\x07\x1b[2J`},
		{"get --format table: stdout", `\u009b0m\u202eevil`},
		{"get, unknown user: stderr", "404 Not Found: resource_not_found (1002): you sent " + contract.Redacted},
		{"get, unknown user: stderr", "…"}, // each field of the error cut at 1,000 bytes (ssojet.APIError)
	} {
		if !strings.Contains(outputs[want.output], want.text) {
			t.Errorf("%s lacks %q:\n%s", want.output, want.text, outputs[want.output])
		}
	}
}
