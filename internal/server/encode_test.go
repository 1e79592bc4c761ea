package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store"
)

// decodeLikeEncodingJSON is what encoding/json makes of s: marshalled and decoded again.
func decodeLikeEncodingJSON(t testing.TB, s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var out string
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// wireLog is a generated ssojetapi.LoginLog with every field set, found by reflection so that a
// field added to the contract is set too: strings (or pointers to them) to value(json name),
// times to created. A field of another type fails the test until the encoder and this learn it.
func wireLog(t *testing.T, value func(name string) string, created time.Time) ssojetapi.LoginLog {
	t.Helper()
	var l ssojetapi.LoginLog
	v := reflect.ValueOf(&l).Elem()
	for i := range v.NumField() {
		f, name := v.Field(i), jsonName(v.Type().Field(i))
		switch {
		case f.Type() == reflect.TypeFor[time.Time]():
			f.Set(reflect.ValueOf(created))
		case f.Kind() == reflect.String:
			f.SetString(value(name))
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.String:
			f.Set(reflect.New(f.Type().Elem()))
			f.Elem().SetString(value(name))
		default:
			t.Fatalf("ssojetapi.LoginLog.%s is a %s: the encoder does not write it", v.Type().Field(i).Name, f.Type())
		}
	}
	return l
}

// jsonName is the member name encoding/json gives a struct field.
func jsonName(f reflect.StructField) string {
	if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" {
		return name
	}
	return f.Name
}

// stored is the store's record of w, as seeding makes it: DemoLogs of a contract whose 200
// example holds w alone.
func stored(t *testing.T, w ssojetapi.LoginLog) store.LoginLog {
	t.Helper()
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	doc.Paths.Value("/users/{userid}/loginlogs").Get.Responses.Status(200).Value.Content["application/json"].Example =
		map[string]any{"login_logs": []ssojetapi.LoginLog{w}}
	logs, err := DemoLogs(doc)
	if err != nil || len(logs) != 1 {
		t.Fatalf("DemoLogs of a contract whose example is %+v: %v, %v", w, logs, err)
	}
	return logs[0]
}

// encodingJSON is what encoding/json writes of v, without HTML escapes (the body is JSON).
func encodingJSON(t *testing.T, v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestEncoderIsEncodingJSONOfTheGeneratedType holds the hand-written encoder to the generated
// 200 type: a log of the contract with every field of ssojetapi.LoginLog set (to the contract's
// own examples, or the field's name where the example is empty), stored as seeding stores it and
// encoded by appendLoginLog, is byte for byte what encoding/json writes of the generated value,
// members in the contract's order (x-order), and kin-openapi accepts the body. A field added to
// the contract's LoginLog and not carried by the store and the encoder fails here.
func TestEncoderIsEncodingJSONOfTheGeneratedType(t *testing.T) {
	o := theOracle(t)
	props := o.Doc().Components.Schemas["LoginLog"].Value.Properties
	example := func(name string) string {
		if s, ok := props[name].Value.Example.(string); ok && s != "" {
			return s
		}
		return name
	}
	want := wireLog(t, example, time.Date(2024, 7, 11, 7, 21, 15, 140_000_000, time.UTC))
	l := stored(t, want)
	got := string(appendLoginLog(nil, &l))
	if w := encodingJSON(t, want); got != w {
		t.Errorf("appendLoginLog of the stored %+v:\n got %s\nwant %s (encoding/json of the generated type)", want, got, w)
	}
	body := bodyOpen + got + bodyClose
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/"+DemoUserID+"/loginlogs?client_id="+DemoClientID, nil)
	if err := o.Response(req, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, []byte(body)); err != nil {
		t.Errorf("kin-openapi refuses the encoded body %s: %v", body, err)
	}
}

func TestEncoderMatchesEncodingJSON(t *testing.T) {
	tricky := []string{
		"", "plain", `quote " and backslash \`, "tab\tnewline\nreturn\r", "\x00\x01\x1f control",
		"<script>&amp;</script>", "Jaipur \u2028 \u2029 separators", "emoji 😀 and ünïcödé",
		"invalid \xff\xfe utf-8", "\xed\xa0\x80 surrogate half", "Mozilla/5.0 (X11; Linux x86_64)",
	}
	created := []time.Time{
		time.Date(2024, 7, 11, 7, 21, 15, 140_000_000, time.UTC),
		time.Date(2024, 7, 11, 7, 21, 15, 0, time.UTC),
		time.Date(2024, 7, 11, 7, 21, 15, 123456789, time.FixedZone("IST", 5*3600+1800)),
	}
	for i, s := range tricky {
		w := wireLog(t, func(string) string { return s }, created[i%len(created)])
		l := stored(t, w)
		got := appendLoginLog(nil, &l)
		w.CreatedAt = w.CreatedAt.UTC() // the store keeps UTC
		want := encodingJSON(t, w)
		// Seeding reads invalid UTF-8 as U+FFFD, which encoding/json of w writes as \ufffd.
		var gotLog, wantLog ssojetapi.LoginLog
		err := json.Unmarshal(got, &gotLog)
		if json.Unmarshal([]byte(want), &wantLog); err != nil || !reflect.DeepEqual(gotLog, wantLog) ||
			utf8.ValidString(s) && string(got) != want {
			t.Errorf("%q: appendLoginLog wrote (%v)\n %s\nencoding/json of the generated type\n %s", s, err, got, want)
		}
	}
}

func TestEncoderKeepsSSOJetsFieldOrderAndFractions(t *testing.T) {
	l := store.LoginLog{IPAddress: "183.83.177.227", Country: "India", City: "Jaipur", Name: "Amazon CloudFront",
		CreatedAt: time.Date(2024, 7, 11, 7, 21, 15, 140_000_000, time.UTC)}
	got := string(appendLoginLog(nil, &l))
	want := `{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z"}`
	if got != want {
		t.Errorf("appendLoginLog:\n got %s\nwant %s", got, want)
	}
}

// FuzzAppendJSONString checks that jsonstream.AppendString encodes any string to valid JSON that
// decodes as encoding/json's own encoding does.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b\\c", "\x00\n\u2028", "\xff", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := jsonstream.AppendString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("jsonstream.AppendString(%q) = %s: not a JSON string: %v", s, b, err)
		}
		if want := decodeLikeEncodingJSON(t, s); got != want {
			t.Fatalf("jsonstream.AppendString(%q) decodes to %q, encoding/json's to %q", s, got, want)
		}
	})
}

// BenchmarkEncodeLog weighs the hand-written encoder against encoding/json of the generated
// type, per log of SSOJet's page: what keeping appendLoginLog buys.
func BenchmarkEncodeLog(b *testing.B) {
	w := ssojetapi.LoginLog{IpAddress: "2409:40d4:12b:c6c3:5183:3409:ec6d:964d", Country: "India", City: "Jaipur",
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36", Name: "Amazon CloudFront",
		CreatedAt: time.Date(2024, 7, 11, 7, 21, 15, 140_000_000, time.UTC)}
	l := store.LoginLog{IPAddress: w.IpAddress, Country: w.Country, City: w.City, UserAgent: w.UserAgent, Name: w.Name,
		CreatedAt: w.CreatedAt}
	b.Run("appendLoginLog", func(b *testing.B) {
		buf := make([]byte, 0, 1<<10)
		b.ReportAllocs()
		for b.Loop() {
			buf = appendLoginLog(buf[:0], &l)
		}
	})
	b.Run("encoding-json-generated", func(b *testing.B) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		b.ReportAllocs()
		for b.Loop() {
			buf.Reset()
			if err := enc.Encode(w); err != nil {
				b.Fatal(err)
			}
		}
	})
}
