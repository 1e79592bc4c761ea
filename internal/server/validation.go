package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"

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
// context.
type Validation struct {
	v    *validate.Validator
	mode Mode
	log  *slog.Logger
}

// NewValidation returns the validation layers for v.
func NewValidation(v *validate.Validator, mode Mode, log *slog.Logger) *Validation {
	return &Validation{v: v, mode: mode, log: log}
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

// Responses resolves the request's route in the contract and, unless the mode is Off, buffers
// the response of the inner layers and validates it before sending it. A path outside the
// contract passes through untouched (echo answers it, e.g. /healthz or a 404); a method the
// contract does not define on a path it has is answered 405 with Allow.
func (val *Validation) Responses() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			route, params, err := val.v.FindRoute(req.Method, req.URL.EscapedPath())
			switch {
			case errors.Is(err, validate.ErrNoRoute):
				return next(c)
			case errors.Is(err, validate.ErrMethodNotAllowed):
				c.Response().Header().Set(echo.HeaderAllow, val.allow(req.URL.EscapedPath()))
				return errMethod.send(c)
			case err != nil:
				return fmt.Errorf("resolve route: %w", err)
			}
			c.Set(routeKey, &resolved{route: route, params: params})
			slot := &responseSlot{validates: val.mode != Off}
			c.SetRequest(req.WithContext(withSlot(req.Context(), slot)))
			if val.mode == Off {
				return next(c)
			}
			return val.validateResponse(c, next, route, params, slot)
		}
	}
}

// validateResponse buffers the response of next and validates it, unless the handler answered
// with a cached body, which was validated before it was cached. A body that passes is offered to
// the cache through the slot.
func (val *Validation) validateResponse(c echo.Context, next echo.HandlerFunc, route *routers.Route, params map[string]string, slot *responseSlot) error {
	buf := validationBuffers.get()
	defer validationBuffers.put(buf)
	res := c.Response()
	orig := res.Writer
	bw := &bufferedWriter{header: orig.Header(), buf: buf, slot: slot, res: res, orig: orig}
	res.Writer = bw
	func() {
		defer func() { res.Writer = orig }() // also on panic, for the recover layer
		if err := next(c); err != nil {
			c.Error(err) // errors become bodies here, so that they are validated too
		}
	}()
	if bw.direct {
		return nil // a cached body, validated when it was stored, went straight out
	}
	status := res.Status
	if !res.Committed {
		status = http.StatusOK
	}
	req := c.Request()
	if verr := val.v.Response(req.Context(), req, route, params, status, orig.Header(), *buf); verr == nil {
		slot.commit(*buf)
	} else {
		vs := validate.Violations(verr)
		lines := make([]string, len(vs))
		for i, v := range vs {
			lines[i] = v.String()
		}
		val.log.Error("response violates the contract",
			"request_id", requestIDOf(c), "mode", val.mode.String(), "status", status,
			"pointer", vs[0].Pointer, "in", vs[0].In, "violations", lines)
		if val.mode == Enforce {
			h := orig.Header()
			id := h.Get(headerRequestID)
			clear(h)
			if id != "" {
				h.Set(headerRequestID, id)
			}
			res.Status = errInternal.status
			errInternal.write(orig)
			return nil
		}
	}
	orig.WriteHeader(status)
	_, err := orig.Write(*buf)
	return err
}

// allow lists the methods the contract defines on a path, for the Allow header of a 405.
func (val *Validation) allow(escapedPath string) string {
	var methods []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions} {
		if _, _, err := val.v.FindRoute(m, escapedPath); err == nil {
			methods = append(methods, m)
		}
	}
	return strings.Join(methods, ", ")
}

// Requests validates the request against the route Responses resolved, answering 400 in
// SSOJet's shape: invalid_query_parameters (842) for a bad query parameter such as a missing
// client_id, malformed_request (800) for anything else.
func (val *Validation) Requests() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r, ok := routeOf(c)
			if !ok {
				return next(c)
			}
			req := c.Request()
			if err := val.v.Request(req.Context(), req, r.route, r.params); err != nil {
				vs := validate.Violations(err)
				p := errMalformed
				for _, v := range vs {
					if v.In == "query" {
						p = errInvalidQuery
						break
					}
				}
				return p.with(validate.Shorten(vs[0].Message, 200)).send(c)
			}
			return next(c)
		}
	}
}

// bufferedWriter holds a response until the validator has seen it. Headers go straight to the
// real writer's map: they are only sent when the real WriteHeader runs. A body the handler marked
// prevalidated (a cache hit) is not held: it goes straight to the real writer.
type bufferedWriter struct {
	header http.Header
	buf    *[]byte
	slot   *responseSlot
	res    *echo.Response
	orig   http.ResponseWriter
	direct bool // the body went straight to orig
}

func (w *bufferedWriter) Header() http.Header { return w.header }
func (w *bufferedWriter) WriteHeader(int)     {} // echo.Response keeps the status

func (w *bufferedWriter) Write(b []byte) (int, error) {
	if w.slot.prevalidated {
		if !w.direct {
			w.direct = true
			w.orig.WriteHeader(w.res.Status)
		}
		return w.orig.Write(b)
	}
	*w.buf = append(*w.buf, b...)
	return len(b), nil
}
