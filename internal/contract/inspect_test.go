package contract_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// FuzzInspect feeds arbitrary bodies and statuses to the inspector: it never panics, and it
// finds an error exactly when kin-openapi refuses the answer (package oracle, none of the
// checker's code) or data follows the body's JSON value. Redirects are left out: the checker
// refuses every 3xx by its own rule.
func FuzzInspect(f *testing.F) {
	for _, seed := range []string{
		`{"login_logs":[]}`, `{"login_logs":null}`, `[]`, `null`, `"x"`, ``, `<html>`, `{"login_logs":[{"CreatedAt":5}]}`,
		`{"audit_logs":[{"ip_address":"::1"}],"next_cursor":null}`, `{"login_logs":[` + entry + `,` + entry + `]}`, `{"login_logs":[` + entry,
		`{"login_logs":[` + entry + `]} x`, `{"login_logs":[` + entry + `],"login_logs":[1]}`, `{"login_logs":[[[[[`,
		`{"error":"x","error_description":"d","error_code":1}`, `{"error":null,"error_description":"d","error_code":1}`,
	} {
		f.Add(seed, 200)
		f.Add(seed, 401)
	}
	insp, err := contract.NewInspector(validator(f), nil)
	if err != nil {
		f.Fatalf("NewInspector: %v", err)
	}
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string, status int) {
		ex := &contract.Exchange{}
		ex.Response.Status = status
		ex.Response.Header = http.Header{"Content-Type": {"application/json"}}
		got, err := insp.Inspect(context.Background(), contract.RecordedCheck, ex, bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatalf("Inspect(status %d, body %q): %v", status, body, err)
		}
		if status >= 300 && status < 400 {
			return
		}
		errs := 0
		for _, f := range got {
			if f.Severity != contract.SeverityWarning {
				errs++
			}
		}
		req, _ := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/u/loginlogs?client_id=c", nil)
		verdict := o.Response(req, status, http.Header{"Content-Type": {"application/json"}}, []byte(body))
		if want := verdict != nil || oracle.Trailing([]byte(body)); want != (errs > 0) {
			t.Errorf("Inspect(status %d, body %q): %d errors %v; kin-openapi: %v, data after the value: %v",
				status, body, errs, got, verdict, oracle.Trailing([]byte(body)))
		}
	})
}

// TestUnauthorizedChallenge: a 401 without WWW-Authenticate, which the contract declares on that
// response but leaves optional, passes kin-openapi (package oracle) and gets one warning naming
// RFC 6750; a challenge the contract's pattern refuses is an error, as kin-openapi says; under a
// contract that requires the header, its absence is kin-openapi's error and no warning. A 401
// that only the default response documents is judged by it alike.
func TestUnauthorizedChallenge(t *testing.T) {
	const optional = "      required: false\n      schema:\n        type: string\n        pattern: '^Bearer '"
	required := bytes.Replace(api.OpenAPI, []byte(optional), []byte(strings.Replace(optional, "false", "true", 1)), 1)
	if bytes.Equal(required, api.OpenAPI) {
		t.Fatal("the contract's WWW-Authenticate header is not declared optional with the pattern ^Bearer ")
	}
	const unauthorized = "        '401':\n          $ref: '#/components/responses/Unauthorized'\n"
	byDefault := bytes.Replace(api.OpenAPI, []byte(unauthorized), []byte(strings.Replace(unauthorized, "'401'", "default", 1)), 1)
	if bytes.Equal(byDefault, api.OpenAPI) {
		t.Fatalf("the contract has no %q", unauthorized)
	}
	cases := []struct {
		name         string
		contract     []byte
		challenge    string
		errs, warns  int
		warnMentions string
	}{
		{"optional, absent", api.OpenAPI, "", 0, 1, "RFC 6750"},
		{"optional, a bearer challenge", api.OpenAPI, `Bearer realm="ssojet", error="invalid_token"`, 0, 0, ""},
		{"optional, another scheme", api.OpenAPI, "Basic realm=x", 1, 0, ""},
		{"required, absent", required, "", 1, 0, ""},
		{"optional, absent, 401 documented by default", byDefault, "", 0, 1, "RFC 6750"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := spec.Load(c.contract)
			if err != nil {
				t.Fatal(err)
			}
			insp, err := contract.NewInspector(validate.New(doc), nil)
			if err != nil {
				t.Fatal(err)
			}
			o, err := oracle.New(c.contract)
			if err != nil {
				t.Fatal(err)
			}
			body := `{"error":"invalid_token","error_description":"The bearer token is missing or not valid.","error_code":1002}`
			header := http.Header{"Content-Type": {"application/json"}}
			if c.challenge != "" {
				header.Set("WWW-Authenticate", c.challenge)
			}
			ex := &contract.Exchange{}
			ex.Response.Status = http.StatusUnauthorized
			ex.Response.Header = header
			got, err := insp.Inspect(t.Context(), contract.RecordedCheck, ex, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/u/loginlogs?client_id=c", nil)
			if verdict := o.Response(req, http.StatusUnauthorized, header, []byte(body)); (verdict != nil) != (c.errs > 0) {
				t.Fatalf("kin-openapi's verdict %v disagrees with the case's %d errors", verdict, c.errs)
			}
			errs, warns := 0, 0
			for _, f := range got {
				if f.Severity == contract.SeverityWarning {
					warns++
					if !strings.Contains(f.String(), c.warnMentions) || f.Pointer != "WWW-Authenticate" {
						t.Errorf("warning %q: want it about WWW-Authenticate, naming %s", f.String(), c.warnMentions)
					}
				} else {
					errs++
				}
			}
			if errs != c.errs || warns != c.warns {
				t.Errorf("Inspect(401, WWW-Authenticate %q): %d errors and %d warnings %v, want %d and %d", c.challenge, errs, warns, got, c.errs, c.warns)
			}
		})
	}
}
