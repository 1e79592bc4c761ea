package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/report"
	"github.com/ssojet-tools/loginlogs/internal/server"
)

var proxyingLine = regexp.MustCompile(`proxying (http://\S+/api/v1) -> (\S+)`)

// startProxyCLI runs `proxy --addr 127.0.0.1:0` in the background until its start line; stop
// cancels it (as SIGTERM does) and returns the exit code main would use.
func startProxyCLI(t *testing.T, args ...string) (base string, stdout, stderr *syncBuffer, stop func() int) {
	t.Helper()
	return startProxyEnv(t, noEnv, append([]string{"--addr", "127.0.0.1:0"}, args...)...)
}

// startProxyEnv is startProxyCLI with the environment getenv and no flags but args.
func startProxyEnv(t *testing.T, getenv func(string) string, args ...string) (base string, stdout, stderr *syncBuffer, stop func() int) {
	t.Helper()
	stdout, stderr, stopRun := startVerb(t, "proxy", proxyingLine, args, getenv)
	code := -1
	stop = func() int {
		if code < 0 {
			code = exitCode(stopRun(), stderr)
		}
		return code
	}
	return proxyingLine.FindStringSubmatch(stdout.String())[1], stdout, stderr, stop
}

func TestProxyGetThroughToTheReferenceServer(t *testing.T) {
	const token = "proxy-cli-dev-token-1234"
	out, serr, stopServe := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", "sqlite:" + filepath.Join(t.TempDir(), "p.db"), "--dev-token", token}, noEnv)
	m := servingLine.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("serve printed no address:\n%s\n%s", out.String(), serr.String())
	}
	dir := t.TempDir()
	junit, reportPath := filepath.Join(dir, "proxy.xml"), filepath.Join(dir, "proxy.json")
	base, stdout, stderr, stop := startProxyCLI(t, "--upstream", m[1], "--junit", junit, "--report", reportPath)
	if res, err := http.Get(strings.TrimSuffix(base, "/api/v1") + "/healthz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("GET /healthz of the proxy: %v", err)
	}

	env := map[string]string{"SSOJET_BASE_URL": base, "SSOJET_TOKEN": token, "SSOJET_CLIENT_ID": server.DemoClientID, "SSOJET_USER_ID": server.DemoUserID}
	got, gerr, code := runCLI(t, env, "get")
	if code != exitOK || strings.Count(got, `"CreatedAt"`) != 24 {
		t.Fatalf("get through the proxy: exit %d, %d entries, want 0 and 24\n%s", code, strings.Count(got, `"CreatedAt"`), gerr)
	}
	if code := stop(); code != exitOK {
		t.Fatalf("proxy after a clean run: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	if err := stopServe(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "1 exchange") || !strings.Contains(stdout.String(), "200 ×1") || !strings.Contains(stdout.String(), "PASS") {
		t.Errorf("proxy summary:\n%s\nwant 1 exchange, 200 ×1, PASS", stdout.String())
	}
	if strings.Contains(stdout.String()+stderr.String(), token) {
		t.Errorf("the proxy printed the token")
	}
	var suites report.JUnitSuites
	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, &suites); err != nil || len(suites.Suites) != 1 || suites.Suites[0].Failures != 0 || suites.Suites[0].Tests == 0 {
		t.Errorf("--junit %s: %v, %+v; want one suite, no failures", junit, err, suites)
	}
	var rep struct {
		OK        bool `json:"ok"`
		Exchanges int  `json:"exchanges"`
	}
	if data, err = os.ReadFile(reportPath); err != nil || json.Unmarshal(data, &rep) != nil || !rep.OK || rep.Exchanges != 1 {
		t.Errorf("--report %s: %v %s; want ok and 1 exchange", reportPath, err, data)
	}
}

func TestProxyExitCodes(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		t.Fatal(err)
	}
	broken := fakeapi.New([]byte(strings.Replace(string(seed), `"2024-07-11T07:21:15.14Z"`, `"yesterday"`, 1)))
	good := fakeapi.New(seed)
	cases := []struct {
		name     string
		upstream http.Handler
		clientID string // "" leaves client_id out: a client-side violation
		args     []string
		want     int
		summary  string
	}{
		{"upstream kept the contract", good, fakeapi.ClientID, nil, exitOK, "PASS"},
		{"upstream broke it", broken, fakeapi.ClientID, nil, exitFailed, "/login_logs/*/CreatedAt"},
		{"client broke it, fail on upstream", good, "", nil, exitOK, "1× query parameter client_id: is required (e.g. request"},
		{"client broke it, fail on any", good, "", []string{"--fail-on", "any"}, exitFailed, "clients broke the contract"},
		{"enforce", broken, fakeapi.ClientID, []string{"--mode", "enforce"}, exitFailed, "502 ×1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			up := startAPI(t, tc.upstream)
			base, stdout, stderr, stop := startProxyCLI(t, append([]string{"--upstream", up}, tc.args...)...)
			u := base + "/users/" + fakeapi.UserID + "/loginlogs"
			if tc.clientID != "" {
				u += "?client_id=" + tc.clientID
			}
			getWithToken(t, u)
			stopProxy(t, stop, stdout, stderr, tc.want, tc.summary)
		})
	}
}

// getWithToken sends GET u with the fake's token, and closes the answer unread.
func getWithToken(t *testing.T, u string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
}

// stopProxy stops a proxy of startProxyCLI and checks its exit code and that its summary says
// summary.
func stopProxy(t *testing.T, stop func() int, stdout, stderr *syncBuffer, want int, summary string) {
	t.Helper()
	if code := stop(); code != want {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, want, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), summary) {
		t.Errorf("summary lacks %q:\n%s", summary, stdout.String())
	}
}

func TestProxyUsageErrors(t *testing.T) {
	noOperation, _ := editSpec(t, specEdit{"operationId: listUserLoginLogs", "operationId: listLogins"})
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"proxy"}, "--upstream (or LOGINLOGS_UPSTREAM) is required"},
		{[]string{"proxy", "--upstream", "ftp://x"}, "want an absolute http or https URL"},
		// Dropped when forwarding, a query or a fragment is refused, as get's --base-url's is
		// (--log-level stops the proxy, should they pass).
		{[]string{"proxy", "--upstream", "http://127.0.0.1:1/api/v1?tenant=t", "--log-level", "nope"}, "without a query, a fragment"},
		{[]string{"proxy", "--upstream", "http://127.0.0.1:1/#f", "--log-level", "nope"}, "without a query, a fragment"},
		{[]string{"proxy", "--upstream", "http://127.0.0.1:1/?", "--log-level", "nope"}, "without a query, a fragment"},
		{[]string{"proxy", "--upstream", "http://127.0.0.1:1", "--mode", "loud"}, "--mode"},
		{[]string{"proxy", "--upstream", "http://127.0.0.1:1", "--mode", "off"}, `--mode "off": want report or enforce`},
		{[]string{"proxy", "--upstream", "http://127.0.0.1:1", "--fail-on", "some"}, "--fail-on"},
		{[]string{"proxy", "--upstream", "http://127.0.0.1:1", "--spec", "/nonexistent.yaml"}, "proxy: --spec: read contract"},
		{[]string{"proxy", "--upstream", "http://127.0.0.1:1", "--spec", noOperation},
			"proxy: --spec " + noOperation + " declares no operation with operationId listUserLoginLogs"},
	}
	for _, tc := range cases {
		_, stderr, code := runCLI(t, nil, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line with %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestProxyFromEnvironment: LOGINLOGS_UPSTREAM and LOGINLOGS_PROXY_ADDR start the proxy without
// flags, and serve's LOGINLOGS_ADDR (here not even an address) is not the proxy's; serve does not
// take LOGINLOGS_PROXY_ADDR either.
func TestProxyFromEnvironment(t *testing.T) {
	up := startAPI(t, fakeapi.New(seedBytes(t)))
	environ := map[string]string{"LOGINLOGS_UPSTREAM": up, "LOGINLOGS_PROXY_ADDR": "127.0.0.1:0", "LOGINLOGS_ADDR": "serve's, not an address"}
	base, stdout, stderr, stop := startProxyEnv(t, func(k string) string { return environ[k] })
	if m := proxyingLine.FindStringSubmatch(stdout.String()); m[2] != up {
		t.Errorf("proxy with LOGINLOGS_UPSTREAM=%s: start line %q, want it proxying to the variable's URL", up, m[0])
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID, nil)
	req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if code := stop(); code != exitOK || res.StatusCode != http.StatusOK {
		t.Errorf("GET through the proxy: status %d; proxy exit %d, want 200 and 0\n%s", res.StatusCode, code, stderr.String())
	}
	for _, tc := range []struct{ verb, env, want string }{
		{"proxy", "LOGINLOGS_ADDR", "127.0.0.1:8081"},
		{"serve", "LOGINLOGS_PROXY_ADDR", "127.0.0.1:8080"},
	} {
		if got := flagValues(t, map[string]string{tc.env: "127.0.0.1:9999"}, tc.verb)["addr"]; got != tc.want {
			t.Errorf("%s with %s=127.0.0.1:9999: --addr %q, want the default %q", tc.verb, tc.env, got, tc.want)
		}
	}
}

// TestProxyServesTheDocsPage: the proxy answers GET /docs with no token, with the page's security
// headers, and renders the contract it judges with: the embedded one, or the --spec candidate's
// text. The page's paths never reach the upstream.
func TestProxyServesTheDocsPage(t *testing.T) {
	var mu sync.Mutex
	var forwarded []string
	up := startAPI(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		forwarded = append(forwarded, r.URL.Path)
		mu.Unlock()
		http.NotFound(w, r)
	}))
	candidate := bytes.Replace(api.OpenAPI, []byte("title: "), []byte("title: Candidate "), 1)
	specFile := filepath.Join(t.TempDir(), "candidate.yaml")
	if err := os.WriteFile(specFile, candidate, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		args     []string
		contract []byte
	}{
		{"embedded", nil, api.OpenAPI},
		{"--spec", []string{"--spec", specFile}, candidate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base, _, _, _ := startProxyCLI(t, append([]string{"--upstream", up}, tc.args...)...)
			root := strings.TrimSuffix(base, "/api/v1")
			res, err := http.Get(root + "/docs")
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if ct := res.Header.Get("Content-Type"); res.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "text/html") {
				t.Errorf("GET /docs: status %d, Content-Type %q; want 200 and text/html", res.StatusCode, ct)
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("GET /docs: Content-Security-Policy %q, want one allowing nothing by default", csp)
			}
			res, err = http.Get(root + "/docs/openapi.yaml")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !bytes.Equal(body, tc.contract) {
				t.Errorf("GET /docs/openapi.yaml: status %d, %d bytes; want 200 and the %d bytes of the contract judged with", res.StatusCode, len(body), len(tc.contract))
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	if len(forwarded) != 0 {
		t.Errorf("the upstream received %v, want none of the docs paths", forwarded)
	}
}

// proxyReports reads the --report and --junit files a proxy run wrote.
func proxyReports(t *testing.T, reportPath, junit string) (rep struct {
	Exchanges int    `json:"exchanges"`
	Abandoned int    `json:"abandoned"`
	Judged    int    `json:"judged"`
	Outcome   string `json:"outcome"`
	OK        bool   `json:"ok"`
}, suite report.JUnitSuite) {
	t.Helper()
	data, err := os.ReadFile(reportPath)
	if err != nil || json.Unmarshal(data, &rep) != nil {
		t.Fatalf("--report %s: %v\n%s", reportPath, err, data)
	}
	var suites report.JUnitSuites
	if data, err = os.ReadFile(junit); err != nil || xml.Unmarshal(data, &suites) != nil || len(suites.Suites) != 1 {
		t.Fatalf("--junit %s: %v\n%s", junit, err, data)
	}
	return rep, suites.Suites[0]
}

// TestProxyJudgedNothingIsInconclusive: a run with no exchange, or whose every request found
// the upstream unreachable, is INCONCLUSIVE (exit 3, a JUnit <error>, "ok": false), not PASS;
// --allow-empty passes it.
func TestProxyJudgedNothingIsInconclusive(t *testing.T) {
	unreachable := refused(t)
	good := startAPI(t, fakeapi.New(seedBytes(t)))
	cases := []struct {
		name     string
		upstream string
		requests int
		args     []string
		want     int
		summary  string
	}{
		{"no exchange", good, 0, nil, exitInconclusive, "INCONCLUSIVE: no request was forwarded"},
		{"unreachable upstream", unreachable, 2, nil, exitInconclusive, "INCONCLUSIVE: no answer came whole from the upstream (2 upstream errors)"},
		{"no exchange, --allow-empty", good, 0, []string{"--allow-empty"}, exitOK, "PASS (--allow-empty): no request was forwarded"},
		{"unreachable upstream, --allow-empty", unreachable, 1, []string{"--allow-empty"}, exitOK, "PASS (--allow-empty)"},
		{"one answer judged", good, 1, nil, exitOK, "PASS: the upstream kept the contract"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			junit, reportPath := filepath.Join(dir, "proxy.xml"), filepath.Join(dir, "proxy.json")
			base, stdout, stderr, stop := startProxyCLI(t, append([]string{"--upstream", tc.upstream, "--junit", junit, "--report", reportPath}, tc.args...)...)
			for range tc.requests {
				getWithToken(t, base+"/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID)
			}
			stopProxy(t, stop, stdout, stderr, tc.want, tc.summary)
			rep, suite := proxyReports(t, reportPath, junit)
			inconclusive := tc.want == exitInconclusive
			if rep.OK == inconclusive || (rep.Outcome == "INCONCLUSIVE") != inconclusive {
				t.Errorf("--report: outcome %q, ok %v; want INCONCLUSIVE: %v", rep.Outcome, rep.OK, inconclusive)
			}
			errored := suite.Errors == 1 && len(suite.Cases) > 0 && suite.Cases[0].Error != nil && suite.Cases[0].Error.Type == "inconclusive"
			if errored != inconclusive || suite.Failures != 0 {
				t.Errorf("--junit: %d errors, %d failures, cases %+v; want an inconclusive <error>: %v, no failure", suite.Errors, suite.Failures, suite.Cases, inconclusive)
			}
		})
	}
}

// TestProxySIGTERMAfterClientsHungUp: clients that hung up on an upstream dripping its answer
// forever hold nothing up: SIGTERM with a 10-minute --shutdown-timeout returns at once, and the
// summary and the report count every exchange as abandoned.
func TestProxySIGTERMAfterClientsHungUp(t *testing.T) {
	const n = 6
	fake := fakeapi.Hostile(nil, nil)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	t.Cleanup(srv.CloseClientConnections) // runs first: no answer outlives a failed test
	up := srv.URL + fakeapi.HostilePath("slow=20ms", "endless")
	dir := t.TempDir()
	junit, reportPath := filepath.Join(dir, "proxy.xml"), filepath.Join(dir, "proxy.json")
	base, stdout, stderr, stop := startProxyCLI(t, "--upstream", up, "--shutdown-timeout", "10m", "--timeout", "1m", "--junit", junit, "--report", reportPath)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID, nil)
			req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
			if res, err := http.DefaultClient.Do(req); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		})
	}
	wg.Wait()
	code := make(chan int, 1)
	go func() { code <- stop() }()
	select {
	case c := <-code:
		if c != exitInconclusive {
			t.Errorf("exit %d, want %d (no answer judged)\nstdout:\n%s\nstderr:\n%s", c, exitInconclusive, stdout.String(), stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatalf("SIGTERM: the proxy had not returned a minute later (--shutdown-timeout 10m); %d upstream answers still going", fake.Open())
	}
	for _, want := range []string{fmt.Sprintf("%d exchanges", n), fmt.Sprintf("abandoned by their client before the answer ended (ended upstream within 250 ms): %d", n)} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout.String())
		}
	}
	if rep, _ := proxyReports(t, reportPath, junit); rep.Exchanges != n || rep.Abandoned != n {
		t.Errorf("--report: %d exchanges, %d abandoned; want %d and %d", rep.Exchanges, rep.Abandoned, n, n)
	}
}

// TestProxyToItselfIsRefused: an --upstream that names the proxy's own address (the same port on
// the loopback, localhost, or every interface) is a usage error of one line: the proxy forwarded
// each request to itself until it ran out of file descriptors, and the client waited.
func TestProxyToItselfIsRefused(t *testing.T) {
	free, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(free.Addr().(*net.TCPAddr).Port)
	free.Close()
	for _, tc := range []struct{ addr, upstream string }{
		{"127.0.0.1:" + port, "http://127.0.0.1:" + port},
		{"127.0.0.1:" + port, "http://localhost:" + port + "/api/v1"},
		{"0.0.0.0:" + port, "http://127.0.0.1:" + port},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // ends the run should it serve
		var stdout, stderr bytes.Buffer
		err := run(ctx, []string{"proxy", "--addr", tc.addr, "--upstream", tc.upstream}, noEnv, &stdout, &stderr)
		cancel()
		code := exitCode(err, &stderr)
		if code != exitUsage || strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), "own address") {
			t.Errorf("proxy --addr %s --upstream %s: exit %d, stderr %q; want %d and one line saying it is its own address", tc.addr, tc.upstream, code, stderr.String(), exitUsage)
		}
	}
}
