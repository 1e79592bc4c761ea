package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/internal/metrics"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

type requestIDKey struct{}

// RequestIDFrom returns the request id requestID put in the context.
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func requestIDOf(c echo.Context) string { return RequestIDFrom(c.Request().Context()) }

// recoverPanics turns a panic of any inner layer into a logged stack and SSOJet's 500.
func recoverPanics(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				r := recover()
				if r == nil {
					return
				}
				if r == http.ErrAbortHandler {
					panic(r)
				}
				log.Error("panic", "request_id", requestIDOf(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				res := c.Response()
				res.Status = errInternal.status
				// Written to the raw writer: echo may consider a buffered response committed.
				errInternal.write(res.Writer)
				err = nil
			}()
			return next(c)
		}
	}
}

// requestID honours a sensible X-Request-Id (metrics.ValidRequestID) or makes one, and puts it
// in the context and the response.
func requestID() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			id := req.Header.Get(headerRequestID)
			if !metrics.ValidRequestID(id) {
				id = metrics.NewRequestID()
			}
			setRequestID(c, id)
			return next(c)
		}
	}
}

// setRequestID makes id the request's id: in its context, for RequestIDFrom, and in the
// response's X-Request-Id.
func setRequestID(c echo.Context, id string) {
	c.Response().Header().Set(headerRequestID, id)
	req := c.Request()
	c.SetRequest(req.WithContext(context.WithValue(req.Context(), requestIDKey{}, id)))
}

// logRequests logs one line per request: method, path, status, size, duration and request id.
// Of the query only client_id is logged (a client might put a token in another parameter);
// headers, and so the Authorization header, are not logged. A path or client_id holding a
// configured token (scrubSecrets) is logged as REDACTED. The path (as sent, escaped) and
// client_id (any string the contract allows) are logged with control characters, bidi marks and
// bytes that are not UTF-8 escaped, and shortened to validate.MaxText characters.
func logRequests(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			if err := next(c); err != nil {
				c.Error(err)
			}
			req, res := c.Request(), c.Response()
			path, clientID := inert(req.URL.EscapedPath()), inert(c.QueryParam("client_id"))
			if redacted(c) {
				path, clientID = "REDACTED", "REDACTED"
			}
			log.Info("request",
				"request_id", requestIDOf(c), "method", req.Method, "path", path,
				"client_id", clientID, "status", res.Status, "bytes", res.Size,
				"duration", time.Since(start), "remote", req.RemoteAddr)
			return nil
		}
	}
}

// inert is a text from the request as a log line or an error description quotes it: control
// characters, bidi marks and bytes that are not UTF-8 escaped, at most validate.MaxText
// characters.
func inert(s string) string {
	return redact.Printable(validate.Shorten(s, validate.MaxText))
}

// limitBody refuses bodies longer than limit (413, answered as 400 malformed_request).
func limitBody(limit int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > limit {
				return echo.ErrStatusRequestEntityTooLarge
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, limit)
			return next(c)
		}
	}
}
