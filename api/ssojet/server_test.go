package ssojet_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// The tenant of the reference servers the tests and examples run against: the demo client and
// user the server seeds with the contract's example, a token of that client, and a token of
// another client.
const (
	token      = "sdk-test-token.5f1c0b2e9a7d4c38"
	otherToken = "sdk-test-token-of-another-client.77aa"
	clientID   = server.DemoClientID
	userID     = server.DemoUserID
)

// baseURL is the API of the reference server TestMain starts for the examples.
var baseURL string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ssojet-sdk-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ref, err := startReference(dir, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	baseURL = ref.BaseURL
	code := m.Run()
	ref.Close()
	os.RemoveAll(dir)
	os.Exit(code)
}

// reference is the project's reference server (internal/server, response validation enforced)
// over a SQLite file seeded with the contract's 24-entry example, on loopback.
type reference struct {
	BaseURL string
	Store   *sqlite.Store
	Demo    []store.LoginLog // the seeded logs, from the contract's example

	srv *httptest.Server
	mu  sync.Mutex
	req []http.Header // the headers of every request received
}

// startReference starts a reference server with its SQLite file in dir; edit may change its
// configuration.
func startReference(dir string, edit func(*server.Config)) (*reference, error) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "loginlogs.db"))
	if err != nil {
		return nil, err
	}
	doc, err := spec.Embedded()
	if err != nil {
		st.Close()
		return nil, err
	}
	if _, err := server.SeedDemo(ctx, st, doc); err != nil {
		st.Close()
		return nil, err
	}
	demo, err := server.DemoLogs(doc)
	if err != nil {
		st.Close()
		return nil, err
	}
	tokens := &server.Tokens{}
	tokens.Add(token, clientID)
	tokens.Add(otherToken, "cli_another_client")
	cfg := server.Config{Store: st, Validator: validate.New(doc), Tokens: tokens, Mode: server.Enforce,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Cache: server.NewCache(1 << 20)}
	if edit != nil {
		edit(&cfg)
	}
	ref := &reference{Store: st, Demo: demo}
	h := server.NewHandler(cfg)
	ref.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ref.mu.Lock()
		ref.req = append(ref.req, r.Header.Clone())
		ref.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	ref.BaseURL = ref.srv.URL + "/api/v1"
	return ref, nil
}

// newReference starts a reference server for one test.
func newReference(t testing.TB, edit func(*server.Config)) *reference {
	t.Helper()
	ref, err := startReference(t.TempDir(), edit)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ref.Close)
	return ref
}

// Close stops the server and closes its store.
func (r *reference) Close() {
	r.srv.Close()
	r.Store.Close()
}

// requests returns the headers of the requests received so far.
func (r *reference) requests() []http.Header {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]http.Header(nil), r.req...)
}
