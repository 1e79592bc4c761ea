package mockdata_test

import (
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ssojet-tools/loginlogs/internal/mockdata"
)

// TestValuesPassTheSchema generates many values of schemas using each keyword the generator
// knows and has kin-openapi judge every one; the same seed gives the same value.
func TestValuesPassTheSchema(t *testing.T) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData([]byte(`
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    All:
      type: object
      required: [when, code, ip, n, x, tags, choice, kind]
      properties:
        when: {type: string, format: date-time, pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$'}
        code: {type: string, pattern: '^cli_[a-z0-9]{6}$'}
        ip: {type: string, format: ipv4}
        n: {type: integer, minimum: 3, maximum: 9}
        x: {type: number, minimum: -1.5, maximum: 1.5}
        short: {type: string, minLength: 2, maxLength: 4}
        tags: {type: array, minItems: 1, maxItems: 3, items: {type: string}}
        choice: {oneOf: [{type: string}, {type: integer}]}
        kind: {type: string, enum: [a, b, c]}
        nested: {type: object, properties: {ok: {type: boolean}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	schema := doc.Components.Schemas["All"].Value
	for seed := range uint64(200) {
		v, err := mockdata.New(seed).Value(schema)
		if err != nil {
			t.Fatalf("seed %d: Value: %v", seed, err)
		}
		if err := schema.VisitJSON(v, openapi3.EnableFormatValidation()); err != nil {
			t.Errorf("seed %d: %v violates the schema: %v", seed, v, err)
		}
	}
	a, _ := mockdata.New(7).Value(schema)
	b, _ := mockdata.New(7).Value(schema)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("seed 7 twice: %v and %v, want the same", a, b)
	}
	impossible := &openapi3.Schema{Type: &openapi3.Types{"string"}, MinLength: 5, MaxLength: openapi3.Ptr(uint64(2))}
	if _, err := mockdata.New(1).Value(impossible); err == nil {
		t.Error("Value of a string of 5 to 2 characters: no error, want ErrNoValue")
	}
}
