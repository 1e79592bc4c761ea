// Package api embeds the hand-written OpenAPI contract, openapi.yaml, so that every binary and
// test validates against exactly the file the SDK and the server interface are generated from.
package api

import _ "embed"

// OpenAPI is the contract, byte for byte as committed in api/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte
