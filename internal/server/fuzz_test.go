package server_test

import (
	"bufio"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/http/httpguts"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// FuzzHandler feeds the whole stack (NewHandler over a real, seeded SQLite file) arbitrary
// methods, request targets (path and query), one arbitrary header and an arbitrary
// Authorization value, parsed from raw bytes as net/http's server parses them. It never panics,
// never answers 5xx (the store is healthy, so every error is the client's), and every answer
// satisfies the contract: validated against the route when the path is the contract's, SSOJet's
// error shape elsewhere (but for /healthz, /readyz and /openapi.yaml). Seeds: testdata/fuzz/FuzzHandler.
func FuzzHandler(f *testing.F) {
	st, err := sqlite.Open(f.Context(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatalf("sqlite.Open: %v", err)
	}
	f.Cleanup(func() { st.Close() })
	doc, _ := loadSpec()
	if _, err := server.SeedDemo(f.Context(), st, doc); err != nil {
		f.Fatalf("SeedDemo: %v", err)
	}
	logs := &logBuffer{}
	tokens := &server.Tokens{}
	tokens.Add(tokenA, server.DemoClientID)
	v := validator(f)
	h := server.NewHandler(server.Config{
		Store: st, Validator: v, Tokens: tokens, Mode: validate.Enforce,
		Logger: slog.New(slog.NewJSONHandler(logs, nil)), RateLimiter: server.NewRateLimiter(1e9, 1e9),
		AuthFailureLimiter: server.NewRateLimiter(1e9, 1e9),
	})
	demo := "/api/v1/users/" + server.DemoUserID + "/loginlogs"
	f.Add("GET", demo+"?client_id="+server.DemoClientID, "Accept", "application/json", "Bearer "+tokenA)
	f.Add("GET", demo+"?client_id=string&client_id=", "X-Request-Id", tokenA, "bearer "+tokenA)
	f.Add("POST", "/api/v1/users/%2E%2E/loginlogs?client_id=%00", "Accept-Language", "en-US", "Basic dG9rOg==")

	f.Fuzz(func(t *testing.T, method, target, name, value, auth string) {
		raw := method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth + "\r\n" + name + ": " + value + "\r\n\r\n"
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil || !acceptedByNetHTTP(req) {
			return // net/http's server answers these itself (400) before any handler runs
		}
		req.RemoteAddr = "127.0.0.1:1"
		logs.mu.Lock()
		logs.b.Reset()
		logs.mu.Unlock()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		body := rec.Body.Bytes()
		if strings.Contains(logs.String(), `"msg":"panic"`) {
			t.Fatalf("%q: the stack panicked:\n%s", raw, logs.String())
		}
		if res.StatusCode >= 500 {
			t.Fatalf("%q: status %d for a client's request, want < 500\n%s\nlog: %s", raw, res.StatusCode, body, logs.String())
		}
		if _, _, err := v.Router().Find(req); err == nil {
			o, err := judge()
			if err != nil {
				t.Fatal(err)
			}
			if err := o.Response(req, res.StatusCode, res.Header, body); err != nil {
				t.Fatalf("%q: response %d violates the contract: %v\n%s", raw, res.StatusCode, err, body)
			}
			return
		}
		if req.Method == http.MethodGet && res.StatusCode == http.StatusOK {
			switch req.URL.Path {
			case "/healthz", "/readyz", "/openapi.yaml":
				return
			}
		}
		var e struct {
			Error            *string          `json:"error"`
			ErrorDescription *string          `json:"error_description"`
			ErrorCode        *json.RawMessage `json:"error_code"`
		}
		if err := json.Unmarshal(body, &e); err != nil || e.Error == nil || e.ErrorDescription == nil || e.ErrorCode == nil {
			t.Fatalf("%q: status %d, body is not SSOJet's error shape (%v):\n%s", raw, res.StatusCode, err, body)
		}
		if ct := res.Header.Get("Content-Type"); ct != "application/json" {
			t.Fatalf("%q: status %d, Content-Type %q, want application/json", raw, res.StatusCode, ct)
		}
	})
}

// acceptedByNetHTTP reports whether net/http's server would hand req to a handler: it refuses
// invalid header names and values, and a Host it cannot parse, with its own 400.
func acceptedByNetHTTP(req *http.Request) bool {
	if !httpguts.ValidHostHeader(req.Host) || req.URL == nil {
		return false
	}
	for name, values := range req.Header {
		if !httpguts.ValidHeaderFieldName(name) {
			return false
		}
		for _, v := range values {
			if !httpguts.ValidHeaderFieldValue(v) {
				return false
			}
		}
	}
	return true
}
