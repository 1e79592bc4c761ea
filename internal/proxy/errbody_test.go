package proxy_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestErrorBodiesAreValidJSON: the proxy's own answers, a 502 naming the violation of an
// upstream answer holding invalid UTF-8, U+2028 and control characters, and the 400 of a
// request with two Authorization headers, are JSON as encoding/json reads it and SSOJet's error shape
// as the contract documents it (kin-openapi, through internal/oracle).
func TestErrorBodiesAreValidJSON(t *testing.T) {
	o := contractOracle(t)
	// A JSON string the upstream sends in place of the array: raw invalid UTF-8, then escapes of
	// U+2028, U+2029 and control characters, which the violation quotes decoded.
	odd := "\xff\xfe" + `\u2028\u2029\u0001\u001b[2J\u007f\"\\`
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "up-1")
		w.Write([]byte(`{"login_logs":"` + odd + `"}`))
	}))
	defer up.Close()
	pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = validate.Enforce })
	target := logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID)

	request := func(tokens ...string) *http.Request {
		req, err := http.NewRequest(http.MethodGet, target, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, token := range tokens {
			req.Header.Add("Authorization", "Bearer "+token)
		}
		return req
	}
	for _, tc := range []struct {
		name   string
		req    *http.Request
		status int
	}{
		{"a violation quoting odd characters", request(fakeapi.Token), http.StatusBadGateway},
		{"two Authorization headers", request(fakeapi.Token, "other-token-1234"), http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := http.DefaultClient.Do(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != tc.status {
				t.Fatalf("GET %s: status %d, want %d (body %q)", target, res.StatusCode, tc.status, body)
			}
			var e struct {
				Description string `json:"error_description"`
			}
			if !json.Valid(body) || json.Unmarshal(body, &e) != nil {
				t.Fatalf("%d body %q: not valid JSON", res.StatusCode, body)
			}
			if !utf8.Valid(body) {
				t.Errorf("%d body %q: not valid UTF-8", res.StatusCode, body)
			}
			// The contract documents no 502: its body is judged as the 400's, SSOJet's error.
			req := httptest.NewRequest(http.MethodGet, target, nil)
			if err := o.Response(req, http.StatusBadRequest, res.Header, body); err != nil {
				t.Errorf("%d body %q: kin-openapi: %v", res.StatusCode, body, err)
			}
			if tc.status == http.StatusBadGateway && !strings.Contains(e.Description, "login_logs") {
				t.Errorf("502 description %q does not name /login_logs", e.Description)
			}
		})
	}
}
