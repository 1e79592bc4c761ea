package validate

import (
	"maps"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// BasePath is the path prefix the contract's paths live under, on SSOJet and on the reference
// server alike (the path part of both `servers` URLs).
const BasePath = "/api/v1"

// Router resolves a request to the operation of the contract it calls: kin-openapi's gorillamux
// router over the contract's paths below BasePath, on any host (never by the host of a `servers`
// entry), so that the same router serves the reference server on any address and judges
// SSOJet's answers. It matches the path as sent, percent-encoded, so an id holding an encoded
// '/' is one segment.
type Router struct {
	r   routers.Router
	err error // why kin-openapi could not build the router, returned by every Find

	// found remembers the operation and path parameters of the requests routed so far, by
	// method and escaped path, all the router's answer depends on: a warm request is not matched
	// against the contract's paths again (BenchmarkProxyWarm24). It holds at most maxFound
	// entries of keys up to maxFoundKey bytes.
	found bounded[routed]
}

type routed struct {
	rt     *routers.Route
	params map[string]string
}

const (
	maxFound    = 4096
	maxFoundKey = 512
)

// NewRouter returns a Router over the operations of doc.
func NewRouter(doc *openapi3.T) *Router {
	d := *doc
	d.Servers = openapi3.Servers{{URL: BasePath}}
	r, err := gorillamux.NewRouter(&d)
	return &Router{r: r, err: err, found: newBounded[routed](maxFound)}
}

// Router returns the Router over the operations of the Validator's contract.
func (v *Validator) Router() *Router { return v.router }

// Find returns the operation req calls and its path parameters, unescaped: kin-openapi's routers
// return them as sent, and ValidateRequest judges the values they stand for (as oapi-codegen's
// echo middleware does). It returns routers.ErrPathNotFound or routers.ErrMethodNotAllowed.
func (r *Router) Find(req *http.Request) (*routers.Route, map[string]string, error) {
	if r.err != nil {
		return nil, nil, r.err
	}
	var buf [256]byte
	key := append(append(append(buf[:0], req.Method...), ' '), req.URL.EscapedPath()...)
	if hit, ok := r.found.get(key); ok {
		return hit.rt, maps.Clone(hit.params), nil
	}
	rt, params, err := r.r.FindRoute(req)
	if err != nil {
		return nil, nil, err
	}
	for name, value := range params {
		if params[name], err = url.PathUnescape(value); err != nil {
			return nil, nil, routers.ErrPathNotFound
		}
	}
	if len(key) <= maxFoundKey {
		r.found.put(key, routed{rt, maps.Clone(params)}, 1)
	}
	return rt, params, nil
}

// Allow lists the methods the contract defines on req's path, for the Allow header of a 405.
func (r *Router) Allow(req *http.Request) string {
	var methods []string
	if r.err != nil {
		return ""
	}
	probe := *req
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions} {
		probe.Method = m
		if _, _, err := r.r.FindRoute(&probe); err == nil {
			methods = append(methods, m)
		}
	}
	return strings.Join(methods, ", ")
}

// Operation returns the operation of doc with the given operationId.
func Operation(doc *openapi3.T, operationID string) (*routers.Route, bool) {
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == operationID {
				return &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op}, true
			}
		}
	}
	return nil, false
}

// PathRoutes returns the operations doc declares on path, one route per method.
func PathRoutes(doc *openapi3.T, path string) []*routers.Route {
	item := doc.Paths.Value(path)
	if item == nil {
		return nil
	}
	var out []*routers.Route
	for method, op := range item.Operations() {
		out = append(out, &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op})
	}
	return out
}
