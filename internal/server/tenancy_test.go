package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"
	"github.com/ssojet-tools/loginlogs/internal/validate"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

// writableStore is a Store the test can fill.
type writableStore interface {
	server.Store
	AddLoginLogs(ctx context.Context, clientID, userID string, logs []store.LoginLog) error
}

// TestTenancyProperty fills a real store with random clients that share user ids, then sends
// random requests (any token, any client_id, any user) over real HTTP: a 200 only ever carries
// the logs of the token's own client and the requested user, all of them, in order; every other
// combination is 401, 403 or 404. LOGINLOGS_TENANCY_SEED replays a run.
func TestTenancyProperty(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "tenancy.db"))
		if err != nil {
			t.Fatalf("sqlite.Open: %v", err)
		}
		t.Cleanup(func() { st.Close() })
		tenancyProperty(t, st)
	})
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(t.Context(), pgtest.FreshURL(t))
		if err != nil {
			t.Fatalf("postgres.Open: %v", err)
		}
		t.Cleanup(func() { st.Close() })
		tenancyProperty(t, st)
	})
}

type tenant struct {
	clientID, token string
	users           map[string][]string // user id -> IpAddress of each log, oldest first
}

func tenancyProperty(t *testing.T, st writableStore) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("LOGINLOGS_TENANCY_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("LOGINLOGS_TENANCY_SEED=%q: %v", s, err)
		}
	}
	t.Logf("seed %d (LOGINLOGS_TENANCY_SEED=%d replays this run)", seed, seed)
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	hex := func(n int) string {
		const digits = "0123456789abcdef"
		b := make([]byte, n)
		for i := range b {
			b[i] = digits[r.IntN(16)]
		}
		return string(b)
	}

	// A pool of user ids shared by the clients: the same user id exists under several clients.
	userPool := make([]string, 12)
	for i := range userPool {
		userPool[i] = hex(24)
	}
	owner := map[string]string{} // IpAddress -> "client/user" it was written for
	tenants := make([]tenant, 2+r.IntN(5))
	tokens := &server.Tokens{}
	base := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	written := 0
	for i := range tenants {
		tn := tenant{clientID: "cli_" + hex(20) + "." + hex(8), token: "tok_" + hex(32), users: map[string][]string{}}
		tokens.Add(tn.token, tn.clientID)
		for _, u := range userPool {
			if r.IntN(3) == 0 {
				continue
			}
			logs := make([]store.LoginLog, r.IntN(6))
			ips := make([]string, len(logs))
			for k := range logs {
				ip := fmt.Sprintf("2001:db8::%x:%x", i, written) // unique: a returned log names its owner
				logs[k] = store.LoginLog{
					IPAddress: ip, Country: "C" + tn.clientID[4:8], City: "UnknownCity", Name: tn.clientID + "/" + u,
					CreatedAt: base.Add(time.Duration(written) * time.Minute),
				}
				ips[k] = ip
				owner[ip] = tn.clientID + "/" + u
				written++
			}
			if err := st.AddLoginLogs(t.Context(), tn.clientID, u, logs); err != nil {
				t.Fatalf("AddLoginLogs(%s, %s): %v", tn.clientID, u, err)
			}
			tn.users[u] = ips
		}
		tenants[i] = tn
	}

	h := server.NewHandler(server.Config{
		Store: st, Validator: validator(t), Tokens: tokens, Mode: validate.Enforce,
		Logger: slog.New(slog.NewTextHandler(&logBuffer{}, nil)),
	})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)

	const requests = 600
	statuses := map[int]int{}
	crossTenant, logsSeen := 0, 0
	for n := range requests {
		me := tenants[r.IntN(len(tenants))]
		token := me.token
		if r.IntN(10) == 0 {
			token = "tok_" + hex(32) // unknown
		}
		asked := me.clientID
		if r.IntN(3) == 0 {
			asked = tenants[r.IntN(len(tenants))].clientID
		}
		user := userPool[r.IntN(len(userPool))]
		if r.IntN(10) == 0 {
			user = hex(24)
		}
		if asked != me.clientID || token != me.token {
			crossTenant++
		}
		res, body := do(t, "GET", ts.URL+"/api/v1/users/"+url.PathEscape(user)+"/loginlogs?client_id="+url.QueryEscape(asked), token)
		statuses[res.StatusCode]++
		checkContract(t, res, body)
		want := http.StatusOK
		_, has := me.users[user]
		switch {
		case token != me.token:
			want = http.StatusUnauthorized
		case asked != me.clientID:
			want = http.StatusForbidden
		case !has:
			want = http.StatusNotFound
		}
		if res.StatusCode != want {
			t.Fatalf("request %d (seed %d): GET user %s client_id %s with the token of %s: status %d, want %d\n%s",
				n, seed, user, asked, me.clientID, res.StatusCode, want, body)
		}
		if want != http.StatusOK {
			continue
		}
		var got struct {
			LoginLogs []struct{ IpAddress, Name string } `json:"login_logs"`
		}
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatalf("request %d: decode 200: %v", n, err)
		}
		wantIPs := me.users[user]
		if len(got.LoginLogs) != len(wantIPs) {
			t.Fatalf("request %d (seed %d): %d logs for %s/%s, want %d", n, seed, len(got.LoginLogs), me.clientID, user, len(wantIPs))
		}
		for k, l := range got.LoginLogs {
			if o := owner[l.IpAddress]; o != me.clientID+"/"+user || l.Name != o || l.IpAddress != wantIPs[k] {
				t.Fatalf("request %d (seed %d): log %d (%s) belongs to %q, asked for %s/%s", n, seed, k, l.IpAddress, o, me.clientID, user)
			}
		}
		logsSeen += len(got.LoginLogs)
	}
	t.Logf("%d clients, %d users each at most, %d logs written; %d requests (%d with a foreign or unknown token/client_id): statuses %v, %d logs returned, 0 of another tenant",
		len(tenants), len(userPool), written, requests, crossTenant, statuses, logsSeen)
}
