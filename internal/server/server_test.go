package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

const (
	tokenA  = "token-of-client-a"
	tokenB  = "token-of-client-b"
	clientB = "cli_other.b"
	userB   = "66a000000000000000000b0b"
	quietU  = "66a0000000000000000000ff" // a user of the demo client without logs
)

// logBuffer collects what the server logs, safely across goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// fakeStore is a hand-written Store with function fields. Its logs never change: every user it
// knows is at version 1.
type fakeStore struct {
	list func(ctx context.Context, clientID, userID string) ([]store.LoginLog, error)
	ping func(ctx context.Context) error
}

func (f *fakeStore) ScanLoginLogs(ctx context.Context, clientID, userID string, fn store.ScanFunc) (int64, error) {
	logs, err := f.list(ctx, clientID, userID)
	if err != nil {
		return 0, err
	}
	for i := range logs {
		if err := fn(1, &logs[i]); err != nil {
			return 0, err
		}
	}
	return 1, nil
}

func (f *fakeStore) UserVersion(ctx context.Context, clientID, userID string) (int64, error) {
	if _, err := f.list(ctx, clientID, userID); err != nil {
		return 0, err
	}
	return 1, nil
}

func (f *fakeStore) Ping(ctx context.Context) error { return f.ping(ctx) }

var loadSpec = sync.OnceValues(spec.Embedded)

func validator(t testing.TB) *validate.Validator {
	t.Helper()
	doc, err := loadSpec()
	if err != nil {
		t.Fatalf("spec.Embedded: %v", err)
	}
	return validate.New(doc)
}

// seededSQLite is a real SQLite file with the demo seed, a user of client B and a quiet user.
func seededSQLite(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "loginlogs.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	doc, _ := loadSpec()
	if ok, err := server.SeedDemo(t.Context(), st, doc); err != nil || !ok {
		t.Fatalf("SeedDemo = %v, %v; want true, nil", ok, err)
	}
	logs, _ := server.DemoLogs(doc)
	if err := st.AddLoginLogs(t.Context(), clientB, userB, logs[:2]); err != nil {
		t.Fatalf("AddLoginLogs(client B): %v", err)
	}
	if err := st.AddLoginLogs(t.Context(), server.DemoClientID, quietU, nil); err != nil {
		t.Fatalf("AddLoginLogs(quiet user): %v", err)
	}
	return st
}

type setup struct {
	store  server.Store
	strict ssojetapi.StrictServerInterface
	mode   validate.Policy
	// config changes the Config before the handler is built.
	config func(*server.Config)
}

// start serves the whole stack over real HTTP and returns its URL and log.
func start(t *testing.T, s setup) (string, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	tokens.Add(tokenB, clientB)
	if s.store == nil {
		s.store = seededSQLite(t)
	}
	cfg := server.Config{
		Store: s.store, Validator: validator(t), Tokens: tokens, Mode: s.mode,
		Logger: slog.New(slog.NewJSONHandler(logs, nil)),
	}
	if s.config != nil {
		s.config(&cfg)
	}
	h := server.NewHandler(cfg)
	if s.strict != nil {
		h = server.NewHandlerAround(cfg, s.strict)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	t.Cleanup(func() {
		if strings.Contains(logs.String(), tokenA) || strings.Contains(logs.String(), tokenB) {
			t.Errorf("the server logged a bearer token:\n%s", logs.String())
		}
	})
	return ts.URL, logs
}

func sdk(t *testing.T, baseURL, token string) *ssojet.ClientWithResponses {
	t.Helper()
	c, err := ssojet.NewClientWithResponses(baseURL+validate.BasePath, ssojet.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		r.Header.Set("Accept", "application/json")
		return nil
	}))
	if err != nil {
		t.Fatalf("NewClientWithResponses: %v", err)
	}
	return c
}

var judge = sync.OnceValues(func() (*oracle.Oracle, error) { return oracle.New(api.OpenAPI) })

// checkContract judges a received response with kin-openapi alone (package oracle).
func checkContract(t *testing.T, res *http.Response, body []byte) {
	t.Helper()
	o, err := judge()
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Response(res.Request, res.StatusCode, res.Header, body); err != nil {
		t.Errorf("%s %s: response %d violates the contract: %v\n%s", res.Request.Method, res.Request.URL, res.StatusCode, err, body)
	}
}

func TestHappyPathReturnsTheSeed(t *testing.T) {
	url, _ := start(t, setup{})
	res, err := sdk(t, url, tokenA).ListUserLoginLogsWithResponse(t.Context(), server.DemoUserID,
		&ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID})
	if err != nil {
		t.Fatalf("ListUserLoginLogs: %v", err)
	}
	if res.StatusCode() != http.StatusOK || res.JSON200 == nil {
		t.Fatalf("ListUserLoginLogs: status %d, want 200\n%s", res.StatusCode(), res.Body)
	}
	checkContract(t, res.HTTPResponse, res.Body)
	if n := len(res.JSON200.LoginLogs); n != 24 {
		t.Errorf("ListUserLoginLogs: %d logs, want 24", n)
	}
	seed, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	if err := json.Unmarshal(seed, &want); err != nil {
		t.Fatalf("decode seed: %v", err)
	}
	if err := json.Unmarshal(res.Body, &got); err != nil {
		t.Fatalf("decode body: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ListUserLoginLogs body differs from testdata/seed-loginlogs.json:\ngot  %s", res.Body)
	}
}

func TestErrors(t *testing.T) {
	url, _ := start(t, setup{})
	demo := "/api/v1/users/" + server.DemoUserID + "/loginlogs"
	cases := []struct {
		name        string
		method      string
		path        string
		token       string
		status      int
		code        int
		description string
		header      string // a header that must be set, "Name: value"
	}{
		{"no client_id", "GET", demo, tokenA, 400, 842, "", ""},
		{"empty client_id", "GET", demo + "?client_id=", tokenA, 400, 842, "", ""},
		{"no token", "GET", demo + "?client_id=" + server.DemoClientID, "", 401, 1002, "", `WWW-Authenticate: Bearer realm="ssojet", error="invalid_token"`},
		{"unknown token", "GET", demo + "?client_id=" + server.DemoClientID, "nope", 401, 1002, "", `WWW-Authenticate: Bearer realm="ssojet", error="invalid_token"`},
		{"token of another client", "GET", demo + "?client_id=" + server.DemoClientID, tokenB, 403, 1003, "", ""},
		{"unknown user", "GET", "/api/v1/users/000000000000000000000000/loginlogs?client_id=" + server.DemoClientID, tokenA, 404, 801, "User not found.", ""},
		{"user of another client", "GET", "/api/v1/users/" + userB + "/loginlogs?client_id=" + server.DemoClientID, tokenA, 404, 801, "User not found.", ""},
		{"escaped slash in the user id", "GET", "/api/v1/users/a%2Fb/loginlogs?client_id=" + server.DemoClientID, tokenA, 404, 801, "User not found.", ""},
		{"demo user from client B", "GET", demo + "?client_id=" + clientB, tokenB, 404, 801, "User not found.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, body := do(t, c.method, url+c.path, c.token)
			if res.StatusCode != c.status {
				t.Fatalf("%s %s: status %d, want %d\n%s", c.method, c.path, res.StatusCode, c.status, body)
			}
			checkContract(t, res, body)
			checkError(t, res, body, c.code, c.description)
			if c.header != "" {
				name, value, _ := strings.Cut(c.header, ": ")
				if got := res.Header.Get(name); got != value {
					t.Errorf("%s %s: %s = %q, want %q", c.method, c.path, name, got, value)
				}
			}
		})
	}
}

func TestOutsideTheContract(t *testing.T) {
	url, _ := start(t, setup{})
	cases := []struct {
		name, method, path string
		status, code       int
		allow              string
	}{
		{"unknown path", "GET", "/nope", 404, 801, ""},
		{"unknown API path", "GET", "/api/v1/users", 404, 801, ""},
		{"POST on loginlogs", "POST", "/api/v1/users/x/loginlogs?client_id=a", 405, 805, "GET, HEAD"},
		{"DELETE on loginlogs", "DELETE", "/api/v1/users/x/loginlogs", 405, 805, "GET, HEAD"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, body := do(t, c.method, url+c.path, tokenA)
			if res.StatusCode != c.status {
				t.Fatalf("%s %s: status %d, want %d\n%s", c.method, c.path, res.StatusCode, c.status, body)
			}
			checkError(t, res, body, c.code, "")
			if c.allow != "" && res.Header.Get("Allow") != c.allow {
				t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, res.Header.Get("Allow"), c.allow)
			}
		})
	}
}

func TestUserWithoutLogsHasEmptyList(t *testing.T) {
	url, _ := start(t, setup{})
	res, body := do(t, "GET", url+"/api/v1/users/"+quietU+"/loginlogs?client_id="+server.DemoClientID, tokenA)
	if res.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"login_logs":[]}` {
		t.Fatalf("GET quiet user: %d %s, want 200 {\"login_logs\":[]}", res.StatusCode, body)
	}
	checkContract(t, res, body)
}

func TestStoreFailures(t *testing.T) {
	cases := []struct {
		name   string
		store  *fakeStore
		status int
		code   int
	}{
		{"store unavailable", &fakeStore{list: func(context.Context, string, string) ([]store.LoginLog, error) {
			return nil, store.ErrUnavailable
		}}, 503, 853},
		{"store broken", &fakeStore{list: func(context.Context, string, string) ([]store.LoginLog, error) {
			return nil, errors.New("disk on fire")
		}}, 500, 850},
		{"store panics", &fakeStore{list: func(context.Context, string, string) ([]store.LoginLog, error) {
			panic("boom")
		}}, 500, 850},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			url, logs := start(t, setup{store: c.store})
			res, err := sdk(t, url, tokenA).ListUserLoginLogsWithResponse(t.Context(), server.DemoUserID,
				&ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID})
			if err != nil {
				t.Fatalf("ListUserLoginLogs: %v", err)
			}
			if res.StatusCode() != c.status {
				t.Fatalf("ListUserLoginLogs: status %d, want %d\n%s", res.StatusCode(), c.status, res.Body)
			}
			checkContract(t, res.HTTPResponse, res.Body)
			checkError(t, res.HTTPResponse, res.Body, c.code, "")
			if c.status == 503 && res.HTTPResponse.Header.Get("Retry-After") == "" {
				t.Errorf("503 without Retry-After")
			}
			if strings.Contains(string(res.Body), "disk on fire") || strings.Contains(string(res.Body), "boom") {
				t.Errorf("internal detail leaked to the client: %s", res.Body)
			}
			if !strings.Contains(logs.String(), `"level":"ERROR"`) && c.status == 500 {
				t.Errorf("500 without an error log line:\n%s", logs.String())
			}
		})
	}
}

// brokenHandler answers 200 with a CreatedAt that is no calendar date.
type brokenHandler struct{}

func (brokenHandler) CreateToken(context.Context, ssojetapi.CreateTokenRequestObject) (ssojetapi.CreateTokenResponseObject, error) {
	return nil, errors.New("broken")
}

type badBody struct{}

func (badBody) VisitListUserLoginLogsResponse(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(200)
	_, err := io.WriteString(w, `{"login_logs":[{"IpAddress":"1.2.3.4","Country":"India","City":"Jaipur","UserAgent":"","Name":"x","Os":"","Device":"","CreatedAt":"2024-02-30T00:00:00Z"}]}`)
	return err
}

func (brokenHandler) ListUserLoginLogs(context.Context, ssojetapi.ListUserLoginLogsRequestObject) (ssojetapi.ListUserLoginLogsResponseObject, error) {
	return badBody{}, nil
}

func (brokenHandler) HeadUserLoginLogs(context.Context, ssojetapi.HeadUserLoginLogsRequestObject) (ssojetapi.HeadUserLoginLogsResponseObject, error) {
	return ssojetapi.HeadUserLoginLogs500Response{}, nil
}

func TestResponseValidation(t *testing.T) {
	cases := []struct {
		mode    validate.Policy
		status  int
		logLine bool
	}{
		{validate.Enforce, 500, true},
		{validate.Report, 200, true},
		{validate.Off, 200, false},
	}
	for _, c := range cases {
		t.Run(c.mode.String(), func(t *testing.T) {
			url, logs := start(t, setup{strict: brokenHandler{}, mode: c.mode})
			res, body := do(t, "GET", url+"/api/v1/users/"+server.DemoUserID+"/loginlogs?client_id="+server.DemoClientID, tokenA)
			if res.StatusCode != c.status {
				t.Fatalf("GET with a broken handler in %s mode: status %d, want %d\n%s", c.mode, res.StatusCode, c.status, body)
			}
			if c.status == 500 {
				checkContract(t, res, body)
				checkError(t, res, body, 850, "")
			}
			logged := strings.Contains(logs.String(), `"pointer":"/login_logs/0/CreatedAt"`)
			if logged != c.logLine {
				t.Errorf("%s mode: log names /login_logs/0/CreatedAt = %v, want %v\n%s", c.mode, logged, c.logLine, logs.String())
			}
			want := map[string]float64{}
			if c.logLine {
				want["kind=body,pointer=/login_logs/*/CreatedAt,side=server"] = 1
			}
			if got := server.ViolationCounts(t, url); !maps.Equal(got, want) {
				t.Errorf("%s mode: GET /metrics: loginlogs_violations_total %v, want %v", c.mode, got, want)
			}
		})
	}
}

// TestRequestViolationsAreCounted: requests refused by request validation, and a method the
// contract does not define, are counted on /metrics as the client's violations, with the
// parameter's pointer; the refused requests never reach the handler, so the server has none.
func TestRequestViolationsAreCounted(t *testing.T) {
	url, _ := start(t, setup{})
	logs := url + "/api/v1/users/" + server.DemoUserID + "/loginlogs"
	for _, r := range []struct {
		method, url string
		status      int
	}{
		{"GET", logs, 400},
		{"GET", logs + "?client_id=", 400},
		{"POST", logs + "?client_id=" + server.DemoClientID, 405},
		{"GET", logs + "?client_id=" + server.DemoClientID, 200},
	} {
		if res, body := do(t, r.method, r.url, tokenA); res.StatusCode != r.status {
			t.Fatalf("%s %s: status %d, want %d\n%s", r.method, r.url, res.StatusCode, r.status, body)
		}
	}
	want := map[string]float64{
		"kind=query,pointer=/client_id,side=client": 2,
		"kind=request,pointer=,side=client":         1,
	}
	if got := server.ViolationCounts(t, url); !maps.Equal(got, want) {
		t.Errorf("GET /metrics: loginlogs_violations_total %v, want %v", got, want)
	}
}

func TestOperations(t *testing.T) {
	down := &fakeStore{ping: func(context.Context) error { return store.ErrUnavailable }}
	up := &fakeStore{ping: func(context.Context) error { return nil }}
	cases := []struct {
		name   string
		store  *fakeStore
		path   string
		status int
	}{
		{"healthz", down, "/healthz", 200},
		{"readyz up", up, "/readyz", 200},
		{"readyz down", down, "/readyz", 503},
		{"openapi.yaml", up, "/openapi.yaml", 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			url, _ := start(t, setup{store: c.store})
			res, body := do(t, "GET", url+c.path, "")
			if res.StatusCode != c.status {
				t.Fatalf("GET %s: status %d, want %d\n%s", c.path, res.StatusCode, c.status, body)
			}
			if c.path == "/openapi.yaml" && !bytes.Equal(body, api.OpenAPI) {
				t.Errorf("GET /openapi.yaml: body is not api.OpenAPI")
			}
			if c.status == 503 {
				checkError(t, res, body, 853, "")
			}
		})
	}
}

func TestRequestID(t *testing.T) {
	url, logs := start(t, setup{})
	cases := []struct{ name, sent, want string }{
		{"honoured", "abc-123", "abc-123"},
		{"generated", "", ""},
		{"unsafe replaced", "a b;c=\"d\"", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", url+"/healthz", nil)
			if c.sent != "" {
				req.Header.Set("X-Request-Id", c.sent)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			got := res.Header.Get("X-Request-Id")
			if c.want != "" && got != c.want || c.want == "" && (got == "" || got == c.sent) {
				t.Errorf("X-Request-Id sent %q: got %q, want %q (or a generated one)", c.sent, got, c.want)
			}
			if !strings.Contains(logs.String(), `"request_id":"`+got+`"`) {
				t.Errorf("request id %q not in the log", got)
			}
		})
	}
}

func do(t *testing.T, method, url, token string) (*http.Response, []byte) {
	t.Helper()
	return send(t, http.DefaultClient, method, url, token, nil)
}

// doHeader is do with more request headers.
func doHeader(t *testing.T, method, url, token string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	return send(t, http.DefaultClient, method, url, token, header)
}

// send makes a request with c, with the bearer token (none when empty) and header, and returns
// the answer and its body, read whole.
func send(t *testing.T, c *http.Client, method, url, token string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(req.Header, header)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return res, body
}

// checkError checks SSOJet's error shape and code (and description when given).
func checkError(t *testing.T, res *http.Response, body []byte, code int, description string) {
	t.Helper()
	var e struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
		ErrorCode        int    `json:"error_code"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("%s %s: error body is not SSOJet's shape: %v\n%s", res.Request.Method, res.Request.URL, err, body)
	}
	if e.ErrorCode != code || e.Error == "" || e.ErrorDescription == "" {
		t.Errorf("%s %s: error %+v, want error_code %d and non-empty error and description", res.Request.Method, res.Request.URL, e, code)
	}
	if description != "" && e.ErrorDescription != description {
		t.Errorf("%s %s: error_description %q, want %q", res.Request.Method, res.Request.URL, e.ErrorDescription, description)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s: Content-Type %q, want application/json", res.Request.Method, res.Request.URL, ct)
	}
}

func TestBodyTooLarge(t *testing.T) {
	url, _ := start(t, setup{})
	req, _ := http.NewRequestWithContext(t.Context(), "GET", url+"/api/v1/users/"+server.DemoUserID+"/loginlogs?client_id="+server.DemoClientID, strings.NewReader(strings.Repeat("x", 1<<20)))
	req.Header.Set("Authorization", "Bearer "+tokenA)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET with a 1 MiB body: %v", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 400 {
		t.Fatalf("GET with a 1 MiB body: status %d, want 400\n%s", res.StatusCode, body)
	}
	checkContract(t, res, body)
	checkError(t, res, body, 800, "")
}

// TestShutdownLetsInFlightRequestsFinish shuts the server down while a request waits in the
// store, and expects that request to complete with 200.
func TestShutdownLetsInFlightRequestsFinish(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	slow := &fakeStore{list: func(context.Context, string, string) ([]store.LoginLog, error) {
		close(entered)
		<-release
		return []store.LoginLog{}, nil
	}}
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	h := server.NewHandler(server.Config{Store: slow, Validator: validator(t), Tokens: tokens, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(h)
	defer ts.Close()

	got := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("GET", ts.URL+"/api/v1/users/u/loginlogs?client_id="+server.DemoClientID, nil)
		req.Header.Set("Authorization", "Bearer "+tokenA)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			got <- 0 // reported below as a wrong status
			return
		}
		res.Body.Close()
		got <- res.StatusCode
	}()
	<-entered
	shut := make(chan error, 1)
	go func() { shut <- ts.Config.Shutdown(context.Background()) }()
	time.Sleep(50 * time.Millisecond) // Shutdown is now waiting for the request
	close(release)
	if status := <-got; status != 200 {
		t.Errorf("in-flight GET during Shutdown: status %d, want 200", status)
	}
	if err := <-shut; err != nil {
		t.Errorf("Shutdown: %v", err)
	}
}

// TestHEADOfTheServiceEndpoints: /healthz, /readyz, /openapi.yaml and /metrics answer HEAD as
// GET without the body (RFC 9110 9.1: a general-purpose server supports HEAD wherever it supports
// GET), as monitors that probe with HEAD expect; /docs did already.
func TestHEADOfTheServiceEndpoints(t *testing.T) {
	url, _ := start(t, setup{})
	for _, path := range []string{"/healthz", "/readyz", "/openapi.yaml", "/metrics", "/docs"} {
		get, _ := doHeader(t, http.MethodGet, url+path, "", nil)
		head, body := doHeader(t, http.MethodHead, url+path, "", nil)
		if head.StatusCode != http.StatusOK || len(body) != 0 || head.Header.Get("Content-Type") != get.Header.Get("Content-Type") {
			t.Errorf("HEAD %s: %d, %d bytes, Content-Type %q; want 200, none, and GET's %q", path, head.StatusCode, len(body), head.Header.Get("Content-Type"), get.Header.Get("Content-Type"))
		}
	}
}
