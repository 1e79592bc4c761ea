package ssojet_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ssojet-tools/loginlogs/api/ssojet"
)

// TestUserIDThatIsNoPathSegment: a user id that a URL resolves away as a dot segment (".", "..")
// or that is empty (the contract's minLength is 1) is refused before anything is sent: the
// request, with the token, would go to another path than /users/{userid}/loginlogs. Any other id
// reaches that path, escaped.
func TestUserIDThatIsNoPathSegment(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.EscapedPath())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"login_logs":[]}`))
	}))
	defer srv.Close()
	c, err := ssojet.New(srv.URL+"/api/v1", token)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"", ".", ".."} {
		_, err := c.LoginLogs(context.Background(), clientID, id)
		if err == nil || !strings.Contains(err.Error(), "user id") {
			t.Errorf("LoginLogs of user %q: %v; want an error naming the user id", id, err)
		}
	}
	for _, id := range []string{"...", ".a", "a/..", "%2e%2e"} {
		if _, err := c.LoginLogs(context.Background(), clientID, id); err != nil {
			t.Errorf("LoginLogs of user %q: %v", id, err)
		}
	}
	want := []string{"/api/v1/users/.../loginlogs", "/api/v1/users/.a/loginlogs", "/api/v1/users/a%2F../loginlogs", "/api/v1/users/%252e%252e/loginlogs"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("requests reached %q, want %q", paths, want)
	}
}
