package server

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/internal/metrics"
)

// serveMetrics mounts GET /metrics on e, serving m with its server families (request durations,
// Go runtime and process metrics), and returns the layer that counts every answer in it: by
// status, its duration, and the bytes of response bodies and of request bodies as read (not as
// a Content-Length declares them). It is the outermost layer, so that it sees the status the
// client gets, also of an answer the recover layer replaced. The validation layers count
// contract violations in m (validation.go).
func serveMetrics(e *echo.Echo, m *metrics.Metrics) echo.MiddlewareFunc {
	m.WithServer()
	e.Match(getHead, "/metrics", echo.WrapHandler(m.Handler()))
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			if req := c.Request(); req.Body != nil && req.Body != http.NoBody {
				req.Body = m.RequestBody(req.Body)
			}
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			res := c.Response()
			m.ObserveDuration(res.Status, time.Since(start))
			m.Answered(res.Status)
			m.AddBytes(metrics.Response, int(res.Size))
			return nil
		}
	}
}
