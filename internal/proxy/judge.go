package proxy

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/ssojet-tools/loginlogs/internal/coding"
	"github.com/ssojet-tools/loginlogs/internal/metrics"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// body passes the upstream's answer to the client, judged through the validator's gate
// (validate.Gate), whose Sink it is. In report mode the answer passes as it comes, the gate
// beside the copy (fed the decoded body by teeDecoding when it is encoded). In enforce mode (hold)
// it passes as the gate lets it through (out): a small answer once judged whole, a streamed one
// element by element, the bytes after the last element once the whole answer passed; a
// violation found after the answer started stops the copy with validate.ErrCut, which cuts the
// connection. An answer outside the contract's paths passes unjudged (closed from the start).
type body struct {
	r io.Reader // what is read: the upstream's body, decoded when enforce mode serves it decoded
	c io.Closer // the upstream's body
	x *exchange
	g *validate.Gate
	// codings are the content codings of the body (coding.Codings): when there are any, the
	// gate is fed the decoded body.
	codings []string
	hold    bool
	// out is what passed the gate, not yet read (enforce): the gate's own bytes, which it
	// keeps until the next Write (validate.Sink), or a copy when two sends pile up.
	out []byte
	buf *[]byte // enforce: read from the upstream, lent by bufferPool
	// replaced: the gate refused the answer before any of it was sent (enforce answers 502).
	replaced bool
	eof      bool // the upstream's body ended or broke off
	closed   bool // judging ended
	v        validate.Verdict
	n        int64
	// started: modifyResponse let the answer go to the client. A break before it is
	// upstreamFailed's to answer (502); after it, the connection is cut.
	started bool
	// broke is the upstream's error that broke off the answer, returned by the Read after the
	// one that passed the last bytes before it (report).
	broke error
}

// judge makes the body judged by a gate for the answer of ex, held in enforce mode.
func (b *body) judge(ex validate.Exchange, hold bool) {
	b.closed, b.hold = false, hold
	codings, encoded := coding.Codings(ex.Header)
	if ex.Request.Method == http.MethodHead || ex.Status == http.StatusNotModified || ex.Status == http.StatusNoContent || ex.Status < 200 {
		codings, encoded = nil, "" // no body to decode: the answer passes as it came
	}
	b.codings = codings
	// Violations found beyond kin-openapi's verdict: a redirect or 304 the contract does not
	// document, which kin-openapi does not judge.
	var beyond []validate.Violation
	switch ex.Status {
	case http.StatusMovedPermanently, http.StatusNotModified, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		if encoded == "" && validate.ResponseFor(ex.Route.Operation, ex.Status) == nil {
			beyond = append(beyond, validate.Violation{In: "status", Want: "a status the contract documents (" + validate.DocumentedStatuses(ex.Route.Operation) + ")",
				Got:     validate.StatusGot(ex.Status, ex.Header),
				Message: "status " + strconv.Itoa(ex.Status) + " is not documented for this operation"})
		}
	}
	b.g = b.x.p.cfg.Validator.NewGate(b.x.ctx, ex, b, validate.GateOptions{Policy: b.x.p.cfg.Mode, Limits: b.x.p.cfg.Limits, Hold: maxHeld, Beyond: beyond})
	if encoded != "" {
		b.g.Unjudged(errors.New(encoded))
	}
}

// Start, Write and Replace make the body the gate's Sink.
func (b *body) Start() error { return nil } // the copy sends the status and headers
func (b *body) Write(p []byte) (int, error) {
	switch {
	case !b.hold:
	case len(b.out) == 0:
		b.out = p[:len(p):len(p)] // appending to it copies
	default:
		b.out = append(b.out, p...)
	}
	return len(p), nil
}
func (b *body) Replace(validate.Verdict) { b.replaced = true }

// feed judges the next bytes of the body; validate.ErrCut says the answer is to be cut.
func (b *body) feed(p []byte) error {
	if b.closed {
		return nil
	}
	_, err := b.g.Write(p)
	return err
}

// close ends the body, records the verdict with the exchange and returns it, with
// validate.ErrCut when the answer is to be cut.
func (b *body) close() (validate.Verdict, error) {
	if b.closed {
		return b.v, nil
	}
	b.closed = true
	var err error
	b.v, err = b.g.Close()
	b.x.judged = b.record()
	return b.v, err
}

// record keeps the verdict with the exchange, its violations or that there is none, and
// reports whether there is one.
func (b *body) record() bool {
	if b.v.Err != nil {
		b.x.unjudged = true
		return false
	}
	b.x.upstreamVs = append(b.x.upstreamVs, b.v.Violations...)
	b.x.upstreamCount += b.v.Count
	return true
}

// ended ends the body when a read of the upstream's body returned err: at the body's end (or
// where it stopped decoding, which leaves it without a verdict), the verdict, with
// validate.ErrCut when the answer is to be cut; when the upstream broke it off, the violations
// found before the break (in entries that came whole) and no verdict on the whole, the
// upstream's failure and, once the answer started, the connection cut.
func (b *body) ended(err error) error {
	if err == nil || b.eof {
		return nil
	}
	b.eof = true
	var de *coding.DecodeError
	if err != io.EOF && !errors.As(err, &de) {
		if !b.closed {
			b.closed = true
			b.v = b.g.Stop()
			b.record()
		}
		b.x.unjudged = true
		if b.started && b.x.failed(err) {
			b.x.cut = true
		}
		return err
	}
	if de != nil {
		b.g.Unjudged(de)
	}
	if _, err := b.close(); err != nil {
		b.x.cut = true
		return err
	}
	return nil
}

func (b *body) Read(p []byte) (int, error) {
	if !b.hold {
		if b.broke != nil {
			return 0, b.breakOff()
		}
		n, err := b.r.Read(p)
		if n > 0 {
			b.n += int64(n)
			if len(b.codings) == 0 {
				b.feed(p[:n])
			}
		}
		b.ended(err)
		if err != nil && err != io.EOF {
			b.broke = err
			if n > 0 {
				return n, nil // the copy sends these bytes, then reads the error
			}
			return 0, b.breakOff()
		}
		return n, err
	}
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

// breakOff sends the client what the copy wrote of an answer the upstream broke off, status
// and headers included, before httputil ends the answer by closing the connection unflushed
// (report mode passes the answer as the upstream sent it), and returns the upstream's error.
func (b *body) breakOff() error {
	http.NewResponseController(b.x.w).Flush()
	return b.broke
}

// fill reads the next part of the body and passes it through the gate (enforce).
func (b *body) fill() error {
	if b.buf == nil {
		b.buf = bufferPool.Get().(*[]byte)
	}
	n, err := b.r.Read(*b.buf)
	if n > 0 {
		if err := b.feed((*b.buf)[:n]); err != nil { // the body as served: decoded, if it was encoded
			b.close()
			b.x.cut = true
			return err
		}
	}
	return b.ended(err)
}

// maxDrain is how much of an answer the proxy reads on its own, to judge it, after the client
// stopped reading.
const maxDrain = 1 << 20

// Close ends the copy. In report mode an answer the client stopped reading is read on, up to
// maxDrain more bytes, so that it still gets a verdict: a client may well close an answer it
// does not need. That reading ends drainGrace after the client went away, when forward ends the
// upstream exchange, so a slow upstream is not read on.
func (b *body) Close() error {
	if !b.hold && !b.closed {
		buf := bufferPool.Get().(*[]byte)
		for left := maxDrain; left > 0 && !b.eof; {
			n, err := b.r.Read((*buf)[:min(len(*buf), left)])
			left -= n
			if n > 0 && len(b.codings) == 0 {
				b.feed((*buf)[:n])
			}
			b.ended(err)
		}
		bufferPool.Put(buf)
	}
	if !b.eof && !b.x.cut {
		b.eof = true
		if !b.closed {
			b.closed = true
			b.g.Discard()
		}
		b.x.abandoned = true
	}
	if b.g != nil {
		b.out = nil
		b.g.Release()
	}
	if b.buf != nil {
		bufferPool.Put(b.buf)
		b.buf = nil
	}
	b.x.p.cfg.Metrics.AddBytes(metrics.Response, int(b.n))
	return b.c.Close()
}
