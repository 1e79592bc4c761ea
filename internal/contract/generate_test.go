package contract_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/errbody"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// generate sets up a generated run of n requests with seed 1, as fast as the server answers.
func generate(n int, methods ...string) func(*contract.Config) {
	return func(cfg *contract.Config) {
		cfg.Generate = contract.Generate{N: n, Seed: 1, Rate: 1e6, Methods: methods}
	}
}

// TestGeneratedRequestsCatchEachBug gives the fake one bug at a time: the generated requests
// catch it under the check that names it, with a curl line of the smallest failing request.
func TestGeneratedRequestsCatchEachBug(t *testing.T) {
	for _, tc := range []struct {
		bug     fakeapi.Bug
		check   string
		methods []string
		curl    *regexp.Regexp // what the shrunk curl line holds
	}{
		{fakeapi.Bug500ForPercent, contract.CheckServerError, nil, regexp.MustCompile(`/users/%25/loginlogs\?`)},
		{fakeapi.Bug200ForEmptyClientID, contract.CheckNegative, nil, regexp.MustCompile(`\?client_id=' `)},
		{fakeapi.Bug200ForPost, contract.CheckMethod, []string{"GET", "HEAD", "POST"}, regexp.MustCompile(`-X POST`)},
		{fakeapi.Bug500ForLongClientID, contract.CheckServerError, nil, regexp.MustCompile(`client_id=a{65}' `)},
		{fakeapi.BugETagChanges, contract.CheckConditional, nil, regexp.MustCompile(`send it twice`)},
		{fakeapi.BugIfNoneMatchIgnored, contract.CheckConditional, nil, regexp.MustCompile(`If-None-Match: "`)},
		{fakeapi.Bug404NotSSOJet, contract.CheckConformance, nil, regexp.MustCompile(`/users/[^/]+/loginlogs`)},
	} {
		t.Run(string(tc.bug), func(t *testing.T) {
			rep := runAgainst(t, fakeapi.WithBug(seed(t), tc.bug), generate(400, tc.methods...))
			res := result(t, rep, tc.check)
			if res.Outcome() != contract.OutcomeFail {
				t.Fatalf("--generate 400 against a fake with %s: %s is %s, want fail\n%s", tc.bug, tc.check, res.Outcome(), text(t, rep))
			}
			var lines []string
			for _, f := range res.Errors {
				lines = append(lines, f.Message)
			}
			all := strings.Join(lines, "\n")
			if !strings.Contains(all, "curl -sS") || !tc.curl.MatchString(all) {
				t.Errorf("%s: curl lines\n%s\nwant one matching %s", tc.check, all, tc.curl)
			}
			if strings.Contains(text(t, rep), fakeapi.Token) || !strings.Contains(all, `Bearer $SSOJET_TOKEN"`) && tc.check != contract.CheckNegative {
				t.Errorf("%s: the token is not shown as $SSOJET_TOKEN:\n%s", tc.check, all)
			}
			if !strings.Contains(res.Request, "--seed 1 --only "+tc.check) {
				t.Errorf("%s: no rerun line in %q", tc.check, res.Request)
			}
		})
	}
}

// TestGeneratedRequestsNoFalseAlarm: the fake, the fake with conditional requests, and the
// reference server pass every generated check that judged something.
func TestGeneratedRequestsNoFalseAlarm(t *testing.T) {
	ref := servertest.Start(t)
	for _, tc := range []struct {
		name string
		run  func(t *testing.T) contract.Report
	}{
		{"fake", func(t *testing.T) contract.Report {
			return runAgainst(t, fakeapi.New(seed(t)), generate(300, "GET", "HEAD", "POST"))
		}},
		{"fake with ETag", func(t *testing.T) contract.Report {
			return runAgainst(t, fakeapi.WithBug(seed(t), fakeapi.NoBug), generate(300))
		}},
		{"reference server", func(t *testing.T) contract.Report {
			cfg := contract.Config{BaseURL: ref.BaseURL, Token: ref.Token, ClientID: ref.ClientID, UserID: ref.UserID,
				Timeout: 5 * time.Second, Now: func() time.Time { return now }}
			generate(300, "GET", "HEAD", "DELETE")(&cfg)
			rep, err := contract.Run(context.Background(), validator(t), cfg)
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := tc.run(t)
			judged := 0
			for _, c := range contract.GeneratedChecks() {
				res := result(t, rep, c.Name)
				switch res.Outcome() {
				case contract.OutcomeFail, contract.OutcomeSetup:
					t.Errorf("%s: %s is %s, want pass\n%s", tc.name, c.Name, res.Outcome(), text(t, rep))
				case contract.OutcomePass:
					judged++
				}
			}
			if judged < 4 {
				t.Errorf("%s: %d generated checks judged something, want at least 4\n%s", tc.name, judged, text(t, rep))
			}
		})
	}
}

// TestGeneratedSameSeedSameReport: two runs with one seed send the same requests and write the
// same report; another seed sends others.
func TestGeneratedSameSeedSameReport(t *testing.T) {
	var reports []string
	for _, s := range []uint64{7, 7, 8} {
		var sent bytes.Buffer
		fake := fakeapi.WithBug(seed(t), fakeapi.Bug500ForPercent)
		fake.Requests = func(r *http.Request) { sent.WriteString(r.Method + " " + r.URL.RequestURI() + "\n") }
		srv := httptest.NewServer(fake)
		cfg := config(srv.URL)
		cfg.Generate = contract.Generate{N: 200, Seed: s, Rate: 1e6}
		rep, err := contract.Run(context.Background(), validator(t), cfg)
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		// The report holds shrunk failures, so that shrinking is held to the seed as well.
		if res := result(t, rep, contract.CheckServerError); res.Outcome() != contract.OutcomeFail {
			t.Fatalf("--generate %d --seed %d against a fake with %s: %s is %s, want fail", cfg.Generate.N, s, fakeapi.Bug500ForPercent, res.Check, res.Outcome())
		}
		var b bytes.Buffer
		if err := contract.WriteJSON(&b, rep); err != nil {
			t.Fatal(err)
		}
		reports = append(reports, strings.ReplaceAll(sent.String()+b.String(), srv.URL, "URL"))
	}
	if reports[0] != reports[1] {
		t.Errorf("two runs with --seed 7 differ:\n%s\n---\n%s", reports[0], reports[1])
	}
	if reports[0] == reports[2] {
		t.Errorf("--seed 7 and --seed 8 sent the same requests")
	}
}

// text renders rep as the text report.
func text(t *testing.T, rep contract.Report) string {
	t.Helper()
	var b strings.Builder
	if err := contract.WriteText(&b, rep, false); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestGeneratedRunIsSafe: only GET and HEAD unless --methods says more; a 429 is waited out as
// Retry-After says and the request sent again; another client's token never shows; a run cut
// short (budget, interrupt) reports what it found until then.
func TestGeneratedRunIsSafe(t *testing.T) {
	const other = "other-client-token-51d2"
	t.Run("methods, Retry-After, other token", func(t *testing.T) {
		var mu sync.Mutex
		methods, seen429 := map[string]int{}, map[string]int{}
		fake := fakeapi.WithBug(seed(t), fakeapi.NoBug)
		fake.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
			mu.Lock()
			defer mu.Unlock()
			methods[r.Method]++
			if r.Header.Get("Authorization") == "Bearer "+other {
				w.Header().Set("WWW-Authenticate", `Bearer realm="ssojet"`)
				errbody.Write(w, http.StatusUnauthorized, "invalid_token", 1002, "token "+other+" is not valid here")
				return true
			}
			if seen429[r.URL.RequestURI()]++; seen429[r.URL.RequestURI()] == 1 && len(seen429)%5 == 0 {
				w.Header().Set("Retry-After", "0")
				errbody.Write(w, http.StatusTooManyRequests, "rate_limit_exceeded", 829, "Too many requests; retry later.")
				return true
			}
			return false
		}
		rep := runAgainst(t, fake, func(cfg *contract.Config) {
			generate(200)(cfg)
			cfg.Generate.OtherToken = other
		})
		out := text(t, rep)
		if _, failed, _, _, _, _ := rep.Counts(); failed > 0 {
			t.Errorf("a fake answering 429 with Retry-After: 0 to one request in five: checks failed\n%s", out)
		}
		retried := 0
		for _, n := range seen429 {
			if n > 1 {
				retried++
			}
		}
		if retried == 0 {
			t.Errorf("no request answered 429 was sent again")
		}
		for m := range methods {
			if m != http.MethodGet && m != http.MethodHead {
				t.Errorf("without --methods, the run sent %s", m)
			}
		}
		if strings.Contains(out, other) || strings.Contains(out, fakeapi.Token) {
			t.Errorf("a token shows in the report:\n%s", out)
		}
	})
	t.Run("interrupted", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var n atomic.Int64
		fake := fakeapi.WithBug(seed(t), fakeapi.Bug500ForPercent)
		fake.Requests = func(*http.Request) {
			if n.Add(1) == 150 {
				cancel()
			}
		}
		srv := httptest.NewServer(fake)
		defer srv.Close()
		cfg := config(srv.URL)
		generate(100000)(&cfg)
		rep, err := contract.Run(ctx, validator(t), cfg)
		if err != nil {
			t.Fatal(err)
		}
		res := result(t, rep, contract.CheckServerError)
		if res.Outcome() != contract.OutcomeFail || !strings.Contains(res.Request, "stopped early: interrupted") {
			t.Errorf("interrupted after 150 requests: %s is %s (%s), want the failures found so far, and why it stopped\n%s", res.Check, res.Outcome(), res.Request, text(t, rep))
		}
	})
	t.Run("budget", func(t *testing.T) {
		rep := runAgainst(t, fakeapi.New(seed(t)), func(cfg *contract.Config) {
			cfg.Generate = contract.Generate{N: 100000, Seed: 1, Rate: 1000, Budget: 200 * time.Millisecond}
		})
		res := result(t, rep, contract.CheckConformance)
		if !strings.Contains(res.Request+res.Skipped, "time budget spent") {
			t.Errorf("--budget 200ms, --generate 100000: %s says %q %q, want it stopped for the budget", res.Check, res.Request, res.Skipped)
		}
	})
}

// editedContract returns the validator of the embedded contract with its one old replaced by new.
func editedContract(t *testing.T, old, new string) *validate.Validator {
	t.Helper()
	if bytes.Count(api.OpenAPI, []byte(old)) != 1 {
		t.Fatalf("the contract has not one %q: the test's edit no longer applies", old)
	}
	doc, err := spec.Load(bytes.Replace(api.OpenAPI, []byte(old), []byte(new), 1))
	if err != nil {
		t.Fatal(err)
	}
	return validate.New(doc)
}

// TestGeneratedRequestsFollowTheContractInHand: under a contract that lets client_id be 200
// characters long, valid requests send client ids the fake (which keeps 128) refuses with 400:
// the values come from the contract given, not from the embedded one.
func TestGeneratedRequestsFollowTheContractInHand(t *testing.T) {
	const max = "        minLength: 1\n        maxLength: 128\n      example: cli_"
	v := editedContract(t, max, "        minLength: 1\n        maxLength: 200\n      example: cli_")
	srv := httptest.NewServer(fakeapi.New(seed(t)))
	defer srv.Close()
	cfg := config(srv.URL)
	generate(300)(&cfg)
	cfg.Only = []string{contract.CheckPositive}
	rep, err := contract.Run(context.Background(), v, cfg)
	if err != nil {
		t.Fatal(err)
	}
	res := result(t, rep, contract.CheckPositive)
	if res.Outcome() != contract.OutcomeFail || !strings.Contains(res.Errors[0].Got, "400") {
		t.Errorf("client_id up to 200 characters by the contract in hand, 128 by the fake: %s is %s, want a 400 among valid requests\n%s", res.Check, res.Outcome(), text(t, rep))
	}
}

// TestGeneratedRequestsSendTheClientIDByTheContract: under a contract that calls the client_id
// query parameter app_id, against an API that reads it there, valid generated requests carry
// the configured client id in app_id and get 200s: positive-data-acceptance passes.
func TestGeneratedRequestsSendTheClientIDByTheContract(t *testing.T) {
	v := editedContract(t, "      name: client_id\n", "      name: app_id\n")
	fake := fakeapi.New(seed(t))
	var ok atomic.Int64
	app := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query() // the fake reads client_id: the API of this contract reads app_id
		q["client_id"] = q["app_id"]
		delete(q, "app_id")
		r.URL.RawQuery = q.Encode()
		if q.Get("client_id") == fakeapi.ClientID && strings.Contains(r.URL.Path, fakeapi.UserID) {
			ok.Add(1)
		}
		fake.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(app)
	defer srv.Close()
	cfg := config(srv.URL)
	generate(200)(&cfg)
	cfg.Only = []string{contract.CheckPositive, contract.CheckNegative, contract.CheckConformance}
	rep, err := contract.Run(context.Background(), v, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, check := range cfg.Only {
		if res := result(t, rep, check); res.Outcome() != contract.OutcomePass {
			t.Errorf("client_id called app_id by the contract and the API: %s is %s, want pass\n%s", check, res.Outcome(), text(t, rep))
		}
	}
	if ok.Load() == 0 {
		t.Errorf("no generated request sent the configured client id in app_id for the configured user")
	}
}

// TestNamedChecksRefusedRequestIsNoVerdict: under a contract that calls client_id app_id, the
// named checks, which send the SDK's client_id, would judge answers to a request the contract
// refuses (kin-openapi's verdict on it): Run says so and sends nothing; the generated checks,
// which follow the contract, still run.
func TestNamedChecksRefusedRequestIsNoVerdict(t *testing.T) {
	v := editedContract(t, "      name: client_id\n", "      name: app_id\n")
	var sent atomic.Int64
	fake := fakeapi.New(seed(t))
	fake.Requests = func(*http.Request) { sent.Add(1) }
	srv := httptest.NewServer(fake)
	defer srv.Close()
	cfg := config(srv.URL)
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID, nil)
	if err != nil {
		t.Fatal(err)
	}
	rt, params, err := v.Router().Find(req)
	if err != nil || v.RequestParams(context.Background(), req, rt, params) == nil {
		t.Fatalf("kin-openapi accepts the SDK's request under the edited contract (%v): the test no longer tells the case apart", err)
	}
	_, err = contract.Run(context.Background(), v, cfg)
	if err == nil || !strings.Contains(err.Error(), "app_id") || !strings.Contains(err.Error(), "--generate") || sent.Load() != 0 {
		t.Errorf("named checks under a contract refusing their request: error %v, %d requests sent; want an error naming app_id and --generate, none sent", err, sent.Load())
	}
}

// TestGeneratedRequestsWithMoreRequiredQueryParameters: a contract that adds a required query
// parameter besides client_id: an integer one (whose schema refuses a client id) leaves the
// client id in client_id, and valid requests get 200s; a second string one leaves it unknown
// which parameter is the client, so a 403 is no failure of positive-data-acceptance.
func TestGeneratedRequestsWithMoreRequiredQueryParameters(t *testing.T) {
	const at = "always send all three, and the reference server accepts requests without them.\n      tags:\n        - User Management\n      parameters:\n"
	for _, tc := range []struct {
		name, schema string
		want200      bool
	}{
		{"integer", "{type: integer, minimum: 1, maximum: 100}", true},
		{"string", "{type: string, minLength: 1, maxLength: 20}", false},
	} {
		v := editedContract(t, at, at+"        - {name: extra, in: query, required: true, schema: "+tc.schema+"}\n")
		fake := fakeapi.New(seed(t))
		var ok atomic.Int64
		fake.Requests = func(r *http.Request) {
			if r.URL.Query().Get("client_id") == fakeapi.ClientID && strings.Contains(r.URL.Path, fakeapi.UserID) {
				ok.Add(1)
			}
		}
		srv := httptest.NewServer(fake)
		cfg := config(srv.URL)
		generate(200)(&cfg)
		cfg.Only = []string{contract.CheckPositive}
		rep, err := contract.Run(context.Background(), v, cfg)
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		if res := result(t, rep, contract.CheckPositive); res.Outcome() != contract.OutcomePass {
			t.Errorf("%s extra parameter: %s is %s, want pass\n%s", tc.name, res.Check, res.Outcome(), text(t, rep))
		}
		if tc.want200 && ok.Load() == 0 {
			t.Errorf("%s extra parameter: no request sent the configured client id in client_id for the configured user", tc.name)
		}
	}
}

// TestGeneratedRunCutByTheNetworkIsNoPass: a generated request whose connection the API drops
// (a crash, say) ends the run; the checks that judged answers before it do not pass, they say
// which request got no answer.
func TestGeneratedRunCutByTheNetworkIsNoPass(t *testing.T) {
	fake := fakeapi.New(seed(t))
	var n atomic.Int64
	fake.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		if n.Add(1) <= 40 { // the named checks, and some generated requests
			return false
		}
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close()
		}
		return true
	}
	rep := runAgainst(t, fake, generate(400))
	out := text(t, rep)
	judged := 0
	for _, c := range contract.GeneratedChecks() {
		res := result(t, rep, c.Name)
		if res.Outcome() == contract.OutcomePass {
			t.Errorf("%s passes though a generated request got no answer\n%s", c.Name, out)
		}
		if res.Setup != "" && strings.Contains(res.Request, "judged") {
			judged++
			if !strings.Contains(res.Setup, "curl -sS") {
				t.Errorf("%s: setup %q does not name the request that got no answer", c.Name, res.Setup)
			}
		}
	}
	if judged == 0 {
		t.Errorf("no generated check says what it judged before the failure\n%s", out)
	}
}

// TestUnknownUserOfAnotherClientMayBe404: the contract says another client's client_id gets 403
// and an unknown user 404, not which comes first when a request has both. An API that looks the
// user up first answers 404 there: no positive-data-acceptance failure.
func TestUnknownUserOfAnotherClientMayBe404(t *testing.T) {
	fake := fakeapi.New(seed(t))
	fake.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		user := strings.TrimSuffix(strings.TrimPrefix(r.URL.EscapedPath(), "/api/v1/users/"), "/loginlogs")
		if r.Header.Get("Authorization") != "Bearer "+fakeapi.Token || user == fakeapi.UserID || user == fakeapi.OtherUserID ||
			len(user) > 64 || r.URL.Query().Get("client_id") == "" || len(r.URL.Query().Get("client_id")) > 128 || len(r.Header.Values("Authorization")) > 1 {
			return false
		}
		errbody.Write(w, http.StatusNotFound, "resource_not_found", 801, "User not found.")
		return true
	}
	rep := runAgainst(t, fake, func(cfg *contract.Config) {
		generate(300)(cfg)
		cfg.Only = []string{contract.CheckPositive}
	})
	if res := result(t, rep, contract.CheckPositive); res.Outcome() != contract.OutcomePass {
		t.Errorf("%s is %s, want pass\n%s", res.Check, res.Outcome(), text(t, rep))
	}
}

// TestOnlyUndeclaredMethods: --methods POST names no method the contract declares, so no request
// is generated, but unsupported-method still sends POST once and judges its answer.
func TestOnlyUndeclaredMethods(t *testing.T) {
	rep := runAgainst(t, fakeapi.WithBug(seed(t), fakeapi.Bug200ForPost), generate(50, "POST"))
	if res := result(t, rep, contract.CheckMethod); res.Outcome() != contract.OutcomeFail {
		t.Errorf("--methods POST against a fake that answers POST with 200: %s is %s, want fail\n%s", res.Check, res.Outcome(), text(t, rep))
	}
	if res := result(t, rep, contract.CheckConformance); !strings.Contains(res.Skipped, "--methods names no method the contract declares") {
		t.Errorf("%s skipped %q, want it to say --methods names no declared method", res.Check, res.Skipped)
	}
}

// TestNoGeneratedCheckSelectedSendsNothing: --generate N with --only naming none of the
// generated checks sends no generated request: nothing would judge its answer; with --only
// conditional-request, only that check's requests.
func TestNoGeneratedCheckSelectedSendsNothing(t *testing.T) {
	var n atomic.Int64
	fake := fakeapi.New(seed(t))
	fake.Requests = func(*http.Request) { n.Add(1) }
	runAgainst(t, fake, func(cfg *contract.Config) {
		generate(50)(cfg)
		cfg.Only = []string{"documented-request"}
	})
	if n.Load() != 1 {
		t.Errorf("--only documented-request --generate 50: %d requests sent, want 1", n.Load())
	}
	n.Store(0)
	runAgainst(t, fake, func(cfg *contract.Config) {
		generate(50)(cfg)
		cfg.Only = []string{contract.CheckConditional}
	})
	if n.Load() > 4 {
		t.Errorf("--only %s --generate 50: %d requests sent, want at most its 4", contract.CheckConditional, n.Load())
	}
}

// TestUnjudgedGeneratedAnswersAreNoPass: a generated request whose answer cannot be judged (in a
// content coding no client decodes) leaves response-conformance without a verdict on it: the
// check says so and does not pass, as a named check with that answer would not.
func TestUnjudgedGeneratedAnswersAreNoPass(t *testing.T) {
	fake := fakeapi.New(seed(t))
	fake.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.Contains(r.URL.EscapedPath(), "/users/"+fakeapi.UserID+"/") {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Encoding", "x-hostile")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, "\x00\x01 not what it says")
			return true
		}
		return false
	}
	rep := runAgainst(t, fake, generate(100))
	res := result(t, rep, contract.CheckConformance)
	if res.Outcome() == contract.OutcomePass || !strings.Contains(res.Setup, "could not be judged") || !strings.Contains(res.Setup, "curl -sS") {
		t.Errorf("%s is %s, setup %q; want no pass, saying how many answers could not be judged and one's curl line\n%s", res.Check, res.Outcome(), res.Setup, text(t, rep))
	}
}

// TestRecordedExampleIsTheJudgedAnswer: against a flaky API that answers 500 the first time it
// sees a request and 200 after, every fixture --record keeps of a failing example holds the
// answer that was judged (the 500), not a second answer to the same request sent again.
func TestRecordedExampleIsTheJudgedAnswer(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	fake := fakeapi.New(seed(t))
	fake.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		key := r.Method + " " + r.URL.RequestURI() + " " + strings.Join(r.Header.Values("Authorization"), ",")
		if seen[key]++; seen[key] == 1 {
			errbody.Write(w, http.StatusInternalServerError, "server_error", 500, "first answer to this request")
			return true
		}
		return false
	}
	dir := t.TempDir()
	rep := runAgainst(t, fake, func(cfg *contract.Config) {
		generate(60)(cfg)
		cfg.Only = []string{contract.CheckServerError}
		cfg.RecordDir = dir
	})
	res := result(t, rep, contract.CheckServerError)
	if res.Outcome() != contract.OutcomeFail {
		t.Fatalf("an API answering 500 to each request the first time: %s is %s, want fail\n%s", res.Check, res.Outcome(), text(t, rep))
	}
	recorded := 0
	for _, f := range res.Errors {
		_, path, ok := strings.Cut(f.Message, "; recorded in ")
		if !ok {
			t.Errorf("example %q names no fixture", f.Message)
			continue
		}
		recorded++
		exs, _, err := contract.LoadFixtures(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range exs {
			if filepath.Join(dir, ex.Check+".json") == path && ex.Response.Status != http.StatusInternalServerError {
				t.Errorf("%s: status %d, want the 500 that was judged", path, ex.Response.Status)
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	hidden, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if recorded == 0 || len(files) != recorded || len(hidden) != 0 {
		t.Errorf("--record %s: files %v and %v, want the %d fixtures the report names, no others", dir, files, hidden, recorded)
	}
}

// TestRecordedExampleOfEachGeneratedCheck: --record keeps a fixture of the failing example of
// every generated check, the unsupported-method one (an answer to a method the contract does
// not declare) included, and no other file; --replay judges each again as failing, the
// undeclared method's by its status rule alone (no operation of the contract describes its
// answer).
func TestRecordedExampleOfEachGeneratedCheck(t *testing.T) {
	for _, tc := range []struct {
		bug   fakeapi.Bug
		check string
	}{
		{fakeapi.Bug200ForPost, contract.CheckMethod},
		{fakeapi.Bug500ForPercent, contract.CheckServerError},
	} {
		t.Run(string(tc.bug), func(t *testing.T) {
			dir := t.TempDir()
			rep := runAgainst(t, fakeapi.WithBug(seed(t), tc.bug), func(cfg *contract.Config) {
				generate(100, "GET", "HEAD", "POST")(cfg)
				cfg.Only = []string{tc.check, contract.CheckMethod} // the second fake answers POST 405: no fixture
				cfg.RecordDir = dir
			})
			res := result(t, rep, tc.check)
			if res.Outcome() != contract.OutcomeFail || len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Message, "; recorded in ") {
				t.Fatalf("%s against a fake with %s: %s, errors %v; want a failure recorded\n%s", tc.check, tc.bug, res.Outcome(), res.Errors, text(t, rep))
			}
			if tmp, _ := filepath.Glob(filepath.Join(dir, ".*")); len(tmp) > 0 {
				t.Errorf("--record %s: temporary files left: %v", dir, tmp)
			}
			for _, r := range replayDir(t, dir).Results {
				if r.Outcome() != contract.OutcomeFail || len(r.Errors) != 1 || r.Errors[0].In != "status" {
					t.Errorf("--replay of %s: %s %s, errors %v; want it failing by its status rule alone", r.Source, r.Check, r.Outcome(), r.Errors)
				}
			}
		})
	}
}

// replayDir judges the fixtures of dir again, by the embedded contract.
func replayDir(t *testing.T, dir string) contract.Report {
	t.Helper()
	exchanges, sources, err := contract.LoadFixtures(dir)
	if err != nil {
		t.Fatal(err)
	}
	replayed, err := contract.Replay(t.Context(), validator(t), contract.ReplayOptions{Exchanges: exchanges, Sources: sources, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return replayed
}
