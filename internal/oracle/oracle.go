// Package oracle is what the tests judge with: kin-openapi's own router, ValidateRequest and
// ValidateResponse on whole messages, with none of this project's validation code in between.
// The code under test (package validate and everything built on it) must agree with it.
package oracle

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// Oracle judges messages against one contract.
type Oracle struct {
	doc    *openapi3.T
	router routers.Router
	opts   *openapi3filter.Options
}

// New loads the contract in data (as package spec does, with its strict formats) and routes
// requests by path under /api/v1 on any host.
func New(data []byte) (*Oracle, error) {
	doc, err := spec.Load(data)
	if err != nil {
		return nil, err
	}
	doc.Servers = openapi3.Servers{{URL: "/api/v1"}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("router: %w", err)
	}
	return &Oracle{doc: doc, router: router, opts: &openapi3filter.Options{
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus:   true,
		MultiError:              true,
		SchemaValidationOptions: doc.GetSchemaValidationOptions(),
	}}, nil
}

// Doc returns the oracle's own copy of the contract.
func (o *Oracle) Doc() *openapi3.T { return o.doc }

func (o *Oracle) input(req *http.Request) (*openapi3filter.RequestValidationInput, error) {
	r := req.Clone(context.Background())
	r.Host, r.URL.Host, r.URL.Scheme = "", "", ""
	rt, params, err := o.router.FindRoute(r)
	if err != nil {
		return nil, fmt.Errorf("route %s %s: %w", req.Method, req.URL.Path, err)
	}
	// kin-openapi's routers return path parameters as sent, percent-encoded; ValidateRequest
	// judges the values they stand for, so they are unescaped between the two, as oapi-codegen's
	// echo middleware does (oapi-codegen/echo-middleware#43, getkin/kin-openapi#1089).
	for name, value := range params {
		if unescaped, err := url.PathUnescape(value); err == nil {
			params[name] = unescaped
		}
	}
	return &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: rt, Options: o.opts}, nil
}

// Request returns kin-openapi's verdict on a request: nil when it is valid.
func (o *Oracle) Request(req *http.Request) error {
	in, err := o.input(req)
	if err != nil {
		return err
	}
	return openapi3filter.ValidateRequest(context.Background(), in)
}

// Response returns kin-openapi's verdict on the response to req: nil when it is valid.
func (o *Oracle) Response(req *http.Request, status int, header http.Header, body []byte) error {
	in, err := o.input(req)
	if err != nil {
		return err
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                o.opts,
	})
}

// Pointers lists the JSON pointers of the schema errors in a verdict of kin-openapi, in the
// order kin-openapi gives them; a body that does not decode is "(not JSON)", any other error
// (the status, a header) "(other)".
func Pointers(err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case openapi3.MultiError:
			for _, inner := range e {
				walk(inner)
			}
		case *openapi3.SchemaError:
			var b strings.Builder
			for _, p := range e.JSONPointer() {
				b.WriteString("/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(p))
			}
			out = append(out, b.String())
		case *openapi3filter.ResponseError:
			if e.Reason == "failed to decode response body" {
				out = append(out, "(not JSON)")
				return
			}
			if e.Err == nil || strings.HasPrefix(e.Reason, "response header ") {
				out = append(out, "(other)") // not in the body: a status, a media type, a header
				return
			}
			walk(e.Err)
		default: // a *openapi3filter.RequestError among others
			if inner := errors.Unwrap(err); inner != nil {
				walk(inner)
				return
			}
			out = append(out, "(other)")
		}
	}
	walk(err)
	return out
}

// Trailing reports whether body holds more than white space after its first JSON value, read as
// kin-openapi's decoder reads it (encoding/json, numbers as json.Number): the one violation this
// project reports beyond kin-openapi's verdict (RFC 8259: a JSON text is one value). A body whose
// first value does not decode has no trailing data; kin-openapi refuses it anyway.
func Trailing(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return false
	}
	return len(bytes.Trim(body[dec.InputOffset():], " \t\r\n")) > 0 // JSON's white space only
}

// Depth returns the deepest nesting of arrays and objects in body's first JSON value, read
// token by token by encoding/json's Decoder as far as it is JSON: the project refuses a body
// deeper than jsonstream.MaxDepth as not JSON, the second place its verdict is stricter than
// kin-openapi's (whose decoder allows 10,000 levels).
func Depth(body []byte) int {
	dec := json.NewDecoder(bytes.NewReader(body))
	depth, deepest := 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return deepest
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
			deepest = max(deepest, depth)
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
		if depth == 0 {
			return deepest
		}
	}
}
