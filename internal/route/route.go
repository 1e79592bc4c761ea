// Package route resolves a request's method and path to the operation of the contract it calls.
// Paths are matched against the contract's path templates below BasePath, never by the host of a
// `servers` entry: the same router serves the reference server on any address and judges SSOJet's
// production answers.
package route

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// BasePath is the path prefix the contract's paths live under, on SSOJet and on the reference
// server alike (the path part of both `servers` URLs).
const BasePath = "/api/v1"

// ErrNoRoute is returned by Find for a path that matches no path of the contract.
var ErrNoRoute = errors.New("no operation of the contract has this path")

// ErrMethodNotAllowed is returned by Find for a path of the contract with a method it does not
// define.
var ErrMethodNotAllowed = errors.New("method not allowed by the contract")

// Router holds the operations of one contract.
type Router struct {
	doc    *openapi3.T
	routes []entry
}

type entry struct {
	segments []string // the path template split on "/", e.g. users, {userid}, loginlogs
	route    *routers.Route
}

// New returns a Router over the operations of doc.
func New(doc *openapi3.T) *Router {
	r := &Router{doc: doc}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			r.routes = append(r.routes, entry{
				segments: strings.Split(strings.Trim(path, "/"), "/"),
				route:    &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op},
			})
		}
	}
	return r
}

// Routes returns every operation of the contract.
func (r *Router) Routes() []*routers.Route {
	out := make([]*routers.Route, len(r.routes))
	for i, e := range r.routes {
		out[i] = e.route
	}
	return out
}

// Find resolves a request path (with BasePath, escaped as on the wire) and method to the
// contract's operation and its path parameters. It returns ErrNoRoute or ErrMethodNotAllowed.
func (r *Router) Find(method, escapedPath string) (*routers.Route, map[string]string, error) {
	rest, ok := strings.CutPrefix(escapedPath, BasePath+"/")
	if !ok {
		return nil, nil, ErrNoRoute
	}
	parts := strings.Split(rest, "/")
	pathMatched := false
	for _, e := range r.routes {
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

// Operation returns the operation with the given operationId.
func (r *Router) Operation(operationID string) (*routers.Route, bool) {
	for _, e := range r.routes {
		if e.route.Operation.OperationID == operationID {
			return e.route, true
		}
	}
	return nil, false
}

// Allow lists the methods the contract defines on a path, for the Allow header of a 405.
func (r *Router) Allow(escapedPath string) string {
	var methods []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions} {
		if _, _, err := r.Find(m, escapedPath); err == nil {
			methods = append(methods, m)
		}
	}
	return strings.Join(methods, ", ")
}
