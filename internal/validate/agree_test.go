package validate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// The streamed check is held to kin-openapi's whole-body ValidateResponse, the reference, over
// contracts generated from the keyword set below and bodies generated from (and broken against)
// each contract. Both must give the same verdict and the same JSON pointers, counted with their
// multiplicity. The reference's pointers are read from kin-openapi's errors by kinPointers, not
// by the code under test.

// kinWhole is the oracle: kin-openapi's ValidateResponse on the whole body.
func kinWhole(t testing.TB, doc *openapi3.T, rt *routers.Route, status int, contentType string, body []byte) error {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u1/loginlogs?client_id=c", nil)
	opts := &openapi3filter.Options{
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus:   true,
		MultiError:              true,
		SchemaValidationOptions: doc.GetSchemaValidationOptions(),
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: rt, PathParams: map[string]string{"userid": "u1"}, Options: opts},
		Status:                 status,
		Header:                 http.Header{"Content-Type": {contentType}},
		Body:                   io.NopCloser(strings.NewReader(string(body))),
		Options:                opts,
	})
}

// kinPointers lists the JSON pointers of kin-openapi's schema errors in err, sorted; a decoding
// failure is "(not JSON)".
func kinPointers(err error) []string {
	var out []string
	kinErrors(err, func(se *openapi3.SchemaError) {
		var b strings.Builder
		for _, p := range se.JSONPointer() {
			b.WriteString("/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(p))
		}
		out = append(out, b.String())
	}, func(err error) {
		var re *openapi3filter.ResponseError
		if errors.As(err, &re) && re.Reason == "failed to decode response body" {
			out = append(out, "(not JSON)")
			return
		}
		out = append(out, "(other) "+err.Error())
	})
	slices.Sort(out)
	return out
}

// kinErrors walks kin-openapi's verdict err in its order: each SchemaError goes to schema, each
// other error (a body that does not decode, a status) to other.
func kinErrors(err error, schema func(*openapi3.SchemaError), other func(error)) {
	var me openapi3.MultiError
	var se *openapi3.SchemaError
	switch {
	case err == nil:
	case errors.As(err, &me) && !isSchemaErrorItself(err):
		for _, e := range me {
			kinErrors(e, schema, other)
		}
	case errors.As(err, &se):
		schema(se)
	default:
		other(err)
	}
}

func isSchemaErrorItself(err error) bool {
	_, ok := err.(*openapi3.SchemaError)
	return ok
}

// streamedPointers runs the streamed check, feeding the body in chunks of chunk bytes.
func streamedPointers(t testing.TB, doc *openapi3.T, rt *routers.Route, status int, contentType string, body []byte, chunk int) ([]string, bool) {
	t.Helper()
	// Odd chunk sizes judge the elements on two workers, even ones in Write.
	return streamedPointersWith(t, doc, rt, status, contentType, body, chunk, 2*(chunk%2))
}

func streamedPointersWith(t testing.TB, doc *openapi3.T, rt *routers.Route, status int, contentType string, body []byte, chunk, workers int) ([]string, bool) {
	t.Helper()
	v := New(doc)
	rc := v.NewResponseCheck(context.Background(), Exchange{
		Request: httptest.NewRequest(http.MethodGet, "/api/v1/users/u1/loginlogs?client_id=c", nil),
		Route:   rt, PathParams: map[string]string{"userid": "u1"}, Status: status,
		Header: http.Header{"Content-Type": {contentType}},
	}, Limits{Violations: 1 << 20, Workers: workers})
	for len(body) > 0 {
		n := min(chunk, len(body))
		if _, err := rc.Write(body[:n]); err != nil {
			t.Fatalf("Write: %v", err)
		}
		body = body[n:]
	}
	return verdictPointers(t, rc.Close()), rc.Streams()
}

// verdictPointers lists a verdict's pointers as kinPointers lists kin-openapi's, sorted.
func verdictPointers(t testing.TB, verdict Verdict) []string {
	t.Helper()
	if verdict.Err != nil {
		t.Fatalf("Close: %v", verdict.Err)
	}
	var out []string
	for _, vi := range verdict.Violations {
		if vi.Trailing {
			out = append(out, "(trailing)")
			continue
		}
		if vi.syntax || strings.HasPrefix(vi.Message, "failed to decode response body") {
			out = append(out, "(not JSON)")
			continue
		}
		out = append(out, vi.Pointer)
	}
	slices.Sort(out)
	return out
}

// agree compares the two on one contract and body.
func agree(t testing.TB, doc *openapi3.T, body []byte, chunk int) (streamed bool) {
	t.Helper()
	rt, ok := Operation(doc, "listUserLoginLogs")
	if !ok {
		t.Fatal("generated contract has no listUserLoginLogs")
	}
	want := withDepth(withTrailing(kinPointers(kinWhole(t, doc, rt, http.StatusOK, "application/json", body)), body), body)
	got, streams := streamedPointers(t, doc, rt, http.StatusOK, "application/json", body, chunk)
	notJSON := slices.Contains(want, "(not JSON)")
	if notJSON {
		// kin-openapi stops at the decoding failure; the streamed check may also have judged the
		// elements before it. The verdict must agree, and name the failure.
		if !slices.Contains(got, "(not JSON)") {
			t.Errorf("body %s\nkin-openapi: not JSON; streamed: %v", short(body), got)
		}
		return streams
	}
	if !slices.Equal(got, want) {
		t.Errorf("body %s\nkin-openapi pointers %q\nstreamed pointers    %q", short(body), want, got)
	}
	return streams
}

// withTrailing adds the one violation the project finds beyond kin-openapi: data after a body's
// JSON value, which kin-openapi's decoder ignores (oracle.Trailing).
func withTrailing(kin []string, body []byte) []string {
	if slices.Contains(kin, "(not JSON)") {
		return kin
	}
	if !oracle.Trailing(body) {
		return kin
	}
	out := append(slices.Clone(kin), "(trailing)")
	slices.Sort(out)
	return out
}

// withDepth makes the verdict on a body nested deeper than jsonstream.MaxDepth (read by the
// oracle, not the code under test) "not JSON": the other place the project is stricter than
// kin-openapi, whose decoder allows 10,000 levels.
func withDepth(kin []string, body []byte) []string {
	if oracle.Depth(body) > jsonstream.MaxDepth {
		return []string{"(not JSON)"}
	}
	return kin
}

func short(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// TestStreamedAgreesWithWhole runs generated contracts and bodies, and the edits to the project's
// own contract that once made a hand-written validator disagree with kin-openapi.
func TestStreamedAgreesWithWhole(t *testing.T) {
	streamedRuns := 0
	for seed := range uint64(300) {
		g := newGen(seed)
		doc := g.doc(t)
		for b := range 8 {
			body := g.body(doc)
			if agree(t, doc, body, 1+g.r.IntN(64)) {
				streamedRuns++
			}
			if t.Failed() {
				t.Fatalf("seed %d, body %d: contract\n%s", seed, b, g.yaml)
			}
		}
	}
	if streamedRuns < 1000 {
		t.Errorf("only %d of 2400 runs streamed the body: the generator no longer exercises the streamed path", streamedRuns)
	}
}

// FuzzStreamedAgreesWithWhole varies the contract (by seed) and the body (by the fuzzer's
// bytes, or a body generated from the contract when the bytes are empty).
func FuzzStreamedAgreesWithWhole(f *testing.F) {
	for seed := range uint64(16) {
		g := newGen(seed)
		doc := g.doc(f)
		f.Add(seed, g.body(doc), uint8(7))
	}
	f.Add(uint64(1), []byte(`{"login_logs":[1 2]}`), uint8(3))
	f.Add(uint64(2), []byte(`{"login_logs":[{},],"x":1}`), uint8(1))
	f.Add(uint64(3), []byte(`{"login_logs":[1e400],"login_logs":[]}`), uint8(5))
	// not JSON from a byte on, which the splitter refuses at that byte
	f.Add(uint64(4), []byte(`{"login_logs":[xxxxxxxxxxxxxxxx`), uint8(2))
	f.Add(uint64(5), []byte(`<html><body>bad gateway</body></html>`), uint8(3))
	f.Add(uint64(6), []byte(`{"login_logs":[{},tru,1]}`), uint8(1))
	f.Add(uint64(7), []byte(`{"login_logs":[-01],"x":1.}`), uint8(4))
	f.Add(uint64(8), []byte("{\"login_logs\":[\"a\x01\"],\"b\":\"\\q\"}"), uint8(2))
	f.Add(uint64(9), []byte(`{"login_logs" [1]}`), uint8(1))
	f.Add(uint64(10), []byte(`{"login_logs":[{"a":1 "b":2}]}`), uint8(5))
	f.Add(uint64(11), []byte(`nul`), uint8(0))
	f.Add(uint64(12), []byte(`12x`), uint8(1))
	f.Fuzz(func(t *testing.T, seed uint64, body []byte, chunk uint8) {
		g := newGen(seed)
		doc := g.doc(t)
		if len(body) == 0 {
			body = g.body(doc)
		}
		agree(t, doc, body, int(chunk)+1)
	})
}

// gen generates contracts over the documented keyword set and bodies for them.
type gen struct {
	r    *rand.Rand
	yaml string
	// named are the component schemas, which the generated schemas share through $ref.
	named    map[string]any
	inShared bool
}

func newGen(seed uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), named: map[string]any{}}
}

func (g *gen) doc(t testing.TB) *openapi3.T {
	t.Helper()
	for range 20 {
		g.named = map[string]any{}
		item := g.schema(3)
		g.named["Item"] = item
		g.inShared = true // Shared refers to itself nowhere: kin-openapi would recurse forever
		g.named["Shared"] = g.schema(1)
		g.inShared = false
		envelope := map[string]any{
			"type":       "object",
			"properties": map[string]any{"login_logs": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/Item"}}},
		}
		if g.r.IntN(2) == 0 {
			envelope["required"] = []any{"login_logs"}
		}
		if g.r.IntN(3) == 0 {
			envelope["properties"].(map[string]any)["other"] = map[string]any{"$ref": "#/components/schemas/Shared"}
		}
		switch g.r.IntN(4) {
		case 0:
			envelope["additionalProperties"] = false
		case 1:
			envelope["additionalProperties"] = map[string]any{"$ref": "#/components/schemas/Shared"}
		}
		if g.r.IntN(6) == 0 {
			// a keyword that looks at the array as a whole: judged whole
			envelope["properties"].(map[string]any)["login_logs"].(map[string]any)["maxItems"] = 2
		}
		doc := map[string]any{
			"openapi": "3.0.3",
			"info":    map[string]any{"title": "generated", "version": "1"},
			"paths": map[string]any{"/users/{userid}/loginlogs": map[string]any{"get": map[string]any{
				"operationId": "listUserLoginLogs",
				"parameters":  []any{map[string]any{"name": "userid", "in": "path", "required": true, "schema": map[string]any{"type": "string"}}},
				"responses": map[string]any{"200": map[string]any{"description": "ok", "content": map[string]any{
					"application/json": map[string]any{"schema": envelope}}}},
			}}},
			"components": map[string]any{"schemas": g.named},
		}
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		loaded, err := spec.Load(data)
		if err != nil {
			continue // the generator made an invalid schema (e.g. an enum value of the wrong type)
		}
		g.yaml = string(data)
		return loaded
	}
	t.Fatal("generator made no valid contract in 20 tries")
	return nil
}

var formats = map[string][]string{
	"string":  {"date-time", "date", "ipv4", "ipv6", "uuid", "email", ""},
	"integer": {"int32", "int64", ""},
	"number":  {"float", "double", ""},
}

// schema returns a random schema of the keyword set, nested at most depth levels.
func (g *gen) schema(depth int) map[string]any {
	r := g.r
	if depth > 0 && r.IntN(4) == 0 {
		kw := []string{"oneOf", "anyOf", "allOf"}[r.IntN(3)]
		n := 1 + r.IntN(3)
		alts := make([]any, n)
		for i := range alts {
			if r.IntN(3) == 0 && !g.inShared {
				alts[i] = map[string]any{"$ref": "#/components/schemas/Shared"}
			} else {
				alts[i] = g.schema(depth - 1)
			}
		}
		s := map[string]any{kw: alts}
		if r.IntN(4) == 0 {
			s["nullable"] = true
		}
		return s
	}
	types := []string{"string", "integer", "number", "boolean"}
	if depth > 0 {
		types = append(types, "object", "object", "array")
	}
	typ := types[r.IntN(len(types))]
	s := map[string]any{"type": typ}
	if r.IntN(5) == 0 {
		s["nullable"] = true
	}
	switch typ {
	case "string":
		if f := formats["string"][r.IntN(7)]; f != "" {
			s["format"] = f
		}
		if r.IntN(4) == 0 {
			s["minLength"] = r.IntN(3)
		}
		if r.IntN(4) == 0 {
			s["maxLength"] = 2 + r.IntN(10)
		}
		if r.IntN(5) == 0 {
			s["pattern"] = []string{"^[a-z]+$", "^[0-9]{4}-", "x", "^.{0,5}$"}[r.IntN(4)]
		}
		if r.IntN(6) == 0 {
			s["enum"] = []any{"a", "b", "invalid_client"}
		}
	case "integer", "number":
		if f := formats[typ][r.IntN(3)]; f != "" {
			s["format"] = f
		}
		if r.IntN(3) == 0 {
			s["minimum"] = r.IntN(10) - 5
			if r.IntN(2) == 0 {
				s["exclusiveMinimum"] = true
			}
		}
		if r.IntN(3) == 0 {
			s["maximum"] = 10 + r.IntN(1000)
			if r.IntN(2) == 0 {
				s["exclusiveMaximum"] = true
			}
		}
		if r.IntN(4) == 0 {
			s["multipleOf"] = []any{2, 3, 0.5}[r.IntN(3)]
		}
		if r.IntN(6) == 0 {
			s["enum"] = []any{1, 2, 1001}
		}
	case "object":
		props := map[string]any{}
		var required []any
		for i := range 1 + r.IntN(4) {
			name := []string{"IpAddress", "CreatedAt", "error", "error_code", "a", "b/c", "d~e"}[(i+r.IntN(7))%7]
			if r.IntN(4) == 0 && !g.inShared {
				props[name] = map[string]any{"$ref": "#/components/schemas/Shared"}
			} else {
				props[name] = g.schema(depth - 1)
			}
			if r.IntN(2) == 0 {
				required = append(required, name)
			}
		}
		s["properties"] = props
		if len(required) > 0 {
			s["required"] = dedupe(required)
		}
		switch r.IntN(4) {
		case 0:
			s["additionalProperties"] = false
		case 1:
			s["additionalProperties"] = g.schema(depth - 1)
		}
	case "array":
		s["items"] = g.schema(depth - 1)
		if r.IntN(3) == 0 {
			s["minItems"] = r.IntN(2)
		}
		if r.IntN(3) == 0 {
			s["maxItems"] = 1 + r.IntN(3)
		}
	}
	return s
}

func dedupe(xs []any) []any {
	var out []any
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// body returns a JSON body for doc: built from its schemas, then sometimes broken.
func (g *gen) body(doc *openapi3.T) []byte {
	item := doc.Components.Schemas["Item"].Value
	n := g.r.IntN(6)
	logs := make([]any, n)
	for i := range logs {
		logs[i] = g.value(item, 3)
	}
	env := map[string]any{"login_logs": logs}
	if g.r.IntN(4) == 0 {
		env["other"] = g.value(doc.Components.Schemas["Shared"].Value, 1)
	}
	if g.r.IntN(8) == 0 {
		env["undeclared"] = g.value(nil, 1)
	}
	if g.r.IntN(10) == 0 {
		delete(env, "login_logs")
	}
	data, _ := json.Marshal(env)
	switch g.r.IntN(12) {
	case 0: // a duplicate member: decoders keep the last
		data = append([]byte(`{"login_logs":[{"x":1},7],`), data[1:]...)
	case 1: // a number out of float64's range in an undeclared member
		data = append([]byte(`{"big":1e400,`), data[1:]...)
	case 2: // cut short
		data = data[:g.r.IntN(len(data))]
	case 3: // trailing data, which decoders ignore
		data = append(data, " {}"...)
	case 4: // one byte changed
		i := g.r.IntN(len(data))
		data[i] = `{}[],:"0 a\`[g.r.IntN(11)]
	}
	return data
}

// value returns a value for s, sometimes of another shape than s asks for.
func (g *gen) value(s *openapi3.Schema, depth int) any {
	r := g.r
	if s == nil || r.IntN(10) == 0 || depth < 0 {
		return []any{"x", 1.5, -3, true, nil, "2024-02-30T00:00:00Z", "183.83.177.227", map[string]any{}, []any{1}}[r.IntN(9)]
	}
	for _, alts := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf, s.AllOf} {
		if len(alts) > 0 {
			return g.value(alts[r.IntN(len(alts))].Value, depth-1)
		}
	}
	if len(s.Enum) > 0 && r.IntN(3) > 0 {
		return s.Enum[r.IntN(len(s.Enum))]
	}
	if s.Type == nil {
		return "any"
	}
	switch {
	case s.Type.Is("string"):
		switch s.Format {
		case "date-time":
			return []string{"2024-07-11T07:21:15.14Z", "2024-02-30T00:00:00Z", "2024-07-11 07:21"}[r.IntN(3)]
		case "date":
			return []string{"2024-07-11", "2024-13-01"}[r.IntN(2)]
		case "ipv4":
			return []string{"183.83.177.227", "::1", "1.2.3"}[r.IntN(3)]
		case "ipv6":
			return []string{"2409:40d4:12b:c6c3:5183:3409:ec6d:964d", "1.2.3.4"}[r.IntN(2)]
		case "uuid":
			return []string{"123e4567-e89b-12d3-a456-426614174000", "nope"}[r.IntN(2)]
		case "email":
			return []string{"a@example.com", "a@", "x"}[r.IntN(3)]
		}
		return []string{"", "abc", "abcdefghijklmnop", "2024-", "ünï", "x"}[r.IntN(6)]
	case s.Type.Is("integer"):
		return []any{0, 2, 3, -7, 1001, 1 << 33, 2.5}[r.IntN(7)]
	case s.Type.Is("number"):
		return []any{0, 0.5, 1.25, -6, 1e9, 3}[r.IntN(6)]
	case s.Type.Is("boolean"):
		return r.IntN(2) == 0
	case s.Type.Is("array"):
		out := make([]any, r.IntN(4))
		for i := range out {
			if s.Items != nil {
				out[i] = g.value(s.Items.Value, depth-1)
			}
		}
		return out
	case s.Type.Is("object"):
		out := map[string]any{}
		for name, p := range s.Properties {
			if r.IntN(5) > 0 {
				out[name] = g.value(p.Value, depth-1)
			}
		}
		if r.IntN(5) == 0 {
			out["extra"+strconv.Itoa(r.IntN(3))] = g.value(nil, 0)
		}
		return out
	}
	return fmt.Sprint("unknown type ", s.Type)
}

// TestStreamedAgreesOnEdgeCases holds the streamed check to kin-openapi on the project's own
// contract for bodies at the edges of JSON: elements glued together or missing, duplicate
// members, numbers out of range, nesting at and beyond encoding/json's limit, data after the
// document.
func TestStreamedAgreesOnEdgeCases(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	entry := `{"IpAddress":"1.2.3.4","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z"}`
	bad := strings.Replace(entry, `"2024-07-11T07:21:15.14Z"`, `"2024-02-30T07:21:15Z"`, 1)
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	bodies := []string{
		`{"login_logs":[]}`,
		`{"login_logs":[ ]}`,
		`{"login_logs":[` + entry + `,` + entry + `]}`,
		`{"login_logs":[` + entry + ` ` + entry + `]}`,
		`{"login_logs":[` + entry + entry + `]}`,
		`{"login_logs":[1 2]}`,
		`{"login_logs":[1true]}`,
		`{"login_logs":["a""b"]}`,
		`{"login_logs":[1,,2]}`,
		`{"login_logs":[,1]}`,
		`{"login_logs":[1,]}`,
		`{"login_logs":[1}`,
		`{"login_logs":[` + entry + `]]`,
		`{"login_logs":[` + bad + `],"login_logs":[]}`,
		`{"login_logs":[],"login_logs":[` + bad + `]}`,
		`{"login_logs":[` + bad + `],"login_logs":null}`,
		`{"login_logs":[{""}],"login_logs":[]}`,
		`{"login_logs":[1 2],"login_logs":[]}`,
		`{"login\u005flogs":[` + bad + `]}`,
		`{"big":1e400,"login_logs":[]}`,
		`{"login_logs":[1e400]}`,
		`{"login_logs":[]} trailing`,
		`{"login_logs":[]}}`,
		`{"login_logs":[` + bad + `]`,
		`{"login_logs":[` + deep(jsonstream.MaxDepth-2) + `]}`,
		`{"login_logs":[` + deep(jsonstream.MaxDepth-1) + `]}`,
		`{"x":` + deep(jsonstream.MaxDepth) + `,"login_logs":[]}`,
		`{"x":` + deep(jsonstream.MaxDepth-1) + `,"login_logs":[]}`,
		`{"login_logs":[` + deep(9998) + `]}`,
		`{"login_logs":[{"a":` + strings.Repeat(`{"a":`, jsonstream.MaxDepth) + `1` + strings.Repeat("}", jsonstream.MaxDepth) + `}]}`,
		`[` + entry + `]`,
		`"login_logs"`,
		``,
		`   `,
		"\xef\xbb\xbf" + `{"login_logs":[]}`,
		`{"login_logs":["\ud800"]}`,
		`{"login_logs":[{"IpAddress":"\u0000"}]}`,
	}
	rt, _ := Operation(doc, "listUserLoginLogs")
	for _, body := range bodies {
		for _, chunk := range []int{1, 3, 4096} {
			want := withDepth(withTrailing(kinPointers(kinWhole(t, doc, rt, http.StatusOK, "application/json", []byte(body))), []byte(body)), []byte(body))
			got, streams := streamedPointers(t, doc, rt, http.StatusOK, "application/json", []byte(body), chunk)
			if !streams {
				t.Fatalf("the project's contract is not streamed")
			}
			if slices.Contains(want, "(not JSON)") != slices.Contains(got, "(not JSON)") ||
				(!slices.Contains(want, "(not JSON)") && !slices.Equal(got, want)) {
				t.Errorf("body %s (chunks of %d)\nkin-openapi pointers %q\nstreamed pointers    %q", short([]byte(body)), chunk, want, got)
			}
		}
	}
}
