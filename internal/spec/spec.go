// Package spec loads an OpenAPI contract for validation: the embedded api/openapi.yaml, or a
// candidate contract from a file. A loaded contract is validated as a document and checks
// `date-time` strings as real instants (time.Parse), which kin-openapi's regular expression alone
// does not: it accepts 2024-02-30.
package spec

import (
	"fmt"
	"io"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ssojet-tools/loginlogs/api"
)

// Embedded parses the contract embedded in the binary.
func Embedded() (*openapi3.T, error) {
	doc, err := Load(api.OpenAPI)
	if err != nil {
		return nil, fmt.Errorf("embedded openapi.yaml: %w", err)
	}
	return doc, nil
}

// Read parses the contract that r reads, from the file name. It returns the file's text too,
// for a caller that shows the contract it judges with (the API reference page).
func Read(name string, r io.Reader) (*openapi3.T, []byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read contract %s: %w", name, err)
	}
	doc, err := load(data, true)
	if err != nil {
		return nil, nil, located(name, data, err)
	}
	return doc, data, nil
}

// Load parses and validates a contract (YAML or JSON) and registers the strict string formats
// with it (see the package comment). Local references are resolved; remote ones are refused.
func Load(data []byte) (*openapi3.T, error) { return load(data, false) }

// load is Load, recording where each element of the document is when origins is true.
func load(data []byte, origins bool) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = origins
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("not a valid OpenAPI document: %w", err)
	}
	doc.SetStringFormatValidator("date-time", openapi3.NewCallbackValidator(checkDateTime))
	return doc, nil
}

// checkDateTime accepts RFC 3339 date-times that denote a real instant.
func checkDateTime(s string) error {
	if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
		return fmt.Errorf("not an RFC 3339 date-time: %w", err)
	}
	return nil
}
