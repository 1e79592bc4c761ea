package importer_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/importer"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

const envelope = "    LoginLogsResponse:\n      type: object\n      description: The body of a successful answer.\n      required:\n        - login_logs\n      properties:\n        login_logs:\n          type: array\n"

// editedContract returns the embedded contract with old replaced by new, once.
func editedContract(t *testing.T, old, new string) []byte {
	t.Helper()
	if strings.Count(string(api.OpenAPI), old) != 1 {
		t.Fatalf("api/openapi.yaml holds %q %d times, want once: the test's edit no longer applies", old, strings.Count(string(api.OpenAPI), old))
	}
	return []byte(strings.Replace(string(api.OpenAPI), old, new, 1))
}

// TestImportTakesTheEntriesTheContractNames imports 200 bodies under edited contracts and holds
// the outcome to kin-openapi's verdict on the same body (package oracle): the entries are those
// of the array whose items are the store's records, whatever other arrays come first, and an
// entry kin-openapi accepts but the store cannot keep (null, or holding a member the contract
// declares and the store has no place for) is refused with a line that says so.
func TestImportTakesTheEntriesTheContractNames(t *testing.T) {
	entry := line("10.0.0.1", "2024-07-10T12:16:19.647Z")
	alerts := envelope[:strings.Index(envelope, "      properties:\n")] + "      properties:\n        alerts:\n          type: array\n          items:\n            type: object\n            properties:\n              level:\n                type: string\n" +
		envelope[strings.Index(envelope, "        login_logs:\n"):]
	nullable := "    LoginLog:\n      type: object\n"
	region := "      properties:\n        IpAddress:\n"
	withRegion := "      properties:\n        Region:\n          type: string\n        IpAddress:\n"
	regional := strings.Replace(entry, `{`, `{"Region":"Rajasthan",`, 1)
	tests := []struct {
		name     string
		contract []byte
		body     string
		entries  int    // written to the store
		errHas   string // "" for success
	}{
		{"alerts before login_logs", editedContract(t, envelope, alerts), `{"alerts":[{"level":"high"}],"login_logs":[` + entry + `]}`, 1, ""},
		{"alerts before login_logs, none", editedContract(t, envelope, alerts), `{"alerts":[],"login_logs":[]}`, 0, ""},
		{"null entries the contract allows", editedContract(t, nullable, nullable+"      nullable: true\n"), `{"login_logs":[` + entry + `,null]}`, 0,
			"null is no login log to store, though the contract's LoginLog allows it"},
		{"a declared member the store does not keep, absent", editedContract(t, region, withRegion), `{"login_logs":[` + entry + `]}`, 1, ""},
		{"a declared member the store does not keep, present", editedContract(t, region, withRegion), `{"login_logs":[` + entry + `,` + regional + `]}`, 0,
			"entry 1 (/login_logs/1, at byte 175): /Region: a member the contract's LoginLog declares, but the store keeps only IpAddress"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := oracle.New(tt.contract)
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
			if verdict := o.Response(req, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, []byte(tt.body)); verdict != nil {
				t.Fatalf("kin-openapi refuses the body under the edited contract, want it accepted: %v", verdict)
			}
			doc, err := spec.Load(tt.contract)
			if err != nil {
				t.Fatal(err)
			}
			im, err := importer.New(doc)
			if err != nil {
				t.Fatalf("importer.New(edited contract): %v", err)
			}
			st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "loginlogs.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			res, err := im.Import(t.Context(), st, strings.NewReader(tt.body), importer.Options{ClientID: "c", UserID: "u", BatchSize: 100})
			switch {
			case tt.errHas == "" && err != nil:
				t.Fatalf("Import: %v, want success", err)
			case tt.errHas != "" && (err == nil || !strings.Contains(err.Error(), tt.errHas)):
				t.Fatalf("Import: %v, want an error containing %q", err, tt.errHas)
			case tt.errHas != "" && strings.Contains(err.Error(), "want an object"):
				t.Errorf("Import: %v, want it to say why the store cannot keep the entry", err)
			}
			if res.Entries != tt.entries {
				t.Errorf("Import: %d entries written, want %d", res.Entries, tt.entries)
			}
		})
	}
}

// TestImportSaysWhyItCannotSplitUnderAContract: a contract whose 200 body cannot be imported
// entry by entry makes New fail naming the keyword, or the fields it looks for.
func TestImportSaysWhyItCannotSplitUnderAContract(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"uniqueItems", envelope, envelope + "          uniqueItems: true\n", "its member login_logs has uniqueItems, which looks at several entries at once"},
		{"maxItems", envelope, envelope + "          maxItems: 1000\n", "its member login_logs has maxItems"},
		{"allOf on the envelope", "    LoginLogsResponse:\n      type: object\n", "    LoginLogsResponse:\n      type: object\n      allOf:\n        - type: object\n", "the body's schema has allOf, which looks at the object as a whole"},
		{"no array of records", "IpAddress", "IpAddr", // everywhere: the items lack IpAddress
			"a login log has the fields IpAddress, Country, City, UserAgent, Name, Os, Device, CreatedAt, and of its array members (login_logs), none has items that declare them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var contract []byte
			if tt.name == "no array of records" {
				contract = []byte(strings.ReplaceAll(string(api.OpenAPI), tt.old, tt.new))
			} else {
				contract = editedContract(t, tt.old, tt.new)
			}
			doc, err := spec.Load(contract)
			if err != nil {
				t.Fatal(err)
			}
			_, err = importer.New(doc)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("importer.New: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
