package validate

import (
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// Request validation is a function of what the contract declares of a request: the route, the
// path parameters, the query string and the declared headers (with bearer authentication left
// to the server, nothing else). A server that is asked for the same user again and again sees
// the same request again and again, and kin-openapi spent about a tenth of such a request
// validating it anew. requestMemo remembers the requests that passed, by exactly those inputs;
// a request that differs in any of them is validated again. Operations with a body or cookie
// parameters are never memoized.

// maxMemoizedRequests bounds the memo; when it is full it is emptied and refills.
const maxMemoizedRequests = 4096

type requestMemo struct {
	mu      sync.Mutex
	passed  map[string]struct{}
	headers map[*openapi3.Operation][]string // the declared header parameters of memoizable operations
}

func newRequestMemo(routes []*routers.Route) *requestMemo {
	m := &requestMemo{passed: make(map[string]struct{}), headers: make(map[*openapi3.Operation][]string)}
	for _, rt := range routes {
		if names, ok := declaredHeaders(rt); ok {
			m.headers[rt.Operation] = names
		}
	}
	return m
}

// declaredHeaders lists the header parameters of route, or reports that the route's requests
// depend on more than the memo keys on (a body, cookies) or that validation changes them
// (kin-openapi writes a parameter's default into the request).
func declaredHeaders(route *routers.Route) ([]string, bool) {
	if route.Operation.RequestBody != nil {
		return nil, false
	}
	var names []string
	for _, params := range []openapi3.Parameters{route.PathItem.Parameters, route.Operation.Parameters} {
		for _, ref := range params {
			if ref.Value == nil || (ref.Value.Schema != nil && ref.Value.Schema.Value != nil && ref.Value.Schema.Value.Default != nil) {
				return nil, false
			}
			switch ref.Value.In {
			case openapi3.ParameterInHeader:
				names = append(names, http.CanonicalHeaderKey(ref.Value.Name))
			case openapi3.ParameterInCookie:
				return nil, false
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names), true
}

// key returns the memo key of a request, and false for a route that is not memoized.
func (m *requestMemo) key(req *http.Request, route *routers.Route, pathParams map[string]string) (string, bool) {
	headers, ok := m.headers[route.Operation]
	if !ok {
		return "", false
	}
	var b strings.Builder
	b.WriteString(route.Method)
	b.WriteByte(0)
	b.WriteString(route.Path)
	b.WriteByte(0)
	names := make([]string, 0, len(pathParams))
	for name := range pathParams {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		b.WriteString(name)
		b.WriteByte('=')
		b.WriteString(pathParams[name])
		b.WriteByte(0)
	}
	b.WriteString(req.URL.RawQuery)
	for _, name := range headers {
		b.WriteByte(0)
		for i, value := range req.Header[name] {
			if i > 0 {
				b.WriteByte(1)
			}
			b.WriteString(value)
		}
		if _, present := req.Header[name]; !present {
			b.WriteByte(2) // absent differs from empty
		}
	}
	return b.String(), true
}

func (m *requestMemo) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.passed)
}

func (m *requestMemo) has(key string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.passed[key]
	return ok
}

func (m *requestMemo) add(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.passed) >= maxMemoizedRequests {
		clear(m.passed)
	}
	m.passed[key] = struct{}{}
}
