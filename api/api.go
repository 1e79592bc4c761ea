// Package api embeds the hand-written OpenAPI contract, openapi.yaml, so that every binary and
// test validates against exactly the file the SDK and the server interface are generated from.
package api

import (
	_ "embed"

	"go.yaml.in/yaml/v3"
)

// OpenAPI is the contract, byte for byte as committed in api/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte

// Version returns the contract's info.version, e.g. "3.1.0".
func Version() string {
	var doc struct {
		Info struct{ Version string } `yaml:"info"`
	}
	yaml.Unmarshal(OpenAPI, &doc)
	return doc.Info.Version
}
