package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/internal/metrics"
	"github.com/ssojet-tools/loginlogs/internal/route"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// Mode says what the response validator does with a response that breaks the contract.
type Mode int

// The modes of response validation.
const (
	// Enforce logs the violation and answers SSOJet's 500 instead of the response.
	Enforce Mode = iota
	// Report logs the violation and sends the response unchanged.
	Report
	// Off skips response validation (requests are still validated).
	Off
)

// ParseMode parses enforce, report or off.
func ParseMode(s string) (Mode, error) {
	switch s {
	case "enforce":
		return Enforce, nil
	case "report":
		return Report, nil
	case "off":
		return Off, nil
	}
	return 0, fmt.Errorf("validation mode %q: want enforce, report or off", s)
}

func (m Mode) String() string {
	switch m {
	case Enforce:
		return "enforce"
	case Report:
		return "report"
	case Off:
		return "off"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Validation checks requests and responses of the contract's operations with kin-openapi. The
// route is resolved once per request, by Responses, and shared with Requests through the echo
// context. Each violation is counted in the metrics: of a response as metrics.SideServer, of a
// refused request as metrics.SideClient, by kind and pointer pattern.
type Validation struct {
	v       *validate.Validator
	router  *route.Router
	mode    Mode
	log     *slog.Logger
	metrics *metrics.Metrics
}

// NewValidation returns the validation layers for v, counting violations in m.
func NewValidation(v *validate.Validator, mode Mode, log *slog.Logger, m *metrics.Metrics) *Validation {
	return &Validation{v: v, router: route.New(v.Doc()), mode: mode, log: log, metrics: m}
}

// count counts the listed violations of one side.
func (val *Validation) count(side string, vs []validate.Violation) {
	for _, v := range vs {
		val.metrics.Violation(side, v.In, v.Pointer)
	}
}

const routeKey = "loginlogs.route"

// resolved is the contract operation of a request and its path parameters.
type resolved struct {
	route  *routers.Route
	params map[string]string
}

func routeOf(c echo.Context) (*resolved, bool) {
	r, ok := c.Get(routeKey).(*resolved)
	return r, ok
}

// Responses resolves the request's route in the contract and, unless the mode is Off, validates
// the response of the inner layers as they write it (checkedWriter). A path outside the contract
// passes through untouched (echo answers it, e.g. /healthz or a 404); a method the contract does
// not define on a path it has is answered 405 with Allow, and counted as a client's violation.
func (val *Validation) Responses() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			rt, params, err := val.router.Find(req.Method, req.URL.EscapedPath())
			switch {
			case errors.Is(err, route.ErrNoRoute):
				return next(c)
			case errors.Is(err, route.ErrMethodNotAllowed):
				val.metrics.Violation(metrics.SideClient, "request", "")
				c.Response().Header().Set(echo.HeaderAllow, val.router.Allow(req.URL.EscapedPath()))
				return errMethod.send(c)
			case err != nil:
				return fmt.Errorf("resolve route: %w", err)
			}
			c.Set(routeKey, &resolved{route: rt, params: params})
			if val.mode == Off {
				return next(c)
			}
			res := c.Response()
			w := &checkedWriter{val: val, c: c, res: res, orig: res.Writer, rt: rt, params: params}
			res.Writer = w
			func() {
				defer func() { res.Writer = w.orig }() // also on panic, for the recover layer
				if err := next(c); err != nil && !w.aborted {
					c.Error(err) // errors become bodies here, so that they are validated too
				}
			}()
			return w.finish()
		}
	}
}

// checkedWriter validates a response as the inner layers write it. Headers go straight to the
// real writer's map: they are only sent when the real WriteHeader runs. A body is held until
// it passes, or until it outgrows maxBufferedBody; from then on it is streamed: each element of
// the body's array is judged before its bytes are sent, the bytes after the last element only
// once the whole body passed. A violation found after the response started cuts the connection
// in enforce mode, so that the client never sees a complete-looking body.
type checkedWriter struct {
	val    *Validation
	c      echo.Context
	res    *echo.Response
	orig   http.ResponseWriter
	rt     *routers.Route
	params map[string]string

	buf       *[]byte // the held body, before streaming
	streaming bool
	check     *validate.ResponseCheck
	pending   []byte // streamed bytes not yet sent
	sent      int64  // streamed bytes sent
	reported  bool   // report mode: the violation was logged, the rest passes through
	aborted   bool   // enforce mode: the connection is to be cut
	discard   bool   // enforce mode: a 500 went out instead; the handler's bytes are dropped

	direct bool              // a cached body, validated when it was stored, goes straight out
	fill   func(body []byte) // stores a body that passed in the cache
}

// errAborted is returned to a handler writing a response that broke the contract after it
// started; Responses then cuts the connection.
var errAborted = errors.New("response broke the contract after it started; connection cut")

func (w *checkedWriter) Header() http.Header { return w.orig.Header() }
func (w *checkedWriter) WriteHeader(int)     {} // echo.Response keeps the status

// Unwrap lets http.ResponseController reach the connection (write deadlines).
func (w *checkedWriter) Unwrap() http.ResponseWriter { return w.orig }

func (w *checkedWriter) skipValidation()           { w.direct = true }
func (w *checkedWriter) onValid(fill func([]byte)) { w.fill = fill }
func (w *checkedWriter) status() int {
	if !w.res.Committed {
		return http.StatusOK
	}
	return w.res.Status
}

func (w *checkedWriter) exchange() validate.Exchange {
	return validate.Exchange{Request: w.c.Request(), Route: w.rt, PathParams: w.params, Status: w.status(), Header: w.orig.Header()}
}

func (w *checkedWriter) Write(p []byte) (int, error) {
	switch {
	case w.aborted:
		return 0, errAborted
	case w.discard:
		return len(p), nil
	case w.direct:
		if !w.streaming {
			w.streaming = true
			w.orig.WriteHeader(w.res.Status)
		}
		return w.orig.Write(p)
	case w.streaming:
		return w.stream(p)
	}
	if w.buf == nil {
		w.buf = validationBuffers.get()
	}
	*w.buf = append(*w.buf, p...)
	if len(*w.buf) > maxBufferedBody {
		held := *w.buf
		if err := w.startStreaming(); err != nil {
			return 0, err
		}
		if w.discard {
			return len(p), nil
		}
		if _, err := w.stream(held); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// startStreaming judges the status and headers, and sends them if they pass.
func (w *checkedWriter) startStreaming() error {
	w.streaming = true
	w.check = w.val.v.NewResponseCheck(w.c.Request().Context(), w.exchange(), validate.Limits{})
	if w.check.Failed() {
		verdict := w.check.Close()
		w.logViolation(verdict)
		if w.val.mode == Enforce {
			w.replaceWith500()
			w.discard = true
			return nil
		}
		w.reported = true
	}
	w.orig.WriteHeader(w.res.Status)
	return nil
}

// stream judges p and sends what is settled.
func (w *checkedWriter) stream(p []byte) (int, error) {
	if w.reported {
		return w.orig.Write(p)
	}
	if _, err := w.check.Write(p); err != nil {
		return 0, w.broken(validate.Verdict{Err: err})
	}
	if w.check.Failed() {
		return 0, w.broken(w.check.Verdict())
	}
	w.pending = append(w.pending, p...)
	if n := int(w.check.Settled() - w.sent); n > 0 && w.check.Streams() {
		if _, err := w.orig.Write(w.pending[:n]); err != nil {
			return 0, err
		}
		w.sent += int64(n)
		w.pending = append(w.pending[:0], w.pending[n:]...)
	}
	return len(p), nil
}

// broken handles a violation found after the response started: enforce cuts the connection,
// report logs it and lets the rest through.
func (w *checkedWriter) broken(verdict validate.Verdict) error {
	w.logViolation(verdict)
	if w.val.mode == Enforce {
		w.aborted = true
		return errAborted
	}
	w.reported = true
	_, err := w.orig.Write(w.pending)
	w.pending = nil
	return err
}

// finish judges what the handler wrote, once it returned, and sends what may be sent.
func (w *checkedWriter) finish() error {
	defer func() {
		if w.buf != nil {
			validationBuffers.put(w.buf)
		}
	}()
	switch {
	case w.aborted:
		panic(http.ErrAbortHandler) // net/http closes the connection without ending the body
	case w.direct || w.discard:
		return nil
	case w.streaming:
		if w.reported {
			return nil
		}
		if verdict := w.check.Close(); !verdict.OK() {
			if err := w.broken(verdict); errors.Is(err, errAborted) {
				panic(http.ErrAbortHandler)
			}
			return nil
		}
		_, err := w.orig.Write(w.pending)
		return err
	}
	var body []byte
	if w.buf != nil {
		body = *w.buf
	}
	req := w.c.Request()
	verdict := w.val.v.Response(req.Context(), w.exchange(), body)
	if verdict.OK() {
		if w.fill != nil {
			w.fill(body)
		}
	} else {
		w.logViolation(verdict)
		if w.val.mode == Enforce {
			w.replaceWith500()
			return nil
		}
	}
	w.orig.WriteHeader(w.status())
	_, err := w.orig.Write(body)
	return err
}

// replaceWith500 sends SSOJet's 500 instead of the response, keeping only the request id.
func (w *checkedWriter) replaceWith500() {
	h := w.orig.Header()
	id := h.Get(headerRequestID)
	clear(h)
	if id != "" {
		h.Set(headerRequestID, id)
	}
	w.res.Status = errInternal.status
	errInternal.write(w.orig)
}

// logViolation logs a response's violations and counts them (an answer that could not be judged
// is logged, not counted).
func (w *checkedWriter) logViolation(verdict validate.Verdict) {
	w.val.count(metrics.SideServer, verdict.Violations)
	attrs := []any{"request_id", requestIDOf(w.c), "mode", w.val.mode.String(), "status", w.status(), "streamed", w.streaming}
	if verdict.Err != nil {
		w.val.log.Error("response could not be validated", append(attrs, "err", verdict.Err)...)
		return
	}
	lines := make([]string, len(verdict.Violations))
	for i, v := range verdict.Violations {
		lines[i] = v.String()
	}
	first := validate.Violation{}
	if len(verdict.Violations) > 0 {
		first = verdict.Violations[0]
	}
	w.val.log.Error("response violates the contract",
		append(attrs, "pointer", first.Pointer, "in", first.In, "count", verdict.Count, "violations", lines)...)
}

// Requests validates the request against the route Responses resolved (and, once the inner
// layers authenticated it, has the validator remember it), answering 400 in SSOJet's shape:
// invalid_query_parameters (842) for a bad query parameter such as a missing client_id,
// malformed_request (800) for anything else.
func (val *Validation) Requests() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r, ok := routeOf(c)
			if !ok {
				return next(c)
			}
			req := c.Request()
			remember, err := val.v.Request(req.Context(), req, r.route, r.params)
			if err != nil {
				vs := validate.Violations(err)
				val.count(metrics.SideClient, vs)
				return invalidRequest(vs).send(c)
			}
			err = next(c)
			// Only a request Authenticate accepted is remembered (see validate.Request).
			if _, ok := ClientFrom(c.Request().Context()); ok {
				remember()
			}
			return err
		}
	}
}
