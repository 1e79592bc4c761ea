package main

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/redact/redacttest"
	"github.com/ssojet-tools/loginlogs/internal/server"
)

// TestTokensNeverLeak runs serve with a known token, sends good and bad requests that put the
// token everywhere a client might (Authorization with other schemes, the query string, the path,
// X-Request-Id), and greps the server's log, every response (headers and body), and the
// fixtures, reports and output of `contract --record`: the token appears in none of them.
func TestTokensNeverLeak(t *testing.T) {
	const token = "sekret.TOKEN-0123456789abcdef" // also a well-formed X-Request-Id
	dir := t.TempDir()
	tokens := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokens, []byte(token+" "+server.DemoClientID+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, stop := startServe(t, []string{"--addr", "127.0.0.1:0", "--tokens", tokens,
		"--database-url", "sqlite:" + filepath.Join(dir, "loginlogs.db"), "--log-level", "debug"}, noEnv)
	base := servingLine.FindStringSubmatch(stdout.String())[1]
	demo := base + "/api/v1/users/" + server.DemoUserID + "/loginlogs"
	cid := "client_id=" + url.QueryEscape(server.DemoClientID)
	b64 := base64.StdEncoding.EncodeToString([]byte(token + ":"))
	cases := []struct {
		name, method, url string
		header            map[string]string
		status            int
	}{
		{"good", "GET", demo + "?" + cid, map[string]string{"Authorization": "Bearer " + token}, 200},
		{"other client", "GET", demo + "?client_id=cli_x", map[string]string{"Authorization": "Bearer " + token}, 403},
		{"access_token in query", "GET", demo + "?" + cid + "&access_token=" + token, nil, 401},
		{"token as client_id", "GET", demo + "?client_id=" + token, map[string]string{"Authorization": "Bearer " + token}, 403},
		{"token as user id", "GET", base + "/api/v1/users/" + token + "/loginlogs?" + cid, map[string]string{"Authorization": "Bearer " + token}, 404},
		{"token in an unknown path", "GET", base + "/" + token, nil, 404},
		{"token in /healthz query", "GET", base + "/healthz?token=" + token, nil, 200},
		{"X-Request-Id, good", "GET", demo + "?" + cid, map[string]string{"Authorization": "Bearer " + token, "X-Request-Id": token}, 200},
		{"X-Request-Id, no auth", "GET", demo + "?" + cid, map[string]string{"X-Request-Id": token}, 401},
		{"Basic", "GET", demo + "?" + cid, map[string]string{"Authorization": "Basic " + b64}, 401},
		{"Token scheme", "GET", demo + "?" + cid, map[string]string{"Authorization": "Token " + token}, 401},
		{"Bearer with extra", "GET", demo + "?" + cid, map[string]string{"Authorization": "Bearer " + token + " extra"}, 401},
		{"POST", "POST", demo + "?" + cid, map[string]string{"Authorization": "Bearer " + token}, 405},
		{"no client_id", "GET", demo, map[string]string{"Authorization": "Bearer " + token}, 400},
		{"client_id twice", "GET", demo + "?client_id=" + token + "&" + cid, map[string]string{"Authorization": "Bearer " + token}, 400},
	}
	var answers strings.Builder
	for _, c := range cases {
		req, err := http.NewRequestWithContext(t.Context(), c.method, c.url, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range c.header {
			req.Header.Set(k, v)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != c.status {
			t.Errorf("%s: %s %s: status %d, want %d\n%s", c.name, c.method, c.url, res.StatusCode, c.status, body)
		}
		res.Header.Write(&answers)
		answers.Write(body)
		if strings.Contains(answers.String(), token) {
			t.Errorf("%s: the answer holds the token:\n%s", c.name, answers.String())
			answers.Reset()
		}
	}

	// The checker, recording against the same server.
	rec := filepath.Join(dir, "fixtures")
	junit := filepath.Join(dir, "junit.xml")
	out, errOut, code := runCLI(t, map[string]string{"SSOJET_TOKEN": token}, "contract", "--base-url", base+"/api/v1",
		"--client-id", server.DemoClientID, "--user-id", server.DemoUserID, "--unknown-user-id", "000000000000000000000000",
		"--record", rec, "--junit", junit, "--format", "json")
	if code != exitOK {
		t.Fatalf("contract --record: exit %d\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, token) {
		t.Errorf("contract's output holds the token:\n%s\n%s", out, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(rec, "*"))
	files = append(files, junit)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), token) {
			t.Errorf("%s holds the token", f)
		}
	}
	if err := stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	log := stderr.String() + stdout.String()
	if strings.Contains(log, token) {
		for _, l := range logLines(log, token) {
			t.Errorf("the server's output holds the token: %s", l)
		}
	}
	if n := len(logLines(log, "path=REDACTED")); n != 4 {
		t.Errorf("%d log lines with path=REDACTED, want 4 (token as client_id, first of two client_ids, as user id, in a path)\n%s", n, log)
	}
	t.Logf("%d hostile requests + %d recorded fixtures and a JUnit report; %d bytes of server log and %d of answers grepped: the token appears 0 times",
		len(cases), len(files)-1, len(log), answers.Len())
}

// TestShortSecretsAreRefused: a token, or a password of the base URL, too short to be told from
// data (redact.MinSecret) is one clear line and exit 2, before any request: `contract --token
// a` would otherwise turn "Indiana" into "IndiREDACTED" in what it records and reports.
func TestShortSecretsAreRefused(t *testing.T) {
	dir := t.TempDir()
	body := filepath.Join(dir, "body.json")
	if err := os.WriteFile(body, []byte(`{"login_logs":[{"Country":"Indiana"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"contract --token a", nil, []string{"contract", "--token", "a", "--response", body}, "contract: the token (--token, --token-file or SSOJET_TOKEN) is too short"},
		{"contract, SSOJET_TOKEN of 7 bytes", map[string]string{"SSOJET_TOKEN": "1234567"}, []string{"contract", "--response", body}, "is too short"},
		{"contract --token 12345678", nil, []string{"contract", "--token", "12345678", "--response", body}, "made only of characters of a number"},
		{"get --token a", nil, []string{"get", "--token", "a", "--base-url", "http://127.0.0.1:1/api/v1", "--client-id", "c", "--user-id", "u"}, "get: the token"},
		{"contract, a short password in the base URL", nil, []string{"contract", "--token", "long-enough-token", "--base-url", "http://u:pw@127.0.0.1:1/api/v1",
			"--client-id", "c", "--user-id", "u"}, "contract: the password of --base-url"},
	} {
		out, errOut, code := runCLI(t, c.env, c.args...)
		if code != exitUsage || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d and one line with %q", c.name, code, out, errOut, exitUsage, c.want)
		}
	}
	// Eight bytes that are not a number are enough.
	if _, errOut, code := runCLI(t, nil, "contract", "--token", "1234567a", "--response", body); code == exitUsage {
		t.Errorf("contract --token 1234567a: exit 2, %s", errOut)
	}
}

// TestReportsOfUTF16BodiesHoldNoToken: an answer in UTF-16 holding the token is quoted in the
// report with its NULs escaped (\x00): the text and JSON reports and JUnit hold no form of it.
func TestReportsOfUTF16BodiesHoldNoToken(t *testing.T) {
	const token = "sekret.TOKEN-0123456789abcdef"
	dir := t.TempDir()
	var utf16le redacttest.Encoding
	for _, e := range redacttest.Encodings {
		if e.Name == "utf-16le" {
			utf16le = e
		}
	}
	for i, body := range []string{`"` + token + `"`, `{"login_logs":[{"IpAddress":"` + token + `"}]}`} {
		for _, bom := range []string{"", redacttest.BOM(utf16le)} {
			file := filepath.Join(dir, "body.json")
			if err := os.WriteFile(file, []byte(bom+utf16le.Enc(body)), 0o600); err != nil {
				t.Fatal(err)
			}
			junit := filepath.Join(dir, "junit.xml")
			var out strings.Builder
			for _, format := range []string{"text", "json"} {
				stdout, stderr, code := runCLI(t, nil, "contract", "--token", token, "--response", file,
					"--content-type", "application/json; charset=utf-16", "--format", format, "--junit", junit)
				if code != exitFailed {
					t.Errorf("body %d: exit %d, want %d (not JSON)\n%s", i, code, exitFailed, stderr)
				}
				b, _ := os.ReadFile(junit)
				out.WriteString(stdout + stderr + string(b))
			}
			if s := redacttest.Survivor(out.String(), token, redact.Marker, nil); s != "" {
				t.Errorf("body %d, BOM %q: the reports give away the %s:\n%s", i, bom, s, out.String())
			}
			// Quoted up to an ellipsis, the token may lose its last NUL only.
			q := strconv.Quote(utf16le.Enc(token))
			if cut := strings.TrimSuffix(q[1:len(q)-1], `\x00`); strings.Contains(out.String(), cut) {
				t.Errorf("body %d, BOM %q: the reports give away %s:\n%s", i, bom, cut, out.String())
			}
		}
	}
}

// TestEchoedClientSecretNeverLeaks: an API that echoes the client secret contract fetched its
// token with (in a login log, an unknown member's name, an error description, a header) finds
// it in none of contract's reports, fixtures or error lines.
func TestEchoedClientSecretNeverLeaks(t *testing.T) {
	const secret = "client-SECRET-echoed-5e4d3c2b1a"
	const fetched = "fetched-token-0123456789abcdef"
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", secret)
		if r.Method == http.MethodPost {
			io.WriteString(w, `{"access_token":"`+fetched+`","token_type":"Bearer","expires_in":3600}`)
			return
		}
		if r.Header.Get("Authorization") != "Bearer "+fetched {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":"invalid_token","error_description":"you sent `+secret+`","error_code":1002}`)
			return
		}
		io.WriteString(w, `{"login_logs":[{"IpAddress":"`+secret+`","Country":"India","City":"Jaipur","UserAgent":"","Name":"x",`+
			`"Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z","`+secret+`":1}]}`)
	})
	srv := httptest.NewServer(echo)
	defer srv.Close()
	dir := t.TempDir()
	rec, junit := filepath.Join(dir, "fixtures"), filepath.Join(dir, "junit.xml")
	environ := map[string]string{"SSOJET_BASE_URL": srv.URL + "/api/v1", "SSOJET_CLIENT_ID": server.DemoClientID,
		"SSOJET_USER_ID": server.DemoUserID, "SSOJET_CLIENT_SECRET": secret}
	for _, format := range []string{"text", "json"} {
		out, errOut, code := runCLI(t, environ, "contract", "--record", rec, "--junit", junit, "--format", format)
		if code == exitOK || code == exitUsage {
			t.Errorf("contract --format %s against an API whose 401s lack SSOJet's fields: exit %d\n%s%s", format, code, out, errOut)
		}
		files, _ := filepath.Glob(filepath.Join(rec, "*"))
		for _, f := range append(files, junit) {
			b, _ := os.ReadFile(f)
			out += string(b)
		}
		if strings.Contains(out+errOut, secret) || strings.Contains(out, base64.StdEncoding.EncodeToString([]byte(secret))[:20]) {
			t.Errorf("contract --format %s: the client secret shows in its output, report or fixtures:\n%s\n%s", format, out, errOut)
		}
	}
	// Offline, and live with a token given: the secret in the environment is redacted too.
	body := writeFile(t, dir, "body.json", `{"login_logs":[{"IpAddress":"`+secret+`","Country":"India","City":"Jaipur",`+
		`"UserAgent":"","Name":"x","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"}]}`)
	environ["SSOJET_TOKEN"] = fetched
	for _, args := range [][]string{{"contract", "--response", body}, {"contract", "--only", "documented-request"}} {
		out, errOut, _ := runCLI(t, environ, args...)
		if strings.Contains(out+errOut, secret) {
			t.Errorf("%v with SSOJET_CLIENT_SECRET set: the client secret shows:\n%s\n%s", args, out, errOut)
		}
	}
}
