package contract

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

// ANSI colours of the text report, used only when it goes to a terminal.
const (
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiDim    = "\x1b[2m"
	ansiReset  = "\x1b[0m"
)

// WriteText writes the report for a person: one line per check, its findings below it, and a
// summary. color adds ANSI colours (for terminals only). Control characters of what it quotes
// are escaped (redact.Printable): an answer cannot steer the terminal it is shown on.
func WriteText(w io.Writer, rep Report, color bool) error {
	p := redact.Printable
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + ansiReset
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Contract check of %s against %s\n\n", p(rep.Target), p(rep.Contract))
	for _, res := range rep.Results {
		var mark string
		switch outcome := res.Outcome(); {
		case outcome == OutcomeSkip:
			mark = paint(ansiDim, "SKIP ")
		case outcome == OutcomeFail:
			mark = paint(ansiRed, "FAIL ")
		case res.Refused:
			mark = paint(ansiRed, "SETUP")
		case outcome == OutcomeSetup:
			mark = paint(ansiRed, "ERROR")
		case len(res.Warnings) > 0:
			mark = paint(ansiYellow, "WARN ")
		default:
			mark = paint(ansiGreen, "PASS ")
		}
		fmt.Fprintf(&b, "%s %s", mark, p(res.Check))
		switch {
		case res.Skipped != "":
			fmt.Fprintf(&b, ": %s\n", p(res.Skipped))
			continue
		case res.Status != 0:
			fmt.Fprintf(&b, ": %s", report.StatusText(res.Status))
			if res.ContentType != "" {
				fmt.Fprintf(&b, ", %s", p(res.ContentType))
			}
		}
		b.WriteString("\n")
		if res.Request != "" {
			fmt.Fprintf(&b, "      %s\n", paint(ansiDim, p(res.Request)))
		}
		if res.Source != "" {
			fmt.Fprintf(&b, "      %s\n", paint(ansiDim, "from "+p(res.Source)))
		}
		if res.Setup != "" {
			fmt.Fprintf(&b, "      %s %s\n", paint(ansiRed, "setup  "), p(res.Setup))
		}
		for _, line := range Grouped(res.Errors) {
			fmt.Fprintf(&b, "      %s %s\n", paint(ansiRed, "error  "), p(line))
		}
		for _, line := range Grouped(res.Warnings) {
			fmt.Fprintf(&b, "      %s %s\n", paint(ansiYellow, "warning"), p(line))
		}
	}
	passed, failed, setup, skipped, errs, warns := rep.Counts()
	fmt.Fprintf(&b, "\n%s: %d passed, %d failed", report.Plural(len(rep.Results), "check"), passed, failed)
	if setup > 0 {
		fmt.Fprintf(&b, ", %d could not run", setup)
	}
	if skipped > 0 {
		fmt.Fprintf(&b, ", %d skipped", skipped)
	}
	fmt.Fprintf(&b, "; %s, %s (only errors fail)\n", report.Plural(errs, "error"), report.Plural(warns, "warning"))
	if rep.Inconclusive() {
		fmt.Fprintf(&b, "%s: %s; nothing shows the API kept the contract\n", paint(ansiRed, string(report.Inconclusive)), rep.EmptyReason())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Grouped renders findings one per line, a group (Count) on one: `body /login_logs/*/CreatedAt
// ×4,900, first at /login_logs/17: want …, got …`. A list cut short ends in a line that says how
// many findings it does not show: "… and 4,900 more errors, not listed".
func Grouped(fs []Finding) []string {
	var lines []string
	seen := map[string]bool{}
	shown := 0 // findings the lines stand for
	for _, f := range fs {
		key := f.groupKey()
		switch {
		case f.More > 0:
			continue
		case seen[key]:
			continue
		case f.Count > 1:
			g := f
			g.Pointer = f.Pattern + " ×" + report.Thousands(f.Count) + ", first at " + f.Pointer
			lines = append(lines, g.String())
			shown += f.Count
		default:
			lines = append(lines, f.String())
			shown++
		}
		seen[key] = true
	}
	if hidden := count(fs) - shown; hidden > 0 {
		lines = append(lines, notListed(hidden, fs[0].Severity))
	}
	return lines
}

// notListed says how many findings of severity s a list leaves out.
func notListed(n int, s Severity) string {
	word := "errors"
	if s == SeverityWarning {
		word = "warnings"
	}
	return fmt.Sprintf("… and %s more %s, not listed", report.Thousands(n), word)
}

// jsonReport is the JSON report: the Report, each result with its status, and a summary.
type jsonReport struct {
	Report
	Results []jsonResult `json:"results"`
	Summary jsonSummary  `json:"summary"`
}

// jsonResult is a Result with its Outcome as "status", and findings whose values are JSON.
type jsonResult struct {
	Result
	Status   string        `json:"status"`
	Errors   []jsonFinding `json:"errors"`
	Warnings []jsonFinding `json:"warnings"`
}

// jsonFinding is a Finding whose Got is the JSON value found, when it quotes one (Value): a
// string appears as a JSON string once, an object as an object.
type jsonFinding struct {
	Finding
	Got any `json:"got,omitempty"`
}

type jsonSummary struct {
	Checks   int `json:"checks"`
	Passed   int `json:"passed"`
	Failed   int `json:"failed"`
	Setup    int `json:"setup_errors"`
	Skipped  int `json:"skipped"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	// Inconclusive: no check ran to a verdict (Report.Inconclusive).
	Inconclusive bool `json:"inconclusive"`
	OK           bool `json:"ok"`
}

// WriteJSON writes the report as indented JSON: the tool, the time (RFC 3339), each check with
// its status (pass, fail, skip or setup) and findings, and a summary whose "ok" field is true
// when the command exits 0.
func WriteJSON(w io.Writer, rep Report) error {
	passed, failed, setup, skipped, errs, warns := rep.Counts()
	inconclusive := rep.Inconclusive()
	out := jsonReport{Report: rep, Summary: jsonSummary{
		Checks: len(rep.Results), Passed: passed, Failed: failed, Setup: setup, Skipped: skipped,
		Errors: errs, Warnings: warns, Inconclusive: inconclusive, OK: failed == 0 && setup == 0 && !inconclusive,
	}}
	out.Report.Tool = cmp.Or(rep.Tool, Tool())
	out.Results = make([]jsonResult, len(rep.Results))
	for i, res := range rep.Results {
		out.Results[i] = jsonResult{Result: res, Status: res.Outcome(), Errors: jsonFindings(res.Errors), Warnings: jsonFindings(res.Warnings)}
	}
	return report.WriteJSON(w, out)
}

// jsonFindings renders fs for the JSON report, an empty list rather than null: got is the value
// itself when Got quotes one (JSON text, or a Go-quoted string), else Got's words.
func jsonFindings(fs []Finding) []jsonFinding {
	out := make([]jsonFinding, len(fs))
	for i, f := range fs {
		out[i] = jsonFinding{Finding: f}
		switch s, err := strconv.Unquote(f.Got); {
		case f.Got == "":
		case f.Value && json.Valid([]byte(f.Got)):
			out[i].Got = json.RawMessage(f.Got)
		case f.Value && err == nil:
			out[i].Got = s
		default:
			out[i].Got = f.Got
		}
	}
	return out
}

// WriteJUnit writes the report as JUnit XML: one testcase per check, errors of the contract as
// <failure>, set-up problems as <error>, warnings in <system-out>, and for an inconclusive run
// an InconclusiveCase.
func WriteJUnit(w io.Writer, rep Report) error {
	suite := report.JUnitSuite{Name: "loginlogs contract: " + rep.Target}
	if rep.Inconclusive() {
		suite.Add(report.InconclusiveCase("contract", rep.EmptyReason()))
	}
	var total float64
	for _, res := range rep.Results {
		secs := res.Duration.Seconds()
		total += secs
		c := report.JUnitCase{Name: res.Check, Classname: "contract", Time: report.Seconds(secs)}
		switch res.Outcome() {
		case OutcomeSkip:
			c.Skipped = &report.JUnitProblem{Message: res.Skipped}
		case OutcomeSetup:
			kind := "network"
			switch {
			case res.TooLarge:
				kind = "too-large"
			case res.Undecodable:
				kind = "encoding"
			case res.Refused:
				kind = "setup"
			}
			c.Error = &report.JUnitProblem{Message: res.Setup, Type: kind}
		case OutcomeFail:
			lines := Grouped(res.Errors)
			if res.Setup != "" {
				lines = append(lines, "then: "+res.Setup)
			}
			c.Failure = &report.JUnitProblem{Message: report.Plural(count(res.Errors), "contract violation") + ": " + lines[0],
				Type: "contract", Text: strings.Join(lines, "\n")}
		}
		var out []string
		switch {
		case res.Request != "" && res.Status != 0:
			out = append(out, res.Request+" -> "+report.StatusText(res.Status))
		case res.Request != "":
			out = append(out, res.Request) // a summary of generated requests
		}
		for _, line := range Grouped(res.Warnings) {
			out = append(out, "warning: "+line)
		}
		c.SystemOut = strings.Join(out, "\n")
		suite.Add(c)
	}
	suite.Time = report.Seconds(total)
	return report.WriteJUnit(w, suite)
}
