// Package gen holds only code generated from api/openapi.yaml by oapi-codegen; never edit it by
// hand. Change the spec or a config in api/, run `make generate`, and commit both.
//
//   - ssojet: the Go SDK, models and client, free of any server dependency.
//   - ssojetapi: models, the echo server interface and the strict server.
package gen

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../api/ssojet.cfg.yaml ../api/openapi.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../api/ssojetapi.cfg.yaml ../api/openapi.yaml
