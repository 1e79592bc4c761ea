// Package fakeapi is a hand-written fake of SSOJet's login-logs endpoint for tests: by default it
// answers like the real API (the seed's logs for one known token, client and user; SSOJet-shaped
// 400, 401, 403 and 404 errors), and its function fields make it misbehave in one way at a time.
// It is an http.Handler, so tests can swap it for the reference server.
package fakeapi

import (
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/ssojet-tools/loginlogs/internal/errbody"
)

// Known credentials of the fake.
const (
	Token    = "fake-token-7f3a9c"
	ClientID = "cli_cq2k021saqbs710j7ftg.edce6a1f"
	UserID   = "6694c154565dfee5166d1cc7"
	// OtherUserID exists in the fake and has no logs.
	OtherUserID = "6694c154565dfee5166d1cc8"
	// UnknownUserID is a well-formed id of no user.
	UnknownUserID = "000000000000000000000000"
)

// API is the fake. Zero function fields mean "behave".
type API struct {
	// Logs is the 200 body for UserID, e.g. the seed file's bytes.
	Logs []byte
	// Intercept, when set, sees every request first and returns true when it answered it.
	Intercept func(w http.ResponseWriter, r *http.Request) bool
	// OK, when set, answers an authorised request for a known user instead of Logs.
	OK func(w http.ResponseWriter, r *http.Request)
	// Error, when set, writes the error answers instead of SSOJet's documented shape.
	Error func(w http.ResponseWriter, status int, name string, code int, description string)
	// Requests receives every request the fake sees, when set.
	Requests func(r *http.Request)
	open     atomic.Int64
}

// New returns a well-behaved fake serving logs for UserID.
func New(logs []byte) *API { return &API{Logs: logs} }

// Open returns how many answers the fake is still writing (of a hostile fake's slow=D or
// endless, one whose client went away ends).
func (a *API) Open() int64 { return a.open.Load() }

// ServeHTTP answers GET (and HEAD) /api/v1/users/{userid}/loginlogs like SSOJet.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.open.Add(1)
	defer a.open.Add(-1)
	if a.Requests != nil {
		a.Requests(r)
	}
	if a.Intercept != nil && a.Intercept(w, r) {
		return
	}
	rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/api/v1/users/")
	user, tail, _ := strings.Cut(rest, "/")
	user, err := url.PathUnescape(user)
	if !ok || tail != "loginlogs" || user == "" || err != nil {
		a.fail(w, http.StatusNotFound, "resource_not_found", 801, "No such resource.")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		a.fail(w, http.StatusMethodNotAllowed, "method_not_allowed", 805, "Only GET and HEAD are allowed.")
		return
	}
	// What the contract's schemas forbid, before authentication as the contract says.
	switch {
	case utf8.RuneCountInString(user) > 64:
		a.fail(w, http.StatusBadRequest, "malformed_request", 800, `path parameter "userid" is longer than 64 characters`)
		return
	case utf8.RuneCountInString(r.URL.Query().Get("client_id")) > 128:
		a.fail(w, http.StatusBadRequest, "invalid_query_parameters", 842, `query parameter "client_id" is longer than 128 characters`)
		return
	case len(r.Header.Values("Authorization")) > 1:
		a.fail(w, http.StatusBadRequest, "malformed_request", 800, "more than one Authorization header")
		return
	}
	for _, h := range []string{"Accept-Language", "User-Agent", "If-None-Match"} {
		if utf8.RuneCountInString(r.Header.Get(h)) > 1024 {
			a.fail(w, http.StatusBadRequest, "malformed_request", 800, "header "+h+" is longer than 1024 characters")
			return
		}
	}
	token, hasBearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !hasBearer || token != Token {
		w.Header().Set("WWW-Authenticate", `Bearer realm="ssojet", error="invalid_token"`)
		a.fail(w, http.StatusUnauthorized, "invalid_token", 1002, "The bearer token is missing or not valid.")
		return
	}
	clientID := r.URL.Query().Get("client_id")
	switch {
	case clientID == "":
		a.fail(w, http.StatusBadRequest, "invalid_query_parameters", 842, `query parameter "client_id" is required`)
		return
	case clientID != ClientID:
		a.fail(w, http.StatusForbidden, "access_denied", 1003, "The token was not issued to this client_id.")
		return
	}
	switch user {
	case UserID:
		if a.OK != nil {
			a.OK(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(a.Logs)
	case OtherUserID:
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"login_logs":[]}`))
	default:
		a.fail(w, http.StatusNotFound, "resource_not_found", 801, "User not found.")
	}
}

func (a *API) fail(w http.ResponseWriter, status int, name string, code int, description string) {
	if a.Error != nil {
		a.Error(w, status, name, code, description)
		return
	}
	errbody.Write(w, status, name, code, description)
}
