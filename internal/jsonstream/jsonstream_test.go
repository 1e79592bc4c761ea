package jsonstream

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// split feeds doc to a Splitter in chunks of n bytes and returns the elements, the rest and the
// first error.
func split(doc []byte, key string, n int, opts Options) ([][]byte, []byte, error) {
	opts.Key = key
	var elems [][]byte
	s := New(opts, func(_, _ int, _ int64, elem []byte) error {
		elems = append(elems, bytes.Clone(elem))
		return nil
	})
	for len(doc) > 0 {
		k := min(n, len(doc))
		if _, err := s.Write(doc[:k]); err != nil {
			return elems, nil, err
		}
		doc = doc[k:]
	}
	if err := s.Close(); err != nil {
		return elems, nil, err
	}
	return elems, s.Rest(), nil
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

func TestSplitterRefusesBrokenStructure(t *testing.T) {
	for _, doc := range []string{
		`{"login_logs":[1,,2]}`,
		`{"login_logs":[,1]}`,
		`{"login_logs":[1,]}`,
		`{"login_logs":[1}`,
		`{"login_logs":[{"a":1]}]}`,
		`{"login_logs":[1]`,
		`{"login_logs":["abc`,
	} {
		_, _, err := split([]byte(doc), "login_logs", 3, Options{})
		var syn *SyntaxError
		if !errors.As(err, &syn) {
			t.Errorf("split %s: error %v, want a *SyntaxError", doc, err)
		}
	}
}

// TestDepthLimit: encoding/json accepts 10,000 levels and refuses 10,001; so does the splitter,
// counting from the top of the document, and 20 MB of '[' is a clear error, not a crash.
func TestDepthLimit(t *testing.T) {
	nest := func(n int) []byte {
		return []byte(`{"login_logs":[` + strings.Repeat("[", n-2) + strings.Repeat("]", n-2) + `]}`)
	}
	for _, tt := range []struct {
		depth int
		ok    bool
	}{{MaxDepth, true}, {MaxDepth + 1, false}} {
		doc := nest(tt.depth)
		var v any
		jsonErr := json.Unmarshal(doc, &v)
		_, _, err := split(doc, "login_logs", 4096, Options{})
		if (jsonErr == nil) != tt.ok || (err == nil) != tt.ok {
			t.Errorf("depth %d: encoding/json says %v, splitter %v; want ok=%v for both", tt.depth, jsonErr, err, tt.ok)
		}
		if !tt.ok && !errors.Is(err, ErrTooDeep) {
			t.Errorf("depth %d: error %v, want one naming the limit", tt.depth, err)
		}
	}
	_, _, err := split(bytes.Repeat([]byte("["), 20<<20), "", 64<<10, Options{})
	if err == nil || !strings.Contains(err.Error(), "10000") {
		t.Errorf("20 MB of '[': %v, want the depth limit", err)
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

// FuzzSplitter: on any document encoding/json accepts, the elements and the rest reassemble to
// what encoding/json decodes; on any input, the splitter returns without panicking.
func FuzzSplitter(f *testing.F) {
	f.Add([]byte(`{"login_logs":[{"a":"]"},2,[3]]}`), uint8(3), true)
	f.Add([]byte(`[1,[2,[3]],"x"]`), uint8(1), false)
	f.Add([]byte(`{"a":{"login_logs":[1]},"login_logs":[]}`), uint8(5), true)
	f.Fuzz(func(t *testing.T, doc []byte, chunk uint8, keyed bool) {
		key := ""
		if keyed {
			key = "login_logs"
		}
		elems, rest, err := split(doc, key, int(chunk)+1, Options{})
		var want any
		dec := json.NewDecoder(bytes.NewReader(doc))
		if dec.Decode(&want) != nil {
			return
		}
		if _, more := dec.Token(); more == nil {
			return // data after the value: the splitter ignores it, the oracle does not
		}
		if err != nil {
			t.Fatalf("split %q: %v; encoding/json decodes it", doc, err)
		}
		if keyed && bytes.Count(doc, []byte(`login`)) > 1 {
			return // a repeated member: reassembly keeps only the last array's elements
		}
		if got := reassemble(t, key, elems, rest); !reflect.DeepEqual(got, want) {
			t.Fatalf("split %q: reassembled %v, want %v", doc, got, want)
		}
	})
}
