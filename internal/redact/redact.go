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
//   - HTML or XML character references: &amp;, &#60;, &#x3c;;
//   - JSON pointer escapes (~1 for /);
//   - any of those inside another, up to three levels: a quoted (1) JSON string (2) holding a
//     URL-encoded token (3);
//   - base64, standard or URL alphabet, padded or not, also inside a longer base64 text (a Basic
//     credential "token:"); hex.
//
// It runs on values before they are encoded as JSON, XML or text, so that no escaping of the
// output can hide a secret from it. A text cut short by validate.Shorten (ending in "…") loses
// the start of a secret it was cut in, too.
package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"
)

// Marker replaces every secret.
const Marker = "REDACTED"

// Limits of the matcher.
const (
	// maxEscape is the longest text one character may be written as: &#x0001F600; or two
	// \uXXXX of a surrogate pair. A stream holds back maxEscape² bytes per byte of a secret: a
	// secret escaped at all three levels is found there if it is no longer (%2526 is 5 bytes a
	// byte, \\u0025 7).
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
	// windows holds every run of minDerived bytes of the patterns longer than that: a text whose
	// last bytes are none of them cannot end with the start of a secret.
	windows map[[minDerived]byte]bool
}

type pattern struct {
	b []byte
	// fail is the KMP failure function of b, for the longest start of b that ends a text.
	fail []int
}

// New returns a Redactor of the given secrets; empty ones are ignored.
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	seen := map[string]bool{}
	add := func(p string) {
		if p == "" || seen[p] {
			return
		}
		seen[p] = true
		r.patterns = append(r.patterns, pattern{b: []byte(p), fail: failure([]byte(p))})
		r.space = r.space || strings.Contains(p, " ")
		r.hold = max(r.hold, len(p)*maxEscape*maxEscape)
		for i := 0; i+minDerived < len(p); i++ {
			if r.windows == nil {
				r.windows = map[[minDerived]byte]bool{}
			}
			r.windows[[minDerived]byte([]byte(p[i:i+minDerived]))] = true
		}
	}
	for _, s := range secrets {
		if s == "" {
			continue
		}
		add(s)
		b := []byte(s)
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			add(enc.EncodeToString(b))
			add(enc.WithPadding(base64.NoPadding).EncodeToString(b))
			// Inside a longer base64 text the secret starts at one of three offsets of a group
			// of three bytes: its whole groups at each offset are encoded the same in any text.
			for k := range 3 {
				if len(b) < k {
					break
				}
				whole := (len(b) - k) / 3 * 3
				if whole >= minDerived {
					add(enc.WithPadding(base64.NoPadding).EncodeToString(b[k : k+whole]))
				}
			}
		}
		add(hex.EncodeToString(b))
		add(strings.ToUpper(hex.EncodeToString(b)))
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

// Contains reports whether s holds a secret in any form String replaces.
func (r *Redactor) Contains(s []byte) bool {
	if r == nil || len(r.patterns) == 0 {
		return false
	}
	spans, _ := r.find(s, true, nil)
	return len(spans) > 0
}

// credentialHeaders are replaced whatever they hold.
var credentialHeaders = []string{"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"}

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
			case "Cookie":
				v = redactCookies(v, ";", false)
			case "Set-Cookie":
				v = redactCookies(v, ";", true)
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
func redactCookies(v, sep string, first bool) string {
	parts := strings.Split(v, sep)
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
	return strings.Join(parts, sep)
}

// Writer redacts what is written through it, in bounded memory: it holds back the end of what
// it was given for as long as a secret may begin there. Flush writes the rest.
type Writer struct {
	r   *Redactor
	w   io.Writer
	buf []byte
	out []byte
	sc  []*layer
	// hold is how much is held back (the Redactor's hold); batch how much more is taken before
	// writing, so that the held part is searched again only now and then.
	hold, batch int
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
	w.buf = append(w.buf, p...)
	if len(w.buf) < 2*w.hold+w.batch {
		return len(p), nil
	}
	if err := w.flush(false); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held.
func (w *Writer) Flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	return w.flush(true)
}

func (w *Writer) flush(final bool) error {
	spans, layers := w.r.find(w.buf, false, &w.sc)
	cut := len(w.buf)
	if !final {
		// Every match that starts before len-hold lies whole in buf. The rest waits, from the
		// start of a unit of every decoding, so that it decodes the same next time.
		cut = boundary(layers, len(w.buf)-w.hold, (*layer).unitStart)
		for moved := true; moved; {
			moved = false
			for _, s := range spans {
				if s.start < cut && s.end > cut {
					cut, moved = s.end, true
				}
			}
			if end := boundary(layers, cut, (*layer).unitEnd); end != cut {
				cut, moved = end, true
			}
		}
	}
	var now []span
	for _, s := range spans {
		if s.start < cut {
			now = append(now, s)
		}
	}
	w.out = apply(w.out[:0], w.buf[:cut], now)
	_, err := w.w.Write(w.out)
	w.buf = w.buf[:copy(w.buf, w.buf[cut:])]
	return err
}

// span is a part [start, end) of the original text.
type span struct{ start, end int }

// layer is one decoding of a text: its bytes, and for each the span of the original text it
// was decoded from. start and end are nil for the text itself.
type layer struct {
	b          []byte
	start, end []int32
}

func (l *layer) span(i int) span {
	if l.start == nil {
		return span{i, i + 1}
	}
	return span{int(l.start[i]), int(l.end[i])}
}

// unitStart returns the start of the unit holding position x of the original text (x itself
// for the text, or past the decoded units).
func (l *layer) unitStart(x int) int {
	if l.start == nil || x <= 0 {
		return max(x, 0)
	}
	j := sort.Search(len(l.start), func(j int) bool { return int(l.end[j]) > x })
	if j < len(l.start) && int(l.start[j]) < x {
		return int(l.start[j])
	}
	return x
}

// unitEnd returns the end of the unit that position x is inside of, or x when a unit starts
// there.
func (l *layer) unitEnd(x int) int {
	if l.start == nil {
		return x
	}
	j := sort.Search(len(l.start), func(j int) bool { return int(l.end[j]) > x })
	if j < len(l.start) && int(l.start[j]) < x {
		return int(l.end[j])
	}
	return x
}

// boundary moves x with move (unitStart or unitEnd) until it is a boundary of units in every
// layer.
func boundary(layers []*layer, x int, move func(*layer, int) int) int {
	for moved := true; moved; {
		moved = false
		for _, l := range layers {
			if y := move(l, x); y != x {
				x, moved = y, true
			}
		}
	}
	return x
}

// A scheme is one kind of escapes.
type scheme int

const (
	percent     scheme = iota // %XX
	percentPlus               // %XX, and + for a space
	backslashes               // JSON and Go: \/, \uXXXX, \xXX, …
	references                // HTML and XML: &amp;, &#60;, &#x3c;
	tildes                    // JSON pointer (RFC 6901): ~1 for /, ~0 for ~
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
	// + is read as a space at one level at most.
	layers := []*layer{{b: b}}
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
	}
	decodeAll(layers[0], 1, false)
	var spans []span
	for _, l := range layers {
		spans = r.search(l, spans, cut)
	}
	return merge(spans), layers
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
			spans = append(spans, span{l.span(i).start, l.span(i + len(p.b) - 1).end})
			from = i + len(p.b)
		}
	}
	if !cut {
		return spans
	}
	// validate.Shorten keeps the start of a text and ends it with "…": the start of a secret
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
			if d > 0 && !bytes.ContainsRune([]byte(`\%&`), rune(l.b[q])) || q < minDerived ||
				!r.windows[[minDerived]byte(l.b[q-minDerived:q])] {
				continue
			}
			for _, p := range r.patterns {
				if len(p.b) <= minDerived {
					continue
				}
				if k := p.endsWith(l.b[max(0, q-len(p.b)+1):q]); k >= minDerived {
					spans = append(spans, span{l.span(q - k).start, l.span(e).start})
				}
			}
		}
	}
	return spans
}

// failure returns the KMP failure function of p: fail[i] is the length of the longest proper
// prefix of p[:i+1] that is also its suffix.
func failure(p []byte) []int {
	f := make([]int, len(p))
	k := 0
	for i := 1; i < len(p); i++ {
		for k > 0 && p[i] != p[k] {
			k = f[k-1]
		}
		if p[i] == p[k] {
			k++
		}
		f[i] = k
	}
	return f
}

// endsWith returns the length of the longest start of p that text ends with (shorter than p).
func (p pattern) endsWith(text []byte) int {
	k := 0
	for _, c := range text {
		for k > 0 && (k == len(p.b) || p.b[k] != c) {
			k = p.fail[k-1]
		}
		if k < len(p.b) && p.b[k] == c {
			k++
		}
	}
	if k == len(p.b) {
		k = p.fail[k-1]
	}
	return k
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
	var starts string
	switch s {
	case percent:
		starts = "%"
	case percentPlus:
		starts = "%+"
	case backslashes:
		starts = `\`
	case references:
		starts = "&"
	case tildes:
		starts = "~"
	}
	if bytes.IndexAny(l.b, starts) < 0 {
		return false
	}
	n := len(l.b)
	if cap(out.b) < n {
		out.b, out.start, out.end = make([]byte, 0, n), make([]int32, 0, n), make([]int32, 0, n)
	}
	out.b, out.start, out.end = out.b[:0], out.start[:0], out.end[:0]
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
			if i+2 < n && isHex(l.b[i+1]) && isHex(l.b[i+2]) {
				scratch[0] = unhex(l.b[i+1])<<4 | unhex(l.b[i+2])
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

// reference decodes the HTML or XML character reference b starts with into dst; nil when it is
// none.
func reference(b, dst []byte) ([]byte, int) {
	end := bytes.IndexByte(b[:min(len(b), maxEscape)], ';')
	if end < 2 {
		return nil, 1
	}
	name := b[1:end]
	switch string(name) {
	case "amp":
		return append(dst, '&'), end + 1
	case "lt":
		return append(dst, '<'), end + 1
	case "gt":
		return append(dst, '>'), end + 1
	case "quot":
		return append(dst, '"'), end + 1
	case "apos":
		return append(dst, '\''), end + 1
	}
	if name[0] != '#' || len(name) < 2 {
		return nil, 1
	}
	var v uint32
	digits := name[1:]
	if digits[0] == 'x' || digits[0] == 'X' {
		var ok bool
		if v, ok = hexValue(digits[1:], len(digits)-1); !ok || len(digits) < 2 {
			return nil, 1
		}
	} else {
		for _, c := range digits {
			if c < '0' || c > '9' {
				return nil, 1
			}
			v = v*10 + uint32(c-'0')
		}
	}
	if !utf8.ValidRune(rune(v)) {
		return nil, 1
	}
	return utf8.AppendRune(dst, rune(v)), end + 1
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// hexValue reads n hex digits (n at most 8) from the start of b.
func hexValue(b []byte, n int) (uint32, bool) {
	if len(b) < n || n == 0 || n > 8 {
		return 0, false
	}
	var v uint32
	for _, c := range b[:n] {
		if !isHex(c) {
			return 0, false
		}
		v = v<<4 | uint32(unhex(c))
	}
	return v, true
}
