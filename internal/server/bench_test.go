package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store"
)

// BenchmarkStack measures the whole HTTP stack in process (no network, an in-memory fake store
// with the 24 seed logs) per response validation mode: the baseline of the validation middleware.
func BenchmarkStack(b *testing.B) {
	doc, err := spec()
	if err != nil {
		b.Fatal(err)
	}
	logs, err := server.DemoLogs(doc)
	if err != nil {
		b.Fatal(err)
	}
	st := &fakeStore{
		list: func(context.Context, string, string) ([]store.LoginLog, error) { return logs, nil },
		ping: func(context.Context) error { return nil },
	}
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	for _, mode := range []server.Mode{server.Enforce, server.Report, server.Off} {
		b.Run(mode.String(), func(b *testing.B) {
			v := validator(b)
			h := server.NewHandler(server.Config{Store: st, Validator: v, Tokens: tokens, Mode: mode,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			target := "/api/v1/users/" + server.DemoUserID + "/loginlogs?client_id=" + server.DemoClientID
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, target, nil)
				req.Header.Set("Authorization", "Bearer "+tokenA)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: status %d, want 200\n%s", target, rec.Code, rec.Body)
				}
			}
		})
	}
}
