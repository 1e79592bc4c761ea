// Package jsonstream splits a JSON document, as its bytes arrive, into the elements of one array
// and the rest of the document, so that a body of any size can be judged element by element in
// bounded memory. It only finds where values begin and end; it decodes nothing but object keys.
// Whoever uses it decodes each element and the rest with a real JSON decoder, which finds every
// syntax error inside them; the splitter reports the errors of the structure around them: a
// bracket closed by the other kind, an empty element (`[1,,2]`, `[,1]`, `[1,]`), nesting deeper
// than MaxDepth, a document cut short.
//
// The array is either the top-level value (Options.Key empty) or the value of the member Key of
// a top-level object. The rest is the document with that array's elements left out: `{"k":[]}`.
// When Key appears more than once, every occurrence is split; a decoder keeps the last.
//
// Like encoding/json's Decoder.Decode, the splitter reads one top-level value: what follows it is
// not part of the document, and Trailing says where it starts.
package jsonstream

import (
	"encoding/json"
	"errors"
	"fmt"
)

// MaxDepth is the deepest nesting a document may have, as in encoding/json: 10,000 levels.
const MaxDepth = 10000

// Options says which array to split and how large its parts may be.
type Options struct {
	// Key names the array: "" for a top-level array, else the member Key of a top-level object.
	Key string
	// MaxElement caps the bytes of one element; 0 means no limit.
	MaxElement int
	// MaxRest caps the bytes of the rest of the document; 0 means no limit.
	MaxRest int
}

// ElementFunc receives one element: the occurrence of the member Key whose array it belongs to
// (0 for the first value of Key, 1 for a second one), its index in that array, its offset in the document and
// its bytes, which are only valid during the call. An error stops the splitter and is returned by
// Write.
type ElementFunc func(occurrence, index int, offset int64, elem []byte) error

// SyntaxError is a document whose structure is not JSON.
type SyntaxError struct {
	Offset int64 // byte offset in the document
	Msg    string
	Err    error // ErrTooDeep for nesting beyond MaxDepth, else nil
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("not JSON: %s at byte %d", e.Msg, e.Offset)
}

func (e *SyntaxError) Unwrap() error { return e.Err }

// TooLargeError is an element or a rest larger than its Options limit.
type TooLargeError struct {
	// Index is the element's index, -1 for the rest of the document.
	Index  int
	Offset int64 // where the element starts
	Limit  int
}

func (e *TooLargeError) Error() string {
	if e.Index < 0 {
		return fmt.Sprintf("the document outside the streamed array is larger than %d bytes", e.Limit)
	}
	return fmt.Sprintf("element %d (at byte %d) is larger than %d bytes", e.Index, e.Offset, e.Limit)
}

// ErrTooDeep is wrapped by the SyntaxError of a document nested deeper than MaxDepth.
var ErrTooDeep = errors.New("nested deeper than 10000 levels")

// Splitter splits one document. Feed it with Write, then call Close.
type Splitter struct {
	opts      Options
	onElement ElementFunc

	off   int64  // bytes consumed before the current Write
	stack []byte // open containers, '{' or '['
	err   error

	started, scalarTop, done bool
	trailing                 int64 // offset of the first non-space byte after the top value, -1 if none

	inString, escaped bool

	// Member tracking in a top-level object (Key mode).
	objectTop  bool
	expectKey  bool // the next string at depth 1 is a key
	inKey      bool // the current string is a key at depth 1
	key        []byte
	lastKey    string
	afterColon bool // the next value at depth 1 belongs to lastKey

	// The array being split.
	inArray    bool
	arrayDepth int // len(stack) inside the array
	occurrence int // arrays named Key seen, including the current one
	index      int // elements completed in the current array
	expectElem bool
	inElem     bool
	elemStart  int64
	elem       []byte
	settled    int64

	rest []byte
}

// New returns a Splitter that hands every element of the array opts names to fn.
func New(opts Options, fn ElementFunc) *Splitter {
	return &Splitter{opts: opts, onElement: fn, trailing: -1}
}

// Settled returns the offset up to which the document is settled: every element before it has
// been handed to the ElementFunc, which accepted it. Bytes of the current element, and bytes after
// the last element of the array, are not settled until Close.
func (s *Splitter) Settled() int64 { return s.settled }

// Trailing returns the offset of the first byte other than white space after the top-level value,
// or -1 when there is none.
func (s *Splitter) Trailing() int64 { return s.trailing }

// Rest returns the document without the split array's elements; valid after Close.
func (s *Splitter) Rest() []byte { return s.rest }

// Elements returns how many elements of the current (or last) array were handed over.
func (s *Splitter) Elements() int { return s.index }

// Occurrences returns how many values of the member Key the document had (of any type), or 1
// for a top-level array.
func (s *Splitter) Occurrences() int { return s.occurrence }

// Write consumes the next bytes of the document. It returns the first error of the document's
// structure, a *TooLargeError, or the ElementFunc's error; after an error it consumes nothing.
func (s *Splitter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	for i := 0; i < len(p); i++ {
		if err := s.step(p, i); err != nil {
			s.err = err
			return i, err
		}
		if s.inString && !s.escaped {
			// Copy the plain run of the string at once.
			j := i + 1
			for j < len(p) && p[j] != '"' && p[j] != '\\' {
				j++
			}
			if j > i+1 {
				if err := s.emit(p[i+1 : j]); err != nil {
					s.err = err
					return i, err
				}
				i = j - 1
			}
		}
	}
	s.off += int64(len(p))
	return len(p), nil
}

// Close ends the document: it reports a document cut short, and hands over nothing more.
func (s *Splitter) Close() error {
	if s.err != nil {
		return s.err
	}
	if s.scalarTop || s.done {
		return nil
	}
	if !s.started {
		return nil // an empty document: the decoder of the rest says so
	}
	s.err = &SyntaxError{Offset: s.off, Msg: "unexpected end of JSON input"}
	return s.err
}

// emit appends b to where the current bytes belong: the element, the rest, or nowhere.
func (s *Splitter) emit(b []byte) error {
	switch {
	case s.inElem:
		s.elem = append(s.elem, b...)
		if s.opts.MaxElement > 0 && len(s.elem) > s.opts.MaxElement {
			return &TooLargeError{Index: s.index, Offset: s.elemStart, Limit: s.opts.MaxElement}
		}
	case s.inArray && len(s.stack) == s.arrayDepth:
		// white space and commas between elements belong to neither
	case s.done || !s.started:
		// white space around the document
	default:
		s.rest = append(s.rest, b...)
		if s.opts.MaxRest > 0 && len(s.rest) > s.opts.MaxRest {
			return &TooLargeError{Index: -1, Limit: s.opts.MaxRest}
		}
	}
	if s.inKey {
		s.key = append(s.key, b...)
	}
	return nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// step consumes p[i].
func (s *Splitter) step(p []byte, i int) error {
	c := p[i]
	at := s.off + int64(i)
	one := p[i : i+1]

	if s.inString {
		if s.escaped {
			s.escaped = false
			return s.emit(one)
		}
		switch c {
		case '\\':
			s.escaped = true
		case '"':
			s.inString = false
			if err := s.emit(one); err != nil {
				return err
			}
			if s.inKey {
				s.inKey = false
				s.expectKey = false
				s.lastKey = ""
				_ = json.Unmarshal(s.key, &s.lastKey) // a bad key fails the rest's decoding
			}
			return nil
		}
		return s.emit(one)
	}

	if s.done {
		if s.trailing < 0 && !isSpace(c) {
			s.trailing = at
		}
		return nil
	}
	if s.scalarTop {
		return s.emit(one)
	}
	if !s.started {
		if isSpace(c) {
			return nil
		}
		s.started = true
		if c != '{' && c != '[' {
			s.scalarTop = true
			if c == '"' {
				s.inString = true
			}
			return s.emit(one)
		}
	}
	if isSpace(c) {
		return s.emit(one)
	}

	depth := len(s.stack)
	// A value starting directly in the split array is an element.
	if s.inArray && depth == s.arrayDepth && !s.inElem && c != ',' && c != ']' {
		s.inElem, s.expectElem = true, false
		s.elemStart = at
		s.elem = s.elem[:0]
	}
	// The first byte of a value at depth 1 consumes the colon before it.
	valueOfKey := false
	if s.objectTop && depth == 1 && s.afterColon && c != ':' {
		s.afterColon = false
		if valueOfKey = s.lastKey == s.opts.Key; valueOfKey {
			s.occurrence++ // any value of Key replaces the arrays before it
		}
	}

	switch c {
	case '"':
		s.inString = true
		if s.objectTop && depth == 1 && s.expectKey {
			s.inKey = true
			s.key = s.key[:0]
		}
		return s.emit(one)
	case '{', '[':
		if depth >= MaxDepth {
			return &SyntaxError{Offset: at, Msg: ErrTooDeep.Error(), Err: ErrTooDeep}
		}
		if err := s.emit(one); err != nil {
			return err
		}
		s.stack = append(s.stack, c)
		switch {
		case depth == 0 && c == '{' && s.opts.Key != "":
			s.objectTop, s.expectKey = true, true
		case depth == 0 && c == '[' && s.opts.Key == "":
			s.occurrence++
			fallthrough
		case valueOfKey && c == '[':
			s.inArray, s.arrayDepth = true, depth+1
			s.index = 0
			s.expectElem = false
		}
		return nil
	case '}', ']':
		if depth == 0 {
			return &SyntaxError{Offset: at, Msg: fmt.Sprintf("unexpected %q", c)}
		}
		open := s.stack[depth-1]
		if (open == '{') != (c == '}') {
			return &SyntaxError{Offset: at, Msg: fmt.Sprintf("%q closes %q", c, open)}
		}
		if s.inArray && depth == s.arrayDepth {
			// the end of the split array
			if s.inElem {
				if err := s.finishElement(at); err != nil {
					return err
				}
			} else if s.expectElem {
				return &SyntaxError{Offset: at, Msg: "missing element after ','"}
			}
			s.inArray = false
		}
		if err := s.emit(one); err != nil {
			return err
		}
		s.stack = s.stack[:depth-1]
		if depth == 1 {
			s.done = true
		}
		return nil
	case ',':
		if s.inArray && depth == s.arrayDepth {
			if !s.inElem {
				return &SyntaxError{Offset: at, Msg: "missing element before ','"}
			}
			if err := s.finishElement(at); err != nil {
				return err
			}
			s.expectElem = true
			return nil
		}
		if s.objectTop && depth == 1 {
			s.expectKey = true
		}
		return s.emit(one)
	case ':':
		if s.objectTop && depth == 1 {
			s.afterColon = true
		}
		return s.emit(one)
	}
	return s.emit(one)
}

// finishElement hands the current element over; at is the offset of the byte that ended it.
func (s *Splitter) finishElement(at int64) error {
	s.inElem = false
	if err := s.onElement(s.occurrence-1, s.index, s.elemStart, s.elem); err != nil {
		return err
	}
	s.index++
	s.settled = at
	return nil
}
