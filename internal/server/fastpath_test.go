package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

const fastToken = "token-of-the-demo-client"

// corrupting wraps the real Server and, while corrupt is set, rewrites the body it encoded: the
// stand-in for an encoder or store bug on the fast path.
type corrupting struct {
	*Server
	corrupt func(body []byte) []byte
}

func (c *corrupting) ListUserLoginLogs(ctx context.Context, req ssojetapi.ListUserLoginLogsRequestObject) (ssojetapi.ListUserLoginLogsResponseObject, error) {
	res, err := c.Server.ListUserLoginLogs(ctx, req)
	if scanned, ok := res.(scannedLogs); ok && c.corrupt != nil {
		return corruptedAnswer{scanned, c.corrupt}, err
	}
	return res, err
}

// corruptedAnswer writes what its answer writes, rewritten by corrupt.
type corruptedAnswer struct {
	inner   scannedLogs
	corrupt func([]byte) []byte
}

func (a corruptedAnswer) VisitListUserLoginLogsResponse(w http.ResponseWriter) error {
	return a.inner.VisitListUserLoginLogsResponse(&corruptWriter{ResponseWriter: w, corrupt: a.corrupt})
}

type corruptWriter struct {
	http.ResponseWriter
	corrupt func([]byte) []byte
}

func (w *corruptWriter) Write(p []byte) (int, error) {
	q := w.corrupt(bytes.Clone(p))
	if h := w.Header(); h.Get("Content-Length") != "" {
		h.Set("Content-Length", strconv.Itoa(len(q)))
	}
	if _, err := w.ResponseWriter.Write(q); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (w *corruptWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type fastStack struct {
	base  string // the server's URL
	url   string // the demo user's logs
	store *sqlite.Store
	cache *Cache
	srv   *corrupting
	logs  *lockedBuffer
}

// newFastStack serves the demo user's 24 logs from a real SQLite file, with the response cache on.
func newFastStack(t *testing.T, mode validate.Policy) *fastStack {
	t.Helper()
	return newStack(t, mode, 1<<20, nil, nil)
}

// newStack serves the demo tenant from a real SQLite file over real HTTP, with a cache of
// cacheBytes, the caps of large (nil: the defaults), the tokens fastToken and otherToken, and
// whatever fill adds to the store.
func newStack(t *testing.T, mode validate.Policy, cacheBytes int, large *LargeAnswers, fill func(*sqlite.Store, []store.LoginLog) error) *fastStack {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "loginlogs.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SeedDemo(ctx, st, doc); err != nil {
		t.Fatal(err)
	}
	if fill != nil {
		seed, err := DemoLogs(doc)
		if err != nil {
			t.Fatal(err)
		}
		if err := fill(st, seed); err != nil {
			t.Fatal(err)
		}
	}
	tokens := &Tokens{}
	tokens.Add(fastToken, DemoClientID)
	tokens.Add(otherToken, DemoClientID)
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	cache := NewCache(cacheBytes)
	cfg := Config{Store: st, Validator: validate.New(doc), Tokens: tokens, Mode: mode, Logger: logger, Cache: cache, LargeAnswers: large}
	fs := &fastStack{store: st, cache: cache, logs: logs, srv: &corrupting{Server: newServer(cfg)}}
	srv := httptest.NewServer(newHandler(cfg, fs.srv))
	t.Cleanup(srv.Close)
	fs.base = srv.URL
	fs.url = srv.URL + "/api/v1/users/" + DemoUserID + "/loginlogs?client_id=" + DemoClientID
	return fs
}

func (fs *fastStack) get(t *testing.T, header ...string) (*http.Response, []byte) {
	t.Helper()
	res, body, err := getWith(t, fs.url, fastToken, header...)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

// getWith sends GET url with a bearer token and header name/value pairs, and reads the answer;
// err is the error of reading the body (a connection cut mid-body, say).
func getWith(t *testing.T, url, token string, header ...string) (*http.Response, []byte, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res, body, err
}

// TestFastPathStaysStrict breaks the body the fast path encoded in each of the ways the response
// validator is known to catch, with the cache on: every broken body is still refused (enforce) or
// reported (report), and none of them is cached.
func TestFastPathStaysStrict(t *testing.T) {
	replace := func(old, new string) func([]byte) []byte {
		return func(b []byte) []byte { return bytes.Replace(b, []byte(old), []byte(new), 1) }
	}
	breaks := []struct {
		name    string
		corrupt func([]byte) []byte
		pointer string
	}{
		{"impossible date", replace(`2024-07-10T12:16:19.647Z`, `2024-02-30T12:16:19.647Z`), "/login_logs/0/CreatedAt"},
		{"offset instead of Z", replace(`2024-07-10T12:16:19.647Z`, `2024-07-10T12:16:19.647+01:00`), "/login_logs/0/CreatedAt"},
		{"number for a string", replace(`"IpAddress":"183.83.177.227"`, `"IpAddress":183`), "/login_logs/0/IpAddress"},
		{"missing field", replace(`"Country":"India",`, ``), "/login_logs/0/Country"},
		{"null field", replace(`"Os":""`, `"Os":null`), "/login_logs/0/Os"},
		{"login_logs renamed", replace(`"login_logs"`, `"audit_logs"`), "/login_logs"},
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }, ""},
		{"trailing garbage", func(b []byte) []byte { return append(b, "]"...) }, ""},
	}
	for _, mode := range []validate.Policy{validate.Enforce, validate.Report} {
		for _, br := range breaks {
			t.Run(mode.String()+"/"+br.name, func(t *testing.T) {
				fs := newFastStack(t, mode)
				fs.srv.corrupt = br.corrupt
				for i := range 2 {
					res, body := fs.get(t)
					want := http.StatusInternalServerError
					if mode == validate.Report {
						want = http.StatusOK
					}
					if res.StatusCode != want {
						t.Fatalf("%s, request %d: status %d, want %d\n%s", br.name, i, res.StatusCode, want, body)
					}
					if n := fs.cache.Len(); n != 0 {
						t.Fatalf("%s, request %d: %d cached bodies, want none: a broken body was cached", br.name, i, n)
					}
				}
				if got := strings.Count(fs.logs.String(), "response violates the contract"); got != 2 {
					t.Errorf("%s: %d violations logged over 2 requests, want 2\n%s", br.name, got, fs.logs.String())
				}
				if !strings.Contains(fs.logs.String(), `"pointer":"`+br.pointer+`"`) {
					t.Errorf("%s: log does not name pointer %q\n%s", br.name, br.pointer, fs.logs.String())
				}

				// Once the bug is gone the body is validated, cached, and served from the cache.
				fs.srv.corrupt = nil
				res, first := fs.get(t)
				if res.StatusCode != http.StatusOK || fs.cache.Len() != 1 {
					t.Fatalf("after the fix: status %d, %d cached, want 200 and 1", res.StatusCode, fs.cache.Len())
				}
				res, again := fs.get(t)
				if res.StatusCode != http.StatusOK || !bytes.Equal(first, again) {
					t.Errorf("from the cache: status %d, body equal %v; want 200 and the validated body", res.StatusCode, bytes.Equal(first, again))
				}
			})
		}
	}
}

// TestConditionalRequests covers ETag and If-None-Match, and that a write is seen at once
// although the body was cached.
func TestConditionalRequests(t *testing.T) {
	fs := newFastStack(t, validate.Enforce)
	res, body := fs.get(t)
	etag := res.Header.Get("ETag")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(etag, `"r1.`) {
		t.Fatalf("first GET: status %d, ETag %q; want 200 and an entity tag", res.StatusCode, etag)
	}
	if res.ContentLength != int64(len(body)) {
		t.Errorf("Content-Length %d, want the body's %d bytes", res.ContentLength, len(body))
	}
	if cc := res.Header.Get("Cache-Control"); cc != "private, no-cache" {
		t.Errorf("Cache-Control %q, want private, no-cache", cc)
	}
	for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
		res, got := fs.get(t, "If-None-Match", inm)
		if res.StatusCode != http.StatusNotModified || len(got) != 0 || res.Header.Get("ETag") != etag {
			t.Errorf("If-None-Match %s: status %d, %d body bytes, ETag %q; want 304, no body, %s", inm, res.StatusCode, len(got), res.Header.Get("ETag"), etag)
		}
	}
	if res, _ := fs.get(t, "If-None-Match", `"r1.0"`); res.StatusCode != http.StatusOK {
		t.Errorf("If-None-Match of an old tag: status %d, want 200", res.StatusCode)
	}

	// A write (as by `loginlogs import` in another process) changes the version: the cached body
	// and the old tag are stale at once.
	added := store.LoginLog{IPAddress: "10.0.0.1", Country: "India", City: "Pune", Name: "Amazon CloudFront"}
	added.CreatedAt = added.CreatedAt.AddDate(2025, 0, 0)
	if err := fs.store.AddLoginLogs(context.Background(), DemoClientID, DemoUserID, []store.LoginLog{added}); err != nil {
		t.Fatal(err)
	}
	res, after := fs.get(t, "If-None-Match", etag)
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == etag {
		t.Fatalf("after a write, If-None-Match of the old tag: status %d, ETag %q; want 200 with a new tag", res.StatusCode, res.Header.Get("ETag"))
	}
	if !bytes.Contains(after, []byte(`"IpAddress":"10.0.0.1"`)) || len(after) <= len(body) {
		t.Errorf("after a write: body does not show the new log (cached body served?)\n%s", after)
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := NewCache(80) // bodies up to 10 bytes
	body := []byte("0123456789")
	for i := range 9 {
		c.put(cacheKey{"c", string(rune('a' + i))}, 1, body)
	}
	if c.Len() != 8 {
		t.Fatalf("9 puts of 10 bytes into 80: %d entries, want 8", c.Len())
	}
	if _, ok := c.get(cacheKey{"c", "a"}); ok {
		t.Error("the oldest entry survived eviction")
	}
	c.get(cacheKey{"c", "b"}) // b becomes the most recent
	c.put(cacheKey{"c", "z"}, 1, body)
	if _, ok := c.get(cacheKey{"c", "b"}); !ok {
		t.Error("a recently read entry was evicted")
	}
	if _, ok := c.get(cacheKey{"c", "c"}); ok {
		t.Error("the least recently used entry survived")
	}
	c.put(cacheKey{"c", "big"}, 1, make([]byte, 11))
	if _, ok := c.get(cacheKey{"c", "big"}); ok {
		t.Error("a body over an eighth of the capacity was cached")
	}
	c.put(cacheKey{"c", "b"}, 3, []byte("new"))
	c.put(cacheKey{"c", "b"}, 2, []byte("older"))
	if e, _ := c.get(cacheKey{"c", "b"}); e.version != 3 || string(e.body) != "new" {
		t.Errorf("entry b: version %d body %q, want version 3 kept over an older put", e.version, e.body)
	}
	var none *Cache
	none.put(cacheKey{"c", "a"}, 1, body)
	if _, ok := none.get(cacheKey{"c", "a"}); ok || NewCache(0) != nil {
		t.Error("a nil cache (size 0) cached something")
	}
}
