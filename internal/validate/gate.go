package validate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// Policy says what a Gate does with a response that breaks the contract.
type Policy int

// The policies of a Gate.
const (
	// Enforce holds what is not judged yet: a response that breaks the contract is replaced
	// while nothing of it was sent, and cut (ErrCut) once it started.
	Enforce Policy = iota
	// Report passes every response as it comes and records its verdict.
	Report
	// Off passes every response unjudged.
	Off
)

var policyNames = [...]string{Enforce: "enforce", Report: "report", Off: "off"}

// ParsePolicy parses enforce, report or off.
func ParsePolicy(s string) (Policy, error) {
	if i := slices.Index(policyNames[:], s); i >= 0 {
		return Policy(i), nil
	}
	return 0, fmt.Errorf("validation mode %q: want enforce, report or off", s)
}

func (p Policy) String() string {
	if p >= 0 && int(p) < len(policyNames) {
		return policyNames[p]
	}
	return fmt.Sprintf("Policy(%d)", int(p))
}

// ErrCut is returned by a Gate in Enforce once a response that already started broke the
// contract or could not be judged: the caller cuts the connection, so that the client never
// sees a complete-looking body.
var ErrCut = errors.New("response broke the contract after it started; connection cut")

// Sink receives what passes a Gate.
type Sink interface {
	// Start sends the status and the headers: once, before the first byte of the body.
	Start() error
	// Write sends the next bytes of the body. p stays as it is until the gate's next Write,
	// or after Close until Release: a sink may pass it on later instead of copying it.
	Write(p []byte) (int, error)
	// Replace answers instead of a response that broke the contract before anything of it
	// was sent (Enforce).
	Replace(Verdict)
}

// maxHeldBroken is how much of a streamed body Enforce holds after a broken element that a
// later value of its member may replace, to learn kin-openapi's verdict at the end: past it,
// the body fails as broken.
const maxHeldBroken = 16 << 20

// Gate judges one response body as it is written to it and passes it on by its Policy: the
// judging is NewResponseCheck's (a body up to Hold bytes whole, a longer one element by element
// as it streams). In Enforce a streamed body's elements are sent once judged, the bytes after
// the last one once the whole body passed; after a broken element that a later value of its
// member may replace (kin-openapi keeps a member's last value) nothing more is sent until the
// verdict. Write the body, then Close it (or Stop or Discard it), then Release it.
type Gate struct {
	v    *Validator
	ctx  context.Context
	ex   Exchange
	sink Sink
	opts GateOptions

	// buf holds, while the body fits in Hold, the body so far; once it streams, in Enforce,
	// the bytes not sent yet, after the passed bytes sent last. A longer body judged whole is
	// held by check alone.
	buf     []byte
	passed  int // the bytes of buf sent by the last Write, kept until the next
	check   *ResponseCheck
	sent    int64 // streamed bytes sent (Enforce)
	err     error // why the body cannot be judged
	holding bool  // an element broke: nothing more is sent before the verdict
	started bool
	done    bool // the verdict is in verdict
	cut     bool
	verdict Verdict
	pooled  *[]byte // the buffer of buf, lent by heldBuffers; nil when buf is a lent body
}

// heldBuffers lends gates the buffers they hold bodies in, so that a small answer allocates none.
var heldBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// Release lets go of the held bytes, a body lent to it (Lend) among them, returning their buffer
// to heldBuffers unless it grew large: call it after Close, Stop or Discard, once the sink no
// longer reads what it was sent.
func (g *Gate) Release() {
	if g.pooled != nil && cap(g.buf) <= 1<<20 {
		*g.pooled = g.buf[:0]
		heldBuffers.Put(g.pooled)
	}
	g.buf, g.pooled, g.passed = nil, nil, 0
}

// GateOptions say how a Gate judges and what it lets pass.
type GateOptions struct {
	Policy Policy
	Limits Limits
	// Hold is the largest body held and judged whole; a longer one is judged as it streams.
	Hold int
	// Beyond are violations found outside kin-openapi's verdict, listed first in it (in
	// Enforce the response fails with them at once).
	Beyond []Violation
}

// NewGate returns a gate for the response of ex that sends what passes to sink.
func (v *Validator) NewGate(ctx context.Context, ex Exchange, sink Sink, opts GateOptions) *Gate {
	return &Gate{v: v, ctx: ctx, ex: ex, sink: sink, opts: opts}
}

func (g *Gate) start() error {
	if g.started {
		return nil
	}
	g.started = true
	return g.sink.Start()
}

// Write judges the next bytes of the body and passes on what the policy lets pass. It returns
// ErrCut once the response is to be cut; the bytes of a replaced response are dropped.
func (g *Gate) Write(p []byte) (int, error) { return g.write(p, false) }

// Lend is Write for a body its caller holds whole: one of up to Hold bytes is judged and sent
// from body itself, not from a copy, so the caller leaves body as it is until Release.
func (g *Gate) Lend(body []byte) (int, error) { return g.write(body, true) }

func (g *Gate) write(p []byte, lent bool) (int, error) {
	if g.passed > 0 { // the sink is done with them
		g.buf = append(g.buf[:0], g.buf[g.passed:]...)
		g.passed = 0
	}
	switch {
	case g.cut:
		return 0, ErrCut
	case g.done:
		return len(p), nil // replaced: nobody reads these bytes
	case g.opts.Policy != Enforce:
		if g.opts.Policy == Report {
			g.feed(p, lent)
		}
		if err := g.start(); err != nil {
			return 0, err
		}
		return g.sink.Write(p)
	}
	g.feed(p, lent)
	if g.check != nil {
		g.holding = g.holding || g.check.Broke()
	}
	if g.err != nil || len(g.opts.Beyond) > 0 || (g.check != nil && g.check.Failed() && !g.check.Replaceable()) ||
		(g.holding && len(g.buf) > maxHeldBroken) {
		if g.check != nil {
			g.finish(g.check.Verdict())
			g.check.Abandon()
		} else {
			g.finish(Verdict{})
		}
		return g.fail()
	}
	if g.holding || g.check == nil || !g.check.Streams() {
		return len(p), nil
	}
	if k := int(g.check.Settled() - g.sent); k > 0 {
		if err := g.start(); err != nil {
			return 0, err
		}
		if _, err := g.sink.Write(g.buf[:k]); err != nil {
			return 0, err
		}
		g.sent += int64(k)
		g.passed = k
	}
	return len(p), nil
}

// feed judges p: held with the body so far while the body fits in hold (p itself when it is
// lent and the first), streamed through a ResponseCheck once it outgrew it.
func (g *Gate) feed(p []byte, lent bool) {
	if g.err != nil {
		return
	}
	if g.check == nil {
		if len(g.buf)+len(p) <= g.opts.Hold {
			if g.buf == nil && lent {
				g.buf = p[:len(p):len(p)] // appending to it copies
				return
			}
			if g.buf == nil {
				g.pooled = heldBuffers.Get().(*[]byte)
				g.buf = (*g.pooled)[:0]
			}
			g.buf = append(g.buf, p...)
			return
		}
		g.check = g.v.NewResponseCheck(g.ctx, g.ex, g.opts.Limits)
		if !g.check.Streams() {
			// Judged whole: the check holds the body, and Close sends it from there.
			g.check.whole, g.buf, g.pooled = g.buf, nil, nil
		} else if _, err := g.check.Write(g.buf); err != nil {
			g.Unjudged(fmt.Errorf("the body is too large to judge: %w", err))
			return
		} else if g.opts.Policy != Enforce {
			g.Release() // nothing of it was sent
		}
	}
	if _, err := g.check.Write(p); err != nil {
		g.Unjudged(fmt.Errorf("the body is too large to judge: %w", err))
	}
	if g.opts.Policy == Enforce && g.check.Streams() {
		g.buf = append(g.buf, p...)
	}
}

// Unjudged records that the body cannot be judged (it did not decode, say): the response gets
// no verdict, Verdict.Err says why.
func (g *Gate) Unjudged(err error) {
	if g.err == nil {
		g.err = err
	}
}

// Judgeable reports whether the body can still be judged (see Unjudged).
func (g *Gate) Judgeable() bool { return g.err == nil }

// finish keeps the verdict, beyond's violations first.
func (g *Gate) finish(v Verdict) Verdict {
	g.done = true
	if g.err != nil {
		v = Verdict{Err: g.err}
	}
	if len(g.opts.Beyond) > 0 {
		v.Violations = append(append([]Violation(nil), g.opts.Beyond...), v.Violations...)
		v.Count += len(g.opts.Beyond)
	}
	g.verdict = v
	return v
}

// fail replaces the response while nothing was sent, and cuts it after (Enforce).
func (g *Gate) fail() (int, error) {
	if !g.started {
		g.sink.Replace(g.verdict)
		return 0, nil
	}
	g.cut = true
	return 0, ErrCut
}

// Close ends the body and returns its verdict: Enforce sends what is held if it passed, and
// replaces or cuts (ErrCut) the response if not.
func (g *Gate) Close() (Verdict, error) {
	if g.done {
		if g.cut {
			return g.verdict, ErrCut
		}
		return g.verdict, nil
	}
	var v Verdict
	switch {
	case g.opts.Policy == Off:
	case g.err != nil:
	case g.check != nil:
		if !g.check.Streams() {
			g.buf = g.check.whole
		}
		v = g.check.Close()
	default:
		v = g.v.remembered(g.ctx, g.ex, g.buf)
	}
	v = g.finish(v)
	if g.opts.Policy == Enforce && !v.OK() {
		_, err := g.fail()
		return v, err
	}
	if err := g.start(); err != nil {
		return v, err
	}
	if g.opts.Policy == Enforce && len(g.buf) > g.passed {
		if _, err := g.sink.Write(g.buf[g.passed:]); err != nil {
			return v, err
		}
	}
	return v, nil
}

// Stop ends judging a body that was broken off before its end, and returns the violations found
// so far (or why it could not be judged).
func (g *Gate) Stop() Verdict {
	if g.done {
		return g.verdict
	}
	var v Verdict
	if g.check != nil {
		v = g.check.Verdict()
		g.check.Abandon()
	}
	return g.finish(v)
}

// Discard ends judging without a verdict.
func (g *Gate) Discard() {
	if !g.done {
		g.done = true
		if g.check != nil {
			g.check.Abandon()
		}
	}
}
