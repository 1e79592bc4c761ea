package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

const seedPath = "../testdata/seed-loginlogs.json"

func seedBody(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatalf("read seed fixture: %v", err)
	}
	return b
}

// newValidator returns kin-openapi judging by the contract: the tests of the contract use no
// validation code of the project.
func newValidator(t *testing.T) *oracle.Oracle {
	t.Helper()
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatalf("load the contract: %v", err)
	}
	return o
}

// validate200 validates body as the 200 answer to the documented request.
func validate200(t *testing.T, o *oracle.Oracle, body []byte) error {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=cli_demo", nil)
	return o.Response(req, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, body)
}

func TestSpecLoadsAndValidates(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi version %q, want 3.0.3", doc.OpenAPI)
	}
	op := doc.Paths.Find("/users/{userid}/loginlogs").Get
	if op == nil || op.OperationID != "listUserLoginLogs" {
		t.Fatalf("GET /users/{userid}/loginlogs: operation %+v, want operationId listUserLoginLogs", op)
	}
	for _, status := range []int{200, 400, 401, 403, 404, 429, 500, 503} {
		if op.Responses.Status(status) == nil {
			t.Errorf("GET /users/{userid}/loginlogs: no %d response documented", status)
		}
	}
	for _, p := range op.Parameters {
		switch strings.ToLower(p.Value.Name) {
		case "accept", "content-type", "authorization":
			t.Errorf("parameter %q declared; OpenAPI ignores it (decision D2)", p.Value.Name)
		}
	}
	var urls []string
	for _, s := range doc.Servers {
		urls = append(urls, s.URL)
	}
	if len(urls) == 0 || urls[0] != "https://api.ssojet.com/api/v1" {
		t.Errorf("servers %v, want SSOJet's production base first", urls)
	}
}

func TestSpecExampleIsTheSeed(t *testing.T) {
	v := newValidator(t)
	media := v.Doc().Paths.Find("/users/{userid}/loginlogs").Get.Responses.Status(200).Value.Content.Get("application/json")
	var seed any
	if err := json.Unmarshal(seedBody(t), &seed); err != nil {
		t.Fatalf("decode seed: %v", err)
	}
	// Compare as JSON values: YAML decoding yields the same maps, slices and strings.
	exampleJSON, err := json.Marshal(media.Example)
	if err != nil {
		t.Fatalf("encode spec example: %v", err)
	}
	var example any
	if err := json.Unmarshal(exampleJSON, &example); err != nil {
		t.Fatalf("decode spec example: %v", err)
	}
	if !reflect.DeepEqual(example, seed) {
		t.Errorf("the 200 example in openapi.yaml differs from %s", seedPath)
	}
}

func TestSeedBodyValidates(t *testing.T) {
	v := newValidator(t)
	body := seedBody(t)
	var parsed ssojet.LoginLogsResponse
	if err := json.Unmarshal(body, &parsed); err != nil {
		t.Fatalf("decode seed: %v", err)
	}
	if got := len(parsed.LoginLogs); got != 24 {
		t.Fatalf("seed has %d entries, want 24", got)
	}
	if err := validate200(t, v, body); err != nil {
		t.Fatalf("seed body rejected: %v", err)
	}
}

func TestMutatedSeedIsRejected(t *testing.T) {
	v := newValidator(t)
	tests := []struct {
		name        string
		mutate      func(body map[string]any)
		wantPointer string
	}{
		{"missing field", func(b map[string]any) { delete(entry(b, 3), "Country") }, "/login_logs/3/Country"},
		{"number for a string", func(b map[string]any) { entry(b, 0)["IpAddress"] = 183 }, "/login_logs/0/IpAddress"},
		{"impossible date", func(b map[string]any) { entry(b, 5)["CreatedAt"] = "2024-02-30T07:57:47.266Z" }, "/login_logs/5/CreatedAt"},
		{"month 13", func(b map[string]any) { entry(b, 5)["CreatedAt"] = "2024-13-01T07:57:47.266Z" }, "/login_logs/5/CreatedAt"},
		{"not UTC", func(b map[string]any) { entry(b, 7)["CreatedAt"] = "2024-07-11T09:13:00.404+02:00" }, "/login_logs/7/CreatedAt"},
		{"ten fraction digits", func(b map[string]any) { entry(b, 7)["CreatedAt"] = "2024-07-11T09:13:00.4040000000Z" }, "/login_logs/7/CreatedAt"},
		{"null field", func(b map[string]any) { entry(b, 23)["Os"] = nil }, "/login_logs/23/Os"},
		{"login_logs absent", func(b map[string]any) { delete(b, "login_logs") }, "/login_logs"},
		{"login_logs null", func(b map[string]any) { b["login_logs"] = nil }, "/login_logs"},
		{"entry not an object", func(b map[string]any) { b["login_logs"].([]any)[1] = "x" }, "/login_logs/1"},
		{"paginated shape", func(b map[string]any) {
			b["audit_logs"] = b["login_logs"]
			b["next_cursor"] = "abc"
			delete(b, "login_logs")
		}, "/login_logs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body map[string]any
			if err := json.Unmarshal(seedBody(t), &body); err != nil {
				t.Fatal(err)
			}
			tt.mutate(body)
			mutated, err := json.Marshal(body)
			if err != nil {
				t.Fatal(err)
			}
			err = validate200(t, v, mutated)
			if err == nil {
				t.Fatalf("mutated body accepted, want a violation at %q", tt.wantPointer)
			}
			var pointers []string
			for _, p := range oracle.Pointers(err) {
				pointers = append(pointers, p)
				if p == tt.wantPointer {
					return
				}
			}
			t.Errorf("violations at %q, want one in the body at %q (%v)", pointers, tt.wantPointer, err)
		})
	}
}

func entry(body map[string]any, i int) map[string]any {
	return body["login_logs"].([]any)[i].(map[string]any)
}

func TestSeedRoundTripsThroughSDKTypes(t *testing.T) {
	body := seedBody(t)
	var decoded ssojet.LoginLogsResponse
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&decoded); err != nil {
		t.Fatalf("decode seed into ssojet.LoginLogsResponse: %v", err)
	}
	reencoded, err := json.Marshal(decoded)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	var want, got any
	if err := json.Unmarshal(body, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(reencoded, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("seed re-encoded from SDK types differs:\n got %s\nwant %s", reencoded, body)
	}
}

func TestErrorBodyAcceptsEitherType(t *testing.T) {
	bodies := []string{
		`{"error":"invalid_client","error_description":"x","error_code":1001}`,
		`{"error":1001,"error_description":"x","error_code":"invalid_client"}`,
	}
	for _, b := range bodies {
		var e ssojet.Error
		if err := json.Unmarshal([]byte(b), &e); err != nil {
			t.Errorf("decode %s into ssojet.Error: %v", b, err)
			continue
		}
		name, errText := e.Error.AsErrorText()
		num, errNum := e.Error.AsErrorNumber()
		if errText != nil && errNum != nil {
			t.Errorf("%s: error field neither text nor number", b)
		}
		if name != "invalid_client" && num != 1001 {
			t.Errorf("%s: error = %q / %d, want invalid_client or 1001", b, name, num)
		}
	}
}

// TestSDKDoesNotImportEcho keeps the SDK free of server dependencies (decision D3).
func TestSDKDoesNotImportEcho(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not on PATH")
	}
	out, err := exec.Command(goBin, "list", "-deps", "github.com/ssojet-tools/loginlogs/gen/ssojet").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps gen/ssojet: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "github.com/oapi-codegen/runtime") {
		t.Fatalf("go list -deps gen/ssojet does not list the runtime; output looks wrong:\n%s", out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, "labstack/echo") || strings.Contains(dep, "getkin/kin-openapi") {
			t.Errorf("gen/ssojet depends on %s; the SDK must stay free of server packages", dep)
		}
	}
}

// TestParametersAreBounded: every path, query and header parameter has a maxLength (OWASP's
// rule), so that no server of the contract looks up a value of any length.
func TestParametersAreBounded(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for _, p := range op.Parameters {
				s := p.Value.Schema.Value
				if s.MaxLength == nil || *s.MaxLength == 0 {
					t.Errorf("%s %s: %s parameter %s has no maxLength", method, path, p.Value.In, p.Value.Name)
				}
			}
		}
	}
}

// TestUnauthorizedSaysBearer: every 401 declares WWW-Authenticate, optional (SSOJet's
// documentation does not promise it; the contract checker warns when it is absent), and its
// schema accepts the reference server's challenge and refuses a value that is not a bearer
// challenge.
func TestUnauthorizedSaysBearer(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for method, op := range doc.Paths.Find("/users/{userid}/loginlogs").Operations() {
		res := op.Responses.Status(401)
		if res == nil {
			t.Errorf("%s: no 401 documented", method)
			continue
		}
		h := res.Value.Headers["WWW-Authenticate"]
		if h == nil || h.Value.Required {
			t.Errorf("%s 401: WWW-Authenticate is not declared, or required", method)
			continue
		}
		schema := h.Value.Schema.Value
		if err := schema.VisitJSON(`Bearer realm="ssojet", error="invalid_token"`); err != nil {
			t.Errorf("%s 401: the reference server's challenge is refused: %v", method, err)
		}
		for _, bad := range []string{"Lorem ipsum dolor", "Basic realm=\"ssojet\"", "Bearer"} {
			if schema.VisitJSON(bad) == nil {
				t.Errorf("%s 401: WWW-Authenticate %q accepted, want a bearer challenge only", method, bad)
			}
		}
	}
}

// TestHeadMirrorsGet: HEAD is declared wherever GET is (RFC 9110), with the same parameters, the
// same statuses and headers, and no bodies.
func TestHeadMirrorsGet(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for path, item := range doc.Paths.Map() {
		if item.Get == nil {
			continue
		}
		if item.Head == nil {
			t.Errorf("%s: GET without HEAD", path)
			continue
		}
		var getParams, headParams []string
		for _, p := range item.Get.Parameters {
			getParams = append(getParams, p.Ref)
		}
		for _, p := range item.Head.Parameters {
			headParams = append(headParams, p.Ref)
		}
		if !reflect.DeepEqual(getParams, headParams) {
			t.Errorf("%s: HEAD parameters %q, GET's %q; want the same", path, headParams, getParams)
		}
		for status, get := range item.Get.Responses.Map() {
			head := item.Head.Responses.Value(status)
			if head == nil {
				t.Errorf("%s: HEAD does not document GET's %s", path, status)
				continue
			}
			if len(head.Value.Content) != 0 {
				t.Errorf("%s: HEAD %s documents a body", path, status)
			}
			for name, h := range get.Value.Headers {
				if hh := head.Value.Headers[name]; hh == nil || hh.Ref != h.Ref {
					t.Errorf("%s: HEAD %s lacks GET's header %s", path, status, name)
				}
			}
		}
		if a, b := item.Get.Responses.Len(), item.Head.Responses.Len(); a != b {
			t.Errorf("%s: HEAD documents %d statuses, GET %d", path, b, a)
		}
	}
}

// TestOrderOfChecksDocumented: what a client cannot learn from the schemas is in the contract's
// words. The 400 and 401 descriptions say that a request is validated before it is
// authenticated; the 400 says which parameter it is about and that two Authorization headers
// are refused; the info description names the transport's own plain-text answers.
func TestOrderOfChecksDocumented(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, c := range []struct {
		where, text string
		want        []string
	}{
		{"the 400 response", *doc.Components.Responses["BadRequest"].Value.Description,
			[]string{"validated before it is authenticated", "more than one `Authorization` header", "first of them in the order the operation declares them"}},
		{"the 401 response", *doc.Components.Responses["Unauthorized"].Value.Description,
			[]string{"validated before it is authenticated", "gets 400, not 401"}},
		{"info.description", doc.Info.Description,
			[]string{"transport level", "plain text", "control character", "431"}},
	} {
		for _, w := range c.want {
			if !strings.Contains(flat(c.text), w) {
				t.Errorf("%s does not say %q:\n%s", c.where, w, c.text)
			}
		}
	}
}
