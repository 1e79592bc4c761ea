package server

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
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
		l := store.LoginLog{IPAddress: s, Country: s, City: "UnknownCity", UserAgent: s, Name: s, OS: s, Device: s,
			CreatedAt: created[i%len(created)]}
		b := appendLoginLog(nil, &l)
		var got ssojetapi.LoginLog
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q: encoded %s is not JSON: %v", s, b, err)
		}
		want := ssojetapi.LoginLog{IpAddress: decodeLikeEncodingJSON(t, s), Country: decodeLikeEncodingJSON(t, s),
			City: "UnknownCity", UserAgent: decodeLikeEncodingJSON(t, s), Name: decodeLikeEncodingJSON(t, s),
			Os: decodeLikeEncodingJSON(t, s), Device: decodeLikeEncodingJSON(t, s), CreatedAt: l.CreatedAt.UTC()}
		if !reflect.DeepEqual(got, want) || !got.CreatedAt.Equal(l.CreatedAt) {
			t.Errorf("%q: decoded %+v, want %+v", s, got, want)
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

// FuzzAppendJSONString checks that any string encodes to valid JSON that decodes as
// encoding/json's own encoding does.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b\\c", "\x00\n\u2028", "\xff", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("appendJSONString(%q) = %s: not a JSON string: %v", s, b, err)
		}
		if want := decodeLikeEncodingJSON(t, s); got != want {
			t.Fatalf("appendJSONString(%q) decodes to %q, encoding/json's to %q", s, got, want)
		}
	})
}
