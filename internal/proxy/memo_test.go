package proxy_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestRememberedAnswersKeepKinOpenAPIsVerdict sends answers that differ from one that passed
// (and was remembered) in one input of the verdict each: a declared header, the content type,
// the status, the body's bytes. Each must get kin-openapi's own verdict, not the remembered
// one: in enforce mode, a 502 exactly when the oracle refuses the answer. The sequence runs
// twice, so that the second time every answer that passed is remembered.
func TestRememberedAnswersKeepKinOpenAPIsVerdict(t *testing.T) {
	seed := string(seedBody(t))
	// The contract with a 201 that declares the 200's header and the error body: a 201 of the
	// logs differs from a 200 in its status only.
	const at = "        '304':\n"
	if !strings.Contains(string(api.OpenAPI), at) {
		t.Fatalf("the contract has no %q to put a 201 before", at)
	}
	contract := strings.Replace(string(api.OpenAPI), at, `        '201':
          description: The logs as an error (a test's).
          headers:
            ETag:
              $ref: '#/components/headers/ETag'
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Error'
`+at, 1)
	valid := http.Header{"Content-Type": {"application/json"}, "Etag": {`"r1.a"`}}
	with := func(name string, values ...string) http.Header { return withHeader(valid, name, values...) }
	rememberedVerdicts(t, contract, []memoCase{
		{"valid", memoAnswer{200, valid, seed}},
		{"another valid ETag", memoAnswer{200, with("ETag", `"r2.b"`), seed}},
		{"ETag too short", memoAnswer{200, with("ETag", "x"), seed}},
		{"no ETag", memoAnswer{200, with("ETag"), seed}},
		{"a second ETag", memoAnswer{200, with("ETag", `"r1.a"`, "x"), seed}},
		{"text/plain", memoAnswer{200, with("Content-Type", "text/plain"), seed}},
		{"no content type", memoAnswer{200, with("Content-Type"), seed}},
		{"charset", memoAnswer{200, with("Content-Type", "application/json; charset=utf-8"), seed}},
		{"logs as a 404", memoAnswer{404, valid, seed}},
		{"logs as a 201", memoAnswer{201, valid, seed}},
		{"undocumented 202", memoAnswer{202, valid, seed}},
		{"a date broken", memoAnswer{200, valid, strings.Replace(seed, `"2024-07-11T07:21:15.14Z"`, `"2024-07-11T07:21:15.14"`, 1)}},
		{"data after the document", memoAnswer{200, valid, seed + "x"}},
		{"valid again", memoAnswer{200, valid, seed}},
	})
}

// TestRememberedAnswersOfTheDefaultResponse: a status the contract covers only by its default
// response is judged by it, headers included; an answer that differs from a remembered one only
// in a header the default response declares gets kin-openapi's own verdict.
func TestRememberedAnswersOfTheDefaultResponse(t *testing.T) {
	seed := string(seedBody(t))
	const at = "        '304':\n"
	if !strings.Contains(string(api.OpenAPI), at) {
		t.Fatalf("the contract has no %q to put a default response before", at)
	}
	contract := strings.Replace(string(api.OpenAPI), at, `        default:
          description: Any other answer (a test's).
          headers:
            X-Trace:
              required: true
              schema:
                type: string
                pattern: '^t-[0-9]+$'
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/LoginLogsResponse'
`+at, 1)
	valid := http.Header{"Content-Type": {"application/json"}, "X-Trace": {"t-1"}}
	with := func(name string, values ...string) http.Header { return withHeader(valid, name, values...) }
	rememberedVerdicts(t, contract, []memoCase{
		{"a 418 the default covers", memoAnswer{418, valid, seed}},
		{"another trace", memoAnswer{418, with("X-Trace", "t-2"), seed}},
		{"a trace off its pattern", memoAnswer{418, with("X-Trace", "trace"), seed}},
		{"no trace", memoAnswer{418, with("X-Trace"), seed}},
		{"valid again", memoAnswer{418, valid, seed}},
	})
}

type memoAnswer struct {
	status int
	header http.Header
	body   string
}

type memoCase struct {
	name string
	a    memoAnswer
}

// withHeader returns a copy of h with name set to values, or removed without values.
func withHeader(h http.Header, name string, values ...string) http.Header {
	h = h.Clone()
	if values == nil {
		h.Del(name)
	} else {
		h[http.CanonicalHeaderKey(name)] = values
	}
	return h
}

// judges returns kin-openapi's judge of contract and the proxy's validator of it.
func judges(t *testing.T, contract string) (*oracle.Oracle, *validate.Validator) {
	t.Helper()
	o, err := oracle.New([]byte(contract))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := spec.Load([]byte(contract))
	if err != nil {
		t.Fatal(err)
	}
	return o, validate.New(doc)
}

// rememberedVerdicts sends the answers of cases, twice in a row, through an enforcing proxy
// judging by contract: each must be refused (502) exactly when kin-openapi refuses it, whether
// an answer that passed before was remembered or not.
func rememberedVerdicts(t *testing.T, contract string, cases []memoCase) {
	t.Helper()
	o, v := judges(t, contract)
	var (
		mu      sync.Mutex
		current memoAnswer
	)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		a := current
		mu.Unlock()
		for name, values := range a.header {
			w.Header()[name] = values
		}
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	defer up.Close()
	pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode, c.Validator = validate.Enforce, v })
	failures := 0
	for round := range 2 {
		for _, tc := range cases {
			mu.Lock()
			current = tc.a
			mu.Unlock()
			direct, _ := http.NewRequest(http.MethodGet, logsURL(up.URL+"/api/v1", fakeapi.UserID, fakeapi.ClientID), nil)
			// Data after the JSON document is the one violation beyond kin-openapi's verdict.
			wantRefused := o.Response(direct, tc.a.status, tc.a.header, []byte(tc.a.body)) != nil || oracle.Trailing([]byte(tc.a.body))
			if wantRefused {
				failures++
			}
			res, _ := get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
			if refused := res.StatusCode == http.StatusBadGateway; refused != wantRefused {
				t.Errorf("round %d, %s: status %d through the enforcing proxy; the oracle refuses it: %v", round+1, tc.name, res.StatusCode, wantRefused)
			}
		}
	}
	if failures == 0 || failures == 2*len(cases) {
		t.Fatalf("the oracle refuses %d of %d answers: the cases do not tell a remembered verdict from a fresh one", failures, 2*len(cases))
	}
}
