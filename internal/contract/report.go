package contract

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ssojet-tools/loginlogs/internal/redact"
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
		switch {
		case res.Skipped != "":
			mark = paint(ansiDim, "SKIP ")
		case res.Setup != "":
			mark = paint(ansiRed, "ERROR")
		case len(res.Errors) > 0:
			mark = paint(ansiRed, "FAIL ")
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
			fmt.Fprintf(&b, ": %s", statusText(res.Status))
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
		for _, f := range res.Errors {
			fmt.Fprintf(&b, "      %s %s\n", paint(ansiRed, "error  "), p(f.String()))
		}
		for _, f := range res.Warnings {
			fmt.Fprintf(&b, "      %s %s\n", paint(ansiYellow, "warning"), p(f.String()))
		}
	}
	passed, failed, setup, skipped, errs, warns := rep.Counts()
	fmt.Fprintf(&b, "\n%d checks: %d passed, %d failed", len(rep.Results), passed, failed)
	if setup > 0 {
		fmt.Fprintf(&b, ", %d could not run", setup)
	}
	if skipped > 0 {
		fmt.Fprintf(&b, ", %d skipped", skipped)
	}
	fmt.Fprintf(&b, "; %s, %s (only errors fail)\n", plural(errs, "error"), plural(warns, "warning"))
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// jsonReport is the JSON report: the Report plus its summary.
type jsonReport struct {
	Report
	Summary jsonSummary `json:"summary"`
}

type jsonSummary struct {
	Checks   int  `json:"checks"`
	Passed   int  `json:"passed"`
	Failed   int  `json:"failed"`
	Setup    int  `json:"setup_errors"`
	Skipped  int  `json:"skipped"`
	Errors   int  `json:"errors"`
	Warnings int  `json:"warnings"`
	OK       bool `json:"ok"`
}

// WriteJSON writes the report as indented JSON with a summary; the "ok" field is true when the
// command exits 0.
func WriteJSON(w io.Writer, rep Report) error {
	passed, failed, setup, skipped, errs, warns := rep.Counts()
	out := jsonReport{Report: rep, Summary: jsonSummary{
		Checks: len(rep.Results), Passed: passed, Failed: failed, Setup: setup, Skipped: skipped,
		Errors: errs, Warnings: warns, OK: failed == 0 && setup == 0,
	}}
	for i := range out.Results {
		// Empty lists, not null, so consumers can iterate without a check.
		if out.Results[i].Errors == nil {
			out.Results[i].Errors = []Finding{}
		}
		if out.Results[i].Warnings == nil {
			out.Results[i].Warnings = []Finding{}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// JUnit XML, as CI systems (GitHub Actions reporters, GitLab, Jenkins) read it.

// JUnitSuites is the root element of the JUnit report.
type JUnitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite is the one test suite of a run.
type JUnitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []JUnitCase `xml:"testcase"`
}

// JUnitCase is one check.
type JUnitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *JUnitProblem `xml:"failure,omitempty"`
	Error     *JUnitProblem `xml:"error,omitempty"`
	Skipped   *JUnitProblem `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

// JUnitProblem is a failure (contract violated), an error (network, or an answer too large to
// check) or a skip.
type JUnitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the report as JUnit XML: one testsuite, one testcase per check, errors of the
// contract as <failure>, network problems and answers too large to check as <error>, warnings in
// <system-out>.
func WriteJUnit(w io.Writer, rep Report) error {
	suite := JUnitSuite{Name: "loginlogs contract: " + rep.Target}
	var total float64
	for _, res := range rep.Results {
		secs := res.Duration.Seconds()
		total += secs
		c := JUnitCase{Name: res.Check, Classname: "contract", Time: strconv.FormatFloat(secs, 'f', 3, 64)}
		switch {
		case res.Skipped != "":
			suite.Skipped++
			c.Skipped = &JUnitProblem{Message: res.Skipped}
		case res.Setup != "":
			suite.Errors++
			kind := "network"
			if res.TooLarge {
				kind = "too-large"
			}
			c.Error = &JUnitProblem{Message: res.Setup, Type: kind, Text: findingLines(res.Errors)}
		case len(res.Errors) > 0:
			suite.Failures++
			c.Failure = &JUnitProblem{Message: plural(count(res.Errors), "contract violation") + ": " + res.Errors[0].String(),
				Type: "contract", Text: findingLines(res.Errors)}
		}
		var out []string
		if res.Request != "" {
			out = append(out, res.Request+" -> "+statusText(res.Status))
		}
		for _, f := range res.Warnings {
			out = append(out, "warning: "+f.String())
		}
		c.SystemOut = strings.Join(out, "\n")
		suite.Cases = append(suite.Cases, c)
	}
	suite.Tests = len(suite.Cases)
	suite.Time = strconv.FormatFloat(total, 'f', 3, 64)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(JUnitSuites{Suites: []JUnitSuite{suite}}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// findingLines renders findings one per line.
func findingLines(fs []Finding) string {
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}
