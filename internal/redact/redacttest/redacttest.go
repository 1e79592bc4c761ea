// Package redacttest lists the encodings a secret may come back in, for the tests of package
// redact and of everything that promises to print no secret: it is the oracle, written with the
// standard library's encoders, not with the redactor's decoders.
package redacttest

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Encoding is one way a hostile or careless API may send a secret back.
type Encoding struct {
	Name string
	Enc  func(s string) string
	// Min is the shortest secret (in bytes) the redactor is asked to find in this encoding.
	Min int
	// Lossy, when set, says the encoding cannot hold s (it writes another character instead).
	Lossy func(s string) bool
	// Levels is how many encodings deep the secret is beyond the first: 1 for a query-escaped
	// JSON string.
	Levels int
	// Body says the encoding is one of a whole body (UTF-16, UTF-32), which no JSON string or
	// header can hold.
	Body bool
}

func jsonString(s string, escapeHTML bool) string {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(escapeHTML)
	e.Encode(s)
	return strings.TrimSuffix(strings.TrimSuffix(b.String(), "\n"), `"`)[1:]
}

// everyRuneEscaped writes every character as \uXXXX (surrogate pairs beyond the BMP), upper
// hex when upper.
func everyRuneEscaped(s string, upper bool) string {
	var b strings.Builder
	for _, r := range s {
		for _, u := range utf16.Encode([]rune{r}) {
			f := `\u%04x`
			if upper {
				f = `\u%04X`
			}
			fmt.Fprintf(&b, f, u)
		}
	}
	return b.String()
}

// everyBytePercent percent-encodes every byte, hex digits alternating in case when mixed.
func everyBytePercent(s string, mixed bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		h := fmt.Sprintf("%02X", s[i])
		if mixed && i%2 == 1 {
			h = strings.ToLower(h)
		}
		b.WriteString("%" + h)
	}
	return b.String()
}

func xmlText(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// remappedByHTML reports whether s holds a character that a numeric reference cannot name as
// HTML (and so the redactor, as a browser) reads it: &#128; to &#159; are windows-1252's
// characters there (&#159; is Ÿ, not U+009F).
func remappedByHTML(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return html.UnescapeString("&#"+strconv.Itoa(int(r))+";") != string(r) })
}

func numericReferences(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i%2 == 0 {
			fmt.Fprintf(&b, "&#%d;", r)
		} else {
			fmt.Fprintf(&b, "&#x%X;", r)
		}
	}
	return b.String()
}

// referencesWithoutSemicolons writes every character as a decimal reference, or with
// leadingZeros zeros in hex, without the semicolon where the next character cannot be read as
// a digit of it (as a browser reads &#116).
func referencesWithoutSemicolons(s string, leadingZeros int) string {
	var b strings.Builder
	for _, r := range s {
		if leadingZeros > 0 {
			fmt.Fprintf(&b, "&#x%s%x", strings.Repeat("0", leadingZeros), r)
		} else {
			fmt.Fprintf(&b, "&#%d", r)
		}
		b.WriteString(";")
	}
	out := b.String()
	// Drop each semicolon not followed by a hex digit (a decimal reference's next digit
	// would be one too).
	var o strings.Builder
	for i := 0; i < len(out); i++ {
		if out[i] == ';' && (i+1 == len(out) || !strings.ContainsRune("0123456789abcdefABCDEF", rune(out[i+1]))) {
			continue
		}
		o.WriteByte(out[i])
	}
	return o.String()
}

// wide writes s in UTF-16 (size 2) or UTF-32 (size 4), big- or little-endian (a body would
// start with the byte order mark, BOM).
func wide(s string, size int, big bool) string {
	var b bytes.Buffer
	put := func(u uint32) {
		for k := range size {
			shift := 8 * k
			if big {
				shift = 8 * (size - 1 - k)
			}
			b.WriteByte(byte(u >> shift))
		}
	}
	for _, r := range s {
		if size == 2 {
			for _, u := range utf16.Encode([]rune{r}) {
				put(uint32(u))
			}
		} else {
			put(uint32(r))
		}
	}
	return b.String()
}

// noASCII says s holds no ASCII character: the redactor reads a text as UTF-16 or UTF-32 only
// where it holds NUL bytes as an ASCII character there puts them.
func noASCII(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r < 0x80 })
}

// BOM returns the byte order mark of the Body encoding e.
func BOM(e Encoding) string { return e.Enc("\ufeff") }

func b64(e *base64.Encoding, prefix, suffix string) func(string) string {
	return func(s string) string { return e.EncodeToString([]byte(prefix + s + suffix)) }
}

// Encodings lists every form package redact promises to find a secret in.
var Encodings = []Encoding{
	{Name: "raw", Enc: func(s string) string { return s }},
	{Name: "json", Enc: func(s string) string { return jsonString(s, true) }},
	{Name: "json without html escaping", Enc: func(s string) string { return jsonString(s, false) }},
	{Name: `json with \/`, Enc: func(s string) string { return strings.ReplaceAll(jsonString(s, true), "/", `\/`) }},
	{Name: `json, every rune \u`, Enc: func(s string) string { return everyRuneEscaped(s, false) }},
	{Name: `json, every rune \U upper hex`, Enc: func(s string) string { return everyRuneEscaped(s, true) }},
	{Name: "go quoted", Enc: func(s string) string { q := strconv.Quote(s); return q[1 : len(q)-1] }},
	{Name: "go quoted ascii", Enc: func(s string) string { q := strconv.QuoteToASCII(s); return q[1 : len(q)-1] }},
	{Name: "go %#v", Enc: func(s string) string { q := fmt.Sprintf("%#v", s); return q[1 : len(q)-1] }},
	{Name: "query escaped", Enc: url.QueryEscape},
	{Name: "path escaped", Enc: url.PathEscape},
	{Name: "every byte percent-encoded", Enc: func(s string) string { return everyBytePercent(s, false) }},
	{Name: "every byte percent-encoded, mixed case", Enc: func(s string) string { return everyBytePercent(s, true) }},
	{Name: "query escaped twice", Enc: func(s string) string { return url.QueryEscape(url.QueryEscape(s)) }, Levels: 1},
	{Name: "json of a query escaped", Levels: 1, Enc: func(s string) string {
		return strings.ReplaceAll(jsonString(url.QueryEscape(s), true), "%", `\u0025`)
	}},
	{Name: "query escaped json", Enc: func(s string) string { return url.QueryEscape(jsonString(s, true)) }, Levels: 1},
	{Name: "json pointer", Enc: strings.NewReplacer("~", "~0", "/", "~1").Replace},
	{Name: "go quoted json of a query escaped", Levels: 2, Enc: func(s string) string {
		q := strconv.Quote(strings.ReplaceAll(jsonString(url.QueryEscape(s), true), "%", `\u0025`))
		return q[1 : len(q)-1]
	}},
	{Name: "html escaped", Enc: html.EscapeString},
	{Name: "xml escaped", Enc: xmlText, Lossy: func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0xFFFE })
	}},
	{Name: "numeric character references", Enc: numericReferences, Lossy: remappedByHTML},
	{Name: "decimal references without semicolons", Enc: func(s string) string { return referencesWithoutSemicolons(s, 0) }, Lossy: remappedByHTML},
	{Name: "hex references with leading zeros, without semicolons", Enc: func(s string) string { return referencesWithoutSemicolons(s, 5) }, Lossy: remappedByHTML},
	{Name: "hex references with six leading zeros", Enc: func(s string) string {
		var b strings.Builder
		for _, r := range s {
			fmt.Fprintf(&b, "&#x000000%x;", r)
		}
		return b.String()
	}, Lossy: remappedByHTML},
	{Name: "named references", Enc: strings.NewReplacer(".", "&period;", "/", "&sol;", "=", "&equals;", "+", "&plus;", "_", "&lowbar;", ":", "&colon;").Replace},
	{Name: "base64 std", Enc: b64(base64.StdEncoding, "", "")},
	{Name: "base64 std raw", Enc: b64(base64.RawStdEncoding, "", "")},
	{Name: "base64 url", Enc: b64(base64.URLEncoding, "", "")},
	{Name: "base64 url raw", Enc: b64(base64.RawURLEncoding, "", "")},
	{Name: "base64 of token:", Enc: b64(base64.StdEncoding, "", ":"), Min: 9},
	{Name: "base64 of user:token", Enc: b64(base64.StdEncoding, "user:", ""), Min: 14},
	{Name: "base64 url of x:token:y", Enc: b64(base64.RawURLEncoding, "x:", ":y"), Min: 14},
	{Name: "utf-16le", Body: true, Enc: func(s string) string { return wide(s, 2, false) }, Lossy: noASCII},
	{Name: "utf-16be", Body: true, Enc: func(s string) string { return wide(s, 2, true) }, Lossy: noASCII},
	{Name: "go quoted utf-16le", Levels: 1, Enc: func(s string) string { q := strconv.Quote(wide(s, 2, false)); return q[1 : len(q)-1] },
		Lossy: noASCII},
	{Name: "utf-32le", Body: true, Enc: func(s string) string { return wide(s, 4, false) }, Lossy: noASCII},
	{Name: "utf-32be", Body: true, Enc: func(s string) string { return wide(s, 4, true) }, Lossy: noASCII},
	{Name: "hex", Enc: func(s string) string { return hex.EncodeToString([]byte(s)) }},
	{Name: "hex upper", Enc: func(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }},
}

// Applies reports whether e is one the redactor is asked to find secret in.
func (e Encoding) Applies(secret string) bool {
	return len(secret) >= e.Min && (e.Lossy == nil || !e.Lossy(secret))
}

// Forms returns secret in every encoding that applies to it, is at most one level deep and is
// not a whole body's: what a hostile API may echo inside the JSON or the URL it answers with.
func Forms(secret string) []string {
	var out []string
	for _, e := range Encodings {
		if e.Applies(secret) && e.Levels == 0 && !e.Body {
			out = append(out, e.Enc(secret))
		}
	}
	return out
}

// Cut is what Survivor puts in each marker's place, so that the text on either side of one
// cannot make a form together: a noncharacter, in no form of a secret that holds none.
const Cut = "\uffff"

// Survivor returns the name and text of the first form of secret among encs (all Encodings when
// nil) that out still holds with every marker cut out, or "" when none does.
func Survivor(out, secret, marker string, encs []Encoding) string {
	if encs == nil {
		encs = Encodings
	}
	out = strings.ReplaceAll(out, marker, Cut)
	for _, e := range encs {
		if !e.Applies(secret) {
			continue
		}
		if v := e.Enc(secret); strings.Contains(out, v) {
			return e.Name + " " + strconv.Quote(v)
		}
	}
	return ""
}
