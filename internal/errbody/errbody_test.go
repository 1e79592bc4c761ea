package errbody_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/errbody"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
)

// TestBodyIsValidJSONWhateverTheDescription: a description with invalid UTF-8, U+2028, U+2029,
// control characters, quotes and backslashes (which fmt's %q would write as \xff and \x01, not
// JSON) gives a body encoding/json reads back and kin-openapi accepts as SSOJet's error.
func TestBodyIsValidJSONWhateverTheDescription(t *testing.T) {
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	for _, desc := range []string{
		"plain.",
		"invalid UTF-8 \xff\xfe, a cut rune \xe2\x80",
		"line separators \u2028 and \u2029",
		"controls \x00\x01\x1b[2J\x7f\t\n",
		`quotes " and backslashes \ </script> &`,
	} {
		rec := httptest.NewRecorder()
		errbody.Write(rec, http.StatusBadRequest, "malformed_request", 800, desc)
		body := rec.Body.Bytes()
		var e struct {
			Error       string `json:"error"`
			Description string `json:"error_description"`
			Code        int    `json:"error_code"`
		}
		if !json.Valid(body) || json.Unmarshal(body, &e) != nil {
			t.Errorf("Write(%q): body %q is not JSON", desc, body)
			continue
		}
		want := string([]rune(desc)) // each invalid byte read as U+FFFD
		if e.Description != want || e.Error != "malformed_request" || e.Code != 800 {
			t.Errorf("Write(%q): read back %+v, want description %q", desc, e, want)
		}
		req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u1/loginlogs?client_id=c1", nil)
		if err := o.Response(req, rec.Code, rec.Header(), body); err != nil {
			t.Errorf("Write(%q): kin-openapi: %v", desc, err)
		}
	}
}
