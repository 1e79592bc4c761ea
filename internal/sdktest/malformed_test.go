package ssojet_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
)

// TestMalformedAnswer: a server that answers in bytes net/http cannot read as an HTTP answer
// (not HTTP, a status of four digits, two Content-Lengths that differ) was reached: the error is
// a *ssojet.MalformedAnswerError matching ErrMalformed, and its text, which quotes what came,
// is bounded whatever came, the token redacted in it. A server that closes the connection
// without a byte, or resets an HTTP/2 stream in the middle of a body, is no such error.
func TestMalformedAnswer(t *testing.T) {
	for _, tc := range []struct {
		name, answer string
		malformed    bool
	}{
		{"not HTTP", "XTTP/1.1 " + token + " " + strings.Repeat("a", 900_000) + "\r\n\r\n", true},
		{"status", "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\n{}", true},
		{"two lengths", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", true},
		{"chunk", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", true},
		{"closed", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newClient(t, fakeapi.Raw(t, tc.answer)+"/api/v1", token).LoginLogs(context.Background(), clientID, userID)
			var e *ssojet.MalformedAnswerError
			if err == nil || errors.As(err, &e) != tc.malformed || errors.Is(err, ssojet.ErrMalformed) != tc.malformed {
				t.Fatalf("LoginLogs: %v; want a MalformedAnswerError: %t", err, tc.malformed)
			}
			if n := utf8.RuneCountInString(err.Error()); n > 2000 || strings.Contains(err.Error(), token) {
				t.Errorf("the error's text has %d runes (want at most 2000) or holds the token: %.300q", n, err.Error())
			}
		})
	}
}

func TestResetHTTP2StreamIsNotMalformed(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"login_logs":[`))
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // RST_STREAM
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	_, err := newClient(t, srv.URL+"/api/v1", token, ssojet.WithHTTPClient(srv.Client())).LoginLogs(context.Background(), clientID, userID)
	var e *ssojet.MalformedAnswerError
	if err == nil || errors.As(err, &e) || !strings.Contains(err.Error(), "stream error") {
		t.Errorf("LoginLogs of an HTTP/2 answer reset in its body: %v; want net/http's stream error, not a MalformedAnswerError", err)
	}
}
