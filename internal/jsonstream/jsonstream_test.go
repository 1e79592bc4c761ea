package jsonstream

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// split feeds doc to a Splitter in chunks of n bytes and returns the elements, the rest and the
// first error.
func split(doc []byte, key string, n int, opts Options) ([][]byte, []byte, error) {
	elems, rest, _, err := splitter(doc, key, n, opts)
	return elems, rest, err
}

// splitter is split that also returns the Splitter.
func splitter(doc []byte, key string, n int, opts Options) ([][]byte, []byte, *Splitter, error) {
	opts.Key = key
	var elems [][]byte
	s := New(opts, func(_, _ int, _ int64, elem []byte) error {
		elems = append(elems, bytes.Clone(elem))
		return nil
	})
	for len(doc) > 0 {
		k := min(n, len(doc))
		if _, err := s.Write(doc[:k]); err != nil {
			return elems, nil, s, err
		}
		doc = doc[k:]
	}
	if err := s.Close(); err != nil {
		return elems, nil, s, err
	}
	return elems, s.Rest(), s, nil
}

// reassemble decodes the rest and the elements with encoding/json and puts the elements back
// into the rest's array: for a valid document it must equal encoding/json's decoding of the
// whole, the oracle.
func reassemble(t *testing.T, key string, elems [][]byte, rest []byte) any {
	t.Helper()
	var whole any
	// A top-level scalar is not taken apart: its rest is the whole input, of which a decoder
	// reads the first value.
	if err := json.NewDecoder(bytes.NewReader(rest)).Decode(&whole); err != nil {
		t.Fatalf("rest %q does not decode: %v", rest, err)
	}
	items := make([]any, len(elems))
	for i, e := range elems {
		if err := json.Unmarshal(e, &items[i]); err != nil {
			t.Fatalf("element %d %q does not decode: %v", i, e, err)
		}
	}
	if key == "" {
		if arr, ok := whole.([]any); ok && len(arr) == 0 {
			return items
		}
		return whole
	}
	if obj, ok := whole.(map[string]any); ok {
		if arr, ok := obj[key].([]any); ok && len(arr) == 0 {
			obj[key] = items
		}
	}
	return whole
}

func TestSplitterAgreesWithEncodingJSON(t *testing.T) {
	docs := []struct{ key, doc string }{
		{"login_logs", `{"login_logs":[{"a":1},{"b":[1,2,{"c":"]"}]},"x\"]",3,null,true,-1.5e3]}`},
		{"login_logs", ` { "x" : {"login_logs":[9]} , "login_logs" : [ ] , "y":"[,]" } `},
		{"login_logs", `{"login\u005flogs":[1,2]}`},
		{"login_logs", `{"other":[1,2]}`},
		{"login_logs", `[1,2,3]`},
		{"", `[{"login_logs":[1]}, "s\\\"", [[[]]]]`},
		{"", `{"a":[1]}`},
		{"", `"just a string"`},
		{"", `42`},
	}
	for _, tt := range docs {
		var want any
		if err := json.Unmarshal([]byte(tt.doc), &want); err != nil {
			t.Fatalf("test document %s: %v", tt.doc, err)
		}
		for _, n := range []int{1, 2, 7, 1 << 20} {
			elems, rest, err := split([]byte(tt.doc), tt.key, n, Options{})
			if err != nil {
				t.Fatalf("split %s (chunks of %d): %v", tt.doc, n, err)
			}
			if got := reassemble(t, tt.key, elems, rest); !reflect.DeepEqual(got, want) {
				t.Errorf("split %s (chunks of %d): reassembled %v, want %v (rest %s)", tt.doc, n, got, want, rest)
			}
		}
	}
}

// TestSplitterRefusesWhatEncodingJSONRefuses: a document that is not JSON is refused at the
// byte where encoding/json's Decoder, the oracle, finds it broken, with its offset and words,
// however the document is cut into writes; one cut short is refused at Close.
// Data after the top-level value is no error, as for the Decoder.
func TestSplitterRefusesWhatEncodingJSONRefuses(t *testing.T) {
	for _, doc := range []string{
		// the structure around the elements
		`{"login_logs":[1,,2]}`, `{"login_logs":[,1]}`, `{"login_logs":[1,]}`, `{"login_logs":[1}`,
		`{"login_logs":[{"a":1]}]}`, `{"login_logs":[1]`, `{"login_logs":["abc`, `{"login_logs":[1]]`,
		// values that start with a byte no JSON value starts with
		`{"login_logs":[xxxx`, `{"login_logs":[{"a":1},<html>`, `xxxx`, ` <!doctype html>`, `{"login_logs":[.5]}`,
		`{"login_logs":[+1]}`, `{"login_logs":['a']}`, `]`, `}`, `,`, `:`,
		// literals
		`{"login_logs":[tru]}`, `{"login_logs":[nul x`, `{"login_logs":[nulL]}`, `fals`, `trux`, `nul`, `{"login_logs":[True]}`,
		// numbers
		`{"login_logs":[-]}`, `{"login_logs":[-x]}`, `{"login_logs":[01]}`, `{"login_logs":[-01]}`, `{"login_logs":[1.]}`,
		`{"login_logs":[1.e5]}`, `{"login_logs":[1e]}`, `{"login_logs":[1e+]}`, `{"login_logs":[1E-x]}`, `-`, `1.`, `2e`,
		`{"login_logs":[0x10]}`, `{"login_logs":[1_000]}`,
		// strings
		"{\"login_logs\":[\"a\x01b\"]}", "{\"login_logs\":[\"a\nb\"]}", `{"login_logs":["a\xb"]}`, `{"login_logs":["\u12g4"]}`,
		`{"login_logs":["\u"]}`, `{"login_logs":["\`, "\"a\tb\"", "{\"login\x00logs\":[]}",
		// objects: keys, colons, commas
		`{"login_logs" [1]}`, `{"login_logs":[{"a" 1}]}`, `{"login_logs":[{a:1}]}`, `{"login_logs":[{"a":1 "b":2}]}`,
		`{"login_logs":[{"a":1,}]}`, `{"login_logs":[{,}]}`, `{"login_logs":[],}`, `{"login_logs":[]"x":1}`, `{1:2}`, `{"a"}`,
		`{"a":}`, `{"login_logs":[{"a":1}{"b":2}]}`, `{"login_logs":[[1][2]]}`,
		// documents cut short
		`{`, `[`, `{"login_logs"`, `{"login_logs":`, `{"login_logs":[1,`, `{"login_logs":[{"a":"b`, `"abc`, `"\u12`, `{"login_logs":[1e5`,
	} {
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.UseNumber()
		var v any
		oracle := dec.Decode(&v)
		var want *json.SyntaxError
		cut := errors.Is(oracle, io.ErrUnexpectedEOF)
		if !cut && !errors.As(oracle, &want) {
			t.Fatalf("test document %q: encoding/json says %v, want it refused", doc, oracle)
		}
		for _, n := range []int{1, 3, 1 << 20} {
			_, _, err := split([]byte(doc), "login_logs", n, Options{})
			var syn *SyntaxError
			switch {
			case !errors.As(err, &syn):
				t.Errorf("split %q (writes of %d): error %v, want a *SyntaxError", doc, n, err)
			case cut && (syn.Offset != int64(len(doc)) || syn.Msg != "unexpected end of JSON input"):
				t.Errorf("split %q (writes of %d): %v; encoding/json: cut short at byte %d", doc, n, err, len(doc))
			case !cut && (syn.Offset != want.Offset || syn.Msg != want.Error()):
				t.Errorf("split %q (writes of %d): %v; encoding/json: %v at byte %d", doc, n, err, want, want.Offset)
			}
		}
	}
}

// TestSyntaxErrorNamesTheElement: a document broken inside the split array names the element it
// broke in (or after, or where one was due) and where that element starts; outside, none.
func TestSyntaxErrorNamesTheElement(t *testing.T) {
	for _, tt := range []struct {
		key, doc, elem string // elem: the element's text from its start, "" for none
		index          int
	}{
		{"login_logs", `{"login_logs":[1,tru}`, `tru}`, 1},
		{"login_logs", `{"login_logs":[1,{"a":[2,x]}]}`, `{"a":[2,x`, 1},
		{"login_logs", `{"login_logs":[1 ,,2]}`, `,2]}`, 1},
		{"login_logs", `{"login_logs":[{"a":1}}`, `{"a":1}}`, 0},
		{"login_logs", `{"login_logs":[1,"ab`, `"ab`, 1},
		{"", `[1,2 3]`, `2 3]`, 1},
		{"login_logs", `{"x":tru,"login_logs":[]}`, "", -1},
		{"login_logs", `{"login_logs":[1],"x":tru}`, "", -1},
		{"login_logs", `{"other":[1,tru]}`, "", -1},
		{"login_logs", `{"login_logs":[1]`, "", -1},
	} {
		_, _, err := split([]byte(tt.doc), tt.key, 2, Options{})
		var syn *SyntaxError
		if !errors.As(err, &syn) {
			t.Fatalf("split %s: %v, want a *SyntaxError", tt.doc, err)
		}
		start := int64(0)
		if tt.elem != "" {
			start = int64(strings.LastIndex(tt.doc, tt.elem))
		}
		if syn.Index != tt.index || syn.Start != start {
			t.Errorf("split %s: %v names element %d at byte %d, want %d at byte %d", tt.doc, err, syn.Index, syn.Start, tt.index, start)
		}
	}
}

// TestBrokenDocumentIsRefusedAfterAPrefix: 64 MiB that stop being JSON within their first bytes
// are refused once the bytes say so, having taken less than 64 KiB, not when a limit is reached;
// a valid element as long is still a *TooLargeError at its limit.
func TestBrokenDocumentIsRefusedAfterAPrefix(t *testing.T) {
	const size = 64 << 20
	for _, tt := range []struct {
		prefix string
		filler byte
		key    string
	}{
		{`{"login_logs":[`, 'x', "login_logs"},
		{`{"login_logs":[{"Os":"a"},tru`, 'x', "login_logs"},
		{`{"login_logs":["abc`, 0x01, "login_logs"},
		{`{"padding":"x`, '\n', "login_logs"},
		{`  `, '<', ""},
		{`[1`, 'x', ""},
	} {
		s := New(Options{Key: tt.key, MaxElement: 4 << 20, MaxRest: 16 << 20}, func(_, _ int, _ int64, _ []byte) error { return nil })
		n, err := io.Copy(s, io.MultiReader(strings.NewReader(tt.prefix), &repeated{c: tt.filler, n: size}))
		var syn *SyntaxError
		if !errors.As(err, &syn) || n >= 64<<10 {
			t.Errorf("%q + %q…: %v after taking %d bytes, want a *SyntaxError within 64 KiB", tt.prefix, tt.filler, err, n)
		}
	}
	s := New(Options{Key: "login_logs", MaxElement: 4 << 20, MaxRest: 16 << 20}, func(_, _ int, _ int64, _ []byte) error { return nil })
	n, err := io.Copy(s, io.MultiReader(strings.NewReader(`{"login_logs":["`), &repeated{c: 'x', n: size}))
	var big *TooLargeError
	if !errors.As(err, &big) || big.Index != 0 || n > 5<<20 {
		t.Errorf(`{"login_logs":[" + 64 MiB of x: %v after taking %d bytes, want a TooLargeError for element 0 after 4 MiB`, err, n)
	}
}

// TestWhiteSpaceAfterAnElementIsNotHeld: white space between an element's value and the comma
// or bracket after it is not part of the element, so 64 MiB of it is no TooLargeError.
func TestWhiteSpaceAfterAnElementIsNotHeld(t *testing.T) {
	var elems []string
	s := New(Options{Key: "login_logs", MaxElement: 1 << 10, MaxRest: 1 << 10}, func(_, _ int, _ int64, elem []byte) error {
		elems = append(elems, string(elem))
		return nil
	})
	doc := io.MultiReader(strings.NewReader(`{"login_logs":[{"a":[1 , 2 ] } `), &repeated{c: ' ', n: 64 << 20},
		strings.NewReader(`,true`), &repeated{c: '\n', n: 64 << 20}, strings.NewReader(`]}`))
	if _, err := io.Copy(s, doc); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if want := []string{`{"a":[1 , 2 ] }`, `true`}; !reflect.DeepEqual(elems, want) {
		t.Errorf("elements %q, want %q", elems, want)
	}
}

// repeated reads n copies of c.
type repeated struct {
	c byte
	n int64
}

func (r *repeated) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := int(min(int64(len(p)), r.n))
	for i := range k {
		p[i] = r.c
	}
	r.n -= int64(k)
	return k, nil
}

// TestDepthLimit: the splitter accepts MaxDepth levels and refuses MaxDepth+1, counting from
// the top of the document, at the byte that opens the level too many (encoding/json's tokens
// count the levels); CheckDepth says the same of a whole document; and 20 MB of '[' is a clear
// error, not a crash.
func TestDepthLimit(t *testing.T) {
	nest := func(n int) []byte {
		return []byte(`{"login_logs":[` + strings.Repeat("[", n-2) + strings.Repeat("]", n-2) + `]}`)
	}
	for _, tt := range []struct {
		depth int
		ok    bool
	}{{MaxDepth, true}, {MaxDepth + 1, false}} {
		doc := nest(tt.depth)
		_, _, err := split(doc, "login_logs", 4096, Options{})
		if (err == nil) != tt.ok || (CheckDepth(doc) == nil) != tt.ok {
			t.Errorf("depth %d: splitter says %v, CheckDepth %v; want ok=%v for both", tt.depth, err, CheckDepth(doc), tt.ok)
		}
		if tt.ok {
			continue
		}
		var syn *SyntaxError
		if !errors.Is(err, ErrTooDeep) || !errors.As(err, &syn) || syn.Offset != tokenOffsetAtDepth(doc, MaxDepth+1) {
			t.Errorf("depth %d: error %v, want one naming the limit at byte %d", tt.depth, err, tokenOffsetAtDepth(doc, MaxDepth+1))
		}
		if got := CheckDepth(doc); got == nil || got.Error() != err.Error() {
			t.Errorf("depth %d: CheckDepth %v, want the splitter's %v", tt.depth, got, err)
		}
	}
	_, _, err := split(bytes.Repeat([]byte("["), 20<<20), "", 64<<10, Options{})
	if err == nil || !strings.Contains(err.Error(), "nested deeper than 64 levels") {
		t.Errorf("20 MB of '[': %v, want the depth limit", err)
	}
	// A string's brackets and escaped quotes are not nesting.
	if doc := []byte(`["\"` + strings.Repeat("[", 200) + `"]`); CheckDepth(doc) != nil {
		t.Errorf("CheckDepth(%.30q…): %v, want nil", doc, CheckDepth(doc))
	}
}

// tokenOffsetAtDepth returns the offset just after the token that opens level depth of doc, read
// by encoding/json's Decoder; -1 when doc's first value is not that deep or doc stops being
// JSON before (the Decoder reads a stream of values, so it stops where the first ends).
func tokenOffsetAtDepth(doc []byte, depth int) int64 {
	dec := json.NewDecoder(bytes.NewReader(doc))
	d := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return -1
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			if d++; d == depth {
				return dec.InputOffset()
			}
		case json.Delim(']'), json.Delim('}'):
			d--
		}
		if d == 0 {
			return -1 // the first value ended: what follows is another value, not deeper
		}
	}
}

func TestLimits(t *testing.T) {
	doc := []byte(`{"login_logs":[1,"` + strings.Repeat("x", 100) + `",3],"pad":"` + strings.Repeat("p", 50) + `"}`)
	_, _, err := split(doc, "login_logs", 16, Options{MaxElement: 64})
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Index != 1 || tl.Offset != 17 {
		t.Errorf("element over MaxElement: %v, want a TooLargeError for element 1 at byte 17", err)
	}
	_, _, err = split(doc, "login_logs", 16, Options{MaxRest: 40})
	if !errors.As(err, &tl) || tl.Index != -1 {
		t.Errorf("rest over MaxRest: %v, want a TooLargeError for the rest", err)
	}
	if _, _, err := split(doc, "login_logs", 16, Options{MaxElement: 200, MaxRest: 200}); err != nil {
		t.Errorf("within the limits: %v", err)
	}
}

func TestTrailingAndSettled(t *testing.T) {
	doc := []byte(`{"login_logs":[10,20]}  x`)
	var settledAt []int64
	var s *Splitter
	s = New(Options{Key: "login_logs"}, func(_, _ int, _ int64, _ []byte) error {
		settledAt = append(settledAt, s.Settled())
		return nil
	})
	for i := range doc {
		if _, err := s.Write(doc[i : i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.Trailing() != 24 {
		t.Errorf("Trailing() = %d, want 24", s.Trailing())
	}
	// Settled moves to the separator after each element, once it was handed over.
	if s.Settled() != 20 || !reflect.DeepEqual(settledAt, []int64{0, 17}) {
		t.Errorf("settled %v during the calls and %d after, want [0 17] and 20", settledAt, s.Settled())
	}
	stop := errors.New("stop")
	s = New(Options{Key: "login_logs"}, func(_, index int, _ int64, _ []byte) error {
		if index == 1 {
			return stop
		}
		return nil
	})
	if _, err := s.Write(doc); !errors.Is(err, stop) {
		t.Errorf("an ElementFunc error: Write returned %v, want it", err)
	}
}

// FuzzSplitter: on any input the splitter agrees with encoding/json's Decoder reading the first
// value: it refuses what the Decoder refuses, at the same offset with the same words (cut short:
// at Close), and accepts the rest with Trailing where the Decoder stopped; the elements and the rest
// of an accepted document reassemble to what encoding/json decodes. It never panics.
func FuzzSplitter(f *testing.F) {
	f.Add([]byte(`{"login_logs":[{"a":"]"},2,[3]]}`), uint8(3), true)
	f.Add([]byte(`[1,[2,[3]],"x"]`), uint8(1), false)
	f.Add([]byte(`{"a":{"login_logs":[1]},"login_logs":[]}`), uint8(5), true)
	// refused at their first bad byte
	f.Add([]byte(`{"login_logs":[xxxxxxxx`), uint8(2), true)
	f.Add([]byte(`<html><body>`), uint8(4), false)
	f.Add([]byte(`{"login_logs":[tru,nul x]}`), uint8(1), true)
	f.Add([]byte(`{"login_logs":[-01,1.,1e+]}`), uint8(2), true)
	f.Add([]byte("{\"login_logs\":[\"a\x01\\q\\u12g\"]}"), uint8(3), true)
	f.Add([]byte(`{"login_logs" [{"a" 1 "b":2}]}`), uint8(1), true)
	f.Add([]byte(`[{"a":1}{"b":2}]`), uint8(7), false)
	// nested past MaxDepth, then broken or not
	f.Add([]byte(`{"login_logs":[`+strings.Repeat(`[{"a":`, 40)), uint8(9), true)
	f.Add([]byte(strings.Repeat("[", 70)+"x"), uint8(3), false)
	// accepted, with data after the value
	f.Add([]byte(`12x`), uint8(1), false)
	f.Add([]byte(`{"login_logs":[]} {`), uint8(2), true)
	f.Fuzz(func(t *testing.T, doc []byte, chunk uint8, keyed bool) {
		key := ""
		if keyed {
			key = "login_logs"
		}
		elems, rest, s, err := splitter(doc, key, int(chunk)+1, Options{})
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber() // only syntax errors: 1e400 is a number
		var value any
		oracle := dec.Decode(&value)
		var want *json.SyntaxError
		var syn *SyntaxError
		switch {
		case errors.Is(err, ErrTooDeep):
			// Refused where the Decoder's tokens open level MaxDepth+1, before any other error.
			if !errors.As(err, &syn) || syn.Offset != tokenOffsetAtDepth(doc, MaxDepth+1) {
				t.Fatalf("split %q: %v; encoding/json opens level %d at byte %d", doc, err, MaxDepth+1, tokenOffsetAtDepth(doc, MaxDepth+1))
			}
			return
		case tokenOffsetAtDepth(doc, MaxDepth+1) >= 0 && (oracle == nil || errors.As(oracle, &want) && want.Offset >= tokenOffsetAtDepth(doc, MaxDepth+1)):
			t.Fatalf("split %q: %v; encoding/json opens level %d at byte %d", doc, err, MaxDepth+1, tokenOffsetAtDepth(doc, MaxDepth+1))
		case errors.As(oracle, &want):
			if !errors.As(err, &syn) || syn.Offset != want.Offset || (syn.Msg != want.Error() && !errors.Is(err, ErrTooDeep)) {
				t.Fatalf("split %q: %v; encoding/json: %v at byte %d", doc, err, want, want.Offset)
			}
			return
		case errors.Is(oracle, io.ErrUnexpectedEOF):
			if !errors.As(err, &syn) || syn.Offset != int64(len(doc)) {
				t.Fatalf("split %q: %v; encoding/json: cut short", doc, err)
			}
			return
		case errors.Is(oracle, io.EOF):
			if err != nil || len(rest) != 0 {
				t.Fatalf("split %q: %v, rest %q; encoding/json: no value", doc, err, rest)
			}
			return
		case oracle != nil:
			t.Fatalf("split %q: encoding/json: %v", doc, oracle)
		}
		if err != nil {
			t.Fatalf("split %q: %v; encoding/json decodes it", doc, err)
		}
		trailing := int64(-1)
		if tail := doc[dec.InputOffset():]; len(bytes.TrimLeft(tail, " \t\r\n")) > 0 {
			trailing = int64(len(doc) - len(bytes.TrimLeft(tail, " \t\r\n")))
		}
		if s.Trailing() != trailing {
			t.Fatalf("split %q: Trailing() = %d; encoding/json's value ends at %d, so want %d", doc, s.Trailing(), dec.InputOffset(), trailing)
		}
		if keyed && bytes.Count(doc, []byte(`login`)) > 1 {
			return // a repeated member: reassembly keeps only the last array's elements
		}
		var want2 any
		if json.NewDecoder(bytes.NewReader(doc)).Decode(&want2) != nil {
			return // a number beyond float64, which reassemble cannot decode
		}
		if got := reassemble(t, key, elems, rest); !reflect.DeepEqual(got, want2) {
			t.Fatalf("split %q: reassembled %v, want %v", doc, got, want2)
		}
	})
}
