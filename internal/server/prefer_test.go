package server_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// demoPath is the demo user's login logs under base.
func demoPath(base string) string {
	return base + validate.BasePath + "/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID
}

func prefer(v string) http.Header { return http.Header{"Prefer": {v}} }

// responsesOf returns the documented answers of GET on the login-logs path of the oracle's own
// copy of the contract.
func responsesOf(t *testing.T, o *oracle.Oracle) *openapi3.Responses {
	t.Helper()
	return o.Doc().Paths.Find("/users/{userid}/loginlogs").Get.Responses
}

// decoded is a body as encoding/json decodes it, for comparing with an example of the contract.
func decoded(t *testing.T, body []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, body)
	}
	return v
}

// asJSON is v as encoding/json would decode it from its encoding.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return decoded(t, b)
}

// TestPreferCode asks for every status the contract documents for GET and expects that status,
// the contract's example as the body (none for 304) and an answer kin-openapi accepts.
func TestPreferCode(t *testing.T) {
	url, _ := start(t, setup{})
	o, err := judge()
	if err != nil {
		t.Fatal(err)
	}
	for status, ref := range responsesOf(t, o).Map() {
		t.Run(status, func(t *testing.T) {
			code, _ := strconv.Atoi(status)
			res, body := doHeader(t, http.MethodGet, demoPath(url), tokenA, prefer("code="+status))
			if res.StatusCode != code {
				t.Fatalf("GET with Prefer: code=%s: status %d, want %d\n%s", status, res.StatusCode, code, body)
			}
			checkContract(t, res, body)
			if got := res.Header.Get("Preference-Applied"); got != "code="+status {
				t.Errorf("Preference-Applied %q, want %q", got, "code="+status)
			}
			mt := ref.Value.Content.Get("application/json")
			if mt == nil {
				if len(body) != 0 {
					t.Errorf("GET with Prefer: code=%s: body %q, want none", status, body)
				}
				return
			}
			if got, want := decoded(t, body), asJSON(t, mt.Example); !reflect.DeepEqual(got, want) {
				t.Errorf("GET with Prefer: code=%s: body\n%s\nwant the contract's example\n%v", status, body, want)
			}
		})
	}
}

// TestPreferRefused: what the contract does not document, or a preference the server cannot
// read, is 400 malformed_request naming it.
func TestPreferRefused(t *testing.T) {
	url, _ := start(t, setup{})
	for _, tc := range []struct{ prefer, mention string }{
		{"code=418", "418"},
		{"code=201", "201"},
		{"code=abc", "code=abc"},
		{"code=4011", "code=4011"},
		{"dynamic=maybe", "dynamic=maybe"},
		{"code=401, example=nope", `example \"nope\" (its examples: default)`},
		{"code=304, example=nope", `example \"nope\" (its examples: none)`},
		{"fault=boom", "fault=boom"},
		{"fault=slow; delay=1h", "delay=1h"},
		{"code=401, code=403", "code=403"},
	} {
		t.Run(tc.prefer, func(t *testing.T) {
			res, body := doHeader(t, http.MethodGet, demoPath(url), tokenA, prefer(tc.prefer))
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("GET with Prefer: %s: status %d, want 400\n%s", tc.prefer, res.StatusCode, body)
			}
			checkContract(t, res, body)
			checkError(t, res, body, 800, "")
			if !strings.Contains(string(body), tc.mention) {
				t.Errorf("GET with Prefer: %s: body %s does not mention %s", tc.prefer, body, tc.mention)
			}
		})
	}
}

// TestPreferNeedsAValidRequest: Prefer answers only a request the server would serve; without a
// valid token of the client the answer is the real 401 or 403, and a request that breaks the
// contract is the real 400.
func TestPreferNeedsAValidRequest(t *testing.T) {
	url, _ := start(t, setup{})
	for _, tc := range []struct {
		name, url, token string
		want             int
	}{
		{"no token", demoPath(url), "", http.StatusUnauthorized},
		{"bad token", demoPath(url), "not-a-token", http.StatusUnauthorized},
		{"other client's token", demoPath(url), tokenB, http.StatusForbidden},
		{"no client_id", url + validate.BasePath + "/users/" + server.DemoUserID + "/loginlogs", tokenA, http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := doHeader(t, http.MethodGet, tc.url, tc.token, prefer("code=200"))
			if res.StatusCode != tc.want {
				t.Fatalf("GET with Prefer: code=200, %s: status %d, want %d\n%s", tc.name, res.StatusCode, tc.want, body)
			}
			if res.Header.Get("Preference-Applied") != "" {
				t.Errorf("Preference-Applied %q on the real %d", res.Header.Get("Preference-Applied"), tc.want)
			}
		})
	}
}

// TestPreferDynamic: dynamic=true bodies are made from the schema, differ between requests, are
// the same for the same seed, and kin-openapi accepts every one.
func TestPreferDynamic(t *testing.T) {
	url, _ := start(t, setup{})
	bodies := map[string]bool{}
	for i := range 30 {
		pref := "dynamic=true"
		if i%3 == 0 {
			pref = "code=404, dynamic=true"
		}
		res, body := doHeader(t, http.MethodGet, demoPath(url), tokenA, prefer(pref))
		if want := map[bool]int{true: 404, false: 200}[i%3 == 0]; res.StatusCode != want {
			t.Fatalf("GET with Prefer: %s: status %d, want %d\n%s", pref, res.StatusCode, want, body)
		}
		checkContract(t, res, body)
		bodies[string(body)] = true
	}
	if len(bodies) < 20 {
		t.Errorf("30 dynamic answers had %d different bodies, want nearly as many", len(bodies))
	}
	_, a := doHeader(t, http.MethodGet, demoPath(url), tokenA, prefer("dynamic=true; seed=42"))
	_, b := doHeader(t, http.MethodGet, demoPath(url), tokenA, prefer("dynamic=true; seed=42"))
	if string(a) != string(b) {
		t.Errorf("dynamic=true; seed=42 twice gave different bodies:\n%s\n%s", a, b)
	}
}

// namedExamples is the embedded contract with two named examples in place of the 401's single
// one.
func namedExamples(t *testing.T) []byte {
	t.Helper()
	const single = `          example:
            error: invalid_token
            error_description: The bearer token is missing or not valid.
            error_code: 1002
`
	const named = `          examples:
            missing:
              value:
                error: invalid_token
                error_description: No bearer token was sent.
                error_code: 1002
            expired:
              value:
                error: invalid_token
                error_description: The bearer token has expired.
                error_code: '1002'
`
	if strings.Count(string(api.OpenAPI), single) != 1 {
		t.Fatal("the contract's 401 example is not where the test expects it")
	}
	return []byte(strings.Replace(string(api.OpenAPI), single, named, 1))
}

// TestPreferNamedExample serves a contract whose 401 has named examples: example=NAME picks
// one, the default pick is the first by name, and an unknown name is refused with the names.
func TestPreferNamedExample(t *testing.T) {
	data := namedExamples(t)
	doc, err := spec.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	o, err := oracle.New(data)
	if err != nil {
		t.Fatal(err)
	}
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	ts := httptest.NewServer(server.NewHandler(server.Config{
		Store: seededSQLite(t), Validator: validate.New(doc), Tokens: tokens, Mode: validate.Enforce,
		Logger: slog.New(slog.DiscardHandler),
	}))
	t.Cleanup(ts.Close)
	for _, tc := range []struct{ prefer, want string }{
		{"code=401, example=expired", "The bearer token has expired."},
		{"code=401; example=missing", "No bearer token was sent."},
		{"code=401", "The bearer token has expired."},
	} {
		res, body := doHeader(t, http.MethodGet, demoPath(ts.URL), tokenA, prefer(tc.prefer))
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(string(body), tc.want) {
			t.Errorf("GET with Prefer: %s: %d %s, want 401 with %q", tc.prefer, res.StatusCode, body, tc.want)
		}
		if err := o.Response(res.Request, res.StatusCode, res.Header, body); err != nil {
			t.Errorf("GET with Prefer: %s: answer violates the contract: %v", tc.prefer, err)
		}
	}
	res, body := doHeader(t, http.MethodGet, demoPath(ts.URL), tokenA, prefer("code=401, example=default"))
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "expired, missing") {
		t.Errorf("GET with Prefer: example=default (no single example): %d %s, want 400 naming expired, missing", res.StatusCode, body)
	}
}

// TestPreferHead: a HEAD answer asked for has the status and headers, no body.
func TestPreferHead(t *testing.T) {
	url, _ := start(t, setup{})
	res, body := doHeader(t, http.MethodHead, demoPath(url), tokenA, prefer("code=503, retry-after=7"))
	if res.StatusCode != http.StatusServiceUnavailable || len(body) != 0 || res.Header.Get("Retry-After") != "7" {
		t.Errorf("HEAD with Prefer: code=503, retry-after=7: %d, Retry-After %q, body %q; want 503, 7, none",
			res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	checkContract(t, res, body)
}

// TestPreferOnHEADCarriesGETsHeaders asks HEAD for the answers Prefer makes and expects, as for
// every HEAD, the status and headers GET gives for the same Prefer: its Content-Type and the
// Content-Length of the body GET sends, no body, and an answer kin-openapi accepts.
func TestPreferOnHEADCarriesGETsHeaders(t *testing.T) {
	url, _ := start(t, setup{})
	for _, pref := range []string{"example=default", "code=200", "code=401", "code=404", "code=429", "code=503", "dynamic=true, seed=7", "code=304"} {
		t.Run(pref, func(t *testing.T) {
			get, body := doHeader(t, http.MethodGet, demoPath(url), tokenA, prefer(pref))
			head, none := doHeader(t, http.MethodHead, demoPath(url), tokenA, prefer(pref))
			checkContract(t, head, none)
			if head.StatusCode != get.StatusCode || len(none) != 0 {
				t.Fatalf("HEAD with Prefer: %s: status %d and %d bytes, want GET's %d and none", pref, head.StatusCode, len(none), get.StatusCode)
			}
			if got, want := head.Header.Get("Content-Type"), get.Header.Get("Content-Type"); got != want {
				t.Errorf("HEAD with Prefer: %s: Content-Type %q, GET's is %q", pref, got, want)
			}
			if get.StatusCode == http.StatusNotModified {
				return
			}
			if got := head.Header.Get("Content-Length"); got != strconv.Itoa(len(body)) {
				t.Errorf("HEAD with Prefer: %s: Content-Length %q, want %d, the length of GET's body", pref, got, len(body))
			}
		})
	}
}

// TestPreferenceAppliedSaysWhatWasApplied: dynamic=true on an answer without a body (304)
// generates nothing, and Preference-Applied does not claim it.
func TestPreferenceAppliedSaysWhatWasApplied(t *testing.T) {
	url, _ := start(t, setup{})
	res, body := doHeader(t, http.MethodGet, demoPath(url), tokenA, prefer("code=304, dynamic=true"))
	checkContract(t, res, body)
	if res.StatusCode != http.StatusNotModified || res.Header.Get("Preference-Applied") != "code=304" {
		t.Errorf("GET with Prefer: code=304, dynamic=true: %d, Preference-Applied %q; want 304 and code=304", res.StatusCode, res.Header.Get("Preference-Applied"))
	}
}
