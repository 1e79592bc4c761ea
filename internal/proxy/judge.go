package proxy

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"

	"github.com/ssojet-tools/loginlogs/internal/metrics"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// maxMemoBody is the largest body judged whole, and remembered once it passed; a longer one is
// judged as it streams (validate's ResponseCheck).
const maxMemoBody = 64 << 10

// judge judges one answer's body as it is written to it: a small body whole once complete, a
// longer one as it streams. A small body identical, with its status and headers, to one that
// passed, passes without kin-openapi looking at it again (verdictMemo).
type judge struct {
	x  *exchange
	ex validate.Exchange

	// buf holds the memo key of the answer (verdictMemo.key) followed by the body, while the
	// body is no longer than maxMemoBody; keyLen is the key's length. It is lent by keyBuffers.
	buf    *[]byte
	keyLen int
	check  *validate.ResponseCheck
	// extra are the violations found beyond kin-openapi's verdict: a redirect or 304 the
	// contract does not document, which kin-openapi does not judge.
	extra    []validate.Violation
	unjudged string // why no verdict, if the body outgrew the limits or did not decode
	encoded  string // why no verdict, if the body is in an encoding the proxy does not decode
	// codings are the content codings of the body (contentCodings): when there are any, the
	// judge is fed the decoded body (feed), not the bytes as they come (write).
	codings []string
	closed  bool
	v       validate.Verdict
}

func newJudge(x *exchange, ex validate.Exchange) *judge {
	j := &judge{x: x, ex: ex}
	j.buf = keyBuffers.Get().(*[]byte)
	*j.buf = x.p.memo.key((*j.buf)[:0], ex)
	j.keyLen = len(*j.buf)
	j.codings, j.encoded = contentCodings(ex.Header)
	switch ex.Status {
	case http.StatusMovedPermanently, http.StatusNotModified, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		// kin-openapi passes these statuses whatever the contract says.
		if !documented(ex.Route.Operation, ex.Status) {
			j.extra = append(j.extra, validate.Violation{In: "status", Want: "a status the contract documents (" + documentedStatuses(ex.Route.Operation) + ")",
				Got:     strconv.Itoa(ex.Status) + " " + http.StatusText(ex.Status) + location(ex.Header),
				Message: "status " + strconv.Itoa(ex.Status) + " is not documented for this operation"})
		}
	}
	return j
}

func location(h http.Header) string {
	if loc := h.Get("Location"); loc != "" {
		return " to " + validate.Shorten(loc, 80)
	}
	return ""
}

func documented(op *openapi3.Operation, status int) bool {
	return validate.ResponseFor(op, status) != nil
}

func documentedStatuses(op *openapi3.Operation) string {
	if op.Responses == nil {
		return ""
	}
	var codes []string
	for code := range op.Responses.Map() {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	return strings.Join(codes, ", ")
}

// write feeds the next bytes of the body as they come, unless the judge is fed the decoded
// body.
func (j *judge) write(p []byte) {
	if len(j.codings) == 0 {
		j.feed(p)
	}
}

// undecodable keeps that the body's encoding did not decode: it gets no verdict.
func (j *judge) undecodable(why string) {
	if j.unjudged == "" {
		j.unjudged = why
	}
}

// feed judges the next bytes of the body.
func (j *judge) feed(p []byte) {
	if j.unjudged != "" || j.encoded != "" || j.closed {
		return
	}
	if j.check == nil {
		if len(*j.buf)-j.keyLen+len(p) <= maxMemoBody {
			*j.buf = append(*j.buf, p...)
			return
		}
		j.check = j.x.p.cfg.Validator.NewResponseCheck(j.x.ctx, j.ex, j.x.p.cfg.Limits)
		_, err := j.check.Write((*j.buf)[j.keyLen:])
		j.release()
		if err != nil {
			j.unjudged = "the answer is too large to judge: " + err.Error()
			return
		}
	}
	if _, err := j.check.Write(p); err != nil {
		j.unjudged = "the answer is too large to judge: " + err.Error()
	}
}

// broke reports whether a violation was found so far, counting broken elements of a member's
// value that a later value replaced since.
func (j *judge) broke() bool { return len(j.extra) > 0 || (j.check != nil && j.check.Broke()) }

// failedForGood reports whether a violation was found that no later part of the body undoes:
// anything but broken elements of a member's value that a later value of the member may replace
// (kin-openapi keeps the last).
func (j *judge) failedForGood() bool {
	return len(j.extra) > 0 || (j.check != nil && j.check.Failed() && !j.check.Replaceable())
}

// tooLarge reports whether the body outgrew what can be judged.
func (j *judge) tooLarge() bool { return j.unjudged != "" }

// settled returns how many bytes of a streamed body hold only judged elements.
func (j *judge) settled() int64 {
	if j.check == nil || !j.check.Streams() {
		return 0
	}
	return j.check.Settled()
}

// close ends the body, records the verdict with the exchange and returns it.
func (j *judge) close() validate.Verdict {
	if j.closed {
		return j.v
	}
	j.closed = true
	defer j.release()
	switch {
	case j.encoded != "":
		return j.noVerdict(j.encoded)
	case j.unjudged != "":
		if j.check != nil {
			j.check.Close()
		}
		return j.noVerdict(j.unjudged)
	case j.check != nil:
		j.v = j.check.Close()
	default:
		j.v = j.whole()
	}
	if j.v.Err != nil {
		j.x.noVerdict("the answer could not be judged: " + j.v.Err.Error())
		return j.v
	}
	j.x.judged = true
	return j.record()
}

// stop ends judging a body that is not read to its end, and records the violations found so
// far.
func (j *judge) stop() validate.Verdict {
	if j.closed {
		return j.v
	}
	j.closed = true
	j.release()
	if j.unjudged != "" {
		return j.noVerdict(j.unjudged)
	}
	if j.check != nil {
		j.v = j.check.Verdict()
		j.check.Close() // stops its workers; the body is cut, so its verdict is not taken
	}
	return j.record()
}

// noVerdict records with the exchange why the answer has no verdict, and returns a verdict of
// that error.
func (j *judge) noVerdict(why string) validate.Verdict {
	j.x.noVerdict(why)
	j.v = validate.Verdict{Err: errors.New(why)}
	return j.v
}

// record puts the violations found beside the body's schema (extra) first in the verdict, and
// records the verdict with the exchange.
func (j *judge) record() validate.Verdict {
	j.v.Violations = append(j.extra, j.v.Violations...)
	j.v.Count += len(j.extra)
	j.x.upstreamViolations(j.v)
	return j.v
}

// discard ends judging without a verdict.
func (j *judge) discard() {
	if !j.closed {
		j.closed = true
		j.release()
		if j.check != nil {
			j.check.Close()
		}
	}
}

// whole judges a small body at once, or finds it in the memo.
func (j *judge) whole() validate.Verdict {
	memo := j.x.p.memo
	if memo.has(*j.buf) {
		return validate.Verdict{}
	}
	v := j.x.p.cfg.Validator.Response(j.x.ctx, j.ex, (*j.buf)[j.keyLen:])
	if v.OK() {
		memo.add(*j.buf)
	}
	return v
}

// release returns the judge's buffer to keyBuffers, unless a key of huge headers made it
// larger than a body judged whole needs.
func (j *judge) release() {
	if j.buf != nil && cap(*j.buf) <= 2*maxMemoBody {
		keyBuffers.Put(j.buf)
	}
	j.buf = nil
}

// keyBuffers lends judges the buffers that hold an answer's memo key and body (at most
// maxMemoBody bytes of body), so that a warm answer allocates none.
var keyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// verdictMemo remembers answers that passed, keyed by everything kin-openapi's verdict on them
// depends on: the operation, the status, the Content-Type and the headers the contract declares
// for the status (or the default response that covers it), and the body's bytes. Warm reads of a user answer the same bytes again and
// again; the memo spares judging them anew. The whole key is kept and compared, so two answers
// share a verdict only when every one of these inputs is the same. It holds at most
// maxMemoBytes of keys, and is emptied when full.
type verdictMemo struct {
	// headers lists, per response of the contract, the names of the headers it declares,
	// canonical and sorted.
	headers map[*openapi3.Response][]string

	mu     sync.Mutex
	passed map[string]struct{}
	bytes  int
}

const maxMemoBytes = 16 << 20

func newVerdictMemo(routes []*routers.Route) *verdictMemo {
	m := &verdictMemo{passed: map[string]struct{}{}, headers: map[*openapi3.Response][]string{}}
	for _, rt := range routes {
		if rt.Operation == nil || rt.Operation.Responses == nil {
			continue
		}
		for _, ref := range rt.Operation.Responses.Map() {
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
	return m
}

// key appends to b the memo key of an answer without its body, which follows it.
func (m *verdictMemo) key(b []byte, ex validate.Exchange) []byte {
	b = append(b, ex.Route.Method...)
	b = append(b, 0)
	b = append(b, ex.Route.Path...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(ex.Status), 10)
	b = append(b, 0)
	b = appendHeader(b, ex.Header, "Content-Type")
	if ref := validate.ResponseFor(ex.Route.Operation, ex.Status); ref != nil && ref.Value != nil {
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

func (m *verdictMemo) has(key []byte) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.passed[string(key)]
	return ok
}

func (m *verdictMemo) add(key []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.bytes+len(key) > maxMemoBytes {
		clear(m.passed)
		m.bytes = 0
	}
	m.passed[string(key)] = struct{}{}
	m.bytes += len(key)
}

// maxDrain is how much of an answer the proxy reads on its own, to judge it, after the client
// stopped reading.
const maxDrain = 1 << 20

// passBody passes the upstream's body to the client as it comes, feeding the judge, if any.
type passBody struct {
	r    io.Reader
	c    io.Closer
	x    *exchange
	j    *judge
	n    int64
	done bool
}

func (b *passBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if n > 0 {
		b.n += int64(n)
		if b.j != nil {
			b.j.write(p[:n])
		}
	}
	b.ended(err)
	return n, err
}

// ended ends the copy when a read of the upstream's body returned err: the body's end or the
// upstream breaking it off.
func (b *passBody) ended(err error) {
	switch {
	case err == io.EOF:
		b.finish()
	case err != nil:
		b.broken(err)
	}
}

func (b *passBody) finish() {
	if b.done {
		return
	}
	b.done = true
	if b.j != nil {
		b.j.close()
	}
}

// broken records an answer the upstream broke off: the violations found before the break (in
// entries that came whole), as enforce mode records them, and no verdict on the whole.
func (b *passBody) broken(err error) {
	if b.done {
		return
	}
	b.done = true
	if b.j != nil {
		b.j.stop()
	}
	b.x.brokeOff(err)
}

// Close ends the copy. An answer the client stopped reading is read on, up to maxDrain more
// bytes, so that it still gets a verdict: a client may well close an answer it does not need.
// That reading ends drainGrace after the client went away, when forward ends the upstream
// exchange, so a slow upstream is not read on.
func (b *passBody) Close() error {
	if !b.done && b.j != nil {
		buf := bufferPool.Get().(*[]byte)
		for left := maxDrain; left > 0 && !b.done; {
			n, err := b.r.Read((*buf)[:min(len(*buf), left)])
			left -= n
			if n > 0 {
				b.j.write((*buf)[:n])
			}
			b.ended(err)
		}
		bufferPool.Put(buf)
	}
	if !b.done {
		b.done = true
		if b.j != nil {
			b.j.discard()
		}
		b.x.abandon()
	}
	b.x.p.metrics.AddBytes(metrics.Response, int(b.n))
	return b.c.Close()
}

// maxHeldBroken is how much of a streamed answer enforce mode holds after a broken element that
// a later value of its member may replace, to learn kin-openapi's verdict at the end: past it,
// the answer is cut as broken.
const maxHeldBroken = 16 << 20

// heldBody passes a streamed answer in enforce mode: each element of its array is sent once it
// passed, the bytes after the last one once the whole answer passed. After a broken element
// nothing more is sent until the verdict: a later value of the array's member may replace it, as
// kin-openapi keeps a member's last value (up to maxHeldBroken bytes held). A violation stops the
// copy with errAborted, which cuts the connection.
type heldBody struct {
	r       io.Reader
	c       io.Closer
	x       *exchange
	j       *judge
	buf     []byte // read from the upstream
	pending []byte // read and not yet released
	out     []byte // released, not yet handed to the copy
	sent    int64  // bytes released
	eof     bool
	n       int64
	holding bool // an element broke: nothing more is released before the verdict
}

func (b *heldBody) Read(p []byte) (int, error) {
	for len(b.out) == 0 {
		if b.eof {
			return 0, io.EOF
		}
		if err := b.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, b.out)
	b.out = b.out[n:]
	b.n += int64(n)
	return n, nil
}

// fill reads the next part of the body, judges it and releases what is settled.
func (b *heldBody) fill() error {
	if b.buf == nil {
		b.buf = make([]byte, 32<<10)
	}
	n, err := b.r.Read(b.buf)
	if n > 0 {
		b.j.feed(b.buf[:n]) // the body as served: decoded, if it was encoded
		b.holding = b.holding || b.j.broke()
		if b.j.failedForGood() || b.j.tooLarge() || (b.holding && len(b.pending)+n > maxHeldBroken) {
			b.j.stop()
			b.x.cut = true
			return errAborted
		}
		b.pending = append(b.pending, b.buf[:n]...)
		if !b.holding {
			b.release()
		}
	}
	switch {
	case err == io.EOF:
		b.eof = true
		if v := b.j.close(); !v.OK() {
			b.x.cut = true
			return errAborted
		}
		b.out = append(b.out, b.pending...)
		b.pending = nil
	case err != nil:
		var de *decodeError
		if errors.As(err, &de) {
			b.j.undecodable(de.Error())
			b.j.stop()
			b.x.cut = true
			return errAborted
		}
		b.j.stop()
		b.x.brokeOff(err)
		return err
	}
	return nil
}

// release moves the settled bytes of pending to out.
func (b *heldBody) release() {
	if k := int(b.j.settled() - b.sent); k > 0 {
		b.out = append(b.out, b.pending[:k]...)
		b.pending = append(b.pending[:0], b.pending[k:]...)
		b.sent += int64(k)
	}
}

func (b *heldBody) Close() error {
	if !b.j.closed {
		b.j.discard()
		b.x.abandon()
	}
	b.x.p.metrics.AddBytes(metrics.Response, int(b.n))
	return b.c.Close()
}
