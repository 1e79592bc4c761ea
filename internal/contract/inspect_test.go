package contract_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
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
