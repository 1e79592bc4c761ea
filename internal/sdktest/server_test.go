// The tests of the SDK (api/ssojet) that run it against the reference server. They live in the
// root module: the SDK's own module (api/ssojet/go.mod) then requires nothing of the server side.
package ssojet_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
)

// The tenant of the reference servers the tests run against: the demo client and user the server
// seeds with the contract's example, a token of that client, and a token of another client.
const (
	token      = "sdk-test-token.5f1c0b2e9a7d4c38"
	otherToken = "sdk-test-token-of-another-client.77aa"
	clientID   = server.DemoClientID
	userID     = server.DemoUserID
)

// reference is the project's reference server (package servertest: internal/server, response
// validation enforced, over a SQLite file seeded with the contract's 24-entry example, on
// loopback) with the tokens above, recording the headers of every request it receives.
type reference struct {
	*servertest.Reference

	mu  sync.Mutex
	req []http.Header // the headers of every request received
}

// startReference starts a reference server with its SQLite file in dir, changed by opts.
func startReference(dir string, opts ...servertest.Option) (*reference, error) {
	ref := &reference{}
	record := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ref.mu.Lock()
			ref.req = append(ref.req, r.Header.Clone())
			ref.mu.Unlock()
			h.ServeHTTP(w, r)
		})
	}
	opts = append([]servertest.Option{servertest.WithToken(token, clientID),
		servertest.WithToken(otherToken, "cli_another_client"), servertest.WithMiddleware(record)}, opts...)
	r, err := servertest.New(dir, opts...)
	if err != nil {
		return nil, err
	}
	ref.Reference = r
	return ref, nil
}

// newReference starts a reference server for one test.
func newReference(t testing.TB, opts ...servertest.Option) *reference {
	t.Helper()
	ref, err := startReference(t.TempDir(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ref.Close)
	return ref
}

// requests returns the headers of the requests received so far.
func (r *reference) requests() []http.Header {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]http.Header(nil), r.req...)
}
