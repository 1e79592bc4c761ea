// Package docs serves the API reference page: Redoc's standalone bundle, embedded at the version
// pinned in package-lock.json (`make docs-assets` copies it into assets/), rendering the contract
// the caller hands over. The page loads nothing from elsewhere: every response carries a
// Content-Security-Policy that allows only the server's own script, styles and connections, and
// Redoc's telemetry is switched off. A small script of its own, run before Redoc, hides Web
// Workers from the page, so that Redoc's search indexes on the main thread instead of trying to
// compile a worker from a string, which the policy refuses.
package docs

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Path is where the page is served; its script and the contract it renders live beside it. The
// page names them, and the redirect of Path + "/" names the page, by relative URLs, so that all
// of it works behind a reverse proxy that serves it under a path prefix (/sandbox/docs).
const Path = "/docs"

const (
	scriptPath    = Path + "/redoc.standalone.js"
	noWorkersPath = Path + "/no-workers.js"
	specPath      = Path + "/openapi.yaml"
)

// ContentSecurityPolicy is sent with every response of Handler: scripts, styles, fonts and
// connections from the page's own origin only, images and fonts also inline (data:), nothing framed,
// no forms, no <base>, no workers (default-src covers worker-src), no string evaluation (no
// 'unsafe-eval'). Redoc's styled-components adds empty <style> elements and fills them
// through the CSSOM (insertRule), which CSP does not govern; the one hash allowed, of the empty
// string, lets those elements exist without 'unsafe-inline'.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; " +
	"style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

var (
	//go:embed page.html
	page []byte
	//go:embed assets/redoc.standalone.js
	redoc []byte
	//go:embed no-workers.js
	noWorkers []byte
)

// Paths returns the paths Handler answers, to mount it on: the page, Path + "/" (redirected to
// the page), its two scripts and the contract.
func Paths() []string { return []string{Path, Path + "/", noWorkersPath, scriptPath, specPath} }

// Handler serves GET and HEAD of Paths: the page at Path, its scripts (no-workers.js, then
// Redoc's), and spec (the contract in YAML) for the page to render; Path + "/" redirects to Path
// (by a relative URL).
// Redoc's script is sent gzip-compressed to clients that accept it (compressed once, on first
// use). Responses carry ETags (a matching If-None-Match gets 304), Cache-Control: no-cache, the
// Content-Security-Policy, X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer.
// Other paths are 404, other methods 405.
func Handler(spec []byte) http.Handler {
	files := map[string]*file{
		Path:          newFile(page, "text/html; charset=utf-8", nil),
		noWorkersPath: newFile(noWorkers, "text/javascript; charset=utf-8", nil),
		scriptPath:    newFile(redoc, "text/javascript; charset=utf-8", redocGzipped),
		specPath:      newFile(spec, "application/yaml", nil),
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		f, ok := files[r.URL.Path]
		if !ok && r.URL.Path != Path+"/" {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if !ok {
			// http.Redirect would turn the relative URL into an absolute path, losing the prefix.
			h.Set("Location", "../"+path.Base(Path))
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
		body, etag := f.body, f.etag
		if f.gzipped != nil {
			h.Add("Vary", "Accept-Encoding")
			if acceptsGzip(r.Header.Values("Accept-Encoding")) {
				body, etag = f.gzipped(), strings.TrimSuffix(etag, `"`)+`-gzip"`
				h.Set("Content-Encoding", "gzip")
			}
		}
		h.Set("Content-Type", f.contentType)
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}

// file is one response body of Handler.
type file struct {
	body        []byte
	contentType string
	etag        string
	// gzipped returns body gzip-compressed, or is nil for a body sent as it is.
	gzipped func() []byte
}

// newFile describes body, with its ETag; gzipped is nil for a body sent as it is.
func newFile(body []byte, contentType string, gzipped func() []byte) *file {
	sum := sha256.Sum256(body)
	return &file{body, contentType, `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`, gzipped}
}

// redocGzipped returns Redoc's script gzip-compressed, compressed once, on first use.
var redocGzipped = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(redoc) // writes to a bytes.Buffer do not fail
	zw.Close()
	return buf.Bytes()
})

// acceptsGzip reports whether Accept-Encoding header values name gzip with a non-zero weight.
func acceptsGzip(values []string) bool {
	for coding := range strings.SplitSeq(strings.Join(values, ","), ",") {
		name, params, _ := strings.Cut(coding, ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q, hasQ := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		if !hasQ {
			return true
		}
		weight, err := strconv.ParseFloat(q, 64)
		return err == nil && weight > 0
	}
	return false
}
