package contract_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

// brokenLogs is a 200 body of n entries whose CreatedAt is no calendar date, and one entry (the
// fourth) whose Country is a number.
func brokenLogs(n int) string {
	var b strings.Builder
	b.WriteString(`{"login_logs":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		e := strings.Replace(entry, "2024-07-10T12:16:19.647Z", "2024-02-30T10:00:00Z", 1)
		if i == 3 {
			e = strings.Replace(e, `"Country":"India"`, `"Country":7`, 1)
		}
		b.WriteString(e)
	}
	b.WriteString(`]}`)
	return b.String()
}

// TestReportsGroupRepeatedViolations: 5,000 entries with the same violation are one line in
// the text report and in JUnit, counted with a thousands separator, as many as kin-openapi
// finds at that pattern.
func TestReportsGroupRepeatedViolations(t *testing.T) {
	const n = 5000
	body := brokenLogs(n)
	api := fakeapi.New(seed(t))
	api.OK = okBody("application/json", body)
	rep := runAgainst(t, api, nil)

	// The oracle: kin-openapi alone on the same answer.
	o, err := oracle.New(apiSpec())
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", "http://x/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id=x", nil)
	kinErr := o.Response(req, 200, http.Header{"Content-Type": {"application/json"}}, []byte(body))
	createdAt := 0
	for _, p := range oracle.Pointers(kinErr) {
		if report.Pattern(p) == "/login_logs/*/CreatedAt" {
			createdAt++
		}
	}
	if createdAt != n {
		t.Fatalf("kin-openapi finds %d CreatedAt violations, want %d", createdAt, n)
	}

	var text bytes.Buffer
	if err := contract.WriteText(&text, rep, false); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`error   body /login_logs/*/CreatedAt ×%s, first at /login_logs/0/CreatedAt: want format date-time, got "2024-02-30T10:00:00Z"`, "5,000")
	if createdAt != 5000 || !strings.Contains(text.String(), want) {
		t.Errorf("text report lacks %q:\n%s", want, text.String())
	}
	if !strings.Contains(text.String(), "error   body /login_logs/3/Country: want type string, got 7") {
		t.Errorf("text report lacks the one Country violation:\n%s", text.String())
	}
	if strings.Contains(text.String(), "/login_logs/1/CreatedAt") || strings.Contains(text.String(), "more errors") {
		t.Errorf("text report lists a grouped violation again, or says findings are left out:\n%s", text.String())
	}

	var junit bytes.Buffer
	if err := contract.WriteJUnit(&junit, rep); err != nil {
		t.Fatal(err)
	}
	var suites report.JUnitSuites
	if err := xml.Unmarshal(junit.Bytes(), &suites); err != nil {
		t.Fatalf("JUnit does not parse: %v", err)
	}
	failure := suites.Suites[0].Cases[0].Failure
	if failure == nil || !strings.Contains(failure.Message, "5,001 contract violations") ||
		!strings.Contains(failure.Text, "/login_logs/*/CreatedAt ×5,000, first at /login_logs/0/CreatedAt") {
		t.Errorf("JUnit failure of documented-request %+v, want 5,001 violations and the group", failure)
	}
}

func apiSpec() []byte { return api.OpenAPI }

// TestGroupedSaysWhatItLeavesOut: a list cut at MaxFindings says how many findings its lines do
// not stand for.
func TestGroupedSaysWhatItLeavesOut(t *testing.T) {
	var fs []contract.Finding
	for i := range contract.MaxFindings {
		fs = append(fs, contract.Finding{Severity: contract.SeverityError, In: "body", Pointer: fmt.Sprintf("/x%d", i), Want: "w", Got: "g"})
	}
	fs = append(fs, contract.Finding{Severity: contract.SeverityError, In: "body", More: 4900})
	lines := contract.Grouped(fs)
	if len(lines) != contract.MaxFindings+1 || lines[len(lines)-1] != "… and 4,900 more errors, not listed" {
		t.Errorf("Grouped: %d lines ending %q, want %d ending with the 4,900 left out", len(lines), lines[len(lines)-1], contract.MaxFindings+1)
	}
}

// TestJSONReportReadsBack: the JSON report parses back with each check's status, the tool, an
// RFC 3339 time, and the values found as JSON values, never a string quoting one.
func TestJSONReportReadsBack(t *testing.T) {
	api := fakeapi.New(seed(t))
	bad := strings.Replace(entry, `"183.83.177.227"`, `"not-an-ip"`, 1)
	bad = strings.Replace(bad, `"Country":"India"`, `"Country":{"name":"India"}`, 1)
	api.OK = okBody("application/json", `{"login_logs":[`+bad+`]}`)
	rep := runAgainst(t, api, func(c *contract.Config) { c.UnknownUserID = "" })
	var b bytes.Buffer
	if err := contract.WriteJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Tool    string `json:"tool"`
		Time    string `json:"time"`
		Results []struct {
			Check      string `json:"check"`
			Status     string `json:"status"`
			HTTPStatus int    `json:"http_status"`
			Errors     []struct {
				Pointer string `json:"pointer"`
				Got     any    `json:"got"`
			} `json:"errors"`
			Warnings []struct {
				Pointer string `json:"pointer"`
				Got     any    `json:"got"`
			} `json:"warnings"`
		} `json:"results"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("JSON report does not parse: %v\n%s", err, b.String())
	}
	if !strings.HasPrefix(got.Tool, "loginlogs ") || len(got.Tool) <= len("loginlogs ") {
		t.Errorf("tool %q, want loginlogs and a version", got.Tool)
	}
	if at, err := time.Parse(time.RFC3339, got.Time); err != nil || !at.Equal(now) {
		t.Errorf("time %q (%v), want %s in RFC 3339", got.Time, err, now.Format(time.RFC3339))
	}
	statuses := map[string]string{}
	for _, r := range got.Results {
		statuses[r.Check] = r.Status
	}
	want := map[string]string{"documented-request": "fail", "no-token": "pass", "wrong-token": "pass", "missing-client-id": "pass", "unknown-user": "skip"}
	for check, status := range want {
		if statuses[check] != status {
			t.Errorf("check %s: status %q, want %q", check, statuses[check], status)
		}
	}
	doc := got.Results[0]
	if doc.HTTPStatus != 200 || len(doc.Errors) != 1 || len(doc.Warnings) != 1 {
		t.Fatalf("documented-request: http_status %d, errors %+v, warnings %+v; want 200, one error and one warning", doc.HTTPStatus, doc.Errors, doc.Warnings)
	}
	if v, ok := doc.Errors[0].Got.(map[string]any); !ok || v["name"] != "India" {
		t.Errorf("error at %s: got %#v, want the object {\"name\":\"India\"}", doc.Errors[0].Pointer, doc.Errors[0].Got)
	}
	if doc.Warnings[0].Got != "not-an-ip" {
		t.Errorf("warning at %s: got %#v, want the string not-an-ip quoted once", doc.Warnings[0].Pointer, doc.Warnings[0].Got)
	}
	var back contract.Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("JSON report does not read back into a Report: %v", err)
	}
	if f := back.Results[0].Errors[0]; f.Got != `{"name":"India"}` || !f.Value {
		t.Errorf("read back: error got %q (value %v), want the object's JSON text", f.Got, f.Value)
	}
}

// TestSetupProblemInReports: a refused documented request is "setup" in the JSON report, SETUP
// in the text, a JUnit error of type setup; the checks it skipped say why.
func TestSetupProblemInReports(t *testing.T) {
	rep := runAgainst(t, fakeapi.New(seed(t)), func(c *contract.Config) { c.Token = "not-the-token" })
	var text, js, junit bytes.Buffer
	contract.WriteText(&text, rep, false)
	contract.WriteJSON(&js, rep)
	contract.WriteJUnit(&junit, rep)
	if !strings.Contains(text.String(), "SETUP documented-request") || !strings.Contains(text.String(), "SKIP  unknown-user: "+contract.DependsOnSetup) {
		t.Errorf("text report:\n%s\nwant SETUP documented-request and unknown-user skipped", text.String())
	}
	var got struct {
		Results []struct {
			Status string `json:"status"`
			Setup  string `json:"setup_error"`
		} `json:"results"`
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil || got.Results[0].Status != "setup" || !strings.HasPrefix(got.Results[0].Setup, "set-up problem: ") {
		t.Errorf("JSON report (%v): documented-request %+v, want status setup", err, got.Results)
	}
	var suites report.JUnitSuites
	if err := xml.Unmarshal(junit.Bytes(), &suites); err != nil {
		t.Fatal(err)
	}
	if c := suites.Suites[0].Cases[0]; c.Error == nil || c.Error.Type != "setup" || c.Failure != nil {
		t.Errorf("JUnit documented-request %+v, want an error of type setup", c)
	}
}

// TestCountsOneErrorPerValue: a value that breaks two rules (a CreatedAt of "yesterday" breaks
// the pattern and the date-time format) is one error, also past the violations listed: the
// count is the number of values kin-openapi refuses, however many entries break.
func TestCountsOneErrorPerValue(t *testing.T) {
	o, err := oracle.New(apiSpec())
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", "http://x/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id=x", nil)
	for _, n := range []int{10, 60, 300} {
		body := strings.ReplaceAll(brokenLogs(n), "2024-02-30T10:00:00Z", "yesterday")
		values := map[string]bool{}
		for _, p := range oracle.Pointers(o.Response(req, 200, http.Header{"Content-Type": {"application/json"}}, []byte(body))) {
			values[p] = true
		}
		if len(values) != n+1 { // and the fourth entry's Country
			t.Fatalf("%d entries: kin-openapi refuses %d values, want %d", n, len(values), n+1)
		}
		api := fakeapi.New(seed(t))
		api.OK = okBody("application/json", body)
		rep := runAgainst(t, api, func(cfg *contract.Config) { cfg.Only = []string{"documented-request"} })
		if _, _, _, _, errs, _ := rep.Counts(); errs != len(values) {
			t.Errorf("%d entries: %d errors counted, want %d, one per value kin-openapi refuses", n, errs, len(values))
		}
	}
}
