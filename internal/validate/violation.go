package validate

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
	"github.com/ssojet-tools/loginlogs/internal/redact"
)

// Violation is one way a request or response breaks the contract.
type Violation struct {
	// Pointer is the RFC 6901 JSON pointer of the offending value in the body ("" for the body
	// itself, or for a violation outside the body such as the status or a header); for a
	// parameter, "/" and its name.
	Pointer string
	// In says where the violation is: "body", "status", "header", "query", "path", "cookie",
	// "security" or "request".
	In string
	// Name is the name of the parameter or header the violation is about, "" for others.
	Name string
	// Want says what the contract requires, Got what came instead (shortened): a value found is
	// quoted as JSON (a string in quotes, an object as JSON).
	Want, Got string
	// Message is kin-openapi's full explanation, which may run over many lines (it quotes the
	// schema); String says it in one.
	Message string

	// Trailing marks data after the body's JSON value: the one violation reported beyond
	// kin-openapi's verdict, which ignores such data.
	Trailing bool

	syntax     bool // the body is not JSON
	occurrence int  // 1 + the occurrence of the array whose element broke its schema, else 0
}

// MaxText is the most runes String renders.
const MaxText = 300

// String renders the violation in words on one line of at most MaxText runes, control
// characters escaped (it quotes what came from outside): where it is (the parameter, the
// header or the JSON pointer), then what was wanted and what came, e.g.
// `query parameter client_id: must not be empty` or
// `body /login_logs/0/CreatedAt: want format date-time, got "2024-02-30T10:00:00Z"`.
func (v Violation) String() string {
	return redact.Printable(Shorten(v.Where()+": "+v.What(), MaxText))
}

// Where names the place of the violation: the parameter or header by name (`query parameter
// client_id`), else where it is and its JSON pointer (`body /login_logs/0/CreatedAt`);
// unlike String, neither shortened nor escaped.
func (v Violation) Where() string {
	switch {
	case v.Name != "" && v.In == "header" && v.Pointer == "":
		return "header " + v.Name
	case v.Name != "":
		where := v.In + " parameter " + v.Name
		if rest := strings.TrimPrefix(v.Pointer, pointerOfName(v.Name)); rest != "" {
			where += " " + rest
		}
		return where
	case v.Pointer != "":
		return v.In + " " + v.Pointer
	}
	return v.In
}

// What says what was wanted and what came, without where, e.g. "must not be empty" or
// `want type string, got 1`; unlike String, neither shortened nor escaped.
func (v Violation) What() string {
	switch {
	case v.Want == "" && v.Got == "":
		return summary(v.Message)
	case v.Want == "minLength 1" && v.Got == `""`:
		return "must not be empty"
	case strings.HasPrefix(v.Want, "property ") && strings.HasSuffix(v.Want, " is missing"):
		return "required property is missing"
	}
	return fmt.Sprintf("want %s, got %s", v.Want, v.Got)
}

// kinPrefix matches the prefixes kin-openapi puts before what it found.
var kinPrefix = regexp.MustCompile(`^(?:parameter "[^"]*" in [a-z]+ has an error: |Error at "[^"]*": |request body has an error: |response body doesn't match schema[^:]*: )+`)

// summary says a kin-openapi message in words, on one line: its first line, without the
// prefixes that repeat where it is, and without the schema it quotes.
func summary(msg string) string {
	line, _, _ := strings.Cut(msg, "\n")
	line = strings.TrimSpace(kinPrefix.ReplaceAllString(strings.TrimSpace(line), ""))
	switch {
	case line == "value is required but missing", line == openapi3filter.ErrInvalidRequired.Error():
		return "is required"
	case line == openapi3filter.ErrInvalidEmptyValue.Error():
		return "must not be empty"
	case line == "":
		return "does not match the contract"
	}
	if rest, ok := strings.CutPrefix(line, "failed to decode response body: "); ok {
		return "not JSON: " + rest
	}
	return line
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

// contentTypePrefix starts kin-openapi's reason for a response of a media type the contract
// does not document.
const contentTypePrefix = "response header Content-Type has unexpected value: "

// responseHeader finds the header a ResponseError's reason names.
var responseHeader = regexp.MustCompile(`header "([^"]*)"`)

func collect(err error, in string, out *[]Violation) {
	switch e := err.(type) {
	case openapi3.MultiError:
		for _, inner := range e {
			collect(inner, in, out)
		}
	case *openapi3filter.RequestError:
		where := "request"
		name := ""
		switch {
		case e.Parameter != nil:
			where, name = e.Parameter.In, e.Parameter.Name
		case e.RequestBody != nil:
			where = "request body"
		}
		first := len(*out)
		if e.Err != nil && hasSchemaError(e.Err) {
			collect(e.Err, where, out)
		} else {
			*out = append(*out, Violation{In: where, Message: e.Error()})
		}
		if name != "" {
			for i := first; i < len(*out); i++ {
				(*out)[i].Name = name
				(*out)[i].Pointer = pointerOfName(name) + (*out)[i].Pointer
			}
		}
	case *openapi3filter.SecurityRequirementsError:
		*out = append(*out, Violation{In: "security", Want: "credentials the contract's security requirements accept",
			Got: "none accepted", Message: e.Error()})
	case *openapi3filter.ResponseError:
		if m := responseHeader.FindStringSubmatch(e.Reason); m != nil {
			first := len(*out)
			if e.Err != nil && hasSchemaError(e.Err) {
				collect(e.Err, "header", out)
			} else {
				*out = append(*out, Violation{In: "header", Message: e.Error()})
			}
			for i := first; i < len(*out); i++ {
				(*out)[i].Name, (*out)[i].Pointer = m[1], ""
			}
			return
		}
		if e.Err != nil && hasSchemaError(e.Err) {
			collect(e.Err, "body", out)
			return
		}
		v := Violation{In: "body", Message: e.Error()}
		switch {
		case e.Reason == "status is not supported":
			v.In, v.Want = "status", "a status the contract documents"
			if e.Input != nil {
				v.Got = strconv.Itoa(e.Input.Status)
			}
		case strings.Contains(e.Reason, "status"):
			v.In = "status"
		case strings.HasPrefix(e.Reason, contentTypePrefix):
			v.In, v.Name, v.Want, v.Got = "header", "Content-Type", "a media type the contract documents", strings.TrimPrefix(e.Reason, contentTypePrefix)
		case strings.Contains(e.Reason, "header"):
			v.In = "header"
		}
		*out = append(*out, v)
	case *openapi3.SchemaError:
		*out = append(*out, schemaViolation(e, in))
	case *bodyViolation:
		*out = append(*out, e.v)
	default:
		if inner := errors.Unwrap(err); inner != nil {
			collect(inner, in, out)
			return
		}
		*out = append(*out, Violation{In: in, Message: err.Error()})
	}
}

func hasSchemaError(err error) bool {
	_, ok := errors.AsType[*openapi3.SchemaError](err)
	return ok
}

func pointerOfName(name string) string {
	if name == "" {
		return ""
	}
	return "/" + EscapePointer(name)
}

func schemaViolation(e *openapi3.SchemaError, in string) Violation {
	var b strings.Builder
	for _, p := range e.JSONPointer() {
		b.WriteByte('/')
		b.WriteString(EscapePointer(p))
	}
	return Violation{Pointer: b.String(), In: in, Want: want(e), Got: quote(e.Value), Message: schemaMessage(e)}
}

// MaxExcerpt is the most bytes of a value found that a violation's Message quotes.
const MaxExcerpt = 200

// schemaMessage says what e.Error() says, in kin-openapi's words (`Error at "/login_logs/0":
// reason`), but quotes the value found as an excerpt of at most MaxExcerpt bytes and leaves the
// schema out (the contract holds it). e.Error() encodes both whole and indented, which costs
// the square of the value's depth: 1 GiB for an 18 KB value of 9,000 nested arrays.
func schemaMessage(e *openapi3.SchemaError) string {
	var b strings.Builder
	if path := e.JSONPointer(); len(path) > 0 {
		b.WriteString(`Error at "`)
		for _, p := range path {
			b.WriteByte('/')
			b.WriteString(p)
		}
		b.WriteString(`": `)
	}
	switch {
	case e.Origin != nil:
		b.WriteString(Shorten(e.Origin.Error(), MaxText))
		return b.String()
	case e.Reason == "":
		b.WriteString(`Doesn't match schema "` + e.SchemaField + `"`)
	default:
		b.WriteString(e.Reason)
	}
	b.WriteString("\nValue:\n  ")
	b.WriteString(excerpt(e.Value, MaxExcerpt))
	return b.String()
}

// quote renders a value found as JSON, at most 60 runes: a string in quotes (shortened inside
// them), anything else as the start of its JSON text.
func quote(v any) string {
	if s, ok := v.(string); ok {
		v = Shorten(s, 58)
	}
	return Shorten(excerpt(v, 240), 60)
}

// excerpt renders the start of v as JSON (maps with their keys sorted, as encoding/json
// does), at most about max bytes, marking a cut with an ellipsis. It reads no more of v than it
// writes, except for sorting the keys of the maps it enters.
func excerpt(v any, max int) string {
	w := &excerptWriter{max: max}
	w.value(v)
	if w.cut {
		w.b.WriteString("…")
	}
	return w.b.String()
}

type excerptWriter struct {
	b   strings.Builder
	buf []byte // a string being quoted
	max int
	cut bool
}

// full reports whether the excerpt is as long as it may be, marking it cut.
func (w *excerptWriter) full() bool {
	if w.b.Len() >= w.max {
		w.cut = true
	}
	return w.cut
}

func (w *excerptWriter) value(v any) {
	if w.full() {
		return
	}
	switch v := v.(type) {
	case nil:
		w.b.WriteString("null")
	case bool:
		w.b.WriteString(strconv.FormatBool(v))
	case json.Number:
		w.b.WriteString(Shorten(string(v), w.max))
	case float64:
		w.b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	case string:
		w.str(v)
	case []any:
		w.b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				w.b.WriteByte(',')
			}
			if w.value(e); w.cut {
				return
			}
		}
		w.b.WriteByte(']')
	case map[string]any:
		w.b.WriteByte('{')
		for i, k := range slices.Sorted(maps.Keys(v)) {
			if i > 0 {
				w.b.WriteByte(',')
			}
			if w.str(k); w.full() {
				return
			}
			w.b.WriteByte(':')
			if w.value(v[k]); w.cut {
				return
			}
		}
		w.b.WriteByte('}')
	default:
		w.b.WriteString(Shorten(fmt.Sprintf("%T", v), w.max))
	}
}

// str writes s quoted as JSON (jsonstream.AppendString), shortened to what is left of the
// excerpt.
func (w *excerptWriter) str(s string) {
	short := Shorten(s, max(1, w.max-w.b.Len()))
	if short != s {
		w.cut = true
	}
	w.buf = jsonstream.AppendString(w.buf[:0], short)
	w.b.Write(w.buf)
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
	return cmp.Or(reason, e.SchemaField)
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// EscapePointer escapes a JSON pointer's reference token (RFC 6901).
func EscapePointer(s string) string { return pointerEscaper.Replace(s) }

// Shorten cuts s to at most n runes, marking the cut with an ellipsis (redact.Shorten).
func Shorten(s string, n int) string { return redact.Shorten(s, n) }

// OneFindingPerValue merges, in order, the violations of the body at one pointer with one value:
// a CreatedAt of "yesterday" breaks its pattern and format date-time, and is one finding ("want
// pattern … and format date-time"). It returns the violations and how many were merged away.
func OneFindingPerValue(vs []Violation) ([]Violation, int) {
	if len(vs) < 2 {
		return vs, 0
	}
	out := make([]Violation, 0, len(vs))
	at := map[[2]string]int{} // pointer and value → index in out
	for _, v := range vs {
		if v.In != "body" || v.Trailing || v.Want == "" || v.Got == "" || DecodeFailure(v) {
			out = append(out, v)
			continue
		}
		key := [2]string{v.Pointer, v.Got}
		i, seen := at[key]
		if !seen {
			at[key] = len(out)
			out = append(out, v)
			continue
		}
		if !strings.Contains(out[i].Want, v.Want) {
			out[i].Want += " and " + v.Want
		}
		out[i].Message += "\n" + v.Message
	}
	return out, len(vs) - len(out)
}

// DecodeFailure reports whether v says the body is not JSON kin-openapi can decode.
func DecodeFailure(v Violation) bool {
	return strings.HasPrefix(v.Message, "failed to decode response body")
}
