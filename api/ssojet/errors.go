package ssojet

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	gen "github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/redact"
)

// Bounds of what an error keeps of an answer.
const (
	// maxErrorBody is how much of a refusal's body is read.
	maxErrorBody = 64 << 10
	// maxExcerpt is the longest excerpt of a body that is not SSOJet's error JSON, in bytes.
	maxExcerpt = 200
	// maxField is the longest error field kept, in bytes.
	maxField = 1000
)

// APIError is an answer other than the login logs: a status the API refused the request with,
// and what it said. Every text in it comes from the answer, bounded, with the token redacted
// and control characters escaped, so it is safe to print. Match it with errors.As.
type APIError struct {
	// StatusCode is the HTTP status, e.g. 404.
	StatusCode int
	// ErrorName is SSOJet's `error`, a short machine-readable name such as "access_denied"
	// (empty when the body is not SSOJet's error JSON).
	ErrorName string
	// ErrorCode is SSOJet's `error_code` as text, e.g. "1003": SSOJet sends it as an integer or
	// as a string, and either is accepted.
	ErrorCode string
	// ErrorDescription is SSOJet's `error_description`, what went wrong in words.
	ErrorDescription string
	// Body is the start of a body that is not SSOJet's error JSON (a proxy's HTML page, say):
	// at most 200 bytes, white space collapsed; empty otherwise.
	Body string
	// RetryAfter is the wait a 429 or 503 asked for in Retry-After (0 when it gave none).
	RetryAfter time.Duration
	// Location is where a redirect points.
	Location string
}

// Error renders the status and SSOJet's fields on one line, for example
// `ssojet: 404 Not Found: resource_not_found (801): User not found.`
func (e *APIError) Error() string { return "ssojet: " + e.Summary() }

// Summary is Error without its "ssojet: " prefix, for a program that names itself:
// `404 Not Found: resource_not_found (801): User not found.`
func (e *APIError) Summary() string {
	var b strings.Builder
	b.WriteString(statusText(e.StatusCode))
	if e.Location != "" {
		b.WriteString(" redirect to " + e.Location)
	}
	if e.ErrorName != "" {
		b.WriteString(": " + e.ErrorName)
	}
	if e.ErrorCode != "" {
		b.WriteString(" (" + e.ErrorCode + ")")
	}
	if e.ErrorDescription != "" {
		b.WriteString(": " + e.ErrorDescription)
	}
	switch {
	case e.Body != "":
		b.WriteString(": not SSOJet's error JSON: " + e.Body)
	case e.ErrorName == "" && e.ErrorCode == "" && e.ErrorDescription == "":
		b.WriteString(" (empty body)")
	}
	if e.RetryAfter > 0 {
		b.WriteString(" (retry after " + e.RetryAfter.String() + ")")
	}
	return b.String()
}

// IsNotFound reports whether err is an *APIError with status 404: an unknown user.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsUnauthorized reports whether err is an *APIError with status 401: a missing, wrong or
// expired token.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsForbidden reports whether err is an *APIError with status 403: a token of another client
// than client_id.
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsRateLimited reports whether err is an *APIError with status 429, after the retries.
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

func hasStatus(err error, status int) bool {
	var e *APIError
	return errors.As(err, &e) && e.StatusCode == status
}

// ParseAPIError renders an answer other than the one asked for, its status and headers in resp
// and body the start of its body, as an *APIError: SSOJet's error fields, whichever JSON types
// they came in, or the start of a body that is not SSOJet's error JSON. Every text is bounded
// and its control characters escaped; secrets are the caller's to redact. For answers the
// Client does not read itself, such as the token endpoint's or a contract check's.
func ParseAPIError(resp *http.Response, body []byte) *APIError {
	return parseAPIError(resp, body, redact.New(), time.Now())
}

// parseAPIError is ParseAPIError redacting red's secrets, reading a Retry-After date against now.
func parseAPIError(resp *http.Response, body []byte, red *redact.Redactor, now time.Time) *APIError {
	field := func(s string) string { return redact.Printable(shorten(red.String(s), maxField)) }
	e := &APIError{StatusCode: resp.StatusCode, Location: field(resp.Header.Get("Location"))}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		e.RetryAfter, _ = retryAfter(resp.Header, now)
	}
	var doc gen.Error
	if json.Unmarshal(body, &doc) == nil {
		e.ErrorName = field(unionText(doc.Error.MarshalJSON()))
		e.ErrorCode = field(unionText(doc.ErrorCode.MarshalJSON()))
		e.ErrorDescription = field(doc.ErrorDescription)
	}
	if e.ErrorName == "" && e.ErrorCode == "" && e.ErrorDescription == "" {
		e.Body = excerpt(red.Bytes(body))
	}
	return e
}

// unionText renders a string-or-integer field of SSOJet's error as text; anything else (an
// object, null, absent) is empty.
func unionText(raw []byte, err error) string {
	if err != nil || len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// excerpt is the start of a body as one quoted line: white space collapsed, control characters
// escaped, at most maxExcerpt bytes of text.
func excerpt(body []byte) string {
	text := strings.Join(strings.Fields(string(bytes.ToValidUTF8(body, []byte("\uFFFD")))), " ")
	if text == "" {
		return ""
	}
	return `"` + redact.Printable(shorten(text, maxExcerpt)) + `"`
}

// shorten cuts s to at most n bytes on a rune boundary, marking the cut with "…".
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// statusText is "404 Not Found", or the number alone for a status without a name.
func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return strconv.Itoa(code) + " " + t
	}
	return strconv.Itoa(code)
}
