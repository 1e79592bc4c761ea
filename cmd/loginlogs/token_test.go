package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/server"
)

var devSecretLine = regexp.MustCompile(`export SSOJET_CLIENT_SECRET=(\S+); then loginlogs token`)

// startWithSecrets serves with a --client-secrets file of the demo client and returns the API's
// base URL and the secret.
func startWithSecrets(t *testing.T, extra ...string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	const secret = "ci-secret-of-the-demo-client-0123"
	secrets := filepath.Join(dir, "client-secrets")
	tokens := filepath.Join(dir, "tokens")
	os.WriteFile(secrets, []byte("# client_secret client_id\n"+secret+" "+server.DemoClientID+"\n"), 0o600)
	os.WriteFile(tokens, []byte("static-token-0123456789 "+server.DemoClientID+"\n"), 0o600)
	stdout, _, _ := startServe(t, append([]string{"--addr", "127.0.0.1:0", "--database-url", filepath.Join(dir, "db"),
		"--tokens", tokens, "--client-secrets", secrets}, extra...), noEnv)
	return servingLine.FindStringSubmatch(stdout.String())[1] + "/api/v1", secret
}

// TestTokenVerbAndFetchedTokens: `token` prints a token the reference server accepts; contract
// and get with no token but the client secret in the variable --client-secret-env names fetch
// one and pass; neither the secret nor a fetched token is ever printed.
func TestTokenVerbAndFetchedTokens(t *testing.T) {
	base, secret := startWithSecrets(t)
	environ := map[string]string{
		"SSOJET_BASE_URL": base, "SSOJET_CLIENT_ID": server.DemoClientID, "SSOJET_USER_ID": server.DemoUserID,
		"CI_SECRET": secret,
	}
	out, errOut, code := runCLI(t, environ, "token", "--client-secret-env", "CI_SECRET")
	tok := strings.TrimSpace(out)
	if code != exitOK || strings.Count(tok, ".") != 2 {
		t.Fatalf("token: exit %d, stdout %q, stderr %q; want 0 and a JWT", code, out, errOut)
	}
	res, err := sdkClient(t, strings.TrimSuffix(base, "/api/v1"), tok).ListUserLoginLogsWithResponse(t.Context(), server.DemoUserID,
		&ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID})
	if err != nil || res.StatusCode() != http.StatusOK {
		t.Fatalf("GET with the printed token: %v, status %d", err, res.StatusCode())
	}

	for _, args := range [][]string{
		{"contract", "--client-secret-env", "CI_SECRET"},
		{"get", "--client-secret-env", "CI_SECRET", "--format", "ndjson"},
	} {
		out, errOut, code := runCLI(t, environ, args...)
		if code != exitOK {
			t.Errorf("%v without a token: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", args, code, out, errOut)
		}
		if args[0] == "get" && strings.Count(out, "\n") != 24 {
			t.Errorf("%v: %d lines, want the demo user's 24 logs", args, strings.Count(out, "\n"))
		}
		if strings.Contains(out+errOut, secret) || strings.Contains(out+errOut, "eyJ") {
			t.Errorf("%v printed the secret or a token:\n%s\n%s", args, out, errOut)
		}
	}
	// SSOJET_CLIENT_SECRET is the default variable.
	environ["SSOJET_CLIENT_SECRET"] = secret
	if out, errOut, code := runCLI(t, environ, "get", "--format", "ndjson"); code != exitOK {
		t.Errorf("get with SSOJET_CLIENT_SECRET: exit %d\n%s%s", code, out, errOut)
	}
}

// TestTokenRefusals: a wrong secret, a missing variable or client id is a one-line set-up or
// usage error (exit 2) that never quotes the secret.
func TestTokenRefusals(t *testing.T) {
	base, _ := startWithSecrets(t)
	const wrong = "wrong-secret-wrong-secret-wrong"
	tests := []struct {
		name    string
		environ map[string]string
		args    []string
		want    string
	}{
		{"wrong secret", map[string]string{"SSOJET_BASE_URL": base, "SSOJET_CLIENT_ID": server.DemoClientID, "SSOJET_CLIENT_SECRET": wrong},
			[]string{"token"}, "401 Unauthorized: invalid_client (1001): The client_id or client_secret is not valid. — check SSOJET_CLIENT_ID (--client-id), the client secret (SSOJET_CLIENT_SECRET, or the variable --client-secret-env names) and SSOJET_BASE_URL (--base-url)"},
		// A base URL without /api/v1 reaches no token endpoint: the line names that setting alone.
		{"base URL without /api/v1", map[string]string{"SSOJET_BASE_URL": strings.TrimSuffix(base, "/api/v1"), "SSOJET_CLIENT_ID": server.DemoClientID, "SSOJET_CLIENT_SECRET": wrong},
			[]string{"token"}, "404 Not Found: resource_not_found (801): Resource not found. — check SSOJET_BASE_URL (--base-url): SSOJet's ends in /api/v1"},
		{"wrong secret in contract", map[string]string{"SSOJET_BASE_URL": base, "SSOJET_CLIENT_ID": server.DemoClientID, "SSOJET_USER_ID": server.DemoUserID, "SSOJET_CLIENT_SECRET": wrong},
			[]string{"contract"}, "invalid_client"},
		{"unset variable", map[string]string{"SSOJET_BASE_URL": base, "SSOJET_CLIENT_ID": server.DemoClientID},
			[]string{"token", "--client-secret-env", "NOPE"}, "--client-secret-env NOPE: the variable is unset or empty"},
		{"no client id", map[string]string{"SSOJET_BASE_URL": base, "SSOJET_CLIENT_SECRET": wrong},
			[]string{"token"}, "missing --client-id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.environ, tt.args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("%v: exit %d, stderr %q; want 2 and one line with %q (stdout %q)", tt.args, code, errOut, tt.want, out)
			}
			if strings.Contains(out+errOut, wrong) {
				t.Errorf("%v quoted the secret: %s", tt.args, errOut)
			}
		})
	}
}

// TestTokenRateLimited: a server with --rate-limit answers a client that had its tokens 429
// with Retry-After; token says so in one line (exit 2) without sending the user to check
// credentials that are right; nor does it for a server that fails (503).
func TestTokenRateLimited(t *testing.T) {
	base, secret := startWithSecrets(t, "--rate-limit", "0.001", "--rate-burst", "1")
	environ := map[string]string{"SSOJET_BASE_URL": base, "SSOJET_CLIENT_ID": server.DemoClientID, "SSOJET_CLIENT_SECRET": secret}
	if out, errOut, code := runCLI(t, environ, "token"); code != exitOK {
		t.Fatalf("token: exit %d, stdout %q, stderr %q; want 0", code, out, errOut)
	}
	out, errOut, code := runCLI(t, environ, "token")
	const want = "429 Too Many Requests: rate_limit_exceeded (829)"
	if code != exitUsage || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "(retry after ") {
		t.Errorf("token again: exit %d, stdout %q, stderr %q; want 2 and one line with %q and the wait", code, out, errOut, want)
	}
	if strings.Contains(errOut, "check SSOJET_CLIENT_ID") || strings.Contains(errOut, secret) {
		t.Errorf("token again: %q sends the user to check the credentials, or quotes the secret", errOut)
	}

	// A failing server (503 to every request) is not the credentials' fault either.
	base, secret = startWithSecrets(t, "--error-rate", "1")
	environ = map[string]string{"SSOJET_BASE_URL": base, "SSOJET_CLIENT_ID": server.DemoClientID, "SSOJET_CLIENT_SECRET": secret}
	out, errOut, code = runCLI(t, environ, "token")
	if code != exitUsage || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "503 Service Unavailable") || strings.Contains(errOut, "check SSOJET_CLIENT_ID") {
		t.Errorf("token from a server failing every request: exit %d, stdout %q, stderr %q; want 2 and one line with the 503, naming no credentials", code, out, errOut)
	}
}

// TestServeDevClientSecret: serve without --tokens prints a development secret of the demo
// client, which `token` turns into a token that works.
func TestServeDevClientSecret(t *testing.T) {
	stdout, _, _ := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", filepath.Join(t.TempDir(), "db")}, noEnv)
	m := devSecretLine.FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("serve printed no development client secret:\n%s", stdout.String())
	}
	base := servingLine.FindStringSubmatch(stdout.String())[1]
	environ := map[string]string{"SSOJET_BASE_URL": base + "/api/v1", "SSOJET_CLIENT_ID": server.DemoClientID, "SSOJET_CLIENT_SECRET": m[1]}
	out, errOut, code := runCLI(t, environ, "token")
	if code != exitOK {
		t.Fatalf("token with the development secret: exit %d, %s", code, errOut)
	}
	res, err := sdkClient(t, base, strings.TrimSpace(out)).ListUserLoginLogsWithResponse(t.Context(), server.DemoUserID,
		&ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID})
	if err != nil || res.StatusCode() != http.StatusOK {
		t.Errorf("GET with the development client's token: %v, status %d", err, res.StatusCode())
	}
}

// TestTokenNoHeaderCanCarry: an access_token with a space, a control character or a character
// that is not ASCII is not a bearer token (RFC 6750's b64token has none), and the SDK refuses it.
// `token` refuses it in one line (exit 2) instead of printing it, control characters and line
// breaks included, and so does a verb that fetches a token, naming the access_token.
func TestTokenNoHeaderCanCarry(t *testing.T) {
	for _, bad := range []string{"abc\x1b[31mdef\nevil-token", "two words-token", "tab\there-token", "caf\u00e9-token-0123"} {
		api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]any{"access_token": bad, "token_type": "Bearer", "expires_in": 3600})
		}))
		t.Cleanup(api.Close)
		if _, err := sdk.New(api.URL+"/api/v1", bad); err == nil {
			t.Fatalf("the SDK takes the token %q: the case is not one it refuses", bad)
		}
		environ := map[string]string{"SSOJET_BASE_URL": api.URL + "/api/v1", "SSOJET_CLIENT_ID": server.DemoClientID,
			"SSOJET_USER_ID": server.DemoUserID, "SSOJET_CLIENT_SECRET": "the-client-secret-0123"}
		for _, args := range [][]string{{"token"}, {"get"}} {
			out, errOut, code := runCLI(t, environ, args...)
			if code != exitUsage || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "access_token") {
				t.Errorf("%v, access_token %q: exit %d, stdout %q, stderr %q; want 2, nothing on stdout and one line naming the access_token", args, bad, code, out, errOut)
			}
			if strings.Contains(errOut, "evil") || strings.Contains(errOut, "\x1b") {
				t.Errorf("%v printed the token: %q", args, errOut)
			}
		}
	}
}

// TestSecretsFilesSayWhatTheyHold: a bad line or a repeated value of --client-secrets or
// --tokens is a one-line usage error that names the file's own format and never the value.
func TestSecretsFilesSayWhatTheyHold(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(text), 0o600)
		return path
	}
	tokens := write("tokens", "static-token-0123456789 "+server.DemoClientID+"\n")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"secrets: three fields", []string{"--tokens", tokens, "--client-secrets", write("s1", "hush-hush-0123 cli_a extra\n")},
			"--client-secrets: " + filepath.Join(dir, "s1") + ": line 1: want `client_secret client_id`"},
		{"secrets: repeated", []string{"--tokens", tokens, "--client-secrets", write("s2", "hush-hush-0123 cli_a\nhush-hush-0123 cli_b\n")},
			"--client-secrets: " + filepath.Join(dir, "s2") + ": lines 1 and 2: the same client_secret is listed twice"},
		{"tokens: one field", []string{"--tokens", write("t1", "hush-hush-0123\n")},
			"--tokens: " + filepath.Join(dir, "t1") + ": line 1: want `token client_id`"},
		{"tokens: repeated", []string{"--tokens", write("t2", "hush-hush-0123 cli_a\nhush-hush-0123 cli_b\n")},
			"--tokens: " + filepath.Join(dir, "t2") + ": lines 1 and 2: the same token is listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"serve", "--addr", "127.0.0.1:0", "--database-url", filepath.Join(dir, "db")}, tt.args...)
			out, errOut, code := runCLI(t, nil, args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) || strings.Count(errOut, "\n") != 1 || strings.Count(errOut, "want") != 1 && strings.Contains(tt.want, "want") {
				t.Errorf("%v: exit %d, stderr %q; want 2 and one line with %q and no other format (stdout %q)", tt.args, code, errOut, tt.want, out)
			}
			if strings.Contains(errOut, "hush-hush") {
				t.Errorf("%v quoted the value: %s", tt.args, errOut)
			}
		})
	}
}

// TestTokenHelpSaysWhatItDoes: token's --help describes its own use of --client-secret-env (it
// always fetches a token), not that of the verbs that fetch one only when none is given.
func TestTokenHelpSaysWhatItDoes(t *testing.T) {
	out, _, code := runCLI(t, nil, "token", "--help")
	i := strings.Index(out, "      --client-secret-env")
	if code != exitOK || i < 0 {
		t.Fatalf("token --help: exit %d\n%s", code, out)
	}
	line, _, _ := strings.Cut(out[i:], "\n")
	if strings.Contains(line, "no token given") || !strings.Contains(line, "client secret") {
		t.Errorf("token --help: %q, want what token does with the variable", line)
	}
}

// TestTokenEndpointUnreachable: a token endpoint that cannot be reached is a one-line set-up
// error (exit 2) that names the setting to check, SSOJET_BASE_URL, as get's and contract's
// network errors do, whether token or a verb fetching a token meets it.
func TestTokenEndpointUnreachable(t *testing.T) {
	closed := refused(t) + "/api/v1"
	environ := map[string]string{"SSOJET_BASE_URL": closed, "SSOJET_CLIENT_ID": server.DemoClientID,
		"SSOJET_USER_ID": server.DemoUserID, "SSOJET_CLIENT_SECRET": "the-client-secret-0123"}
	for _, args := range [][]string{{"token"}, {"get"}, {"contract"}} {
		out, errOut, code := runCLI(t, environ, args...)
		if code != exitUsage || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, unreachableHint) {
			t.Errorf("%v, token endpoint unreachable: exit %d, stdout %q, stderr %q; want 2 and one line ending %q", args, code, out, errOut, unreachableHint)
		}
	}
}

// TestTokenEndpointAnswersNoHTTP: a token endpoint that answers in bytes that do not read as
// HTTP was reached: the one line (exit 2) says the API answered, as get's does for the API, not
// that it could not be reached nor to check that it is up.
func TestTokenEndpointAnswersNoHTTP(t *testing.T) {
	environ := map[string]string{"SSOJET_BASE_URL": fakeapi.Raw(t, "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\n{}") + "/api/v1",
		"SSOJET_CLIENT_ID": server.DemoClientID, "SSOJET_USER_ID": server.DemoUserID, "SSOJET_CLIENT_SECRET": "the-client-secret-0123"}
	for _, args := range [][]string{{"token"}, {"get"}, {"contract"}} {
		out, errOut, code := runCLI(t, environ, args...)
		if code != exitUsage || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "the API answered, but") || strings.Contains(errOut, "up there") {
			t.Errorf("%v, token endpoint answering no HTTP: exit %d, stdout %q, stderr %q; want 2 and one line saying the API answered", args, code, out, errOut)
		}
	}
}
