package servertest_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
)

// TestStartServesTheDemoTenant: the package comment's example, judged by the SDK, kin-openapi
// alone (package oracle) and the seed fixture's entry count; another client's token is refused,
// and a middleware sees the requests.
func TestStartServesTheDemoTenant(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	ref := servertest.Start(t, servertest.WithToken("token-of-another-client", "cli_other"),
		servertest.WithMiddleware(func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				seen = append(seen, r.Header.Get("Authorization"))
				mu.Unlock()
				h.ServeHTTP(w, r)
			})
		}))
	if ref.ClientID != server.DemoClientID || ref.UserID != server.DemoUserID || ref.Token != servertest.Token {
		t.Errorf("Start: client %q, user %q, token %q; want the demo tenant and Token", ref.ClientID, ref.UserID, ref.Token)
	}

	c, err := ssojet.New(ref.BaseURL, ref.Token)
	if err != nil {
		t.Fatal(err)
	}
	logs, err := c.LoginLogs(t.Context(), ref.ClientID, ref.UserID)
	if err != nil {
		t.Fatalf("LoginLogs(%s, %s): %v", ref.ClientID, ref.UserID, err)
	}
	if len(logs) != 24 || len(ref.Demo) != 24 {
		t.Fatalf("LoginLogs: %d logs, Demo %d; want the contract example's 24", len(logs), len(ref.Demo))
	}
	for i, l := range logs {
		if !l.CreatedAt.Equal(ref.Demo[i].CreatedAt) || l.IpAddress != ref.Demo[i].IPAddress {
			t.Errorf("LoginLogs[%d] = %s %s, want Demo's %s %s", i, l.CreatedAt, l.IpAddress, ref.Demo[i].CreatedAt, ref.Demo[i].IPAddress)
		}
	}

	other, err := ssojet.New(ref.BaseURL, "token-of-another-client", ssojet.WithoutRetries())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.LoginLogs(t.Context(), ref.ClientID, ref.UserID); !ssojet.IsForbidden(err) {
		t.Errorf("LoginLogs with another client's token: %v, want 403", err)
	}

	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, ref.BaseURL+"/users/"+ref.UserID+"/loginlogs?client_id="+ref.ClientID, nil)
	req.Header.Set("Authorization", "Bearer "+ref.Token)
	res, err := ref.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200", req.URL, res.StatusCode)
	}
	if err := o.Response(req, res.StatusCode, res.Header, body); err != nil {
		t.Errorf("GET %s: the answer violates the contract: %v", req.URL, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 3 || seen[0] != "Bearer "+ref.Token || seen[1] != "Bearer token-of-another-client" {
		t.Errorf("the middleware saw %q; want the three requests' Authorization", seen)
	}
}

// TestNewNeedsAnEmptyDirectory: New seeds a new file; a directory whose file has users already
// is an error, not a server over someone else's data.
func TestNewNeedsAnEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	ref, err := servertest.New(dir)
	if err != nil {
		t.Fatalf("New(%s): %v", dir, err)
	}
	ref.Close()
	if _, err := os.Stat(filepath.Join(dir, "loginlogs.db")); err != nil {
		t.Fatalf("New(%s) left no SQLite file: %v", dir, err)
	}
	if ref, err := servertest.New(dir); err == nil {
		ref.Close()
		t.Errorf("New(%s) over a seeded file: nil error, want one", dir)
	}
}
