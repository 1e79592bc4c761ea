package server_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

const secretA = "secret-of-the-demo-client"

// startIssuing serves the whole stack with an Issuer of tokens for the demo client (secretA)
// and client B, and limit as its RateLimiter (nil: none), and fails the test if the log ever
// holds a secret or an issued token.
func startIssuing(t *testing.T, limit *server.RateLimiter) (string, *logBuffer, *[]string) {
	t.Helper()
	logs := &logBuffer{}
	secrets := &server.Tokens{}
	secrets.Add(secretA, server.DemoClientID)
	secrets.Add("secret-of-client-b", clientB)
	iss := server.NewIssuer(secrets, 0)
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	tokens.AcceptIssued(iss)
	h := server.NewHandler(server.Config{
		Store: seededSQLite(t), Validator: validator(t), Tokens: tokens, Issuer: iss, RateLimiter: limit,
		Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	issued := &[]string{}
	t.Cleanup(func() {
		for _, s := range append([]string{secretA, "secret-of-client-b"}, *issued...) {
			if strings.Contains(logs.String(), s) {
				t.Errorf("the server logged a secret or an issued token:\n%s", logs.String())
			}
		}
	})
	return ts.URL, logs, issued
}

// postToken sends a token request with the raw body and returns the answer, judged by
// kin-openapi (package oracle).
func postToken(t *testing.T, url, contentType, body string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Post(url+validate.BasePath+"/oauth2/token", contentType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	checkContract(t, res, b)
	return res, b
}

// TestTokenEndpointIssuesWorkingTokens: the generated client's CreateToken gets a token that
// the generated client then reads the demo user's logs with; it is an RS256 JWT of the client,
// valid for expires_in 3600 seconds, and no cache may keep it.
func TestTokenEndpointIssuesWorkingTokens(t *testing.T) {
	url, _, issued := startIssuing(t, nil)
	c, err := ssojet.NewClientWithResponses(url + validate.BasePath)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateTokenWithResponse(t.Context(), ssojet.CreateTokenJSONRequestBody{
		GrantType: "client_credentials", ClientId: server.DemoClientID, ClientSecret: secretA,
	})
	if err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	if res.StatusCode() != http.StatusOK || res.JSON200 == nil {
		t.Fatalf("CreateToken: status %d, want 200\n%s", res.StatusCode(), res.Body)
	}
	checkContract(t, res.HTTPResponse, res.Body)
	tok := res.JSON200
	*issued = append(*issued, tok.AccessToken)
	if tok.TokenType != "Bearer" || tok.ExpiresIn != 3600 {
		t.Errorf("CreateToken: token_type %q, expires_in %d; want Bearer, 3600", tok.TokenType, tok.ExpiresIn)
	}
	if cc := res.HTTPResponse.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("CreateToken: Cache-Control %q, want no-store", cc)
	}
	parts := strings.Split(tok.AccessToken, ".")
	if len(parts) != 3 {
		t.Fatalf("access_token has %d dot-separated parts, want a JWT's 3", len(parts))
	}
	var header struct{ Alg string }
	var claims struct {
		ClientID string `json:"client_id"`
		Iat, Exp int64
	}
	for i, v := range []any{&header, &claims} {
		b, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil || json.Unmarshal(b, v) != nil {
			t.Fatalf("JWT segment %d does not decode: %v", i, err)
		}
	}
	if header.Alg != "RS256" || claims.ClientID != server.DemoClientID || claims.Exp-claims.Iat != 3600 {
		t.Errorf("JWT: alg %q, client_id %q, exp-iat %d; want RS256, %s, 3600", header.Alg, claims.ClientID, claims.Exp-claims.Iat, server.DemoClientID)
	}

	logs, err := sdk(t, url, tok.AccessToken).ListUserLoginLogsWithResponse(t.Context(), server.DemoUserID,
		&ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID})
	if err != nil || logs.StatusCode() != http.StatusOK || logs.JSON200 == nil || len(logs.JSON200.LoginLogs) != 24 {
		t.Fatalf("ListUserLoginLogs with the issued token: %v, status %d\n%s", err, logs.StatusCode(), logs.Body)
	}
	// The token belongs to its client only.
	other, err := sdk(t, url, tok.AccessToken).ListUserLoginLogsWithResponse(t.Context(), userB,
		&ssojet.ListUserLoginLogsParams{ClientId: clientB})
	if err != nil || other.StatusCode() != http.StatusForbidden {
		t.Errorf("ListUserLoginLogs of client B with the demo client's issued token: %v, status %d, want 403", err, other.StatusCode())
	}
	// A token changed by one character of its signature (one that carries six bits) is not valid.
	i, ch := len(tok.AccessToken)-10, "A"
	if tok.AccessToken[i] == 'A' {
		ch = "B"
	}
	forged := tok.AccessToken[:i] + ch + tok.AccessToken[i+1:]
	bad, err := sdk(t, url, forged).ListUserLoginLogsWithResponse(t.Context(), server.DemoUserID,
		&ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID})
	if err != nil || bad.StatusCode() != http.StatusUnauthorized {
		t.Errorf("ListUserLoginLogs with a forged token: %v, status %d, want 401", err, bad.StatusCode())
	}
}

// TestTokenEndpointRefusals: every refusal is a documented answer in SSOJet's shape.
func TestTokenEndpointRefusals(t *testing.T) {
	url, _, _ := startIssuing(t, nil)
	body := func(grant, client, secret string) string {
		b, _ := json.Marshal(map[string]string{"grant_type": grant, "client_id": client, "client_secret": secret})
		return string(b)
	}
	tests := []struct {
		name, contentType, body string
		status                  int
		errName                 string
	}{
		{"wrong secret", "application/json", body("client_credentials", server.DemoClientID, "nope"), 401, "invalid_client"},
		{"another client's secret", "application/json", body("client_credentials", server.DemoClientID, "secret-of-client-b"), 401, "invalid_client"},
		{"unknown client", "application/json", body("client_credentials", "cli_nobody", secretA), 401, "invalid_client"},
		{"other grant type", "application/json", body("password", server.DemoClientID, secretA), 400, "unsupported_grant_type"},
		{"no secret", "application/json", `{"grant_type":"client_credentials","client_id":"x"}`, 400, "malformed_request"},
		{"not JSON", "application/json", `grant_type=client_credentials`, 400, "malformed_request"},
		{"form body", "application/x-www-form-urlencoded", `grant_type=client_credentials&client_id=x&client_secret=y`, 400, "malformed_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, b := postToken(t, url, tt.contentType, tt.body)
			var e struct{ Error string }
			json.Unmarshal(b, &e)
			if res.StatusCode != tt.status || e.Error != tt.errName {
				t.Errorf("POST /oauth2/token %s: %d %s, want %d %s", tt.body, res.StatusCode, b, tt.status, tt.errName)
			}
			if bytes.Contains(b, []byte(secretA)) {
				t.Errorf("POST /oauth2/token: the answer quotes the secret: %s", b)
			}
		})
	}
}

// TestTokenEndpointWithoutClients: a server configured with no client secrets refuses every
// client with 401, in the contract's shape.
func TestTokenEndpointWithoutClients(t *testing.T) {
	url, _ := start(t, setup{})
	res, b := postToken(t, url, "application/json", `{"grant_type":"client_credentials","client_id":"a","client_secret":"b"}`)
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("POST /oauth2/token without an Issuer: %d %s, want 401", res.StatusCode, b)
	}
}

// TestTokenRequestIsOneJSONText: a token request whose body holds data after its JSON value, or
// nests deeper than jsonstream.MaxDepth, is not one JSON text the project reads (the two points
// where its verdict is stricter than kin-openapi's, as for responses): 400 malformed_request,
// and no token, though kin-openapi alone lets both through.
func TestTokenRequestIsOneJSONText(t *testing.T) {
	url, _, _ := startIssuing(t, nil)
	good := `{"grant_type":"client_credentials","client_id":"` + server.DemoClientID + `","client_secret":"` + secretA + `"`
	deep := strings.Repeat("[", jsonstream.MaxDepth+1) + strings.Repeat("]", jsonstream.MaxDepth+1)
	o, err := judge()
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"trailing data":  good + `} {"grant_type":"password"}`,
		"trailing word":  good + `} trailing`,
		"deeper than 64": good + `,"extra":` + deep + `}`,
	} {
		t.Run(name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "http://h"+validate.BasePath+"/oauth2/token", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if err := o.Request(req); err != nil {
				t.Fatalf("kin-openapi refuses the body itself (%v): the case tests nothing beyond it", err)
			}
			if !oracle.Trailing([]byte(body)) && oracle.Depth([]byte(body)) <= jsonstream.MaxDepth {
				t.Fatalf("the body has neither trailing data nor depth beyond %d", jsonstream.MaxDepth)
			}
			res, b := postToken(t, url, "application/json", body)
			var e struct{ Error string }
			json.Unmarshal(b, &e)
			if res.StatusCode != http.StatusBadRequest || e.Error != "malformed_request" {
				t.Errorf("POST /oauth2/token %s: %d %s, want 400 malformed_request", name, res.StatusCode, b)
			}
		})
	}
}

// TestViolationKindsAreTheHelpsKinds: each kind a client's violations are counted under is one
// the Help of loginlogs_violations_total names, the request body's among them.
func TestViolationKindsAreTheHelpsKinds(t *testing.T) {
	url, _, _ := startIssuing(t, nil)
	postToken(t, url, "application/json", `{"grant_type":"client_credentials","client_id":"x"}`)
	for _, target := range []string{"/users/u/loginlogs", "/users/" + strings.Repeat("u", 65) + "/loginlogs?client_id=c"} {
		if res, err := http.Get(url + validate.BasePath + target); err == nil {
			res.Body.Close()
		}
	}
	family := server.MetricFamilies(t, url)["loginlogs_violations_total"]
	kinds := map[string]bool{}
	for _, m := range family.GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "kind" {
				kinds[l.GetValue()] = true
			}
		}
	}
	if !kinds["request body"] || !kinds["query"] || !kinds["path"] {
		t.Fatalf("loginlogs_violations_total kinds %v, want the request body's, the query's and the path's", kinds)
	}
	_, listed, _ := strings.Cut(family.GetHelp(), "kind (")
	listed, _, _ = strings.Cut(listed, ")")
	for kind := range kinds {
		if !slices.Contains(strings.Split(listed, ", "), kind) {
			t.Errorf("kind %q is not among the kinds the Help names: %q", kind, family.GetHelp())
		}
	}
}

// TestTokenIssuanceRateLimited: with a RateLimiter, each client may have tokens issued at its
// rate and burst; beyond it the token endpoint answers its documented 429 rate_limit_exceeded
// with Retry-After (judged by kin-openapi), before signing anything. A wrong secret is still 401
// and spends nothing, another client has its own bucket, and requests with a token are limited
// per token.
func TestTokenIssuanceRateLimited(t *testing.T) {
	url, _, issued := startIssuing(t, server.NewRateLimiter(0.001, 2)) // no refill during the test
	request := func(client, secret string) string {
		b, _ := json.Marshal(map[string]string{"grant_type": "client_credentials", "client_id": client, "client_secret": secret})
		return string(b)
	}
	for i, tt := range []struct {
		name, body, errName string
		status              int
	}{
		{"first token", request(server.DemoClientID, secretA), "", 200},
		{"second token (the burst)", request(server.DemoClientID, secretA), "", 200},
		{"third token", request(server.DemoClientID, secretA), "rate_limit_exceeded", 429},
		{"wrong secret", request(server.DemoClientID, "nope"), "invalid_client", 401},
		{"another client", request(clientB, "secret-of-client-b"), "", 200},
		{"third token again", request(server.DemoClientID, secretA), "rate_limit_exceeded", 429},
	} {
		res, b := postToken(t, url, "application/json", tt.body)
		var answer struct {
			Error       string
			AccessToken string `json:"access_token"`
		}
		json.Unmarshal(b, &answer)
		if answer.AccessToken != "" {
			*issued = append(*issued, answer.AccessToken)
		}
		if res.StatusCode != tt.status || answer.Error != tt.errName {
			t.Errorf("%d. POST /oauth2/token, %s: %d %s; want %d %s", i+1, tt.name, res.StatusCode, b, tt.status, tt.errName)
		}
		if ra := res.Header.Get("Retry-After"); tt.status == 429 && (ra == "" || ra == "0") {
			t.Errorf("%d. POST /oauth2/token, %s: Retry-After %q, want a number of seconds", i+1, tt.name, ra)
		}
	}
	logs, err := sdk(t, url, tokenA).ListUserLoginLogsWithResponse(t.Context(), server.DemoUserID,
		&ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID})
	if err != nil || logs.StatusCode() != http.StatusOK {
		t.Errorf("ListUserLoginLogs with the demo client's token after its tokens ran out: %v, status %d", err, logs.StatusCode())
	}
}

// TestIssuedTokensShareTheirClientsLimit: the tokens issued to one client share one bucket of
// the rate limit (and one share of large answers), so that having more tokens issued does not
// buy more requests; a listed token and another client's issued tokens keep their own.
func TestIssuedTokensShareTheirClientsLimit(t *testing.T) {
	url, _, issued := startIssuing(t, server.NewRateLimiter(0.001, 3)) // no refill during the test
	issue := func(client, secret string) string {
		t.Helper()
		b, _ := json.Marshal(map[string]string{"grant_type": "client_credentials", "client_id": client, "client_secret": secret})
		res, body := postToken(t, url, "application/json", string(b))
		var tok struct {
			AccessToken string `json:"access_token"`
		}
		if json.Unmarshal(body, &tok); res.StatusCode != http.StatusOK || tok.AccessToken == "" {
			t.Fatalf("POST /oauth2/token for %s: %d %s", client, res.StatusCode, body)
		}
		*issued = append(*issued, tok.AccessToken)
		return tok.AccessToken
	}
	first, second := issue(server.DemoClientID, secretA), issue(server.DemoClientID, secretA)
	ofB := issue(clientB, "secret-of-client-b")
	for i, tt := range []struct {
		name, token, client, user string
		status                    int
	}{
		{"first issued token", first, server.DemoClientID, server.DemoUserID, 200},
		{"first issued token", first, server.DemoClientID, server.DemoUserID, 200},
		{"second issued token", second, server.DemoClientID, server.DemoUserID, 200},
		{"second issued token, the client's bucket spent", second, server.DemoClientID, server.DemoUserID, 429},
		{"first issued token, the client's bucket spent", first, server.DemoClientID, server.DemoUserID, 429},
		{"the client's listed token", tokenA, server.DemoClientID, server.DemoUserID, 200},
		{"client B's issued token", ofB, clientB, userB, 200},
	} {
		res, err := sdk(t, url, tt.token).ListUserLoginLogsWithResponse(t.Context(), tt.user, &ssojet.ListUserLoginLogsParams{ClientId: tt.client})
		if err != nil || res.StatusCode() != tt.status {
			t.Errorf("%d. ListUserLoginLogs with the %s: %v, status %d; want %d", i+1, tt.name, err, res.StatusCode(), tt.status)
		}
	}
}
