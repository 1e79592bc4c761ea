package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
)

const redactKey = "loginlogs.redact"

// redacted reports whether the request put a configured token where the log line would show it.
func redacted(c echo.Context) bool {
	r, _ := c.Get(redactKey).(bool)
	return r
}

// scrubSecrets keeps configured bearer tokens out of the logs when a client puts one in the
// wrong place. A client-sent X-Request-Id that is a token is replaced by a random id (also in
// the response). A client_id or a path segment that is a token marks the request so that the
// log line shows REDACTED instead of the path and client_id. It runs right after requestID,
// before logging.
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
			if _, isToken := tokens.ClientOf(sent); !isToken {
				return next(c)
			}
			b := make([]byte, 12)
			rand.Read(b)
			id := hex.EncodeToString(b)
			c.Response().Header().Set(headerRequestID, id)
			c.SetRequest(req.WithContext(context.WithValue(req.Context(), requestIDKey{}, id)))
			return next(c)
		}
	}
}

// containsToken reports whether client_id or a segment of the path is a configured token.
func containsToken(tokens *Tokens, c echo.Context) bool {
	if v := c.QueryParam("client_id"); v != "" {
		if _, ok := tokens.ClientOf(v); ok {
			return true
		}
	}
	for seg := range strings.SplitSeq(c.Request().URL.EscapedPath(), "/") {
		switch seg {
		case "", "api", "v1", "users", "loginlogs": // the contract's own segments
			continue
		}
		if v, err := url.PathUnescape(seg); err == nil {
			seg = v
		}
		if _, ok := tokens.ClientOf(seg); ok {
			return true
		}
	}
	return false
}
