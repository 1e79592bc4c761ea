package fakeapi

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/ssojet-tools/loginlogs/internal/errbody"
)

// Bug is one misbehaviour of the fake that requests generated from the contract (loginlogs
// contract --generate) must catch.
type Bug string

// The bugs WithBug can give the fake.
const (
	// NoBug: a fake that also answers conditional requests (a stable ETag, If-None-Match).
	NoBug Bug = ""
	// Bug500ForPercent: 500 for a user id holding "%".
	Bug500ForPercent Bug = "500-for-percent-in-user-id"
	// Bug200ForEmptyClientID: 200 with the logs for an empty client_id.
	Bug200ForEmptyClientID Bug = "200-for-empty-client-id"
	// Bug200ForPost: 200 with the logs for POST.
	Bug200ForPost Bug = "200-for-post"
	// Bug500ForLongClientID: 500 for a client_id longer than 64 characters (the contract allows 128).
	Bug500ForLongClientID Bug = "500-for-client-id-over-64"
	// BugETagChanges: an ETag that changes on every read.
	BugETagChanges Bug = "etag-changes-on-every-read"
	// BugIfNoneMatchIgnored: a stable ETag, but If-None-Match ignored (always 200).
	BugIfNoneMatchIgnored Bug = "if-none-match-ignored"
	// Bug404NotSSOJet: a 404 for an unknown user without SSOJet's error body.
	Bug404NotSSOJet Bug = "404-without-error-body"
)

// WithBug returns a fake serving logs for UserID with a stable ETag and If-None-Match (304), and
// bug, one misbehaviour at a time.
func WithBug(logs []byte, bug Bug) *API {
	a := New(logs)
	sum := sha256.Sum256(logs)
	tag := `"` + hex.EncodeToString(sum[:8]) + `"`
	var reads atomic.Int64
	a.OK = func(w http.ResponseWriter, r *http.Request) {
		etag := tag
		if bug == BugETagChanges {
			etag = `"r` + strconv.FormatInt(reads.Add(1), 10) + `"`
		}
		w.Header().Set("ETag", etag)
		if bug != BugIfNoneMatchIgnored && strings.Contains(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(a.Logs)
	}
	a.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		user, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/api/v1/users/"), "/")
		q := r.URL.Query()
		switch {
		case bug == Bug500ForPercent && strings.Contains(user, "%"),
			bug == Bug500ForLongClientID && len([]rune(q.Get("client_id"))) > 64:
			errbody.Write(w, http.StatusInternalServerError, "internal_server_error", 850, "The server could not complete the request.")
		case bug == Bug200ForEmptyClientID && q.Has("client_id") && q.Get("client_id") == "",
			bug == Bug200ForPost && r.Method == http.MethodPost:
			w.Header().Set("Content-Type", "application/json")
			w.Write(a.Logs)
		default:
			return false
		}
		return true
	}
	if bug == Bug404NotSSOJet {
		a.Error = func(w http.ResponseWriter, status int, name string, code int, description string) {
			if status != http.StatusNotFound {
				errbody.Write(w, status, name, code, description)
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte("404 page not found\n"))
		}
	}
	return a
}
