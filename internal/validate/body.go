package validate

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
)

// Limits bound what a ResponseCheck holds in memory. Zero fields take the defaults.
type Limits struct {
	// Element caps one element of a streamed array (default 4 MiB).
	Element int
	// Rest caps the rest of a streamed body, the body without its array's elements (default
	// 16 MiB).
	Rest int
	// Whole caps a body judged whole: one whose schema the contract does not let a check split
	// (WholeReason), an error body (default DefaultWhole).
	Whole int
	// Violations caps how many violations a Verdict lists (default 100); all are counted.
	Violations int
	// Workers is how many goroutines judge the elements of a streamed body while the next ones
	// are split (0: each is judged in Write). Results are applied in the body's order either
	// way, so the verdict, the violations' order and OnElement's calls do not change. A check
	// with workers must be closed.
	Workers int
}

func (l Limits) withDefaults() Limits {
	l.Element = cmp.Or(max(l.Element, 0), 4<<20)
	l.Rest = cmp.Or(max(l.Rest, 0), 16<<20)
	l.Whole = cmp.Or(max(l.Whole, 0), DefaultWhole)
	l.Violations = cmp.Or(max(l.Violations, 0), 100)
	return l
}

// DefaultWhole is the largest body judged whole by default. kin-openapi decodes such a body at
// once: a 51 MB body of login logs peaks at about 760 MB (BenchmarkBodyJudgedWhole,
// docs/benchmarks.md), so 64 MiB stays under about 1 GB.
const DefaultWhole = 64 << 20

// Verdict is the outcome of a response check.
type Verdict struct {
	// Violations lists the first Limits.Violations violations found.
	Violations []Violation
	// Count is the number of violations found, listed or not.
	Count int
	// Err is set when the response could not be judged: larger than the Limits, or stopped by
	// an ElementFunc. Such a response has no verdict of the contract.
	Err error
}

// OK reports whether the response was judged and breaks nothing.
func (v Verdict) OK() bool { return v.Err == nil && v.Count == 0 }

// ElementFunc receives each element of a streamed body, decoded as kin-openapi decodes bodies
// (numbers as json.Number), with the occurrence of the array's member it belongs to (0 for the
// first value of the member; a later one replaces the earlier), its index and JSON pointer, and
// the violations kin-openapi found in it. An error stops the check; Verdict.Err carries it.
type ElementFunc func(occurrence, index int, pointer string, value any, violations []Violation) error

// ResponseCheck judges one response body as it is written to it. Create it with
// NewResponseCheck, Write the body, then Close.
type ResponseCheck struct {
	v      *Validator
	ctx    context.Context
	ex     Exchange
	limits Limits
	plan   *plan

	// OnElement, when set before the first Write, receives every element of a streamed body.
	OnElement ElementFunc

	// whole holds the body of a check that is not streamed.
	whole []byte
	split *jsonstream.Splitter

	violations []Violation
	count      int
	// elemCount counts the schema violations of the elements of the current array (listed in
	// violations with their occurrence): a later value of the same member replaces the array,
	// and them, as in the decoded body. count counts everything else (status, headers, elements
	// that are not JSON, the rest).
	elemCount  int
	occurrence int  // the value of the member whose array is being judged
	elemBroke  bool // an element of any value of the member broke its schema
	// headFailed: the status or a header broke the contract, and kin-openapi, which judges them
	// first, does not look at the body then.
	headFailed bool
	rest       any
	err        error
	closed     bool

	// With Limits.Workers: the batch being filled, the batches being judged (oldest first) and
	// the bytes they hold.
	jobs     chan *batch
	filling  *batch
	inflight []*batch
	held     int
	stopped  bool  // an OnElement failed: no result is applied any more
	settled  int64 // the end of the last element whose result was applied

	syntaxSeen bool // the body, or one of its elements, is not JSON: the rest is not read
}

// job is one element to judge.
type job struct {
	occurrence, index int
	pointer           string
	// text is the element's bytes: a copy of its own, or a part of its batch's text (the
	// value's strings point into it).
	text  string
	size  int   // len(text), kept while the element is in a batch's buffer
	end   int64 // the offset just after the element's value
	value any
	found []Violation
}

// batch is a run of consecutive elements a worker judges in one go, so that handing work over
// costs little beside judging it.
type batch struct {
	jobs []job
	buf  strings.Builder // the elements' bytes, back to back, which become their text unmoved
	done chan struct{}
}

const (
	// batchElements and batchBytes bound a batch.
	batchElements = 64
	batchBytes    = 256 << 10
	// maxHeld bounds the bytes of elements waiting for a worker or for their turn to be applied,
	// and maxBatchesPerWorker (times the job queue's capacity) the batches.
	maxHeld             = 8 << 20
	maxBatchesPerWorker = 2
)

// NewResponseCheck starts checking the response of ex. A streamed check judges the status and
// the headers at once; Failed tells whether they broke the contract.
func (v *Validator) NewResponseCheck(ctx context.Context, ex Exchange, limits Limits) *ResponseCheck {
	rc := &ResponseCheck{v: v, ctx: ctx, ex: ex, limits: limits.withDefaults(), occurrence: -1}
	rc.plan = v.planFor(ex)
	if rc.plan == nil {
		return rc
	}
	if err := v.whole(ctx, ex, nil, v.headOnly); err != nil {
		rc.addErr(err)
		rc.headFailed = true
	}
	prefix := pointerOfName(rc.plan.key)
	rc.split = jsonstream.New(jsonstream.Options{Key: rc.plan.key, MaxElement: rc.limits.Element, MaxRest: rc.limits.Rest},
		func(occurrence, index int, offset int64, elem []byte) error {
			j := job{occurrence: occurrence, index: index, pointer: prefix + "/" + strconv.Itoa(index), end: offset + int64(len(elem))}
			if rc.jobs == nil {
				j.text = string(elem)
				rc.judge(&j)
				return rc.apply(&j)
			}
			return rc.enqueue(j, elem)
		})
	if limits.Workers > 0 {
		jobs := make(chan *batch, 2*limits.Workers)
		rc.jobs = jobs
		for range limits.Workers {
			go func() {
				for b := range jobs {
					for i := range b.jobs {
						rc.judge(&b.jobs[i])
					}
					close(b.done)
				}
			}()
		}
	}
	return rc
}

// enqueue adds an element to the batch being filled, hands a full batch to the workers, and
// applies the results that are ready (waiting for the oldest while too many bytes are held).
func (rc *ResponseCheck) enqueue(j job, elem []byte) error {
	if rc.filling == nil {
		rc.filling = &batch{done: make(chan struct{})}
		rc.filling.buf.Grow(min(batchElements*len(elem)*5/4, batchBytes) + len(elem)) // room for elements like the first
	}
	b := rc.filling
	b.buf.Write(elem)
	j.size = len(elem)
	b.jobs = append(b.jobs, j)
	if len(b.jobs) < batchElements && b.buf.Len() < batchBytes {
		return nil
	}
	return rc.dispatch()
}

// dispatch hands the batch being filled to the workers.
func (rc *ResponseCheck) dispatch() error {
	b := rc.filling
	if b == nil {
		return nil
	}
	rc.filling = nil
	text, offs := b.buf.String(), 0
	for i := range b.jobs { // the batch's buffer no longer grows: point into it
		b.jobs[i].text = text[offs : offs+b.jobs[i].size]
		offs += b.jobs[i].size
	}
	for len(rc.inflight) > 0 && (rc.held+b.buf.Len() > maxHeld || len(rc.inflight) >= maxBatchesPerWorker*cap(rc.jobs)) {
		if err := rc.applyOldest(); err != nil {
			return err
		}
	}
	rc.inflight = append(rc.inflight, b)
	rc.held += b.buf.Len()
	rc.jobs <- b
	for len(rc.inflight) > 0 {
		select {
		case <-rc.inflight[0].done:
			if err := rc.applyOldest(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
	return nil
}

// applyOldest applies the results of the oldest batch in flight, once it is judged. After an
// element's OnElement failed, nothing more is applied: batches are only waited for.
func (rc *ResponseCheck) applyOldest() error {
	b := rc.inflight[0]
	<-b.done
	rc.inflight = rc.inflight[1:]
	rc.held -= b.buf.Len()
	if rc.stopped {
		return nil
	}
	for i := range b.jobs {
		if err := rc.apply(&b.jobs[i]); err != nil {
			rc.stopped = true
			return err
		}
	}
	return nil
}

// drain applies every element in flight and stops the workers.
func (rc *ResponseCheck) drain() error {
	err := rc.dispatch()
	for len(rc.inflight) > 0 {
		if e := rc.applyOldest(); e != nil && err == nil {
			err = e
		}
	}
	if rc.jobs != nil {
		close(rc.jobs)
		rc.jobs = nil
	}
	return err
}

// Streams reports whether the body is judged element by element.
func (rc *ResponseCheck) Streams() bool { return rc.split != nil }

// Failed reports whether a violation was found so far. It counts the violations of the elements
// of the current array, which a later value of the same member would replace in the verdict of
// Close (see Replaceable): a caller that stops at once on Failed (the server, which must not
// send a broken element and never repeats a member) is stricter than kin-openapi only on a body
// that repeats the array's member.
func (rc *ResponseCheck) Failed() bool { return rc.count+rc.elemCount > 0 }

// Replaceable reports whether every violation found so far is in an element of the current
// value of the streamed array's member, which a later value of the same member would replace in
// the verdict of Close (kin-openapi's decoder keeps a member's last value). A caller that must
// not pass on a broken element holds the rest of such a body until Close.
func (rc *ResponseCheck) Replaceable() bool {
	return rc.split != nil && rc.plan.key != "" && rc.count == 0
}

// Broke reports whether a violation was found so far, counting those of elements that a later
// value of the member has since replaced.
func (rc *ResponseCheck) Broke() bool { return rc.count > 0 || rc.elemBroke }

// Occurrences returns how many values of the streamed array's member the body had so far (1
// for a body that is the array).
func (rc *ResponseCheck) Occurrences() int {
	if rc.split == nil {
		return 0
	}
	return rc.split.Occurrences()
}

// Settled returns how many bytes of a streamed body are settled: every element in them was
// judged. Bytes after it are not, and a caller that must not pass on a broken element holds them
// until Close. For a body judged whole nothing is settled before Close.
func (rc *ResponseCheck) Settled() int64 { return rc.settled }

// Decided reports whether the check's outcome no longer depends on the bytes still to come: a
// streamed body is not JSON (the verdict says so at Close), or the body cannot be judged (Write
// returned the error). A caller that only wants the verdict may stop writing then; later writes
// change nothing.
func (rc *ResponseCheck) Decided() bool { return rc.syntaxSeen || rc.err != nil }

// Rest returns the decoded body of a streamed check with the array's elements left out, after
// Close; nil when it did not decode.
func (rc *ResponseCheck) Rest() any { return rc.rest }

// Write feeds the next bytes of the body. It returns an error only when the body cannot be
// judged (see Verdict.Err); violations are collected for Close.
func (rc *ResponseCheck) Write(p []byte) (int, error) {
	if rc.err != nil {
		return 0, rc.err
	}
	if rc.split == nil {
		if len(rc.whole)+len(p) > rc.limits.Whole {
			rc.err = &jsonstream.TooLargeError{Index: -1, Limit: rc.limits.Whole}
			return 0, rc.err
		}
		rc.whole = append(rc.whole, p...)
		return len(p), nil
	}
	if rc.syntaxSeen {
		return len(p), nil // the verdict is known
	}
	n, err := rc.split.Write(p)
	if err != nil {
		if syn, ok := errors.AsType[*jsonstream.SyntaxError](err); ok {
			if derr := rc.drain(); derr != nil { // the elements before it come first
				rc.err = derr
				return n, rc.err
			}
			rc.addSyntax(syn)
			return len(p), nil // the verdict is known; the rest of the body is not read
		}
		rc.err = err
	}
	return n, rc.err
}

// Close ends the body and returns the verdict.
func (rc *ResponseCheck) Close() Verdict {
	if rc.closed {
		return rc.Verdict()
	}
	rc.closed = true
	if err := rc.drain(); err != nil && rc.err == nil {
		rc.err = err
	}
	switch {
	case rc.err != nil:
	case rc.split == nil:
		rc.closeWhole()
		rc.whole = nil
	case !rc.syntaxSeen:
		rc.closeStreamed()
	}
	return rc.Verdict()
}

// Abandon ends a check whose verdict is not wanted: it stops the workers and judges nothing
// more; Verdict keeps what was found before.
func (rc *ResponseCheck) Abandon() {
	if !rc.closed {
		rc.closed, rc.stopped, rc.filling, rc.whole = true, true, nil, nil
		rc.drain()
	}
}

// closeStreamed ends a streamed body and judges the rest of it (the array left empty).
func (rc *ResponseCheck) closeStreamed() {
	var syn *jsonstream.SyntaxError
	switch err := rc.split.Close(); {
	case errors.As(err, &syn):
		rc.addSyntax(syn)
		return
	case err != nil:
		rc.err = err
		return
	case rc.headFailed:
		return
	}
	rc.toOccurrence(rc.split.Occurrences() - 1)
	if value, end := rc.judgeJSON(rc.split.Rest()); end >= 0 {
		rc.rest = value
		if at := rc.split.Trailing(); at >= 0 {
			rc.addTrailing(at)
		}
	}
}

// closeWhole judges a body held whole. As in a streamed check, a status or header that fails
// hides the body.
func (rc *ResponseCheck) closeWhole() {
	var deep *jsonstream.SyntaxError
	isJSON := IsJSON(rc.ex.Header.Get("Content-Type"))
	tooDeep := isJSON && errors.As(jsonstream.CheckDepth(rc.whole), &deep)
	p := rc.v.planFor(rc.ex)
	if tooDeep || p != nil {
		if err := rc.v.whole(rc.ctx, rc.ex, nil, rc.v.headOnly); err != nil {
			rc.addErr(err)
			return
		}
	}
	switch {
	case tooDeep: // nested deeper than every verb allows: not JSON, as a streamed body would be
		rc.addSyntax(deep)
	case p != nil:
		// A JSON body of an object or array schema: the status and the headers were judged by
		// kin-openapi, the body is judged as ValidateResponse does (judgeJSON), in one decode.
		rc.plan = p
		if _, end := rc.judgeJSON(rc.whole); end >= 0 {
			if rest := bytes.TrimLeft(rc.whole[end:], " \t\r\n"); len(rest) > 0 {
				rc.addTrailing(int64(len(rc.whole) - len(rest)))
			}
		}
	default:
		err := rc.v.whole(rc.ctx, rc.ex, rc.whole, rc.v.opts)
		if err != nil {
			rc.addErr(err)
		}
		// A status or header that kin-openapi refused hides the body.
		headFailed := slices.ContainsFunc(Violations(err), func(v Violation) bool { return v.In == "status" || v.In == "header" })
		if !headFailed && isJSON && trailingData(rc.whole) {
			rc.addTrailing(-1)
		}
	}
}

// Verdict returns what the check found so far, without ending the body.
func (rc *ResponseCheck) Verdict() Verdict {
	return Verdict{Violations: rc.violations, Count: rc.count + rc.elemCount, Err: rc.err}
}

// judge decodes and validates one element; it touches nothing of rc but what it only reads, so
// that workers can run it side by side.
func (rc *ResponseCheck) judge(j *job) {
	var err error
	j.value, j.found, err = rc.v.element(rc.plan.items, j.pointer, j.text)
	if err != nil {
		// Not JSON: the whole body is not, whatever later values of the member say.
		j.found = []Violation{{In: "body", Pointer: j.pointer, Want: "JSON", Got: Shorten(err.Error(), 80),
			Message: "failed to decode response body: " + err.Error(), syntax: true}}
	}
}

// apply counts what judge found in one element, in the body's order.
func (rc *ResponseCheck) apply(j *job) error {
	rc.toOccurrence(j.occurrence)
	for _, f := range j.found {
		switch {
		case rc.headFailed:
		case f.syntax:
			rc.syntaxSeen = true
			rc.add(f)
		default:
			rc.elemCount++
			rc.elemBroke = true
			if len(rc.violations) < rc.limits.Violations {
				f.occurrence = j.occurrence + 1
				rc.violations = append(rc.violations, f)
			}
		}
	}
	rc.settled = j.end
	if rc.OnElement != nil {
		return rc.OnElement(j.occurrence, j.index, j.pointer, j.value, j.found)
	}
	return nil
}

// toOccurrence forgets the violations of an earlier array of the same member: a later one
// replaces it, as in the decoded body.
func (rc *ResponseCheck) toOccurrence(occurrence int) {
	if occurrence == rc.occurrence {
		return
	}
	rc.violations = slices.DeleteFunc(rc.violations, func(v Violation) bool { return v.occurrence > 0 })
	rc.elemCount, rc.occurrence = 0, occurrence
}

// decodeOne decodes text, which holds one JSON value and nothing but white space after it.
func decodeOne(text string) (any, error) {
	value, off, err := decodeFirst(text)
	if err != nil {
		return nil, err
	}
	if !onlySpace(text[off:]) {
		return nil, fmt.Errorf("invalid character after array element at byte %d of the element", off)
	}
	return value, nil
}

// judgeJSON decodes the first JSON value of body as kin-openapi's JSON body decoder does
// (decodeFirst) and validates it against the plan's schema with the options ValidateResponse
// gives a response body, adding what it finds. It returns the value and the offset after it, or
// -1 when the body does not decode.
func (rc *ResponseCheck) judgeJSON(body []byte) (any, int) {
	value, end, err := decodeFirst(string(body))
	if err != nil {
		rc.addErr(&openapi3filter.ResponseError{Reason: "failed to decode response body",
			Err: &openapi3filter.ParseError{Kind: openapi3filter.KindInvalidFormat, Cause: err}})
		return nil, -1
	}
	if err := rc.plan.schema.VisitJSON(value, rc.v.schemaOpts...); err != nil {
		rc.addErr(&openapi3filter.ResponseError{Reason: "response body doesn't match schema", Err: err})
	}
	return value, end
}

// add counts v, and lists it while the list has room.
func (rc *ResponseCheck) add(v Violation) {
	rc.count++
	if len(rc.violations) < rc.limits.Violations {
		rc.violations = append(rc.violations, v)
	}
}

func (rc *ResponseCheck) addErr(err error) {
	for _, v := range Violations(err) {
		rc.add(v)
	}
}

func (rc *ResponseCheck) addSyntax(e *jsonstream.SyntaxError) {
	rc.syntaxSeen = true
	if rc.headFailed {
		return
	}
	rc.add(syntaxViolation("body", "response body", e))
}

func syntaxViolation(in, what string, e *jsonstream.SyntaxError) Violation {
	return Violation{In: in, Want: "a JSON document", Got: e.Msg + " at byte " + strconv.FormatInt(e.Offset, 10),
		Message: "failed to decode " + what + ": " + e.Error(), syntax: true}
}

// addTrailing reports data after the body's JSON value, at offset at (-1: unknown). A JSON body
// is one JSON text (RFC 8259); kin-openapi's decoder reads the first value and ignores the rest,
// so this is the one violation found beyond kin-openapi's verdict.
func (rc *ResponseCheck) addTrailing(at int64) {
	rc.add(trailingViolation("body", at))
}

func trailingViolation(in string, at int64) Violation {
	got := "data after the JSON value"
	if at >= 0 {
		got += " at byte " + strconv.FormatInt(at, 10)
	}
	return Violation{In: in, Want: "one JSON document", Got: got,
		Message: "the body has " + got + " (RFC 8259: a JSON text is one value)", Trailing: true}
}

// bodyViolation is an error of Request that kin-openapi's verdict does not hold: a JSON request
// body that kin-openapi took but that is not one JSON text this project reads.
type bodyViolation struct{ v Violation }

func (e *bodyViolation) Error() string { return e.v.Message }

// oneJSONText returns a bodyViolation for a JSON request body that nests deeper than
// jsonstream.MaxDepth or holds data after its JSON value, as a response body would be judged.
func oneJSONText(body []byte) error {
	var deep *jsonstream.SyntaxError
	switch {
	case errors.As(jsonstream.CheckDepth(body), &deep):
		return &bodyViolation{syntaxViolation("request body", "request body", deep)}
	case trailingData(body):
		return &bodyViolation{trailingViolation("request body", -1)}
	}
	return nil
}

// trailingData reports whether body is one JSON value followed by more than white space (a body
// that is not JSON at all is kin-openapi's to refuse).
func trailingData(body []byte) bool {
	if json.Valid(body) {
		return false
	}
	_, end, err := decodeFirstStd(string(body))
	return err == nil && !onlySpace(body[end:])
}

// plan is how a response's body is streamed: the body's schema, the member holding the array
// ("" when the body is the array) and the schema of its items.
type plan struct {
	schema *openapi3.Schema
	key    string
	items  *openapi3.Schema
}

// planFor returns how ex's body is streamed, or nil when kin-openapi judges it whole: HEAD
// requests and the statuses ValidateResponse skips, undocumented statuses, media types other
// than JSON, and schemas that are not streamable.
func (v *Validator) planFor(ex Exchange) *plan {
	if ex.Request != nil && ex.Request.Method == http.MethodHead {
		return nil
	}
	switch ex.Status {
	case http.StatusNotModified, http.StatusPermanentRedirect, http.StatusTemporaryRedirect, http.StatusMovedPermanently:
		return nil
	}
	if ex.Route == nil {
		return nil
	}
	ref := ResponseFor(ex.Route.Operation, ex.Status)
	if ref == nil || ref.Value == nil {
		return nil
	}
	contentType := ex.Header.Get("Content-Type")
	media := ref.Value.Content.Get(contentType)
	if media == nil || media.Schema == nil || media.Schema.Value == nil || !IsJSON(contentType) {
		return nil
	}
	if p, ok := v.plans.Load(media.Schema); ok {
		return p.(*plan)
	}
	var p *plan
	if key, items, err := streamable(media.Schema.Value); err == nil {
		p = &plan{schema: media.Schema.Value, key: key, items: items}
	}
	v.plans.Store(media.Schema, p)
	return p
}

// IsJSON reports whether kin-openapi decodes a body of this content type with its JSON decoder:
// application/json and the +json types (RFC 6839).
func IsJSON(contentType string) bool {
	mediaType, _, _ := bytes.Cut(bytes.ToLower(bytes.TrimSpace([]byte(contentType))), []byte(";"))
	mediaType = bytes.TrimSpace(mediaType)
	return string(mediaType) == "application/json" || bytes.HasSuffix(mediaType, []byte("+json"))
}

// streamable says whether a body schema's verdict is the conjunction of its items' verdicts and
// the verdict on the body with the array emptied, and names the array: the body itself when s is
// an array schema, else the first member (by name) whose schema is one (see Splittable). The
// error says why not: the keyword of the body's schema, or of its first array member, that
// prevents the split.
func streamable(s *openapi3.Schema) (string, *openapi3.Schema, error) {
	if items, err := Splittable(s, ""); err == nil || s.Type.Is(openapi3.TypeArray) {
		return "", items, err
	}
	if kw := keywordBeyond(s, envelopeFields); kw != "" {
		return "", nil, fmt.Errorf("the body's schema has %s, which looks at the object as a whole", kw)
	}
	var why error
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		items, err := Splittable(s, name)
		if err == nil {
			return name, items, nil
		}
		if ref := s.Properties[name]; why == nil && ref != nil && ref.Value != nil && ref.Value.Type.Is(openapi3.TypeArray) {
			why = err
		}
	}
	if why == nil {
		why = errors.New("the body's schema has no array member to split")
	}
	return "", nil, why
}

// Splittable says whether a body of schema s can be judged element by element of the array in
// its member key (the body itself when key is ""), and returns the array's items. A splittable
// array schema has items and nothing that looks at several elements at once (minItems,
// maxItems, uniqueItems, enum, combinators); the body schema around it has no keyword that looks
// at the object as a whole beyond its members (enum, combinators, not). Any keyword outside
// these lists makes the body be judged whole; the error names it.
func Splittable(s *openapi3.Schema, key string) (*openapi3.Schema, error) {
	if key == "" {
		return splittableArray(s, "the body's schema")
	}
	if kw := keywordBeyond(s, envelopeFields); kw != "" {
		return nil, fmt.Errorf("the body's schema has %s, which looks at the object as a whole", kw)
	}
	if s.Type != nil && !s.Type.Includes(openapi3.TypeObject) {
		return nil, errors.New("the body's schema is not of type object")
	}
	ref := s.Properties[key]
	if ref == nil || ref.Value == nil {
		return nil, fmt.Errorf("the body's schema declares no member %q", key)
	}
	return splittableArray(ref.Value, "its member "+key)
}

func splittableArray(s *openapi3.Schema, name string) (*openapi3.Schema, error) {
	if s.Items == nil || s.Items.Value == nil || s.Type == nil || !s.Type.Includes(openapi3.TypeArray) {
		return nil, fmt.Errorf("%s is not an array with items", name)
	}
	if kw := keywordBeyond(s, arrayFields); kw != "" {
		return nil, fmt.Errorf("%s has %s, which looks at several entries at once", name, kw)
	}
	return s.Items.Value, nil
}

// WholeReason says why a body of schema s is judged whole rather than element by element: the
// keyword of the body's schema, or of its first array member, that prevents the split; "" when
// s is streamable.
func WholeReason(s *openapi3.Schema) string {
	if _, _, err := streamable(s); err != nil {
		return err.Error()
	}
	return ""
}

// annotations validate nothing.
var annotations = []string{"Extensions", "Origin", "Title", "Description", "Example", "ExternalDocs", "Deprecated", "XML"}

var (
	arrayFields    = append([]string{"Type", "Items", "Nullable"}, annotations...)
	envelopeFields = append([]string{"Type", "Properties", "Required", "AdditionalProperties", "MinProps", "MaxProps", "Nullable"}, annotations...)
)

// keywordBeyond returns the JSON name of the first keyword s sets beyond the fields named (its
// openapi3.Schema field names), "" if none.
func keywordBeyond(s *openapi3.Schema, fields []string) string {
	rest := reflect.ValueOf(s).Elem()
	t := rest.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || slices.Contains(fields, f.Name) {
			continue
		}
		if !rest.Field(i).IsZero() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				name = f.Name
			}
			return name
		}
	}
	return ""
}
