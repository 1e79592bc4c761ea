package validate

import (
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// Violation is one way a request or response breaks the contract.
type Violation struct {
	// Pointer is the RFC 6901 JSON pointer of the offending value in the body ("" for the body
	// itself, or for a violation outside the body such as the status or a header).
	Pointer string
	// In says where the violation is: "body", "status", "header", "query", "path" or "request".
	In string
	// Want says what the contract requires, Got what came instead (shortened).
	Want, Got string
	// Message is kin-openapi's full explanation.
	Message string

	// Trailing marks data after the body's JSON value: the one violation reported beyond
	// kin-openapi's verdict, which ignores such data.
	Trailing bool

	syntax     bool // the body is not JSON
	occurrence int  // 1 + the occurrence of the array whose element broke its schema, else 0
}

// String renders the violation on one line.
func (v Violation) String() string {
	where := v.In
	if v.Pointer != "" {
		where += " " + v.Pointer
	}
	if v.Want == "" && v.Got == "" {
		return where + ": " + v.Message
	}
	return fmt.Sprintf("%s: want %s, got %s", where, v.Want, v.Got)
}

// Violations flattens an error of Request or Response into violations, one per failing value.
// An error that is no validation error becomes a single violation carrying its message.
func Violations(err error) []Violation {
	if err == nil {
		return nil
	}
	var out []Violation
	collect(err, "request", &out)
	if len(out) == 0 {
		out = append(out, Violation{In: "request", Message: err.Error()})
	}
	return out
}

func collect(err error, in string, out *[]Violation) {
	switch e := err.(type) {
	case openapi3.MultiError:
		for _, inner := range e {
			collect(inner, in, out)
		}
	case *openapi3filter.RequestError:
		where := "request"
		name := ""
		if e.Parameter != nil {
			where, name = e.Parameter.In, e.Parameter.Name
		}
		if e.Err != nil && hasSchemaError(e.Err) {
			collect(e.Err, where, out)
			return
		}
		*out = append(*out, Violation{In: where, Pointer: pointerOfName(name), Message: e.Error()})
	case *openapi3filter.ResponseError:
		if e.Err != nil && hasSchemaError(e.Err) {
			collect(e.Err, "body", out)
			return
		}
		where := "body"
		switch {
		case strings.Contains(e.Reason, "status"):
			where = "status"
		case strings.Contains(e.Reason, "header"):
			where = "header"
		}
		*out = append(*out, Violation{In: where, Message: e.Error()})
	case *openapi3.SchemaError:
		*out = append(*out, schemaViolation(e, in))
	default:
		if inner := errors.Unwrap(err); inner != nil {
			collect(inner, in, out)
			return
		}
		*out = append(*out, Violation{In: in, Message: err.Error()})
	}
}

func hasSchemaError(err error) bool {
	var s *openapi3.SchemaError
	return errors.As(err, &s)
}

func pointerOfName(name string) string {
	if name == "" {
		return ""
	}
	return "/" + escapePointer(name)
}

func schemaViolation(e *openapi3.SchemaError, in string) Violation {
	var b strings.Builder
	for _, p := range e.JSONPointer() {
		b.WriteByte('/')
		b.WriteString(escapePointer(p))
	}
	return Violation{Pointer: b.String(), In: in, Want: want(e), Got: Shorten(fmt.Sprintf("%#v", e.Value), 60), Message: e.Error()}
}

// want renders the schema rule a value broke, e.g. `type string` or `format date-time`.
func want(e *openapi3.SchemaError) string {
	s := e.Schema
	reason := e.Reason
	if e.SchemaField == "format" && e.Origin != nil {
		reason = e.Origin.Error()
	}
	if s == nil {
		return reason
	}
	switch e.SchemaField {
	case "type":
		if s.Type != nil {
			return "type " + strings.Join(s.Type.Slice(), "|")
		}
	case "format":
		return "format " + s.Format
	case "pattern":
		return "pattern " + s.Pattern
	case "minLength":
		return fmt.Sprintf("minLength %d", s.MinLength)
	}
	if reason == "" {
		return e.SchemaField
	}
	return reason
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// Shorten cuts s to at most n runes, marking the cut with an ellipsis.
func Shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
