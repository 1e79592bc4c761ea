package spec

import (
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v3"

	"github.com/ssojet-tools/loginlogs/internal/redact"
)

// Error is a contract file that does not load: the file, where in it when known (line and
// column from 1; 0 when unknown), and the first problem on one line.
type Error struct {
	File         string
	Line, Column int
	Problem      string
	Err          error // the parser's or the validator's whole error
}

// Error renders FILE:LINE:COL: problem, as compilers and editors read it.
func (e *Error) Error() string {
	where := e.File
	if e.Line > 0 {
		where += ":" + strconv.Itoa(e.Line)
		if e.Column > 0 {
			where += ":" + strconv.Itoa(e.Column)
		}
	}
	return where + ": " + e.Problem
}

func (e *Error) Unwrap() error { return e.Err }

// maxProblem bounds the problem quoted: kin-openapi's messages can embed whole schemas.
const maxProblem = 300

// yamlLine finds the line a YAML parser's message names.
var yamlLine = regexp.MustCompile(`\bline (\d+)`)

// located turns an error of load for the file at path into an *Error: its position is the one
// kin-openapi recorded of the innermost element the error names (loaded with origins), or the
// line a YAML parse error names; its problem is the first line of the message, bounded.
func located(path string, data []byte, err error) error {
	e := &Error{File: path, Err: err}
	msg := err.Error()
	first, _, _ := strings.Cut(msg, "\n")
	e.Problem = redact.Printable(strings.TrimSpace(first))
	if len(e.Problem) > maxProblem {
		e.Problem = e.Problem[:maxProblem] + "…"
	}
	if loc := innermostLocation(err); loc != nil {
		e.Line, e.Column = loc.Line, loc.Column
		// In a value (an example, a default) the schema refuses: the member it refuses.
		var se *openapi3.SchemaError
		if errors.As(err, &se) {
			if l, c, ok := valueMember(data, loc.Line, loc.Column, se.JSONPointer()); ok {
				e.Line, e.Column = l, c
			}
		}
	} else if m := yamlLine.FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
	}
	return e
}

var originType = reflect.TypeFor[*openapi3.Origin]()

// innermostLocation returns the position of the deepest error in err's chain that carries a
// kin-openapi Origin (its validation errors have an Origin field): the field the error is
// about when the error names one (an example, a default), else the element's key.
func innermostLocation(err error) *openapi3.Location {
	var found *openapi3.Location
	for err != nil {
		if loc := locationOf(err); loc != nil {
			found = loc
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			errs := u.Unwrap()
			if len(errs) == 0 {
				return found
			}
			err = errs[0] // the first problem
		default:
			err = errors.Unwrap(err)
		}
	}
	return found
}

// locationOf returns the position an error of kin-openapi's records, if any.
func locationOf(err error) *openapi3.Location {
	v := reflect.ValueOf(err)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("Origin")
	if !f.IsValid() || f.Type() != originType || f.IsNil() {
		return nil
	}
	o := f.Interface().(*openapi3.Origin)
	if kind := v.FieldByName("ValueKind"); kind.IsValid() && kind.Kind() == reflect.String {
		if loc, ok := o.Fields.Lookup(kind.String()); ok && loc.Line > 0 {
			return &loc
		}
	}
	if o.Key != nil && o.Key.Line > 0 {
		return o.Key
	}
	return nil
}

// valueMember finds, in the YAML text data, the value of the key at line:col, then the member
// pointer names inside it, and returns its position.
func valueMember(data []byte, line, col int, pointer []string) (int, int, bool) {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil {
		return 0, 0, false
	}
	v := valueAt(&root, line, col)
	for _, seg := range pointer {
		if v == nil {
			return 0, 0, false
		}
		v = member(v, seg)
	}
	if v == nil {
		return 0, 0, false
	}
	return v.Line, v.Column, true
}

// valueAt returns the value of the mapping key at line:col under n.
func valueAt(n *yaml.Node, line, col int) *yaml.Node {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Line == line && k.Column == col {
				return n.Content[i+1]
			}
		}
	}
	for _, c := range n.Content {
		if v := valueAt(c, line, col); v != nil {
			return v
		}
	}
	return nil
}

// member returns the member seg of a mapping, or element seg of a sequence.
func member(n *yaml.Node, seg string) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == seg {
				return n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}
