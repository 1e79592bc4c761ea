// Package kinagree judges JSON values against schemas with kin-openapi's VisitJSON and writes
// one line per judgement, so that two builds of kin-openapi can be compared on the same cases:
// the patched copy in ../kin-openapi (this module's go.mod replaces kin-openapi with it) and the
// release it was copied from (unpatched.mod, used by cmd/judge with go run -modfile).
package kinagree

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Case is one schema and one value, each as JSON.
type Case struct {
	Schema json.RawMessage `json:"schema"`
	Value  json.RawMessage `json:"value"`
}

// optionSets are the ways each case is judged: kin-openapi's modes (first error, every error,
// fail fast), each direction (readOnly and writeOnly properties), and the setting of defaults.
var optionSets = []struct {
	name     string
	opts     []openapi3.SchemaValidationOption
	defaults bool
}{
	{name: "first"},
	{name: "multi", opts: []openapi3.SchemaValidationOption{openapi3.MultiErrors()}},
	{name: "failfast", opts: []openapi3.SchemaValidationOption{openapi3.FailFast()}},
	{name: "response", opts: []openapi3.SchemaValidationOption{openapi3.VisitAsResponse()}},
	{name: "response-multi", opts: []openapi3.SchemaValidationOption{openapi3.VisitAsResponse(), openapi3.MultiErrors()}},
	{name: "request", opts: []openapi3.SchemaValidationOption{openapi3.VisitAsRequest()}},
	{name: "request-multi", opts: []openapi3.SchemaValidationOption{openapi3.VisitAsRequest(), openapi3.MultiErrors()}},
	{name: "request-defaults", opts: []openapi3.SchemaValidationOption{openapi3.VisitAsRequest()}, defaults: true},
	{name: "request-multi-defaults", opts: []openapi3.SchemaValidationOption{openapi3.VisitAsRequest(), openapi3.MultiErrors()}, defaults: true},
}

// Judge reads cases, one JSON object a line, and writes for each case and option set one line:
// the case's number, the option set, whether the schema is empty, the error's text and the JSON
// pointer of each error (or "ok"), and the value after the visit where defaults are set.
func Judge(r io.Reader, w io.Writer) error {
	bw := bufio.NewWriter(w)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	for n := 0; sc.Scan(); n++ {
		var c Case
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return fmt.Errorf("case %d: %w", n, err)
		}
		for _, set := range optionSets {
			var schema openapi3.Schema
			if err := json.Unmarshal(c.Schema, &schema); err != nil {
				return fmt.Errorf("case %d: schema: %w", n, err)
			}
			value, err := decode(c.Value)
			if err != nil {
				return fmt.Errorf("case %d: value: %w", n, err)
			}
			opts := set.opts
			defaultsSet := false
			if set.defaults {
				opts = append(opts[:len(opts):len(opts)], openapi3.DefaultsSet(func() { defaultsSet = true }))
			}
			line := fmt.Sprintf("%d %s empty=%t %s", n, set.name, schema.IsEmpty(), visit(&schema, value, opts))
			if set.defaults {
				after, err := json.Marshal(value)
				if err != nil {
					return fmt.Errorf("case %d: value after the visit: %w", n, err)
				}
				line += fmt.Sprintf(" defaults=%t after=%s", defaultsSet, after)
			}
			fmt.Fprintln(bw, strings.ReplaceAll(line, "\n", `\n`))
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return bw.Flush()
}

// visit is the outcome of schema.VisitJSON, or "panic" and what it panicked with: a property
// whose schema is an unresolved reference makes VisitJSON panic in some modes.
func visit(schema *openapi3.Schema, value any, opts []openapi3.SchemaValidationOption) (out string) {
	defer func() {
		if p := recover(); p != nil {
			out = fmt.Sprintf("panic %v", p)
		}
	}()
	return outcome(schema.VisitJSON(value, opts...))
}

// decode decodes a value as kin-openapi's request and response validation does: numbers as
// json.Number.
func decode(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

// outcome is "ok", or the error's text followed by the JSON pointer of each schema error in it.
func outcome(err error) string {
	if err == nil {
		return "ok"
	}
	var ptrs []string
	var me openapi3.MultiError
	var se *openapi3.SchemaError
	switch {
	case errors.As(err, &me):
		for _, e := range me {
			if errors.As(e, &se) {
				ptrs = append(ptrs, "/"+strings.Join(se.JSONPointer(), "/"))
			} else {
				ptrs = append(ptrs, "?")
			}
		}
	case errors.As(err, &se):
		ptrs = append(ptrs, "/"+strings.Join(se.JSONPointer(), "/"))
	}
	return fmt.Sprintf("error %q pointers=%v", err.Error(), ptrs)
}
