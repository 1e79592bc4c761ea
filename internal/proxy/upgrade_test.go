package proxy_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// switchingUpstream answers every request 101, switching to the protocol the request asked for
// (or "hostile" when it asked for none), then echoes each line it reads on the connection until
// the connection ends, which it reports on closed.
func switchingUpstream(t *testing.T) (up *httptest.Server, closed <-chan struct{}) {
	t.Helper()
	done := make(chan struct{}, 10)
	up = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		protocol := r.Header.Get("Upgrade")
		if protocol == "" {
			protocol = "hostile"
		}
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: " + protocol + "\r\n\r\n")
		brw.Flush()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		for {
			line, err := brw.ReadString('\n')
			if err != nil {
				done <- struct{}{}
				return
			}
			brw.WriteString(line)
			brw.Flush()
		}
	}))
	t.Cleanup(up.Close)
	return up, done
}

// TestProtocolSwitch: an upstream answering 101 Switching Protocols breaks the contract (a
// status it does not document), counted once. In report mode, to a client that asked for that
// protocol, the switch passes as the upstream sent it and bytes go both ways unchanged; in
// enforce mode the client gets a 502 naming the status. A switch the client did not ask for is
// a 502 in both modes, saying so, and the upstream's connection is closed.
func TestProtocolSwitch(t *testing.T) {
	for _, tc := range []struct {
		name    string
		mode    validate.Policy
		upgrade string
		status  string
		say     string
	}{
		{"asked/report", validate.Report, "websocket", "HTTP/1.1 101 Switching Protocols", ""},
		{"asked/enforce", validate.Enforce, "websocket", "HTTP/1.1 502 Bad Gateway", "status"},
		{"unasked/report", validate.Report, "", "HTTP/1.1 502 Bad Gateway", "switch"},
		{"unasked/enforce", validate.Enforce, "", "HTTP/1.1 502 Bad Gateway", "status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			up, closed := switchingUpstream(t)
			pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = tc.mode })
			header := ""
			if tc.upgrade != "" {
				header = "Connection: Upgrade\r\nUpgrade: " + tc.upgrade + "\r\n"
			}
			conn := rawRequest(t, false, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), header)
			br := bufio.NewReader(conn)
			res, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("reading the answer: %v", err)
			}
			body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
			if got := "HTTP/1.1 " + res.Status; got != tc.status {
				t.Fatalf("status line %q, want %q (body %q)", got, tc.status, body)
			}
			if res.StatusCode == http.StatusSwitchingProtocols {
				io.WriteString(conn, "ping\n")
				if line, err := br.ReadString('\n'); line != "ping\n" {
					t.Errorf("after the switch: sent ping, the upstream's echo came back as %q (%v)", line, err)
				}
				conn.Close()
			} else if !strings.Contains(strings.ToLower(string(body)), tc.say) {
				t.Errorf("502 body %q: want it to name the %s", body, tc.say)
			}
			select {
			case <-closed:
			case <-time.After(10 * time.Second):
				t.Errorf("the upstream's connection was never closed")
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := pr.p.Wait(ctx); err != nil { // a switched connection outlives the server's Close
				t.Fatalf("the exchange did not end: %v", err)
			}
			s := pr.summary()
			errs := 0
			for _, n := range s.UpstreamErrors {
				errs += n
			}
			if s.UpstreamViolations != 1 || s.Exchanges != 1 || errs != 0 {
				t.Errorf("summary: %d upstream violations, %d exchanges, upstream errors %v; want the 101 counted once as a violation", s.UpstreamViolations, s.Exchanges, s.UpstreamErrors)
			}
		})
	}
}
