package contract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/errbody"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// now is the clock of the tests: after every seed entry, before 2099.
var now = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func seed(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	return b
}

func validator(t testing.TB) *validate.Validator {
	t.Helper()
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatalf("LoadSpec: %v", err)
	}
	return validate.New(doc)
}

// config points the suite at baseURL with the fake's credentials.
func config(baseURL string) contract.Config {
	return contract.Config{
		BaseURL: baseURL + "/api/v1", Token: fakeapi.Token, ClientID: fakeapi.ClientID,
		UserID: fakeapi.UserID, UnknownUserID: fakeapi.UnknownUserID,
		Timeout: 5 * time.Second, Now: func() time.Time { return now },
	}
}

// runAgainst runs the live suite against h (the fake, say) over real HTTP.
func runAgainst(t *testing.T, h http.Handler, edit func(*contract.Config)) contract.Report {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return runAt(t, srv.URL, edit)
}

// runFake runs the live suite against the fake API serving the seed, changed by fake (nil: the
// well-behaved fake).
func runFake(t *testing.T, fake func(*fakeapi.API), edit func(*contract.Config)) contract.Report {
	t.Helper()
	api := fakeapi.New(seed(t))
	if fake != nil {
		fake(api)
	}
	return runAgainst(t, api, edit)
}

// runAt runs the live suite against the server at url (the root, without /api/v1).
func runAt(t *testing.T, url string, edit func(*contract.Config)) contract.Report {
	t.Helper()
	cfg := config(url)
	if edit != nil {
		edit(&cfg)
	}
	rep, err := contract.Run(context.Background(), validator(t), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return rep
}

// finding is what a test expects to be found: a check, a severity and where.
type finding struct {
	check    string
	severity contract.Severity
	in       string
	pointer  string
	contains string // a substring of the finding's text, when it matters
}

func findings(rep contract.Report) []finding {
	var out []finding
	for _, r := range rep.Results {
		for _, f := range append(append([]contract.Finding{}, r.Errors...), r.Warnings...) {
			out = append(out, finding{r.Check, f.Severity, f.In, f.Pointer, f.String()})
		}
	}
	return out
}

func has(got []finding, want finding) bool {
	for _, g := range got {
		if g.check == want.check && g.severity == want.severity && g.in == want.in && g.pointer == want.pointer &&
			strings.Contains(g.contains, want.contains) {
			return true
		}
	}
	return false
}

func TestSuitePassesAgainstWellBehavedFake(t *testing.T) {
	rep := runAgainst(t, fakeapi.New(seed(t)), nil)
	if len(rep.Results) != len(contract.Checks()) {
		t.Fatalf("%d results, want %d", len(rep.Results), len(contract.Checks()))
	}
	for _, r := range rep.Results {
		if !r.Passed() || len(r.Warnings) > 0 {
			t.Errorf("check %s: passed=%v errors=%v warnings=%v setup=%q skipped=%q, want a clean pass",
				r.Check, r.Passed(), r.Errors, r.Warnings, r.Setup, r.Skipped)
		}
	}
	want := map[string]int{"documented-request": 200, "no-token": 401, "wrong-token": 401, "missing-client-id": 400, "unknown-user": 404}
	for _, r := range rep.Results {
		if r.Status != want[r.Check] {
			t.Errorf("check %s: status %d, want %d", r.Check, r.Status, want[r.Check])
		}
	}
}

func TestUnknownUserSkippedWithoutID(t *testing.T) {
	rep := runAgainst(t, fakeapi.New(seed(t)), func(c *contract.Config) { c.UnknownUserID = "" })
	last := rep.Results[len(rep.Results)-1]
	if last.Check != "unknown-user" || last.Skipped == "" {
		t.Errorf("last result %+v, want unknown-user skipped", last)
	}
	if _, failed, _, skipped, _, _ := rep.Counts(); failed != 0 || skipped != 1 {
		t.Errorf("failed=%d skipped=%d, want 0 and 1", failed, skipped)
	}
}

// the misbehaviours of the fake, one answer at a time.
func okBody(ct, body string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.Write([]byte(body))
	}
}

const entry = `{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"}`

// misbehaviour is one way the fake API misbehaves, and what the suite must find.
type misbehaviour struct {
	name string
	fake func(a *fakeapi.API)
	edit func(*contract.Config)
	want []finding
	// clean lists checks that must still pass.
	clean []string
}

// misbehaviours are the fake's misbehaviours, one at a time.
var misbehaviours = []misbehaviour{
	{
		name: "html error page",
		fake: func(a *fakeapi.API) {
			a.OK = okBody("text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
		},
		want: []finding{
			{"documented-request", "error", "header", "Content-Type", `want application/json, got "text/html; charset=utf-8"; looks like an HTML page titled "502 Bad Gateway"`},
		},
		clean: []string{"no-token", "wrong-token", "missing-client-id", "unknown-user"},
	},
	{
		name: "truncated json",
		fake: func(a *fakeapi.API) { a.OK = okBody("application/json", `{"login_logs":[`+entry[:40]) },
		want: []finding{{"documented-request", "error", "body", "", "truncated"}},
	},
	{
		name: "wrong content type",
		fake: func(a *fakeapi.API) { a.OK = okBody("text/plain", `{"login_logs":[`+entry+`]}`) },
		want: []finding{{"documented-request", "error", "header", "Content-Type", `got "text/plain"`}},
	},
	{
		name: "empty body",
		fake: func(a *fakeapi.API) { a.OK = okBody("application/json", "") },
		want: []finding{{"documented-request", "error", "body", "", "empty body"}},
	},
	{
		name: "paginated snake_case shape",
		fake: func(a *fakeapi.API) {
			a.OK = okBody("application/json", `{"audit_logs":[{"ip_address":"183.83.177.227","created_at":"2024-07-10T12:16:19.647Z"}],"next_cursor":"c2"}`)
		},
		want: []finding{
			{"documented-request", "error", "body", "/login_logs", `required property "login_logs", got absent; body has audit_logs, next_cursor: looks like SSOJet's paginated snake_case shape`},
			{"documented-request", "warning", "body", "/audit_logs", "unknown property"},
		},
	},
	{
		name: "snake_case fields",
		fake: func(a *fakeapi.API) {
			a.OK = okBody("application/json", `{"login_logs":[{"ip_address":"1.2.3.4","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"}]}`)
		},
		want: []finding{
			{"documented-request", "error", "body", "/login_logs/0/IpAddress", `required property "IpAddress"`},
			{"documented-request", "warning", "body", "/login_logs/0/ip_address", "snake_case spelling of IpAddress"},
		},
	},
	{
		name: "bad date-time and wrong type",
		fake: func(a *fakeapi.API) {
			a.OK = okBody("application/json", `{"login_logs":[{"IpAddress":"1.2.3.4","Country":7,"City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-02-30T10:00:00Z"}]}`)
		},
		want: []finding{
			{"documented-request", "error", "body", "/login_logs/0/CreatedAt", "date-time"},
			{"documented-request", "error", "body", "/login_logs/0/Country", "type string"},
		},
	},
	{
		name: "null list",
		fake: func(a *fakeapi.API) { a.OK = okBody("application/json", `{"login_logs":null}`) },
		want: []finding{{"documented-request", "error", "body", "/login_logs", ""}},
	},
	{
		name: "redirect",
		fake: func(a *fakeapi.API) {
			a.OK = func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "https://login.example.com/sso", http.StatusFound)
			}
		},
		want: []finding{{"documented-request", "error", "status", "", "302 redirect to https://login.example.com/sso"}},
	},
	{
		name: "undocumented status",
		fake: func(a *fakeapi.API) {
			a.OK = func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) }
		},
		want: []finding{{"documented-request", "error", "status", "", "not documented"}},
	},
	{
		name: "no token accepted",
		fake: func(a *fakeapi.API) {
			a.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
				if r.Header.Get("Authorization") != "" {
					return false
				}
				okBody("application/json", `{"login_logs":[]}`)(w, r)
				return true
			}
		},
		want:  []finding{{"no-token", "error", "status", "", "want 401 Unauthorized, got 200 OK"}},
		clean: []string{"documented-request", "wrong-token"},
	},
	{
		name: "wrong token forbidden instead of unauthorized",
		fake: func(a *fakeapi.API) {
			a.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
				if r.Header.Get("Authorization") != "Bearer "+contract.WrongToken {
					return false
				}
				errbody.Write(w, http.StatusForbidden, "access_denied", 1003, "no")
				return true
			}
		},
		want: []finding{{"wrong-token", "error", "status", "", "want 401 Unauthorized, got 403 Forbidden"}},
	},
	{
		name: "missing client_id answered",
		fake: func(a *fakeapi.API) {
			a.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Query().Has("client_id") {
					return false
				}
				okBody("application/json", `{"login_logs":[]}`)(w, r)
				return true
			}
		},
		want: []finding{{"missing-client-id", "error", "status", "", "want 400 Bad Request, got 200 OK"}},
	},
	{
		name: "error bodies not json",
		fake: func(a *fakeapi.API) {
			a.Error = func(w http.ResponseWriter, status int, _ string, _ int, _ string) {
				w.Header().Set("Content-Type", "text/plain")
				w.WriteHeader(status)
				w.Write([]byte(http.StatusText(status)))
			}
		},
		want: []finding{
			{"no-token", "error", "header", "Content-Type", `got "text/plain"; body starts "Unauthorized"`},
			{"missing-client-id", "error", "header", "Content-Type", `got "text/plain"; body starts "Bad Request"`},
			{"unknown-user", "error", "header", "Content-Type", `got "text/plain"; body starts "Not Found"`},
		},
		clean: []string{"documented-request"},
	},
	{
		name: "error bodies missing fields",
		fake: func(a *fakeapi.API) {
			a.Error = func(w http.ResponseWriter, status int, name string, _ int, _ string) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(status)
				w.Write([]byte(`{"error":"` + name + `","message":"x"}`))
			}
		},
		want: []finding{
			{"wrong-token", "error", "body", "/error_code", "required"},
			{"unknown-user", "error", "body", "/error_description", "required"},
			{"unknown-user", "warning", "body", "/message", "unknown property"},
		},
	},
	{
		name: "warnings only",
		fake: func(a *fakeapi.API) {
			bad := strings.Replace(entry, `"183.83.177.227"`, `"not-an-ip"`, 1)
			future := strings.Replace(entry, "2024-07-10", "2099-07-10", 1)
			extra := strings.Replace(entry, `{"IpAddress"`, `{"Region":"RJ","IpAddress"`, 1)
			a.OK = okBody("application/json", `{"login_logs":[`+future+`,`+bad+`,`+extra+`],"total":3}`)
		},
		want: []finding{
			{"documented-request", "warning", "body", "/login_logs/0/CreatedAt", "future"},
			{"documented-request", "warning", "body", "/login_logs/1/IpAddress", `"not-an-ip"`},
			{"documented-request", "warning", "body", "/login_logs/1/CreatedAt", "oldest first"},
			{"documented-request", "warning", "body", "/login_logs/2/Region", "unknown property"},
			{"documented-request", "warning", "body", "/total", "unknown property"},
		},
		clean: []string{"documented-request", "no-token"},
	},
	{
		name:  "empty list",
		edit:  func(c *contract.Config) { c.UserID = fakeapi.OtherUserID },
		want:  []finding{{"documented-request", "warning", "body", "/login_logs", "empty list"}},
		clean: []string{"documented-request"},
	},
	{
		name: "error types swapped are allowed",
		fake: func(a *fakeapi.API) {
			a.Error = func(w http.ResponseWriter, status int, _ string, code int, desc string) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(status)
				json.NewEncoder(w).Encode(map[string]any{"error": code, "error_code": "1002", "error_description": desc})
			}
		},
		clean: []string{"documented-request", "no-token", "wrong-token", "missing-client-id", "unknown-user"},
	},
}

func TestSuiteFindsEachMisbehaviour(t *testing.T) {
	for _, tt := range misbehaviours {
		t.Run(tt.name, func(t *testing.T) {
			rep := runFake(t, tt.fake, tt.edit)
			got := findings(rep)
			for _, w := range tt.want {
				if !has(got, w) {
					t.Errorf("missing finding %+v\ngot:\n%s", w, dump(got))
				}
			}
			for _, name := range tt.clean {
				for _, r := range rep.Results {
					if r.Check == name && !r.Passed() {
						t.Errorf("check %s failed (%v), want it to pass", name, r.Errors)
					}
				}
			}
			for _, r := range rep.Results {
				if r.Setup != "" {
					t.Errorf("check %s: setup error %q, want none", r.Check, r.Setup)
				}
			}
		})
	}
}

func dump(fs []finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.check + " " + string(f.severity) + " " + f.contains + "\n")
	}
	return b.String()
}

func TestNetworkFailuresAreSetupErrors(t *testing.T) {
	refused := func(t *testing.T) string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		return "http://" + addr
	}
	slow := func(t *testing.T) string {
		done := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-done:
			}
		}))
		t.Cleanup(func() { close(done); srv.Close() })
		return srv.URL
	}
	tlsSelfSigned := func(t *testing.T) string {
		srv := httptest.NewUnstartedServer(fakeapi.New(seed(t)))
		srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is the point
		srv.StartTLS()
		t.Cleanup(srv.Close)
		return srv.URL
	}
	tests := []struct {
		name string
		url  func(t *testing.T) string
		kind string
	}{
		{"refused", refused, "connection refused"},
		{"timeout", slow, "timeout: nothing received for 200ms"},
		{"tls", tlsSelfSigned, "TLS"},
		{"dns", func(*testing.T) string { return "http://no-such-host.invalid" }, "DNS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config(tt.url(t))
			// Short only where the timeout is the failure: a loaded machine (-race) may take
			// longer than that to refuse a certificate.
			cfg.Timeout = 10 * time.Second
			if tt.name == "timeout" {
				cfg.Timeout = 200 * time.Millisecond
			}
			rep, err := contract.Run(context.Background(), validator(t), cfg)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			first := rep.Results[0]
			if !strings.Contains(first.Setup, tt.kind) {
				t.Errorf("first check setup error %q, want it to name %q", first.Setup, tt.kind)
			}
			for _, r := range rep.Results[1:] {
				if r.Skipped == "" {
					t.Errorf("check %s ran after a network failure, want it skipped", r.Check)
				}
			}
		})
	}
}

func TestRecordNeverWritesTheTokenAndReplays(t *testing.T) {
	api := fakeapi.New(seed(t))
	// A careless server echoing the token back must not leak it into fixtures or reports.
	api.Error = func(w http.ResponseWriter, status int, name string, code int, desc string) {
		errbody.Write(w, status, name, code, desc+" token="+fakeapi.Token)
	}
	dir := t.TempDir()
	live := runAgainst(t, api, func(c *contract.Config) { c.RecordDir = dir })

	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != len(contract.Checks()) {
		t.Fatalf("recorded %d fixtures, want %d", len(files), len(contract.Checks()))
	}
	var exchanges []*contract.Exchange
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), fakeapi.Token) {
			t.Errorf("fixture %s contains the token", f)
		}
		ex, ok := contract.ReadFixture(b)
		if !ok {
			t.Fatalf("ReadFixture(%s): not a fixture", f)
		}
		exchanges = append(exchanges, ex)
	}
	liveJSON, _ := json.Marshal(live)
	if strings.Contains(string(liveJSON), fakeapi.Token) {
		t.Errorf("report contains the token")
	}

	replayed, err := contract.Replay(context.Background(), validator(t), contract.ReplayOptions{Exchanges: exchanges, Sources: files, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatalf("Replay: %v", err)
	}
	byCheck := map[string]contract.Result{}
	for _, r := range replayed.Results {
		byCheck[r.Check] = r
	}
	for _, r := range live.Results {
		got := byCheck[r.Check]
		if got.Status != r.Status || len(got.Errors) != len(r.Errors) || len(got.Warnings) != len(r.Warnings) {
			t.Errorf("check %s replayed: status %d, %d errors, %d warnings; live: %d, %d, %d",
				r.Check, got.Status, len(got.Errors), len(got.Warnings), r.Status, len(r.Errors), len(r.Warnings))
		}
	}
}

// TestNamedChecksNeedTheirOperation: the named checks send the SDK's request, GET
// /users/{userid}/loginlogs. A candidate contract that declares listUserLoginLogs elsewhere (a
// new path, another method) does not route that request to it: kin-openapi gives no verdict on
// its answer by that operation, so the run refuses to start rather than pass; the generated
// checks, which follow the contract's path, still run alone.
func TestNamedChecksNeedTheirOperation(t *testing.T) {
	const path = "\n  /users/{userid}/loginlogs:\n"
	if bytes.Count(api.OpenAPI, []byte(path)) != 1 {
		t.Fatalf("the contract has not one %q", path)
	}
	srv := httptest.NewServer(fakeapi.New(seed(t)))
	defer srv.Close()
	for _, moved := range []string{"\n  /users/{userid}/login-history:\n", "\n  /v2/users/{userid}/loginlogs:\n"} {
		doc, err := spec.Load(bytes.Replace(api.OpenAPI, []byte(path), []byte(moved), 1))
		if err != nil {
			t.Fatal(err)
		}
		o, err := oracle.New(bytes.Replace(api.OpenAPI, []byte(path), []byte(moved), 1))
		if err != nil {
			t.Fatal(err)
		}
		sent := httptest.NewRequest(http.MethodGet, srv.URL+"/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID, nil)
		if o.Request(sent) == nil {
			t.Fatalf("kin-openapi routes %s by a contract with %q", sent.URL.Path, moved)
		}
		rep, err := contract.Run(context.Background(), validate.New(doc), config(srv.URL))
		if err == nil || !strings.Contains(err.Error(), "/users/{userid}/loginlogs") || !strings.Contains(err.Error(), strings.TrimSpace(strings.TrimSuffix(moved, ":\n"))) {
			t.Errorf("listUserLoginLogs moved to %q: Run = %v, want an error naming both paths\n%s", moved, err, text(t, rep))
		}
		cfg := config(srv.URL)
		cfg.Only = []string{contract.CheckServerError}
		generate(20)(&cfg)
		if _, err := contract.Run(context.Background(), validate.New(doc), cfg); err != nil {
			t.Errorf("--only %s: %v, want the generated checks to run", contract.CheckServerError, err)
		}
	}
}
