package redact

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ssojet-tools/loginlogs/internal/redact/redacttest"
)

// tokens are secrets with the characters escaping treats specially.
var tokens = []string{
	"sekret.TOKEN-0123456789abcdef",
	"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGkifQ.c2lnbmF0dXJl+/==",
	`a&b<c>d"e'f\g/h%i+j k`,
	"tök€n-😀-\u2028-end",
	"0123456789",
}

// survivor returns the first form of secret among encs that out still holds, markers cut out.
func survivor(out, secret string, encs []redacttest.Encoding) string {
	return redacttest.Survivor(out, secret, Marker, encs)
}

func TestStringFindsEveryEncoding(t *testing.T) {
	for _, tok := range tokens {
		r := New(tok)
		for _, e := range redacttest.Encodings {
			if !e.Applies(tok) {
				continue
			}
			in := "before " + e.Enc(tok) + " after"
			got := r.String(in)
			if s := survivor(got, tok, redacttest.Encodings); s != "" {
				t.Errorf("New(%q).String(%q) = %q: the %s survives", tok, in, got, s)
			}
			if !strings.HasPrefix(got, "before ") || !strings.HasSuffix(got, " after") || !strings.Contains(got, Marker) {
				t.Errorf("New(%q).String(%q) = %q, want the text around the secret kept and %s in its place", tok, in, got, Marker)
			}
		}
	}
}

func TestStringLeavesOtherTextAlone(t *testing.T) {
	r := New("sekret.TOKEN-0123456789abcdef", "pass word")
	for _, in := range []string{
		"", "nothing to see", `{"login_logs":[{"IpAddress":"183.83.177.227","City":"Jaipur"}]}`,
		"GET http://ssojet.test/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=cli_x",
		"sekret.TOKEN-0123456789abcde", "%zz \\q &nope; &#xZZ; \\u12", "a…", "sekret.…",
	} {
		if got := r.String(in); got != in {
			t.Errorf("String(%q) = %q, want it unchanged", in, got)
		}
	}
	var zero *Redactor
	if got := zero.String("x"); got != "x" {
		t.Errorf("nil Redactor: String(x) = %q", got)
	}
}

func TestStringCutBeforeAnEllipsis(t *testing.T) {
	const tok = "sekret.TOKEN-0123456789abcdef"
	r := New(tok)
	for _, in := range []string{
		`got "sekret.TOKEN-0123…"`,
		`got "sekret.TOKEN-0123\x1…"`,
		`got sekret%2ETOKEN-01…`,
	} {
		got := r.String(in)
		if strings.Contains(got, "sekret.TOKEN") || strings.Contains(got, "sekret%2ETOKEN") || !strings.Contains(got, Marker+"…") {
			t.Errorf("String(%q) = %q, want the cut start of the token redacted", in, got)
		}
	}
	if got := r.String("sekret.…"); got != "sekret.…" {
		t.Errorf("String(sekret.…) = %q: 7 bytes are too few to tell from chance", got)
	}
}

func TestURLSecrets(t *testing.T) {
	for _, c := range []struct {
		url  string
		want []string
	}{
		{"https://api.ssojet.com/api/v1", nil},
		{"https://user@api.ssojet.com/api/v1", nil},
		{"https://user:p%40ss@api.ssojet.com/api/v1", []string{"p@ss"}},
		{"::not a url", nil},
		{"https://user:pa ss%zz@api.ssojet.com/api/v1", []string{"pa ss%zz"}}, // no URL, but its error quotes it
	} {
		if got := URLSecrets(c.url); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("URLSecrets(%q) = %q, want %q", c.url, got, c.want)
		}
	}
	// The password is found in the URL as written, encoded or not.
	r := New(URLSecrets("https://user:p%40ss%2Fw0rd@api.ssojet.com")...)
	for _, in := range []string{"https://user:p%40ss%2Fw0rd@api.ssojet.com", "https://user:p@ss/w0rd@api.ssojet.com"} {
		if got := r.String(in); got != "https://user:"+Marker+"@api.ssojet.com" {
			t.Errorf("String(%q) = %q, want the password redacted", in, got)
		}
	}
}

func TestCredentials(t *testing.T) {
	basic := base64.StdEncoding.EncodeToString([]byte("user:pa55word"))
	h := http.Header{
		"Authorization":       {"Bearer  tok-1 ", "Basic " + basic, "bare-token", "Bearer"},
		"Proxy-Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte("nopass"))},
	}
	want := []string{"tok-1", basic, "pa55word", "bare-token", "Bearer", base64.StdEncoding.EncodeToString([]byte("nopass"))}
	if got := Credentials(h); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Credentials(%v) = %q, want %q", h, got, want)
	}
}

func TestHeader(t *testing.T) {
	const tok = "sekret.TOKEN-0123456789abcdef"
	r := New(tok)
	h := http.Header{
		"Authorization":       {"Bearer " + tok},
		"Proxy-Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte("u:p"))},
		"Cookie":              {"session=abc; theme=dark"},
		"Set-Cookie":          {"session=abc123; Path=/; HttpOnly", "lone"},
		"Location":            {"https://x.test/cb?access_token=" + url.QueryEscape(tok)},
		"X-Echo-" + tok:       {"v"},
	}
	got := r.Header(h)
	want := http.Header{
		"Authorization":       {"Bearer " + Marker},
		"Proxy-Authorization": {"Basic " + Marker},
		"Cookie":              {"session=" + Marker + "; theme=" + Marker},
		"Set-Cookie":          {"session=" + Marker + "; Path=/; HttpOnly", Marker},
		"Location":            {"https://x.test/cb?access_token=" + Marker},
		"X-Echo-" + Marker:    {"v"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Header:\n got %v\nwant %v", got, want)
	}
	if h.Get("Authorization") != "Bearer "+tok {
		t.Errorf("Header changed its argument")
	}
	var zero *Redactor
	if got := zero.Header(http.Header{"Set-Cookie": {"a=b"}}); got.Get("Set-Cookie") != "a="+Marker {
		t.Errorf("nil Redactor: Set-Cookie %q, want it redacted", got.Get("Set-Cookie"))
	}
}

// chunked writes b through a Writer of r in pieces of n bytes, holding hold and taking batch.
func chunked(r *Redactor, b []byte, n, hold, batch int) string {
	var out bytes.Buffer
	w := r.NewWriter(&out)
	if hold > 0 {
		w.hold, w.batch = hold, batch
	}
	for len(b) > 0 {
		k := min(n, len(b))
		w.Write(b[:k])
		b = b[k:]
	}
	w.Flush()
	return out.String()
}

func TestWriterAgreesWithBytes(t *testing.T) {
	for _, tok := range tokens {
		r := New(tok)
		var in strings.Builder
		longest := 0
		for i, e := range redacttest.Encodings {
			if !e.Applies(tok) {
				continue
			}
			v := e.Enc(tok)
			longest = max(longest, len(v))
			fmt.Fprintf(&in, "%d %s \\\\ %%4 &am; ", i, v)
		}
		want := string(r.Bytes([]byte(in.String())))
		if s := survivor(want, tok, redacttest.Encodings); s != "" {
			t.Fatalf("Bytes: the %s survives", s)
		}
		for _, n := range []int{1, 7, 64, 1000} {
			got := chunked(r, []byte(in.String()), n, longest+maxEscape*maxEscape, 3)
			if got != want {
				t.Errorf("token %q, writes of %d bytes: %q\nwant %q", tok, n, got, want)
			}
		}
		if got := chunked(r, []byte(in.String()), 5, 0, 0); got != want {
			t.Errorf("token %q, default hold: %q\nwant %q", tok, got, want)
		}
	}
}

func TestPrintable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text, ünïcødé ✓", "plain text, ünïcødé ✓"},
		{"\x1b]0;pwned\x07\x1b[2J", `\x1b]0;pwned\x07\x1b[2J`},
		{"a\tb\nc\rd", `a\tb\nc\rd`},
		{"del\x7f", `del\x7f`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"raw \x9b byte", `raw \x9b byte`},
		{"bidi \u202eevil\u202c \u2066x\u2069 \u200f", `bidi \u202eevil\u202c \u2066x\u2069 \u200f`},
		{"sep\u2028x", `sep\u2028x`},
	} {
		if got := Printable(c.in); got != c.want {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzRedact plants a secret in random redacttest.Encodings among random text (that holds none),
// each between spaces: none of the planted forms survives String, Bytes or a Writer fed in
// random pieces.
func FuzzRedact(f *testing.F) {
	for _, tok := range tokens {
		f.Add(tok, []byte("some text\x00between"), []byte{0, 5, 9, 19})
	}
	f.Add("abc\\u0041", []byte(`\\\`), []byte{1, 4})
	f.Add("x+y z", []byte("%%%"), []byte{9, 10, 13})
	f.Fuzz(func(t *testing.T, tok string, text []byte, choices []byte) {
		if len(tok) < MinSecret || len(tok) > 200 || !utf8.ValidString(tok) || strings.ContainsRune(tok, 0) ||
			strings.Contains(tok, Marker) || strings.Contains(tok, redacttest.Cut) || len(choices) == 0 || len(choices) > 16 {
			t.Skip()
		}
		var used []redacttest.Encoding
		var in bytes.Buffer
		longest := 0
		for i, c := range choices {
			e := redacttest.Encodings[int(c)%len(redacttest.Encodings)]
			if !e.Applies(tok) {
				continue
			}
			v := e.Enc(tok)
			if strings.Contains(v, Marker) || strings.Contains(v, redacttest.Cut) {
				t.Skip()
			}
			used = append(used, e)
			longest = max(longest, len(v))
			part := text[len(text)*i/len(choices) : len(text)*(i+1)/len(choices)]
			in.Write(part)
			in.WriteString(" " + v + " ")
		}
		if survivor(string(text), tok, used) != "" {
			t.Skip() // a form in the random text may be inside a longer word, which stays
		}
		r := New(tok)
		got := r.String(in.String())
		if s := survivor(got, tok, used); s != "" {
			t.Fatalf("String: the %s survives in %q (from %q)", s, got, in.String())
		}
		if s := survivor(string(r.Bytes(in.Bytes())), tok, used); s != "" {
			t.Fatalf("Bytes: the %s survives", s)
		}
		n := 1 + int(choices[0])%17
		if s := survivor(chunked(r, in.Bytes(), n, longest+maxEscape*maxEscape, longest), tok, used); s != "" {
			t.Fatalf("Writer, pieces of %d: the %s survives", n, s)
		}
	})
}

// BenchmarkWriter redacts a 4 MiB login-logs answer (an escaped / in every entry) written in
// 32 KiB pieces, as --record does, with a JWT-sized token.
func BenchmarkWriter(b *testing.B) {
	benchmarkWriter(b, func(s string) string { return s })
}

// BenchmarkWriterUTF16 is BenchmarkWriter with the answer in UTF-16 (its NUL bytes make the
// redactor read it as UTF-16 and UTF-32 too).
func BenchmarkWriterUTF16(b *testing.B) {
	for _, e := range redacttest.Encodings {
		if e.Name == "utf-16le" {
			benchmarkWriter(b, e.Enc)
		}
	}
}

func benchmarkWriter(b *testing.B, enc func(string) string) {
	entry := `{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"Mozilla\/5.0 (X11; Linux x86_64)","Name":"Amazon CloudFront","Os":"Linux","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"},`
	body := []byte(enc(`{"login_logs":[` + strings.Repeat(entry, 4<<20/len(enc(entry))) + `{}]}`))
	r := New(strings.Repeat("eyJhbGciOiJSUzI1NiJ9", 40))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		w := r.NewWriter(io.Discard)
		for p := body; len(p) > 0; p = p[min(len(p), 32<<10):] {
			w.Write(p[:min(len(p), 32<<10)])
		}
		w.Flush()
	}
}

// TestOnlyWhereTheSecretStandsWhole: a secret inside a longer word, or one a letter or digit
// goes on from, is data and stays; beside punctuation, quotes, escapes or markup it goes.
func TestOnlyWhereTheSecretStandsWhole(t *testing.T) {
	r := New("ndianapo", "sekret.TOKEN-0123456789abcdef")
	for _, c := range []struct{ in, want string }{
		{`{"City":"Indianapolis"}`, `{"City":"Indianapolis"}`},
		{`{"City":"ndianapolis","Name":"Indianapo"}`, `{"City":"ndianapolis","Name":"Indianapo"}`},
		{`{"City":"ndianapo"}`, `{"City":"REDACTED"}`},
		{`{"ndianapo":1,"x-ndianapo":2,"ndianapo_x":3}`, `{"REDACTED":1,"x-REDACTED":2,"REDACTED_x":3}`},
		{`a\u006edianapo b`, `a\u006edianapo b`},
		{`a\nndianapo b`, `a\nREDACTED b`},
		{`%2Fndianapo%2F`, `%2FREDACTED%2F`},
		{`tok=sekret.TOKEN-0123456789abcdef&x=1`, `tok=REDACTED&x=1`},
		{`xsekret.TOKEN-0123456789abcdefx`, `xsekret.TOKEN-0123456789abcdefx`},
		{`.sekret.TOKEN-0123456789abcdef.`, `.REDACTED.`},
		{`Bearer c2VrcmV0LlRPS0VOLTAxMjM0NTY3ODlhYmNkZWY=`, `Bearer REDACTED`},
	} {
		if got := r.String(c.in); got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := string(r.Bytes([]byte(c.in))); got != c.want {
			t.Errorf("Bytes(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestUsable(t *testing.T) {
	for _, c := range []struct {
		secret string
		ok     bool
	}{{"", true}, {"a", false}, {"1234567", false}, {"12345678", false}, {"1.5e-1234", false}, {"1234567a", true}, {"eyJhbGciOiJSUzI1NiJ9", true}} {
		if err := Usable(c.secret); (err == nil) != c.ok {
			t.Errorf("Usable(%q) = %v, want ok=%v", c.secret, err, c.ok)
		}
	}
	// A short secret, were it given all the same, is found only whole, never as base64 or hex.
	r := New("a")
	if got := r.String(`{"Country":"Indiana","x":"a","y":"YQ==","z":"61"}`); got != `{"Country":"Indiana","x":"REDACTED","y":"YQ==","z":"61"}` {
		t.Errorf("New(a).String = %s", got)
	}
}

// TestReferencesAsABrowserReadsThem: character references with leading zeros, without their
// semicolon, named, and of windows-1252's C1 range are decoded as html.UnescapeString does.
func TestReferencesAsABrowserReadsThem(t *testing.T) {
	for _, in := range []string{
		"&#x0000074;ok", "&#00000116;ok", "&#116ok", "&#x74ok", "&#X74;ok", "&#x74&#111;k",
	} {
		want := html.UnescapeString(in)
		for _, tok := range []string{"tokensecret"} {
			r := New(tok)
			text := "[" + in + "ensecret]"
			if html.UnescapeString(text) != "["+tok+"]" {
				t.Fatalf("test case %q does not read as %q (%q)", text, tok, want)
			}
			if got := r.String(text); got != "["+Marker+"]" {
				t.Errorf("String(%q) = %q, want the token redacted", text, got)
			}
		}
	}
	// Each unit against html.UnescapeString, the oracle ("&#x;", with no digit, is none for a
	// browser, but U+FFFD for html.UnescapeString: either way no character of a secret).
	for _, in := range []string{"&#128;", "&#x80", "&#0;", "&#xD800;", "&#x110000;", "&#99999999999999999999;", "&ampx", "&amp;", "&notin;", "&notit;", "&period;", "&fjlig;", "&nope;", "&#;", "&"} {
		dec, w := reference([]byte(in), nil)
		got := in
		if dec != nil {
			got = string(dec) + in[w:]
		}
		if want := html.UnescapeString(in); got != want {
			t.Errorf("reference(%q) reads %q, html.UnescapeString %q", in, got, want)
		}
	}
}

// TestWriterRefusesWhatItCannotSearch: a reference longer than a Writer holds back fails it,
// and nothing more is written; String still finds the secret there.
func TestWriterRefusesWhatItCannotSearch(t *testing.T) {
	const tok = "sekret.TOKEN-0123456789abcdef"
	r := New(tok)
	long := "&#x" + strings.Repeat("0", 200) + "73;" + tok[1:]
	var out bytes.Buffer
	w := r.NewWriter(&out)
	w.Write([]byte("before " + long + " after"))
	if err := w.Flush(); err != ErrUnsearchable {
		t.Errorf("Flush: %v, want ErrUnsearchable", err)
	}
	if strings.Contains(out.String(), tok[1:]) {
		t.Errorf("the Writer wrote %q", out.String())
	}
	if got := r.String(long); got != Marker {
		t.Errorf("String(%q) = %q, want %s", long, got, Marker)
	}
}

// TestWriterJudgesWithTheCharacterBefore: a secret right after a cut between writes, preceded by
// a letter written in an earlier flush, still is inside a longer word.
func TestWriterJudgesWithTheCharacterBefore(t *testing.T) {
	const tok = "sekret.TOKEN-0123456789abcdef"
	r := New(tok)
	for n := 1; n < 3*len(tok); n++ {
		in := strings.Repeat("a", n) + tok + " " + tok + "\\n" + tok + "x"
		want := string(r.Bytes([]byte(in)))
		if want != strings.Repeat("a", n)+tok+" "+Marker+"\\n"+tok+"x" {
			t.Fatalf("Bytes(%q) = %q", in, want)
		}
		for _, piece := range []int{1, 3, 7} {
			if got := chunked(r, []byte(in), piece, len(tok)+1, 1); got != want {
				t.Errorf("writes of %d bytes, a cut after %d: %q, want %q", piece, n, got, want)
			}
		}
	}
}

// BenchmarkNestedLevels redacts a 1 MiB answer whose text holds escapes down to a given level
// (none; \/ in every entry; \u0025 standing for the % of a percent escape; \\u0025 of a
// quoted JSON string), with a JWT-sized token: what each level of nested decoding costs when
// an answer has it. A level is decoded only where its escape character occurs.
func BenchmarkNestedLevels(b *testing.B) {
	r := New(strings.Repeat("eyJhbGciOiJSUzI1NiJ9", 40))
	for _, c := range []struct{ name, ua string }{
		{"0-plain", "Mozilla/5.0 (X11; Linux x86_64)"},
		{"1-backslash", `Mozilla\/5.0 (X11; Linux x86_64)`},
		{"2-backslash-percent", `Mozilla\u00252F5.0 (X11; Linux x86_64)`},
		{"3-backslash-backslash-percent", `Mozilla\\u00252F5.0 (X11; Linux x86_64)`},
	} {
		entry := `{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"` + c.ua + `","Name":"Amazon CloudFront","Os":"Linux","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"},`
		body := []byte(`{"login_logs":[` + strings.Repeat(entry, 1<<20/len(entry)) + `{}]}`)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				r.Bytes(body)
			}
		})
	}
}
