package server

import (
	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/docs"
)

// registerDocs mounts the API reference page and its assets (internal/docs) for GET and HEAD,
// with no token: they render the embedded contract, which /openapi.yaml already publishes.
func registerDocs(e *echo.Echo) {
	h := echo.WrapHandler(docs.Handler(api.OpenAPI))
	for _, p := range docs.Paths() {
		e.Match(getHead, p, h)
	}
}
