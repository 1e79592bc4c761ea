package server

import (
	"cmp"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/internal/httpfault"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// Faults are failures injected into the answers of the contract's operations, for testing how
// a client copes with them (serve's --latency and --error-rate). The zero value injects none.
type Faults struct {
	// LatencyMin and LatencyMax delay every answer by a duration drawn between them (equal:
	// that duration).
	LatencyMin, LatencyMax time.Duration
	// ErrorRate is the share of requests, from 0 to 1, answered with the operation's documented
	// 503 and Retry-After (ErrorRetryAfter), or its 500 where it documents no 503.
	ErrorRate float64
	// Rand returns numbers in [0, 1) for the error rate and the latency (nil: math/rand/v2).
	Rand func() float64
}

// maxTotalDelay bounds Faults' latency and fault=slow together, within serve's write timeout.
const maxTotalDelay = 25 * time.Second

// ErrorRetryAfter is the Retry-After, in seconds, of the 503 of Faults.ErrorRate, unless the
// request's Prefer says retry-after=N.
const ErrorRetryAfter = "1"

func (f *Faults) rand() float64 {
	if f.Rand != nil {
		return f.Rand()
	}
	return rand.Float64()
}

// latency draws the delay of one answer.
func (f *Faults) latency() time.Duration {
	d := f.LatencyMin
	if f.LatencyMax > f.LatencyMin {
		d += time.Duration(f.rand() * float64(f.LatencyMax-f.LatencyMin))
	}
	return d
}

// readPrefer parses the Prefer headers of a request to the API (prefer.go) for the inner
// layers, and for fault=cut has the answer's connection cut halfway through the first write of
// its body; later writes are dropped without an error, the cut being what was asked for. It
// sits outside response validation, so that the bytes before the cut are those of an answer
// that passed it. A Prefer header it cannot use is refused by injectFaults.
func readPrefer() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			values := c.Request().Header.Values(headerPrefer)
			if len(values) == 0 || !strings.HasPrefix(c.Request().URL.Path, validate.BasePath+"/") {
				return next(c)
			}
			p := parsePrefer(values)
			c.Set(preferKey, p)
			if p.fault == "cut" {
				res := c.Response()
				orig := res.Writer
				res.Writer = &httpfault.Cut{ResponseWriter: orig, Limit: -1}
				defer func() { res.Writer = orig }()
			}
			return next(c)
		}
	}
}

// injectFaults, inside response validation and before request validation, answers a request
// whose Prefer header the server cannot use with 400; then
// delays it by the configured latency and by Prefer's fault=slow; then answers the share
// f.ErrorRate of requests with the documented 503 (or 500).
func injectFaults(f *Faults) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p := preferenceOf(c)
			if p.err != nil {
				return errMalformed.with(p.err.Error() + ".").send(c)
			}
			delay := p.delay
			if f != nil {
				delay = min(delay+f.latency(), maxTotalDelay)
			}
			if delay > 0 && httpfault.Sleep(c.Request().Context(), delay) != nil {
				return errUnavailable.send(c) // nobody reads it
			}
			if f == nil || f.ErrorRate <= 0 || f.rand() >= f.ErrorRate {
				return next(c)
			}
			if routeOf(c).route.Operation.Responses.Status(http.StatusServiceUnavailable) == nil {
				return errInternal.send(c)
			}
			c.Response().Header().Set(headerRetryAfter, cmp.Or(p.retryAfter, ErrorRetryAfter))
			return errUnavailable.send(c)
		}
	}
}
