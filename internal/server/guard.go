package server

import (
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
)

// guardInput refuses what the contract's schemas allow but no store can look up, before auth:
//
//   - client_id given more than once (the seed's own curl sends `client_id=string&client_id=`):
//     400 invalid_query_parameters. Choosing one of the values would let a proxy that reads the
//     last value and this server that reads the first disagree about the tenant.
//   - more than one Authorization header: 400 malformed_request, for the same reason.
//   - a user id or client_id that is not UTF-8 text or holds a NUL or another control
//     character: 400 malformed_request (PostgreSQL cannot even compare such a string, which
//     used to surface as a 500).
func guardInput() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r, ok := routeOf(c)
			if !ok {
				return next(c)
			}
			// Proxies disagree on which of two Authorization headers counts: refuse the request
			// rather than pick one.
			if len(c.Request().Header.Values(echo.HeaderAuthorization)) > 1 {
				return errMalformed.with("Authorization must be given at most once.").send(c)
			}
			q := c.QueryParams() // parsed once per request by echo, shared with every layer
			if len(q["client_id"]) > 1 {
				return errInvalidQuery.with("client_id must be given exactly once.").send(c)
			}
			if !plainText(q.Get("client_id")) {
				return errInvalidQuery.with("client_id must be UTF-8 text without control characters.").send(c)
			}
			for name, value := range r.params {
				if !plainText(value) {
					return errMalformed.with("The path parameter " + name + " must be UTF-8 text without control characters.").send(c)
				}
			}
			return next(c)
		}
	}
}

// plainText reports whether s is valid UTF-8 without C0 control characters or DEL.
func plainText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
}
