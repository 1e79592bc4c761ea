package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestRequestViolationsInWords drives each kind of request violation through the real server and
// reads error_description: one line that names the parameter, never kin-openapi's schema dump.
func TestRequestViolationsInWords(t *testing.T) {
	url, _ := start(t, setup{})
	demo := "/api/v1/users/" + server.DemoUserID + "/loginlogs"
	cases := []struct {
		name, path  string
		code        int
		description string
	}{
		{"empty client_id", demo + "?client_id=", 842, "query parameter client_id: must not be empty"},
		{"missing client_id", demo, 842, "query parameter client_id: is required"},
		{"control character in the user id", "/api/v1/users/a%01b/loginlogs?client_id=" + server.DemoClientID, 800,
			"The path parameter userid must be UTF-8 text without control characters."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, body := do(t, "GET", url+c.path, tokenA)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("GET %s: status %d, want 400\n%s", c.path, res.StatusCode, body)
			}
			checkContract(t, res, body)
			checkError(t, res, body, c.code, c.description)
		})
	}
}

// TestHeaderViolationInWords: a contract whose accept-language has a pattern (a candidate
// contract may), served by the real server: a wrong header is named, with what was wanted.
func TestHeaderViolationInWords(t *testing.T) {
	doc, err := spec.Load(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Components.Parameters["AcceptLanguage"].Value
	p.Schema = &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Pattern: "^[a-z]{2}"}}
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	ts := httptest.NewServer(server.NewHandler(server.Config{Store: seededSQLite(t), Validator: validate.New(doc), Tokens: tokens,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(ts.Close)
	req, _ := http.NewRequestWithContext(t.Context(), "GET", ts.URL+"/api/v1/users/"+server.DemoUserID+"/loginlogs?client_id="+server.DemoClientID, nil)
	req.Header.Set("Authorization", "Bearer "+tokenA)
	req.Header.Set("accept-language", "!!<b>")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("GET with a wrong accept-language: status %d, want 400\n%s", res.StatusCode, body)
	}
	checkContract(t, res, body)
	checkError(t, res, body, 800, `header parameter accept-language: want pattern ^[a-z]{2}, got "!!<b>"`)
}

// TestResponseViolationsLoggedInWords: a handler that breaks the contract (planted through the
// export_test hook) is logged one line per violation, naming the JSON pointer.
func TestResponseViolationsLoggedInWords(t *testing.T) {
	url, logs := start(t, setup{strict: brokenHandler{}, mode: server.Report})
	res, body := do(t, "GET", url+"/api/v1/users/"+server.DemoUserID+"/loginlogs?client_id="+server.DemoClientID, tokenA)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET with a broken handler in report mode: status %d, want 200\n%s", res.StatusCode, body)
	}
	var entry struct {
		Violations []string `json:"violations"`
	}
	for line := range strings.Lines(logs.String()) {
		if strings.Contains(line, "violates the contract") {
			if err := json.Unmarshal([]byte(line), &entry); err != nil {
				t.Fatalf("log line is not JSON: %v\n%s", err, line)
			}
		}
	}
	want := `body /login_logs/0/CreatedAt: want format date-time, got "2024-02-30T00:00:00Z"`
	if len(entry.Violations) == 0 {
		t.Fatalf("no violation logged:\n%s", logs.String())
	}
	for _, v := range entry.Violations {
		if strings.ContainsAny(v, "\n\r") || strings.Contains(v, "Schema:") || len([]rune(v)) > validate.MaxText {
			t.Errorf("logged violation %q: want one bounded line without the schema", v)
		}
	}
	if entry.Violations[0] != want && !strings.HasPrefix(entry.Violations[0], "body /login_logs/0/CreatedAt: want ") {
		t.Errorf("logged violation %q, want %q", entry.Violations[0], want)
	}
}
