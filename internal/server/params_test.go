package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"golang.org/x/net/http/httpguts"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// oddChars are the characters the generated values are made of: ASCII letters, every C0
// control, DEL, C1 controls, non-ASCII (a letter, a character outside the BMP, U+FFFD, a line
// separator, a bidi override), the characters a URL must percent-encode or gives a meaning
// (space, %, /, ?, #, &, =, +, ;, dots...), and bytes that are not UTF-8 (a lone byte, an
// overlong NUL, a surrogate half), which kin-openapi takes as one character each.
func oddChars() []string {
	var cs []string
	for c := range 0x20 {
		cs = append(cs, string(rune(c)))
	}
	cs = append(cs, "\x7f", "\u0080", "\u0085", "\u009a", "\u009b", "\u009f",
		"a", "Z", "0", "é", "😀", "\ufffd", "\u2028", "\u202e", "\ufeff",
		" ", "%", "/", "\\", "?", "#", "&", "=", "+", ";", ".", "..", ",", ":", "@", "!", "$", "'", "(", ")", "*",
		`"`, "<", ">", "[", "]", "^", "`", "{", "|", "}", "~", "-", "_",
		"\xff", "\xc0\x80", "\xed\xa0\x80")
	return cs
}

// stringValues generates values of a string schema from its bounds, each within them (kin-openapi
// counts characters as code points, a byte that is not UTF-8 as one): for every odd character, a
// value of it alone repeated to the minimum and to the maximum length, and the character between
// two letters. take filters out what the parameter's location cannot carry.
func stringValues(s *openapi3.Schema, take func(c string) bool) []string {
	minLen := max(int(s.MinLength), 0)
	maxLen := minLen + 100
	if s.MaxLength != nil {
		maxLen = int(*s.MaxLength)
	}
	var out []string
	add := func(v string) {
		n := utf8.RuneCountInString(v)
		if n >= minLen && n <= maxLen && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	for _, c := range oddChars() {
		if !take(c) {
			continue
		}
		unit := max(utf8.RuneCountInString(c), 1)
		add(strings.Repeat(c, max(minLen, 1)/unit))
		add(strings.Repeat(c, maxLen/unit))
		add("a" + c + "b")
	}
	return out
}

// outOfBounds generates values one character beyond each bound of a string schema.
func outOfBounds(s *openapi3.Schema) []string {
	var out []string
	if s.MinLength > 0 {
		out = append(out, strings.Repeat("a", int(s.MinLength)-1))
	}
	if s.MaxLength != nil {
		out = append(out, strings.Repeat("a", int(*s.MaxLength)+1), strings.Repeat("é", int(*s.MaxLength)+1))
	}
	return out
}

// headerCarries reports whether an HTTP/1.1 header can carry c inside a value, as sent: no
// control character (net/http's client refuses them, its server answers 400 before any handler,
// as the contract says) and no white space the server would trim at the ends.
func headerCarries(c string) bool {
	return httpguts.ValidHeaderFieldValue(c) && strings.TrimSpace(c) == c && c != "\ufeff"
}

// TestServerAcceptsWhatTheContractAllows generates requests from the parameter schemas of the
// contract in hand (every string parameter of the operation, at each of its length bounds, of
// control characters, non-ASCII, bytes that are not UTF-8 and characters that need
// percent-encoding) and sends them over loopback HTTP to the reference server. kin-openapi
// (package oracle) judges each request first: one it accepts never gets a 400, nor a 5xx; a user
// or client seeded under the generated id comes back exactly (200 with its own log). A request it
// refuses (a value beyond a bound) gets a 400 with the code of the parameter's place in the
// contract's table.
func TestServerAcceptsWhatTheContractAllows(t *testing.T) {
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	op := o.Doc().Paths.Find("/users/{userid}/loginlogs").Get
	if op == nil {
		t.Fatal("the contract has no GET /users/{userid}/loginlogs")
	}

	type value struct {
		param *openapi3.Parameter
		v     string
	}
	var values []value
	for _, p := range op.Parameters {
		s := p.Value.Schema.Value
		if !s.Type.Is("string") {
			t.Fatalf("parameter %s: type %v; this test generates strings only", p.Value.Name, s.Type)
		}
		take := func(string) bool { return true }
		if p.Value.In == openapi3.ParameterInHeader {
			take = headerCarries
		}
		for _, v := range append(stringValues(s, take), outOfBounds(s)...) {
			values = append(values, value{p.Value, v})
		}
	}

	// Every generated client_id gets a token and a user, every generated user id a log in the
	// demo client, each log told apart by its address.
	tokenOf := map[string]string{server.DemoClientID: servertest.Token}
	var opts []servertest.Option
	for i, v := range values {
		if v.param.Name == "client_id" && tokenOf[v.v] == "" {
			tokenOf[v.v] = fmt.Sprintf("generated-token-%04d", i)
			opts = append(opts, servertest.WithToken(tokenOf[v.v], v.v))
		}
	}
	ref := servertest.Start(t, opts...)
	ipOf := map[[2]string]string{}
	seed := func(clientID, userID string) {
		if _, done := ipOf[[2]string{clientID, userID}]; done {
			return
		}
		ip := fmt.Sprintf("10.%d.%d.%d", len(ipOf)>>16&255, len(ipOf)>>8&255, len(ipOf)&255)
		l := store.LoginLog{IPAddress: ip, Country: "India", City: "Jaipur", Name: "Amazon CloudFront", CreatedAt: time.Date(2024, 7, 10, 12, 0, 0, 0, time.UTC)}
		if err := ref.Store.AddLoginLogs(t.Context(), clientID, userID, []store.LoginLog{l}); err != nil {
			t.Fatalf("seed %q/%q: %v", clientID, userID, err)
		}
		ipOf[[2]string{clientID, userID}] = ip
	}
	for _, v := range values {
		switch v.param.Name {
		case "client_id":
			seed(v.v, server.DemoUserID)
		case "userid":
			seed(server.DemoClientID, v.v)
		}
	}

	valid, refused := 0, 0
	for _, v := range values {
		userID, clientID := server.DemoUserID, server.DemoClientID
		header := http.Header{}
		switch v.param.In {
		case openapi3.ParameterInPath:
			userID = v.v
		case openapi3.ParameterInQuery:
			clientID = v.v
		case openapi3.ParameterInHeader:
			header.Set(v.param.Name, v.v)
		}
		target := ref.BaseURL + "/users/" + url.PathEscape(userID) + "/loginlogs?client_id=" + url.QueryEscape(clientID)
		req, err := http.NewRequestWithContext(t.Context(), "GET", target, nil)
		if err != nil {
			t.Fatalf("%s %q: %v", v.param.Name, v.v, err)
		}
		req.Header = header
		token := tokenOf[clientID]
		if token == "" {
			token = servertest.Token
		}
		req.Header.Set("Authorization", "Bearer "+token)
		verdict := o.Request(req)

		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("GET with %s %q: %v", v.param.Name, v.v, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if err := o.Response(req, res.StatusCode, res.Header, body); err != nil {
			t.Errorf("GET with %s %q: answer %d breaks the contract: %v", v.param.Name, v.v, res.StatusCode, err)
		}
		if verdict != nil {
			refused++
			want := 800
			if v.param.In == openapi3.ParameterInQuery {
				want = 842
			}
			var e struct {
				Code int `json:"error_code"`
			}
			if json.Unmarshal(body, &e); res.StatusCode != http.StatusBadRequest || e.Code != want {
				t.Errorf("GET with %s %q, which kin-openapi refuses (%v): status %d code %d, want 400 and %d\n%.300s",
					v.param.Name, v.v, verdict, res.StatusCode, e.Code, want, body)
			}
			continue
		}
		valid++
		if res.StatusCode == http.StatusBadRequest || res.StatusCode >= 500 {
			t.Errorf("GET with %s %q, which the contract allows: status %d\n%.300s", v.param.Name, v.v, res.StatusCode, body)
			continue
		}
		var got struct {
			LoginLogs []struct{ IpAddress string } `json:"login_logs"`
		}
		json.Unmarshal(body, &got)
		switch ip, seeded := ipOf[[2]string{clientID, userID}]; {
		case seeded && (res.StatusCode != http.StatusOK || len(got.LoginLogs) != 1 || got.LoginLogs[0].IpAddress != ip):
			t.Errorf("GET with %s %q: status %d, %d logs %v; want 200 and the one log seeded under it (%s)", v.param.Name, v.v, res.StatusCode, len(got.LoginLogs), got.LoginLogs, ip)
		case !seeded && res.StatusCode != http.StatusOK && (v.param.Name != "If-None-Match" || res.StatusCode != http.StatusNotModified):
			t.Errorf("GET the demo user with %s %q: status %d, want 200 (or 304 to an If-None-Match)\n%.300s", v.param.Name, v.v, res.StatusCode, body)
		}
	}
	t.Logf("%d generated requests the contract allows, %d it refuses", valid, refused)
	if valid < len(values)/2 || refused == 0 {
		t.Fatalf("kin-openapi accepted %d and refused %d of %d generated requests: the generator judged too little", valid, refused, len(values))
	}
}

// TestLoggedIDsAreInert sends ids the contract allows that would steer a terminal (ESC, a C1
// control, a bidi override, a byte that is not UTF-8), and a client_id of the contract's maximum
// length, and reads the request's log line: client_id is logged escaped and at most
// validate.MaxText characters long, and so is the path.
func TestLoggedIDsAreInert(t *testing.T) {
	base, logs := start(t, setup{})
	steering := "\x1b[31m\u009b\u202e\xff"
	clientID := steering + strings.Repeat("c", 128-utf8.RuneCountInString(steering))
	res, body := do(t, "GET", base+"/api/v1/users/"+url.PathEscape(steering)+"/loginlogs?client_id="+url.QueryEscape(clientID), tokenA)
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("GET with a client_id not the token's: status %d, want 403\n%s", res.StatusCode, body)
	}
	var line struct {
		Path     string `json:"path"`
		ClientID string `json:"client_id"`
	}
	for l := range strings.Lines(logs.String()) {
		if strings.Contains(l, `"msg":"request"`) {
			if err := json.Unmarshal([]byte(l), &line); err != nil {
				t.Fatalf("log line is not JSON: %v\n%s", err, l)
			}
		}
	}
	if line.ClientID == "" {
		t.Fatalf("no request line with a client_id logged:\n%s", logs.String())
	}
	for name, v := range map[string]string{"client_id": line.ClientID, "path": line.Path} {
		if i := strings.IndexFunc(v, func(r rune) bool {
			return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == utf8.RuneError
		}); i >= 0 || utf8.RuneCountInString(v) > validate.MaxText {
			t.Errorf("logged %s %q: want no control character, bidi mark or invalid byte, at most %d characters", name, v, validate.MaxText)
		}
	}
	if !strings.HasPrefix(line.ClientID, `\x1b[31m`) {
		t.Errorf("logged client_id %q, want it to start with the escaped ESC, \\x1b", line.ClientID)
	}
}
