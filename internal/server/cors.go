package server

import (
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// allowCORS is echo's CORS middleware for origins (an origin, or * for any), so that a browser
// client can be tested against the server, allowing the headers a client of the contract doc
// sends (corsHeaders) and exposing those it answers. It comes before routing, which would answer
// the preflight 405, and before auth, which a preflight (sent without credentials) would fail.
func allowCORS(origins []string, doc *openapi3.T) echo.MiddlewareFunc {
	return middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins: origins,
		AllowMethods: []string{http.MethodGet, http.MethodHead, http.MethodOptions},
		AllowHeaders: corsHeaders(doc),
		ExposeHeaders: []string{
			"ETag", headerRetryAfter, headerWWWAuthenticate, headerRequestID, headerPreferenceApplied,
		},
		MaxAge: 600,
	})
}

// corsHeaders are the request headers a page may send: Authorization (the bearer token), Prefer,
// X-Request-Id and Accept, and every header parameter the contract declares (If-None-Match,
// accept-language, user-agent, which Firefox lets a page set and so preflights).
func corsHeaders(doc *openapi3.T) []string {
	names := []string{echo.HeaderAuthorization, headerPrefer, headerRequestID, echo.HeaderAccept}
	for _, path := range slices.Sorted(maps.Keys(doc.Paths.Map())) {
		item := doc.Paths.Value(path)
		for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
			for _, p := range slices.Concat(item.Parameters, item.Operations()[method].Parameters) {
				if p.Value == nil || p.Value.In != openapi3.ParameterInHeader ||
					slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, p.Value.Name) }) {
					continue
				}
				names = append(names, p.Value.Name)
			}
		}
	}
	return names
}
