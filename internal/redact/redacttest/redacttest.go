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

func b64(e *base64.Encoding, prefix, suffix string) func(string) string {
	return func(s string) string { return e.EncodeToString([]byte(prefix + s + suffix)) }
}

// Encodings lists every form package redact promises to find a secret in.
var Encodings = []Encoding{
	{"raw", func(s string) string { return s }, 1, nil},
	{"json", func(s string) string { return jsonString(s, true) }, 1, nil},
	{"json without html escaping", func(s string) string { return jsonString(s, false) }, 1, nil},
	{`json with \/`, func(s string) string { return strings.ReplaceAll(jsonString(s, true), "/", `\/`) }, 1, nil},
	{`json, every rune \u`, func(s string) string { return everyRuneEscaped(s, false) }, 1, nil},
	{`json, every rune \U upper hex`, func(s string) string { return everyRuneEscaped(s, true) }, 1, nil},
	{"go quoted", func(s string) string { q := strconv.Quote(s); return q[1 : len(q)-1] }, 1, nil},
	{"go quoted ascii", func(s string) string { q := strconv.QuoteToASCII(s); return q[1 : len(q)-1] }, 1, nil},
	{"go %#v", func(s string) string { q := fmt.Sprintf("%#v", s); return q[1 : len(q)-1] }, 1, nil},
	{"query escaped", url.QueryEscape, 1, nil},
	{"path escaped", url.PathEscape, 1, nil},
	{"every byte percent-encoded", func(s string) string { return everyBytePercent(s, false) }, 1, nil},
	{"every byte percent-encoded, mixed case", func(s string) string { return everyBytePercent(s, true) }, 1, nil},
	{"query escaped twice", func(s string) string { return url.QueryEscape(url.QueryEscape(s)) }, 1, nil},
	{"json of a query escaped", func(s string) string {
		return strings.ReplaceAll(jsonString(url.QueryEscape(s), true), "%", `\u0025`)
	}, 1, nil},
	{"query escaped json", func(s string) string { return url.QueryEscape(jsonString(s, true)) }, 1, nil},
	{"html escaped", html.EscapeString, 1, nil},
	{"xml escaped", xmlText, 1, func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0xFFFE })
	}},
	{"numeric character references", numericReferences, 1, nil},
	{"base64 std", b64(base64.StdEncoding, "", ""), 1, nil},
	{"base64 std raw", b64(base64.RawStdEncoding, "", ""), 1, nil},
	{"base64 url", b64(base64.URLEncoding, "", ""), 1, nil},
	{"base64 url raw", b64(base64.RawURLEncoding, "", ""), 1, nil},
	{"base64 of token:", b64(base64.StdEncoding, "", ":"), 9, nil},
	{"base64 of user:token", b64(base64.StdEncoding, "user:", ""), 14, nil},
	{"base64 url of x:token:y", b64(base64.RawURLEncoding, "x:", ":y"), 14, nil},
	{"hex", func(s string) string { return hex.EncodeToString([]byte(s)) }, 1, nil},
	{"hex upper", func(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }, 1, nil},
}

// Applies reports whether e is one the redactor is asked to find secret in.
func (e Encoding) Applies(secret string) bool {
	return len(secret) >= e.Min && (e.Lossy == nil || !e.Lossy(secret))
}

// Forms returns secret in every encoding that applies to it.
func Forms(secret string) []string {
	var out []string
	for _, e := range Encodings {
		if e.Applies(secret) {
			out = append(out, e.Enc(secret))
		}
	}
	return out
}

// Survivor returns the name and text of the first form of secret among encs (all Encodings when
// nil) that out still holds with every marker cut out, or "" when none does.
func Survivor(out, secret, marker string, encs []Encoding) string {
	if encs == nil {
		encs = Encodings
	}
	out = strings.ReplaceAll(out, marker, "\x00")
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
