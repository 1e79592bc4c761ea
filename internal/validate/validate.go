// Package validate checks HTTP requests and responses against the embedded OpenAPI contract with
// kin-openapi, and turns what it finds into violations that name the JSON pointer of the field.
//
// Routes are resolved by matching the contract's path templates below a base path (such as
// /api/v1), never by the host of a `servers` entry: the same validator serves the reference server
// on any address and checks SSOJet's production answers.
package validate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/ssojet-tools/loginlogs/api"
)

// BasePath is the path prefix the contract's paths live under, on SSOJet and on the reference
// server alike (the path part of both `servers` URLs).
const BasePath = "/api/v1"

// LoadSpec parses and validates the embedded contract. The returned document checks `date-time`
// strictly (a real calendar date, as time.Parse sees it), not only by kin-openapi's regular
// expression, which accepts 2024-02-30.
func LoadSpec() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI)
	if err != nil {
		return nil, fmt.Errorf("load openapi.yaml: %w", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("validate openapi.yaml: %w", err)
	}
	for name, check := range stringFormats {
		doc.SetStringFormatValidator(name, openapi3.NewCallbackValidator(check))
	}
	return doc, nil
}

// stringFormats are the formats this project checks more strictly than kin-openapi does.
var stringFormats = map[string]func(string) error{
	"date-time": checkDateTime,
}

// checkDateTime accepts RFC 3339 date-times that denote a real instant.
func checkDateTime(s string) error {
	if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
		return fmt.Errorf("not an RFC 3339 date-time: %w", err)
	}
	return nil
}

// Validator validates requests and responses of the contract's operations.
type Validator struct {
	doc    *openapi3.T
	routes []*routeEntry
	opts   *openapi3filter.Options
	// headersOnly has opts' settings but skips the body, which the stream validator checks.
	headersOnly *openapi3filter.Options
	// bodies holds the compiled body schema of every JSON response the stream validator
	// interprets; a schema missing here is validated by kin-openapi alone.
	bodies map[*openapi3.Schema]*node
	// requests remembers requests that passed (memo.go); nil validates every request.
	requests *requestMemo
}

type routeEntry struct {
	segments []string // the path template split on "/", e.g. users, {userid}, loginlogs
	route    *routers.Route
}

// New returns a Validator for doc, which LoadSpec returns. JSON response bodies are checked by
// the stream validator wherever it interprets every keyword of their schema, by kin-openapi
// elsewhere.
func New(doc *openapi3.T) *Validator {
	v := NewReference(doc)
	v.headersOnly = &openapi3filter.Options{}
	*v.headersOnly = *v.opts
	v.headersOnly.ExcludeResponseBody = true
	v.requests = newRequestMemo(v.routes)
	v.bodies = make(map[*openapi3.Schema]*node)
	memo := make(map[*openapi3.Schema]*node)
	for _, e := range v.routes {
		for _, ref := range e.route.Operation.Responses.Map() {
			if ref.Value == nil {
				continue
			}
			for mediaType, media := range ref.Value.Content {
				if !isJSON(mediaType) || media.Schema == nil || media.Schema.Value == nil {
					continue
				}
				if n, err := compile(media.Schema.Value, memo); err == nil {
					v.bodies[media.Schema.Value] = n
				}
			}
		}
	}
	return v
}

// NewReference returns a Validator that checks every body with kin-openapi alone, the reference
// the stream validator is tested against.
func NewReference(doc *openapi3.T) *Validator {
	v := &Validator{
		doc: doc,
		opts: &openapi3filter.Options{
			// Authentication is the server's own layer (constant-time token checks and tenancy);
			// the validator checks shape only.
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			// Statuses the contract does not list are violations, not passes.
			IncludeResponseStatus: true,
			MultiError:            true,
		},
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			v.routes = append(v.routes, &routeEntry{
				segments: strings.Split(strings.Trim(path, "/"), "/"),
				route: &routers.Route{
					Spec: doc, Path: path, PathItem: item, Method: method, Operation: op,
				},
			})
		}
	}
	return v
}

// Doc returns the contract the Validator checks against.
func (v *Validator) Doc() *openapi3.T { return v.doc }

// ErrNoRoute is returned by FindRoute for a path that matches no path of the contract.
var ErrNoRoute = errors.New("no operation of the contract has this path")

// ErrMethodNotAllowed is returned by FindRoute for a path of the contract with a method it does
// not define.
var ErrMethodNotAllowed = errors.New("method not allowed by the contract")

// FindRoute resolves a request path (with BasePath, escaped as on the wire) and method to the
// contract's operation and its path parameters. It returns ErrNoRoute or ErrMethodNotAllowed.
func (v *Validator) FindRoute(method, escapedPath string) (*routers.Route, map[string]string, error) {
	rest, ok := strings.CutPrefix(escapedPath, BasePath+"/")
	if !ok {
		return nil, nil, ErrNoRoute
	}
	parts := strings.Split(rest, "/")
	pathMatched := false
	for _, e := range v.routes {
		params, ok := matchSegments(e.segments, parts)
		if !ok {
			continue
		}
		pathMatched = true
		if e.route.Method == method {
			return e.route, params, nil
		}
	}
	if pathMatched {
		return nil, nil, ErrMethodNotAllowed
	}
	return nil, nil, ErrNoRoute
}

func matchSegments(template, parts []string) (map[string]string, bool) {
	if len(template) != len(parts) {
		return nil, false
	}
	var params map[string]string
	for i, t := range template {
		if name, ok := strings.CutPrefix(t, "{"); ok {
			value, err := url.PathUnescape(parts[i])
			if err != nil || value == "" {
				return nil, false
			}
			if params == nil {
				params = make(map[string]string, 1)
			}
			params[strings.TrimSuffix(name, "}")] = value
			continue
		}
		if t != parts[i] {
			return nil, false
		}
	}
	return params, true
}

// Route returns the contract's operation for a method and a path template of the contract,
// such as GET /users/{userid}/loginlogs, for routers that resolved the path themselves.
func (v *Validator) Route(method, template string) (*routers.Route, bool) {
	for _, e := range v.routes {
		if e.route.Method == method && e.route.Path == template {
			return e.route, true
		}
	}
	return nil, false
}

// Request validates req's parameters and body against route. The request body, if any, is
// restored for the handler. A request identical in everything the contract declares to one that
// passed before passes without kin-openapi looking at it again (memo.go).
func (v *Validator) Request(ctx context.Context, req *http.Request, route *routers.Route, pathParams map[string]string) error {
	var key string
	memoized := false
	if v.requests != nil {
		if key, memoized = v.requests.key(req, route, pathParams); memoized && v.requests.has(key) {
			return nil
		}
	}
	err := openapi3filter.ValidateRequest(ctx, &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: pathParams,
		Route:      route,
		Options:    v.opts,
	})
	if err == nil && memoized {
		v.requests.add(key)
	}
	return err
}

// Response validates a response's status, headers and body against the operation of route.
// The error, if any, lists every violation found (Violations flattens it).
func (v *Validator) Response(ctx context.Context, req *http.Request, route *routers.Route, pathParams map[string]string, status int, header http.Header, body []byte) error {
	n := v.bodyNode(route, status, header)
	if n == nil {
		return v.kinResponse(ctx, req, route, pathParams, status, header, body, v.opts)
	}
	if err := v.kinResponse(ctx, req, route, pathParams, status, header, nil, v.headersOnly); err != nil {
		return err
	}
	if err := validateStream(n, body); err != nil {
		return &openapi3filter.ResponseError{Reason: "response body doesn't match the contract", Err: err}
	}
	return nil
}

// bodyNode returns the compiled schema of the JSON body a response with this status and content
// type must have, or nil when kin-openapi must check the response whole (undocumented status,
// unexpected content type, a schema the stream validator does not interpret).
func (v *Validator) bodyNode(route *routers.Route, status int, header http.Header) *node {
	if v.bodies == nil || route.Operation.Responses == nil {
		return nil
	}
	ref := route.Operation.Responses.Status(status)
	if ref == nil {
		ref = route.Operation.Responses.Default()
	}
	if ref == nil || ref.Value == nil {
		return nil
	}
	media := ref.Value.Content.Get(header.Get("Content-Type"))
	if media == nil || media.Schema == nil {
		return nil
	}
	return v.bodies[media.Schema.Value]
}

func isJSON(mediaType string) bool {
	mediaType = strings.ToLower(mediaType)
	return mediaType == "application/json" || strings.HasSuffix(mediaType, "+json")
}

func (v *Validator) kinResponse(ctx context.Context, req *http.Request, route *routers.Route, pathParams map[string]string, status int, header http.Header, body []byte, opts *openapi3filter.Options) error {
	return openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request:    req,
			PathParams: pathParams,
			Route:      route,
			Options:    v.opts,
		},
		Status:  status,
		Header:  header,
		Body:    io.NopCloser(bytes.NewReader(body)),
		Options: opts,
	})
}
