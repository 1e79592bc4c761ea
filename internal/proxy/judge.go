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

// judge judges one answer's body as it is written to it, through the validator's gate
// (validate.Gate): in report mode beside the copy, in enforce mode as the gate the answer passes
// through. It is the gate's Sink: what passed waits in out for the copy, which sends the status
// and headers itself.
type judge struct {
	x *exchange
	g *validate.Gate
	// codings are the content codings of the body (contentCodings): when there are any, the
	// judge is fed the decoded body (feed), not the bytes as they come (write).
	codings []string
	encoded string // why no verdict, if the body is in an encoding the proxy does not decode
	out     []byte // enforce: what passed the gate, not yet handed to the copy
	// replaced: the gate refused the answer before any of it was sent (enforce answers 502).
	replaced bool
	closed   bool
	v        validate.Verdict
}

func newJudge(x *exchange, ex validate.Exchange) *judge {
	j := &judge{x: x}
	j.codings, j.encoded = coding.Codings(ex.Header)
	// Violations found beyond kin-openapi's verdict: a redirect or 304 the contract does not
	// document, which kin-openapi does not judge.
	var beyond []validate.Violation
	switch ex.Status {
	case http.StatusMovedPermanently, http.StatusNotModified, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		if validate.ResponseFor(ex.Route.Operation, ex.Status) == nil {
			beyond = append(beyond, validate.Violation{In: "status", Want: "a status the contract documents (" + validate.DocumentedStatuses(ex.Route.Operation) + ")",
				Got:     validate.StatusGot(ex.Status, ex.Header),
				Message: "status " + strconv.Itoa(ex.Status) + " is not documented for this operation"})
		}
	}
	j.g = x.p.cfg.Validator.NewGate(x.ctx, ex, j, validate.GateOptions{Policy: x.p.cfg.Mode, Limits: x.p.cfg.Limits, Hold: maxHeld, Beyond: beyond})
	return j
}

// Start, Write and Replace make the judge the gate's Sink.
func (j *judge) Start() error { return nil } // the copy sends the status and headers
func (j *judge) Write(p []byte) (int, error) {
	if j.x.p.cfg.Mode == validate.Enforce {
		j.out = append(j.out, p...)
	}
	return len(p), nil
}
func (j *judge) Replace(validate.Verdict) { j.replaced = true }

// write feeds the next bytes of the body as they come, unless the judge is fed the decoded
// body.
func (j *judge) write(p []byte) {
	if len(j.codings) == 0 {
		j.feed(p)
	}
}

// feed judges the next bytes of the body; validate.ErrCut says the answer is to be cut.
func (j *judge) feed(p []byte) error {
	if j.encoded != "" || j.closed {
		return nil
	}
	_, err := j.g.Write(p)
	return err
}

// close ends the body, records the verdict with the exchange and returns it, with
// validate.ErrCut when the answer is to be cut.
func (j *judge) close() (validate.Verdict, error) {
	if j.closed {
		return j.v, nil
	}
	j.closed = true
	var err error
	if j.encoded != "" {
		j.v = validate.Verdict{Err: errors.New(j.encoded)}
	} else {
		j.v, err = j.g.Close()
	}
	j.x.judged = j.record()
	return j.v, err
}

// stop ends judging a body that is not read to its end, and records the violations found so
// far.
func (j *judge) stop() {
	if !j.closed {
		j.closed = true
		j.v = j.g.Stop()
		j.record()
	}
}

// record keeps the verdict with the exchange, its violations or why there is none, and
// reports whether there is one.
func (j *judge) record() bool {
	if j.v.Err != nil {
		j.x.noVerdict(j.v.Err.Error())
		return false
	}
	j.x.upstreamVs = append(j.x.upstreamVs, j.v.Violations...)
	j.x.upstreamCount += j.v.Count
	return true
}

// discard ends judging without a verdict.
func (j *judge) discard() {
	if !j.closed {
		j.closed = true
		j.g.Discard()
	}
}

// maxDrain is how much of an answer the proxy reads on its own, to judge it, after the client
// stopped reading.
const maxDrain = 1 << 20

// passBody passes the upstream's body to the client as it comes, feeding the judge (closed
// from the start for an answer not judged).
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
		b.j.write(p[:n])
	}
	b.ended(err)
	return n, err
}

// ended ends the copy when a read of the upstream's body returned err: at the body's end, the
// judge's verdict; when the upstream broke it off, the violations found before the break (in
// entries that came whole), as enforce mode records them, and no verdict on the whole.
func (b *passBody) ended(err error) {
	if err == nil || b.done {
		return
	}
	b.done = true
	if err == io.EOF {
		b.j.close()
		return
	}
	b.j.stop()
	b.x.brokeOff(err)
}

// Close ends the copy. An answer the client stopped reading is read on, up to maxDrain more
// bytes, so that it still gets a verdict: a client may well close an answer it does not need.
// That reading ends drainGrace after the client went away, when forward ends the upstream
// exchange, so a slow upstream is not read on.
func (b *passBody) Close() error {
	if !b.done && !b.j.closed {
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
		b.j.discard()
		b.x.abandoned = true
	}
	b.x.p.cfg.Metrics.AddBytes(metrics.Response, int(b.n))
	return b.c.Close()
}

// heldBody passes an answer in enforce mode as its judge's gate lets it through (validate.Gate):
// a small answer once judged whole, a streamed one element by element, the bytes after the last
// element once the whole answer passed. A violation found after the answer started stops the
// copy with validate.ErrCut, which cuts the connection.
type heldBody struct {
	r   io.Reader
	c   io.Closer
	x   *exchange
	j   *judge
	buf []byte // read from the upstream
	eof bool
	n   int64
}

func (b *heldBody) Read(p []byte) (int, error) {
	for len(b.j.out) == 0 {
		if b.eof {
			return 0, io.EOF
		}
		if err := b.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, b.j.out)
	b.j.out = b.j.out[n:]
	b.n += int64(n)
	return n, nil
}

// fill reads the next part of the body and passes it through the gate.
func (b *heldBody) fill() error {
	if b.buf == nil {
		b.buf = make([]byte, 32<<10)
	}
	n, err := b.r.Read(b.buf)
	if n > 0 {
		if err := b.j.feed(b.buf[:n]); err != nil { // the body as served: decoded, if it was encoded
			b.j.close()
			b.x.cut = true
			return err
		}
	}
	var de *coding.DecodeError
	switch {
	case err == io.EOF || errors.As(err, &de):
		b.eof = true
		if de != nil {
			b.j.g.Unjudged(de)
		}
		if _, err := b.j.close(); err != nil {
			b.x.cut = true
			return err
		}
	case err != nil:
		b.j.stop()
		b.x.brokeOff(err)
		return err
	}
	return nil
}

func (b *heldBody) Close() error {
	if !b.j.closed {
		b.j.discard()
		b.x.abandoned = true
	}
	b.x.p.cfg.Metrics.AddBytes(metrics.Response, int(b.n))
	return b.c.Close()
}
