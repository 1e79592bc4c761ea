package fakeapi_test

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
)

// call asks srv for the documented request with the behaviours list in the path, or in the
// X-Hostile header when byHeader, and returns the answer, its body (as far as it came) and the
// read's error.
func call(t *testing.T, srv *httptest.Server, list string, byHeader bool) (*http.Response, []byte, error) {
	t.Helper()
	path := "/api/v1/users/" + fakeapi.UserID + "/loginlogs?client_id=" + fakeapi.ClientID
	if !byHeader {
		path = fakeapi.HostilePath(list) + path
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+fakeapi.Token)
	req.Header.Set("Accept-Encoding", "identity") // Go's client would undo gzip itself
	if byHeader {
		req.Header.Set(fakeapi.HostileHeader, list)
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 4<<20))
	return res, body, err
}

func TestHostileBehaviours(t *testing.T) {
	seed := []byte(`{"login_logs":[]}`)
	srv := httptest.NewServer(fakeapi.Hostile(seed, nil))
	defer srv.Close()
	for _, byHeader := range []bool{false, true} {
		res, body, err := call(t, srv, "behave", byHeader)
		if err != nil || res.StatusCode != 200 || !bytes.Equal(body, seed) {
			t.Errorf("behave (header %v): %d %q %v, want 200 and the logs", byHeader, res.StatusCode, body, err)
		}
		res, body, err = call(t, srv, "nested=9000", byHeader)
		if err != nil || res.StatusCode != 200 || len(body) > 20000 || oracle.Depth(body) != 9002 {
			t.Errorf("nested (header %v): %d, %d bytes deep %d, %v; want 200, 18 KB, depth 9002", byHeader, res.StatusCode, len(body), oracle.Depth(body), err)
		}
	}
	cases := []struct {
		list  string
		check func(res *http.Response, body []byte, err error) string
	}{
		{"deep=100", func(res *http.Response, body []byte, err error) string {
			if oracle.Depth(body) != 102 || !json.Valid(body) {
				return "want valid JSON 102 deep"
			}
			return ""
		}},
		{"nested=3x4", func(res *http.Response, body []byte, err error) string {
			if string(body) != `{"login_logs":[[[[]]],[[[]]],[[[]]],[[[]]]]}` {
				return "want 4 entries 3 deep"
			}
			return ""
		}},
		{"long=1K", func(res *http.Response, body []byte, err error) string {
			if !json.Valid(body) || !bytes.Contains(body, bytes.Repeat([]byte("x"), 1024)) || bytes.Contains(body, bytes.Repeat([]byte("x"), 1025)) {
				return "want valid JSON with a CreatedAt of 1024 x"
			}
			return ""
		}},
		{"many=50", func(res *http.Response, body []byte, err error) string {
			var v struct{ Login_logs []map[string]string }
			if json.Unmarshal(body, &v) != nil || len(v.Login_logs) != 50 || v.Login_logs[49]["CreatedAt"] != "yesterday" {
				return "want 50 entries dated yesterday"
			}
			return ""
		}},
		{"huge=1M", func(res *http.Response, body []byte, err error) string {
			if err != nil || !json.Valid(body) || res.ContentLength != int64(len(body)) || len(body) < 1<<20-400 || len(body) > 1<<20 {
				return "want valid JSON of about 1 MiB, its Content-Length right"
			}
			return ""
		}},
		{"endless", func(res *http.Response, body []byte, err error) string {
			if err != nil || len(body) != 4<<20 || !bytes.HasPrefix(body, []byte(`{"login_logs":[{`)) {
				return "want 4 MiB read and more to come"
			}
			return ""
		}},
		{"cut=10", func(res *http.Response, body []byte, err error) string {
			if err == nil || len(body) != 10 {
				return "want an error after 10 bytes"
			}
			return ""
		}},
		{"cut=100,huge=1M", func(res *http.Response, body []byte, err error) string {
			if err == nil || len(body) != 100 || res.ContentLength < 1<<19 {
				return "want an error after 100 bytes of a long Content-Length"
			}
			return ""
		}},
		{"slow=1ms,nested=3000", func(res *http.Response, body []byte, err error) string {
			if err != nil || oracle.Depth(body) != 3002 {
				return "want the whole nested body, slowly"
			}
			return ""
		}},
		{"gzip,nested=10", func(res *http.Response, body []byte, err error) string {
			zr, zerr := gzip.NewReader(bytes.NewReader(body))
			if zerr != nil || res.Header.Get("Content-Encoding") != "gzip" {
				return "want gzip"
			}
			plain, _ := io.ReadAll(zr)
			if oracle.Depth(plain) != 12 {
				return "want the nested body inside"
			}
			return ""
		}},
		{"deflate", func(res *http.Response, body []byte, err error) string {
			zr, zerr := zlib.NewReader(bytes.NewReader(body))
			if zerr != nil || res.Header.Get("Content-Encoding") != "deflate" {
				return "want deflate"
			}
			if plain, _ := io.ReadAll(zr); string(plain) != `{"login_logs":[]}` {
				return "want the logs inside"
			}
			return ""
		}},
		{"encoding=zz", func(res *http.Response, body []byte, err error) string {
			if res.Header.Get("Content-Encoding") != "zz" || string(body) != `{"login_logs":[]}` {
				return "want Content-Encoding zz over the plain logs"
			}
			return ""
		}},
		{"duplicate-headers", func(res *http.Response, body []byte, err error) string {
			if len(res.Header.Values("Content-Type")) != 2 || len(res.Header.Values("X-Request-Id")) != 2 {
				return "want Content-Type and X-Request-Id twice"
			}
			return ""
		}},
		{"cut=100", func(res *http.Response, body []byte, err error) string {
			if err == nil || len(body) != 17 {
				return "want an error after the whole 17-byte body: an answer shorter than the cut breaks off too"
			}
			return ""
		}},
		{"no-such-thing", func(res *http.Response, body []byte, err error) string {
			if res.StatusCode != http.StatusTeapot || !strings.Contains(string(body), "no-such-thing") {
				return "want 418 naming the behaviour"
			}
			return ""
		}},
	}
	for _, tc := range cases {
		res, body, err := call(t, srv, tc.list, false)
		if problem := tc.check(res, body, err); problem != "" {
			t.Errorf("%s: %d %s, %d bytes, read error %v: %s", tc.list, res.StatusCode, res.Header, len(body), err, problem)
		}
	}
}

// TestHostileEchoesSecretsByDefault: a request naming no behaviour gets echo, which answers
// with the secrets sent before, also by requests that asked for other behaviours.
func TestHostileEchoesSecretsByDefault(t *testing.T) {
	srv := httptest.NewServer(fakeapi.Hostile([]byte(`{"login_logs":[]}`), nil))
	defer srv.Close()
	call(t, srv, "behave", true)
	res, body, _ := call(t, srv, "", true)
	if !strings.Contains(string(body), fakeapi.Token) || res.Header.Get("X-Echo") != fakeapi.Token {
		t.Errorf("echo: %s %q, want the token in the body and X-Echo", res.Header, body)
	}
}
