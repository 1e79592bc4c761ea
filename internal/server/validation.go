package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/internal/metrics"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// Validation checks requests and responses of the contract's operations with kin-openapi, on the
// route the routing step resolved (route). Each violation is counted in the metrics: of a
// response as metrics.SideServer, of a refused request as metrics.SideClient, by kind and
// pointer pattern.
type Validation struct {
	v       *validate.Validator
	mode    validate.Policy
	log     *slog.Logger
	metrics *metrics.Metrics
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

// routeOf returns the route the routing step resolved for the request.
func routeOf(c echo.Context) *resolved {
	r, _ := c.Get(routeKey).(*resolved)
	return r
}

// route is the routing step: it resolves the request's operation in the contract once, with
// kin-openapi's router (validate.Router), and runs the layers of api on it, which find it with
// routeOf. A path outside the contract skips them (echo answers it, e.g. /healthz or a 404); a
// method the contract does not define on a path it has is answered 405 with Allow, and counted
// as a client's violation.
func (val *Validation) route(api ...echo.MiddlewareFunc) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		routed := next
		for i := len(api) - 1; i >= 0; i-- {
			routed = api[i](routed)
		}
		return func(c echo.Context) error {
			rt, params, err := val.v.Router().Find(c.Request())
			switch {
			case errors.Is(err, routers.ErrPathNotFound):
				return next(c)
			case errors.Is(err, routers.ErrMethodNotAllowed):
				val.metrics.Violation(metrics.SideClient, "request", "")
				c.Response().Header().Set(echo.HeaderAllow, val.v.Router().Allow(c.Request()))
				return errMethod.send(c)
			case err != nil:
				return fmt.Errorf("resolve route: %w", err)
			}
			c.Set(routeKey, &resolved{route: rt, params: params})
			return routed(c)
		}
	}
}

// responses validates the response of the inner layers as they write it (checkedWriter).
func (val *Validation) responses() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req, res := c.Request(), c.Response()
			w := &checkedWriter{val: val, c: c, res: res, orig: res.Writer, route: routeOf(c)}
			res.Writer = w
			c.SetRequest(req.WithContext(context.WithValue(req.Context(), gateKey{}, w)))
			func() {
				defer func() { res.Writer = w.orig }() // also on panic, for the recover layer
				if err := next(c); err != nil && !errors.Is(err, validate.ErrCut) {
					c.Error(err) // errors become bodies here, so that they are validated too
				}
			}()
			_, err := w.end()
			if errors.Is(err, validate.ErrCut) {
				panic(http.ErrAbortHandler) // net/http closes the connection without ending the body
			}
			return err
		}
	}
}

// checkedWriter passes a response through a validate.Gate as the inner layers write it: a body
// up to maxBufferedBody is held and judged whole, a longer one element by element before each
// is sent. Headers go straight to the real writer's map: they are only sent when the gate
// starts the response. The handler reaches it through the request's context (gateOf).
type checkedWriter struct {
	val   *Validation
	c     echo.Context
	res   *echo.Response
	orig  http.ResponseWriter
	route *resolved

	gate   *validate.Gate
	direct bool // a cached body, validated when it was stored, goes straight out
	lend   bool // the next write is a whole body, left as it is until end (validate.Gate.Lend)
	ended  bool
}

type gateKey struct{}

// gateOf returns the response validator of the request of ctx; nil when responses are not
// validated.
func gateOf(ctx context.Context) *checkedWriter {
	w, _ := ctx.Value(gateKey{}).(*checkedWriter)
	return w
}

func (w *checkedWriter) Header() http.Header { return w.orig.Header() }
func (w *checkedWriter) WriteHeader(int)     {} // echo.Response keeps the status

// Unwrap lets http.ResponseController reach the connection (write deadlines).
func (w *checkedWriter) Unwrap() http.ResponseWriter { return w.orig }

func (w *checkedWriter) status() int {
	if !w.res.Committed {
		return http.StatusOK
	}
	return w.res.Status
}

func (w *checkedWriter) Write(p []byte) (int, error) {
	if w.gate == nil {
		policy := w.val.mode
		if w.direct {
			policy = validate.Off
		}
		req := w.c.Request()
		w.gate = w.val.v.NewGate(req.Context(), validate.Exchange{Request: req, Route: w.route.route, PathParams: w.route.params, Status: w.status(), Header: w.orig.Header()},
			gateSink{w}, validate.GateOptions{Policy: policy, Hold: maxBufferedBody})
	}
	if w.lend {
		w.lend = false
		return w.gate.Lend(p)
	}
	return w.gate.Write(p)
}

// end ends the body: the gate judges what is held, sends it if it passed, and lets go of it. It
// reports whether the body passed (a response validated earlier, or not at all, passes), once.
func (w *checkedWriter) end() (bool, error) {
	if w.ended {
		return true, nil
	}
	w.ended = true
	if w.gate == nil {
		w.Write(nil)
	}
	verdict, err := w.gate.Close()
	w.gate.Release()
	if !verdict.OK() {
		w.logViolation(verdict)
	}
	return verdict.OK(), err
}

// gateSink sends what passed the gate to the real writer.
type gateSink struct{ w *checkedWriter }

func (s gateSink) Start() error                { s.w.orig.WriteHeader(s.w.status()); return nil }
func (s gateSink) Write(p []byte) (int, error) { return s.w.orig.Write(p) }

// Replace sends SSOJet's 500 instead of the response, keeping only the request id.
func (s gateSink) Replace(validate.Verdict) {
	h := s.w.orig.Header()
	id := h.Get(headerRequestID)
	clear(h)
	if id != "" {
		h.Set(headerRequestID, id)
	}
	s.w.res.Status = errInternal.status
	errInternal.write(s.w.orig)
}

// logViolation logs a response's violations and counts them (an answer that could not be judged
// is logged, not counted).
func (w *checkedWriter) logViolation(verdict validate.Verdict) {
	w.val.count(metrics.SideServer, verdict.Violations)
	attrs := []any{"request_id", requestIDOf(w.c), "mode", w.val.mode.String(), "status", w.status()}
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

// requests validates the request, answering 400 in SSOJet's shape: invalid_query_parameters
// (842) for a bad query parameter such as a missing client_id, malformed_request (800) for
// anything else.
func (val *Validation) requests() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := routeOf(c)
			req := c.Request()
			if err := val.v.Request(req.Context(), req, r.route, r.params); err != nil {
				vs := validate.Violations(err)
				val.count(metrics.SideClient, vs)
				return invalidRequest(vs).send(c)
			}
			return next(c)
		}
	}
}
