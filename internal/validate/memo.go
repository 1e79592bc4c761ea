package validate

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// verdictMemo remembers the bodies judged whole that passed, keyed by everything kin-openapi's
// verdict on them depends on: the operation, the status, the Content-Type and the headers the
// contract declares for the status (or the default response that covers it), and the body's
// bytes. A proxy in front of warm reads sees the same answer again and again; the memo spares
// judging it anew (BenchmarkProxyWarm24, docs/benchmarks.md). The whole key is kept and
// compared, so two answers share a verdict only when every one of these inputs is the same. It
// holds at most maxMemoBytes of keys, and is emptied when full.
type verdictMemo struct {
	// headers lists, per response of the contract, the names of the headers it declares,
	// canonical and sorted.
	headers map[*openapi3.Response][]string

	mu     sync.Mutex
	passed map[string]struct{}
	bytes  int
}

const (
	// maxMemoBody is the largest body remembered.
	maxMemoBody  = 64 << 10
	maxMemoBytes = 16 << 20
)

func newVerdictMemo(doc *openapi3.T) *verdictMemo {
	m := &verdictMemo{passed: map[string]struct{}{}, headers: map[*openapi3.Response][]string{}}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
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

// key appends to b the memo key of an answer without its body, which follows it.
func (m *verdictMemo) key(b []byte, ex Exchange) []byte {
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

// remembered judges a body whole as Response does, or finds that it passed before.
func (v *Validator) remembered(ctx context.Context, ex Exchange, body []byte) Verdict {
	if len(body) > maxMemoBody || ex.Route == nil {
		return v.Response(ctx, ex, body)
	}
	buf := keyBuffers.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= 2*maxMemoBody { // a key of huge headers is not kept
			keyBuffers.Put(buf)
		}
	}()
	*buf = append(v.memo.key((*buf)[:0], ex), body...)
	m := v.memo
	m.mu.Lock()
	_, ok := m.passed[string(*buf)]
	m.mu.Unlock()
	if ok {
		return Verdict{}
	}
	verdict := v.Response(ctx, ex, body)
	if verdict.OK() {
		m.mu.Lock()
		if m.bytes+len(*buf) > maxMemoBytes {
			clear(m.passed)
			m.bytes = 0
		}
		m.passed[string(*buf)] = struct{}{}
		m.bytes += len(*buf)
		m.mu.Unlock()
	}
	return verdict
}

// Remembered returns how many answers the memo holds.
func (v *Validator) Remembered() int {
	v.memo.mu.Lock()
	defer v.memo.mu.Unlock()
	return len(v.memo.passed)
}
