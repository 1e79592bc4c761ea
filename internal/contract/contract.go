// Package contract checks that an implementation of SSOJet's login-logs endpoint answers as the
// contract (api/openapi.yaml, or a candidate contract) says: it runs a suite of named checks
// against a live API through the generated SDK, or replays recorded exchanges offline, validates
// every answer with kin-openapi (package validate) and reports errors (what the contract
// forbids) apart from warnings (what it allows but smells of drift or bad data, decision D8).
//
// Answers of any size are judged as they are read, in bounded memory (validate's ResponseCheck);
// one beyond the limits (Config.MaxBody, MaxEntry, MaxRest) is too large to check: no verdict.
// Reports list at most MaxFindings errors and warnings per check, and count the rest.
package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/report"
)

// Severity says whether a finding fails the suite.
type Severity string

// The two severities: only errors fail a check.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one thing a check noticed about an answer.
type Finding struct {
	Severity Severity `json:"severity"`
	// In is where: "status", "header", "body", or "request" (a failing generated request).
	In string `json:"in"`
	// Pointer is the RFC 6901 JSON pointer of the value in the body ("" for the whole body or
	// outside it); for a header, the header's name.
	Pointer string `json:"pointer,omitempty"`
	Want    string `json:"want,omitempty"`
	Got     string `json:"got,omitempty"`
	// Message says it in words, or gives a hint about what the answer looks like.
	Message string `json:"message,omitempty"`
	// More is set on the last finding of a list cut at MaxFindings: the number of findings of
	// its severity it stands for, left out of the list.
	More int `json:"more,omitempty"`
	// Count, when above 1, is set on the first finding of its kind (In, Want) at this Pattern:
	// how many the answer has, listed or not. Its Want and Got stand for all.
	Count int `json:"count,omitempty"`
	// Pattern is Pointer with its array indexes replaced by *, set with Count.
	Pattern string `json:"pattern,omitempty"`
	// Value says Got quotes the value found, as JSON (a string in quotes, an object as JSON):
	// the JSON report carries it as that value rather than as a string quoting it.
	Value bool `json:"-"`
}

// UnmarshalJSON reads a finding of the JSON report back. Its got is a string, or the JSON value
// found (a number, an object…), which becomes Got as JSON text with Value set.
func (f *Finding) UnmarshalJSON(b []byte) error {
	type plain Finding // without this method
	var aux struct {
		plain
		Got json.RawMessage `json:"got"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*f = Finding(aux.plain) // its Got, shadowed by aux.Got, is empty
	switch {
	case len(aux.Got) == 0:
	case aux.Got[0] == '"':
		if err := json.Unmarshal(aux.Got, &f.Got); err != nil {
			return err
		}
	default:
		var compact bytes.Buffer
		if err := json.Compact(&compact, aux.Got); err != nil {
			return err
		}
		f.Got, f.Value = compact.String(), true
	}
	return nil
}

// groupKey says which findings are grouped together in a report: the same severity and kind
// at the same pointer up to array indexes.
func (f Finding) groupKey() string {
	return string(f.Severity) + "\x00" + f.In + "\x00" + report.Pattern(f.Pointer) + "\x00" + f.Want + "\x00" + f.Message
}

// count returns the number of findings fs stands for, those left out of it included.
func count(fs []Finding) int {
	n := 0
	for _, f := range fs {
		n += max(f.More, 1)
	}
	return n
}

// String renders the finding on one line, without its severity.
func (f Finding) String() string {
	where := f.In
	if f.Pointer != "" {
		where += " " + f.Pointer
	}
	var parts []string
	if f.Want != "" || f.Got != "" {
		parts = append(parts, fmt.Sprintf("want %s, got %s", f.Want, f.Got))
	}
	if f.Message != "" {
		parts = append(parts, f.Message)
	}
	return where + ": " + strings.Join(parts, "; ")
}

// Result is the outcome of one check.
type Result struct {
	Check       string `json:"check"`
	Description string `json:"description"`
	// Request is the method and URL called (or replayed), without credentials.
	Request string `json:"request,omitempty"`
	// Status is the HTTP status that came back, 0 if none did. (The JSON report's "status" is
	// the check's Outcome.)
	Status      int    `json:"http_status,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	// Source is the fixture file of a replayed exchange.
	Source   string    `json:"source,omitempty"`
	Errors   []Finding `json:"errors"`
	Warnings []Finding `json:"warnings"`
	// Setup says why the check could not run or its answer could not be judged: a network
	// problem, an answer too large to check (TooLarge), or the API refusing the documented
	// request (Refused). Without errors in any check, the command exits 2.
	Setup string `json:"setup_error,omitempty"`
	// TooLarge says Setup is an answer larger than the checker reads or holds (a *TooLargeError,
	// or headers over the transport's limit).
	TooLarge bool `json:"too_large,omitempty"`
	// Malformed says Setup is an answer that does not read as HTTP (ssojet.MalformedAnswerError):
	// the API was reached.
	Malformed bool `json:"malformed,omitempty"`
	// Undecodable says Setup is an answer in a content coding the checker does not decode (not
	// gzip, deflate or br), or that does not decode: what is inside cannot be judged.
	Undecodable bool `json:"undecodable,omitempty"`
	// Refused says Setup is the API refusing the documented request with a well-formed error
	// (401, 403 or 404), or a 404 that is not the API's: the configuration is wrong, not the API.
	Refused bool `json:"refused,omitempty"`
	// Skipped says why a check did not run (e.g. unknown-user without --unknown-user-id).
	Skipped  string        `json:"skipped,omitempty"`
	Duration time.Duration `json:"-"`
}

// The outcomes of a check, as the JSON report's status says them.
const (
	OutcomePass  = "pass"
	OutcomeFail  = "fail"
	OutcomeSkip  = "skip"
	OutcomeSetup = "setup"
)

// Outcome says how the check ended: OutcomeSkip, OutcomeFail (an error of the contract),
// OutcomeSetup (Setup, without errors) or OutcomePass.
func (r Result) Outcome() string {
	switch {
	case r.Skipped != "":
		return OutcomeSkip
	case len(r.Errors) > 0:
		return OutcomeFail
	case r.Setup != "":
		return OutcomeSetup
	}
	return OutcomePass
}

// Passed reports whether the check ran and found no error.
func (r Result) Passed() bool { return r.Skipped == "" && r.Setup == "" && len(r.Errors) == 0 }

func (r *Result) add(f Finding) {
	if f.Severity == SeverityWarning {
		r.Warnings = append(r.Warnings, f)
		return
	}
	f.Severity = SeverityError
	r.Errors = append(r.Errors, f)
}

// Report is the outcome of a suite.
type Report struct {
	// Target is the base URL checked, or "recorded responses" offline.
	Target string `json:"target"`
	// Contract is the title and version of the contract checked against.
	Contract string `json:"contract"`
	// Tool is the name and version of the checker (Tool()), e.g. "loginlogs v1.2.0".
	Tool string `json:"tool"`
	// Time is when the suite started, by the checker's clock (Config.Now).
	Time    time.Time `json:"time"`
	Results []Result  `json:"results"`
	// AllowEmpty says a run in which no check ran to a verdict passes (--allow-empty) instead
	// of being inconclusive.
	AllowEmpty bool `json:"allow_empty"`
}

// Inconclusive reports whether no check passed, failed or could not run (report.Inconclusive),
// unless AllowEmpty.
func (r Report) Inconclusive() bool {
	passed, failed, setup, _, _, _ := r.Counts()
	return setup == 0 && report.OutcomeOf(failed > 0, passed+failed, r.AllowEmpty) == report.Inconclusive
}

// EmptyReason says why no check ran to a verdict.
func (r Report) EmptyReason() string {
	_, _, _, skipped, _, _ := r.Counts()
	return fmt.Sprintf("no check ran to a verdict (%d of %d skipped)", skipped, len(r.Results))
}

// Counts returns how many checks passed, failed (errors), could not run (setup) and were
// skipped, by their Outcome, and the total numbers of errors and warnings.
func (r Report) Counts() (passed, failed, setup, skipped, errs, warns int) {
	for _, res := range r.Results {
		switch res.Outcome() {
		case OutcomeSkip:
			skipped++
		case OutcomeFail:
			failed++
		case OutcomeSetup:
			setup++
		default:
			passed++
		}
		errs += count(res.Errors)
		warns += count(res.Warnings)
	}
	return
}

// Check is one named check of the suite: a request and the status the contract documents for it.
type Check struct {
	Name        string
	Description string
	// WantStatus is the status the contract documents for this request; 0 accepts any status
	// the contract documents (used for recorded responses without a named check).
	WantStatus int
	// ExpectLogs says the user should have login logs: an empty list is a warning.
	ExpectLogs bool
	// recorded, when set, is the check's own rule on a recorded exchange, beside the contract's:
	// the rules of generated requests that a fixture still shows (see GeneratedChecks).
	recorded func(ex *Exchange) []Finding
}

// call is what one check sends.
type call struct {
	userID   string
	clientID string // "" means the query parameter is left out
	token    string // "" means no Authorization header
}

// WrongToken is the bearer token the wrong-token check sends: well-formed, never valid.
const WrongToken = "loginlogs-contract-check.not-a-valid-token"

// Checks returns the suite, in the order it runs: a copy, so no caller changes what Run sends.
func Checks() []Check { return slices.Clone(checks) }

// checks is the suite, in the order it runs; call says what each sends.
var checks = []Check{
	{Name: documentedRequest, Description: "the documented request (bearer token, client_id, Accept, accept-language, user-agent) answers 200 with a contract-valid body",
		WantStatus: http.StatusOK, ExpectLogs: true},
	{Name: "no-token", Description: "a request without Authorization answers 401 with SSOJet's error body", WantStatus: http.StatusUnauthorized},
	{Name: "wrong-token", Description: "a request with a bearer token that is not valid answers 401 with SSOJet's error body", WantStatus: http.StatusUnauthorized},
	{Name: "missing-client-id", Description: "a request without the client_id query parameter answers 400 with SSOJet's error body", WantStatus: http.StatusBadRequest},
	{Name: "unknown-user", Description: "a request for a user that does not exist answers 404 with SSOJet's error body", WantStatus: http.StatusNotFound},
}

// call turns the suite's configuration into the request of c, one of checks: the documented
// request, changed as the check says. why says why c cannot run, when it cannot.
func (c Check) call(cfg Config) (k call, why string) {
	k = call{userID: cfg.UserID, clientID: cfg.ClientID, token: cfg.Token}
	switch c.Name {
	case "no-token":
		k.token = ""
	case "wrong-token":
		k.token = WrongToken
	case "missing-client-id":
		k.clientID = ""
	case "unknown-user":
		if cfg.UnknownUserID == "" {
			return call{}, "no --unknown-user-id given"
		}
		k.userID = cfg.UnknownUserID
	}
	return k, ""
}

// RecordedCheck is the check of a recorded response that names no check: any status the contract
// documents is accepted, and the body must match that status's schema.
var RecordedCheck = Check{
	Name:        "recorded-response",
	Description: "a recorded response matches what the contract documents for its status",
}

// CheckNamed returns the check called name.
func CheckNamed(name string) (Check, bool) {
	if name == RecordedCheck.Name {
		return RecordedCheck, true
	}
	for _, c := range checks {
		if c.Name == name {
			return c, true
		}
	}
	return generatedNamed(name)
}

// CheckNames lists the names of the suite's checks, then those of the generated requests.
func CheckNames() []string {
	var names []string
	for _, c := range append(Checks(), generatedChecks...) {
		names = append(names, c.Name)
	}
	return names
}

// ValidateCheckNames returns an error naming the first of names that is not one of CheckNames,
// with the list of those that are (--only, --skip).
func ValidateCheckNames(names []string) error {
	known := CheckNames()
	for _, name := range names {
		if !slices.Contains(known, name) {
			return fmt.Errorf("unknown check %q: want one of %s", name, strings.Join(known, ", "))
		}
	}
	return nil
}
