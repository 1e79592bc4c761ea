package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/server"
)

// TestServeRateLimit: --rate-limit and --rate-burst (or their environment variables) limit each
// token; beyond the burst a token gets 429 with Retry-After in whole seconds and SSOJet's body,
// valid per the contract. Bad values are usage errors (exit 2).
func TestServeRateLimit(t *testing.T) {
	const token = "rate-test-token"
	dir := t.TempDir()
	tokens := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokens, []byte(token+" "+server.DemoClientID+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cc := newContractCheck(t)
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"flags", []string{"--rate-limit", "0.2", "--rate-burst", "3"}, nil},
		{"environment", nil, map[string]string{"LOGINLOGS_RATE_LIMIT": "0.2", "LOGINLOGS_RATE_BURST": "3"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"--addr", "127.0.0.1:0", "--tokens", tokens,
				"--database-url", "sqlite:" + filepath.Join(t.TempDir(), "loginlogs.db")}, c.args...)
			stdout, _, stop := startServe(t, args, func(k string) string { return c.env[k] })
			defer stop()
			base := servingLine.FindStringSubmatch(stdout.String())[1]
			statuses := []int{}
			var last *http.Response
			var lastBody []byte
			for range 4 {
				res, body := get(t, base+"/api/v1/users/"+server.DemoUserID+"/loginlogs?client_id="+server.DemoClientID, token)
				statuses = append(statuses, res.StatusCode)
				last, lastBody = res, body
			}
			if want := []int{200, 200, 200, 429}; !slices.Equal(statuses, want) {
				t.Fatalf("4 requests with a burst of 3: statuses %v, want %v", statuses, want)
			}
			checkSSOJetError(t, last, lastBody, 829)
			if err := cc.check(last, lastBody); err != nil {
				t.Error(err)
			}
			if ra, err := strconv.Atoi(last.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 5 {
				t.Errorf("429: Retry-After %q, want whole seconds in [1, 5]", last.Header.Get("Retry-After"))
			}
		})
	}
	for _, bad := range [][]string{{"--rate-limit", "fast"}, {"--rate-limit", "-1"}, {"--rate-burst", "1.5"}, {"--rate-limit", "1e-300"}, {"--rate-limit", "0.00001"}} {
		_, stderr, code := runCLI(t, nil, append([]string{"serve", "--addr", "127.0.0.1:0"}, bad...)...)
		if code != exitUsage || !strings.Contains(stderr, bad[0]) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("serve %v: exit %d, stderr %q; want exit 2 and one line naming %s", bad, code, stderr, bad[0])
		}
	}
	if stdout, _, _ := runCLI(t, nil, "serve", "--help"); !strings.Contains(stdout, "at least 0.0000116") || !strings.Contains(stdout, "failed authentications") {
		t.Errorf("serve --help does not state the least --rate-limit and the limit of failed authentications:\n%s", stdout)
	}
}

// TestServeLimitsFailedAuthentication: with --rate-limit, 50 wrong tokens from one address get
// 401 for the burst, then 429 with Retry-After in SSOJet's body, valid per the contract; the
// right token from that address is refused too while it waits, and gets 200 from another
// address (127.0.0.2).
func TestServeLimitsFailedAuthentication(t *testing.T) {
	const token = "auth-limit-test-token"
	stdout, _, stop := startServe(t, []string{"--addr", "127.0.0.1:0", "--tokens", tokenFile(t, token),
		"--database-url", "sqlite:" + filepath.Join(t.TempDir(), "loginlogs.db"), "--rate-limit", "0.01", "--rate-burst", "3"}, noEnv)
	defer stop()
	base := servingLine.FindStringSubmatch(stdout.String())[1]
	demo := base + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID
	counts := map[int]int{}
	var last *http.Response
	var lastBody []byte
	for i := range 50 {
		last, lastBody = get(t, demo, fmt.Sprintf("guess-%d", i))
		counts[last.StatusCode]++
	}
	if counts[401] != 3 || counts[429] != 47 {
		t.Fatalf("50 wrong tokens with --rate-limit 0.01 --rate-burst 3: statuses %v, want 3 × 401 and 47 × 429", counts)
	}
	checkSSOJetError(t, last, lastBody, 829)
	if err := newContractCheck(t).check(last, lastBody); err != nil {
		t.Error(err)
	}
	if ra, err := strconv.Atoi(last.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 100 {
		t.Errorf("429: Retry-After %q, want whole seconds in [1, 100]", last.Header.Get("Retry-After"))
	}
	if res, body := get(t, demo, token); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the right token from the limited address: status %d, want 429\n%s", res.StatusCode, body)
	}
	other := &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}}).DialContext}}
	req, _ := http.NewRequestWithContext(t.Context(), "GET", demo, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := other.Do(req)
	if err != nil {
		t.Skipf("no connection from 127.0.0.2: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("the right token from 127.0.0.2: status %d, want 200", res.StatusCode)
	}
}

func get(t *testing.T, url, token string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", url, err)
	}
	return res, body
}
