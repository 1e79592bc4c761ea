package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/routers"
)

type fixture struct {
	fast, reference *Validator
	req             *http.Request
	route           *routers.Route
	params          map[string]string
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	doc, err := LoadSpec()
	if err != nil {
		t.Fatalf("LoadSpec: %v", err)
	}
	f := &fixture{fast: New(doc), reference: NewReference(doc)}
	f.req = httptest.NewRequest(http.MethodGet, "/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=cli_demo", nil)
	f.route, f.params, err = f.fast.FindRoute(f.req.Method, f.req.URL.EscapedPath())
	if err != nil {
		t.Fatalf("FindRoute: %v", err)
	}
	return f
}

func (f *fixture) check(v *Validator, status int, body []byte) error {
	header := http.Header{"Content-Type": {"application/json"}}
	return v.Response(f.req.Context(), f.req, f.route, f.params, status, header, body)
}

func seed(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pointers returns the sorted JSON pointers of the body violations of err.
func pointers(err error) []string {
	var out []string
	for _, v := range Violations(err) {
		if v.In == "body" {
			out = append(out, v.Pointer)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestStreamValidatorIsUsedForTheContractsBodies(t *testing.T) {
	f := newFixture(t)
	for _, status := range []int{200, 400, 401, 403, 404, 429, 500, 503} {
		header := http.Header{"Content-Type": {"application/json"}}
		if f.fast.bodyNode(f.route, status, header) == nil {
			t.Errorf("status %d: no compiled body schema; the stream validator should interpret the whole contract", status)
		}
	}
	if f.reference.bodyNode(f.route, 200, http.Header{"Content-Type": {"application/json"}}) != nil {
		t.Error("NewReference compiled a body schema; it must leave every body to kin-openapi")
	}
}

// TestStreamAgreesWithKinOpenAPI feeds the same bodies to the stream validator and to
// kin-openapi: both must accept the same bodies and point at the same values.
func TestStreamAgreesWithKinOpenAPI(t *testing.T) {
	f := newFixture(t)
	body := string(seed(t))
	replace := func(old, new string) string { return strings.Replace(body, old, new, 1) }
	tests := []struct {
		name   string
		status int
		body   string
		valid  bool
	}{
		{"seed", 200, body, true},
		{"empty list", 200, `{"login_logs":[]}`, true},
		{"unknown top-level field", 200, `{"login_logs":[],"next_cursor":null}`, true},
		{"escaped strings", 200, `{"login_logs":[{"IpAddress":"\u0031.2.3.4","Country":"In\"dia","City":"J\\aipur","UserAgent":"\ud83d\ude00","Name":"\/x","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"}]}`, true},
		{"escaped key", 200, `{"login\u005flogs":[]}`, true},
		{"number for a string", 200, replace(`"IpAddress": "183.83.177.227"`, `"IpAddress": 183`), false},
		{"missing field", 200, replace(`"Country": "India",`, ``), false},
		{"null field", 200, replace(`"Os": "",`, `"Os": null,`), false},
		{"impossible date", 200, replace(`2024-07-10T12:16:19.647Z`, `2024-02-30T12:16:19.647Z`), false},
		{"offset not Z", 200, replace(`2024-07-10T12:16:19.647Z`, `2024-07-10T12:16:19.647+01:00`), false},
		{"no date", 200, replace(`2024-07-10T12:16:19.647Z`, `yesterday`), false},
		{"login_logs absent", 200, `{"audit_logs":[],"next_cursor":"x"}`, false},
		{"login_logs null", 200, `{"login_logs":null}`, false},
		{"login_logs object", 200, `{"login_logs":{}}`, false},
		{"entry a string", 200, `{"login_logs":["x"]}`, false},
		{"body an array", 200, `[]`, false},
		{"body a string", 200, `"login_logs"`, false},
		{"two broken entries", 200, `{"login_logs":[{"IpAddress":1},{"CreatedAt":false}]}`, false},
		{"error body", 404, `{"error":"resource_not_found","error_description":"User not found.","error_code":801}`, true},
		{"error body other types", 401, `{"error":1002,"error_description":"x","error_code":"invalid_token"}`, true},
		{"error as object", 400, `{"error":{},"error_description":"x","error_code":842}`, false},
		{"error code a float", 400, `{"error":"x","error_description":"x","error_code":842.5}`, false},
		{"error code a whole float", 400, `{"error":"x","error_description":"x","error_code":842.0}`, true},
		{"error without description", 403, `{"error":"access_denied","error_code":1003}`, false},
		{"gateway error shape", 500, `{"message":"Internal Server Error"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fast := f.check(f.fast, tt.status, []byte(tt.body))
			ref := f.check(f.reference, tt.status, []byte(tt.body))
			if (fast == nil) != tt.valid || (ref == nil) != tt.valid {
				t.Fatalf("valid=%v: stream says %v, kin-openapi says %v", tt.valid, fast, ref)
			}
			if got, want := pointers(fast), pointers(ref); !slices.Equal(got, want) {
				t.Errorf("violations at %q (stream), %q (kin-openapi)", got, want)
			}
		})
	}
}

func TestStreamRejectsMalformedJSON(t *testing.T) {
	f := newFixture(t)
	body := seed(t)
	tests := map[string][]byte{
		"truncated":         body[:len(body)/2],
		"empty":             nil,
		"trailing garbage":  append(append([]byte{}, body...), []byte(" x")...),
		"html":              []byte("<html><body>502 Bad Gateway</body></html>"),
		"bad escape":        []byte(`{"login_logs":[],"x":"\q"}`),
		"control character": []byte("{\"login_logs\":[],\"x\":\"a\x01\"}"),
		"bad number":        []byte(`{"login_logs":[],"x":01}`),
		"bare word":         []byte(`{"login_logs":nul}`),
		"missing colon":     []byte(`{"login_logs" []}`),
		"missing comma":     []byte(`{"login_logs":[] "x":1}`),
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			fast := f.check(f.fast, 200, b)
			ref := f.check(f.reference, 200, b)
			// kin-openapi decodes the first JSON value and ignores what follows it; the stream
			// validator is stricter there, as encoding/json's Unmarshal is.
			if fast == nil || (ref == nil && name != "trailing garbage") {
				t.Fatalf("malformed body accepted: stream %v, kin-openapi %v", fast, ref)
			}
			vs := Violations(fast)
			if len(vs) != 1 || vs[0].In != "body" || vs[0].Want != "a JSON document" {
				t.Errorf("stream violations %+v, want one saying the body is not JSON", vs)
			}
		})
	}
}

func TestViolationNamesPointerWantAndGot(t *testing.T) {
	f := newFixture(t)
	body := strings.Replace(string(seed(t)), `"2024-07-11T07:21:15.14Z"`, `"2024-02-30T07:21:15.14Z"`, 1)
	vs := Violations(f.check(f.fast, 200, []byte(body)))
	if len(vs) != 1 {
		t.Fatalf("violations %+v, want exactly one", vs)
	}
	v := vs[0]
	if v.Pointer != "/login_logs/4/CreatedAt" || v.Want != "format date-time" || v.Got != `"2024-02-30T07:21:15.14Z"` {
		t.Errorf("violation %+v, want pointer /login_logs/4/CreatedAt, want format date-time, got the date", v)
	}
}

// FuzzStreamAgreesWithKinOpenAPI checks that on any body the stream validator accepts exactly
// what kin-openapi accepts.
func FuzzStreamAgreesWithKinOpenAPI(f *testing.F) {
	fx := newFixture(f)
	f.Add(200, seed(f))
	f.Add(200, []byte(`{"login_logs":[{"IpAddress":"1.2.3.4","Country":"","City":"","UserAgent":"","Name":"","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19Z"}]}`))
	f.Add(404, []byte(`{"error":"resource_not_found","error_description":"User not found.","error_code":801}`))
	f.Add(401, []byte(`{"error":1002,"error_description":"x","error_code":"1"}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		switch status {
		case 200, 400, 401, 403, 404, 429, 500, 503:
		default:
			status = 200
		}
		if !json.Valid(body) {
			// Both reject; the stream validator's syntax check is tested on its own. Skipping
			// keeps the fuzzer on bodies where the schema logic is what differs.
			if fx.check(fx.fast, status, body) == nil {
				t.Fatalf("stream accepted invalid JSON %q", body)
			}
			return
		}
		fast := fx.check(fx.fast, status, body)
		ref := fx.check(fx.reference, status, body)
		if (fast == nil) != (ref == nil) {
			t.Fatalf("status %d body %q: stream %v, kin-openapi %v", status, body, fast, ref)
		}
	})
}

func BenchmarkResponseValidation(b *testing.B) {
	f := newFixture(b)
	var entry bytes.Buffer
	{
		var s struct {
			LoginLogs []json.RawMessage `json:"login_logs"`
		}
		if err := json.Unmarshal(seed(b), &s); err != nil {
			b.Fatal(err)
		}
		entry.Write(s.LoginLogs[0])
	}
	for _, n := range []int{1, 24, 1000, 10000} {
		var body bytes.Buffer
		body.WriteString(`{"login_logs":[`)
		for i := range n {
			if i > 0 {
				body.WriteByte(',')
			}
			body.Write(entry.Bytes())
		}
		body.WriteString(`]}`)
		for _, v := range []struct {
			name string
			v    *Validator
		}{{"stream", f.fast}, {"kin-openapi", f.reference}} {
			b.Run(fmt.Sprintf("entries=%d/%s", n, v.name), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(body.Len()))
				for b.Loop() {
					if err := f.check(v.v, 200, body.Bytes()); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
