package redact

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Printable returns s with every character that steers a terminal written as a Go escape: the
// C0 controls (ESC, and also tab, newline and carriage return, which would fake a table's
// columns or a report's lines), DEL, the C1 controls, bytes that are not UTF-8, and the
// bidirectional marks, embeddings, overrides and isolates that reorder what is shown. Text
// without them comes back as it is.
func Printable(s string) string {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if steers(r, w) {
			break
		}
		i += w
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case !steers(r, w):
			b.WriteString(s[i : i+w])
		case r == utf8.RuneError:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += w
	}
	return b.String()
}

// steers reports whether the rune r, w bytes long, is one that Printable escapes.
func steers(r rune, w int) bool {
	switch {
	case r == utf8.RuneError && w == 1: // a byte that is not UTF-8, such as a raw 0x9b (CSI)
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // ALM, LRM, RLM, LRE…RLO, LRI…PDI
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

// MaxErrorText is the length in runes an error's text is cut to (Shorten) once redacted, whatever
// it quotes of an answer: the SDK's errors, contract's setup errors and the CLI's error line.
const MaxErrorText = 2000

// Shorten cuts s to at most n runes, marking the cut with an ellipsis. It reads at most n
// runes of s.
func Shorten(s string, n int) string {
	keep, end := 0, 0 // the ends of the first n-1 and the first n runes
	for runes := 0; runes < n; runes++ {
		if end == len(s) {
			return s
		}
		keep = end
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	if end == len(s) {
		return s
	}
	return string([]rune(s[:keep])) + "…"
}
