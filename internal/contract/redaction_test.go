package contract_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/redact"
)

// FuzzRedactionKeepsTheVerdict: for any token the checker accepts and any body,
//   - the verdict `contract --response --token` reports is kin-openapi's on the original body
//     (package oracle): redaction comes after judging;
//   - what --record writes (the redactor's Writer, fed in pieces) is Bytes' output;
//   - it is the original byte for byte when the body holds no form of the token (a token
//     inside longer words, as "ndianapo" in "Indianapolis", changes nothing);
//   - of a JSON body, only strings holding the token change (to hold the marker), and, for a
//     token that is no key of the body and cannot be read as a number, a date-time or a JSON
//     literal (it holds a letter other than e, t, z), kin-openapi's verdict on what is written
//     is its verdict on the original.
func FuzzRedactionKeepsTheVerdict(f *testing.F) {
	const tok = "sekret.TOKEN-0123456789abcdef"
	entry := func(name, city string) string {
		return `{"IpAddress":"183.83.177.227","Country":"India","City":"` + city + `","UserAgent":"","Name":"` + name +
			`","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"}`
	}
	for _, c := range []struct{ token, body string }{
		{tok, `{"login_logs":[` + entry(tok, "Jaipur") + `]}`},
		{tok, `{"login_logs":[` + entry("echo "+tok, "x") + `],"x-` + tok + `":1}`},
		{tok, `{"login_logs":[` + entry(`\u0073ekret.TOKEN-0123456789abcdef`, "x") + `]}`},
		{tok, `{"login_logs":[` + entry("x"+tok+"y", tok) + `]}`},
		{"ndianapo", `{"login_logs":[` + entry("Indianapolis", "Indianapolis") + `]}`},
		{"ndianapo", `{"login_logs":[` + entry("ndianapo", "Indianapolis") + `]}`},
		{"Jaipur12", `{"login_logs":[` + entry("Jaipur123", "Jaipur12") + `]}`},
		{tok, `{"error":"invalid_token","error_description":"you sent ` + tok + `","error_code":1002}`},
		{tok, `{"login_logs":[` + entry("a&#x0000073;ekret.TOKEN-0123456789abcdef", "&#115ekret.TOKEN-0123456789abcdef") + `]}`},
		{tok, `not json ` + tok},
		{"07-10T12", `{"login_logs":[` + entry("x", "y") + `]}`},
		{"login_logs", `{"login_logs":[]}`},
	} {
		f.Add(c.token, c.body, uint8(7))
	}
	v := validator(f)
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, token, body string, piece uint8) {
		if redact.Usable(token) != nil || len(token) > 200 || !bearerToken(token) || strings.Contains(body, redact.Marker) {
			t.Skip()
		}
		red := redact.New(token)
		header := http.Header{"Content-Type": {"application/json"}}
		req, _ := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/u/loginlogs?client_id=c", nil)
		valid := func(b []byte) bool { return o.Response(req, 200, header, b) == nil && !oracle.Trailing(b) }

		// The verdict reported is kin-openapi's on the original.
		ex := &contract.Exchange{Check: contract.RecordedCheck.Name}
		ex.Response.Status, ex.Response.Header = 200, header
		ex.SetBody([]byte(body))
		rep, err := contract.Replay(t.Context(), v, contract.ReplayOptions{Exchanges: []*contract.Exchange{ex}, Redactor: red})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(rep.Results[0].Errors) == 0, valid([]byte(body)); got != want {
			t.Fatalf("token %q, body %q: the checker finds %d errors %v, kin-openapi's verdict on the original is valid=%v",
				token, body, len(rep.Results[0].Errors), rep.Results[0].Errors, want)
		}

		// What --record writes.
		var out bytes.Buffer
		w := red.NewWriter(&out)
		n := 1 + int(piece)%64
		for b := []byte(body); len(b) > 0; b = b[min(n, len(b)):] {
			w.Write(b[:min(n, len(b))])
		}
		if err := w.Flush(); err != nil {
			t.Skipf("Writer: %v", err) // a reference too long to search: the recorder says so
		}
		written := out.Bytes()
		if whole := red.Bytes([]byte(body)); !bytes.Equal(written, whole) {
			t.Fatalf("token %q, body %q: the Writer wrote %q, Bytes gives %q", token, body, written, whole)
		}
		if !bytes.Contains(written, []byte(redact.Marker)) {
			if !bytes.Equal(written, []byte(body)) {
				t.Fatalf("token %q: body %q written as %q with no marker", token, body, written)
			}
			return
		}
		var before, after any
		if json.Unmarshal([]byte(body), &before) != nil {
			return
		}
		if err := json.Unmarshal(written, &after); err != nil {
			t.Fatalf("token %q: JSON body %q written as %q, no longer JSON: %v", token, body, written, err)
		}
		if diff := onlyStringsChanged(before, after, token); diff != "" {
			t.Fatalf("token %q: body %q written as %q: %s", token, body, written, diff)
		}
		if !strings.ContainsFunc(token, func(r rune) bool { return isLetter(r) && !strings.ContainsRune("eEtTzZ", r) }) || hasKey(before, token) {
			return
		}
		if valid([]byte(body)) != valid(written) {
			t.Fatalf("token %q: kin-openapi finds body %q valid=%v, what is written %q valid=%v",
				token, body, valid([]byte(body)), written, valid(written))
		}
	})
}

// bearerToken reports whether s is an RFC 6750 b64token: letters, digits, -._~+/ then =.
func bearerToken(s string) bool {
	t := strings.TrimRight(s, "=")
	return t != "" && !strings.ContainsFunc(t, func(r rune) bool {
		return !isLetter(r) && !('0' <= r && r <= '9') && !strings.ContainsRune("-._~+/", r)
	})
}

func isLetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// onlyStringsChanged compares two decoded JSON values: the same shape, numbers, literals and
// keys, but strings and keys that held token (holdsSecret) and hold the marker in the second. It returns what differs.
func onlyStringsChanged(a, b any, token string) string {
	switch a := a.(type) {
	case string:
		s, ok := b.(string)
		if !ok || s != a && (!strings.Contains(s, redact.Marker) || !holdsSecret(a, token)) {
			return "string " + strconvQuote(a) + " became " + strconvQuote(b)
		}
	case []any:
		l, ok := b.([]any)
		if !ok || len(l) != len(a) {
			return "an array changed its length"
		}
		for i := range a {
			if d := onlyStringsChanged(a[i], l[i], token); d != "" {
				return d
			}
		}
	case map[string]any:
		m, ok := b.(map[string]any)
		if !ok || len(m) != len(a) {
			return "an object changed its number of members"
		}
		for k, va := range a {
			vb, ok := m[k]
			if !ok {
				for kb := range m {
					if _, was := a[kb]; !was && strings.Contains(kb, redact.Marker) {
						vb, ok = m[kb], true
					}
				}
			}
			if !ok {
				return "member " + strconvQuote(k) + " is gone"
			}
			if d := onlyStringsChanged(va, vb, token); d != "" {
				return d
			}
		}
	default:
		if !reflect.DeepEqual(a, b) {
			return "a number or literal changed"
		}
	}
	return ""
}

func strconvQuote(v any) string { b, _ := json.Marshal(v); return string(b) }

// hasKey reports whether a decoded JSON value has a member named key, at any depth.
func hasKey(v any, key string) bool {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if hasKey(e, key) {
				return true
			}
		}
	case map[string]any:
		for k, e := range v {
			if strings.Contains(k, key) || hasKey(e, key) {
				return true
			}
		}
	}
	return false
}

// holdsSecret reports whether s holds token, decoded the standard library's ways (HTML
// references, percent escapes, Go and JSON quoting, JSON pointer escapes), up to three levels
// deep, or whether a base64 or hex word of such a decoding holds MinSecret bytes of it. It is
// the oracle of what the redactor may replace, written without the redactor's decoders.
func holdsSecret(s, token string) bool {
	seen := map[string]bool{}
	level := []string{s}
	for depth := 0; depth <= 3 && len(level) > 0; depth++ {
		var next []string
		for _, d := range level {
			if seen[d] {
				continue
			}
			seen[d] = true
			if strings.Contains(d, token) || holdsPiece(d, token) {
				return true
			}
			next = append(next, html.UnescapeString(d), strings.NewReplacer("~1", "/", "~0", "~").Replace(d))
			if u, err := url.PathUnescape(d); err == nil {
				next = append(next, u)
			}
			if u, err := url.QueryUnescape(d); err == nil {
				next = append(next, u)
			}
			if u, err := strconv.Unquote(`"` + d + `"`); err == nil {
				next = append(next, u)
			}
			var j string
			if json.Unmarshal([]byte(`"`+d+`"`), &j) == nil {
				next = append(next, j)
			}
		}
		level = next
	}
	return false
}

// holdsPiece reports whether a base64 or hex word of s decodes to text holding MinSecret bytes
// of token in a row.
func holdsPiece(s, token string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !isLetter(r) && !('0' <= r && r <= '9') && !strings.ContainsRune("+/-_=", r)
	})
	for _, w := range words {
		var decoded []string
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
			for k := range 4 { // the piece may start inside the word, at any group
				for cut := range 4 {
					if k+cut > len(w) {
						break
					}
					if b, err := enc.DecodeString(w[k : len(w)-cut]); err == nil {
						decoded = append(decoded, string(b))
					}
				}
			}
		}
		if b, err := hex.DecodeString(w[:len(w)/2*2]); err == nil {
			decoded = append(decoded, string(b))
		}
		for _, d := range decoded {
			for i := 0; i+redact.MinSecret <= len(token); i++ {
				if strings.Contains(d, token[i:i+redact.MinSecret]) {
					return true
				}
			}
		}
	}
	return false
}
