// Package logstream reads a login-logs answer entry by entry, whatever its size, in memory
// bounded by the largest entry: the 200 body {"login_logs":[…]} of
// GET /users/{userid}/loginlogs, or a bare JSON array of entries.
//
//	for log, err := range logstream.Entries(resp.Body) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(log.CreatedAt, log.IpAddress)
//	}
//
// It reads; it does not judge. An entry is decoded as encoding/json decodes it into
// ssojet.LoginLog, unknown members ignored, but one that is null, lacks a member the contract
// requires or holds null there is refused (Decode), where encoding/json would make up a zero
// value. Whether an answer keeps the contract is for package validate (and `loginlogs contract`)
// to say. What makes an answer unreadable ends the sequence with an *Error: a document that is
// not JSON or is cut short, one nested deeper than 64 levels, data after the document, no
// login_logs array or two of them, an entry that does not decode, an entry larger than MaxEntry
// or a document outside its entries larger than MaxRest, or the reader's own error.
//
// Entries are yielded as they are read, so a caller sees the entries before an error that comes
// later in the document: a caller that must not act on part of a broken answer collects them
// first.
package logstream

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
	"github.com/ssojet-tools/loginlogs/internal/redact"
)

// The limits of reading.
const (
	// MaxEntry is the largest entry read, in bytes (a login log is about 200).
	MaxEntry = 1 << 20
	// MaxRest is the largest document outside the entries, in bytes: `{"login_logs":[]}` and
	// whatever other members the answer has.
	MaxRest = 1 << 20
)

// member is the member of the 200 body that holds the entries.
const member = "login_logs"

// ErrTooLarge is wrapped by the Error of an entry or a rest larger than its limit.
var ErrTooLarge = errors.New("too large")

// ErrMalformed is wrapped by the Error of a document that is not a login-logs answer: not JSON,
// cut short, nested too deep, followed by more data, or without exactly one login_logs array.
var ErrMalformed = errors.New("not a login-logs answer")

// Error says why reading an answer stopped. It wraps ErrTooLarge, ErrMalformed, the decoding
// error of an entry, or the reader's error.
type Error struct {
	// Index is the entry's index in its array, -1 when the error is not about one entry.
	Index int
	// Offset is where in the document the problem is (the entry's first byte for an entry), -1
	// when unknown.
	Offset int64
	Err    error
}

func (e *Error) Error() string {
	var where string
	switch {
	case e.Index >= 0 && e.Offset >= 0:
		where = fmt.Sprintf("entry %d (at byte %d): ", e.Index, e.Offset)
	case e.Index >= 0:
		where = fmt.Sprintf("entry %d: ", e.Index)
	case e.Offset >= 0:
		where = fmt.Sprintf("at byte %d: ", e.Offset)
	}
	return where + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Entries returns the entries of the answer r holds, in order, decoded as ssojet.LoginLog. An
// error is yielded once, with a zero LoginLog, and ends the sequence; the sequence reads r once.
func Entries(r io.Reader) iter.Seq2[ssojet.LoginLog, error] {
	return func(yield func(ssojet.LoginLog, error) bool) {
		for raw, err := range scan(r) {
			var log ssojet.LoginLog
			if err == nil {
				if derr := Decode(raw.data, &log); derr != nil {
					err = &Error{Index: raw.index, Offset: raw.offset, Err: derr}
				}
			}
			if !yield(log, err) || err != nil {
				return
			}
		}
	}
}

// RawEntries returns the entries of the answer r holds, in order, as the JSON text each has in
// the answer (a copy the caller may keep). An error is yielded once, with nil, and ends the
// sequence; the sequence reads r once.
func RawEntries(r io.Reader) iter.Seq2[json.RawMessage, error] {
	return func(yield func(json.RawMessage, error) bool) {
		for raw, err := range scan(r) { // the splitter checked each entry's syntax
			if !yield(raw.data, err) || err != nil {
				return
			}
		}
	}
}

// entry is one element as the splitter hands it over.
type entry struct {
	data   json.RawMessage
	index  int
	offset int64
}

// errStop stops the splitter when the consumer stops ranging.
var errStop = errors.New("stopped")

// scan yields the entries of r, then nil or one error.
func scan(r io.Reader) iter.Seq2[entry, error] {
	return func(yield func(entry, error) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		first, skipped, err := firstByte(br)
		if err != nil {
			yield(entry{}, err)
			return
		}
		key := member
		if first == '[' {
			key = ""
		}
		stopped := false
		var yieldErr error // an error found while splitting, yielded after the splitter stops
		split := jsonstream.New(jsonstream.Options{Key: key, MaxElement: MaxEntry, MaxRest: MaxRest},
			func(occurrence, index int, offset int64, elem []byte) error {
				offset += skipped
				if occurrence > 0 {
					yieldErr = &Error{Index: -1, Offset: offset, Err: fmt.Errorf("%w: %s appears twice", ErrMalformed, member)}
					return yieldErr
				}
				if !yield(entry{data: slices.Clone(bytes.TrimRight(elem, " \t\r\n")), index: index, offset: offset}, nil) {
					stopped = true
					return errStop
				}
				return nil
			})
		if _, err := br.WriteTo(split); err != nil { // the splitter's error, or the reader's
			if !stopped {
				yield(entry{}, splitError(err, yieldErr, skipped))
			}
			return
		}
		if err := split.Close(); err != nil {
			yield(entry{}, splitError(err, nil, skipped))
			return
		}
		if err := checkRest(split, key, skipped); err != nil {
			yield(entry{}, err)
		}
	}
}

// firstByte skips the white space before the document and tells whether it opens an object or
// an array; skipped is the number of bytes skipped.
func firstByte(br *bufio.Reader) (byte, int64, error) {
	var skipped int64
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return 0, skipped, &Error{Index: -1, Offset: skipped, Err: fmt.Errorf("%w: an empty document", ErrMalformed)}
		}
		if err != nil {
			return 0, skipped, &Error{Index: -1, Offset: -1, Err: err}
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			skipped++
			continue
		case '{', '[':
			return c, skipped, br.UnreadByte()
		}
		return 0, skipped, &Error{Index: -1, Offset: skipped,
			Err: fmt.Errorf("%w: want a JSON object or array, got a document starting with %q", ErrMalformed, c)}
	}
}

// splitError turns an error of the splitter, or of the reader, into an *Error with offsets in
// the document.
func splitError(err, found error, skipped int64) error {
	var syn *jsonstream.SyntaxError
	var big *jsonstream.TooLargeError
	switch {
	case found != nil && errors.Is(err, found):
		return found
	case errors.As(err, &syn):
		return &Error{Index: -1, Offset: syn.Offset + skipped, Err: fmt.Errorf("%w: not JSON: %s", ErrMalformed, syn.Msg)}
	case errors.As(err, &big) && big.Index >= 0:
		return &Error{Index: big.Index, Offset: big.Offset + skipped, Err: fmt.Errorf("%w: larger than %d bytes", ErrTooLarge, big.Limit)}
	case errors.As(err, &big):
		return &Error{Index: -1, Offset: -1, Err: fmt.Errorf("%w: the document outside its entries is larger than %d bytes", ErrTooLarge, big.Limit)}
	}
	return &Error{Index: -1, Offset: -1, Err: err}
}

// checkRest checks what the splitter left of the document: nothing after it, and, for an
// object, exactly one login_logs, an array.
func checkRest(split *jsonstream.Splitter, key string, skipped int64) error {
	if at := split.Trailing(); at >= 0 {
		return &Error{Index: -1, Offset: at + skipped, Err: fmt.Errorf("%w: data after the JSON document", ErrMalformed)}
	}
	if key == "" {
		return nil // the splitter checked the syntax: the rest is []
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(split.Rest(), &members); err != nil {
		return &Error{Index: -1, Offset: -1, Err: fmt.Errorf("%w: %v", ErrMalformed, err)}
	}
	if split.Occurrences() > 1 {
		return &Error{Index: -1, Offset: -1, Err: fmt.Errorf("%w: %s appears twice", ErrMalformed, member)}
	}
	value, ok := members[key]
	if !ok {
		keys := make([]string, 0, len(members))
		for k := range members {
			keys = append(keys, strconv.Quote(k))
		}
		slices.Sort(keys)
		got := "an empty object"
		if len(keys) > 0 {
			got = "an object with " + redact.Shorten(strings.Join(keys, ", "), 80)
		}
		return &Error{Index: -1, Offset: -1, Err: fmt.Errorf("%w: no %s array, got %s", ErrMalformed, key, got)}
	}
	if !bytes.Equal(bytes.TrimSpace(value), []byte("[]")) {
		return &Error{Index: -1, Offset: -1, Err: fmt.Errorf("%w: %s is %s, not an array", ErrMalformed, key, redact.Shorten(string(value), 40))}
	}
	return nil
}

// required are the JSON names of the members of the generated LoginLog the contract requires:
// oapi-codegen tags every optional member omitempty. Decode keeps one bit for each.
var required = func() (names []string) {
	for f := range reflect.TypeFor[ssojet.LoginLog]().Fields() {
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "-" && !slices.Contains(strings.Split(opts, ","), "omitempty") {
			names = append(names, cmp.Or(name, f.Name))
		}
	}
	if len(names) > 64 {
		panic("logstream: the generated LoginLog requires more than the 64 members Decode can tell apart")
	}
	return names
}()

// Decode decodes the JSON entry raw into log as encoding/json does, unknown members ignored, and
// refuses one that is null, or without a member the contract requires (by its exact name, as the
// contract reads it), or with null there: encoding/json would leave such a member its zero
// value, making a login log the API did not send. raw must be valid JSON (an entry the splitter
// handed over).
func Decode(raw []byte, log *ssojet.LoginLog) error {
	if string(raw) == "null" {
		return errors.New("the entry is null, not an object")
	}
	if err := json.Unmarshal(raw, log); err != nil {
		return err
	}
	var seen, null uint64 // bit i: required[i] came; came last as null
	eachMember(raw, func(name []byte, isNull bool) {
		for i, r := range required {
			if string(name) == r {
				seen |= 1 << i
				null &^= 1 << i
				if isNull {
					null |= 1 << i
				}
			}
		}
	})
	for i, name := range required {
		switch {
		case seen&(1<<i) == 0:
			return fmt.Errorf("%s is missing", name)
		case null&(1<<i) != 0:
			return fmt.Errorf("%s is null", name)
		}
	}
	return nil
}

// eachMember calls f with the name (escapes decoded) of each member of the JSON object obj, in
// order, and whether its value is null. obj must be valid JSON: it is read, not checked.
func eachMember(obj []byte, f func(name []byte, null bool)) {
	i := skipSpace(obj, 0) + 1 // past {
	for i = skipSpace(obj, i); i < len(obj) && obj[i] == '"'; i = skipSpace(obj, i) {
		end := stringEnd(obj, i)
		name := obj[i+1 : end-1]
		if bytes.IndexByte(name, '\\') >= 0 {
			var decoded string
			json.Unmarshal(obj[i:end], &decoded)
			name = []byte(decoded)
		}
		i = skipSpace(obj, skipSpace(obj, end)+1) // past :
		f(name, obj[i] == 'n')
		for depth := 0; i < len(obj) && (depth > 0 || obj[i] != ',' && obj[i] != '}'); i++ {
			switch obj[i] {
			case '"':
				i = stringEnd(obj, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
		}
		if i < len(obj) && obj[i] == ',' {
			i++
		}
	}
}

// skipSpace returns the index of the first byte at or after i that is not JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index after the JSON string that starts at b[i].
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}
