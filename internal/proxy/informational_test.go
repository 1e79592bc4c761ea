package proxy_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestInformationalAnswers: informational answers (103 Early Hints) pass to the client before
// the answer, which is judged as without them; an upstream sending more than net/http takes
// when it does not pass them on (5) gets the client a 502 saying so, counted once, instead of
// passing them without end; over HTTP/2 too.
func TestInformationalAnswers(t *testing.T) {
	seed := seedBody(t)
	for _, tc := range []struct {
		hints  int
		status int
	}{{2, http.StatusOK}, {1000, http.StatusBadGateway}} {
		for _, h2 := range []bool{false, true} {
			for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
				t.Run(fmt.Sprintf("%d hints/http2 %v/%s", tc.hints, h2, mode), func(t *testing.T) {
					var proto atomic.Int32 // the HTTP major version the upstream was asked with
					up := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						proto.Store(int32(r.ProtoMajor))
						// The headers are set once: HTTP/2's server writes a 103's headers
						// while the handler goes on.
						w.Header().Set("Link", "</style.css>; rel=preload")
						w.Header().Set("Content-Type", "application/json")
						for range tc.hints {
							w.WriteHeader(http.StatusEarlyHints)
						}
						w.Write(seed)
					}))
					up.EnableHTTP2 = h2
					up.StartTLS()
					defer up.Close()
					pr := startProxy(t, up.URL, func(c *proxy.Config) {
						c.Mode, c.Transport = mode, proxy.NewTransport()
						c.Transport.(*http.Transport).TLSClientConfig = up.Client().Transport.(*http.Transport).TLSClientConfig
					})
					br := bufio.NewReader(rawRequest(t, false, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), "Connection: close\r\n"))
					hints := 0
					var res *http.Response
					for {
						var err error
						if res, err = http.ReadResponse(br, nil); err != nil {
							t.Fatalf("after %d 103s: %v", hints, err)
						}
						if res.StatusCode != http.StatusEarlyHints {
							break
						}
						hints++
					}
					var e struct {
						Description string `json:"error_description"`
					}
					json.NewDecoder(res.Body).Decode(&e)
					if res.StatusCode != tc.status || hints > tc.hints || (tc.status == http.StatusOK && hints != tc.hints) ||
						(tc.status != http.StatusOK && (hints > 6 || !strings.Contains(e.Description, "informational"))) {
						t.Fatalf("%d 103s from the upstream: the client got %d, then %d %q; want %d", tc.hints, hints, res.StatusCode, e.Description, tc.status)
					}
					s := pr.summary()
					if tc.status == http.StatusOK && (s.Judged != 1 || s.UpstreamViolations != 0) {
						t.Errorf("summary: %d judged, %d upstream violations; want the 200 judged, kept", s.Judged, s.UpstreamViolations)
					}
					if tc.status != http.StatusOK && (s.UpstreamErrors["too_many_1xx"] != 1 || len(s.UpstreamErrors) != 1 || s.Statuses["502"] != 1) {
						t.Errorf("summary: upstream errors %v, statuses %v; want one too_many_1xx answered 502", s.UpstreamErrors, s.Statuses)
					}
					if want := map[bool]int32{false: 1, true: 2}[h2]; proto.Load() != want {
						t.Errorf("the upstream was asked in HTTP/%d, want HTTP/%d", proto.Load(), want)
					}
				})
			}
		}
	}
}

// TestNoInformationalAnswersToHTTP10: an HTTP/1.0 client, which knows no 1xx status and would
// take a 103 for the answer, gets the upstream's answer without the informational answers
// before it (RFC 9110, 15.2), in both modes.
func TestNoInformationalAnswersToHTTP10(t *testing.T) {
	seed := seedBody(t)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", "</style.css>; rel=preload")
		w.WriteHeader(http.StatusEarlyHints)
		w.Header().Set("Content-Type", "application/json")
		w.Write(seed)
	}))
	defer up.Close()
	for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
		t.Run(mode.String(), func(t *testing.T) {
			pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = mode })
			answer, _ := io.ReadAll(rawRequest(t, true, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), ""))
			status, body := statusAndBody(answer)
			if status != "HTTP/1.0 200 OK" || !bytes.Equal(body, seed) {
				t.Errorf("HTTP/1.0 GET: %q then %d bytes; want HTTP/1.0 200 OK and the upstream's %d bytes", status, len(body), len(seed))
			}
		})
	}
}
