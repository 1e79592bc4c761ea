package openapi3_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/getkin/kin-openapi/openapi3"
)

// An object's keys are visited in the map's order, and their errors are
// reported as if visited in the order of their names: the first error is the
// one of the smallest name, and MultiErrors lists them in that order.
func TestVisitJSONObjectReportsErrorsInNameOrder(t *testing.T) {
	t.Parallel()

	var schema openapi3.Schema
	require.NoError(t, json.Unmarshal([]byte(`{
		"type": "object",
		"additionalProperties": false,
		"properties": {
			"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"},
			"d": {"type": "string", "readOnly": true}, "e": {"type": "string", "readOnly": true},
			"f": {"type": "string"}, "g": {"type": "string"}, "h": {"type": "string"}
		}
	}`), &schema))
	value := map[string]any{
		"h": 1, "b": 2, "g": "ok", "f": 3, "a": "ok", "c": 4,
		"d": "ro", "e": "ro", "zz": 5, "y": 6,
	}
	pointer := func(err error) string {
		var se *openapi3.SchemaError
		require.True(t, errors.As(err, &se), "%T is not a SchemaError", err)
		return "/" + strings.Join(se.JSONPointer(), "/")
	}
	// Go iterates maps in a random order: each run meets the keys in another.
	for range 50 {
		require.Equal(t, "/b", pointer(schema.VisitJSON(value)))
		require.Equal(t, "/d", pointer(schema.VisitJSON(value, openapi3.VisitAsRequest())))

		err := schema.VisitJSON(value, openapi3.MultiErrors())
		var me openapi3.MultiError
		require.True(t, errors.As(err, &me), "%T is not a MultiError", err)
		var got []string
		for _, e := range me {
			got = append(got, pointer(e))
		}
		// The unsupported keys y and zz are reported at the object.
		require.Equal(t, []string{"/b", "/c", "/f", "/h", "/", "/"}, got)
		require.Contains(t, me[4].Error(), `property "y" is unsupported`)
		require.Contains(t, me[5].Error(), `property "zz" is unsupported`)

		require.Error(t, schema.VisitJSON(value, openapi3.FailFast()))
	}
}
