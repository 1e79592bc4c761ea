// Package jsonstream splits a JSON document, as its bytes arrive, into the elements of one array
// and the rest of the document, so that a body of any size can be judged element by element in
// bounded memory. It decodes nothing but object keys, but it checks the document's syntax as
// encoding/json's scanner does, byte by byte: a document that is not JSON is refused at the first
// byte that makes it so (a value that cannot start with that byte, a broken literal, number,
// string or escape, a control character in a string, a missing comma or colon, a bracket closed
// by the other kind, nesting deeper than MaxDepth), and a document cut short at Close. Nothing
// after that byte is read or held, so a broken body of any size is refused within its first
// bytes rather than reaching the limits.
//
// The array is either the top-level value (Options.Key empty) or the value of the member Key of
// a top-level object. The rest is the document with that array's elements left out: `{"k":[]}`.
// When Key appears more than once, every occurrence is split; a decoder keeps the last.
//
// Like encoding/json's Decoder.Decode, the splitter reads one top-level value: what follows it is
// not part of the document, and Trailing says where it starts.
//
// AppendString writes a JSON string, for the encoders that write JSON by hand.
package jsonstream

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// MaxDepth is the deepest nesting a document may have: 64 levels, where a login-logs body needs
// 3 (the body, login_logs, an entry) and encoding/json allows 10,000. It is the one limit every
// verb applies (docs/decisions.md, "Depth").
const MaxDepth = 64

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

// SyntaxError is a document that is not JSON, as encoding/json's Decoder says it: Msg in its words
// and Offset as its SyntaxError.Offset, the bytes read up to and including the one that broke
// the document (its length for a document cut short).
type SyntaxError struct {
	Offset int64 // bytes read when the document broke
	Msg    string
	Err    error // ErrTooDeep for nesting beyond MaxDepth, else nil
	// Index is the element of the split array the document broke in, or after, or where one was
	// due; -1 when it broke outside the array's elements. Start is where that element starts
	// (where it was due).
	Index int
	Start int64
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
var ErrTooDeep = errors.New("nested deeper than " + strconv.Itoa(MaxDepth) + " levels")

// CheckDepth returns the SyntaxError a Splitter returns for data, a whole document, when the
// Splitter finds it nested deeper than MaxDepth (or finds it not JSON before that depth); nil
// when data is no deeper than MaxDepth, whatever else is wrong with it. It costs one pass over
// data, and a Splitter's only when the document is too deep.
func CheckDepth(data []byte) error {
	if bytes.Count(data, []byte("["))+bytes.Count(data, []byte("{")) <= MaxDepth {
		return nil // too few brackets to nest that deep (a small body: the server's, an error)
	}
	depth, inString, escaped := 0, false, false
	for _, c := range data {
		switch {
		case escaped:
			escaped = false
		case inString:
			switch c {
			case '\\':
				escaped = true
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		}
		if depth > MaxDepth {
			// A document is valid JSON up to the byte its nesting breaks the limit, and there
			// its strings and brackets are what this loop counted: the Splitter says where.
			s := New(Options{}, func(int, int, int64, []byte) error { return nil })
			_, err := s.Write(data)
			return err
		}
	}
	return nil
}

// state is where the scanner is in the JSON grammar; the states are those of encoding/json's
// scanner.
type state uint8

const (
	beforeTop    state = iota // white space before the top-level value
	value                     // a value must start (after ':', or ',' in an array)
	valueOrClose              // after '[': a value or ']'
	keyOrClose                // after '{': a key or '}'
	key                       // after ',' in an object: a key
	colon                     // after a key: ':'
	endValue                  // after a value: ',' or the container's closing bracket
	done                      // after the top-level value
	inString                  // in a string; keyString tells a key from a value
	inEscape                  // after '\' in a string
	inEscapeU                 // in the hex digits of a \u escape; hex counts those read
	neg                       // after '-'
	zero                      // after the integer 0
	integer                   // in an integer that does not start with 0
	dot                       // after the decimal point
	fraction                  // in the digits after the decimal point
	exp                       // after 'e' or 'E'
	expSign                   // after the exponent's sign
	expDigits                 // in the exponent's digits
	literal                   // in true, false or null: lit is the word, pos the next byte's index
)

// Splitter splits one document. Feed it with Write, then call Close.
type Splitter struct {
	opts      Options
	onElement ElementFunc

	off   int64  // bytes consumed before the current Write
	stack []byte // open containers, '{' or '['
	err   error

	state     state
	keyString bool   // the string being read is an object key
	hex       int    // hex digits of a \u escape read
	lit       string // the literal being read
	pos       int    // the index in lit of the next byte
	trailing  int64  // offset of the first non-space byte after the top value, -1 if none

	// Member tracking in a top-level object (Key mode).
	objectTop bool
	inKey     bool // the current string is a key at depth 1
	key       []byte
	lastKey   string

	// The array being split.
	inArray    bool
	arrayDepth int // len(stack) inside the array
	occurrence int // arrays named Key seen, including the current one
	index      int // elements completed in the current array
	inElem     bool
	elemStart  int64
	elem       []byte
	settled    int64
	// cur is the bytes of the current Write; cur[pendFrom:pendTo] is the run of them that
	// belongs to the current element and is not in elem yet (an element read within one Write
	// is handed over from cur, uncopied).
	cur              []byte
	pendFrom, pendTo int

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

// Occurrences returns how many values of the member Key the document had (of any type), or 1
// for a top-level array.
func (s *Splitter) Occurrences() int { return s.occurrence }

// Write consumes the next bytes of the document. It returns the first error of the document's
// syntax (a *SyntaxError), a *TooLargeError, or the ElementFunc's error; after an error it
// consumes nothing.
func (s *Splitter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.cur = p
	defer s.flush() // the caller may reuse p
	for i := 0; i < len(p); i++ {
		if err := s.step(p, i); err != nil {
			s.err = s.locate(err, s.off+int64(i))
			return i, s.err
		}
		if s.state == inString {
			// Take the run of plain bytes that follows at once.
			j := i + 1
			for j < len(p) && p[j] >= 0x20 && p[j] != '"' && p[j] != '\\' {
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
	switch s.state {
	case beforeTop, done: // an empty document is for the decoder of the rest to refuse
		return nil
	case zero, integer, fraction, expDigits:
		if len(s.stack) == 0 { // a top-level number ends with the document
			s.state = done
			return nil
		}
	}
	s.err = s.locate(&SyntaxError{Offset: s.off, Msg: "unexpected end of JSON input"}, s.off)
	return s.err
}

// locate sets the element of a *SyntaxError found at offset at.
func (s *Splitter) locate(err error, at int64) error {
	syn, ok := err.(*SyntaxError)
	if !ok {
		return err
	}
	syn.Index, syn.Start = -1, 0
	if s.inArray && len(s.stack) >= s.arrayDepth {
		syn.Index, syn.Start = s.index, at
		if s.inElem {
			syn.Start = s.elemStart
		}
	}
	return err
}

// emit appends b to where the current bytes belong: the element, the rest, or nowhere.
func (s *Splitter) emit(b []byte) error {
	switch {
	case s.inElem && (s.state != endValue || len(s.stack) > s.arrayDepth):
		// (white space after the element's value belongs to neither)
		at := cap(s.cur) - cap(b) // b's index in cur, of which it is a part
		if s.pendFrom == s.pendTo {
			s.pendFrom = at
		} else if at != s.pendTo {
			s.flush()
			s.pendFrom = at
		}
		s.pendTo = at + len(b)
		if s.opts.MaxElement > 0 && len(s.elem)+s.pendTo-s.pendFrom > s.opts.MaxElement {
			return &TooLargeError{Index: s.index, Offset: s.elemStart, Limit: s.opts.MaxElement}
		}
	case s.inArray && len(s.stack) == s.arrayDepth:
		// white space and commas between elements belong to neither
	case s.state == done || s.state == beforeTop:
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

// flush moves the pending run of the element's bytes into elem.
func (s *Splitter) flush() {
	if s.pendFrom != s.pendTo {
		s.elem = append(s.elem, s.cur[s.pendFrom:s.pendTo]...)
	}
	s.pendFrom, s.pendTo = 0, 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// invalid is the SyntaxError of byte c at offset at, as encoding/json words and counts it.
func invalid(c byte, at int64, context string) error {
	return &SyntaxError{Offset: at + 1, Msg: "invalid character " + quoteChar(c) + " " + context}
}

// quoteChar quotes c as encoding/json's error messages do.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	q := strconv.Quote(string(c))
	return "'" + q[1:len(q)-1] + "'"
}

// step consumes p[i].
func (s *Splitter) step(p []byte, i int) error {
	c := p[i]
	at := s.off + int64(i)
	one := p[i : i+1]

	switch s.state {
	case inString:
		switch {
		case c == '"':
			if err := s.emit(one); err != nil {
				return err
			}
			if s.inKey {
				s.inKey = false
				s.lastKey = ""
				_ = json.Unmarshal(s.key, &s.lastKey) // the scanner checked the key's syntax
			}
			if s.keyString {
				s.keyString = false
				s.state = colon
				return nil
			}
			s.endValue()
			return nil
		case c == '\\':
			s.state = inEscape
		case c < 0x20:
			return invalid(c, at, "in string literal")
		}
		return s.emit(one)
	case inEscape:
		switch c {
		case 'b', 'f', 'n', 'r', 't', '\\', '/', '"':
			s.state = inString
		case 'u':
			s.state, s.hex = inEscapeU, 0
		default:
			return invalid(c, at, "in string escape code")
		}
		return s.emit(one)
	case inEscapeU:
		if !isHex(c) {
			return invalid(c, at, `in \u hexadecimal character escape`)
		}
		if s.hex++; s.hex == 4 {
			s.state = inString
		}
		return s.emit(one)
	case literal:
		if c != s.lit[s.pos] {
			return invalid(c, at, "in literal "+s.lit+" (expecting "+quoteChar(s.lit[s.pos])+")")
		}
		if err := s.emit(one); err != nil {
			return err
		}
		if s.pos++; s.pos == len(s.lit) {
			s.endValue()
		}
		return nil
	case neg:
		switch {
		case c == '0':
			s.state = zero
		case isDigit(c):
			s.state = integer
		default:
			return invalid(c, at, "in numeric literal")
		}
		return s.emit(one)
	case zero, integer, fraction, expDigits:
		// A digit goes on (not after a leading 0), '.' starts a fraction after the integer part,
		// 'e' the exponent of a number that has none; anything else follows the number.
		switch {
		case isDigit(c) && s.state != zero:
		case c == '.' && (s.state == zero || s.state == integer):
			s.state = dot
		case (c == 'e' || c == 'E') && s.state != expDigits:
			s.state = exp
		default:
			s.endValue()
			return s.step(p, i)
		}
		return s.emit(one)
	case dot:
		if !isDigit(c) {
			return invalid(c, at, "after decimal point in numeric literal")
		}
		s.state = fraction
		return s.emit(one)
	case exp, expSign:
		switch {
		case isDigit(c):
			s.state = expDigits
		case (c == '+' || c == '-') && s.state == exp:
			s.state = expSign
		default:
			return invalid(c, at, "in exponent of numeric literal")
		}
		return s.emit(one)
	case done:
		if s.trailing < 0 && !isSpace(c) {
			s.trailing = at
		}
		return nil
	}

	// Between tokens.
	if isSpace(c) {
		if s.state == beforeTop {
			return nil
		}
		return s.emit(one)
	}
	switch s.state {
	case beforeTop, value:
		return s.beginValue(one, at)
	case valueOrClose:
		if c == ']' {
			return s.close(one, at)
		}
		return s.beginValue(one, at)
	case keyOrClose, key:
		if c == '}' && s.state == keyOrClose {
			return s.close(one, at)
		}
		if c != '"' {
			return invalid(c, at, "looking for beginning of object key string")
		}
		s.state, s.keyString = inString, true
		if s.objectTop && len(s.stack) == 1 {
			s.inKey = true
			s.key = s.key[:0]
		}
		return s.emit(one)
	case colon:
		if c != ':' {
			return invalid(c, at, "after object key")
		}
		s.state = value
		return s.emit(one)
	}
	// endValue: a value ended; ',' or the closing bracket of its container must follow.
	depth := len(s.stack)
	if s.stack[depth-1] == '[' {
		switch c {
		case ',':
			s.state = value
			if s.inArray && depth == s.arrayDepth {
				return s.finishElement(at)
			}
			return s.emit(one)
		case ']':
			return s.close(one, at)
		}
		return invalid(c, at, "after array element")
	}
	switch c {
	case ',':
		s.state = key
		return s.emit(one)
	case '}':
		return s.close(one, at)
	}
	return invalid(c, at, "after object key:value pair")
}

// literals are the words a value may be, by their first byte.
var literals = [...]string{'t': "true", 'f': "false", 'n': "null"}

// beginValue consumes the first byte of a value, one, at offset at.
func (s *Splitter) beginValue(one []byte, at int64) error {
	c := one[0]
	depth := len(s.stack)
	s.state = value // the document has started: its bytes are emitted
	// A value starting directly in the split array is an element.
	if s.inArray && depth == s.arrayDepth {
		s.inElem = true
		s.elemStart = at
		s.elem = s.elem[:0]
		s.pendFrom, s.pendTo = 0, 0
	}
	// A value in the top-level object is the value of the member whose key came last.
	valueOfKey := s.objectTop && depth == 1 && s.lastKey == s.opts.Key
	if valueOfKey {
		s.occurrence++ // any value of Key replaces the arrays before it
	}
	switch c {
	case '{', '[':
		if depth >= MaxDepth {
			return &SyntaxError{Offset: at + 1, Msg: ErrTooDeep.Error(), Err: ErrTooDeep}
		}
		if err := s.emit(one); err != nil {
			return err
		}
		s.stack = append(s.stack, c)
		if c == '{' {
			s.state = keyOrClose
		} else {
			s.state = valueOrClose
		}
		switch {
		case depth == 0 && c == '{' && s.opts.Key != "":
			s.objectTop = true
		case depth == 0 && c == '[' && s.opts.Key == "":
			s.occurrence++
			fallthrough
		case valueOfKey && c == '[':
			s.inArray, s.arrayDepth = true, depth+1
			s.index = 0
		}
		return nil
	case '"':
		s.state = inString
	case '-':
		s.state = neg
	case '0':
		s.state = zero
	case 't', 'f', 'n':
		s.state, s.lit, s.pos = literal, literals[c], 1
	default:
		if !isDigit(c) {
			return invalid(c, at, "looking for beginning of value")
		}
		s.state = integer
	}
	return s.emit(one)
}

// endValue moves past a value that ended: to the end of the document at the top level, else to
// what may follow a value in its container.
func (s *Splitter) endValue() {
	if len(s.stack) == 0 {
		s.state = done
	} else {
		s.state = endValue
	}
}

// close consumes the bracket one, at offset at, that closes the innermost container; the
// scanner's state has checked that it is the right kind.
func (s *Splitter) close(one []byte, at int64) error {
	depth := len(s.stack)
	if s.inArray && depth == s.arrayDepth {
		// the end of the split array
		if s.inElem {
			if err := s.finishElement(at); err != nil {
				return err
			}
		}
		s.inArray = false
	}
	if err := s.emit(one); err != nil {
		return err
	}
	s.stack = s.stack[:depth-1]
	s.endValue()
	return nil
}

// finishElement hands the current element over; at is the offset of the byte that ended it.
func (s *Splitter) finishElement(at int64) error {
	s.inElem = false
	elem := s.cur[s.pendFrom:s.pendTo] // read within this Write
	if len(s.elem) > 0 {
		s.flush()
		elem = s.elem
	}
	s.pendFrom, s.pendTo = 0, 0
	if err := s.onElement(s.occurrence-1, s.index, s.elemStart, elem); err != nil {
		return err
	}
	s.index++
	s.settled = at
	return nil
}
