package validate

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/getkin/kin-openapi/openapi3"
)

// The stream validator checks a JSON body against a schema in one pass over its bytes, without
// decoding it into Go values: no map per object, no string per value. kin-openapi's VisitJSON
// needs the decoded tree, which for a 10,000-entry answer allocates several times the body.
//
// It interprets the schema that kin-openapi loaded, keyword for keyword as kin-openapi's 3.0
// validator does, but only for the keywords listed in compile. A schema using any other keyword
// does not compile, and its bodies are validated by kin-openapi itself, so the stream validator
// can make validation faster but never weaker. TestStreamAgreesWithKinOpenAPI and the fuzz target
// compare the two on valid, broken and random bodies.

type typeMask uint8

const (
	tObject typeMask = 1 << iota
	tArray
	tString
	tInteger
	tNumber
	tBoolean
)

// node is a compiled schema.
type node struct {
	schema   *openapi3.Schema
	types    typeMask // 0: any type
	nullable bool

	minLength  uint64
	maxLength  *uint64
	pattern    *regexp.Regexp
	format     func(string) error
	formatName string

	minItems uint64
	maxItems *uint64
	items    *node

	props        map[string]*node
	required     []string
	additional   *node
	noAdditional bool
	oneOf        []*node
}

// errUnsupported marks a schema the stream validator does not interpret.
var errUnsupported = errors.New("schema keyword not supported by the stream validator")

// compile turns a schema into a node, or returns errUnsupported.
func compile(s *openapi3.Schema, memo map[*openapi3.Schema]*node) (*node, error) {
	if n, ok := memo[s]; ok {
		return n, nil
	}
	if !onlySupportedKeywords(s) {
		return nil, errUnsupported
	}
	n := &node{schema: s, nullable: s.Nullable, minLength: s.MinLength, maxLength: s.MaxLength,
		minItems: s.MinItems, maxItems: s.MaxItems}
	memo[s] = n
	if s.Type != nil {
		for _, t := range s.Type.Slice() {
			switch t {
			case openapi3.TypeObject:
				n.types |= tObject
			case openapi3.TypeArray:
				n.types |= tArray
			case openapi3.TypeString:
				n.types |= tString
			case openapi3.TypeInteger:
				n.types |= tInteger
			case openapi3.TypeNumber:
				n.types |= tNumber
			case openapi3.TypeBoolean:
				n.types |= tBoolean
			default:
				return nil, errUnsupported
			}
		}
	}
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return nil, errUnsupported
		}
		n.pattern = re
	}
	if s.Format != "" {
		n.formatName = s.Format
		if f, ok := stringFormats[s.Format]; ok {
			n.format = f
		} else if f, ok := openapi3.SchemaStringFormats[s.Format]; ok {
			n.format = f.Validate
		}
	}
	child := func(ref *openapi3.SchemaRef) (*node, error) {
		if ref == nil || ref.Value == nil {
			return nil, errUnsupported
		}
		return compile(ref.Value, memo)
	}
	var err error
	if s.Items != nil {
		if n.items, err = child(s.Items); err != nil {
			return nil, err
		}
	}
	if len(s.Properties) > 0 {
		n.props = make(map[string]*node, len(s.Properties))
		for name, ref := range s.Properties {
			if n.props[name], err = child(ref); err != nil {
				return nil, err
			}
		}
	}
	n.required = s.Required
	if ap := s.AdditionalProperties; ap.Schema != nil {
		if n.additional, err = child(ap.Schema); err != nil {
			return nil, err
		}
	} else if ap.Has != nil && !*ap.Has {
		n.noAdditional = true
	}
	for _, ref := range s.OneOf {
		alt, err := child(ref)
		if err != nil {
			return nil, err
		}
		n.oneOf = append(n.oneOf, alt)
	}
	return n, nil
}

// onlySupportedKeywords reports whether s uses nothing but the keywords compile interprets (and
// annotations, which validate nothing).
func onlySupportedKeywords(s *openapi3.Schema) bool {
	if s.Discriminator != nil {
		return false
	}
	rest := *s
	rest.Extensions, rest.Origin = nil, nil
	rest.Title, rest.Description, rest.Example, rest.ExternalDocs, rest.Deprecated, rest.XML = "", "", nil, nil, false, nil
	rest.OneOf, rest.Type, rest.Format, rest.Nullable = nil, nil, "", false
	rest.MinLength, rest.MaxLength, rest.Pattern = 0, nil, ""
	rest.MinItems, rest.MaxItems, rest.Items = 0, nil, nil
	rest.Required, rest.Properties, rest.AdditionalProperties = nil, nil, openapi3.AdditionalProperties{}
	return reflect.ValueOf(rest).IsZero()
}

// BodyError is a violation found by the stream validator.
type BodyError struct {
	Pointer string           // RFC 6901 pointer of the value
	Field   string           // the schema keyword that failed, e.g. "type", "required", "format"
	Reason  string           // what the keyword wants
	Value   string           // the offending JSON text, shortened
	Schema  *openapi3.Schema // the schema that failed
}

func (e *BodyError) Error() string {
	return fmt.Sprintf("Error at %q: %s", e.Pointer, e.Reason)
}

// SyntaxError reports a body that is not JSON.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("body is not valid JSON: %s at offset %d", e.Msg, e.Offset)
}

// maxBodyErrors bounds how many violations one body reports.
const maxBodyErrors = 100

type pathElem struct {
	key   string
	index int // -1 for a key
}

type scanner struct {
	data    []byte
	pos     int
	path    []pathElem
	errs    []error
	syntax  *SyntaxError
	scratch []byte
}

// validateStream validates a whole JSON document against n. It returns nil, a *SyntaxError, or
// an openapi3.MultiError of *BodyError.
func validateStream(n *node, data []byte) error {
	s := scanner{data: data}
	s.value(n)
	if s.syntax == nil {
		s.skipSpace()
		if s.pos < len(s.data) {
			s.fail("invalid character after top-level value")
		}
	}
	if s.syntax != nil {
		return s.syntax
	}
	if len(s.errs) == 0 {
		return nil
	}
	return openapi3.MultiError(s.errs)
}

func (s *scanner) fail(msg string) {
	if s.syntax == nil {
		s.syntax = &SyntaxError{Offset: s.pos, Msg: msg}
	}
}

func (s *scanner) pointer(extra string) string {
	var b strings.Builder
	for _, p := range s.path {
		b.WriteByte('/')
		if p.index >= 0 {
			b.WriteString(strconv.Itoa(p.index))
		} else {
			b.WriteString(escapePointer(p.key))
		}
	}
	if extra != "" {
		b.WriteByte('/')
		b.WriteString(escapePointer(extra))
	}
	return b.String()
}

func (s *scanner) report(n *node, start int, field, reason string) {
	s.reportAt(n, start, "", field, reason)
}

func (s *scanner) reportAt(n *node, start int, key, field, reason string) {
	if len(s.errs) >= maxBodyErrors {
		return
	}
	end := s.pos
	if end < start {
		end = start
	}
	s.errs = append(s.errs, &BodyError{
		Pointer: s.pointer(key),
		Field:   field,
		Reason:  reason,
		Value:   Shorten(string(s.data[start:end]), 60),
		Schema:  n.schema,
	})
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// value validates the value at s.pos against n (nil: anything) and moves past it.
func (s *scanner) value(n *node) {
	s.skipSpace()
	if s.pos >= len(s.data) {
		s.fail("unexpected end of input")
		return
	}
	start := s.pos
	if n != nil && len(n.oneOf) > 0 {
		s.oneOf(n, start)
		if s.syntax != nil {
			return
		}
		s.pos = start
	}
	switch c := s.data[s.pos]; {
	case c == '{':
		s.object(n, start)
	case c == '[':
		s.array(n, start)
	case c == '"':
		v, ok := s.str()
		if !ok || n == nil {
			return
		}
		s.checkString(n, start, v)
	case c == 't' || c == 'f':
		if !s.literal("true") && !s.literal("false") {
			s.fail("invalid literal")
			return
		}
		if n != nil && n.types != 0 && n.types&tBoolean == 0 {
			s.report(n, start, "type", typeReason(n))
		}
	case c == 'n':
		if !s.literal("null") {
			s.fail("invalid literal")
			return
		}
		if n != nil && !n.nullable {
			s.report(n, start, "nullable", "Value is not nullable")
		}
	case c == '-' || (c >= '0' && c <= '9'):
		f, ok := s.number()
		if !ok || n == nil {
			return
		}
		switch {
		case n.types == 0 || n.types&tNumber != 0:
		case n.types&tInteger != 0:
			if f != math.Trunc(f) {
				s.report(n, start, "type", "value must be an integer")
			}
		default:
			s.report(n, start, "type", typeReason(n))
		}
	default:
		s.fail(fmt.Sprintf("invalid character %q looking for beginning of value", c))
	}
}

// oneOf checks that exactly one alternative of n accepts the value at start.
func (s *scanner) oneOf(n *node, start int) {
	matched := 0
	end := start
	for _, alt := range n.oneOf {
		sub := scanner{data: s.data, pos: start, path: s.path}
		sub.value(alt)
		if sub.syntax != nil {
			s.syntax = sub.syntax
			return
		}
		end = sub.pos
		if len(sub.errs) == 0 {
			matched++
		}
	}
	if matched != 1 {
		s.pos = end
		reason := "value doesn't match any schema from \"oneOf\""
		if matched > 1 {
			reason = "value matches more than one schema from \"oneOf\""
		}
		s.report(n, start, "oneOf", reason)
	}
}

func typeReason(n *node) string {
	var names []string
	for _, t := range []struct {
		m    typeMask
		name string
	}{{tObject, "an object"}, {tArray, "an array"}, {tString, "a string"}, {tInteger, "an integer"}, {tNumber, "a number"}, {tBoolean, "a boolean"}} {
		if n.types&t.m != 0 {
			names = append(names, t.name)
		}
	}
	return "value must be " + strings.Join(names, " or ")
}

func (s *scanner) literal(lit string) bool {
	if strings.HasPrefix(unsafeString(s.data[s.pos:]), lit) {
		s.pos += len(lit)
		return true
	}
	return false
}

func (s *scanner) object(n *node, start int) {
	declared := n
	wrongType := n != nil && n.types != 0 && n.types&tObject == 0
	if wrongType {
		n = nil // skip the contents, report once
	}
	var seen uint64 // bit i: n.required[i] was present (required lists beyond 64 use seenMap)
	var seenMap map[string]bool
	if n != nil && len(n.required) > 64 {
		seenMap = make(map[string]bool, len(n.required))
	}
	s.pos++ // {
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
	} else {
		for {
			s.skipSpace()
			if s.pos >= len(s.data) || s.data[s.pos] != '"' {
				s.fail("expected a string key")
				return
			}
			key, ok := s.str()
			if !ok {
				return
			}
			if s.aliasesScratch(key) {
				key = strings.Clone(key) // nested strings reuse the scratch buffer
			}
			s.skipSpace()
			if s.pos >= len(s.data) || s.data[s.pos] != ':' {
				s.fail("expected ':' after object key")
				return
			}
			s.pos++
			var child *node
			valueStart := s.pos
			if n != nil {
				if seenMap != nil {
					seenMap[key] = true
				} else {
					for i, r := range n.required {
						if r == key {
							seen |= 1 << i
						}
					}
				}
				if c, ok := n.props[key]; ok {
					child = c
				} else if n.additional != nil {
					child = n.additional
				} else if n.noAdditional {
					s.path = append(s.path, pathElem{key: key, index: -1})
					s.value(nil)
					s.report(n, valueStart, "additionalProperties", fmt.Sprintf("property %q is unsupported", key))
					s.path = s.path[:len(s.path)-1]
					goto next
				}
			}
			s.path = append(s.path, pathElem{key: key, index: -1})
			s.value(child)
			s.path = s.path[:len(s.path)-1]
		next:
			if s.syntax != nil {
				return
			}
			s.skipSpace()
			if s.pos >= len(s.data) {
				s.fail("unexpected end of input in object")
				return
			}
			if s.data[s.pos] == ',' {
				s.pos++
				continue
			}
			if s.data[s.pos] == '}' {
				s.pos++
				break
			}
			s.fail("expected ',' or '}' in object")
			return
		}
	}
	if wrongType {
		s.report(declared, start, "type", typeReason(declared))
		return
	}
	if n == nil {
		return
	}
	for i, r := range n.required {
		present := seen&(1<<i) != 0
		if seenMap != nil {
			present = seenMap[r]
		}
		if !present {
			s.reportAt(n, start, r, "required", fmt.Sprintf("property %q is missing", r))
		}
	}
}

func (s *scanner) array(n *node, start int) {
	wrongType := n != nil && n.types != 0 && n.types&tArray == 0
	var items *node
	if n != nil && !wrongType {
		items = n.items
	}
	s.pos++ // [
	count := 0
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
	} else {
		for {
			s.path = append(s.path, pathElem{index: count})
			s.value(items)
			s.path = s.path[:len(s.path)-1]
			if s.syntax != nil {
				return
			}
			count++
			s.skipSpace()
			if s.pos >= len(s.data) {
				s.fail("unexpected end of input in array")
				return
			}
			if s.data[s.pos] == ',' {
				s.pos++
				continue
			}
			if s.data[s.pos] == ']' {
				s.pos++
				break
			}
			s.fail("expected ',' or ']' in array")
			return
		}
	}
	if n == nil {
		return
	}
	if wrongType {
		s.report(n, start, "type", typeReason(n))
		return
	}
	if uint64(count) < n.minItems {
		s.report(n, start, "minItems", fmt.Sprintf("minimum number of items is %d", n.minItems))
	}
	if n.maxItems != nil && uint64(count) > *n.maxItems {
		s.report(n, start, "maxItems", fmt.Sprintf("maximum number of items is %d", *n.maxItems))
	}
}

func (s *scanner) checkString(n *node, start int, v string) {
	if n.types != 0 && n.types&tString == 0 {
		s.report(n, start, "type", typeReason(n))
		return
	}
	if n.minLength != 0 || n.maxLength != nil {
		length := uint64(0)
		for _, r := range v {
			if utf16.IsSurrogate(r) {
				length += 2
			} else {
				length++
			}
		}
		if length < n.minLength {
			s.report(n, start, "minLength", fmt.Sprintf("minimum string length is %d", n.minLength))
		}
		if n.maxLength != nil && length > *n.maxLength {
			s.report(n, start, "maxLength", fmt.Sprintf("maximum string length is %d", *n.maxLength))
		}
	}
	if n.pattern != nil && !n.pattern.MatchString(v) {
		s.report(n, start, "pattern", fmt.Sprintf("string doesn't match the regular expression %q", n.pattern.String()))
	}
	if n.format != nil {
		if err := n.format(v); err != nil {
			s.report(n, start, "format", fmt.Sprintf("string doesn't match the format %q: %v", n.formatName, err))
		}
	}
}

// str reads a JSON string at s.pos. Without escapes the result aliases the input (valid while the
// body is); with escapes it is decoded into the scanner's scratch buffer (valid until the next
// call).
func (s *scanner) str() (string, bool) {
	s.pos++ // opening quote
	begin := s.pos
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			v := unsafeString(s.data[begin:s.pos])
			s.pos++
			return v, true
		case c == '\\':
			return s.escapedStr(begin)
		case c < 0x20:
			s.fail("invalid control character in string")
			return "", false
		}
		s.pos++
	}
	s.fail("unexpected end of input in string")
	return "", false
}

func (s *scanner) escapedStr(begin int) (string, bool) {
	buf := append(s.scratch[:0], s.data[begin:s.pos]...)
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			s.pos++
			s.scratch = buf
			return unsafeString(buf), true
		case c < 0x20:
			s.fail("invalid control character in string")
			return "", false
		case c != '\\':
			buf = append(buf, c)
			s.pos++
			continue
		}
		if s.pos+1 >= len(s.data) {
			break
		}
		esc := s.data[s.pos+1]
		s.pos += 2
		switch esc {
		case '"', '\\', '/':
			buf = append(buf, esc)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := s.hex4()
			if !ok {
				s.fail("invalid \\u escape")
				return "", false
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if s.pos+1 < len(s.data) && s.data[s.pos] == '\\' && s.data[s.pos+1] == 'u' {
					save := s.pos
					s.pos += 2
					if r2, ok = s.hex4(); !ok {
						s.fail("invalid \\u escape")
						return "", false
					}
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						buf = utf8.AppendRune(buf, dec)
						continue
					}
					s.pos = save
				}
				r = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, r)
		default:
			s.fail("invalid escape in string")
			return "", false
		}
	}
	s.fail("unexpected end of input in string")
	return "", false
}

func (s *scanner) hex4() (rune, bool) {
	if s.pos+4 > len(s.data) {
		return 0, false
	}
	var r rune
	for _, c := range s.data[s.pos : s.pos+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			r |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	s.pos += 4
	return r, true
}

// number reads a JSON number by the grammar of RFC 8259.
func (s *scanner) number() (float64, bool) {
	begin := s.pos
	digits := func() int {
		n := 0
		for s.pos < len(s.data) && s.data[s.pos] >= '0' && s.data[s.pos] <= '9' {
			s.pos++
			n++
		}
		return n
	}
	if s.data[s.pos] == '-' {
		s.pos++
	}
	if s.pos < len(s.data) && s.data[s.pos] == '0' {
		s.pos++
	} else if digits() == 0 {
		s.fail("invalid number")
		return 0, false
	}
	if s.pos < len(s.data) && s.data[s.pos] == '.' {
		s.pos++
		if digits() == 0 {
			s.fail("invalid number")
			return 0, false
		}
	}
	if s.pos < len(s.data) && (s.data[s.pos] == 'e' || s.data[s.pos] == 'E') {
		s.pos++
		if s.pos < len(s.data) && (s.data[s.pos] == '+' || s.data[s.pos] == '-') {
			s.pos++
		}
		if digits() == 0 {
			s.fail("invalid number")
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(unsafeString(s.data[begin:s.pos]), 64)
	if err != nil {
		// encoding/json, which kin-openapi decodes with, refuses numbers out of float64's range.
		s.fail("number out of range")
		return 0, false
	}
	return f, true
}

// aliasesScratch reports whether v points into the scratch buffer.
func (s *scanner) aliasesScratch(v string) bool {
	if len(v) == 0 || cap(s.scratch) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(v)))
	base := uintptr(unsafe.Pointer(unsafe.SliceData(s.scratch[:1])))
	return p >= base && p < base+uintptr(cap(s.scratch))
}

func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
