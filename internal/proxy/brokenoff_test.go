package proxy_test

import (
	"bytes"
	"io"
	"net"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// rawRequest sends a GET of target in HTTP/1.1 (HTTP/1.0 when http10) with the fake's token and
// the header lines given (each ending in CRLF) over a connection of its own, which it returns
// for the test to read as a client reading the wire does.
func rawRequest(t *testing.T, http10 bool, target, header string) net.Conn {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	version := "HTTP/1.1"
	if http10 {
		version = "HTTP/1.0"
	}
	io.WriteString(conn, "GET "+u.RequestURI()+" "+version+"\r\nHost: "+u.Host+"\r\nAuthorization: Bearer "+fakeapi.Token+"\r\n"+header+"\r\n")
	return conn
}

// rawGet sends a GET of target (rawRequest) and returns every byte that arrives until the
// connection ends.
func rawGet(t *testing.T, target string) []byte {
	t.Helper()
	got, err := io.ReadAll(rawRequest(t, false, target, "Connection: close\r\n"))
	if err != nil && !strings.Contains(err.Error(), "reset") {
		t.Fatalf("GET %s: reading the connection: %v", target, err)
	}
	return got
}

// statusAndBody splits an HTTP/1.1 answer read from the wire into its status line and body.
func statusAndBody(answer []byte) (string, []byte) {
	status, _, _ := bytes.Cut(answer, []byte("\r\n"))
	_, body, _ := bytes.Cut(answer, []byte("\r\n\r\n"))
	return string(status), body
}

// TestReportPassesABrokenOffAnswerAsSent: in report mode, a small answer (with its
// Content-Length) the upstream breaks off reaches the client as the upstream sent it: the
// status line, then the bytes sent before the break, then the connection ends, as it would
// directly from the upstream; the summary counts it once, cut and without a verdict. In enforce
// mode, which holds such an answer until its verdict, nothing of it was sent: the client gets a
// 502 (docs/proxy.md).
func TestReportPassesABrokenOffAnswerAsSent(t *testing.T) {
	up := httptest.NewServer(fakeapi.Hostile(seedBody(t), nil))
	defer up.Close()
	path := fakeapi.HostilePath("cut=100", "huge=2K")
	wantStatus, wantBody := statusAndBody(rawGet(t, logsURL(up.URL+path+"/api/v1", fakeapi.UserID, fakeapi.ClientID)))
	if wantStatus != "HTTP/1.1 200 OK" || len(wantBody) != 100 {
		t.Fatalf("the upstream directly: %q and %d bytes of body, want a 200 broken off after 100 bytes", wantStatus, len(wantBody))
	}
	for _, tc := range []struct {
		mode   validate.Policy
		status string
	}{
		{validate.Report, wantStatus},
		{validate.Enforce, "HTTP/1.1 502 Bad Gateway"},
	} {
		t.Run(tc.mode.String(), func(t *testing.T) {
			pr := startProxy(t, up.URL+path, func(c *proxy.Config) { c.Mode = tc.mode })
			status, body := statusAndBody(rawGet(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID)))
			if status != tc.status {
				t.Fatalf("through the proxy: status line %q, want %q", status, tc.status)
			}
			s := pr.summary()
			errs := 0
			for _, n := range s.UpstreamErrors {
				errs += n
			}
			if n := strings.Count(pr.logs.String(), "level="); errs != 1 || s.Exchanges != 1 || s.Unjudged != 1 || n != 1 {
				t.Errorf("summary: %d exchanges, upstream errors %v, %d unjudged, %d log lines; want the break counted once, no verdict:\n%s",
					s.Exchanges, s.UpstreamErrors, s.Unjudged, n, pr.logs.String())
			}
			if tc.mode == validate.Enforce {
				return
			}
			if !bytes.Equal(body, wantBody) {
				t.Errorf("through the proxy: body %q, want the %d bytes the upstream sent before the break: %q", body, len(wantBody), wantBody)
			}
			if s.Cut != 1 || s.Statuses["200"] != 1 {
				t.Errorf("summary: %d cut, statuses %v; want the 200 cut once", s.Cut, s.Statuses)
			}
		})
	}
}
