package contract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// FuzzInspect feeds arbitrary bodies and statuses to the inspector: it never panics, and it
// finds an error exactly when kin-openapi refuses the answer (package oracle, none of the
// checker's code) or data follows the body's JSON value. Redirects are left out: the checker
// refuses every 3xx by its own rule.
func FuzzInspect(f *testing.F) {
	for _, seed := range []string{
		`{"login_logs":[]}`, `{"login_logs":null}`, `[]`, `null`, `"x"`, ``, `<html>`, `{"login_logs":[{"CreatedAt":5}]}`,
		`{"audit_logs":[{"ip_address":"::1"}],"next_cursor":null}`, `{"login_logs":[` + entry + `,` + entry + `]}`, `{"login_logs":[` + entry,
		`{"login_logs":[` + entry + `]} x`, `{"login_logs":[` + entry + `],"login_logs":[1]}`, `{"login_logs":[[[[[`,
		`{"error":"x","error_description":"d","error_code":1}`, `{"error":null,"error_description":"d","error_code":1}`,
	} {
		f.Add(seed, 200)
		f.Add(seed, 401)
	}
	insp, err := contract.NewInspector(validator(f), nil)
	if err != nil {
		f.Fatalf("NewInspector: %v", err)
	}
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string, status int) {
		ex := &contract.Exchange{}
		ex.Response.Status = status
		ex.Response.Header = http.Header{"Content-Type": {"application/json"}}
		got, err := insp.Inspect(context.Background(), contract.RecordedCheck, ex, bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatalf("Inspect(status %d, body %q): %v", status, body, err)
		}
		if status >= 300 && status < 400 {
			return
		}
		errs := 0
		for _, f := range got {
			if f.Severity != contract.SeverityWarning {
				errs++
			}
		}
		req, _ := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/u/loginlogs?client_id=c", nil)
		verdict := o.Response(req, status, http.Header{"Content-Type": {"application/json"}}, []byte(body))
		if want := verdict != nil || oracle.Trailing([]byte(body)); want != (errs > 0) {
			t.Errorf("Inspect(status %d, body %q): %d errors %v; kin-openapi: %v, data after the value: %v",
				status, body, errs, got, verdict, oracle.Trailing([]byte(body)))
		}
	})
}

// TestUnauthorizedChallenge: a 401 without WWW-Authenticate, which the contract declares on that
// response but leaves optional, passes kin-openapi (package oracle) and gets one warning naming
// RFC 6750; a challenge the contract's pattern refuses is an error, as kin-openapi says; under a
// contract that requires the header, its absence is kin-openapi's error and no warning. A 401
// that only the default response documents is judged by it alike.
func TestUnauthorizedChallenge(t *testing.T) {
	const optional = "      required: false\n      schema:\n        type: string\n        pattern: '^Bearer '"
	required := bytes.Replace(api.OpenAPI, []byte(optional), []byte(strings.Replace(optional, "false", "true", 1)), 1)
	if bytes.Equal(required, api.OpenAPI) {
		t.Fatal("the contract's WWW-Authenticate header is not declared optional with the pattern ^Bearer ")
	}
	const unauthorized = "        '401':\n          $ref: '#/components/responses/Unauthorized'\n"
	byDefault := bytes.Replace(api.OpenAPI, []byte(unauthorized), []byte(strings.Replace(unauthorized, "'401'", "default", 1)), 1)
	if bytes.Equal(byDefault, api.OpenAPI) {
		t.Fatalf("the contract has no %q", unauthorized)
	}
	cases := []struct {
		name         string
		contract     []byte
		challenge    string
		errs, warns  int
		warnMentions string
	}{
		{"optional, absent", api.OpenAPI, "", 0, 1, "RFC 6750"},
		{"optional, a bearer challenge", api.OpenAPI, `Bearer realm="ssojet", error="invalid_token"`, 0, 0, ""},
		{"optional, another scheme", api.OpenAPI, "Basic realm=x", 1, 0, ""},
		{"required, absent", required, "", 1, 0, ""},
		{"optional, absent, 401 documented by default", byDefault, "", 0, 1, "RFC 6750"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := spec.Load(c.contract)
			if err != nil {
				t.Fatal(err)
			}
			insp, err := contract.NewInspector(validate.New(doc), nil)
			if err != nil {
				t.Fatal(err)
			}
			o, err := oracle.New(c.contract)
			if err != nil {
				t.Fatal(err)
			}
			body := `{"error":"invalid_token","error_description":"The bearer token is missing or not valid.","error_code":1002}`
			header := http.Header{"Content-Type": {"application/json"}}
			if c.challenge != "" {
				header.Set("WWW-Authenticate", c.challenge)
			}
			ex := &contract.Exchange{}
			ex.Response.Status = http.StatusUnauthorized
			ex.Response.Header = header
			got, err := insp.Inspect(t.Context(), contract.RecordedCheck, ex, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/u/loginlogs?client_id=c", nil)
			if verdict := o.Response(req, http.StatusUnauthorized, header, []byte(body)); (verdict != nil) != (c.errs > 0) {
				t.Fatalf("kin-openapi's verdict %v disagrees with the case's %d errors", verdict, c.errs)
			}
			errs, warns := 0, 0
			for _, f := range got {
				if f.Severity == contract.SeverityWarning {
					warns++
					if !strings.Contains(f.String(), c.warnMentions) || f.Pointer != "WWW-Authenticate" {
						t.Errorf("warning %q: want it about WWW-Authenticate, naming %s", f.String(), c.warnMentions)
					}
				} else {
					errs++
				}
			}
			if errs != c.errs || warns != c.warns {
				t.Errorf("Inspect(401, WWW-Authenticate %q): %d errors and %d warnings %v, want %d and %d", c.challenge, errs, warns, got, c.errs, c.warns)
			}
		})
	}
}

// renamed is the embedded contract with the entries member and the members the data warnings
// read renamed, edit applied after.
func renamed(t *testing.T, edit func([]byte) []byte) *validate.Validator {
	t.Helper()
	b := api.OpenAPI
	for _, r := range [][2]string{{"login_logs", "sign_ins"}, {"IpAddress", "ip"}, {"CreatedAt", "at"}} {
		b = bytes.ReplaceAll(b, []byte(r[0]), []byte(r[1]))
	}
	doc, err := spec.Load(edit(b))
	if err != nil {
		t.Fatalf("load the renamed contract: %v", err)
	}
	return validate.New(doc)
}

// replayWith judges body as a recorded 200 answer to the documented request, by v's contract.
func replayWith(t *testing.T, v *validate.Validator, body string) contract.Result {
	t.Helper()
	ex := &contract.Exchange{Check: "documented-request"}
	ex.Request.Method, ex.Request.URL = "GET", "https://api.ssojet.com/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID
	ex.Response.Status = 200
	ex.Response.Header = map[string][]string{"Content-Type": {"application/json"}}
	ex.Response.BodyJSON = []byte(body)
	rep, err := contract.Replay(t.Context(), v, contract.ReplayOptions{Exchanges: []*contract.Exchange{ex}, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatalf("Replay: %v", err)
	}
	return rep.Results[0]
}

// TestDataWarningsFollowTheContract: under a contract whose entries member and fields are
// renamed (sign_ins, ip, at), the data warnings of decision D8 follow the contract: an empty
// list of its entries member, an address that is not an IP in the member it marks as one
// (x-loginlogs-format: ip), a time in the future or out of order in its date-time member;
// streamed, judged whole (uniqueItems), or in the rest of a body that streams another array
// (alerts, first by name, whose elements draw none). A contract that marks no member as an IP
// address draws no IP warning.
func TestDataWarningsFollowTheContract(t *testing.T) {
	e := `{"ip":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","at":"2024-07-10T12:16:19.647Z"}`
	future := strings.Replace(e, "2024-07-10", "2099-07-10", 1)
	notIP := strings.Replace(e, "183.83.177.227", "not-an-ip", 1)
	body := `{"sign_ins":[` + future + `,` + notIP + `]}`
	const array = "          type: array\n          description: The user's sign-ins"
	whole := func(b []byte) []byte {
		return bytes.Replace(b, []byte(array), []byte("          type: array\n          uniqueItems: true\n          description: The user's sign-ins"), 1)
	}
	same := func(b []byte) []byte { return b }
	const members = "      properties:\n        sign_ins:\n"
	another := func(b []byte) []byte {
		if !bytes.Contains(b, []byte(members)) {
			t.Fatalf("the renamed contract has no %q", members)
		}
		return bytes.Replace(b, []byte(members), []byte("      properties:\n        alerts:\n          type: array\n          items: {type: object}\n        sign_ins:\n"), 1)
	}
	for _, tc := range []struct {
		name string
		v    *validate.Validator
	}{{"streamed", renamed(t, same)}, {"judged whole", renamed(t, whole)}, {"another array streamed before it", renamed(t, another)}} {
		t.Run(tc.name, func(t *testing.T) {
			res := replayWith(t, tc.v, strings.Replace(body, "{", `{"alerts":[{"at":"2099-01-01T00:00:00Z","ip":"x"}],`, 1))
			if len(res.Errors) > 0 {
				t.Fatalf("%s: errors %v, want none", body, res.Errors)
			}
			got := findings(contract.Report{Results: []contract.Result{res}})
			for _, want := range []finding{
				{"documented-request", "warning", "body", "/sign_ins/0/at", "future"},
				{"documented-request", "warning", "body", "/sign_ins/1/ip", `"not-an-ip"`},
				{"documented-request", "warning", "body", "/sign_ins/1/at", "oldest first"},
			} {
				if !has(got, want) {
					t.Errorf("%s under the renamed contract: no %+v in %+v", tc.name, want, got)
				}
			}
			res = replayWith(t, tc.v, `{"sign_ins":[]}`)
			if got := findings(contract.Report{Results: []contract.Result{res}}); !has(got, finding{"documented-request", "warning", "body", "/sign_ins", "an empty list"}) {
				t.Errorf("%s: an empty sign_ins under the renamed contract: findings %+v, want the empty-list warning", tc.name, got)
			}
		})
	}
	const mark = "          x-loginlogs-format: ip\n"
	if bytes.Count(api.OpenAPI, []byte(mark)) != 1 {
		t.Fatalf("the embedded contract marks IpAddress %d times with %q, want once", bytes.Count(api.OpenAPI, []byte(mark)), mark)
	}
	unmarked := renamed(t, func(b []byte) []byte { return bytes.ReplaceAll(b, []byte(mark), nil) })
	for _, f := range replayWith(t, unmarked, body).Warnings {
		if f.Pointer == "/sign_ins/1/ip" {
			t.Errorf("a contract that marks no member as an IP address: warning %v", f)
		}
	}
}

// preferring sends every request with a Prefer header.
type preferring string

func (p preferring) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Prefer", string(p))
	return http.DefaultTransport.RoundTrip(r)
}

// TestDynamicAnswersKeepTheDataRules: the reference server's generated answers (Prefer:
// dynamic=true) keep the contract's data rules that the checker warns by: the checker, live
// against them, finds no address that is no IP address and no time in the future or out of
// order, over many seeds.
func TestDynamicAnswersKeepTheDataRules(t *testing.T) {
	ref := servertest.Start(t)
	lists := 0
	for seed := range 40 {
		cfg := contract.Config{BaseURL: ref.BaseURL, Token: ref.Token, ClientID: ref.ClientID, UserID: ref.UserID,
			Timeout: 5 * time.Second, Only: []string{"documented-request"},
			HTTPClient: &http.Client{Transport: preferring(fmt.Sprintf("dynamic=true; seed=%d", seed)),
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
		rep, err := contract.Run(t.Context(), validator(t), cfg)
		if err != nil {
			t.Fatal(err)
		}
		res := rep.Results[0]
		if res.Outcome() != contract.OutcomePass {
			t.Fatalf("Prefer: dynamic=true; seed=%d: %s is %s\n%s", seed, res.Check, res.Outcome(), text(t, rep))
		}
		for _, f := range res.Warnings {
			if strings.HasSuffix(f.Pointer, "/IpAddress") || strings.HasSuffix(f.Pointer, "/CreatedAt") {
				t.Errorf("Prefer: dynamic=true; seed=%d: warning %s", seed, f)
			}
		}
		// The same answer again (same seed), to count what was judged.
		req, _ := http.NewRequest(http.MethodGet, ref.BaseURL+"/users/"+ref.UserID+"/loginlogs?client_id="+ref.ClientID, nil)
		req.Header.Set("Authorization", "Bearer "+ref.Token)
		resp, err := preferring(fmt.Sprintf("dynamic=true; seed=%d", seed)).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			LoginLogs []any `json:"login_logs"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(body.LoginLogs) > 1 {
			lists++
		}
	}
	if lists < 10 {
		t.Errorf("%d of 40 dynamic answers had two entries or more, want 10 at least: the rules were hardly exercised", lists)
	}
}
