// Package redact keeps secrets out of everything the toolkit prints or writes, whatever encoding
// they come back in, and makes text safe to print on a terminal.
//
// A Redactor knows the secrets in play: a bearer token, the password of a URL. It replaces every
// occurrence of one with Marker, in any of these forms:
//   - raw;
//   - JSON- or Go-escaped: \/, \", \\, \uXXXX (surrogate pairs too), \xXX, \UXXXXXXXX, each
//     character escaped or not;
//   - percent-encoded: url.QueryEscape (a space as +), url.PathEscape, or every byte, in either
//     case of hex;
//   - HTML or XML character references, as a browser reads them (html.UnescapeString): named
//     (&amp;, &period;, legacy ones without their semicolon), decimal or hex, with any number of
//     leading zeros, with or without the semicolon;
//   - JSON pointer escapes (~1 for /);
//   - any of those inside another, up to three levels: a quoted (1) JSON string (2) holding a
//     URL-encoded token (3);
//   - UTF-16 or UTF-32, either byte order, in a text holding NUL bytes where an ASCII
//     character puts them in either, or in a decoding whose escapes (\x00, %00) gave it such
//     NULs (a report quoting such a body), with one more level of escapes inside;
//   - base64, standard or URL alphabet, padded or not, also inside a longer base64 text (a Basic
//     credential "token:"); hex.
//
// A secret is replaced only where it stands whole: not where a letter or a digit goes on
// before or after it (the secret "ana" is not in "Indiana"), so that redaction changes no data
// that merely contains the secret's characters. Its base64 and hex forms, long and specific,
// are replaced wherever they are. A secret shorter than MinSecret is too short to be told from
// data even so: Usable refuses it, and New searches for it only as itself, escaped or not.
//
// It runs on values before they are encoded as JSON, XML or text, so that no escaping of the
// output can hide a secret from it. A text cut short by Shorten (ending in "…") loses
// the start of a secret it was cut in, too.
package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Marker replaces every secret.
const Marker = "REDACTED"

// MinSecret is the shortest secret (in bytes) that can be searched for without changing data
// by chance: Usable refuses a shorter one.
const MinSecret = 8

// Usable returns an error when secret cannot be redacted safely: shorter than MinSecret, or made
// only of a number's characters (replaced inside a JSON number, it would break the JSON); nil
// otherwise. An empty secret (none given) is usable.
func Usable(secret string) error {
	if secret != "" && len(secret) < MinSecret {
		return fmt.Errorf("is too short to keep out of what is printed or written: %d of at least %d bytes (a shorter one cannot be told from data holding it by chance)", len(secret), MinSecret)
	}
	if secret != "" && strings.Trim(secret, "0123456789.+-eE") == "" {
		return errors.New("is made only of characters of a number (digits, . + - e), so it cannot be told from a number in the data: replacing it there would change the data")
	}
	return nil
}

// ErrUnsearchable is what a Writer fails with when a text holds a character reference longer
// than it can hold back (more than maxEscape bytes for each byte it stands for, such as
// &#x0000000000000074;): it cannot tell whether a secret ends there.
var ErrUnsearchable = errors.New("the text holds a character reference too long to search for secrets in bounded memory")

// Limits of the matcher.
const (
	// maxEscape is the longest text one byte of a secret may be written as and still be found
	// by a Writer: &#x0001F600; for 😀, &#x00000074; for t, two \uXXXX of a surrogate pair. A
	// stream holds back maxEscape² bytes per byte of a secret: a secret escaped at all three
	// levels is found there if it is no longer (%2526 is 5 bytes a byte, \\u0025 7).
	maxEscape = 12
	// minDerived is the shortest part of a secret (in bytes) whose base64 inside a longer
	// base64 text is redacted, and the shortest start of a secret redacted before an ellipsis:
	// shorter ones would be told from chance too rarely.
	minDerived = 8
)

// Redactor replaces secrets. The zero value and nil know no secret: they still redact the
// credential headers (Header) and escape nothing else.
type Redactor struct {
	// patterns are what is searched for in every decoding of a text: each secret, and its base64
	// and hex forms.
	patterns []pattern
	// space says a pattern holds a space, so that a + is also read as one (a query string).
	space bool
	// hold is the longest text one match can span: a pattern escaped twice over.
	hold int
}

type pattern struct {
	b []byte
	// whole says b is a secret itself, replaced only where it stands whole (wordEdge): where
	// no letter or digit goes on before its first character or after its last, if those are
	// letters or digits. In a UTF-16 or UTF-32 reading it is replaced wherever it is: the text
	// beside it may be in another encoding, which reads as letters.
	whole bool
}

// New returns a Redactor of the given secrets; empty ones are ignored, and one shorter than
// MinSecret is searched for only as itself, escaped or not, never as base64 or hex.
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	seen := map[string]bool{}
	add := func(p string, whole bool) {
		if p == "" || seen[p] {
			return
		}
		seen[p] = true
		r.patterns = append(r.patterns, pattern{b: []byte(p), whole: whole})
		r.space = r.space || strings.Contains(p, " ")
		// A match is held whole, and so is the character after it, which says whether it
		// stands whole.
		r.hold = max(r.hold, (len(p)+utf8.UTFMax)*maxEscape*maxEscape)
	}
	for _, s := range secrets {
		if s == "" {
			continue
		}
		add(s, true)
		if len(s) < MinSecret {
			continue // its base64 and hex forms would be found in data by chance
		}
		b := []byte(s)
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			add(enc.EncodeToString(b), false)
			add(enc.WithPadding(base64.NoPadding).EncodeToString(b), false)
			// Inside a longer base64 text the secret starts at one of three offsets of a group
			// of three bytes: its whole groups at each offset are encoded the same in any text.
			for k := range 3 { // len(b) >= MinSecret
				whole := (len(b) - k) / 3 * 3
				if whole >= minDerived {
					add(enc.WithPadding(base64.NoPadding).EncodeToString(b[k:k+whole]), false)
				}
			}
		}
		add(hex.EncodeToString(b), false)
		add(strings.ToUpper(hex.EncodeToString(b)), false)
	}
	return r
}

// URLSecrets returns the secrets of a URL: the password of its userinfo, if any, also when the
// URL does not parse (its error message quotes it whole).
func URLSecrets(rawURL string) []string {
	if u, err := url.Parse(rawURL); err == nil {
		if p, ok := u.User.Password(); ok && p != "" {
			return []string{p}
		}
		return nil
	}
	_, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		return nil
	}
	if end := strings.IndexAny(rest, "/?#"); end >= 0 {
		rest = rest[:end]
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return nil
	}
	if _, pass, ok := strings.Cut(rest[:at], ":"); ok && pass != "" {
		return []string{pass}
	}
	return nil
}

// Credentials returns the secrets h's Authorization and Proxy-Authorization headers carry: what
// follows each one's scheme (the whole value, without one), and the password of a Basic
// credential.
func Credentials(h http.Header) []string {
	var out []string
	for _, name := range []string{"Authorization", "Proxy-Authorization"} {
		for _, auth := range h.Values(name) {
			auth = strings.TrimSpace(auth)
			scheme, cred, ok := strings.Cut(auth, " ")
			if cred = strings.TrimSpace(cred); !ok || cred == "" {
				out = append(out, auth)
				continue
			}
			out = append(out, cred)
			if !strings.EqualFold(scheme, "basic") {
				continue
			}
			if b, err := base64.StdEncoding.DecodeString(cred); err == nil {
				if _, pass, ok := strings.Cut(string(b), ":"); ok && pass != "" {
					out = append(out, pass)
				}
			}
		}
	}
	return out
}

// String returns s with every secret replaced by Marker.
func (r *Redactor) String(s string) string {
	if r == nil || len(r.patterns) == 0 || s == "" {
		return s
	}
	b := []byte(s)
	spans, _ := r.find(b, true, nil)
	if len(spans) == 0 {
		return s
	}
	return string(apply(nil, b, spans))
}

// Bytes returns b with every secret replaced by Marker: b itself when it holds none.
func (r *Redactor) Bytes(b []byte) []byte {
	if r == nil || len(r.patterns) == 0 || len(b) == 0 {
		return b
	}
	spans, _ := r.find(b, false, nil)
	if len(spans) == 0 {
		return b
	}
	return apply(nil, b, spans)
}

// Header returns a copy of h with every name and value redacted, and the values of the
// credential headers (Authorization, Proxy-Authorization, Cookie, Set-Cookie) replaced: an
// authorization keeps its scheme, a cookie its name and attributes.
func (r *Redactor) Header(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	out := make(http.Header, len(h))
	for name, vals := range h {
		canon := http.CanonicalHeaderKey(name)
		cp := make([]string, len(vals))
		for i, v := range vals {
			switch canon {
			case "Authorization", "Proxy-Authorization":
				if scheme, _, ok := strings.Cut(v, " "); ok {
					v = scheme + " " + Marker
				} else {
					v = Marker
				}
			case "Cookie", "Set-Cookie":
				v = redactCookies(v, canon == "Set-Cookie")
			}
			cp[i] = r.String(v)
		}
		key := r.String(name)
		out[key] = append(out[key], cp...)
	}
	return out
}

// redactCookies replaces the value of each name=value pair of a Cookie header, or of the first
// pair only of a Set-Cookie header (the rest are its attributes).
func redactCookies(v string, first bool) string {
	parts := strings.Split(v, ";")
	for i, p := range parts {
		if first && i > 0 {
			break
		}
		name, _, ok := strings.Cut(p, "=")
		if ok {
			parts[i] = name + "=" + Marker
		} else {
			parts[i] = Marker
		}
	}
	return strings.Join(parts, ";")
}

// Writer redacts what is written through it, in bounded memory: it holds back the end of what
// it was given for as long as a secret may begin there, and keeps the end of what it wrote, to
// tell whether a secret that follows stands whole. Flush writes the rest. A text it cannot
// search in bounded memory fails Write and Flush with ErrUnsearchable, after which nothing
// more is written.
type Writer struct {
	r   *Redactor
	w   io.Writer
	buf []byte
	out []byte
	sc  []*layer
	// hold is how much is held back (the Redactor's hold); batch how much more is taken before
	// writing, so that the held part is searched again only now and then.
	hold, batch int
	// done is how many bytes at the start of buf were written already.
	done int
	err  error
}

// NewWriter returns a Writer writing to w what is written to it, every secret replaced.
func (r *Redactor) NewWriter(w io.Writer) *Writer {
	wr := &Writer{r: r, w: w, batch: 64 << 10}
	if r != nil {
		// The held part is searched again with every batch: a batch four times as large costs a
		// fifth more.
		wr.hold, wr.batch = r.hold, max(wr.batch, 4*r.hold)
	}
	return wr
}

// Write takes p; it writes to the underlying writer only when enough is held.
func (w *Writer) Write(p []byte) (int, error) {
	if w.r == nil || len(w.r.patterns) == 0 {
		return w.w.Write(p)
	}
	if w.err != nil {
		return 0, w.err
	}
	w.buf = append(w.buf, p...)
	if len(w.buf)-w.done < 2*w.hold+w.batch {
		return len(p), nil
	}
	if err := w.flush(false); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if len(w.buf) == w.done {
		return nil
	}
	return w.flush(true)
}

// lookBehind is how much of what was written a Writer keeps before what it holds: one
// character escaped twice.
const lookBehind = utf8.UTFMax * maxEscape * maxEscape

func (w *Writer) flush(final bool) error {
	spans, layers := w.r.find(w.buf, false, &w.sc)
	for _, l := range layers {
		if l.long {
			w.err = ErrUnsearchable
			return w.err
		}
	}
	cut := len(w.buf)
	if !final {
		// Every match that starts before len-hold lies whole in buf, with the character after
		// it. The rest waits, from the start of a unit of every decoding, so that it decodes
		// the same next time.
		cut = boundary(layers, len(w.buf)-w.hold, false)
		for moved := true; moved; {
			moved = false
			for _, s := range spans {
				if s.start < cut && s.end > cut {
					cut, moved = s.end, true
				}
			}
			if end := boundary(layers, cut, true); end != cut {
				cut, moved = end, true
			}
		}
		cut = max(cut, w.done)
	}
	var now []span
	for _, s := range spans {
		if s.end > w.done && s.start < cut {
			now = append(now, span{max(s.start, w.done) - w.done, s.end - w.done})
		}
	}
	w.out = apply(w.out[:0], w.buf[w.done:cut], now)
	_, err := w.w.Write(w.out)
	// What was written is dropped but for the context, kept from the start of a unit.
	keep := boundary(layers, cut-lookBehind, false)
	w.buf = w.buf[:copy(w.buf, w.buf[keep:])]
	w.done = cut - keep
	return err
}

// span is a part [start, end) of the original text.
type span struct{ start, end int }

// layer is one decoding of a text: its bytes, and for each the span of the original text it
// was decoded from. start and end are nil for the text itself.
type layer struct {
	b          []byte
	start, end []int32
	// long says a unit is longer than maxEscape bytes for each byte it stands for (a Writer
	// cannot hold a secret written so); loose that the units are not searched from their
	// starts (a UTF-16 or UTF-32 decoding, at every alignment, and what is decoded from it),
	// so that a Writer need not cut between them.
	long, loose bool
}

func (l *layer) span(i int) span {
	if l.start == nil {
		return span{i, i + 1}
	}
	return span{int(l.start[i]), int(l.end[i])}
}

// unitAround returns the unit of the original text that position x is inside of (neither its
// start nor past it); false when x is a boundary of l's units, and always for the text itself.
func (l *layer) unitAround(x int) (span, bool) {
	if l.start == nil {
		return span{}, false
	}
	j := sort.Search(len(l.start), func(j int) bool { return int(l.end[j]) > x })
	if j < len(l.start) && int(l.start[j]) < x {
		return l.span(j), true
	}
	return span{}, false
}

// boundary moves x back (forward: on) to the edges of units until it is a boundary of units in
// every layer but the loose ones.
func boundary(layers []*layer, x int, forward bool) int {
	x = max(x, 0)
	for moved := true; moved; {
		moved = false
		for _, l := range layers {
			if u, ok := l.unitAround(x); ok && !l.loose {
				x, moved = u.start, true
				if forward {
					x = u.end
				}
			}
		}
	}
	return x
}

// A scheme is one kind of escapes, named by the bytes that start them.
type scheme string

const (
	percent     scheme = "%"  // %XX
	percentPlus scheme = "%+" // %XX, and + for a space
	backslashes scheme = `\`  // JSON and Go: \/, \uXXXX, \xXX, …
	references  scheme = "&"  // HTML and XML: &amp;, &#60;, &#x3c;
	tildes      scheme = "~"  // JSON pointer (RFC 6901): ~1 for /, ~0 for ~
)

// depth is how many levels of escapes are undone: a report quotes (one level) a value of a
// JSON body (two) holding a URL-encoded secret (three).
const depth = 3

// find returns the spans of the original text b that hold a secret, sorted and merged, and the
// decodings searched. cut also finds the start of a secret before an ellipsis. sc, when not nil,
// holds decodings of an earlier text to reuse.
func (r *Redactor) find(b []byte, cut bool, sc *[]*layer) ([]span, []*layer) {
	if sc == nil {
		sc = new([]*layer)
	}
	used := 0
	next := func() *layer {
		if used == len(*sc) {
			*sc = append(*sc, &layer{})
		}
		used++
		return (*sc)[used-1]
	}
	schemes := []scheme{percent, backslashes, references, tildes}
	if r.space {
		schemes = append(schemes, percentPlus)
	}
	// The text itself and every decoding of it up to depth levels, each level by any scheme; a
	// + is read as a space at one level at most. A text (or decoding) holding a NUL byte is
	// also read as UTF-16 or UTF-32 (an ASCII character is one with a NUL byte or three), at
	// each alignment where its NULs fall as ASCII characters would put them, with one level of
	// escapes inside: a body in UTF-16, or one quoted in a report with its NULs as \x00.
	layers := []*layer{{b: b}}
	rawNULs := bytes.Count(b, []byte{0})
	var decodeAll func(l *layer, level int, plusUsed bool)
	decodeAll = func(l *layer, level int, plusUsed bool) {
		for _, s := range schemes {
			if s == percentPlus && plusUsed {
				continue
			}
			out := next()
			if !decode(l, s, out) {
				used--
				continue
			}
			layers = append(layers, out)
			if level < depth {
				decodeAll(out, level+1, plusUsed || s == percentPlus)
			}
		}
		if l.loose || bytes.IndexByte(l.b, 0) < 0 || l.start != nil && bytes.Count(l.b, []byte{0}) <= rawNULs {
			return // a decoding is read so only when escapes (\x00, %00) gave it more NULs
		}
		var nul [4]bool
		for i, c := range l.b {
			nul[i%4] = nul[i%4] || c == 0
		}
		for _, u := range wideEncodings {
			for align := range u.size {
				if u.fits(nul, align) {
					out := next()
					wide(l, u, align, out)
					layers = append(layers, out)
					decodeAll(out, depth, false)
				}
			}
		}
	}
	decodeAll(layers[0], 1, false)
	var spans []span
	for _, l := range layers {
		spans = r.search(l, spans, cut)
	}
	return merge(spans), layers
}

// wideEncoding is UTF-16 (size 2) or UTF-32 (size 4), little- or big-endian.
type wideEncoding struct {
	size int
	big  bool
}

var wideEncodings = []wideEncoding{{2, false}, {2, true}, {4, false}, {4, true}}

// fits reports whether a text read in u from byte align on holds NULs where ASCII characters
// would put them: nul[k] says a byte at a position k modulo 4 is NUL.
func (u wideEncoding) fits(nul [4]bool, align int) bool {
	for k := range u.size - 1 { // the high bytes of a code unit
		at := align + k + 1 // little-endian: after the low byte
		if u.big {
			at = align + k
		}
		if !nul[at%4] && !(u.size == 2 && nul[(at+2)%4]) {
			return false
		}
	}
	return true
}

// wide sets out to the text of l read in u from its byte align on (the bytes before are
// kept as they are): each code unit, or surrogate pair, one character, U+FFFD when it is none.
// out is loose.
func wide(l *layer, u wideEncoding, align int, out *layer) {
	n := len(l.b)
	if most := n*3/2 + utf8.UTFMax; cap(out.b) < most { // U+FFFF is two bytes in, three out
		out.b, out.start, out.end = make([]byte, 0, most), make([]int32, 0, most), make([]int32, 0, most)
	}
	out.b, out.start, out.end = out.b[:0], out.start[:0], out.end[:0]
	out.long, out.loose = false, true
	unit := func(i int) rune {
		var v uint32
		for k := range u.size {
			c := uint32(l.b[i+k])
			if u.big {
				v = v<<8 | c
			} else {
				v |= c << (8 * k)
			}
		}
		return rune(v)
	}
	// emit appends r, read from l.b[from:to].
	emit := func(r rune, from, to int) {
		s := len(out.b)
		out.b = utf8.AppendRune(out.b, r)
		start, end := l.span(from).start, l.span(to-1).end
		for range len(out.b) - s {
			out.start = append(out.start, int32(start))
			out.end = append(out.end, int32(end))
		}
	}
	for i := range min(align, n) {
		emit(rune(l.b[i]), i, i+1)
	}
	for i := align; i < n; {
		if i+u.size > n {
			emit(utf8.RuneError, i, n)
			break
		}
		r, w := unit(i), u.size
		if u.size == 2 && r >= 0xD800 && r < 0xDC00 && i+4 <= n {
			if lo := unit(i + 2); lo >= 0xDC00 && lo < 0xE000 {
				r, w = (r-0xD800)<<10|(lo-0xDC00)+0x10000, 4
			}
		}
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		emit(r, i, i+w)
		i += w
	}
}

// search appends the spans of the patterns' occurrences in l.
func (r *Redactor) search(l *layer, spans []span, cut bool) []span {
	for _, p := range r.patterns {
		for from := 0; ; {
			i := bytes.Index(l.b[from:], p.b)
			if i < 0 {
				break
			}
			i += from
			if p.whole && !l.loose && !(wordEdge(l.b[:i], p.b, false) && wordEdge(l.b[i+len(p.b):], p.b, true)) {
				from = i + 1 // inside a longer word: a later occurrence may overlap this one
				continue
			}
			spans = append(spans, span{l.span(i).start, l.span(i + len(p.b) - 1).end})
			from = i + len(p.b)
		}
	}
	if !cut {
		return spans
	}
	// Shorten keeps the start of a text and ends it with "…": the start of a secret
	// may end there, written whole or up to an escape cut in two.
	const ellipsis = "…"
	for from := 0; ; {
		e := bytes.Index(l.b[from:], []byte(ellipsis))
		if e < 0 {
			break
		}
		e += from
		from = e + len(ellipsis)
		for d := 0; d <= maxEscape && d <= e; d++ {
			q := e - d
			if d > 0 && !bytes.ContainsRune([]byte(`\%&`), rune(l.b[q])) {
				continue
			}
			for _, p := range r.patterns {
				if k := endsWithStart(l.b[:q], p.b); k > 0 && (!p.whole || wordEdge(l.b[:q-k], p.b, false)) {
					spans = append(spans, span{l.span(q - k).start, l.span(e).start})
				}
			}
		}
	}
	return spans
}

// wordEdge reports whether a secret sec may stand whole next to text: before it (text ends
// where sec begins) or, with after, after it. It may unless the secret's first (last)
// character and the text's last (first) one are both letters or digits.
func wordEdge(text, sec []byte, after bool) bool {
	if len(text) == 0 {
		return true
	}
	var edge, next rune
	if after {
		edge, _ = utf8.DecodeLastRune(sec)
		next, _ = utf8.DecodeRune(text)
	} else {
		edge, _ = utf8.DecodeRune(sec)
		next, _ = utf8.DecodeLastRune(text)
	}
	return !(wordRune(edge) && wordRune(next))
}

// wordRune reports whether r is part of a word: a letter, a digit or a combining mark.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// endsWithStart returns the length of the longest start of p, shorter than p and at least
// minDerived bytes long, that text ends with; 0 when there is none.
func endsWithStart(text, p []byte) int {
	if len(text) < minDerived || len(p) <= minDerived || !bytes.Contains(p[:len(p)-1], text[len(text)-minDerived:]) {
		return 0 // the last bytes of text are nowhere in such a start
	}
	for k := min(len(p)-1, len(text)); k >= minDerived; k-- {
		if bytes.HasSuffix(text, p[:k]) {
			return k
		}
	}
	return 0
}

// merge sorts spans and joins those that overlap.
func merge(spans []span) []span {
	if len(spans) < 2 {
		return spans
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.start < last.end {
			last.end = max(last.end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// apply appends b to dst with every span replaced by Marker.
func apply(dst, b []byte, spans []span) []byte {
	at := 0
	for _, s := range spans {
		dst = append(dst, b[at:s.start]...)
		dst = append(dst, Marker...)
		at = s.end
	}
	return append(dst, b[at:]...)
}

// decode sets out to l with one level of the escapes of scheme s undone, and returns false when
// l holds none. Every escape is decoded on its own, so that decoding from the start of any unit
// gives the same units from there on.
func decode(l *layer, s scheme, out *layer) bool {
	starts := string(s)
	if !bytes.ContainsAny(l.b, starts) {
		return false
	}
	n := len(l.b)
	if cap(out.b) < n {
		out.b, out.start, out.end = make([]byte, 0, n), make([]int32, 0, n), make([]int32, 0, n)
	}
	out.b, out.start, out.end = out.b[:0], out.start[:0], out.end[:0]
	out.long, out.loose = l.long, l.loose
	var scratch [utf8.UTFMax]byte
	for i := 0; i < n; {
		// The text up to the next escape, as it is.
		run := bytes.IndexAny(l.b[i:], starts)
		if run < 0 {
			run = n - i
		}
		out.b = append(out.b, l.b[i:i+run]...)
		if l.start == nil {
			for k := i; k < i+run; k++ {
				out.start = append(out.start, int32(k))
				out.end = append(out.end, int32(k+1))
			}
		} else {
			out.start = append(out.start, l.start[i:i+run]...)
			out.end = append(out.end, l.end[i:i+run]...)
		}
		if i += run; i == n {
			break
		}
		var dec []byte
		w := 1
		switch l.b[i] {
		case '%':
			if v, ok := hexValue(l.b[i+1:], 2); ok {
				scratch[0] = byte(v)
				dec, w = scratch[:1], 3
			}
		case '+':
			scratch[0] = ' ' // a + is an escape only when plus
			dec = scratch[:1]
		case '\\':
			dec, w = backslash(l.b[i:], scratch[:0])
		case '&':
			dec, w = reference(l.b[i:], scratch[:0])
		case '~':
			if i+1 < n && (l.b[i+1] == '0' || l.b[i+1] == '1') {
				scratch[0] = "~/"[l.b[i+1]-'0']
				dec, w = scratch[:1], 2
			}
		}
		sp := l.span(i)
		if dec == nil {
			w = 1
			dec = l.b[i : i+1]
		} else {
			sp.end = l.span(i + w - 1).end
			out.long = out.long || w > maxEscape*len(dec)
		}
		for _, c := range dec {
			out.b = append(out.b, c)
			out.start = append(out.start, int32(sp.start))
			out.end = append(out.end, int32(sp.end))
		}
		i += w
	}
	return true
}

// singleEscapes maps the letter of a one-letter JSON or Go escape to the byte it stands for.
var singleEscapes = map[byte]byte{
	'/': '/', '\\': '\\', '"': '"', '\'': '\'',
	'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'a': '\a', 'v': '\v',
}

// backslash decodes the JSON or Go escape b starts with into dst; nil when it is none.
func backslash(b, dst []byte) ([]byte, int) {
	if len(b) < 2 {
		return nil, 1
	}
	if c, ok := singleEscapes[b[1]]; ok {
		return append(dst, c), 2
	}
	switch b[1] {
	case 'x':
		if v, ok := hexValue(b[2:], 2); ok {
			return append(dst, byte(v)), 4
		}
	case 'U':
		if v, ok := hexValue(b[2:], 8); ok && utf8.ValidRune(rune(v)) {
			return utf8.AppendRune(dst, rune(v)), 10
		}
	case 'u':
		v, ok := hexValue(b[2:], 4)
		if !ok {
			return nil, 1
		}
		r := rune(v)
		if r >= 0xD800 && r < 0xDC00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
			if lo, ok := hexValue(b[8:], 4); ok && lo >= 0xDC00 && lo < 0xE000 {
				return utf8.AppendRune(dst, (r-0xD800)<<10|(rune(lo)-0xDC00)+0x10000), 12
			}
		}
		if r >= 0xD800 && r < 0xE000 {
			r = utf8.RuneError // as encoding/json reads a lone surrogate
		}
		return utf8.AppendRune(dst, r), 6
	}
	return nil, 1
}

// reference decodes the HTML or XML character reference b starts with into dst, as a browser
// reads it (html.UnescapeString, which follows HTML5): decimal or hex with any number of
// leading zeros, named, either with or without its semicolon. nil when it is none.
func reference(b, dst []byte) ([]byte, int) {
	if len(b) < 3 {
		return nil, 1
	}
	if b[1] == '#' {
		// Digits, any number of them, then maybe a semicolon; html.UnescapeString reads the value
		// (U+FFFD for 0, a surrogate or past U+10FFFF, windows-1252's characters for 0x80 to 0x9F),
		// but for one of more than 7 digits past the leading zeros: past U+10FFFF, as a browser
		// reads it, where html.UnescapeString's int32 may wrap around.
		n, digit := 2, isDigit
		if b[2] == 'x' || b[2] == 'X' {
			n, digit = 3, isHex
		}
		start := n
		for n < len(b) && digit(b[n]) {
			n++
		}
		if n == start {
			return nil, 1
		}
		large := len(bytes.TrimLeft(b[start:n], "0")) > 7
		if n < len(b) && b[n] == ';' {
			n++
		}
		if large {
			return utf8.AppendRune(dst, utf8.RuneError), n
		}
		return append(dst, html.UnescapeString(strings.TrimSuffix(string(b[:n]), ";")+";")...), n
	}
	// A name: letters and digits, of which the longest known is 32, then maybe a semicolon.
	n := 1
	for n < len(b) && n <= maxEntityName && b[n] < utf8.RuneSelf && wordRune(rune(b[n])) {
		n++
	}
	if n == 1 {
		return nil, 1
	}
	if n <= maxEntityName && n < len(b) && b[n] == ';' {
		n++
	}
	unit := string(b[:n])
	all := html.UnescapeString(unit)
	if all == unit {
		return nil, 1
	}
	// A name without its semicolon may be a known one followed by more letters (&ampx is &
	// and x): the reference is the shortest start of unit that decodes to what unit does.
	for w := 2; w <= n; w++ {
		if dec := html.UnescapeString(unit[:w]); dec != unit[:w] && dec+unit[w:] == all {
			return append(dst, dec...), w
		}
	}
	return nil, 1
}

// maxEntityName is the longest name of an HTML character reference
// (&CounterClockwiseContourIntegral;).
const maxEntityName = 32

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// hexValue reads n hex digits (n at most 8) from the start of b.
func hexValue(b []byte, n int) (uint32, bool) {
	if len(b) < n {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[:n]), 16, 32)
	return uint32(v), err == nil
}
