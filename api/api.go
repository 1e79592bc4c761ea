// Package api embeds the hand-written OpenAPI contract, openapi.yaml, so that every binary and
// test validates against exactly the file the SDK and the server interface are generated from.
package api

import (
	_ "embed"
	"strings"
)

// OpenAPI is the contract, byte for byte as committed in api/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte

// Version returns the contract's info.version, e.g. "3.1.0", read from the embedded text: the
// `version:` key indented once under the top-level `info:` key.
func Version() string {
	inInfo := false
	for line := range strings.Lines(string(OpenAPI)) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "info:":
			inInfo = true
		case inInfo && line != "" && line[0] != ' ':
			return "" // the next top-level key: info has no version
		case inInfo:
			if v, ok := strings.CutPrefix(line, "  version:"); ok {
				return strings.Trim(strings.TrimSpace(v), `'"`)
			}
		}
	}
	return ""
}
