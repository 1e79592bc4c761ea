package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// allowCORS is echo's CORS middleware for origins (an origin, or * for any), so that a browser
// client can be tested against the server, allowing the headers a client of the contract sends
// and exposing those it answers. It comes before routing, which would answer the preflight 405,
// and before auth, which a preflight (sent without credentials) would fail.
func allowCORS(origins []string) echo.MiddlewareFunc {
	return middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins: origins,
		AllowMethods: []string{http.MethodGet, http.MethodHead, http.MethodOptions},
		AllowHeaders: []string{
			echo.HeaderAuthorization, headerPrefer, "If-None-Match", "Accept-Language",
			headerRequestID, echo.HeaderAccept,
		},
		ExposeHeaders: []string{
			"ETag", headerRetryAfter, headerWWWAuthenticate, headerRequestID, headerPreferenceApplied,
		},
		MaxAge: 600,
	})
}
