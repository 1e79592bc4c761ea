//go:build tools

// Package tools pins the Go tools this module runs through go.mod, so `go run` of each uses the
// version recorded there: oapi-codegen v2.8.2, and oasdiff v1.37.0, whose library the
// breaking-change gate (internal/apidiff) calls and whose command compares contracts by hand
// (`go run github.com/oasdiff/oasdiff breaking api/released/openapi.yaml api/openapi.yaml`).
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
	_ "github.com/oasdiff/oasdiff"
)
