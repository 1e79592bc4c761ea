package server

import (
	"github.com/labstack/echo/v4"
)

// guardInput refuses, before auth, what the contract's schemas allow but leaves the tenant or the
// caller ambiguous:
//
//   - client_id given more than once (the seed's own curl sends `client_id=string&client_id=`):
//     400 invalid_query_parameters. Choosing one of the values would let a proxy that reads the
//     last value and this server that reads the first disagree about the tenant.
//   - more than one Authorization header: 400 malformed_request, for the same reason.
//
// Any user id and client_id the contract's schemas allow passes, control characters and bytes
// that are not UTF-8 included: a store that cannot hold such an id answers that it has no such
// user, and logs and error descriptions quote ids escaped.
func guardInput() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if len(c.Request().Header.Values(echo.HeaderAuthorization)) > 1 {
				return errMalformed.with("Authorization must be given at most once.").send(c)
			}
			q := c.QueryParams() // parsed once per request by echo, shared with every layer
			if len(q["client_id"]) > 1 {
				return errInvalidQuery.with("client_id must be given exactly once.").send(c)
			}
			return next(c)
		}
	}
}
