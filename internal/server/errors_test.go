package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
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

// TestSeveralParametersWrong sends requests that break more than one parameter. The answer is
// about the first broken parameter in the contract's declared order (read from the loaded
// contract): 842 invalid_query_parameters for a query parameter, 800 malformed_request for the
// path or a header, whatever else is wrong; the description starts with that parameter and names
// the others. kin-openapi (package oracle) confirms each request breaks each listed parameter.
func TestSeveralParametersWrong(t *testing.T) {
	url, _ := start(t, setup{})
	doc, err := spec.Load(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	declared := doc.Paths.Find("/users/{userid}/loginlogs").Get.Parameters
	long := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		name     string
		userid   string
		query    string
		header   [2]string
		wrong    []string // the parameters the request breaks
		wantCode int      // from the contract's table, for the first of wrong in declared order
	}{
		{"65-character user id, empty client_id", long(65), "client_id=", [2]string{}, []string{"userid", "client_id"}, 800},
		{"65-character user id, no client_id", long(65), "", [2]string{}, []string{"userid", "client_id"}, 800},
		{"65-character user id, 129-character client_id", long(65), "client_id=" + long(129), [2]string{}, []string{"userid", "client_id"}, 800},
		{"empty client_id, 1025-character accept-language", server.DemoUserID, "client_id=", [2]string{"Accept-Language", long(1025)}, []string{"client_id", "accept-language"}, 842},
		{"65-character user id, empty client_id, 1025-character user-agent", long(65), "client_id=", [2]string{"User-Agent", long(1025)}, []string{"userid", "client_id", "user-agent"}, 800},
		{"1025-character If-None-Match, empty client_id", server.DemoUserID, "client_id=", [2]string{"If-None-Match", long(1025)}, []string{"client_id", "If-None-Match"}, 842},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequestWithContext(t.Context(), "GET", url+"/api/v1/users/"+c.userid+"/loginlogs?"+c.query, nil)
			req.Header.Set("Authorization", "Bearer "+tokenA)
			if c.header[0] != "" {
				req.Header.Set(c.header[0], c.header[1])
			}
			o, err := judge()
			if err != nil {
				t.Fatal(err)
			}
			verdict := o.Request(req)
			for _, name := range c.wrong {
				if verdict == nil || !strings.Contains(verdict.Error(), `"`+name+`"`) {
					t.Fatalf("kin-openapi's verdict %v does not name %s: the case is wrong", verdict, name)
				}
			}
			var first *openapi3.Parameter
			for _, p := range declared {
				if slices.Contains(c.wrong, p.Value.Name) {
					first = p.Value
					break
				}
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("GET %s: status %d, want 400\n%s", c.name, res.StatusCode, body)
			}
			checkContract(t, res, body)
			checkError(t, res, body, c.wantCode, "")
			var e struct {
				Description string `json:"error_description"`
			}
			json.Unmarshal(body, &e)
			where := first.In + " parameter " + first.Name
			if first.In == "header" {
				where = "header " + first.Name
			}
			if !strings.HasPrefix(e.Description, where+": ") {
				t.Errorf("GET %s: error_description %q, want it to start with %q, the first broken parameter the contract declares", c.name, e.Description, where)
			}
			for _, name := range c.wrong {
				if !strings.Contains(e.Description, " "+name) {
					t.Errorf("GET %s: error_description %q does not name %s", c.name, e.Description, name)
				}
			}
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
	url, logs := start(t, setup{strict: brokenHandler{}, mode: validate.Report})
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

// TestErrorBodiesInOneShape: an error answered by a middleware (the 400 of a missing client_id)
// and one the strict handler returns as a typed response (the 404 of an unknown user) carry
// their members in the contract's order, error, error_description, error_code: one model,
// errbody's, writes both.
func TestErrorBodiesInOneShape(t *testing.T) {
	url, _ := start(t, setup{})
	for _, path := range []string{
		"/api/v1/users/" + server.DemoUserID + "/loginlogs",
		"/api/v1/users/no-such-user-0000/loginlogs?client_id=" + server.DemoClientID,
	} {
		_, body := do(t, "GET", url+path, tokenA)
		// The body is one flat object: its tokens alternate member name and value.
		d := json.NewDecoder(strings.NewReader(string(body)))
		var keys []string
		if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
			t.Fatalf("GET %s: not an object: %s", path, body)
		}
		for d.More() {
			name, _ := d.Token()
			d.Token()
			keys = append(keys, fmt.Sprint(name))
		}
		if got := strings.Join(keys, ","); got != "error,error_description,error_code" {
			t.Errorf("GET %s: members %s, want error,error_description,error_code\n%s", path, got, body)
		}
	}
}
