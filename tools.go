//go:build tools

// Package tools pins the Go tools this module runs through go.mod, so `go run` of each uses the
// version recorded there (oapi-codegen v2.8.2).
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
