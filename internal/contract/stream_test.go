package contract_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/contracttest"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/errbody"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
)

// result returns the result of the check named name.
func result(t *testing.T, rep contract.Report, name string) contract.Result {
	t.Helper()
	for _, r := range rep.Results {
		if r.Check == name {
			return r
		}
	}
	t.Fatalf("no result for check %s", name)
	return contract.Result{}
}

// logsBody returns a 200 body of n copies of e.
func logsBody(n int, e string) string {
	var b strings.Builder
	b.WriteString(`{"login_logs":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(e)
	}
	b.WriteString(`]}`)
	return b.String()
}

// cutAtEntry returns a body of n entries cut after the entry at index i.
func cutAtEntry(n, i int) string {
	return logsBody(n, entry)[:len(`{"login_logs":[`)+(i+1)*(len(entry)+1)-1]
}

func TestTooLargeIsNoVerdict(t *testing.T) {
	hugeEntry := strings.Replace(entry, `"Os":""`, `"Os":"`+strings.Repeat("x", contract.MaxEntry)+`"`, 1)
	hugeRest := `{"login_logs":[` + entry + `],"padding":"` + strings.Repeat("x", contract.MaxRest) + `"}`
	tests := []struct {
		name  string
		fake  func(a *fakeapi.API)
		edit  func(*contract.Config)
		check string
		want  string
	}{
		{"over --max-body", nil, func(c *contract.Config) { c.MaxBody = 1000 }, "documented-request",
			"too large to check: the body is larger than 1,000 bytes (--max-body)"},
		{"an entry over MaxEntry", func(a *fakeapi.API) { a.OK = okBody("application/json", `{"login_logs":[`+entry+`,`+hugeEntry+`]}`) }, nil,
			"documented-request", "too large to check: entry /login_logs/1 (at byte " + strconv.Itoa(len(`{"login_logs":[`+entry+`,`)) + ") is larger than 1 MiB"},
		{"a rest over MaxRest", func(a *fakeapi.API) { a.OK = okBody("application/json", hugeRest) }, nil,
			"documented-request", "too large to check: the body outside its /login_logs array is larger than 1 MiB"},
		{"an error body over MaxWhole", func(a *fakeapi.API) {
			a.Error = func(w http.ResponseWriter, status int, name string, code int, _ string) {
				errbody.Write(w, status, name, code, strings.Repeat("x", contract.MaxWhole))
			}
		}, nil, "no-token", "too large to check: the 401 body is larger than 64 MiB (the largest body the checker judges whole)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := runFake(t, tt.fake, tt.edit)
			r := result(t, rep, tt.check)
			if !r.TooLarge || !strings.Contains(r.Setup, tt.want) {
				t.Errorf("check %s: setup %q, too large %v; want too large, %q", tt.check, r.Setup, r.TooLarge, tt.want)
			}
			if len(r.Errors) > 0 {
				t.Errorf("check %s: errors %v, want none: too large is no violation", tt.check, r.Errors)
			}
			for _, other := range rep.Results {
				if other.Check != tt.check && other.Skipped != "" && other.Check != "unknown-user" {
					t.Errorf("check %s skipped (%s) after an answer too large to check, want it run", other.Check, other.Skipped)
				}
			}
			if _, failed, setup, _, _, _ := rep.Counts(); failed != 0 || setup == 0 {
				t.Errorf("Counts: %d failed, %d could not run; want none failed, and the check too large among those that could not run", failed, setup)
			}
		})
	}
}

func TestFindingsAreBounded(t *testing.T) {
	badType := strings.Replace(entry, `"India"`, `7`, 1)
	badIP := strings.Replace(entry, `"183.83.177.227"`, `"nowhere"`, 1)
	api := fakeapi.New(seed(t))
	api.OK = okBody("application/json", logsBody(3000, badType)[:len(logsBody(3000, badType))-2]+`,`+strings.TrimPrefix(logsBody(2000, badIP), `{"login_logs":[`))
	r := result(t, runAgainst(t, api, nil), "documented-request")
	if len(r.Errors) != contract.MaxFindings+1 || len(r.Warnings) != contract.MaxFindings+1 {
		t.Fatalf("%d errors and %d warnings listed, want %d of each (the last counting the others)", len(r.Errors), len(r.Warnings), contract.MaxFindings+1)
	}
	lastErr, lastWarn := r.Errors[len(r.Errors)-1], r.Warnings[len(r.Warnings)-1]
	if lastErr.More != 2900 || !strings.Contains(lastErr.String(), "… and 2,900 more errors") {
		t.Errorf("last error %+v, want it to count the 2,900 errors left out", lastErr)
	}
	if lastWarn.More != 1900 || !strings.Contains(lastWarn.String(), "… and 1,900 more warnings") {
		t.Errorf("last warning %+v, want it to count the 1,900 warnings left out", lastWarn)
	}
	rep := contract.Report{Results: []contract.Result{r}}
	if _, _, _, _, errs, warns := rep.Counts(); errs != 3000 || warns != 2000 {
		t.Errorf("Counts: %d errors, %d warnings; want 3000 and 2000", errs, warns)
	}
	var text bytes.Buffer
	if err := contract.WriteText(&text, rep, false); err != nil || !strings.Contains(text.String(), "3,000 errors, 2,000 warnings") {
		t.Errorf("text report (err %v) does not sum up 3,000 errors and 2,000 warnings:\n%.2000s", err, text.String())
	}
}

// inspect judges one exchange with the recorded-response check.
func inspect(t *testing.T, status int, body []byte) []contract.Finding {
	t.Helper()
	insp, err := contract.NewInspector(validator(t), func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	ex := &contract.Exchange{}
	ex.Response.Status = status
	ex.Response.Header = answerHeader(status)
	got, err := insp.Inspect(context.Background(), contract.RecordedCheck, ex, bytes.NewReader(body))
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	return got
}

func TestStreamedBodies(t *testing.T) {
	deep := strings.Repeat("[", 20<<20)
	bigPage := "\r\n<html><head><title>Sign in</title></head><body>" + strings.Repeat("<p>x</p>", 5<<20/8) + "</body></html>"
	bad := strings.Replace(entry, `"183.83.177.227"`, `"nowhere"`, 1)
	tests := []struct {
		name   string
		status int
		body   string
		errors []string // substrings of the error findings, in order
		warns  []string
	}{
		{"data after the document is one finding", 200, `{"login_logs":[` + entry + `]} {}`,
			[]string{"body: want one JSON document, got data after the JSON value at byte " + strconv.Itoa(len(`{"login_logs":[`+entry+`]} `))}, nil},
		{"error body with data after it", 401, `{"error":"x","error_description":"d","error_code":1} x`,
			[]string{"body: want one JSON document, got data after the JSON value"}, nil},
		{"5 MB of x as an entry", 200, `{"login_logs":[` + strings.Repeat("x", 5<<20), []string{"body: want JSON, got not JSON: invalid character 'x' looking for beginning of value at byte 16"}, nil},
		{"5 MB sign-in page in a 200", 200, bigPage, []string{`body: want JSON, got not JSON: invalid character '<' looking for beginning of value at byte 3; looks like an HTML page titled "Sign in"`}, nil},
		{"5 MB sign-in page in a 401", 401, bigPage, []string{`body: want JSON, got not JSON: invalid character '<' looking for beginning of value at byte 3; looks like an HTML page titled "Sign in"`}, nil},
		{"20 MB of [ in a 200", 200, deep, []string{"body: want JSON, got not JSON: nested deeper than 64 levels at byte 65"}, nil},
		{"20 MB of [ in login_logs", 200, `{"login_logs":` + deep, []string{"nested deeper than 64 levels at byte 78"}, nil},
		{"deep 401 body", 401, strings.Repeat("[", 100_000), []string{"body: want JSON, got not JSON: nested deeper than 64 levels at byte 65"}, nil},
		{"big body cut short", 200, logsBody(1000, entry)[:100_000], []string{"body: want JSON, got JSON cut short after 100000 bytes (truncated body)"}, nil},
		{"big body not JSON inside", 200, cutAtEntry(1000, 600) + `,]}`, []string{"body: want JSON, got not JSON: invalid character ']' looking for beginning of value at byte " + strconv.Itoa(len(cutAtEntry(1000, 600))+2)}, nil},
		// A later login_logs replaces the earlier one, for kin-openapi's decoder and the warnings.
		{"login_logs twice, the bad one first", 200, `{"login_logs":[` + bad + `],"login_logs":[` + entry + `]}`, nil, nil},
		{"login_logs twice, the bad one last", 200, `{"login_logs":[` + entry + `],"login_logs":[` + bad + `]}`,
			nil, []string{"body /login_logs/0/IpAddress: want an IPv4 or IPv6 address"}},
		{"paginated shape", 200, `{"audit_logs":[` + entry + `],"next_cursor":"c2"}`,
			[]string{`body /login_logs: want required property "login_logs", got absent; body has audit_logs, next_cursor: looks like SSOJet's paginated snake_case shape`},
			[]string{`body /audit_logs: want only the contract's properties`, `body /next_cursor`}},
		{"unknown fields of entries and envelope", 200, `{"total":1,"login_logs":[` + strings.Replace(entry, `"Os"`, `"ip_address":"1.2.3.4","Os"`, 1) + `]}`,
			nil, []string{"body /login_logs/0/ip_address: want only the contract's properties, got unknown property \"ip_address\"; looks like a snake_case spelling of IpAddress",
				`body /total: want only the contract's properties`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs, warns []string
			for _, f := range inspect(t, tt.status, []byte(tt.body)) {
				if f.Severity == contract.SeverityWarning {
					warns = append(warns, f.String())
				} else {
					errs = append(errs, f.String())
				}
			}
			match := func(kind string, got, want []string) {
				if len(got) != len(want) {
					t.Fatalf("%d %s %q, want %d: %q", len(got), kind, got, len(want), want)
				}
				for i := range want {
					if !strings.Contains(got[i], want[i]) {
						t.Errorf("%s %d = %q, want it to contain %q", kind, i, got[i], want[i])
					}
				}
			}
			match("errors", errs, tt.errors)
			match("warnings", warns, tt.warns)
		})
	}
}

// TestNotJSONPastMaxBodyIsAViolation: a body that stops being JSON before --max-body is "not
// JSON", a violation, however long it goes on: the checker stops reading at the bad byte.
func TestNotJSONPastMaxBodyIsAViolation(t *testing.T) {
	api := fakeapi.New(seed(t))
	api.OK = okBody("application/json", `{"login_logs":[`+strings.Repeat("x", 5<<20))
	rep := runAgainst(t, api, func(c *contract.Config) { c.MaxBody = 1 << 20 })
	r := result(t, rep, "documented-request")
	if r.TooLarge || r.Setup != "" {
		t.Errorf("documented-request: setup %q, too large %v; want a verdict", r.Setup, r.TooLarge)
	}
	want := "body: want JSON, got not JSON: invalid character 'x' looking for beginning of value at byte 16"
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].String(), want) {
		t.Errorf("documented-request: errors %v, want one containing %q", r.Errors, want)
	}
}

// answerHeader is the header of a JSON answer with status, as an API sends it: a 401 carries
// its bearer challenge.
func answerHeader(status int) http.Header {
	h := http.Header{"Content-Type": {"application/json"}}
	if status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", `Bearer realm="ssojet", error="invalid_token"`)
	}
	return h
}

// kinOpenAPI returns what kin-openapi says of a response to the documented request with header
// (answerHeader(status) when nil): the JSON pointers of its violations (oracle.Pointers), sorted,
// and whether data follows the body's value.
func kinOpenAPI(t *testing.T, o *oracle.Oracle, status int, header http.Header, body []byte) ([]string, bool) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if header == nil {
		header = answerHeader(status)
	}
	ptrs := oracle.Pointers(o.Response(req, status, header, body))
	slices.Sort(ptrs)
	return slices.Compact(ptrs), oracle.Trailing(body) // a value refused twice is one finding
}

// TestFindingsAgreeWithKinOpenAPI records every exchange of the misbehaviour table and of the
// streamed bodies above, and holds the checker's errors to kin-openapi's own verdict on the
// same answer (package oracle, none of the checker's code): the same JSON pointers, and data
// after the body reported exactly when there is some.
func TestFindingsAgreeWithKinOpenAPI(t *testing.T) {
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	failing := 0 // answers kin-openapi refused: the comparison is not vacuous
	compare := func(t *testing.T, status int, header http.Header, body []byte, got []contract.Finding) {
		t.Helper()
		wantPtrs, wantTrail := kinOpenAPI(t, o, status, header, body)
		if len(wantPtrs) > 0 {
			failing++
		}
		gotPtrs, gotTrail := contracttest.ErrorPointers(got)
		if strings.Join(gotPtrs, " ") != strings.Join(wantPtrs, " ") || gotTrail != wantTrail {
			t.Errorf("status %d, body %.120q:\nchecker:     %q, data after: %v\nkin-openapi: %q, data after: %v", status, body, gotPtrs, gotTrail, wantPtrs, wantTrail)
		}
	}
	bodies := []struct {
		status int
		body   string
	}{
		{200, string(seed(t))},
		{200, `{"login_logs":[` + entry + `]} {}`},
		{200, `{"login_logs":[` + strings.Replace(entry, `"India"`, `7`, 1) + `,` + strings.Replace(entry, `"Os":"",`, ``, 1) + `]}`},
		{200, `{"login_logs":[{"CreatedAt":"2024-02-30T10:00:00Z","CreatedAt":"x"}],"login_logs":[` + entry + `]}`},
		{200, `{"login_logs":[` + entry + `],"login_logs":null}`},
		{200, `{"login_logs":[` + entry + `],"x":1e400}`},
		{200, `{"login_logs":[` + strings.Replace(entry, `"Os":""`, `"Os":"","x":1e400`, 1) + `]}`},
		{200, `[` + entry + `]`},
		{200, `{"login_logs":[1,2,"x",null,{}]}`},
		{200, strings.Repeat("[", 20000)},
		{200, `{"login_logs":[{""}],"login_logs":[]}`},
		{200, `{"login_logs":[1 2],"login_logs":[` + entry + `]}`},
		{401, `{"error":null,"error_description":"d","error_code":1}`},
		{401, `{"error":1.5,"error_description":"d","error_code":"1"}`},
		{401, `{"error":"x","error":7,"error_description":"d","error_code":1}`},
		{404, `not json`},
		{200, "<html>" + strings.Repeat(" ", 5<<20) + "</html>"},
		{400, "<html>" + strings.Repeat(" ", 5<<20) + "</html>"},
		{404, ``},
	}
	for i, b := range bodies {
		t.Run("body "+strconv.Itoa(i), func(t *testing.T) {
			compare(t, b.status, nil, []byte(b.body), inspect(t, b.status, []byte(b.body)))
		})
	}

	// The live suite against each misbehaving fake, through --record's fixtures.
	dir := t.TempDir()
	for _, tt := range misbehaviours {
		if tt.fake == nil {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			api := fakeapi.New(seed(t))
			tt.fake(api)
			rec := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			rep := runAgainst(t, api, func(c *contract.Config) { c.RecordDir = rec })
			for _, r := range rep.Results {
				if r.Source == "" || r.Status >= 300 && r.Status < 400 {
					continue
				}
				data, err := os.ReadFile(r.Source)
				if err != nil {
					t.Fatal(err)
				}
				ex, ok := contract.ReadFixture(data)
				if !ok {
					t.Fatalf("%s: not a fixture", r.Source)
				}
				if r.Status == http.StatusTeapot {
					continue // undocumented: the checker names the status and judges no body
				}
				compare(t, r.Status, ex.Response.Header, ex.Body(), append(append([]contract.Finding{}, r.Errors...), r.Warnings...))
			}
		})
	}
	if failing < 20 {
		t.Errorf("kin-openapi refused %d of the answers compared, want at least 20", failing)
	}
}

func TestRecordAndReplayABigBody(t *testing.T) {
	// The server echoes the token in the middle of a body larger than InlineBody: the fixture
	// keeps the body in a file of its own, the token redacted even where it spans two reads.
	n := contract.InlineBody/len(entry) + 100
	body := logsBody(n, entry)
	body = body[:len(body)-2] + `],"echo":"` + fakeapi.Token + `"}`
	api := fakeapi.New(seed(t))
	api.OK = okBody("application/json", body)
	dir := t.TempDir()
	live := runAgainst(t, api, func(c *contract.Config) { c.RecordDir = dir })
	r := result(t, live, "documented-request")
	if !r.Passed() || len(r.Warnings) != 1 {
		t.Fatalf("live: %+v, want a pass with the unknown echo warned about", r)
	}
	fixture, err := os.ReadFile(r.Source)
	if err != nil {
		t.Fatal(err)
	}
	if len(fixture) > 4<<10 {
		t.Errorf("fixture %s is %d bytes, want the body out of it", r.Source, len(fixture))
	}
	kept, err := os.ReadFile(filepath.Join(dir, "documented-request.body"))
	if err != nil {
		t.Fatalf("read the recorded body: %v", err)
	}
	if want := strings.Replace(body, fakeapi.Token, contract.Redacted, 1); string(kept) != want {
		t.Errorf("recorded body: %d bytes, want the %d of the answer with the token redacted", len(kept), len(want))
	}

	got := result(t, replayDir(t, dir), "documented-request")
	if !got.Passed() || len(got.Warnings) != 1 || got.Warnings[0].Pointer != "/echo" {
		t.Errorf("replayed: %+v, want the live verdict", got)
	}

	// A body recorded cut at --max-body is too large to check when replayed, not a violation.
	over := runAgainst(t, api, func(c *contract.Config) { c.RecordDir, c.MaxBody = dir, 1000 })
	if r := result(t, over, "documented-request"); !r.TooLarge {
		t.Fatalf("live with --max-body 1000: %+v, want too large", r)
	}
	if r := result(t, replayDir(t, dir), "documented-request"); !r.TooLarge || len(r.Errors) > 0 {
		t.Errorf("replay of a body recorded cut short: %+v, want too large to check and no errors", r)
	}
}

func TestLoadResponseStreamsABareBody(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "body.json")
	if err := os.WriteFile(path, []byte(logsBody(100_000, entry)), 0o644); err != nil { // 18 MB, more than one read
		t.Fatal(err)
	}
	ex, err := contract.LoadResponse(path, 200, http.Header{"Content-Type": {"application/json"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Body()) != 0 {
		t.Errorf("LoadResponse held %d bytes of a bare body, want none until judged", len(ex.Body()))
	}
	rep, err := contract.Replay(context.Background(), validator(t), contract.ReplayOptions{Exchanges: []*contract.Exchange{ex}, Sources: []string{path}, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if r := rep.Results[0]; !r.Passed() {
		t.Errorf("replay of a valid 18 MB body: %+v, want a pass", r)
	}
	rep, err = contract.Replay(context.Background(), validator(t), contract.ReplayOptions{Exchanges: []*contract.Exchange{ex}, Sources: []string{path}, Now: func() time.Time { return now }, MaxBody: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if r := rep.Results[0]; !r.TooLarge || !strings.Contains(r.Setup, "larger than 1 MiB (--max-body)") {
		t.Errorf("replay with a max body of 1 MiB: %+v, want too large to check", r)
	}
}

// trickle answers the documented request with body in pieces, pause apart, then stalls for
// stall (or until the client gives up) before the last piece.
func trickle(body string, pieces int, pause, stall time.Duration) func(a *fakeapi.API) {
	return func(a *fakeapi.API) {
		a.OK = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			size := len(body)/pieces + 1
			for i := 0; i < len(body); i += size {
				if i+size >= len(body) {
					select {
					case <-time.After(stall):
					case <-r.Context().Done(): // the client gave up
						return
					}
				}
				w.Write([]byte(body[i:min(i+size, len(body))]))
				w.(http.Flusher).Flush()
				time.Sleep(pause)
			}
		}
	}
}

func TestTimeoutIsPerWait(t *testing.T) {
	body := logsBody(100, entry)
	tests := []struct {
		name  string
		fake  func(a *fakeapi.API)
		setup string // "" for a pass
	}{
		// 12 pieces 120ms apart: 1.44s in all, more than the timeout, but never a wait of it (a
		// busy machine may stall a wait for a few hundred milliseconds).
		{"an answer longer than the timeout that keeps coming", trickle(body, 12, 120*time.Millisecond, 0), ""},
		{"an answer that stalls", trickle(body, 3, 0, 3*time.Second), "timeout: nothing received for 1s (--timeout)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := fakeapi.New(seed(t))
			tt.fake(api)
			rep := runAgainst(t, api, func(c *contract.Config) { c.Timeout = time.Second })
			r := result(t, rep, "documented-request")
			if tt.setup == "" && !r.Passed() || !strings.Contains(r.Setup, tt.setup) {
				t.Errorf("documented-request: passed %v, setup %q; want setup %q", r.Passed(), r.Setup, tt.setup)
			}
		})
	}
}

// TestReplacedArrayLeavesNoWarnings: a login_logs that a later value of the member replaces
// (an empty array, null) leaves none of its entries' warnings, as the decoded body has none of
// them; the replacing empty list is what is warned about.
func TestReplacedArrayLeavesNoWarnings(t *testing.T) {
	drift := `{"IpAddress":"not an ip","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z","ip_address":"x"}`
	for _, body := range []string{
		`{"login_logs":[` + drift + `],"login_logs":[]}`,
		`{"login_logs":[` + drift + `,` + drift + `],"login_logs":null}`,
	} {
		for _, f := range inspect(t, http.StatusOK, []byte(body)) {
			if f.Severity == contract.SeverityWarning && strings.HasPrefix(f.Pointer, "/login_logs/") {
				t.Errorf("body %.80s…: warning %s about an entry of a replaced array", body, f)
			}
		}
	}
}
