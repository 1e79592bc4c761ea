// Package validate judges HTTP requests and responses against a contract with kin-openapi, and
// turns what kin-openapi finds into violations that name the JSON pointer of the value.
//
// Every verdict is kin-openapi's, with one addition: a JSON body with data after its JSON value
// is a violation (RFC 8259), where kin-openapi's decoder ignores the data. A response body is judged in one of two ways, which give the
// same verdict and the same violations (TestStreamedAgreesWithWhole and FuzzStreamedAgreesWithWhole
// hold them to it over generated schemas and bodies):
//   - whole: kin-openapi's ValidateResponse reads the body at once;
//   - streamed: when the body's schema is an object whose member is an array of items (or an
//     array of items itself) and nothing else ties the elements together (see streamable), the
//     body is split as it arrives (package jsonstream); kin-openapi decodes and validates each
//     element against the items schema, and the rest of the body (the array left empty) against
//     the body's schema. Memory is bounded by the largest element, not by the body.
package validate

import (
	"bytes"
	"cmp"
	"context"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Validator validates requests and responses of a contract's operations.
type Validator struct {
	doc  *openapi3.T
	opts *openapi3filter.Options
	// headOnly has opts' settings but skips the body, which a streamed check judges itself.
	headOnly *openapi3filter.Options
	// schemaOpts are the options ValidateResponse gives VisitJSON for a response body.
	schemaOpts []openapi3.SchemaValidationOption
	// memo remembers the bodies judged whole that passed (memo.go).
	memo   *verdictMemo
	router *Router
	// plans holds planFor's answer per body schema (*openapi3.SchemaRef → *plan, nil when the
	// body is judged whole).
	plans sync.Map
}

// New returns a Validator for doc, which package spec loads. Every verdict is given with all
// violations rather than the first, undocumented statuses refused, the contract's own string
// formats (package spec), authentication left to the server, which checks tokens itself, and
// error messages without the schema and the value (SchemaError.Error() encodes both indented,
// which costs the square of a value's depth; Violation.Message quotes an excerpt instead).
func New(doc *openapi3.T) *Validator {
	opts := &openapi3filter.Options{
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus:   true,
		MultiError:              true,
		SchemaValidationOptions: append(slices.Clip(doc.GetSchemaValidationOptions()), openapi3.DisableSchemaErrorDetails()),
	}
	headOnly := *opts
	headOnly.ExcludeResponseBody = true
	// As openapi3filter.ValidateResponse builds them for these Options.
	schemaOpts := append([]openapi3.SchemaValidationOption{openapi3.MultiErrors()}, opts.SchemaValidationOptions...)
	if doc.IsOpenAPI31OrLater() {
		schemaOpts = append(schemaOpts, openapi3.EnableJSONSchema2020())
	}
	return &Validator{doc: doc, opts: opts, headOnly: &headOnly, schemaOpts: append(schemaOpts, openapi3.VisitAsResponse()),
		memo: newVerdictMemo(doc), router: NewRouter(doc)}
}

// ResponseFor returns the response op documents for status as kin-openapi's ValidateResponse
// finds it: the status's own, else the default response; nil when neither exists.
func ResponseFor(op *openapi3.Operation, status int) *openapi3.ResponseRef {
	if op == nil || op.Responses == nil {
		return nil
	}
	if ref := op.Responses.Status(status); ref != nil {
		return ref
	}
	return op.Responses.Default()
}

// DocumentedStatuses lists the statuses op documents, "default" among them, ascending:
// "200, 400, 401".
func DocumentedStatuses(op *openapi3.Operation) string {
	if op == nil || op.Responses == nil {
		return ""
	}
	return strings.Join(slices.Sorted(maps.Keys(op.Responses.Map())), ", ")
}

// StatusGot renders an answer's status as a violation's Got: "304 Not Modified", a redirect
// with where it points, "302 redirect to https://…" (shortened), or "(no Location header)".
func StatusGot(status int, h http.Header) string {
	if status < 300 || status >= 400 || status == http.StatusNotModified {
		return strconv.Itoa(status) + " " + http.StatusText(status)
	}
	return strconv.Itoa(status) + " redirect to " + Shorten(cmp.Or(h.Get("Location"), "(no Location header)"), 120)
}

// Doc returns the contract the Validator checks against.
func (v *Validator) Doc() *openapi3.T { return v.doc }

// Request validates req's parameters and body against rt. The request body, if any, is restored
// for the handler.
func (v *Validator) Request(ctx context.Context, req *http.Request, rt *routers.Route, pathParams map[string]string) error {
	return v.request(ctx, req, rt, pathParams, v.opts)
}

// RequestParams validates req as Request does, all but its body.
func (v *Validator) RequestParams(ctx context.Context, req *http.Request, rt *routers.Route, pathParams map[string]string) error {
	opts := *v.opts
	opts.ExcludeRequestBody = true
	return v.request(ctx, req, rt, pathParams, &opts)
}

func (v *Validator) request(ctx context.Context, req *http.Request, rt *routers.Route, pathParams map[string]string, opts *openapi3filter.Options) error {
	err := openapi3filter.ValidateRequest(ctx, &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: rt, Options: opts})
	// kin-openapi read the body and left req.GetBody to read it again: the body it judged.
	if err != nil || opts.ExcludeRequestBody || rt.Operation.RequestBody == nil || req.GetBody == nil || !IsJSON(req.Header.Get("Content-Type")) {
		return err
	}
	body, err := req.GetBody()
	if err != nil {
		return err
	}
	defer body.Close()
	data, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	return oneJSONText(data)
}

// RememberedRequest validates req as Request does, or finds that a request the same in every
// input of the verdict passed before (verdictMemo). A caller that lets anyone fill the memo with
// distinct requests only empties it sooner: it is bounded.
func (v *Validator) RememberedRequest(ctx context.Context, req *http.Request, rt *routers.Route, pathParams map[string]string) error {
	buf := keyBuffer()
	defer putKeyBuffer(buf)
	key, ok := v.memo.requestKey((*buf)[:0], req, rt)
	*buf = key
	if !ok || len(key) > maxMemoBody {
		return v.Request(ctx, req, rt, pathParams)
	}
	return recall(v.memo, key, func() (error, bool) {
		err := v.Request(ctx, req, rt, pathParams)
		return err, err == nil
	})
}

// Exchange is the request a response answers, and the response's status and header.
type Exchange struct {
	Request    *http.Request
	Route      *routers.Route
	PathParams map[string]string
	Status     int
	Header     http.Header
}

// Response validates a response held in memory with kin-openapi's ValidateResponse on the whole
// body (for small bodies the fastest way; NewResponseCheck judges bodies of any size).
func (v *Validator) Response(ctx context.Context, ex Exchange, body []byte) Verdict {
	rc := &ResponseCheck{v: v, ctx: ctx, ex: ex, limits: Limits{Whole: len(body) + 1}.withDefaults(), occurrence: -1, whole: body}
	return rc.Close()
}

func (v *Validator) whole(ctx context.Context, ex Exchange, body []byte, opts *openapi3filter.Options) error {
	return openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request:    ex.Request,
			PathParams: ex.PathParams,
			Route:      ex.Route,
			Options:    v.opts,
		},
		Status:  ex.Status,
		Header:  ex.Header,
		Body:    io.NopCloser(bytes.NewReader(body)),
		Options: opts,
	})
}
