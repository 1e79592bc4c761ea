package validate

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// verdictMemo remembers the requests and the bodies judged whole that passed, each keyed by
// everything kin-openapi's verdict on it depends on. For an answer: the operation, the status,
// the Content-Type and the headers the contract declares for the status (or the default
// response that covers it), and the body's bytes. For a request of an operation without a
// body: the operation, its path and query as sent and the headers its parameters declare. A
// proxy in front of warm reads sees the same exchange again and again; the memo spares judging
// it anew
// (BenchmarkProxyWarm24, docs/benchmarks.md). The whole key is kept and compared, so two
// exchanges share a verdict only when every one of these inputs is the same. It holds at most
// maxMemoBytes of keys.
type verdictMemo struct {
	// headers lists, per response of the contract, the names of the headers it declares,
	// canonical and sorted.
	headers map[*openapi3.Response][]string
	// params lists, per operation whose requests are remembered, the headers its parameters
	// declare, canonical and sorted (Cookie for cookie parameters). An operation with a request
	// body, or a parameter with a default (kin-openapi writes it into the request), is absent.
	params map[*openapi3.Operation][]string
	passed bounded[struct{}]
}

// bounded is a map of keys to values that holds at most max of their cost, emptied when full;
// safe for concurrent use. It is the verdict memo's and the router's memory.
type bounded[V any] struct {
	mu        sync.Mutex
	m         map[string]V
	cost, max int
}

func newBounded[V any](max int) bounded[V] { return bounded[V]{m: map[string]V{}, max: max} }

func (b *bounded[V]) get(key []byte) (V, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	v, ok := b.m[string(key)]
	return v, ok
}

// put keeps v under key at cost, emptying the map first when it would hold more than max.
func (b *bounded[V]) put(key []byte, v V, cost int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cost+cost > b.max {
		clear(b.m)
		b.cost = 0
	}
	b.m[string(key)] = v
	b.cost += cost
}

const (
	// maxMemoBody is the largest body remembered.
	maxMemoBody  = 64 << 10
	maxMemoBytes = 16 << 20
)

func newVerdictMemo(doc *openapi3.T) *verdictMemo {
	m := &verdictMemo{passed: newBounded[struct{}](maxMemoBytes), headers: map[*openapi3.Response][]string{}, params: map[*openapi3.Operation][]string{}}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if names, ok := paramHeaders(item, op); ok {
				m.params[op] = names
			}
			if op.Responses == nil {
				continue
			}
			for _, ref := range op.Responses.Map() {
				if ref == nil || ref.Value == nil {
					continue
				}
				names := make([]string, 0, len(ref.Value.Headers))
				for name := range ref.Value.Headers {
					names = append(names, http.CanonicalHeaderKey(name))
				}
				slices.Sort(names)
				m.headers[ref.Value] = names
			}
		}
	}
	return m
}

// paramHeaders lists the headers op's parameters are read from, or reports that its requests
// are not remembered: they have a body, or validating them writes a default into them.
func paramHeaders(item *openapi3.PathItem, op *openapi3.Operation) ([]string, bool) {
	if op.RequestBody != nil {
		return nil, false
	}
	var names []string
	for _, ref := range slices.Concat(item.Parameters, op.Parameters) {
		p := ref.Value
		if p == nil || (p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Default != nil) {
			return nil, false
		}
		switch p.In {
		case openapi3.ParameterInHeader:
			names = append(names, http.CanonicalHeaderKey(p.Name))
		case openapi3.ParameterInCookie:
			names = append(names, "Cookie")
		}
	}
	slices.Sort(names)
	return slices.Compact(names), true
}

// requestKey appends to b the memo key of a request, and reports false for one that is not
// remembered.
func (m *verdictMemo) requestKey(b []byte, req *http.Request, route *routers.Route) ([]byte, bool) {
	names, ok := m.params[route.Operation]
	if !ok {
		return b, false
	}
	b = append(b, 'Q')
	b = append(b, route.Method...)
	b = append(b, 0)
	b = append(b, route.Path...)
	b = append(b, 0)
	b = append(b, req.URL.EscapedPath()...)
	b = append(b, 0)
	b = append(b, req.URL.RawQuery...)
	b = append(b, 0)
	for _, name := range names {
		b = appendHeader(b, req.Header, name)
	}
	return b, true
}

// key appends to b the memo key of an answer without its body, which follows it.
func (m *verdictMemo) key(b []byte, ex Exchange) []byte {
	b = append(b, 'A')
	b = append(b, ex.Route.Method...)
	b = append(b, 0)
	b = append(b, ex.Route.Path...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(ex.Status), 10)
	b = append(b, 0)
	b = appendHeader(b, ex.Header, "Content-Type")
	if ref := ResponseFor(ex.Route.Operation, ex.Status); ref != nil && ref.Value != nil {
		for _, name := range m.headers[ref.Value] {
			b = appendHeader(b, ex.Header, name)
		}
	}
	return b
}

// appendHeader appends a header's values, telling an absent header from an empty one. name is
// canonical.
func appendHeader(b []byte, h http.Header, name string) []byte {
	values, ok := h[name]
	if !ok {
		b = append(b, 2)
	}
	for _, v := range values {
		b = append(b, v...)
		b = append(b, 1)
	}
	return append(b, 0)
}

// keyBuffers lends the buffers that hold a memo key and its body, so that a warm answer
// allocates none.
var keyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

func keyBuffer() *[]byte { return keyBuffers.Get().(*[]byte) }

// putKeyBuffer returns a buffer to keyBuffers, unless a key of huge headers grew it.
func putKeyBuffer(buf *[]byte) {
	if cap(*buf) <= 2*maxMemoBody {
		keyBuffers.Put(buf)
	}
}

// remembered judges a body whole as Response does, or finds that it passed before.
func (v *Validator) remembered(ctx context.Context, ex Exchange, body []byte) Verdict {
	if len(body) > maxMemoBody || ex.Route == nil {
		return v.Response(ctx, ex, body)
	}
	buf := keyBuffer()
	defer putKeyBuffer(buf)
	*buf = append(v.memo.key((*buf)[:0], ex), body...)
	return recall(v.memo, *buf, func() (Verdict, bool) {
		verdict := v.Response(ctx, ex, body)
		return verdict, verdict.OK()
	})
}

// recall returns the zero T, a pass, when key passed before; else judge's verdict, keeping key
// when it passed.
func recall[T any](m *verdictMemo, key []byte, judge func() (T, bool)) T {
	if _, ok := m.passed.get(key); ok {
		var pass T
		return pass
	}
	t, passed := judge()
	if passed {
		m.passed.put(key, struct{}{}, len(key))
	}
	return t
}

// Remembered returns how many answers the memo holds.
func (v *Validator) Remembered() int {
	v.memo.passed.mu.Lock()
	defer v.memo.passed.mu.Unlock()
	return len(v.memo.passed.m)
}
