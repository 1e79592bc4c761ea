package contract_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract"
)

// FuzzInspect feeds arbitrary bodies to the inspector: it must never panic, and a body that is
// not JSON must always be an error of the documented-request check.
func FuzzInspect(f *testing.F) {
	for _, seed := range []string{
		`{"login_logs":[]}`, `{"login_logs":null}`, `[]`, `null`, `"x"`, ``, `<html>`, `{"login_logs":[{"CreatedAt":5}]}`,
		`{"audit_logs":[{"ip_address":"::1"}],"next_cursor":null}`, `{"login_logs":[` + entry + `,` + entry + `]}`, `{"login_logs":[` + entry,
	} {
		f.Add(seed, 200)
		f.Add(seed, 401)
	}
	doc := validator(f)
	insp, err := contract.NewInspector(doc, nil)
	if err != nil {
		f.Fatalf("NewInspector: %v", err)
	}
	check, _ := contract.CheckNamed("documented-request")
	f.Fuzz(func(t *testing.T, body string, status int) {
		ex := &contract.Exchange{Check: check.Name}
		ex.Response.Status = status
		ex.Response.Header = http.Header{"Content-Type": {"application/json"}}
		ex.SetBody([]byte(body))
		got := insp.Inspect(context.Background(), check, ex)
		if !json.Valid([]byte(body)) {
			errs := 0
			for _, f := range got {
				if f.Severity != contract.SeverityWarning {
					errs++
				}
			}
			if errs == 0 {
				t.Errorf("Inspect(status %d, body %q): no error for a body that is not JSON", status, body)
			}
		}
	})
}
