package contract

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"

	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
	"github.com/ssojet-tools/loginlogs/internal/report"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// OperationID is the contract's operation every check calls.
const OperationID = "listUserLoginLogs"

// FutureSkew is how far ahead of the checker's clock a CreatedAt may be before it is reported as
// being in the future: clocks of two machines never agree exactly.
const FutureSkew = 5 * time.Minute

// What the checker holds in memory of one answer; beyond them an answer is too large to check.
const (
	// MaxEntry is the largest element of the streamed array (login_logs) judged: a login log is
	// about 200 bytes.
	MaxEntry = 1 << 20
	// MaxRest is the largest rest of a streamed body judged: the body outside its streamed
	// array (the envelope of a 200). The worst case, 1 MiB of tiny members, peaks at 40 MB.
	MaxRest = 1 << 20
	// MaxWhole is the largest body judged whole: an error body, or a body whose schema the
	// contract does not let the checker split (uniqueItems or maxItems on its array, allOf on
	// its envelope…). kin-openapi decodes it at once: 64 MiB of login logs peak under 1 GB.
	MaxWhole = validate.DefaultWhole
	// MaxFindings is how many errors, and how many warnings, a check lists; one more finding
	// counts those left out.
	MaxFindings = 100
)

// shortGot is how many characters of an unexpected value a report quotes.
const shortGot = 60

// headSize is how much of a body the inspector keeps to describe one that is not JSON.
const headSize = 64 << 10

// Inspector judges one exchange against the contract: kin-openapi's validation (errors) plus the
// drift heuristics of decision D8 (warnings), reading a body once, as it arrives.
type Inspector struct {
	v     *validate.Validator
	route *routers.Route
	now   func() time.Time
}

// NewInspector returns an Inspector checking against v's contract; now is the clock timestamps in
// the future are judged by (time.Now if nil). The contract must declare OperationID.
func NewInspector(v *validate.Validator, now func() time.Time) (*Inspector, error) {
	rt, ok := validate.Operation(v.Doc(), OperationID)
	if !ok {
		return nil, fmt.Errorf("the contract declares no operation with operationId %s, the operation every check calls", OperationID)
	}
	if now == nil {
		now = time.Now
	}
	return &Inspector{v: v, route: rt, now: now}, nil
}

// TooLargeError is an answer the checker did not judge to its end: its body, or one part of it,
// is larger than the checker reads (--max-body) or holds (MaxEntry, MaxRest). It is no verdict.
type TooLargeError struct {
	// What names the part, e.g. "the body" or "entry /login_logs/17 (at byte 3400)".
	What string
	// Limit is the limit it broke, in bytes; Why names the limit.
	Limit int64
	Why   string
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("too large to check: %s is larger than %s (%s)", e.What, sizeText(e.Limit), e.Why)
}

// sizeText renders n bytes as the largest binary unit that divides it, e.g. 1 GiB.
func sizeText(n int64) string {
	for i, unit := range []string{"GiB", "MiB", "KiB"} {
		if size := int64(1) << (30 - 10*i); n >= size && n%size == 0 {
			return strconv.FormatInt(n/size, 10) + " " + unit
		}
	}
	return report.Plural(int(n), "byte")
}

// Inspect returns what check finds wrong or suspicious in ex, reading its body from body once,
// as it arrives. err is set when the answer was not judged to its end: a *TooLargeError, or the
// error of reading body. The findings are those made until then.
func (in *Inspector) Inspect(ctx context.Context, check Check, ex *Exchange, body io.Reader) (findings []Finding, err error) {
	out := &collector{}
	status := ex.Response.Status
	// kin-openapi judges status by its own response, else by the default response.
	documented := validate.ResponseFor(in.route.Operation, status) != nil

	// The status first: what the check expects, then whether the contract knows it at all.
	if check.WantStatus != 0 && status != check.WantStatus || !documented {
		f := Finding{In: "status", Want: wantStatus(check, in), Got: report.StatusText(status)}
		if !documented {
			f.Message = "status not documented by the contract"
		}
		out.add(f)
	}
	if !documented {
		last := &out.errors.list[len(out.errors.list)-1]
		if status >= 300 && status < 400 && status != http.StatusNotModified {
			// A redirect the contract does not document: the checker does not follow it.
			last.Got = validate.StatusGot(status, ex.Response.Header)
			last.Message += "; redirects are not followed: point --base-url at the final address"
			return out.findings(0), nil
		}
		head, err := io.ReadAll(io.LimitReader(body, 4<<10))
		if err == nil {
			last.Message += "; " + describeBody(ex.Response.Header.Get("Content-Type"), head)
		}
		return out.findings(0), err
	}

	if ex.Response.Truncated {
		return out.findings(0), &TooLargeError{What: "the recorded body", Limit: ex.Response.MaxBody,
			Why: "it was recorded cut short, at the --max-body of the recording"}
	}

	// kin-openapi on status, headers and body, with the answer's own Content-Type: a media type
	// the response does not document is its violation.
	ct := ex.Response.Header.Get("Content-Type")
	in.missingChallenge(status, ex.Response.Header, out)

	header := ex.Response.Header.Clone()
	if header == nil {
		header = http.Header{}
	}
	req, _ := http.NewRequestWithContext(ctx, ex.Request.Method, ex.Request.URL, nil)
	if req == nil {
		req, _ = http.NewRequestWithContext(ctx, in.route.Method, "http://invalid"+validate.BasePath, nil)
	}
	// No path parameters: kin-openapi's verdict on a response does not read them.
	vex := validate.Exchange{Request: req, Route: in.route, Status: status, Header: header}
	// Entries are judged on every core while the next ones are read; results come in order.
	rc := in.v.NewResponseCheck(ctx, vex, validate.Limits{Element: MaxEntry, Rest: MaxRest, Whole: MaxWhole, Violations: MaxFindings,
		Workers: runtime.GOMAXPROCS(0)})
	defer rc.Close() // stops the workers on every path; Close is idempotent
	j := &judge{in: in, check: check, status: status, contentType: ct, out: out, now: in.now(), schema: in.bodySchema(status, ct), keep: headSize}
	if _, key, items, ok := in.v.Stream(vex); ok && rc.Streams() {
		if key != "" {
			j.key, j.prefix = key, "/"+validate.EscapePointer(key)
		}
		j.items = items
	} else {
		// Judged whole: the warnings look at a body of up to MaxRest bytes.
		j.keep, j.whole = MaxRest, true
	}
	if j.entries = entriesMember(j.schema, j.key); j.entries != "" && status == http.StatusOK {
		if items := j.schema.Properties[j.entries].Value.Items; items != nil {
			j.rules = spec.DataRulesOf(items.Value)
		}
		j.logs = j.entries == j.key
	}
	rc.OnElement = j.element
	if err := j.feed(rc, body); err != nil {
		var big *jsonstream.TooLargeError
		if !errors.As(err, &big) || !j.startsNoJSON() {
			return out.findings(0), j.tooLarge(err)
		}
		// Too large to hold, but no JSON from its first byte on, which is kin-openapi's verdict
		// whatever follows: an HTML page of a proxy, say.
		for _, v := range rc.Close().Violations {
			if v.In != "status" && v.In != "body" {
				out.add(fromViolation(v))
			}
		}
		got := fmt.Sprintf("not JSON: invalid character %q looking for beginning of value at byte %d", j.head[j.first], j.first+1)
		out.add(Finding{In: "body", Want: "JSON", Got: got, Message: describeBody(j.contentType, j.head)})
		return out.findings(0), nil
	}
	verdict := rc.Close()
	if verdict.Err != nil {
		return out.findings(0), j.tooLarge(verdict.Err)
	}
	return j.conclude(rc, verdict), nil
}

// missingChallenge warns of a 401 without WWW-Authenticate where the contract declares the
// header optional (a required one is kin-openapi's error): RFC 6750 § 3 wants a challenge there.
func (in *Inspector) missingChallenge(status int, header http.Header, out *collector) {
	const name = "WWW-Authenticate"
	res := validate.ResponseFor(in.route.Operation, status)
	if status != http.StatusUnauthorized || res == nil || res.Value == nil || header.Get(name) != "" {
		return
	}
	for declared, h := range res.Value.Headers {
		if strings.EqualFold(declared, name) && h.Value != nil && !h.Value.Required {
			out.add(Finding{Severity: SeverityWarning, In: "header", Pointer: name, Want: "a Bearer challenge (RFC 6750 § 3)",
				Got: "no " + name, Message: "the contract leaves it optional; clients that follow RFC 6750 expect it on a 401"})
			return
		}
	}
}

// judge holds what Inspect learns of one body as it streams.
type judge struct {
	in          *Inspector
	check       Check
	status      int
	contentType string
	out         *collector
	now         time.Time
	schema      *openapi3.Schema // the body's schema, nil if none

	// The body: its first keep bytes, how many were read, whether any was not white space and
	// where the first such byte is.
	head     []byte
	keep     int
	whole    bool // the body is judged whole, not element by element
	read     int64
	nonSpace bool
	first    int64

	// The streamed array: its pointer, its items' schema, whether D8's data warnings apply to
	// its elements (it is the entries member of a 200), and the elements of its current
	// occurrence.
	key, prefix string // the array's member and pointer
	items       *openapi3.Schema
	logs        bool
	// The member holding the entries by the contract (entriesMember) and the data rules of its
	// items.
	entries     string
	rules       spec.DataRules
	elements    int
	elemWarns   bounded
	elemErrs    bounded // counts only: the groups of the elements' violations, listed or not
	elemMerged  int     // the elements' violations that name a value another one names too
	prev        time.Time
	prevPointer string
	occurrence  int // the value of the member the elements belong to
}

// feed writes body to rc, keeping the head of it.
func (j *judge) feed(rc *validate.ResponseCheck, body io.Reader) error {
	buf := make([]byte, 256<<10)
	for {
		n, err := body.Read(buf)
		p := buf[:n]
		j.read += int64(n)
		if len(j.head) < j.keep {
			j.head = append(j.head, p[:min(n, j.keep-len(j.head))]...)
		}
		if !j.nonSpace {
			rest := bytes.TrimLeft(p, " \t\r\n")
			j.nonSpace = len(rest) > 0
			j.first = j.read - int64(len(rest))
		}
		if _, werr := rc.Write(p); werr != nil {
			return werr
		}
		// Decided: not JSON, so what follows changes nothing, and reading it on could only end
		// in "too large to check" past --max-body.
		if rc.Decided() || err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// startsNoJSON reports whether the body's first byte that is not white space is in the head and
// starts no JSON value.
func (j *judge) startsNoJSON() bool {
	return j.nonSpace && j.first < int64(len(j.head)) && bytes.IndexByte([]byte("{[\"-0123456789tfn"), j.head[j.first]) < 0
}

// tooLarge names the part of the body a limit of package validate stopped at; other errors pass.
func (j *judge) tooLarge(err error) error {
	var big *jsonstream.TooLargeError
	if !errors.As(err, &big) {
		return err
	}
	if big.Index >= 0 {
		return &TooLargeError{What: fmt.Sprintf("entry %s/%d (at byte %d)", j.prefix, big.Index, big.Offset),
			Limit: int64(big.Limit), Why: "the largest entry the checker holds"}
	}
	if j.whole {
		why := "the largest body the checker judges whole"
		if j.status == http.StatusOK && j.schema != nil && validate.WholeReason(j.schema) != "" {
			// Error bodies are always judged whole; a 200 is when its schema keeps it whole.
			why += ", as the contract does not let it split this one: " + validate.WholeReason(j.schema)
		}
		return &TooLargeError{What: fmt.Sprintf("the %d body", j.status), Limit: int64(big.Limit), Why: why}
	}
	return &TooLargeError{What: strings.TrimSpace("the body outside its "+j.prefix) + " array", Limit: int64(big.Limit),
		Why: "the most the checker holds of a body besides its entries"}
}

// replaceArray forgets the elements of an earlier value of the array's member: a later one
// replaces it, as in the decoded body.
func (j *judge) replaceArray(occurrence int) {
	j.elemWarns, j.elemErrs, j.elements, j.prevPointer, j.occurrence = bounded{}, bounded{}, 0, "", occurrence
	j.elemMerged = 0
}

// element receives each element of the streamed array, with kin-openapi's violations (which
// the ResponseCheck keeps for its verdict), and warns about what D8 calls drift or bad data.
func (j *judge) element(occurrence, index int, pointer string, value any, violations []validate.Violation) error {
	if occurrence != j.occurrence {
		j.replaceArray(occurrence)
	}
	j.elements++
	violations, merged := validate.OneFindingPerValue(violations)
	j.elemMerged += merged
	for _, v := range violations {
		if !validate.DecodeFailure(v) {
			j.elemErrs.count(fromViolation(v).groupKey(), 1)
		}
	}
	if j.items != nil {
		unknownFields(j.items, value, pointer, &j.elemWarns)
	}
	if j.logs {
		j.logWarnings(value, pointer, j.elemWarns.add)
	}
	return nil
}

// conclude turns the verdict and what was seen of the body into the check's findings.
func (j *judge) conclude(rc *validate.ResponseCheck, verdict validate.Verdict) []Finding {
	if last := rc.Occurrences() - 1; last > j.occurrence {
		j.replaceArray(last) // the last value of the member had no elements (or was no array)
	}
	out := j.out
	complete := j.read <= int64(len(j.head)) // every byte of the body is in head
	// One finding per value: the violations merged are uncounted, those of the elements listed
	// or not (they all streamed by), the others' as listed.
	listed := verdict.Violations
	var merged int
	verdict.Violations, merged = validate.OneFindingPerValue(listed)
	if j.elemMerged > 0 && !slices.ContainsFunc(listed, func(v validate.Violation) bool { return v.In == "status" || v.In == "header" }) {
		// (A status or header kin-openapi refuses keeps it from judging the body.)
		elems := slices.DeleteFunc(slices.Clone(listed), func(v validate.Violation) bool { return !j.inArray(rc, v) })
		_, listedElem := validate.OneFindingPerValue(elems)
		merged += j.elemMerged - listedElem
	}
	verdict.Count -= merged
	notJSON := false
	for _, v := range verdict.Violations {
		switch {
		case v.In == "status":
			// judged above
		case v.Trailing:
			out.add(Finding{In: "body", Want: v.Want, Got: v.Got})
		case v.In == "body" && validate.DecodeFailure(v): // the body, or an element of its array, is not JSON
			if notJSON {
				continue
			}
			notJSON = true
			if !j.nonSpace {
				out.add(Finding{In: "body", Want: "a JSON document (the contract's schema for " + strconv.Itoa(j.status) + ")", Got: "an empty body"})
				continue
			}
			out.add(Finding{In: "body", Want: "JSON", Got: j.notJSONText(v, complete), Message: describeBody(j.contentType, j.head)})
		case v.In == "header" && v.Name == "Content-Type" && v.Pointer == "":
			out.add(j.contentTypeFinding(v))
		case j.inArray(rc, v):
			out.errors.list1(fromViolation(v)) // its group counted as it streamed by
		case v.In == "body" && v.Pointer == "" && rc.Streams() && j.elements > 0:
			// The envelope was judged with its array emptied: quote it with its entries counted.
			f := fromViolation(v)
			f.Got, f.Value = j.envelope(rc.Rest()), false
			out.add(f)
		default:
			out.add(fromViolation(v))
		}
	}
	for k, n := range j.elemErrs.groups {
		out.errors.count(k, n)
	}
	unlisted := verdict.Count - len(verdict.Violations)

	// The decoded body (the envelope, for a streamed one) for the shape hint and the warnings.
	var doc any
	if rc.Streams() {
		doc = rc.Rest()
	} else if complete && !notJSON {
		dec := json.NewDecoder(bytes.NewReader(j.head))
		dec.UseNumber()
		if dec.Decode(&doc) != nil {
			doc = nil
		}
	}
	obj, _ := doc.(map[string]any)
	var warns bounded
	member := j.entries
	streamed := rc.Streams() && member == j.key // its elements streamed by
	if j.status == http.StatusOK && obj != nil && member != "" {
		if logs, has := obj[member]; !has {
			j.shapeHint(obj, member, &warns)
		} else {
			entries := j.elements
			if list, ok := logs.([]any); ok && !streamed {
				entries = len(list)
			}
			j.paging(obj, entries, &warns)
		}
	}

	// Warnings (D8): allowed by the contract, but smelling of drift or bad data. The elements'
	// own came as they streamed.
	logs, isList := obj[member].([]any)
	if j.status == http.StatusOK && j.check.ExpectLogs && member != "" && isList && len(logs) == 0 && j.elements == 0 {
		warns.add(Finding{Severity: SeverityWarning, In: "body", Pointer: "/" + validate.EscapePointer(member), Want: "at least one login log for a user that signs in",
			Got: "an empty list", Message: "check --user-id, or the API lost the user's history"})
	}
	warns.merge(j.elemWarns)
	if j.schema != nil && doc != nil {
		unknownFields(j.schema, doc, "", &warns)
	}
	if !streamed && j.status == http.StatusOK && isList {
		// A body judged whole, or entries in the rest of a body another array of which streamed.
		for i, item := range logs {
			j.logWarnings(item, "/"+validate.EscapePointer(member)+"/"+strconv.Itoa(i), warns.add)
		}
	}
	out.warnings.merge(warns)
	return out.findings(unlisted)
}

// envelope renders rest, the body judged without the elements of its streamed array, with the
// array's elements counted in its place, as a finding quotes a value.
func (j *judge) envelope(rest any) string {
	obj, ok := rest.(map[string]any)
	if !ok {
		return "the body"
	}
	obj = maps.Clone(obj)
	obj[j.key] = "\x00"
	b, err := json.Marshal(obj)
	if err != nil {
		return "the body"
	}
	entries := "[… " + report.Plural(j.elements, "entry") + "]"
	return validate.Shorten(strings.Replace(string(b), `"\u0000"`, entries, 1), shortGot)
}

// inArray reports whether v is a violation of an element of the streamed array.
func (j *judge) inArray(rc *validate.ResponseCheck, v validate.Violation) bool {
	return rc.Streams() && j.prefix != "" && strings.HasPrefix(v.Pointer, j.prefix+"/")
}

// contentTypeFinding renders kin-openapi's refusal of the answer's media type: it names the
// media types the response documents, and says what a body that is no JSON looks like.
func (j *judge) contentTypeFinding(v validate.Violation) Finding {
	f := fromViolation(v)
	f.Pointer = "Content-Type"
	if resp := validate.ResponseFor(j.in.route.Operation, j.status); resp != nil && resp.Value != nil {
		f.Want = strings.Join(slices.Sorted(maps.Keys(resp.Value.Content)), " or ")
	}
	if j.contentType == "" {
		f.Got, f.Value = "no Content-Type", false
	}
	if j.startsNoJSON() {
		f.Message = describeBody(j.contentType, j.head)
	}
	return f
}

// notJSONText says why a body is not JSON: with encoding/json's byte offset when the whole body
// is at hand (and no deeper than every verb allows, which encoding/json does not know), pointing
// out a body cut short.
func (j *judge) notJSONText(v validate.Violation, complete bool) string {
	why := cmp.Or(v.Got, strings.TrimPrefix(strings.TrimPrefix(v.Message, "failed to decode response body"), ": "))
	if jsonstream.CheckDepth(j.head) == nil {
		dec := json.NewDecoder(bytes.NewReader(j.head))
		dec.UseNumber()
		var doc any
		// A body that starts with no JSON value: the head says where, wherever the body ends.
		if err := dec.Decode(&doc); err != nil && (complete || j.startsNoJSON()) {
			var syn *json.SyntaxError
			if errors.As(err, &syn) {
				return fmt.Sprintf("not JSON: %v at byte %d", syn, syn.Offset)
			}
			why = err.Error()
		}
	}
	if strings.Contains(why, "unexpected end of JSON input") || strings.HasSuffix(why, "unexpected EOF") {
		return fmt.Sprintf("JSON cut short after %d bytes (truncated body)", j.read)
	}
	return "not JSON: " + strings.TrimPrefix(why, "not JSON: ")
}

// collector gathers a check's findings, at most MaxFindings of each severity.
type collector struct {
	errors, warnings bounded
}

func (c *collector) add(f Finding) {
	if f.Severity == SeverityWarning {
		c.warnings.add(f)
		return
	}
	f.Severity = SeverityError
	c.errors.add(f)
}

// findings returns the errors, then the warnings, each list ending in a finding that counts the
// ones left out; unlisted errors are those package validate counted without listing them.
func (c *collector) findings(unlisted int) []Finding {
	errs := c.errors
	errs.more += unlisted
	return append(errs.final(SeverityError), c.warnings.final(SeverityWarning)...)
}

// bounded keeps the first MaxFindings findings and counts the others, and how many findings
// each group has (same severity and kind at the same pointer up to array indexes: Pattern).
type bounded struct {
	list   []Finding
	more   int
	groups map[string]int
}

// maxGroups is how many groups a list counts; findings of further groups are only counted.
const maxGroups = 1000

func (b *bounded) add(f Finding) {
	b.count(f.groupKey(), 1)
	b.list1(f)
}

// list1 lists f, or counts it when the list is full, without counting it in its group.
func (b *bounded) list1(f Finding) {
	if len(b.list) < MaxFindings {
		b.list = append(b.list, f)
		return
	}
	b.more++
}

// count adds n findings to the group key.
func (b *bounded) count(key string, n int) {
	if b.groups == nil {
		b.groups = map[string]int{}
	}
	if _, ok := b.groups[key]; ok || len(b.groups) < maxGroups {
		b.groups[key] += n
	}
}

func (b *bounded) merge(o bounded) {
	for _, f := range o.list {
		b.list1(f)
	}
	b.more += o.more
	for k, n := range o.groups {
		b.count(k, n)
	}
}

// final returns the list, the first finding of each group of more than one standing for it
// (Count), ending in a finding that counts the ones left out (More).
func (b bounded) final(s Severity) []Finding {
	seen := map[string]bool{}
	out := b.list
	for i, f := range out {
		key := f.groupKey()
		if n := b.groups[key]; n > 1 && !seen[key] {
			out[i].Count, out[i].Pattern = n, report.Pattern(f.Pointer)
		}
		seen[key] = true
	}
	if b.more == 0 {
		return out
	}
	return append(out, Finding{Severity: s, In: "body", More: b.more, Message: notListed(b.more, s)})
}

// wantStatus says what status check wants: its own, or any the operation documents.
func wantStatus(check Check, in *Inspector) string {
	if check.WantStatus != 0 {
		return report.StatusText(check.WantStatus)
	}
	return "a documented status (" + validate.DocumentedStatuses(in.route.Operation) + ")"
}

// fromViolation turns a kin-openapi violation into an error finding, saying "absent" for a
// missing required property instead of quoting the whole object that lacks it.
func fromViolation(v validate.Violation) Finding {
	f := Finding{Severity: SeverityError, In: v.In, Pointer: v.Pointer, Want: v.Want, Got: v.Got, Value: v.Got != "" && json.Valid([]byte(v.Got))}
	if v.Name != "" && v.Pointer == "" {
		f.Pointer = v.Name // a header
	}
	if name, ok := strings.CutPrefix(v.Want, "property "); ok && strings.HasSuffix(name, " is missing") {
		f.Want = "required property " + strings.TrimSuffix(name, " is missing")
		f.Got, f.Value = "absent", false
	}
	if f.Want == "" && f.Got == "" {
		f.Message = v.What()
	}
	return f
}

// pagingKeys are the members of a paginated answer, in the order a report names them: SSOJet's
// newer shape has audit_logs and next_cursor, other paginated APIs page and total.
var pagingKeys = []string{"audit_logs", "next_cursor", "page", "total"}

// entriesMember names the member of a body of schema (nil: none) that holds the entries by the
// contract: the first array member, by name, whose items have data rules (spec.EntriesMember,
// as import picks its entries), else streamed (the array a check streams, "" none), else the
// first array member; "" if none.
func entriesMember(schema *openapi3.Schema, streamed string) string {
	if schema == nil {
		return ""
	}
	if member, _ := spec.EntriesMember(schema, func(items *openapi3.Schema) bool { return spec.DataRulesOf(items).Any() }); member != "" {
		return member
	}
	if streamed != "" {
		return streamed
	}
	member, _ := spec.EntriesMember(schema, nil)
	return member
}

// annotate adds message to kin-openapi's error on the body at pointer, or on the body as a
// whole naming key (an additionalProperties refusal); it reports whether there was one.
func (j *judge) annotate(pointer, key, message string) bool {
	for i := range j.out.errors.list {
		f := &j.out.errors.list[i]
		if f.In != "body" || (f.Pointer != pointer && (f.Pointer != "" || !strings.Contains(f.Want+" "+f.Got+" "+f.Message, strconv.Quote(key)))) {
			continue
		}
		if f.Message != "" {
			f.Message += "; "
		}
		f.Message += message
		return true
	}
	return false
}

// shapeHint explains a 200 body without the contract's entries member, naming the keys of a
// paginated shape the body has. Where kin-openapi refused the body for the missing member (the
// contract requires it) the hint is added to that error; else it is a warning.
func (j *judge) shapeHint(obj map[string]any, member string, warns *bounded) {
	keys := slices.Sorted(maps.Keys(obj))
	got := "an object with keys " + validate.Shorten(strings.Join(keys, ", "), shortGot)
	if len(keys) == 0 {
		got = "an empty object"
	}
	var present []string
	for _, k := range pagingKeys {
		if _, ok := obj[k]; ok {
			present = append(present, k)
		}
	}
	_, audit := obj["audit_logs"]
	_, cursor := obj["next_cursor"]
	message := "body is " + got
	switch {
	case audit || cursor:
		message = "body has " + strings.Join(present, ", ") + ": looks like SSOJet's paginated snake_case shape, not the contract's"
	case len(present) > 0:
		message = "body has " + strings.Join(present, ", ") + ": looks like a paginated shape, not the contract's"
	}
	if j.annotate("/"+validate.EscapePointer(member), member, message) {
		return
	}
	warns.add(Finding{Severity: SeverityWarning, In: "body", Want: `the contract's shape {"` + member + `":[…]}`, Got: got,
		Message: message + " (the contract makes " + member + " optional)"})
}

// paging reports a 200 with entries entries that pages where the contract does not declare it
// (next_cursor, page, or a total above entries): added to kin-openapi's error on the keys, or
// else a warning of drift.
func (j *judge) paging(obj map[string]any, entries int, warns *bounded) {
	var keys, got []string
	for _, k := range pagingKeys[1:] {
		v, ok := obj[k]
		if !ok || j.schema == nil || j.schema.Properties[k] != nil {
			continue
		}
		if k == "total" {
			n, isNum := v.(json.Number)
			total, err := n.Int64()
			if !isNum || err != nil || total <= int64(entries) {
				continue
			}
			keys, got = append(keys, k), append(got, "total "+report.Thousands(total))
			continue
		}
		text, _ := json.Marshal(v)
		keys, got = append(keys, k), append(got, k+" "+validate.Shorten(string(text), shortGot))
	}
	if len(keys) == 0 {
		return
	}
	message := "the API has started to page (" + strings.Join(keys, ", ") + "): a client that follows the contract misses the other pages"
	for _, k := range keys {
		if j.annotate("/"+validate.EscapePointer(k), k, message) {
			return
		}
	}
	warns.add(Finding{Severity: SeverityWarning, In: "body", Want: "every entry in one answer (the contract does not page)",
		Got: report.Plural(entries, "entry") + " with " + strings.Join(got, ", "), Message: message})
}

var htmlTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// describeBody says in a few words what a body that is not the expected JSON looks like, from
// its first bytes.
func describeBody(contentType string, head []byte) string {
	trimmed := bytes.TrimSpace(head)
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
	return "body starts " + strconv.Quote(validate.Shorten(string(trimmed[:min(len(trimmed), 4*shortGot)]), shortGot))
}

// bodySchema returns the JSON schema the contract documents for a body of status and
// contentType, nil if none (or if kin-openapi does not decode the media type as JSON).
func (in *Inspector) bodySchema(status int, contentType string) *openapi3.Schema {
	resp := validate.ResponseFor(in.route.Operation, status)
	if resp == nil || resp.Value == nil || !validate.IsJSON(contentType) {
		return nil
	}
	mt := resp.Value.Content.Get(contentType)
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// unknownFields warns about properties the schema does not declare, hinting at snake_case
// spellings of declared ones (ip_address for IpAddress). Once warnings is full it only counts
// them.
func unknownFields(s *openapi3.Schema, v any, ptr string, warnings *bounded) {
	switch val := v.(type) {
	case map[string]any:
		if len(s.Properties) == 0 {
			return
		}
		// Only keys that are unknown, or hold members to look into, need a look; an entry of
		// known string fields costs no allocation.
		var keys []string
		for k, x := range val {
			if _, ok := s.Properties[k]; !ok || isContainer(x) {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			switch prop, ok := s.Properties[k]; {
			case !ok && len(warnings.list) >= MaxFindings:
				warnings.more++ // only counted: no pointer to build
			case !ok:
				f := Finding{Severity: SeverityWarning, In: "body", Pointer: ptr + "/" + validate.EscapePointer(k), Want: "only the contract's properties",
					Got: "unknown property " + strconv.Quote(k)}
				if known := sameNameAs(k, s.Properties); known != "" {
					f.Message = fmt.Sprintf("looks like a snake_case spelling of %s", known)
				}
				warnings.add(f)
			case prop.Value != nil:
				unknownFields(prop.Value, val[k], ptr+"/"+validate.EscapePointer(k), warnings)
			}
		}
	case []any:
		if s.Items == nil || s.Items.Value == nil {
			return
		}
		for i, item := range val {
			unknownFields(s.Items.Value, item, ptr+"/"+strconv.Itoa(i), warnings)
		}
	}
}

func isContainer(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
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

// logWarnings applies D8's data rules of the contract (j.rules) to one entry at pointer: a
// member marked as an IP address holds one; a date-time member is not in the future, and the
// one the entries are ordered by not before the previous entry's.
func (j *judge) logWarnings(item any, pointer string, add func(Finding)) {
	entry, ok := item.(map[string]any)
	if !ok {
		return
	}
	warn := func(name, want, got string) {
		add(Finding{Severity: SeverityWarning, In: "body", Pointer: pointer + "/" + validate.EscapePointer(name), Want: want,
			Got: strconv.Quote(validate.Shorten(got, shortGot)), Value: true})
	}
	for _, name := range j.rules.IPs {
		if ip, ok := entry[name].(string); ok && !spec.IsIP(ip) {
			warn(name, "an IPv4 or IPv6 address", ip)
		}
	}
	for _, name := range j.rules.Times {
		s, ok := entry[name].(string)
		if !ok {
			continue
		}
		at, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			continue // an error of the contract, reported by kin-openapi
		}
		if at.After(j.now.Add(FutureSkew)) {
			warn(name, "not in the future (checker's clock "+j.now.UTC().Format(time.RFC3339)+")", s)
		}
		if name != j.rules.Order {
			continue
		}
		if j.prevPointer != "" && at.Before(j.prev) {
			warn(name, "oldest first: not before "+j.prevPointer+" ("+j.prev.UTC().Format(time.RFC3339Nano)+")", s)
		}
		j.prev, j.prevPointer = at, pointer+"/"+validate.EscapePointer(name)
	}
}
