package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"testing"
)

// TestResponseAgreesWithKinOpenAPI holds Response, which judges a body held whole with one
// decode of its own (decodeFirst) when its schema is an object or an array, to kin-openapi's
// ValidateResponse on generated contracts and bodies, as agree holds the streamed check.
func TestResponseAgreesWithKinOpenAPI(t *testing.T) {
	for seed := range uint64(100) {
		g := newGen(seed)
		doc := g.doc(t)
		rt, _ := Operation(doc, "listUserLoginLogs")
		v := New(doc)
		for range 8 {
			body := g.body(doc)
			if seed%3 == 0 {
				body = append(body, " 1"...) // data after the value
			}
			want := withDepth(withTrailing(kinPointers(kinWhole(t, doc, rt, http.StatusOK, "application/json", body)), body), body)
			got := verdictPointers(t, v.Response(context.Background(), Exchange{
				Request: httptest.NewRequest(http.MethodGet, "/api/v1/users/u1/loginlogs?client_id=c", nil),
				Route:   rt, PathParams: map[string]string{"userid": "u1"}, Status: http.StatusOK,
				Header: http.Header{"Content-Type": {"application/json"}},
			}, body))
			if !slices.Equal(got, want) {
				t.Fatalf("seed %d, body %s\nkin-openapi %q\nResponse    %q", seed, short(body), want, got)
			}
		}
	}
}

// FuzzDecodeFirstAgreesWithEncodingJSON holds decodeFirst to encoding/json's Decoder with
// UseNumber, kin-openapi's JSON body decoder, on arbitrary bytes: both accept or both refuse,
// with the same value, and the same verdict on what follows the value (white space or not).
func FuzzDecodeFirstAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range []string{
		`{"a":1,"a":2}`, `{"a":{"b":1},"a":[2]}`, `1e400`, `-1e-400`, `12345678901234567890123`, `-0`, `-0.0e-0`,
		`"\ud800"`, `"\ud800\udc00"`, `"\udc00\ud800"`, "\"\xff\xfe\"", "{\"\xc3\":1}", `"\u00e9\/\b\f\n\r\t\\\""`,
		" 7 ", `1 2`, `{} {}`, `1true`, `[`, `nul`, `truex`, `01`, `1.`, `.5`, `+1`, `1e`, `-`, `[1,]`, `{"a":1,}`,
		`{"a" 1}`, "\"a\x01\"", `"\q"`, `[[[[[]]]]]`, `{"":null,"x":[true,false,{}]}`, "\ufeff{}", `""`, ``, `   `,
		`{"IpAddress":"183.83.177.227","Country":"India","CreatedAt":"2024-07-11T07:21:15.14Z"}`,
		`123abc`, `"\u0000"`, `"\uD834\uDD1E"`, `[1e1000000]`, `1E+2`, `{"a":1}]`, `tru`, `nulll`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, gotEnd, gotErr := decodeFirst(string(data))
		want, wantEnd, wantErr := decodeFirstStd(string(data))
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q: decodeFirst error %v, encoding/json's %v", data, gotErr, wantErr)
		}
		if gotErr != nil {
			if gotErr.Error() != wantErr.Error() {
				t.Fatalf("%q: decodeFirst error %q, encoding/json's %q", data, gotErr, wantErr)
			}
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: decodeFirst %#v, encoding/json %#v", data, got, want)
		}
		if onlySpace(data[gotEnd:]) != onlySpace(data[wantEnd:]) {
			t.Fatalf("%q: decodeFirst ends at %d, encoding/json at %d", data, gotEnd, wantEnd)
		}
		if bytes.Equal(data, bytes.TrimSpace(data)) && json.Valid(data) && gotEnd != len(data) {
			t.Fatalf("%q: a valid document ends at %d of %d", data, gotEnd, len(data))
		}
	})
}

// BenchmarkDecodeFirst decodes one login log entry with decodeFirst and with encoding/json.
func BenchmarkDecodeFirst(b *testing.B) {
	entry := []byte(`{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z"}`)
	for name, decode := range map[string]func(string) (any, int, error){"decodeFirst": decodeFirst, "encoding-json": decodeFirstStd} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(entry)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := decode(string(entry)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
