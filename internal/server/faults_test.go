package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"
	"github.com/ssojet-tools/loginlogs/internal/validate"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

// TestPostgresGoingAway puts a TCP proxy between the server and the real PostgreSQL and cuts it
// mid-run: every answer while it is down is 503 service_unavailable with Retry-After (validated
// against the contract) and /readyz is 503; when it is restored, the same server answers 200
// again without a restart.
func TestPostgresGoingAway(t *testing.T) {
	proxy, proxied := pgtest.StartProxy(t, pgtest.FreshURL(t))
	st, err := postgres.Open(t.Context(), proxied)
	if err != nil {
		t.Fatalf("postgres.Open through the proxy: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	doc, _ := loadSpec()
	if _, err := server.SeedDemo(t.Context(), st, doc); err != nil {
		t.Fatalf("SeedDemo: %v", err)
	}
	faultCycle(t, st, proxy.Cut, proxy.Restore, proxy.CutCount)
}

// faultCycle serves st, checks 200s, breaks the store, expects only 503s (and /readyz 503),
// repairs it and expects 200s again. connsCut, if set, reports how many connections the fault
// severed.
func faultCycle(t *testing.T, st server.Store, breakIt, repair func(), connsCut func() int) {
	t.Helper()
	logs := &logBuffer{}
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	ts := httptest.NewServer(server.NewHandler(server.Config{
		Store: st, Validator: validator(t), Tokens: tokens, Mode: validate.Enforce,
		Logger: slog.New(slog.NewJSONHandler(logs, nil)),
	}))
	t.Cleanup(ts.Close)
	demo := ts.URL + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID
	counts := map[string]map[int]int{"before": {}, "during": {}, "after": {}}

	for range 20 {
		res, body := do(t, "GET", demo, tokenA)
		counts["before"][res.StatusCode]++
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET before the fault: status %d, want 200\n%s", res.StatusCode, body)
		}
	}
	// Background clients run through the whole fault: each answer is 200 or 503, never a 500
	// or a dropped connection.
	var bg sync.WaitGroup
	var bgMu sync.Mutex
	bgStatuses := map[int]int{}
	stopBG := make(chan struct{})
	for range 4 {
		bg.Go(func() {
			for {
				select {
				case <-stopBG:
					return
				default:
				}
				req, _ := http.NewRequestWithContext(t.Context(), "GET", demo, nil)
				req.Header.Set("Authorization", "Bearer "+tokenA)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Errorf("background GET: %v", err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				bgMu.Lock()
				bgStatuses[res.StatusCode]++
				bgMu.Unlock()
				if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusServiceUnavailable {
					t.Errorf("background GET: status %d, want 200 or 503", res.StatusCode)
					return
				}
			}
		})
	}
	time.Sleep(200 * time.Millisecond)
	breakIt()
	for i := range 20 {
		res, body := do(t, "GET", demo, tokenA)
		counts["during"][res.StatusCode]++
		if res.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("GET %d during the fault: status %d, want 503\n%s\nlog:\n%s", i+1, res.StatusCode, body, logs.String())
		}
		checkContract(t, res, body)
		checkError(t, res, body, 853, "")
		if res.Header.Get("Retry-After") == "" {
			t.Errorf("GET during the fault: 503 without Retry-After")
		}
	}
	res, body := do(t, "GET", ts.URL+"/readyz", "")
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("GET /readyz during the fault: status %d, want 503\n%s", res.StatusCode, body)
	}
	checkError(t, res, body, 853, "")
	repair()
	deadline := time.Now().Add(30 * time.Second)
	for recovered := 0; recovered < 20; {
		res, body := do(t, "GET", demo, tokenA)
		counts["after"][res.StatusCode]++
		switch {
		case res.StatusCode == http.StatusOK:
			recovered++
		case res.StatusCode != http.StatusServiceUnavailable:
			t.Fatalf("GET after repair: status %d, want 200 or 503 while reconnecting\n%s", res.StatusCode, body)
		case time.Now().After(deadline):
			t.Fatalf("GET after repair: still 503 after 30s\n%s", body)
		default:
			time.Sleep(100 * time.Millisecond)
		}
	}
	if res, body := do(t, "GET", ts.URL+"/readyz", ""); res.StatusCode != http.StatusOK {
		t.Fatalf("GET /readyz after repair: status %d, want 200\n%s", res.StatusCode, body)
	}
	close(stopBG)
	bg.Wait()
	cut := 0
	if connsCut != nil {
		cut = connsCut()
	}
	t.Logf("requests before/during/after the fault by status: %v / %v / %v; 4 background clients throughout: %v; connections severed or refused: %d; no 500, no lost answer",
		counts["before"], counts["during"], counts["after"], bgStatuses, cut)
}

// TestSQLiteGoingAway: an embedded SQLite file cannot vanish under open connections (POSIX keeps
// an unlinked or moved file readable), so "going away" means its directory is moved away (a
// volume unmounted, a careless mv) or removed. The API keeps answering the data of the file it
// has open (200, nothing lost), while /readyz answers 503 in SSOJet's shape so that an
// orchestrator stops routing to and restarts a server whose file is gone; when the directory
// comes back, /readyz is 200 again. Removed for good, /readyz stays 503.
func TestSQLiteGoingAway(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(t.Context(), filepath.Join(dir, "loginlogs.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	doc, _ := loadSpec()
	if _, err := server.SeedDemo(t.Context(), st, doc); err != nil {
		t.Fatalf("SeedDemo: %v", err)
	}
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	ts := httptest.NewServer(server.NewHandler(server.Config{
		Store: st, Validator: validator(t), Tokens: tokens, Mode: validate.Enforce,
		Logger: slog.New(slog.NewJSONHandler(&logBuffer{}, nil)),
	}))
	t.Cleanup(ts.Close)
	demo := ts.URL + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID
	check := func(phase string, ready int) {
		t.Helper()
		res, body := do(t, "GET", demo, tokenA)
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"IpAddress"`) {
			t.Fatalf("GET %s: status %d, want 200 with the seeded logs\n%s", phase, res.StatusCode, body)
		}
		checkContract(t, res, body)
		res, body = do(t, "GET", ts.URL+"/readyz", "")
		if res.StatusCode != ready {
			t.Fatalf("GET /readyz %s: status %d, want %d\n%s", phase, res.StatusCode, ready, body)
		}
		if ready != http.StatusOK {
			checkError(t, res, body, 853, "")
			if res.Header.Get("Retry-After") == "" {
				t.Errorf("GET /readyz %s: 503 without Retry-After", phase)
			}
		}
	}
	check("before", http.StatusOK)
	if err := os.Rename(dir, dir+".away"); err != nil {
		t.Fatal(err)
	}
	check("with the directory moved away", http.StatusServiceUnavailable)
	if err := os.Rename(dir+".away", dir); err != nil {
		t.Fatal(err)
	}
	check("with the directory back", http.StatusOK)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	check("with the directory removed", http.StatusServiceUnavailable)
	t.Logf("faults injected: directory moved away, moved back, removed; the API answered 200 from the open file throughout, /readyz 503 while the path did not name it")
}
