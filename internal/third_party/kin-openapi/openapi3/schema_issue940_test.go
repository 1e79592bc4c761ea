package openapi3

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestOneOfErrorPreserved(t *testing.T) {
	t.Parallel()

	// language=json
	raw := `
{
	"foo": [ "bar" ]
}
`

	// language=json
	schema := `
{
	"type": "object",
	"properties": {
		"foo": {
			"oneOf": [
				{
					"type": "number"
				},
					{
					"type": "string"
				}
			]
		}
	}
}
`

	s := NewSchema()
	err := s.UnmarshalJSON([]byte(schema))
	require.NoError(t, err)
	err = s.Validate(t.Context())
	require.NoError(t, err)

	obj := make(map[string]any)
	err = json.Unmarshal([]byte(raw), &obj)
	require.NoError(t, err)

	err = s.VisitJSON(obj, MultiErrors(), DisableSchemaErrorDetails())
	require.Error(t, err)

	var multiError MultiError
	ok := errors.As(err, &multiError)
	require.True(t, ok)
	var schemaErr *SchemaError
	ok = errors.As(multiError[0], &schemaErr)
	require.True(t, ok)

	require.Equal(t, "oneOf", schemaErr.SchemaField)
	require.Equal(t, `value doesn't match any schema from "oneOf"`, schemaErr.Reason)
	require.EqualError(t, schemaErr, `Error at "/foo": doesn't match schema due to: value must be a number Or value must be a string`)

	var me multiErrorForOneOf
	ok = errors.As(err, &me)
	require.True(t, ok)
	require.EqualError(t, me[0], `Error at "/foo": value must be a number`)
	require.EqualError(t, me[1], `Error at "/foo": value must be a string`)
}
