package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/server"
)

// TestHostileInput sends hostile requests to `serve` (the real http.Server with its limits and
// timeouts) over real HTTP. Each gets the documented status; SSOJet's error body, validated
// against the contract where the contract covers the path and method; the headers it calls
// for. docs/decisions.md ("Hostile input") lists the decisions.
func TestHostileInput(t *testing.T) {
	const token = "hostile-test-token"
	dir := t.TempDir()
	tokens := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokens, []byte(token+" "+server.DemoClientID+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _, _ := startServe(t, []string{"--addr", "127.0.0.1:0", "--tokens", tokens,
		"--database-url", "sqlite:" + filepath.Join(dir, "loginlogs.db")}, noEnv)
	base := servingLine.FindStringSubmatch(stdout.String())[1]
	users := "/api/v1/users/"
	demo := users + server.DemoUserID + "/loginlogs"
	cid := "client_id=" + url.QueryEscape(server.DemoClientID)
	bearer := "Bearer " + token
	cc := newContractCheck(t)

	cases := []struct {
		name, method, target string // target: path and query, sent as is
		auth                 string
		header               [2]string // one more header
		status, code         int       // code 0: the body is net/http's own, not SSOJet's
		wantHeader           [2]string
		contract             bool // the contract covers this path and method: validate the answer
	}{
		{name: "baseline", method: "GET", target: demo + "?" + cid, auth: bearer, status: 200, contract: true},
		{name: "header beyond MaxHeaderBytes", method: "GET", target: demo + "?" + cid, auth: bearer,
			header: [2]string{"X-Big", strings.Repeat("a", 32<<10)}, status: 431},
		{name: "query string beyond MaxHeaderBytes", method: "GET", target: demo + "?" + cid + "&pad=" + strings.Repeat("a", 32<<10), auth: bearer, status: 431},
		{name: "10,000-character user id", method: "GET", target: users + strings.Repeat("a", 10_000) + "/loginlogs?" + cid, auth: bearer, status: 400, code: 800, contract: true},
		{name: "10,000-character client_id", method: "GET", target: demo + "?client_id=" + strings.Repeat("c", 10_000), auth: bearer, status: 400, code: 842, contract: true},
		{name: "percent-encoded slash in user id", method: "GET", target: users + "a%2Fb/loginlogs?" + cid, auth: bearer, status: 404, code: 801, contract: true},
		{name: "percent-encoded dot-dot user id", method: "GET", target: users + "%2E%2E/loginlogs?" + cid, auth: bearer, status: 404, code: 801, contract: true},
		{name: "dot-dot user id", method: "GET", target: users + "../loginlogs?" + cid, auth: bearer, status: 404, code: 801, contract: true},
		{name: "dot-dot escaping the API", method: "GET", target: users + server.DemoUserID + "/../../../healthz?" + cid, auth: bearer, status: 404, code: 801},
		{name: "encoded slash and dots reaching the seed user", method: "GET", target: users + "x%2F..%2F" + server.DemoUserID + "/loginlogs?" + cid, auth: bearer, status: 404, code: 801, contract: true},
		// The contract allows any string as an id: no such user, or not the token's client.
		{name: "NUL in user id", method: "GET", target: users + "a%00b/loginlogs?" + cid, auth: bearer, status: 404, code: 801, contract: true},
		{name: "invalid UTF-8 in user id", method: "GET", target: users + "%ff%fe/loginlogs?" + cid, auth: bearer, status: 404, code: 801, contract: true},
		{name: "NUL in client_id", method: "GET", target: demo + "?" + cid + "%00", auth: bearer, status: 403, code: 1003, contract: true},
		{name: "client_id twice, the seed's curl", method: "GET", target: demo + "?client_id=string&client_id=", auth: bearer, status: 400, code: 842, contract: true},
		{name: "client_id twice, same value", method: "GET", target: demo + "?" + cid + "&" + cid, auth: bearer, status: 400, code: 842, contract: true},
		{name: "client_id twice, without a token", method: "GET", target: demo + "?" + cid + "&" + cid, status: 400, code: 842, contract: true},
		{name: "empty client_id", method: "GET", target: demo + "?client_id=", auth: bearer, status: 400, code: 842, contract: true},
		{name: "token with a space", method: "GET", target: demo + "?" + cid, auth: "Bearer hostile-test token", status: 401, code: 1002, contract: true,
			wantHeader: [2]string{"WWW-Authenticate", `Bearer realm="ssojet", error="invalid_token"`}},
		{name: "unicode token", method: "GET", target: demo + "?" + cid, auth: "Bearer tökén-✓", status: 401, code: 1002, contract: true},
		{name: "Bearer without a token", method: "GET", target: demo + "?" + cid, auth: "Bearer    ", status: 401, code: 1002, contract: true},
		{name: "Basic scheme", method: "GET", target: demo + "?" + cid, auth: "Basic aG9zdGlsZS10ZXN0LXRva2VuOg==", status: 401, code: 1002, contract: true},
		{name: "token without a scheme", method: "GET", target: demo + "?" + cid, auth: token, status: 401, code: 1002, contract: true},
		{name: "lowercase bearer (RFC 6750: case-insensitive)", method: "GET", target: demo + "?" + cid, auth: "bearer " + token, status: 200, contract: true},
		{name: "uppercase BEARER", method: "GET", target: demo + "?" + cid, auth: "BEARER " + token, status: 200, contract: true},
		{name: "POST", method: "POST", target: demo + "?" + cid, auth: bearer, status: 405, code: 805, wantHeader: [2]string{"Allow", "GET, HEAD"}},
		{name: "PUT", method: "PUT", target: demo + "?" + cid, auth: bearer, status: 405, code: 805, wantHeader: [2]string{"Allow", "GET, HEAD"}},
		{name: "DELETE", method: "DELETE", target: demo + "?" + cid, auth: bearer, status: 405, code: 805, wantHeader: [2]string{"Allow", "GET, HEAD"}},
		{name: "PATCH", method: "PATCH", target: demo + "?" + cid, auth: bearer, status: 405, code: 805, wantHeader: [2]string{"Allow", "GET, HEAD"}},
		{name: "OPTIONS", method: "OPTIONS", target: demo + "?" + cid, auth: bearer, status: 405, code: 805, wantHeader: [2]string{"Allow", "GET, HEAD"}},
		{name: "HEAD, GET without its body", method: "HEAD", target: demo + "?" + cid, auth: bearer, status: 200, wantHeader: [2]string{"Content-Type", "application/json"}},
		{name: "unknown method", method: "BREW", target: demo + "?" + cid, auth: bearer, status: 405, code: 805, wantHeader: [2]string{"Allow", "GET, HEAD"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), c.method, base+c.target, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.auth != "" {
				req.Header.Set("Authorization", c.auth)
			}
			if c.header[0] != "" {
				req.Header.Set(c.header[0], c.header[1])
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("%s %.80s: %v", c.method, c.target, err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != c.status {
				t.Fatalf("%s %.80s: status %d, want %d\n%.300s", c.method, c.target, res.StatusCode, c.status, body)
			}
			if c.wantHeader[0] != "" && res.Header.Get(c.wantHeader[0]) != c.wantHeader[1] {
				t.Errorf("%s %.80s: %s %q, want %q", c.method, c.target, c.wantHeader[0], res.Header.Get(c.wantHeader[0]), c.wantHeader[1])
			}
			if c.code != 0 {
				checkSSOJetError(t, res, body, c.code)
			}
			if c.contract {
				if err := cc.check(res, body); err != nil {
					t.Error(err)
				}
			}
		})
	}

	// What net/http refuses before any handler runs: its own plain-text answers.
	raw := []struct {
		name, request string
		status        int
	}{
		{"control character in a header value", "GET " + demo + "?" + cid + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\x01b\r\n\r\n", 400},
		{"space in the request target", "GET " + users + "a b/loginlogs?" + cid + " HTTP/1.1\r\nHost: x\r\n\r\n", 400},
		{"no Host header", "GET " + demo + "?" + cid + " HTTP/1.1\r\n\r\n", 400},
	}
	addr := strings.TrimPrefix(base, "http://")
	for _, c := range raw {
		t.Run(c.name, func(t *testing.T) {
			conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(10 * time.Second))
			if _, err := io.WriteString(conn, c.request); err != nil {
				t.Fatal(err)
			}
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("read answer: %v", err)
			}
			res.Body.Close()
			if res.StatusCode != c.status {
				t.Errorf("%q: status %d, want %d", c.request, res.StatusCode, c.status)
			}
		})
	}
}

// checkSSOJetError checks SSOJet's error body and its error_code.
func checkSSOJetError(t *testing.T, res *http.Response, body []byte, code int) {
	t.Helper()
	var e struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
		ErrorCode        int    `json:"error_code"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("%s %.80s: not SSOJet's error shape: %v\n%.300s", res.Request.Method, res.Request.URL, err, body)
	}
	if e.ErrorCode != code || e.Error == "" || e.ErrorDescription == "" {
		t.Errorf("%s %.80s: error %+v, want error_code %d with error and error_description", res.Request.Method, res.Request.URL, e, code)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %.80s: Content-Type %q, want application/json", res.Request.Method, res.Request.URL, ct)
	}
}
