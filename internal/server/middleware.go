package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

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

// recoverPanics is echo's Recover: a panic of any inner layer (but http.ErrAbortHandler) is
// logged with its stack and answered with SSOJet's 500.
func recoverPanics(log *slog.Logger) echo.MiddlewareFunc {
	return middleware.RecoverWithConfig(middleware.RecoverConfig{
		DisableStackAll: true, DisableErrorHandler: true,
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			log.Error("panic", "request_id", requestIDOf(c), "panic", err.Error(), "stack", string(stack))
			res := c.Response()
			res.Status = errInternal.status
			// Written to the raw writer: echo may consider a buffered response committed.
			errInternal.write(res.Writer)
			return nil
		},
	})
}

// logRequests gives each request an id and logs one line for it: method, path, status, size,
// duration and request id. The id is a sensible X-Request-Id the client sent
// (metrics.ValidRequestID), else a new one; it goes in the context (RequestIDFrom) and the
// response. Of the query only client_id is logged (a client might put a token in another
// parameter); headers, and so the Authorization header, are not logged. The path (as sent,
// escaped) and client_id (any string the contract allows) are logged with control characters,
// bidi marks and bytes that are not UTF-8 escaped, and shortened to validate.MaxText
// characters.
//
// Bearer tokens a client puts in the wrong place, whole or inside a longer value, reach neither
// the log nor the response: the configured ones, and every credential the request's own
// Authorization headers carry, known or not. A sent X-Request-Id that holds one is replaced by a
// new id; a client_id or a path that holds one, as sent or unescaped, is logged as REDACTED.
func logRequests(log *slog.Logger, tokens *Tokens) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			req := c.Request()
			sent := redact.Credentials(req.Header)
			holds := func(s string) bool { // a credential shorter than redact.MinSecret is not searched for
				return tokens.Within(s) || slices.ContainsFunc(sent, func(c string) bool { return len(c) >= redact.MinSecret && strings.Contains(s, c) })
			}
			id := req.Header.Get(headerRequestID)
			if !metrics.ValidRequestID(id) || holds(id) {
				id = metrics.NewRequestID()
			}
			c.Response().Header().Set(headerRequestID, id)
			c.SetRequest(req.WithContext(context.WithValue(req.Context(), requestIDKey{}, id)))
			if err := next(c); err != nil {
				c.Error(err)
			}
			res := c.Response()
			path, clientID := "REDACTED", "REDACTED"
			if !containsToken(holds, c) {
				path, clientID = inert(req.URL.EscapedPath()), inert(c.QueryParam("client_id"))
			}
			log.Info("request",
				"request_id", id, "method", req.Method, "path", path,
				"client_id", clientID, "status", res.Status, "bytes", res.Size,
				"duration", time.Since(start), "remote", req.RemoteAddr)
			return nil
		}
	}
}

// containsToken reports whether client_id or the path holds a token (holds), as sent or
// unescaped.
func containsToken(holds func(string) bool, c echo.Context) bool {
	if slices.ContainsFunc(c.QueryParams()["client_id"], holds) {
		return true
	}
	path := c.Request().URL.EscapedPath()
	if holds(path) {
		return true
	}
	unescaped, err := url.PathUnescape(path)
	return err == nil && holds(unescaped)
}

// inert is a text from the request as a log line or an error description quotes it: control
// characters, bidi marks and bytes that are not UTF-8 escaped, at most validate.MaxText
// characters.
func inert(s string) string {
	return redact.Printable(validate.Shorten(s, validate.MaxText))
}

// maxRequestBody caps request bodies (the API takes none but the token endpoint's small one).
const maxRequestBody = 64 << 10

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
