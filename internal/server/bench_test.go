package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/bench"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// BenchmarkStack measures the whole HTTP stack in process (no network, an in-memory fake store
// with the 24 seed logs) per response validation mode: the baseline of the validation middleware.
func BenchmarkStack(b *testing.B) {
	doc, err := loadSpec()
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

// BenchmarkRequestPath measures the whole stack over a real SQLite file at 1, 24, 1,000 and
// 10,000 entries per user: cold (every request reads another user, no cache) with validation
// off, of requests only, of requests and responses, and of requests and responses with
// kin-openapi alone checking bodies (the validation before the stream validator); warm (the
// same user again and again, response cache on) with validation off and full. body-B is the
// 200 body's size, to read B/op against.
func BenchmarkRequestPath(b *testing.B) {
	doc, err := loadSpec()
	if err != nil {
		b.Fatal(err)
	}
	seed, err := server.DemoLogs(doc)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	variants := []struct {
		name         string
		mode         server.Mode
		skipRequests bool
		reference    bool
		warm         bool
	}{
		{"cold/validation=off", server.Off, true, false, false},
		{"cold/validation=requests", server.Off, false, false, false},
		{"cold/validation=full", server.Enforce, false, false, false},
		{"warm/validation=off", server.Off, true, false, true},
		{"warm/validation=full", server.Enforce, false, false, true},
	}
	for _, n := range []int{1, 24, 1000, 10000} {
		users := benchUsers(b, st, seed, n)
		for _, v := range variants {
			b.Run(fmt.Sprintf("entries=%d/%s", n, v.name), func(b *testing.B) {
				val := validate.New(doc)
				var cache *server.Cache
				if v.warm {
					cache = server.NewCache(64 << 20)
				}
				h := server.NewHandler(server.Config{Store: st, Validator: val, Tokens: tokens,
					Mode: v.mode, SkipRequestValidation: v.skipRequests, Cache: cache,
					Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
				w := &discardWriter{header: http.Header{}}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					user := users[0]
					if !v.warm {
						user = users[i%len(users)]
					}
					i++
					target := "/api/v1/users/" + user + "/loginlogs?client_id=" + server.DemoClientID
					req := httptest.NewRequest(http.MethodGet, target, nil)
					req.Header.Set("Authorization", "Bearer "+tokenA)
					w.reset()
					h.ServeHTTP(w, req)
					if w.status != http.StatusOK {
						b.Fatalf("GET %s: status %d, want 200", target, w.status)
					}
				}
				b.ReportMetric(float64(w.written), "body-B")
			})
		}
	}
}

// discardWriter is a ResponseWriter that keeps nothing but the status and the body's length, so
// that B/op counts the server's allocations only.
type discardWriter struct {
	header  http.Header
	status  int
	written int
}

func (w *discardWriter) Header() http.Header { return w.header }
func (w *discardWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}
func (w *discardWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.written += len(p)
	return len(p), nil
}
func (w *discardWriter) reset() {
	clear(w.header)
	w.status, w.written = 0, 0
}

// benchUsers gives the demo client enough users with n logs each (the seed's entries repeated,
// a second apart) that consecutive requests never read the same user twice in a row.
func benchUsers(b *testing.B, st *sqlite.Store, seed []store.LoginLog, n int) []string {
	b.Helper()
	count := 64
	if n >= 1000 {
		count = 8
	}
	logs := bench.Logs(seed, n)
	users := make([]string, count)
	for u := range users {
		users[u] = fmt.Sprintf("bench%05d%014d", n, u)
		if err := st.AddLoginLogs(context.Background(), server.DemoClientID, users[u], logs); err != nil {
			b.Fatal(err)
		}
	}
	return users
}
