package validate

import (
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
)

// Stream tells how a streamed check splits the body of ex's response: the body's schema, the
// member holding the array ("" when the body is the array itself) and the schema of the array's
// items. ok is false when such a body is judged whole. A caller that splits a body itself (an
// import reading a file) judges each element with Element against items, as the check would.
func (v *Validator) Stream(ex Exchange) (body *openapi3.Schema, key string, items *openapi3.Schema, ok bool) {
	p := v.planFor(ex)
	if p == nil {
		return nil, "", nil, false
	}
	return p.schema, p.key, p.items, true
}

// Element judges one JSON value on its own, as a streamed check judges each element of the
// array it splits: data is decoded as kin-openapi decodes a body (encoding/json, numbers as
// json.Number, nothing but white space after the value), then kin-openapi's VisitJSON validates
// it against schema with the options ValidateResponse gives a response body. The violations'
// pointers start with pointer, the value's place in its document. err is set, and nothing
// judged, when data is not one JSON value. Element is safe for concurrent use.
func (v *Validator) Element(schema *openapi3.Schema, pointer string, data []byte) (value any, violations []Violation, err error) {
	if err := jsonstream.CheckDepth(data); err != nil {
		return nil, nil, err
	}
	return v.element(schema, pointer, string(data)) // a copy: the value's strings point into it
}

// element is Element on text, which a Splitter split: no deeper than jsonstream.MaxDepth, as it
// counts from the top of its body.
func (v *Validator) element(schema *openapi3.Schema, pointer string, text string) (value any, violations []Violation, err error) {
	value, err = decodeOne(text)
	if err != nil {
		return nil, nil, err
	}
	verr := schema.VisitJSON(value, v.schemaOpts...)
	if verr == nil {
		return value, nil, nil
	}
	violations = Violations(&openapi3filter.ResponseError{Reason: "response body doesn't match schema", Err: verr})
	for i := range violations {
		violations[i].Pointer = pointer + violations[i].Pointer
	}
	return value, violations, nil
}
