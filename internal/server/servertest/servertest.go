// Package servertest starts the reference server for the tests of other packages, built of the
// real parts only: a SQLite file seeded with the contract's 200 example (server.SeedDemo), the
// whole stack of server.NewHandler with responses validated in enforce mode against the embedded
// contract and a response cache, on loopback HTTP (httptest).
//
//	ref := servertest.Start(t)
//	c, _ := ssojet.New(ref.BaseURL, ref.Token)
//	logs, _ := c.LoginLogs(ctx, ref.ClientID, ref.UserID) // the 24 entries of ref.Demo
//
// internal/server's own in-package tests cannot use it (it imports internal/server).
package servertest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// Token is the token of the demo client every reference server accepts.
const Token = "servertest-token-of-the-demo-client.6c0f"

// CacheBytes is the capacity of the reference server's response cache.
const CacheBytes = 1 << 20

// Reference is a running reference server.
type Reference struct {
	URL      string // the server's root, http://127.0.0.1:port
	BaseURL  string // the API's base URL: URL + /api/v1
	Token    string // a token of ClientID (the constant Token)
	ClientID string // server.DemoClientID
	UserID   string // server.DemoUserID, whose logs are Demo
	// Demo holds the seeded logs of UserID: the contract's 200 example, oldest first.
	Demo   []store.LoginLog
	Store  *sqlite.Store // the seeded SQLite file, open for the test to add or change logs
	Server *httptest.Server
}

// Option changes what Start and New build.
type Option func(*options)

type options struct {
	tokens     [][2]string // token, client id
	limiter    *server.RateLimiter
	middleware func(http.Handler) http.Handler
}

// WithToken binds another token to clientID (Token stays bound to the demo client).
func WithToken(token, clientID string) Option {
	return func(o *options) { o.tokens = append(o.tokens, [2]string{token, clientID}) }
}

// WithRateLimiter limits requests per token (server.Config.RateLimiter).
func WithRateLimiter(l *server.RateLimiter) Option {
	return func(o *options) { o.limiter = l }
}

// WithMiddleware serves the stack through mw, which sees every request before the server does
// (to record what a client sent, say).
func WithMiddleware(mw func(http.Handler) http.Handler) Option {
	return func(o *options) { o.middleware = mw }
}

// Start starts a reference server with its SQLite file in t.TempDir(); the test's cleanup stops
// it and closes the store. A failure to start fails the test.
func Start(t testing.TB, opts ...Option) *Reference {
	t.Helper()
	ref, err := New(t.TempDir(), opts...)
	if err != nil {
		t.Fatalf("start the reference server: %v", err)
	}
	t.Cleanup(ref.Close)
	return ref
}

// loadSpec parses the embedded contract once for every server of the test binary.
var loadSpec = sync.OnceValues(spec.Embedded)

// New starts a reference server with its SQLite file in dir, for a TestMain, which has no
// testing.TB; Close stops it.
func New(dir string, opts ...Option) (*Reference, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	doc, err := loadSpec()
	if err != nil {
		return nil, err
	}
	demo, err := server.DemoLogs(doc)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "loginlogs.db"))
	if err != nil {
		return nil, err
	}
	if seeded, err := server.SeedDemo(ctx, st, doc); err != nil || !seeded {
		st.Close()
		return nil, fmt.Errorf("seed %s: seeded %v, %v; want a new file seeded", dir, seeded, err)
	}
	tokens := &server.Tokens{}
	tokens.Add(Token, server.DemoClientID)
	for _, tc := range o.tokens {
		tokens.Add(tc[0], tc[1])
	}
	var h http.Handler = server.NewHandler(server.Config{
		Store: st, Validator: validate.New(doc), Tokens: tokens, Mode: validate.Enforce,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Cache: server.NewCache(CacheBytes),
		RateLimiter: o.limiter,
	})
	if o.middleware != nil {
		h = o.middleware(h)
	}
	srv := httptest.NewServer(h)
	return &Reference{
		URL: srv.URL, BaseURL: srv.URL + validate.BasePath,
		Token: Token, ClientID: server.DemoClientID, UserID: server.DemoUserID,
		Demo: demo, Store: st, Server: srv,
	}, nil
}

// Close stops the server, then closes the store.
func (r *Reference) Close() {
	r.Server.Close()
	r.Store.Close()
}

// GetWithCredentials sends GET target with one Authorization header per value of auths (and
// X-Request-Id id, unless empty), and returns the answer with its body read.
func GetWithCredentials(t testing.TB, target, id string, auths ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range auths {
		req.Header.Add("Authorization", a)
	}
	if id != "" {
		req.Header.Set("X-Request-Id", id)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", target, err)
	}
	return res, body
}
