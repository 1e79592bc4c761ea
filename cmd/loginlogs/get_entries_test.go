package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
)

// TestGetRefusesMadeUpEntries: an entry that lacks a member the contract requires, or holds null
// there, which kin-openapi refuses, is refused by get in every format (exit 1, naming the entry),
// as the SDK refuses it, not printed as an empty cell or a CreatedAt of year 1.
func TestGetRefusesMadeUpEntries(t *testing.T) {
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	const good = `{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"Mozilla/5.0","Name":"Chrome","Os":"Linux","Device":"Desktop","CreatedAt":"2024-07-10T12:16:19.647Z"}`
	for _, bad := range []string{
		strings.Replace(good, `"Country":"India"`, `"Country":null`, 1),
		strings.Replace(good, `,"CreatedAt":"2024-07-10T12:16:19.647Z"`, ``, 1),
	} {
		body := `{"login_logs":[` + good + `,` + bad + `]}`
		req := httptest.NewRequest("GET", "/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID, nil)
		if o.Response(req, 200, http.Header{"Content-Type": {"application/json"}}, []byte(body)) == nil {
			t.Fatalf("kin-openapi accepts %s; the case is no case", bad)
		}
		url := startAPI(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(body))
		}))
		for _, format := range getFormats {
			_, stderr, code := runCLI(t, liveEnv(url), "get", "--format", format)
			if code != exitFailed || !strings.Contains(stderr, "entry 1") {
				t.Errorf("get --format %s of an entry kin-openapi refuses (%s): exit %d, %q; want 1 naming entry 1", format, bad, code, stderr)
			}
		}
	}
}
