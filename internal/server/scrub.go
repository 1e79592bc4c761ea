package server

import (
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/internal/metrics"
)

const redactKey = "loginlogs.redact"

// redacted reports whether the request put a configured token where the log line would show it.
func redacted(c echo.Context) bool {
	r, _ := c.Get(redactKey).(bool)
	return r
}

// scrubSecrets keeps configured bearer tokens out of the logs and the response when a client
// puts one in the wrong place, whole or inside a longer value. A client-sent X-Request-Id that
// holds a token is replaced by a random id (also in the response). A client_id or a path that
// holds a token, as sent or unescaped, marks the request so that the log line shows REDACTED
// instead of the path and client_id. It runs right after requestID, before logging.
func scrubSecrets(tokens *Tokens) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if containsToken(tokens, c) {
				c.Set(redactKey, true)
			}
			sent := req.Header.Get(headerRequestID)
			if sent == "" || sent != RequestIDFrom(req.Context()) {
				return next(c) // none sent, or already replaced by a generated id
			}
			if !tokens.Within(sent) {
				return next(c)
			}
			setRequestID(c, metrics.NewRequestID())
			return next(c)
		}
	}
}

// containsToken reports whether client_id or the path holds a configured token, as sent or
// unescaped.
func containsToken(tokens *Tokens, c echo.Context) bool {
	for _, v := range c.QueryParams()["client_id"] {
		if tokens.Within(v) {
			return true
		}
	}
	path := c.Request().URL.EscapedPath()
	if tokens.Within(path) {
		return true
	}
	unescaped, err := url.PathUnescape(path)
	return err == nil && tokens.Within(unescaped)
}
