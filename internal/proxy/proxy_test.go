package proxy_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/ssojet-tools/loginlogs/api"
	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/docs"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/redact/redacttest"
	"github.com/ssojet-tools/loginlogs/internal/report"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

func validator(t testing.TB) *validate.Validator {
	t.Helper()
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return validate.New(doc)
}

// contractOracle returns kin-openapi's judge of the embedded contract (internal/oracle).
func contractOracle(t testing.TB) *oracle.Oracle {
	t.Helper()
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestModeOffIsRefused: the proxy judges every answer; validate.Off is not one of its modes.
func TestModeOffIsRefused(t *testing.T) {
	u, _ := url.Parse("http://127.0.0.1:1")
	if _, err := proxy.New(proxy.Config{Upstream: u, Validator: validator(t), Mode: validate.Off}); err == nil {
		t.Error("proxy.New with Mode validate.Off: nil error, want one")
	}
}

// logBuffer collects the proxy's log lines.
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

type running struct {
	p    *proxy.Proxy
	srv  *httptest.Server
	logs *logBuffer
}

// base is the proxy's API base URL.
func (r running) base() string { return r.srv.URL + "/api/v1" }

// summary shuts the proxy's server down, so that no exchange is in flight, and returns the
// summary.
func (r running) summary() proxy.Summary {
	r.srv.Close()
	return r.p.Summary()
}

func startProxy(t testing.TB, upstream string, edit func(*proxy.Config)) running {
	t.Helper()
	u, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuffer{}
	cfg := proxy.Config{Upstream: u, Validator: validator(t), Mode: validate.Report, Logger: slog.New(slog.NewTextHandler(logs, nil))}
	if edit != nil {
		edit(&cfg)
	}
	p, err := proxy.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return running{p: p, srv: srv, logs: logs}
}

func get(t testing.TB, rawURL, token string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", rawURL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", rawURL, err)
	}
	return res, body
}

func logsURL(base, user, clientID string) string {
	u := base + "/users/" + url.PathEscape(user) + "/loginlogs"
	if clientID != "" {
		u += "?client_id=" + url.QueryEscape(clientID)
	}
	return u
}

func TestReferenceServerThroughProxyKeepsTheContract(t *testing.T) {
	ref := servertest.Start(t)
	pr := startProxy(t, ref.URL, nil)
	ctx := context.Background()

	// The generated client.
	gc, err := ssojet.NewClientWithResponses(pr.base(), ssojet.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+ref.Token)
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	res, err := gc.ListUserLoginLogsWithResponse(ctx, server.DemoUserID, &ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID})
	if err != nil {
		t.Fatalf("generated client through the proxy: %v", err)
	}
	if res.JSON200 == nil || len(res.JSON200.LoginLogs) != 24 {
		t.Fatalf("generated client through the proxy: status %d, want 200 with 24 logs", res.StatusCode())
	}
	etag := res.HTTPResponse.Header.Get("ETag")
	// The same body again (the memo's path), then a 304, then the errors the contract documents.
	if again, err := gc.ListUserLoginLogsWithResponse(ctx, server.DemoUserID, &ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID}); err != nil || again.JSON200 == nil {
		t.Fatalf("second call: %v", err)
	}
	nm, err := gc.ListUserLoginLogsWithResponse(ctx, server.DemoUserID, &ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID, IfNoneMatch: &etag})
	if err != nil || nm.StatusCode() != http.StatusNotModified {
		t.Fatalf("If-None-Match %s: %v, status %d, want 304", etag, err, nm.StatusCode())
	}
	if nf, err := gc.ListUserLoginLogsWithResponse(ctx, "000000000000000000000000", &ssojet.ListUserLoginLogsParams{ClientId: server.DemoClientID}); err != nil || nf.JSON404 == nil {
		t.Fatalf("unknown user: %v, want a 404 the generated client decodes", err)
	}

	// The public SDK.
	c, err := sdk.New(pr.base(), ref.Token)
	if err != nil {
		t.Fatal(err)
	}
	logs, err := c.LoginLogs(ctx, server.DemoClientID, server.DemoUserID)
	if err != nil || len(logs) != 24 {
		t.Fatalf("SDK LoginLogs through the proxy: %d logs, %v; want 24", len(logs), err)
	}
	if _, err := c.LoginLogs(ctx, server.DemoClientID, "000000000000000000000000"); !sdk.IsNotFound(err) {
		t.Fatalf("SDK LoginLogs of an unknown user: %v, want a 404", err)
	}
	bad, _ := sdk.New(pr.base(), "not-the-token")
	if _, err := bad.LoginLogs(ctx, server.DemoClientID, server.DemoUserID); !sdk.IsUnauthorized(err) {
		t.Fatalf("SDK with a wrong token: %v, want a 401", err)
	}

	s := pr.summary()
	if s.UpstreamViolations != 0 || s.ClientViolations != 0 {
		t.Errorf("summary: %d upstream and %d client violations, want none: %+v", s.UpstreamViolations, s.ClientViolations, s.Violations)
	}
	if s.Exchanges != 7 || s.Statuses["200"] != 3 || s.Statuses["304"] != 1 || s.Statuses["404"] != 2 || s.Statuses["401"] != 1 {
		t.Errorf("summary: %d exchanges, statuses %v; want 7: 200 ×3, 304, 404 ×2, 401", s.Exchanges, s.Statuses)
	}
	if s.Unjudged != 0 {
		t.Errorf("summary: %d answers without a verdict, want 0", s.Unjudged)
	}
	if strings.Contains(pr.logs.String(), ref.Token) {
		t.Errorf("the proxy's log holds the token:\n%s", pr.logs.String())
	}
}

func TestClientViolationsAreTheApplications(t *testing.T) {
	ref := servertest.Start(t)
	pr := startProxy(t, ref.URL, nil)
	// No client_id: forwarded, answered 400 by the upstream as the contract documents.
	res, body := get(t, logsURL(pr.base(), server.DemoUserID, ""), ref.Token)
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("GET without client_id: status %d, want the upstream's 400 (%s)", res.StatusCode, body)
	}
	// A path outside the contract.
	res, _ = get(t, pr.base()+"/users/"+server.DemoUserID+"/sessions", ref.Token)
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("GET of an undocumented path: status %d, want the upstream's 404", res.StatusCode)
	}
	s := pr.summary()
	if s.UpstreamViolations != 0 {
		t.Errorf("the upstream answered as documented, yet %d upstream violations: %+v", s.UpstreamViolations, s.Violations)
	}
	want := map[string]bool{"query /client_id": false, "path": false}
	for _, g := range s.Violations {
		where := strings.TrimSpace(g.Kind + " " + g.Pointer)
		if g.Side == "client" {
			want[where] = true
		}
	}
	for where, seen := range want {
		if !seen {
			t.Errorf("summary lacks the client violation %q: %+v", where, s.Violations)
		}
	}
	if !strings.Contains(pr.logs.String(), "side=client") {
		t.Errorf("no log line names the client side:\n%s", pr.logs.String())
	}
	if s.Failed(false) || !s.Failed(true) {
		t.Errorf("Failed(false)=%v Failed(true)=%v; want false, true for client violations only", s.Failed(false), s.Failed(true))
	}
}

func seedBody(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// badDateUpstream is the fake API answering the seed with the CreatedAt 2024-07-11T07:21:15.14Z
// made "yesterday" (a date-time violation), until the test ends.
func badDateUpstream(t testing.TB) *httptest.Server {
	t.Helper()
	up := httptest.NewServer(fakeapi.New([]byte(strings.Replace(string(seedBody(t)), `"2024-07-11T07:21:15.14Z"`, `"yesterday"`, 1))))
	t.Cleanup(up.Close)
	return up
}

// answer makes the fake answer status, content type and body to its authorised request.
func answer(status int, contentType, body string, header ...string) func(*fakeapi.API) {
	return func(a *fakeapi.API) {
		a.OK = func(w http.ResponseWriter, _ *http.Request) {
			for i := 0; i+1 < len(header); i += 2 {
				w.Header().Set(header[i], header[i+1])
			}
			if contentType != "" {
				w.Header().Set("Content-Type", contentType)
			}
			w.WriteHeader(status)
			io.WriteString(w, body)
		}
	}
}

func TestMisbehavingUpstreamEveryFaultNamed(t *testing.T) {
	seed := seedBody(t)
	broken := func(old, new string, n int) string { return strings.Replace(string(seed), old, new, n) }
	o := contractOracle(t)
	cases := []struct {
		name   string
		edit   func(*fakeapi.API)
		status int
		// kind is the violation's kind; pointers, when nil, are kin-openapi's (the oracle's).
		kind     string
		pointers []string
	}{
		{"bad date-time", answer(200, "application/json", broken(`"2024-07-11T07:21:15.14Z"`, `"yesterday"`, 1)), 200, "body", nil},
		{"missing field", answer(200, "application/json", broken(`"Country": "India",`, ``, 1)), 200, "body", nil},
		{"number for a string", answer(200, "application/json", broken(`"Os": ""`, `"Os": 7`, 2)), 200, "body", nil},
		{"paged shape", answer(200, "application/json", `{"audit_logs":[],"next_cursor":"x"}`), 200, "body", nil},
		{"error without error_code", func(a *fakeapi.API) {
			a.Error = func(w http.ResponseWriter, status int, name string, _ int, desc string) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(status)
				fmt.Fprintf(w, `{"error":%q,"error_description":%q}`, name, desc)
			}
		}, 404, "body", nil},
		{"undocumented status", answer(418, "application/json", `{}`), 418, "status", []string{""}},
		{"redirect", answer(301, "", "", "Location", "https://login.ssojet.test/"), 301, "status", []string{""}},
		{"temporary redirect", answer(307, "", "", "Location", "https://login.ssojet.test/"), 307, "status", []string{""}},
		{"not JSON", answer(200, "application/json", `<html>oops</html>`), 200, "body", []string{""}},
		{"html content type", answer(200, "text/html", `<html>oops</html>`), 200, "header", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake := fakeapi.New(seed)
			tc.edit(fake)
			up := httptest.NewServer(fake)
			defer up.Close()
			pr := startProxy(t, up.URL, nil)
			user := fakeapi.UserID
			if tc.status == 404 {
				user = fakeapi.UnknownUserID
			}
			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			req, _ := http.NewRequest(http.MethodGet, logsURL(pr.base(), user, fakeapi.ClientID), nil)
			req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status {
				t.Fatalf("status %d through the proxy, want the upstream's %d (report mode passes answers unchanged)", res.StatusCode, tc.status)
			}
			want := tc.pointers
			if want == nil {
				direct, _ := http.NewRequest(http.MethodGet, logsURL(up.URL+"/api/v1", user, fakeapi.ClientID), nil)
				verdict := o.Response(direct, res.StatusCode, res.Header, body)
				if verdict == nil {
					t.Fatalf("the oracle passes this answer: the case is no fault")
				}
				want = oracle.Pointers(verdict)
			}
			s := pr.summary()
			if s.UpstreamViolations == 0 || !s.Failed(false) {
				t.Fatalf("summary: no upstream violation for %s", tc.name)
			}
			var got []string
			for _, g := range s.Violations {
				if g.Side == "upstream" && g.Kind == tc.kind {
					got = append(got, g.Example)
				}
			}
			for _, p := range want {
				if p == "(not JSON)" || p == "(other)" {
					p = ""
				}
				found := false
				for _, g := range s.Violations {
					if g.Side == "upstream" && g.Kind == tc.kind && strings.HasPrefix(g.Pointer, pattern(p)) {
						found = true
					}
				}
				if !found {
					t.Errorf("no upstream %s violation at %q; got %q", tc.kind, p, got)
				}
			}
			if !strings.Contains(pr.logs.String(), "side=upstream") || !strings.Contains(pr.logs.String(), "request_id=") {
				t.Errorf("no log line of the violation with its request id:\n%s", pr.logs.String())
			}
		})
	}
}

// pattern writes a pointer's array indexes as *, as the summary groups them.
func pattern(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if i > 0 && s != "" && strings.Trim(s, "0123456789") == "" {
			segs[i] = "*"
		}
	}
	return strings.Join(segs, "/")
}

func TestEnforceAnswers502NamingTheViolation(t *testing.T) {
	seed := seedBody(t)
	up := badDateUpstream(t)
	pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = validate.Enforce })
	res, body := get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
	if res.StatusCode != http.StatusBadGateway {
		t.Fatalf("enforce, broken answer: status %d, want 502", res.StatusCode)
	}
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
		Code        int    `json:"error_code"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error == "" || e.Code == 0 {
		t.Fatalf("enforce 502 body %s: %v; want SSOJet's error shape", body, err)
	}
	if !strings.Contains(e.Description, "/login_logs/4/CreatedAt") {
		t.Errorf("502 description %q does not name /login_logs/4/CreatedAt", e.Description)
	}
	if res.Header.Get("X-Request-Id") == "" {
		t.Errorf("502 without X-Request-Id")
	}
	// A good answer passes unchanged.
	good := fakeapi.New(seed)
	up2 := httptest.NewServer(good)
	defer up2.Close()
	pr2 := startProxy(t, up2.URL, func(c *proxy.Config) { c.Mode = validate.Enforce })
	res, body = get(t, logsURL(pr2.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
	if res.StatusCode != 200 || !bytes.Equal(body, seed) {
		t.Errorf("enforce, good answer: status %d, %d bytes; want 200 and the upstream's %d bytes", res.StatusCode, len(body), len(seed))
	}
	s := pr.summary()
	if s.Statuses["502"] != 1 || s.UpstreamViolations == 0 {
		t.Errorf("summary: statuses %v, %d upstream violations; want one 502 and the violation", s.Statuses, s.UpstreamViolations)
	}
}

// bigLogs returns a 200 body of n seed-like entries, entry bad (if ≥ 0) with a broken CreatedAt.
func bigLogs(w io.Writer, n, bad int) {
	io.WriteString(w, `{"login_logs":[`)
	for i := range n {
		if i > 0 {
			io.WriteString(w, ",")
		}
		created := "2024-07-11T07:21:15.14Z"
		if i == bad {
			created = "yesterday"
		}
		fmt.Fprintf(w, `{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":%q}`, created)
	}
	io.WriteString(w, `]}`)
}

func TestEnforceCutsAnAnswerBrokenMidStream(t *testing.T) {
	const n = 20000 // about 3 MB: streamed, not held
	fake := fakeapi.New(nil)
	fake.OK = func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		bigLogs(w, n, n-10)
	}
	up := httptest.NewServer(fake)
	defer up.Close()
	pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = validate.Enforce })
	req, _ := http.NewRequest(http.MethodGet, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), nil)
	req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err == nil {
		t.Fatalf("enforce, answer broken at entry %d of %d: read %d bytes and a clean end, want the connection cut", n-10, n, len(body))
	}
	if bytes.Contains(body, []byte("yesterday")) {
		t.Errorf("the broken entry reached the client")
	}
	s := pr.summary()
	if s.Cut != 1 || s.UpstreamViolations == 0 {
		t.Errorf("summary: %d cut, %d upstream violations; want 1 and the violation", s.Cut, s.UpstreamViolations)
	}
}

func scrape(t *testing.T, base string) map[string]*dtoFamily {
	t.Helper()
	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(res.Body)
	if err != nil {
		t.Fatalf("GET /metrics: Prometheus text parser: %v", err)
	}
	out := map[string]*dtoFamily{}
	for name, f := range fams {
		df := &dtoFamily{}
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			v := m.GetCounter().GetValue()
			if h := m.GetHistogram(); h != nil {
				v = float64(h.GetSampleCount())
			}
			df.samples = append(df.samples, sample{labels, v})
		}
		out[name] = df
	}
	return out
}

type sample struct {
	labels map[string]string
	value  float64
}

type dtoFamily struct{ samples []sample }

// value returns the sample whose labels include want.
func (f *dtoFamily) value(want map[string]string) float64 {
	if f == nil {
		return 0
	}
	for _, s := range f.samples {
		ok := true
		for k, v := range want {
			if s.labels[k] != v {
				ok = false
			}
		}
		if ok {
			return s.value
		}
	}
	return 0
}

func TestMetricsAndHealthz(t *testing.T) {
	seed := seedBody(t)
	up := badDateUpstream(t)
	pr := startProxy(t, up.URL, nil)
	var res *http.Response
	var body []byte
	for range 3 {
		res, body = get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
	}
	// kin-openapi's violations of one answer, all at /login_logs/4/CreatedAt.
	o := contractOracle(t)
	direct, _ := http.NewRequest(http.MethodGet, logsURL(up.URL+"/api/v1", fakeapi.UserID, fakeapi.ClientID), nil)
	perAnswer := len(oracle.Pointers(o.Response(direct, res.StatusCode, res.Header, body)))
	get(t, logsURL(pr.base(), fakeapi.UnknownUserID, fakeapi.ClientID), fakeapi.Token)
	if res, body := get(t, pr.srv.URL+"/healthz", ""); res.StatusCode != 200 || !strings.Contains(string(body), "ok") {
		t.Errorf("GET /healthz: %d %s", res.StatusCode, body)
	}
	m := scrape(t, pr.srv.URL)
	checks := []struct {
		family string
		labels map[string]string
		want   float64
	}{
		{"loginlogs_requests_total", map[string]string{"status": "200"}, 3},
		{"loginlogs_requests_total", map[string]string{"status": "404"}, 1},
		{"loginlogs_violations_total", map[string]string{"side": "upstream", "kind": "body", "pointer": "/login_logs/*/CreatedAt"}, float64(3 * perAnswer)},
		{"loginlogs_upstream_latency_seconds", nil, 4},
	}
	for _, c := range checks {
		if got := m[c.family].value(c.labels); got != c.want {
			t.Errorf("/metrics %s%v = %v, want %v", c.family, c.labels, got, c.want)
		}
	}
	if m["loginlogs_bytes_total"].value(map[string]string{"direction": "response"}) < float64(3*len(seed)) {
		t.Errorf("/metrics loginlogs_bytes_total{direction=response} below the %d bytes sent", 3*len(seed))
	}
	if s := pr.summary(); s.Exchanges != 4 {
		t.Errorf("summary: %d exchanges, want the 4 forwarded (GET /healthz and /metrics are the proxy's own)", s.Exchanges)
	}
}

func TestJUnitAndJSONReportsParseBack(t *testing.T) {
	up := badDateUpstream(t)
	pr := startProxy(t, up.URL, nil)
	get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
	get(t, logsURL(pr.base(), fakeapi.UserID, ""), fakeapi.Token) // client: no client_id
	s := pr.summary()

	for _, failClients := range []bool{false, true} {
		var b bytes.Buffer
		if err := proxy.WriteJUnit(&b, s, failClients); err != nil {
			t.Fatal(err)
		}
		var suites report.JUnitSuites
		if err := xml.Unmarshal(b.Bytes(), &suites); err != nil {
			t.Fatalf("JUnit does not parse: %v\n%s", err, b.String())
		}
		if len(suites.Suites) != 1 {
			t.Fatalf("JUnit: %d suites, want 1", len(suites.Suites))
		}
		var failed []string
		for _, c := range suites.Suites[0].Cases {
			if c.Failure != nil {
				failed = append(failed, c.Classname+": "+c.Name)
			}
		}
		// The upstream's side and each of its distinct violations fail; the client's too with
		// failClients.
		wantFailures := 1 + groups(s, "upstream")
		if failClients {
			wantFailures += 1 + groups(s, "client")
		}
		if suites.Suites[0].Failures != wantFailures || len(failed) != wantFailures {
			t.Errorf("JUnit (fail clients %v): failures=%d, failed cases %q; want %d", failClients, suites.Suites[0].Failures, failed, wantFailures)
		}
		if failClients && !slices.ContainsFunc(failed, func(s string) bool {
			return strings.HasPrefix(s, "proxy.client: query parameter client_id: is required")
		}) {
			t.Errorf("JUnit: no failed case names the missing client_id: %q", failed)
		}
		if !slices.ContainsFunc(failed, func(s string) bool { return strings.Contains(s, "/login_logs/*/CreatedAt") }) {
			t.Errorf("JUnit: no failed case names /login_logs/*/CreatedAt: %q", failed)
		}
	}
	var b bytes.Buffer
	if err := proxy.WriteJSON(&b, s, false); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		OK                 bool           `json:"ok"`
		Exchanges          int            `json:"exchanges"`
		Statuses           map[string]int `json:"statuses"`
		UpstreamViolations int            `json:"upstream_violations"`
		Violations         []struct {
			Side, Pointer, ExampleRequestID string
		} `json:"violations"`
	}
	if err := json.Unmarshal(b.Bytes(), &rep); err != nil {
		t.Fatalf("JSON report: %v", err)
	}
	if rep.OK || rep.Exchanges != 2 || rep.UpstreamViolations == 0 || len(rep.Violations) != groups(s, "upstream")+groups(s, "client") {
		t.Errorf("JSON report: %s", b.String())
	}
}

func groups(s proxy.Summary, side string) int {
	n := 0
	for _, g := range s.Violations {
		if g.Side == side {
			n++
		}
	}
	return n
}

func TestUpstreamFailuresAnswer502(t *testing.T) {
	// Hangs: headers never come.
	stop := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	}))
	defer hang.Close()
	defer close(stop)
	// Resets the connection before answering.
	reset := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		conn.(*net.TCPConn).SetLinger(0)
		conn.Close()
	}))
	defer reset.Close()
	// Refuses: nothing listens.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String()
	ln.Close()
	// A certificate nobody trusts.
	tlsUp := httptest.NewTLSServer(fakeapi.New(seedBody(t)))
	defer tlsUp.Close()

	cases := []struct{ name, upstream, reason string }{
		{"hang", hang.URL, "timeout"},
		{"reset", reset.URL, "reset"},
		{"refused", refused, "refused"},
		{"tls", tlsUp.URL, "tls"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Short only where the timeout is the failure: a loaded machine (-race) may take
			// longer than that to refuse a certificate.
			timeout := 10 * time.Second
			if tc.reason == "timeout" {
				timeout = 300 * time.Millisecond
			}
			pr := startProxy(t, tc.upstream, func(c *proxy.Config) { c.Timeout = timeout })
			res, body := get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
			if res.StatusCode != http.StatusBadGateway {
				t.Fatalf("status %d, want 502", res.StatusCode)
			}
			var e map[string]any
			if err := json.Unmarshal(body, &e); err != nil || e["error"] == nil || e["error_code"] == nil {
				t.Errorf("502 body %s: not SSOJet's error shape", body)
			}
			m := scrape(t, pr.srv.URL)
			if got := m["loginlogs_upstream_errors_total"].value(map[string]string{"reason": tc.reason}); got != 1 {
				t.Errorf("loginlogs_upstream_errors_total{reason=%q} = %v, want 1 (body %s)", tc.reason, got, body)
			}
			s := pr.summary()
			if s.UpstreamErrors[tc.reason] != 1 || s.Statuses["502"] != 1 {
				t.Errorf("summary: upstream errors %v, statuses %v", s.UpstreamErrors, s.Statuses)
			}
		})
	}
}

// breakingOffUpstream answers the first bytes of a 200 and resets the connection.
func breakingOffUpstream(t *testing.T) *httptest.Server {
	t.Helper()
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "100000")
		io.WriteString(w, `{"login_logs":[`)
		w.(http.Flusher).Flush()
		conn, _, _ := http.NewResponseController(w).Hijack()
		conn.(*net.TCPConn).SetLinger(0)
		conn.Close()
	}))
	t.Cleanup(up.Close)
	return up
}

func TestUpstreamBreakingOffMidAnswerIsCut(t *testing.T) {
	up := breakingOffUpstream(t)
	pr := startProxy(t, up.URL, nil)
	req, _ := http.NewRequest(http.MethodGet, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), nil)
	res, err := http.DefaultClient.Do(req)
	if err == nil {
		_, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	if err == nil {
		t.Fatalf("an answer the upstream broke off reached the client whole")
	}
	s := pr.summary()
	if s.UpstreamErrors["reset"]+s.UpstreamErrors["network"] != 1 || s.Unjudged != 1 {
		t.Errorf("summary: upstream errors %v, %d unjudged; want the reset counted and no verdict", s.UpstreamErrors, s.Unjudged)
	}
	if s.Cut != 1 {
		t.Errorf("summary: %d cut, want 1 (the answer broken off mid-stream)", s.Cut)
	}
	// The summary says neither that the reset was answered 502 (the connection was cut) nor
	// that the request did not reach the upstream (it answered 200).
	var text strings.Builder
	proxy.WriteText(&text, s, false)
	if s.Statuses["502"] != 0 || strings.Contains(text.String(), "(answered 502)") || strings.Contains(text.String(), "reached") {
		t.Errorf("statuses %v; summary:\n%s\nwant no 502, the upstream error not said to be answered 502 nor not to have reached the upstream", s.Statuses, text.String())
	}
}

// TestUpstreamBreakingOffBeforeAnythingWasSentFailsOnce: in enforce mode, an answer the upstream
// breaks off while the proxy still holds all of it is one upstream failure: one log line, one
// count, a 502 to the client and no cut connection.
func TestUpstreamBreakingOffBeforeAnythingWasSentFailsOnce(t *testing.T) {
	up := breakingOffUpstream(t)
	pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = validate.Enforce })
	res, body := get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
	if res.StatusCode != http.StatusBadGateway {
		t.Errorf("status %d, want 502 (nothing of the answer was sent)", res.StatusCode)
	}
	s := pr.summary()
	errs := 0
	for _, n := range s.UpstreamErrors {
		errs += n
	}
	if errs != 1 || s.Cut != 0 || s.Unjudged != 1 || s.Statuses["502"] != 1 {
		t.Errorf("summary: upstream errors %v, %d cut, %d unjudged, statuses %v; want one failure, no cut, no verdict, one 502 (body %s)",
			s.UpstreamErrors, s.Cut, s.Unjudged, s.Statuses, body)
	}
	if n := strings.Count(pr.logs.String(), `msg="upstream failed"`); n != 1 {
		t.Errorf("%d log lines of the upstream failure, want 1:\n%s", n, pr.logs.String())
	}
	var e struct {
		Description string `json:"error_description"`
	}
	if err := json.Unmarshal(body, &e); err != nil || !strings.HasPrefix(e.Description, "The upstream's answer (200) broke off before its end: ") {
		t.Errorf("502 body %s (%v): want it to say the upstream's 200 broke off, not that the upstream could not be reached", body, err)
	}
}

// TestUpstreamStallingMidAnswerTimesOut: an answer whose body stops coming for longer than the
// timeout, after it started, is cut and counted as the upstream's timeout, not as an interrupt.
func TestUpstreamStallingMidAnswerTimesOut(t *testing.T) {
	stop := make(chan struct{})
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"login_logs":[`)
		w.(http.Flusher).Flush()
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	}))
	defer up.Close()
	defer close(stop)
	pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Timeout = time.Second }) // long enough for the answer to begin on a busy machine
	res, err := http.Get(logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID))
	if err == nil {
		_, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	if err == nil {
		t.Fatal("an answer that stalled reached the client whole")
	}
	if s := pr.summary(); s.UpstreamErrors["timeout"] != 1 || s.Cut != 1 || s.Unjudged != 1 {
		t.Errorf("summary: upstream errors %v, %d cut, %d unjudged; want one timeout, cut, without a verdict", s.UpstreamErrors, s.Cut, s.Unjudged)
	}
}

// TestRedirectPassesAsSent: a redirect passes to the client as the upstream sent it, one whose
// Location does not parse included (an http.Client would refuse it).
func TestRedirectPassesAsSent(t *testing.T) {
	const loc = "http://[::1"
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", loc)
		w.WriteHeader(http.StatusFound)
	}))
	defer up.Close()
	pr := startProxy(t, up.URL, nil)
	req, _ := http.NewRequest(http.MethodGet, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), nil)
	res, err := http.DefaultTransport.RoundTrip(req) // not a client: it would refuse the Location too
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound || res.Header.Get("Location") != loc {
		t.Errorf("status %d, Location %q; want 302 and %q", res.StatusCode, res.Header.Get("Location"), loc)
	}
}

// TestViolationsBeforeABreakAreKept: an answer broken off after an entry that breaks the
// contract keeps that violation in both modes; in report mode beside the break and the missing
// verdict on the whole.
func TestViolationsBeforeABreakAreKept(t *testing.T) {
	bad := `{"IpAddress":"1.2.3.4","Country":"","City":"","UserAgent":"","Name":"","Os":"","Device":"","CreatedAt":"yesterday"}`
	good := strings.Replace(bad, "yesterday", "2024-07-10T12:16:19.647Z", 1)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "2000000")
		io.WriteString(w, `{"login_logs":[`+bad+","+strings.Repeat(good+",", 5000))
		w.(http.Flusher).Flush()
		// Closed short of its Content-Length, without a reset that could discard what was sent.
		conn, _, _ := http.NewResponseController(w).Hijack()
		conn.Close()
	}))
	defer up.Close()
	o := contractOracle(t)
	// The oracle: kin-openapi's pointers for the bad entry, in a whole body holding it.
	direct, _ := http.NewRequest(http.MethodGet, logsURL(up.URL+"/api/v1", fakeapi.UserID, fakeapi.ClientID), nil)
	want := oracle.Pointers(o.Response(direct, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, []byte(`{"login_logs":[`+bad+`]}`)))
	for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
		t.Run(mode.String(), func(t *testing.T) {
			pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = mode })
			req, _ := http.NewRequest(http.MethodGet, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), nil)
			if res, err := http.DefaultClient.Do(req); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			s := pr.summary()
			// Enforce mode may stop at the violation, before the break: it answers 502 then.
			if mode == validate.Report && (s.Cut != 1 || s.Unjudged != 1) {
				t.Errorf("summary: %d cut, %d unjudged; want the break counted and no verdict", s.Cut, s.Unjudged)
			}
			var got []string
			for _, g := range s.Violations {
				if g.Side == "upstream" {
					got = append(got, strings.Replace(g.Pointer, "*", "0", 1))
				}
			}
			if len(want) == 0 || !slices.Contains(got, want[0]) {
				t.Errorf("upstream violations at %q, want kin-openapi's %q among them", got, want)
			}
		})
	}
}

// filler is an endless source of one byte.
type filler byte

func (f filler) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(f)
	}
	return len(p), nil
}

func TestOneGigabyteAnswerStreamsInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 1 GiB")
	}
	const size = 1 << 30
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", fmt.Sprint(size))
		// Not JSON from the first element on: judged at once, then passed through.
		const head = `{"login_logs":[}`
		io.WriteString(w, head)
		io.Copy(w, io.LimitReader(filler('x'), size-int64(len(head))))
	}))
	defer up.Close()
	pr := startProxy(t, up.URL, nil)

	peak := sampleHeap(5 * time.Millisecond)
	base := heapInUse()
	req, _ := http.NewRequest(http.MethodGet, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), nil)
	req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	highest := peak()
	if err != nil || n != size {
		t.Fatalf("read %d bytes of %d through the proxy: %v", n, size, err)
	}
	// Everything in this process (upstream, proxy, client) stays far below the body's size.
	if growth := int64(highest) - int64(base); growth > 64<<20 {
		t.Errorf("heap in use grew by %d MiB while 1 GiB streamed, want ≤ 64 MiB", growth>>20)
	}
	s := pr.summary()
	if s.UpstreamViolations != 1 {
		t.Errorf("summary: %d upstream violations, want 1 (not JSON at /login_logs/0): %+v", s.UpstreamViolations, s)
	}
}

func TestSecretsNeverReachLogsOrReports(t *testing.T) {
	const secret = "s3cr3t-bearer-token-0123456789"
	fake := fakeapi.Hostile(seedBody(t), redacttest.Forms)
	up := httptest.NewServer(fake)
	defer up.Close()
	pr := startProxy(t, up.URL, nil)
	for range 2 { // the hostile fake echoes secrets it saw before
		get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), secret)
	}
	get(t, logsURL(pr.base(), fakeapi.UserID, ""), secret)
	var out bytes.Buffer
	if m, err := http.Get(pr.srv.URL + "/metrics"); err == nil {
		out.ReadFrom(m.Body)
		m.Body.Close()
	}
	s := pr.summary()
	if s.UpstreamViolations == 0 {
		t.Fatalf("the hostile fake's broken answers gave no violation")
	}
	proxy.WriteText(&out, s, false)
	proxy.WriteJSON(&out, s, false)
	proxy.WriteJUnit(&out, s, false)
	out.WriteString(pr.logs.String())
	if survivor := redacttest.Survivor(out.String(), secret, "REDACTED", redacttest.Encodings); survivor != "" {
		t.Errorf("the token survives in the proxy's output as %s", survivor)
	}
}

// heapInUse returns the bytes of the heap's spans in use.
func heapInUse() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// sampleHeap reads heapInUse every period until peak is called, which returns the highest
// reading.
func sampleHeap(every time.Duration) (peak func() uint64) {
	var highest uint64
	done, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			select {
			case <-done:
				return
			case <-time.After(every):
				if h := heapInUse(); h > highest {
					highest = h
				}
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-sampled // highest is the sampler's until it returns
		return highest
	}
}

func TestAnswerJudgedWhenTheClientStopsReading(t *testing.T) {
	up := badDateUpstream(t)
	pr := startProxy(t, up.URL, nil)
	req, _ := http.NewRequest(http.MethodGet, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), nil)
	req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close() // status only: the body is not read
	s := pr.summary()
	if s.UpstreamViolations == 0 || s.Unjudged != 0 {
		t.Errorf("summary: %d upstream violations, %d unjudged; want the broken answer judged all the same", s.UpstreamViolations, s.Unjudged)
	}
}

// encode returns body in the content coding enc: gzip, deflate (zlib), raw-deflate (deflate as
// some servers send it, without zlib's wrapper) or br; any other name leaves body as it is.
func encode(t *testing.T, enc string, body []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	var w io.WriteCloser
	switch enc {
	case "gzip":
		w = gzip.NewWriter(&b)
	case "deflate":
		w = zlib.NewWriter(&b)
	case "raw-deflate":
		w, _ = flate.NewWriter(&b, flate.DefaultCompression)
	case "br":
		w = brotli.NewWriter(&b)
	default:
		return body
	}
	w.Write(body)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEncodedAnswersAreJudgedInside: an answer in gzip, deflate (zlib or raw) or br is decoded
// and judged on what is inside. Report mode passes the encoded bytes unchanged; enforce serves
// the decoded body, or refuses one that breaks the contract (502 naming kin-openapi's
// violation, the same pointer the oracle finds in the plain body).
func TestEncodedAnswersAreJudgedInside(t *testing.T) {
	seed := seedBody(t)
	bad := []byte(strings.Replace(string(seed), `"2024-07-11T07:21:15.14Z"`, `"yesterday"`, 1))
	o := contractOracle(t)
	direct, _ := http.NewRequest(http.MethodGet, logsURL("http://upstream/api/v1", fakeapi.UserID, fakeapi.ClientID), nil)
	wantPointers := oracle.Pointers(o.Response(direct, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, bad))
	if len(wantPointers) == 0 {
		t.Fatal("the oracle finds no violation in the broken body")
	}
	var long, longBad bytes.Buffer // about 3 MB: streamed, not held, in enforce mode
	bigLogs(&long, 20000, -1)
	bigLogs(&longBad, 20000, 19990)
	for _, enc := range []string{"gzip", "deflate", "raw-deflate", "br"} {
		for _, body := range []struct {
			name  string
			plain []byte
		}{{"kept", seed}, {"broken", bad}, {"long kept", long.Bytes()}, {"long broken", longBad.Bytes()}} {
			encoded := encode(t, enc, body.plain)
			fake := fakeapi.New(nil)
			answer(200, "application/json", string(encoded), "Content-Encoding", strings.TrimPrefix(enc, "raw-"))(fake)
			up := httptest.NewServer(fake)
			t.Cleanup(up.Close)
			for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
				t.Run(enc+"/"+body.name+"/"+mode.String(), func(t *testing.T) {
					pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = mode })
					res, got, err := getEncoded(t, pr.base())
					s := pr.summary()
					var gotPointers []string
					for _, g := range s.Violations {
						gotPointers = append(gotPointers, g.Pointer)
					}
					if body.name == "long broken" && mode == validate.Enforce {
						// Found after the answer started: the connection is cut before the broken entry.
						if err == nil || bytes.Contains(got, []byte("yesterday")) || len(gotPointers) == 0 || gotPointers[0] != pattern(wantPointers[0]) {
							t.Errorf("read error %v, broken entry sent: %v, violations at %q; want the connection cut before it, and kin-openapi's %q",
								err, bytes.Contains(got, []byte("yesterday")), gotPointers, pattern(wantPointers[0]))
						}
						return
					}
					if err != nil {
						t.Fatalf("reading the answer: %v", err)
					}
					switch broken := strings.HasSuffix(body.name, "broken"); {
					case mode == validate.Report && (res.StatusCode != 200 || res.Header.Get("Content-Encoding") != strings.TrimPrefix(enc, "raw-") || !bytes.Equal(got, encoded)):
						t.Errorf("status %d, encoding %q, %d bytes; want the upstream's encoded answer unchanged (%d bytes)", res.StatusCode, res.Header.Get("Content-Encoding"), len(got), len(encoded))
					case mode == validate.Enforce && !broken && (res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" || !bytes.Equal(got, body.plain)):
						t.Errorf("status %d, encoding %q, %d bytes; want the decoded answer (%d bytes), no encoding", res.StatusCode, res.Header.Get("Content-Encoding"), len(got), len(body.plain))
					case mode == validate.Enforce && broken && (res.StatusCode != http.StatusBadGateway || !bytes.Contains(got, []byte("broke the contract"))):
						t.Errorf("status %d, body %.200s; want 502 naming the violation", res.StatusCode, got)
					case s.Judged != 1 || s.Unjudged != 0:
						t.Errorf("summary: %d judged, %d unjudged; want 1 and 0", s.Judged, s.Unjudged)
					case broken && (len(gotPointers) == 0 || gotPointers[0] != pattern(wantPointers[0])):
						t.Errorf("violations at %q, want kin-openapi's %q", gotPointers, pattern(wantPointers[0]))
					case !broken && s.UpstreamViolations != 0:
						t.Errorf("violations %q in an answer that keeps the contract", gotPointers)
					}
				})
			}
		}
	}
}

// getEncoded gets the user's logs through the proxy at base, accepting gzip, deflate and br,
// and returns the answer and its body as it came (not decoded), with the error that ended it.
func getEncoded(t *testing.T, base string) (*http.Response, []byte, error) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	req, _ := http.NewRequest(http.MethodGet, logsURL(base, fakeapi.UserID, fakeapi.ClientID), nil)
	req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res, body, err
}

// TestUnjudgeableAnswersAreRefusedInEnforce: an answer that cannot be judged (an encoding the
// proxy does not decode, a gzip label over a plain body, gzip that decodes to more than the
// judge takes) is refused in enforce mode with 502 and the reason in SSOJet's error JSON, and
// passes unchanged in report mode; both count it as unjudged, never as kept.
func TestUnjudgeableAnswersAreRefusedInEnforce(t *testing.T) {
	seed := seedBody(t)
	bomb := encode(t, "gzip", []byte(`{"login_logs":"`+strings.Repeat("a", 8<<20)+`"}`))
	for _, tc := range []struct {
		name, encoding string
		body           []byte
		reason         string
	}{
		{"unknown encoding", "compress", seed, `content encoding \"compress\" is not one a client decodes`},
		{"gzip label over a plain body", "gzip", seed, "could not be decoded"},
		{"decodes to more than the judge takes", "gzip", bomb, "too large to judge"},
	} {
		fake := fakeapi.New(nil)
		answer(200, "application/json", string(tc.body), "Content-Encoding", tc.encoding)(fake)
		up := httptest.NewServer(fake)
		t.Cleanup(up.Close)
		for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
			t.Run(tc.name+"/"+mode.String(), func(t *testing.T) {
				pr := startProxy(t, up.URL, func(c *proxy.Config) {
					c.Mode, c.Limits = mode, validate.Limits{Element: 256 << 10, Rest: 256 << 10}
				})
				res, got, err := getEncoded(t, pr.base())
				if err != nil {
					t.Fatalf("reading the answer: %v", err)
				}
				if mode == validate.Report && (res.StatusCode != 200 || !bytes.Equal(got, tc.body)) {
					t.Errorf("status %d, %d bytes; want the answer unchanged (%d bytes)", res.StatusCode, len(got), len(tc.body))
				}
				if mode == validate.Enforce {
					var e struct {
						Error       string `json:"error"`
						Description string `json:"error_description"`
						Code        int    `json:"error_code"`
					}
					if err := json.Unmarshal(got, &e); err != nil || res.StatusCode != http.StatusBadGateway || e.Code != 852 || !strings.Contains(string(got), tc.reason) {
						t.Errorf("status %d, body %.300s; want 502 in SSOJet's shape saying %q", res.StatusCode, got, tc.reason)
					}
				}
				if s := pr.summary(); s.Unjudged != 1 || s.Judged != 0 || s.UpstreamViolations != 0 {
					t.Errorf("summary: %d unjudged, %d judged, %d violations; want 1, 0, 0", s.Unjudged, s.Judged, s.UpstreamViolations)
				}
			})
		}
	}
}

// TestDocsPageServedNotForwarded: given the contract's text, the proxy answers the API reference
// page's paths itself, with no token, rendering the contract it judges with (here a candidate
// whose title differs from the embedded one's); none of them reaches the upstream. Other methods
// on them, and /docs of a proxy without the text, are forwarded like any request.
func TestDocsPageServedNotForwarded(t *testing.T) {
	up, forwarded := notFoundUpstream(t)
	pr, candidate := candidateProxy(t, up)

	for _, path := range docs.Paths() {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			req, _ := http.NewRequest(method, pr.srv.URL+path, nil)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s %s: status %d, want 200 (after redirects)", method, path, res.StatusCode)
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("%s %s: Content-Security-Policy %q, want one allowing nothing by default", method, path, csp)
			}
			if method == http.MethodHead {
				continue
			}
			switch ct := res.Header.Get("Content-Type"); {
			case path == "/docs" && !strings.HasPrefix(ct, "text/html"):
				t.Errorf("GET /docs: Content-Type %q, want text/html", ct)
			case strings.HasSuffix(path, ".yaml") && !bytes.Equal(body, candidate):
				t.Errorf("GET %s: %d bytes, want the candidate contract the proxy judges with (%d bytes)", path, len(body), len(candidate))
			}
		}
	}
	if got := forwarded(); len(got) != 0 {
		t.Errorf("the docs paths reached the upstream: %v", got)
	}
	if n := pr.p.Summary().Exchanges; n != 0 {
		t.Errorf("summary after the docs paths alone: %d exchanges, want 0 (the proxy's own paths)", n)
	}

	res, err := http.Post(pr.srv.URL+"/docs", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("POST /docs: status %d, want the upstream's 404", res.StatusCode)
	}
	plain := startProxy(t, up, nil)
	if res, _ := get(t, plain.srv.URL+"/docs", ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /docs of a proxy without the contract's text: status %d, want the upstream's 404", res.StatusCode)
	}
	if got, want := forwarded(), []string{"POST /docs", "GET /docs"}; !slices.Equal(got, want) {
		t.Errorf("POST /docs, then GET /docs of a proxy without the contract's text: the upstream received %v, want %v", got, want)
	}
}

func TestRequestBodyBytesAreCounted(t *testing.T) {
	var received atomic.Int64
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		received.Add(n)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer up.Close()
	pr := startProxy(t, up.URL, nil)
	body := strings.Repeat("x", 70000)
	res, err := http.Post(pr.base()+"/users/u/notes", "text/plain", strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST through the proxy: %v", err)
	}
	res.Body.Close()
	if received.Load() != int64(len(body)) {
		t.Fatalf("the upstream received %d bytes, want %d", received.Load(), len(body))
	}
	m := scrape(t, pr.srv.URL)
	if got := m["loginlogs_bytes_total"].value(map[string]string{"direction": "request"}); got != float64(len(body)) {
		t.Errorf("/metrics loginlogs_bytes_total{direction=request} = %v, want the %d bytes the upstream received", got, len(body))
	}
}

// eventually waits, within a generous bound, until cond holds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("after 20 s: %s", what)
		}
	}
}

// hangUp sends n requests for the user's logs through the proxy and hangs each up after a
// short while, reading what came until then.
func hangUp(t *testing.T, base string, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, logsURL(base, fakeapi.UserID, fakeapi.ClientID), nil)
			req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
			if res, err := http.DefaultClient.Do(req); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		}()
	}
	wg.Wait()
}

// TestClientHangingUpEndsTheUpstreamExchange: clients that hang up on an upstream that never
// ends its answer (no answer for an hour, or a body without end dripping a KiB every 20 ms,
// which keeps the proxy's timeout from firing) end their upstream exchanges at once, in both
// modes, and the summary counts each as abandoned, not as an upstream failure.
func TestClientHangingUpEndsTheUpstreamExchange(t *testing.T) {
	const n = 8
	for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
		for _, tc := range []struct{ name, behaviours string }{{"no answer", "slow=1h"}, {"dripping body", "slow=20ms,endless"}} {
			t.Run(mode.String()+"/"+tc.name, func(t *testing.T) {
				fake := fakeapi.Hostile(nil, nil)
				up := httptest.NewServer(fake)
				t.Cleanup(up.Close)
				pr := startProxy(t, up.URL+fakeapi.HostilePath(tc.behaviours), func(c *proxy.Config) { c.Mode, c.Timeout = mode, time.Minute })
				t.Cleanup(up.CloseClientConnections) // runs first: no answer outlives a failed test
				hangUp(t, pr.base(), n)
				eventually(t, fmt.Sprintf("%d of %d upstream answers still going after their clients hung up", fake.Open(), n),
					func() bool { return fake.Open() == 0 })
				eventually(t, "exchanges still in flight in the proxy", func() bool {
					ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
					defer cancel()
					return pr.p.Wait(ctx) == nil
				})
				if got := scrape(t, pr.srv.URL)["loginlogs_abandoned_total"]; got == nil || got.value(nil) != n {
					t.Errorf("/metrics loginlogs_abandoned_total: %v, want %d", got, n)
				}
				s := pr.summary()
				if s.Exchanges != n || s.Abandoned != n || len(s.UpstreamErrors) != 0 || s.Unjudged != 0 || s.Judged != 0 {
					t.Errorf("summary: %d exchanges, %d abandoned, upstream errors %v, %d unjudged, %d judged; want %d, %d, none, 0, 0",
						s.Exchanges, s.Abandoned, s.UpstreamErrors, s.Unjudged, s.Judged, n, n)
				}
			})
		}
	}
}

// TestGzipBombIsDecodedNoFurtherThanJudged: 1 MiB of gzip that decodes to a 1 GiB string is
// too large to judge once the judge's limit is decoded, and is decoded no further: report mode
// passes the encoded bytes unchanged, enforce refuses the answer (streamed past what it holds,
// the connection is cut before any byte of the body); the heap stays far below the decoded
// size.
func TestGzipBombIsDecodedNoFurtherThanJudged(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses 1 GiB")
	}
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestSpeed)
	io.WriteString(zw, `{"login_logs":"`)
	io.Copy(zw, io.LimitReader(filler('a'), 1<<30))
	io.WriteString(zw, `"}`)
	zw.Close()
	fake := fakeapi.New(nil)
	answer(200, "application/json", bomb.String(), "Content-Encoding", "gzip")(fake)
	up := httptest.NewServer(fake)
	defer up.Close()
	for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
		t.Run(mode.String(), func(t *testing.T) {
			pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = mode })
			runtime.GC()
			peak := sampleHeap(5 * time.Millisecond)
			base := heapInUse()
			res, got, err := getEncoded(t, pr.base())
			highest := peak()
			switch {
			case mode == validate.Report && (err != nil || res.StatusCode != http.StatusOK || !bytes.Equal(got, bomb.Bytes())):
				t.Errorf("status %d, %d bytes, %v; want the %d encoded bytes unchanged", res.StatusCode, len(got), err, bomb.Len())
			case mode == validate.Enforce && res.StatusCode != http.StatusBadGateway && (err == nil || len(got) > 0):
				t.Errorf("status %d, %d bytes, %v; want 502, or the connection cut before any byte", res.StatusCode, len(got), err)
			}
			growth := int64(highest) - int64(base)
			t.Logf("%s: %d KiB of gzip decoding to 1 GiB: heap grew by %d MiB at most", mode, bomb.Len()>>10, growth>>20)
			// What is held is bounded by the judge's limit on a body judged whole (16 MiB, held
			// by the judge and, in enforce mode, by the stream waiting for its verdict), not by
			// the decoded size.
			if growth > 128<<20 {
				t.Errorf("heap in use grew by %d MiB, want ≤ 128 MiB", growth>>20)
			}
			if s := pr.summary(); s.Unjudged != 1 || s.Judged != 0 {
				t.Errorf("summary: %d unjudged, %d judged; want 1 and 0", s.Unjudged, s.Judged)
			}
		})
	}
}

// TestContractServedNotForwarded: given the contract's text, the proxy answers GET and HEAD
// /openapi.yaml itself, as the reference server does, with the contract it judges with (not
// the embedded one, not the upstream's): fetching the contract is no API traffic, so it never
// reaches the upstream nor counts as a client's violation. A proxy without the text forwards it.
func TestContractServedNotForwarded(t *testing.T) {
	up, forwarded := notFoundUpstream(t)
	pr, candidate := candidateProxy(t, up)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		req, _ := http.NewRequest(method, pr.srv.URL+"/openapi.yaml", nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s /openapi.yaml: %v", method, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/yaml" {
			t.Errorf("%s /openapi.yaml: status %d, Content-Type %q; want 200 and application/yaml", method, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if method == http.MethodGet && !bytes.Equal(body, candidate) {
			t.Errorf("GET /openapi.yaml: %d bytes, want the candidate contract the proxy judges with (%d bytes)", len(body), len(candidate))
		}
	}
	if s := pr.p.Summary(); s.Exchanges != 0 || s.ClientViolations != 0 {
		t.Errorf("summary after GET and HEAD /openapi.yaml: %d exchanges, %d client violations; want none (the proxy's own path)", s.Exchanges, s.ClientViolations)
	}
	plain := startProxy(t, up, nil)
	if res, _ := get(t, plain.srv.URL+"/openapi.yaml", ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /openapi.yaml of a proxy without the contract's text: status %d, want the upstream's 404", res.StatusCode)
	}
	if got, want := forwarded(), []string{"GET /openapi.yaml"}; !slices.Equal(got, want) {
		t.Errorf("the upstream received %v, want only %v (from the proxy without the contract's text)", got, want)
	}
}

// notFoundUpstream starts an upstream that answers 404 to everything; forwarded lists the
// requests it received, "METHOD /path".
func notFoundUpstream(t *testing.T) (url string, forwarded func() []string) {
	var mu sync.Mutex
	var got []string
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.Path)
		mu.Unlock()
		http.NotFound(w, r)
	}))
	t.Cleanup(up.Close)
	return up.URL, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(got)
	}
}

// candidateProxy starts a proxy to upstream that judges with a candidate contract, the embedded
// one retitled, and is given its text.
func candidateProxy(t *testing.T, upstream string) (running, []byte) {
	candidate := bytes.Replace(api.OpenAPI, []byte("title: "), []byte("title: Candidate "), 1)
	if bytes.Equal(candidate, api.OpenAPI) {
		t.Fatal("the embedded contract has no title line to change")
	}
	doc, err := spec.Load(candidate)
	if err != nil {
		t.Fatal(err)
	}
	return startProxy(t, upstream, func(c *proxy.Config) { c.Validator, c.Spec = validate.New(doc), candidate }), candidate
}
