package ssojet_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api/ssojet"
)

// TestHeadersOverTheLimit: an answer whose headers are longer than the transport reads
// (MaxResponseHeaderBytes), over HTTP/1.1 and HTTP/2, in its final answer or in 1xx answers
// before it, is an *ssojet.HeadersTooLargeError naming the limit, which matches ErrTooLarge: the
// server was reached. It holds the Doer to the texts of net/http's errors, which it matches.
// (Over HTTP/2, headers far over the limit make net/http close the connection with a
// compression or protocol error, which says nothing of the limit: two headers of 5 KiB are
// within what it reads of one frame.)
func TestHeadersOverTheLimit(t *testing.T) {
	const limit = 8 << 10
	for _, tc := range []struct {
		name string
		h2   bool
		// hints 103 answers of 1 KiB of headers each come first; then two headers of pad
		// bytes each in the final answer.
		hints, pad int
	}{
		{"http1", false, 0, 5 << 10},
		{"http1 1xx", false, 2 * limit >> 10, 0},
		{"http2", true, 0, 5 << 10},
		{"http2 1xx", true, 2 * limit >> 10, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for range tc.hints {
					w.Header().Set("Link", "</"+strings.Repeat("h", 1<<10)+">; rel=preload")
					w.WriteHeader(http.StatusEarlyHints)
				}
				w.Header().Del("Link")
				w.Header().Set("X-Padding-1", strings.Repeat("p", tc.pad))
				w.Header().Set("X-Padding-2", strings.Repeat("q", tc.pad))
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(`{"login_logs":[]}`))
			}))
			srv.EnableHTTP2 = tc.h2
			srv.StartTLS()
			defer srv.Close()
			hc := srv.Client()
			hc.Transport.(*http.Transport).MaxResponseHeaderBytes = limit
			_, err := newClient(t, srv.URL+"/api/v1", token, ssojet.WithHTTPClient(hc)).LoginLogs(context.Background(), clientID, userID)
			var e *ssojet.HeadersTooLargeError
			if !errors.As(err, &e) || e.Limit != limit || !errors.Is(err, ssojet.ErrTooLarge) || !strings.Contains(err.Error(), "8192 bytes") {
				t.Errorf("LoginLogs of an answer with headers over %d bytes: %v; want a HeadersTooLargeError naming the limit", limit, err)
			}
		})
	}
}

// TestTransportDoerSwitchingProtocols: a 101 Switching Protocols to a request that asked for it
// comes back from a Doer with its body the connection, writable, neither capped by maxBody nor
// ended by the timeout, so that a reverse proxy can pass the switch on. One the Client did not
// ask for, from a server that then holds the connection open, is an *APIError at once.
func TestTransportDoerSwitchingProtocols(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
		brw.Flush()
		line, _ := brw.ReadString('\n')
		brw.WriteString(line)
		brw.Flush()
	}))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "echo")
	const timeout = 50 * time.Millisecond
	resp, err := ssojet.NewTransportDoer(http.DefaultTransport, timeout, 10).RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	defer resp.Body.Close()
	conn, ok := resp.Body.(io.ReadWriteCloser)
	if resp.StatusCode != http.StatusSwitchingProtocols || !ok {
		t.Fatalf("RoundTrip: status %d, body %T; want 101 and a writable body", resp.StatusCode, resp.Body)
	}
	time.Sleep(4 * timeout) // longer than the timeout: the connection stays
	line := strings.Repeat("x", 20) + "\n"
	io.WriteString(conn, line)
	got, err := io.ReadAll(io.LimitReader(conn, int64(len(line))))
	if string(got) != line {
		t.Errorf("after the switch: wrote %q, read back %q (%v)", line, got, err)
	}
	_, err = newClient(t, srv.URL+"/api/v1", token).LoginLogs(context.Background(), clientID, userID)
	var apiErr *ssojet.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusSwitchingProtocols {
		t.Errorf("LoginLogs of a server answering 101 unasked and holding the connection: %v, want an *APIError 101", err)
	}
}
