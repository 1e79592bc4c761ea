package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/netip"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"

	"github.com/ssojet-tools/loginlogs/internal/route"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// OperationID is the contract's operation every check calls.
const OperationID = "listUserLoginLogs"

// FutureSkew is how far ahead of the checker's clock a CreatedAt may be before it is reported as
// being in the future: clocks of two machines never agree exactly.
const FutureSkew = 5 * time.Minute

// shortGot is how many characters of an unexpected value a report quotes.
const shortGot = 60

// Inspector judges one exchange against the contract: the validation of kin-openapi (errors)
// plus the drift heuristics of decision D8 (warnings).
type Inspector struct {
	v     *validate.Validator
	route *routers.Route
	now   func() time.Time
}

// NewInspector returns an Inspector checking against v's contract; now is the clock timestamps in
// the future are judged by (time.Now if nil).
func NewInspector(v *validate.Validator, now func() time.Time) (*Inspector, error) {
	rt, ok := route.New(v.Doc()).Operation(OperationID)
	if !ok {
		return nil, fmt.Errorf("the contract declares no operation %q", OperationID)
	}
	if now == nil {
		now = time.Now
	}
	return &Inspector{v: v, route: rt, now: now}, nil
}

// documentedStatuses lists the statuses the operation documents, ascending.
func (in *Inspector) documentedStatuses() []string {
	var out []string
	for code := range in.route.Operation.Responses.Map() {
		out = append(out, code)
	}
	sort.Strings(out)
	return out
}

// Inspect returns what check finds wrong or suspicious in ex.
func (in *Inspector) Inspect(ctx context.Context, check Check, ex *Exchange) []Finding {
	var out []Finding
	add := func(f Finding) { out = append(out, f) }
	status := ex.Response.Status
	documented := in.route.Operation.Responses.Status(status) != nil

	// The status first: what the check expects, then whether the contract knows it at all.
	if status >= 300 && status < 400 {
		loc := ex.Response.Header.Get("Location")
		if loc == "" {
			loc = "(no Location header)"
		}
		add(Finding{In: "status", Want: wantStatus(check, in), Got: fmt.Sprintf("%d redirect to %s", status, validate.Shorten(loc, 120)),
			Message: "redirects are not followed: the contract documents no 3xx; point --base-url at the final address"})
		return out
	}
	if check.WantStatus != 0 && status != check.WantStatus {
		f := Finding{In: "status", Want: wantStatus(check, in), Got: statusText(status)}
		if !documented {
			f.Message = "status not documented by the contract"
		}
		add(f)
	} else if !documented {
		add(Finding{In: "status", Want: wantStatus(check, in), Got: statusText(status), Message: "status not documented by the contract"})
	}
	if !documented {
		if desc := describeBody(ex.Response.Header.Get("Content-Type"), ex.Body()); desc != "" {
			out[len(out)-1].Message += "; " + desc
		}
		return out
	}

	if ex.Response.Truncated {
		add(Finding{In: "body", Want: fmt.Sprintf("at most %d bytes (--max-body)", ex.Response.MaxBody), Got: "a longer body",
			Message: "stopped reading; the body was not validated"})
		return out
	}

	body := ex.Body()
	ct := ex.Response.Header.Get("Content-Type")
	mediaType, _, err := mime.ParseMediaType(ct)
	if err != nil || mediaType != "application/json" {
		f := Finding{In: "header", Pointer: "Content-Type", Want: "application/json", Got: strconv.Quote(validate.Shorten(ct, shortGot))}
		if ct == "" {
			f.Got = "no Content-Type"
		}
		add(f)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		add(Finding{In: "body", Want: "a JSON document (the contract's schema for " + strconv.Itoa(status) + ")", Got: "an empty body"})
		return out
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		add(Finding{In: "body", Want: "JSON", Got: jsonErrorText(err, body), Message: describeBody(ct, body)})
		return out
	}
	if dec.More() {
		add(Finding{In: "body", Want: "one JSON document", Got: "more data after the first JSON value"})
		return out
	}

	// kin-openapi on status, headers and body. The Content-Type was judged above, so the body is
	// validated as the JSON it is even when it came labelled otherwise.
	header := ex.Response.Header.Clone()
	if header == nil {
		header = http.Header{}
	}
	header.Set("Content-Type", "application/json")
	req, _ := http.NewRequestWithContext(ctx, ex.Request.Method, ex.Request.URL, nil)
	if req == nil {
		req, _ = http.NewRequestWithContext(ctx, in.route.Method, "http://invalid"+route.BasePath, nil)
	}
	params := map[string]string{"userid": userIDOf(ex.Request.URL)}
	verdict := in.v.Response(ctx, validate.Exchange{Request: req, Route: in.route, PathParams: params, Status: status, Header: header}, body)
	for _, v := range verdict.Violations {
		if v.In == "status" {
			continue // judged above
		}
		add(fromViolation(v))
	}

	if status == http.StatusOK {
		if obj, ok := doc.(map[string]any); ok {
			if _, has := obj["login_logs"]; !has {
				add(shapeHint(obj))
			}
		}
	}

	// Warnings (D8): allowed by the contract, but smelling of drift or bad data.
	if schema := in.bodySchema(status); schema != nil {
		unknownFields(schema, doc, "", &out)
	}
	if status == http.StatusOK {
		out = append(out, in.logWarnings(check, doc)...)
	}
	return out
}

func wantStatus(check Check, in *Inspector) string {
	if check.WantStatus != 0 {
		return statusText(check.WantStatus)
	}
	return "a documented status (" + strings.Join(in.documentedStatuses(), ", ") + ")"
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return strconv.Itoa(code)
}

// fromViolation turns a kin-openapi violation into an error finding, saying "absent" for a
// missing required property instead of quoting the whole object that lacks it.
func fromViolation(v validate.Violation) Finding {
	f := Finding{Severity: SeverityError, In: v.In, Pointer: v.Pointer, Want: v.Want, Got: v.Got}
	if name, ok := strings.CutPrefix(v.Want, "property "); ok && strings.HasSuffix(name, " is missing") {
		f.Want = "required property " + strings.TrimSuffix(name, " is missing")
		f.Got = "absent"
	}
	if f.Want == "" && f.Got == "" {
		f.Message = validate.Shorten(v.Message, 200)
	}
	return f
}

// shapeHint explains a 200 body without login_logs, naming SSOJet's paginated shape when the body
// has its keys.
func shapeHint(obj map[string]any) Finding {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	f := Finding{In: "body", Want: `the contract's shape {"login_logs":[…]}`, Got: "an object with keys " + validate.Shorten(strings.Join(keys, ", "), shortGot)}
	if len(keys) == 0 {
		f.Got = "an empty object"
	}
	_, audit := obj["audit_logs"]
	_, cursor := obj["next_cursor"]
	if audit || cursor {
		f.Message = "body has audit_logs/next_cursor: looks like SSOJet's paginated snake_case shape, not the contract's"
	}
	return f
}

var htmlTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// describeBody says in a few words what a body that is not the expected JSON looks like.
func describeBody(contentType string, body []byte) string {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return "empty body"
	}
	lower := bytes.ToLower(trimmed[:min(len(trimmed), 512)])
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) || strings.Contains(contentType, "html") {
		if m := htmlTitle.FindSubmatch(trimmed); m != nil {
			return fmt.Sprintf("looks like an HTML page titled %q (a proxy or gateway answering?)", validate.Shorten(strings.TrimSpace(string(m[1])), shortGot))
		}
		return "looks like an HTML page (a proxy or gateway answering?)"
	}
	return "body starts " + strconv.Quote(validate.Shorten(string(trimmed), shortGot))
}

// jsonErrorText says why body is not JSON, pointing out a body cut short.
func jsonErrorText(err error, body []byte) string {
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Sprintf("JSON cut short after %d bytes (truncated body)", len(body))
	case errors.As(err, &syn):
		return fmt.Sprintf("not JSON: %v at byte %d", syn, syn.Offset)
	}
	return "not JSON: " + err.Error()
}

// bodySchema returns the JSON schema of status's documented body, nil if none.
func (in *Inspector) bodySchema(status int) *openapi3.Schema {
	resp := in.route.Operation.Responses.Status(status)
	if resp == nil || resp.Value == nil {
		return nil
	}
	mt := resp.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// unknownFields warns about properties the schema does not declare, hinting at snake_case
// spellings of declared ones (ip_address for IpAddress).
func unknownFields(s *openapi3.Schema, v any, ptr string, out *[]Finding) {
	switch val := v.(type) {
	case map[string]any:
		if len(s.Properties) == 0 {
			return
		}
		keys := make([]string, 0, len(val))
		for k := range val {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := ptr + "/" + escapePointer(k)
			prop, ok := s.Properties[k]
			if !ok {
				f := Finding{Severity: SeverityWarning, In: "body", Pointer: p, Want: "only the contract's properties", Got: "unknown property " + strconv.Quote(k)}
				if known := sameNameAs(k, s.Properties); known != "" {
					f.Message = fmt.Sprintf("looks like a snake_case spelling of %s", known)
				}
				*out = append(*out, f)
				continue
			}
			if prop.Value != nil {
				unknownFields(prop.Value, val[k], p, out)
			}
		}
	case []any:
		if s.Items == nil || s.Items.Value == nil {
			return
		}
		for i, item := range val {
			unknownFields(s.Items.Value, item, ptr+"/"+strconv.Itoa(i), out)
		}
	}
}

func sameNameAs(k string, props openapi3.Schemas) string {
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }
	for name := range props {
		if name != k && norm(name) == norm(k) {
			return name
		}
	}
	return ""
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// logWarnings applies D8's data checks to a 200 body: IpAddress is an IP, CreatedAt ascends and
// is not in the future, and the list is not empty for a user that should have logs.
func (in *Inspector) logWarnings(check Check, doc any) []Finding {
	obj, _ := doc.(map[string]any)
	logs, ok := obj["login_logs"].([]any)
	if !ok {
		return nil
	}
	var out []Finding
	warn := func(ptr, want, got, msg string) {
		out = append(out, Finding{Severity: SeverityWarning, In: "body", Pointer: ptr, Want: want, Got: got, Message: msg})
	}
	if len(logs) == 0 && check.ExpectLogs {
		warn("/login_logs", "at least one login log for a user that signs in", "an empty list", "check --user-id, or the API lost the user's history")
	}
	now := in.now()
	var prev time.Time
	prevPtr := ""
	for i, item := range logs {
		entry, ok := item.(map[string]any)
		if !ok {
			continue
		}
		base := "/login_logs/" + strconv.Itoa(i)
		if ip, ok := entry["IpAddress"].(string); ok {
			if _, err := netip.ParseAddr(ip); err != nil {
				warn(base+"/IpAddress", "an IPv4 or IPv6 address", strconv.Quote(validate.Shorten(ip, shortGot)), "")
			}
		}
		s, ok := entry["CreatedAt"].(string)
		if !ok {
			continue
		}
		at, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			continue // an error of the contract, reported by kin-openapi
		}
		if at.After(now.Add(FutureSkew)) {
			warn(base+"/CreatedAt", "not in the future (checker's clock "+now.UTC().Format(time.RFC3339)+")", strconv.Quote(s), "")
		}
		if prevPtr != "" && at.Before(prev) {
			warn(base+"/CreatedAt", "oldest first: not before "+prevPtr+" ("+prev.UTC().Format(time.RFC3339Nano)+")", strconv.Quote(s), "")
		}
		prev, prevPtr = at, base+"/CreatedAt"
	}
	return out
}

// userIDOf returns the user id segment of a login-logs URL, "" if there is none.
func userIDOf(rawURL string) string {
	i := strings.Index(rawURL, "/users/")
	if i < 0 {
		return ""
	}
	rest := rawURL[i+len("/users/"):]
	seg, _, _ := strings.Cut(rest, "/")
	return seg
}
