package validate

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/bench"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// nestedArrays returns n arrays, each holding the next, as a decoder makes them.
func nestedArrays(n int) any {
	var v any = []any{}
	for range n - 1 {
		v = []any{v}
	}
	return v
}

// nestedObjects returns n objects {"a":…}, as a decoder makes them.
func nestedObjects(n int) any {
	var v any = map[string]any{}
	for range n - 1 {
		v = map[string]any{"a": v}
	}
	return v
}

// TestViolationsOfHostileValuesCostLittle: rendering the violations kin-openapi finds in a
// value of 10,000 nested arrays or objects (built in memory, so that no depth limit of a decoder
// stands in the way), a 16 MiB string, or an entry with a 1 MiB unknown member allocates a few
// KiB per violation, where SchemaError.Error() allocates the square of the depth (1 GiB and
// more); Got and Message stay short and name the value's start.
func TestViolationsOfHostileValuesCostLittle(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	v := New(doc)
	entry := doc.Components.Schemas["LoginLog"].Value
	good := map[string]any{"IpAddress": "1.2.3.4", "Country": "India", "City": "Jaipur", "UserAgent": "", "Name": "n", "Os": "", "Device": ""}
	longDate, bigMember := map[string]any{}, map[string]any{}
	for k, val := range good {
		longDate[k], bigMember[k] = val, val
	}
	longDate["CreatedAt"] = strings.Repeat("9", 16<<20)
	bigMember["x"] = map[string]any{"list": []any{strings.Repeat("y", 1<<20)}}
	for _, tc := range []struct {
		name    string
		value   any
		wantGot string
	}{
		{"10,000 nested arrays", nestedArrays(10000), "[[[[[[[["},
		{"10,000 nested objects", nestedObjects(10000), `{"a":{"a":`},
		{"a 16 MiB CreatedAt", longDate, `"99999999`},
		{"a 1 MiB unknown member, no CreatedAt", bigMember, `{"City":"Jaipur",`},
		// error and error_code are oneOf string or integer: kin-openapi's reason quotes both.
		{"an error body's error of 10,000 nested arrays", map[string]any{"error": nestedArrays(10000),
			"error_description": strings.Repeat("d", 1<<20), "error_code": nestedObjects(10000)}, ""},
	} {
		schema := entry
		if strings.Contains(tc.name, "error body") {
			schema = doc.Components.Schemas["Error"].Value
		}
		verr := schema.VisitJSON(tc.value, v.schemaOpts...)
		if verr == nil {
			t.Fatalf("%s: kin-openapi found nothing", tc.name)
		}
		var vs []Violation
		n := bench.Allocated(func() { vs = Violations(verr) })
		if len(vs) == 0 {
			t.Fatalf("%s: no violation", tc.name)
		}
		if per := n / uint64(len(vs)); per > 64<<10 {
			t.Errorf("%s: rendering %d violations allocated %d bytes, %d each; want at most 64 KiB each", tc.name, len(vs), n, per)
		}
		for _, vi := range vs {
			if len(vi.Message) > MaxText+MaxExcerpt+100 || len([]rune(vi.Got)) > 60 || !strings.HasPrefix(vi.Got, tc.wantGot) {
				t.Errorf("%s: %s: Got %q (%d bytes), Message of %d bytes; want Got starting %q, both short", tc.name, vi.Pointer, vi.Got, len(vi.Got), len(vi.Message), tc.wantGot)
			}
		}
	}
}

// TestViolationMessagesSayWhatKinOpenAPISays: the first line of every violation's Message starts
// with the first line of kin-openapi's own SchemaError.Error() (package oracle, on whole bodies
// small enough for it): the same pointer and reason in the same words; the value follows as JSON.
func TestViolationMessagesSayWhatKinOpenAPISays(t *testing.T) {
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	v := New(doc)
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
	rt, _ := Operation(doc, "listUserLoginLogs")
	params := map[string]string{"userid": "u"}
	for _, tc := range []struct {
		status int
		body   string
	}{
		{200, `{"login_logs":[{"IpAddress":5,"Country":null,"City":[],"UserAgent":{},"Name":true,"Os":1.5,"Device":"","CreatedAt":"yesterday"}]}`},
		{200, `{"login_logs":[{"IpAddress":"1.2.3.4","Country":"India","City":"J","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-02-30T10:00:00Z"}]}`},
		{200, `{"login_logs":[[[[1,{"a":"<b>&"}]]], {}, "x"], "more": {"b": [1, 2]}}`},
		{200, `{"login_logs":{"a":1}}`},
		{200, `{}`},
		{400, `{"error":[],"error_description":{"x":[1,2,3]},"error_code":"800"}`},
	} {
		var kin []string
		kinErrors(o.Response(req, tc.status, http.Header{"Content-Type": {"application/json"}}, []byte(tc.body)), func(se *openapi3.SchemaError) {
			line, _, _ := strings.Cut(se.Error(), "\n")
			kin = append(kin, line)
		}, func(error) {})
		verdict := v.Response(req.Context(), Exchange{Request: req, Route: rt, PathParams: params, Status: tc.status,
			Header: http.Header{"Content-Type": {"application/json"}}}, []byte(tc.body))
		var ours []string
		for _, vi := range verdict.Violations {
			line, value, _ := strings.Cut(vi.Message, "\nValue:\n  ")
			ours = append(ours, line)
			if value != "" && !json.Valid([]byte(value)) && !strings.HasSuffix(value, "…") {
				t.Errorf("body %s: Message %q quotes the value as %q, not JSON", tc.body, vi.Message, value)
			}
		}
		// kin-openapi's first line stops where a nested error's details start (oneOf's "due
		// to: …"); the Message goes on with the alternatives' reasons.
		same := len(kin) > 0 && len(kin) == len(ours)
		for i := range kin {
			same = same && strings.HasPrefix(ours[i], kin[i])
		}
		if !same {
			t.Errorf("body %s:\nkin-openapi says %q\nMessages say    %q", tc.body, kin, ours)
		}
	}
}
