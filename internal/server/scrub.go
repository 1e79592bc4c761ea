package server

import (
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/internal/metrics"
	"github.com/ssojet-tools/loginlogs/internal/redact"
)

const redactKey = "loginlogs.redact"

// redacted reports whether the request put a configured token where the log line would show it.
func redacted(c echo.Context) bool {
	r, _ := c.Get(redactKey).(bool)
	return r
}

// scrubSecrets keeps bearer tokens out of the logs and the response when a client puts one in
// the wrong place, whole or inside a longer value: the configured ones, and every credential
// the request's own Authorization headers carry, known or not. A client-sent X-Request-Id
// that holds a token is replaced by a random id (also in the response). A client_id or a path
// that holds a token, as sent or unescaped, marks the request so that the log line shows
// REDACTED instead of the path and client_id. It runs right after requestID, before logging.
func scrubSecrets(tokens *Tokens) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			sent := redact.Credentials(req.Header)
			holds := func(s string) bool { // a credential shorter than redact.MinSecret is not searched for
				return tokens.Within(s) || slices.ContainsFunc(sent, func(c string) bool { return len(c) >= redact.MinSecret && strings.Contains(s, c) })
			}
			if containsToken(holds, c) {
				c.Set(redactKey, true)
			}
			id := req.Header.Get(headerRequestID)
			if id == "" || id != RequestIDFrom(req.Context()) {
				return next(c) // none sent, or already replaced by a generated id
			}
			if !holds(id) {
				return next(c)
			}
			setRequestID(c, metrics.NewRequestID())
			return next(c)
		}
	}
}

// containsToken reports whether client_id or the path holds a token (holds), as sent or
// unescaped.
func containsToken(holds func(string) bool, c echo.Context) bool {
	for _, v := range c.QueryParams()["client_id"] {
		if holds(v) {
			return true
		}
	}
	path := c.Request().URL.EscapedPath()
	if holds(path) {
		return true
	}
	unescaped, err := url.PathUnescape(path)
	return err == nil && holds(unescaped)
}
