package server_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
	for _, mode := range []validate.Policy{validate.Enforce, validate.Report, validate.Off} {
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
// off, of requests only, and of requests and responses; warm (the
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
		mode         validate.Policy
		skipRequests bool
		warm         bool
	}{
		{"cold/validation=off", validate.Off, true, false},
		{"cold/validation=requests", validate.Off, false, false},
		{"cold/validation=full", validate.Enforce, false, false},
		{"warm/validation=off", validate.Off, true, true},
		{"warm/validation=full", validate.Enforce, false, true},
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

// BenchmarkConcurrentLargeAnswers fetches a user with 200,000 logs (a 32 MB answer) 16 times at
// once over real HTTP, one token per fetch, in enforce mode, and reports the peak growth of the
// process's memory (runtime/metrics: all memory mapped by the Go runtime minus what it returned
// to the OS, sampled every millisecond) over the memory before the fetches.
func BenchmarkConcurrentLargeAnswers(b *testing.B) {
	const fetches = 16
	srv := bigUserServer(b, fetches, server.NewLargeAnswers(1, fetches))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: fetches}}
	target := srv.URL + "/api/v1/users/big/loginlogs?client_id=" + server.DemoClientID
	var peak uint64
	var bytes int64
	b.ReportAllocs()
	for b.Loop() {
		runtime.GC()
		base := mappedMemory()
		stop := make(chan struct{})
		sampled := make(chan uint64)
		go func() {
			var top uint64
			tick := time.NewTicker(time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					sampled <- top
					return
				case <-tick.C:
					top = max(top, mappedMemory())
				}
			}
		}()
		var wg sync.WaitGroup
		errs := make(chan error, fetches)
		for i := range fetches {
			wg.Go(func() {
				req, _ := http.NewRequest(http.MethodGet, target, nil)
				req.Header.Set("Authorization", "Bearer "+benchToken(i))
				res, err := client.Do(req)
				if err != nil {
					errs <- err
					return
				}
				defer res.Body.Close()
				n, err := io.Copy(io.Discard, res.Body)
				if err != nil || res.StatusCode != http.StatusOK {
					errs <- fmt.Errorf("status %d after %d bytes: %v", res.StatusCode, n, err)
					return
				}
				atomic.AddInt64(&bytes, n)
			})
		}
		wg.Wait()
		close(stop)
		top := <-sampled
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		if top > base {
			peak = max(peak, top-base)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	b.ReportMetric(float64(bytes)/float64(b.N)/fetches/(1<<20), "answer-MB")
}

// bigUserServer serves, over real HTTP in enforce mode, a SQLite file holding the user "big"
// with 200,000 logs (a 32 MB answer), to tokens benchToken(0) … benchToken(tokens-1).
func bigUserServer(b *testing.B, tokens int, large *server.LargeAnswers) *httptest.Server {
	b.Helper()
	doc, err := loadSpec()
	if err != nil {
		b.Fatal(err)
	}
	seed, err := server.DemoLogs(doc)
	if err != nil {
		b.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := st.AddLoginLogs(context.Background(), server.DemoClientID, "big", bench.Logs(seed, 200000)); err != nil {
		b.Fatal(err)
	}
	ts := &server.Tokens{}
	for i := range tokens {
		ts.Add(benchToken(i), server.DemoClientID)
	}
	srv := httptest.NewServer(server.NewHandler(server.Config{Store: st, Validator: validator(b), Tokens: ts,
		Mode: validate.Enforce, LargeAnswers: large, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	b.Cleanup(srv.Close)
	return srv
}

func benchToken(i int) string { return fmt.Sprintf("token-%02d-of-the-large-answer-benchmarks", i) }

// mappedMemory is the memory the Go runtime holds from the OS.
func mappedMemory() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}

// BenchmarkSlowReaders opens 40 connections that ask for a user with 200,000 logs and read
// nothing for two seconds, against the default caps (4 streamed answers per token, 16 in all;
// one token per connection), and reports the peak growth of the process's memory and how many
// were refused (503 with Retry-After) rather than streamed.
func BenchmarkSlowReaders(b *testing.B) {
	const readers = 40
	srv := bigUserServer(b, readers, server.NewLargeAnswers(4, 16))
	path := "/api/v1/users/big/loginlogs?client_id=" + server.DemoClientID
	var peak uint64
	refused := 0
	for b.Loop() {
		runtime.GC()
		base := mappedMemory()
		conns := make([]net.Conn, readers)
		for i := range conns {
			c, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
			if err != nil {
				b.Fatal(err)
			}
			conns[i] = c
			fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n", path, benchToken(i))
		}
		deadline := time.Now().Add(2 * time.Second)
		var top uint64
		for time.Now().Before(deadline) {
			top = max(top, mappedMemory())
			time.Sleep(time.Millisecond)
		}
		refused = 0
		for _, c := range conns {
			c.SetReadDeadline(time.Now().Add(time.Second))
			line, _ := bufio.NewReader(c).ReadString('\n')
			if strings.Contains(line, " 503 ") {
				refused++
			}
			c.Close()
		}
		if top > base {
			peak = max(peak, top-base)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	b.ReportMetric(float64(refused), "refused")
}

// BenchmarkTokens measures the CPU an issued token costs the server: Issue (the client's secret
// checked, then the RS256 signature with the process's 2048-bit key, made before the timer
// starts), and Verify (its check on each request that carries it).
func BenchmarkTokens(b *testing.B) {
	secrets := &server.Tokens{}
	secrets.Add(secretA, server.DemoClientID)
	iss := server.NewIssuer(secrets, 0)
	tok, err := iss.Issue(server.DemoClientID, secretA, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Issue", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := iss.Issue(server.DemoClientID, secretA, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Verify", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := iss.Verify(tok); !ok {
				b.Fatal("Verify refused the token")
			}
		}
	})
}
