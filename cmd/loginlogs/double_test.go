package main

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/server"
)

// preferring is a transport that adds a Prefer header to every request and counts them.
type preferring struct {
	prefer string
	n      atomic.Int32
}

func (p *preferring) RoundTrip(req *http.Request) (*http.Response, error) {
	p.n.Add(1)
	req = req.Clone(req.Context())
	req.Header.Set("Prefer", p.prefer)
	return http.DefaultTransport.RoundTrip(req)
}

// TestServeAsATestDouble: serve's --error-rate answers 503 with Retry-After, which the Go SDK
// retries until its retries run out; --cors-origin answers preflights of the origins listed;
// an origin given in capitals matches the browser's lowercase one; Prefer picks a documented answer; /metrics has latency histograms and Go's metrics. Bad
// values of the new flags are usage errors.
func TestServeAsATestDouble(t *testing.T) {
	const token = "double-test-token"
	tokens := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(tokens, []byte(token+" "+server.DemoClientID+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cc := newContractCheck(t)
	stdout, _, stop := startServe(t, []string{"--addr", "127.0.0.1:0", "--tokens", tokens,
		"--database-url", "sqlite:" + filepath.Join(t.TempDir(), "loginlogs.db"),
		"--error-rate", "100%", "--latency", "1ms-2ms",
		"--cors-origin", "http://a.example", "--cors-origin", "http://b.example,HTTP://C.Example"}, noEnv)
	defer stop()
	base := servingLine.FindStringSubmatch(stdout.String())[1]
	logs := base + "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID

	tr := &preferring{prefer: "retry-after=0"}
	c, err := sdk.New(base+"/api/v1", token, sdk.WithHTTPClient(&http.Client{Transport: tr}), sdk.WithRetries(2))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.LoginLogs(t.Context(), server.DemoClientID, server.DemoUserID)
	var apiErr *sdk.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable || tr.n.Load() != 3 {
		t.Errorf("LoginLogs with --error-rate 100%%: %v after %d requests; want a 503 after 3 (two retries)", err, tr.n.Load())
	}
	res, body := get(t, logs, token)
	checkSSOJetError(t, res, body, 853)
	if err := cc.check(res, body); err != nil {
		t.Error(err)
	}

	req, _ := http.NewRequestWithContext(t.Context(), http.MethodOptions, logs, nil)
	req.Header.Set("Origin", "http://c.example")
	req.Header.Set("Access-Control-Request-Method", "GET")
	req.Header.Set("Access-Control-Request-Headers", "authorization")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != "http://c.example" {
		t.Errorf("preflight from http://c.example: %d, Allow-Origin %q; want 204 naming it", res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}

	res, body = get(t, base+"/metrics", "")
	for _, family := range []string{"loginlogs_request_duration_seconds_bucket", "go_goroutines ", "process_cpu_seconds_total "} {
		if !strings.Contains(string(body), "\n"+family) {
			t.Errorf("GET /metrics: %d, no %s", res.StatusCode, family)
		}
	}

	for _, bad := range [][]string{{"--error-rate", "2"}, {"--error-rate", "lots"}, {"--latency", "2s-1s"}, {"--latency", "5"}, {"--latency", "2h"}} {
		_, stderr, code := runCLI(t, nil, append([]string{"serve", "--addr", "127.0.0.1:0"}, bad...)...)
		if code != exitUsage || !strings.Contains(stderr, bad[0]) {
			t.Errorf("serve %v: exit %d, stderr %q; want exit 2 naming %s", bad, code, stderr, bad[0])
		}
	}
}
