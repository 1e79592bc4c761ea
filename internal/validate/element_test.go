package validate

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/oracle"
)

// TestElementAgreesWithKinOpenAPI judges entries with Stream's items schema and Element, as an
// import does, and holds them to kin-openapi's verdict (package oracle) on a 200 body holding
// the entry: the same JSON pointers, and a decoding error exactly when kin-openapi cannot decode
// the body.
func TestElementAgreesWithKinOpenAPI(t *testing.T) {
	doc, v, o, rt := embeddedWithOracle(t)
	body, key, items, ok := v.Stream(Exchange{Route: rt, Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}})
	if !ok || key != "login_logs" || body != doc.Components.Schemas["LoginLogsResponse"].Value || items != doc.Components.Schemas["LoginLog"].Value {
		t.Fatalf("Stream = %v, %q, %v, %v; want LoginLogsResponse, login_logs, LoginLog", body, key, items, ok)
	}
	if _, _, _, ok := v.Stream(Exchange{Route: rt, Status: http.StatusOK, Header: http.Header{"Content-Type": {"text/plain"}}}); ok {
		t.Errorf("Stream of a text/plain 200: ok; want it judged whole")
	}
	for _, entry := range []string{
		`{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"}`,
		`{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-02-30T12:16:19Z","x":1e400}`,
		`{"IpAddress":5,"Country":null,"City":[],"UserAgent":{},"Name":true,"Os":1.5,"Device":"","CreatedAt":"yesterday"}`,
		`{"IpAddress":"1.1.1.1"}`, `{}`, `null`, `5`, `"x"`, `[]`,
		`{"IpAddress":"1.1.1.1"} 5`, `{"IpAddress":tru}`, ` {"a":1} `,
	} {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
		kin := oracle.Pointers(o.Response(req, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, []byte(`{"login_logs":[`+entry+`]}`)))
		_, violations, err := v.Element(items, "/login_logs/0", []byte(entry))
		var got []string
		if err != nil {
			got = []string{"(not JSON)"}
		}
		for _, x := range violations {
			got = append(got, x.Pointer)
		}
		if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(kin))) {
			t.Errorf("Element(%s) = %v (error %v); kin-openapi on the body: %v", entry, got, err, kin)
		}
	}
}
