package docs_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/docs"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
)

// get sends method to the server's path with the given header lines ("Name: value") and returns
// the answer with its body read (decompressed by nobody).
func get(t *testing.T, method, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range header {
		name, value, _ := strings.Cut(h, ": ")
		req.Header.Set(name, value)
	}
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return res, body
}

// directives parses a Content-Security-Policy into its directives' source lists.
func directives(csp string) map[string][]string {
	d := make(map[string][]string)
	for _, part := range strings.Split(csp, ";") {
		fields := strings.Fields(part)
		if len(fields) > 0 {
			d[fields[0]] = fields[1:]
		}
	}
	return d
}

// TestDocsServedWithoutToken checks what the server answers on /docs and its assets, with no
// token: the files as committed (read from disk here, not from the embed), their types, and the
// security headers.
func TestDocsServedWithoutToken(t *testing.T) {
	srv := servertest.Start(t)
	script, err := os.ReadFile("assets/redoc.standalone.js")
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile("page.html")
	if err != nil {
		t.Fatal(err)
	}
	noWorkers, err := os.ReadFile("no-workers.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, contentType string
		body              []byte
	}{
		{"/docs", "text/html; charset=utf-8", html},
		{"/docs/no-workers.js", "text/javascript; charset=utf-8", noWorkers},
		{"/docs/redoc.standalone.js", "text/javascript; charset=utf-8", script},
		{"/docs/openapi.yaml", "application/yaml", api.OpenAPI},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, body := get(t, http.MethodGet, srv.URL+tc.path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d, want 200", tc.path, res.StatusCode)
			}
			if got := res.Header.Get("Content-Type"); got != tc.contentType {
				t.Errorf("GET %s: Content-Type %q, want %q", tc.path, got, tc.contentType)
			}
			if !bytes.Equal(body, tc.body) {
				t.Errorf("GET %s: %d bytes, not the %d of the committed file", tc.path, len(body), len(tc.body))
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", tc.path, got)
			}
			csp := res.Header.Get("Content-Security-Policy")
			d := directives(csp)
			for name, want := range map[string]string{"default-src": "'none'", "script-src": "'self'", "connect-src": "'self'", "frame-ancestors": "'none'"} {
				if got := strings.Join(d[name], " "); got != want {
					t.Errorf("GET %s: CSP %s is %q, want %q (policy %q)", tc.path, name, got, want, csp)
				}
			}
			if w, ok := d["worker-src"]; ok {
				t.Errorf("GET %s: CSP has worker-src %q; workers are to fall under default-src 'none'", tc.path, w)
			}
			if strings.Contains(csp, "unsafe") || strings.Contains(csp, "*") || strings.Contains(csp, "http") {
				t.Errorf("GET %s: CSP %q allows unsafe sources or other hosts", tc.path, csp)
			}

			// The same answer again with its ETag is 304; HEAD has the headers and no body.
			again, _ := get(t, http.MethodGet, srv.URL+tc.path, "If-None-Match: "+res.Header.Get("ETag"))
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("GET %s with If-None-Match %s: status %d, want 304", tc.path, res.Header.Get("ETag"), again.StatusCode)
			}
			head, headBody := get(t, http.MethodHead, srv.URL+tc.path)
			if head.StatusCode != http.StatusOK || len(headBody) != 0 || head.Header.Get("Content-Security-Policy") != csp {
				t.Errorf("HEAD %s: status %d, %d body bytes, CSP %q; want 200, none, as GET's",
					tc.path, head.StatusCode, len(headBody), head.Header.Get("Content-Security-Policy"))
			}
		})
	}
}

// TestDocsScriptGzip checks that the script is sent compressed to a client that accepts gzip
// (and decompresses to the committed file), and as it is otherwise.
func TestDocsScriptGzip(t *testing.T) {
	srv := servertest.Start(t)
	script, err := os.ReadFile("assets/redoc.standalone.js")
	if err != nil {
		t.Fatal(err)
	}
	url := srv.URL + "/docs/redoc.standalone.js"
	for _, tc := range []struct {
		acceptEncoding string
		gzip           bool
	}{
		{"gzip, deflate, br", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"gzip;q=0", false},
		{"br", false},
		{"", false},
	} {
		res, body := get(t, http.MethodGet, url, "Accept-Encoding: "+tc.acceptEncoding)
		if got := res.Header.Get("Content-Encoding") == "gzip"; got != tc.gzip {
			t.Errorf("GET %s, Accept-Encoding %q: Content-Encoding %q, want gzip %v", url, tc.acceptEncoding, res.Header.Get("Content-Encoding"), tc.gzip)
			continue
		}
		if tc.gzip {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("GET %s: gzip: %v", url, err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatalf("GET %s: gunzip: %v", url, err)
			}
		}
		if !bytes.Equal(body, script) {
			t.Errorf("GET %s, Accept-Encoding %q: %d bytes, not the committed script's %d", url, tc.acceptEncoding, len(body), len(script))
		}
		if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("GET %s: Vary %q lacks Accept-Encoding", url, res.Header.Get("Vary"))
		}
	}
}

// TestDocsOtherPathsAndMethods checks that the server answers what docs does not serve in
// SSOJet's error shape: an unknown path under /docs is 404, a POST is 405.
func TestDocsOtherPathsAndMethods(t *testing.T) {
	srv := servertest.Start(t)
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, docs.Path + "/nope.js", http.StatusNotFound},
		{http.MethodPost, docs.Path, http.StatusMethodNotAllowed},
	} {
		res, body := get(t, tc.method, srv.URL+tc.path)
		if res.StatusCode != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, res.StatusCode, tc.status)
		}
		var e struct {
			Error any `json:"error"`
		}
		if err := json.Unmarshal(body, &e); err != nil || e.Error == nil {
			t.Errorf("%s %s: body %q is not SSOJet's error JSON (%v)", tc.method, tc.path, body, err)
		}
	}
}

// TestHandlerAlone checks the answers of docs.Handler mounted on every path, as a proxy may: the
// redirect of Path + "/", and its own 404 and 405.
func TestHandlerAlone(t *testing.T) {
	srv := httptest.NewServer(docs.Handler([]byte("openapi: 3.0.3\n")))
	t.Cleanup(srv.Close)
	for _, tc := range []struct {
		method, path string
		status       int
		header       string // name: value the answer must have
	}{
		{http.MethodGet, docs.Path + "/", http.StatusMovedPermanently, "Location: ../docs"},
		{http.MethodGet, docs.Path + "/nope.js", http.StatusNotFound, "X-Content-Type-Options: nosniff"},
		{http.MethodGet, "/", http.StatusNotFound, "X-Content-Type-Options: nosniff"},
		{http.MethodPost, docs.Path, http.StatusMethodNotAllowed, "Allow: GET, HEAD"},
		{http.MethodGet, docs.Path + "/openapi.yaml", http.StatusOK, "Content-Type: application/yaml"},
	} {
		res, _ := get(t, tc.method, srv.URL+tc.path)
		name, value, _ := strings.Cut(tc.header, ": ")
		if res.StatusCode != tc.status || res.Header.Get(name) != value {
			t.Errorf("%s %s: status %d, %s %q; want %d, %q", tc.method, tc.path, res.StatusCode, name, res.Header.Get(name), tc.status, value)
		}
	}
}

// behindPrefix serves the server at root (its URL) behind a reverse proxy on loopback that maps
// prefix + "/" to it, stripping the prefix (httputil.ReverseProxy, as nginx's `location /sandbox/
// { proxy_pass http://server/; }` does), and returns the proxy's URL with the prefix.
func behindPrefix(t *testing.T, root, prefix string) string {
	t.Helper()
	target, err := url.Parse(root)
	if err != nil {
		t.Fatal(err)
	}
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.URL.Path, r.Out.URL.RawPath = strings.TrimPrefix(r.In.URL.Path, prefix), ""
	}}
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", proxy)
	front := httptest.NewServer(mux)
	t.Cleanup(front.Close)
	return front.URL + prefix
}

// TestDocsBehindPathPrefix serves the real server under /sandbox/ (behindPrefix): every script,
// style, icon and spec the page refers to (resolved against the page's URL by RFC 3986, as a
// browser does) must load through the proxy as the same bytes the server serves, and
// /sandbox/docs/ must lead to the page.
func TestDocsBehindPathPrefix(t *testing.T) {
	srv := servertest.Start(t)
	const prefix = "/sandbox"
	front := behindPrefix(t, srv.URL, prefix)
	pageURL, err := url.Parse(front + docs.Path)
	if err != nil {
		t.Fatal(err)
	}
	res, body := get(t, http.MethodGet, pageURL.String())
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200", pageURL, res.StatusCode)
	}
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("GET %s: not HTML: %v", pageURL, err)
	}
	// Every URL the page refers to: src and href of any element, and Redoc's spec-url.
	var refs []string
	for n := range root.Descendants() {
		for _, a := range n.Attr {
			if n.Type == html.ElementNode && (a.Key == "src" || a.Key == "href" || a.Key == "spec-url") {
				refs = append(refs, a.Val)
			}
		}
	}
	if len(refs) < 3 {
		t.Fatalf("GET %s: the page refers to %q; want at least its two scripts and the contract", pageURL, refs)
	}
	for _, ref := range refs {
		u, err := url.Parse(ref)
		if err != nil {
			t.Errorf("GET %s: reference %q: %v", pageURL, ref, err)
			continue
		}
		if u.Scheme == "data" {
			continue
		}
		abs := pageURL.ResolveReference(u)
		if abs.Host != pageURL.Host || !strings.HasPrefix(abs.Path, prefix+"/") {
			t.Errorf("GET %s: reference %q resolves to %s, outside %s", pageURL, ref, abs, prefix+"/")
			continue
		}
		res, body := get(t, http.MethodGet, abs.String())
		_, direct := get(t, http.MethodGet, srv.URL+strings.TrimPrefix(abs.Path, prefix))
		if res.StatusCode != http.StatusOK || !bytes.Equal(body, direct) {
			t.Errorf("GET %s (the page's %q) through the proxy: status %d, %d bytes; want 200 and the server's %d bytes",
				abs, ref, res.StatusCode, len(body), len(direct))
		}
	}

	// /sandbox/docs/ redirects to the page, under the prefix.
	slash := front + docs.Path + "/"
	landed, err := http.Get(slash)
	if err != nil {
		t.Fatalf("GET %s: %v", slash, err)
	}
	landed.Body.Close()
	if landed.StatusCode != http.StatusOK || landed.Request.URL.Path != pageURL.Path {
		t.Errorf("GET %s: landed on %s with status %d; want %s, 200", slash, landed.Request.URL, landed.StatusCode, pageURL.Path)
	}
}
