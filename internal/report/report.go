// Package report holds what the reports of `loginlogs contract` and `loginlogs proxy` share: the
// outcome of a run, JSON and JUnit XML encoding, numbers in words, and private report files.
// Each verb builds its own report from what it judged; what it quotes of an outside answer is
// redacted by the verb and escaped (redact.Printable) by the text writers.
package report

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Outcome is how a whole run of `loginlogs contract` or `loginlogs proxy` ends, as their
// reports say it. A run passes only when it judged something: a green run means the API was
// checked and kept the contract.
type Outcome string

// The outcomes of a run.
const (
	// Pass: something was judged and nothing broke the contract (exit 0).
	Pass Outcome = "PASS"
	// Fail: the contract was broken (exit 1).
	Fail Outcome = "FAIL"
	// Inconclusive: nothing broke the contract, but nothing was judged either (no check ran to
	// a verdict; no answer reached the proxy, or none got a verdict), so nothing shows the
	// contract was kept (exit 3, unless the user allows an empty run).
	Inconclusive Outcome = "INCONCLUSIVE"
)

// OutcomeOf returns the outcome of a run that failed or not and judged judged things: Fail,
// else Inconclusive when it judged nothing and allowEmpty is false, else Pass.
func OutcomeOf(failed bool, judged int, allowEmpty bool) Outcome {
	switch {
	case failed:
		return Fail
	case judged == 0 && !allowEmpty:
		return Inconclusive
	}
	return Pass
}

// WriteJSON writes v as indented JSON, with <, > and & as they are.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
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

// Add appends c to the suite and counts it in Tests, Failures, Errors and Skipped.
func (s *JUnitSuite) Add(c JUnitCase) {
	s.Cases = append(s.Cases, c)
	s.Tests++
	switch {
	case c.Failure != nil:
		s.Failures++
	case c.Error != nil:
		s.Errors++
	case c.Skipped != nil:
		s.Skipped++
	}
}

// InconclusiveCase is the JUnit testcase of an inconclusive run: an <error> saying why nothing
// was judged, so that CI shows the run as not passed.
func InconclusiveCase(classname, why string) JUnitCase {
	return JUnitCase{Name: "the run judged something", Classname: classname,
		Error: &JUnitProblem{Message: string(Inconclusive) + ": " + why, Type: "inconclusive"}}
}

// WriteJUnit writes suite as an indented JUnit XML document.
func WriteJUnit(w io.Writer, suite JUnitSuite) error {
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

// Seconds renders a duration in seconds as JUnit's time attribute: "0.125".
func Seconds(secs float64) string { return strconv.FormatFloat(secs, 'f', 3, 64) }

// Plural renders n (with thousands separators) and word, in the plural unless n is 1: "1 entry",
// "4,900 entries", "2 batches".
func Plural(n int, word string) string {
	switch {
	case n == 1:
		return "1 " + word
	case strings.HasSuffix(word, "ch"), strings.HasSuffix(word, "sh"), strings.HasSuffix(word, "s"), strings.HasSuffix(word, "x"):
		word += "es"
	case strings.HasSuffix(word, "y") && !strings.ContainsAny(word[len(word)-2:len(word)-1], "aeiou"):
		word = word[:len(word)-1] + "ies"
	default:
		word += "s"
	}
	return Thousands(n) + " " + word
}

// StatusText renders an HTTP status: "404 Not Found", or the number alone for a status without
// a name.
func StatusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return strconv.Itoa(code) + " " + t
	}
	return strconv.Itoa(code)
}

// Thousands renders n with commas between groups of three digits: 4,900.
func Thousands[N int | int64](n N) string {
	s := strconv.FormatInt(int64(n), 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Pattern returns pointer with every segment that is an array index (digits only) written as
// *: /login_logs/3/CreatedAt becomes /login_logs/*/CreatedAt, and a member named with digits only
// too. What is no JSON pointer (a header's name) is returned as it is.
func Pattern(pointer string) string {
	if !strings.HasPrefix(pointer, "/") || !strings.ContainsAny(pointer, "0123456789") {
		return pointer
	}
	segs := strings.Split(pointer, "/")
	for i, s := range segs {
		if s != "" && strings.Trim(s, "0123456789") == "" {
			segs[i] = "*"
		}
	}
	return strings.Join(segs, "/")
}

// Counts renders m as "key ×n" items sorted by key: "200 ×3, 404 ×1".
func Counts(m map[string]int) string {
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s ×%d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
