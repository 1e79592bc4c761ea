package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/labstack/echo/v4"
)

// scrubRequestID replaces a client-sent X-Request-Id that is one of the configured bearer tokens
// with a random one, so that a client pasting its token in the wrong header does not get it
// written to the logs (and echoed back). It runs right after requestID, before logging.
func scrubRequestID(tokens *Tokens) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
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
