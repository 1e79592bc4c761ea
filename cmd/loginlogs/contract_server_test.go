package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestContractPassesAgainstTheReferenceServer points the checker at the reference server, in
// process, over real HTTP with a real SQLite file: every check, the unknown user's included,
// passes with exit 0. Server and checker share the validation core, so each recorded answer is
// also judged by kin-openapi alone (package oracle).
func TestContractPassesAgainstTheReferenceServer(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "loginlogs.db"))
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if seeded, err := server.SeedDemo(ctx, st, doc); err != nil || !seeded {
		t.Fatalf("SeedDemo: seeded %v, %v; want the demo user seeded", seeded, err)
	}
	const token = "contract-check-token"
	tokens, err := server.ParseTokens(strings.NewReader(token + " " + server.DemoClientID + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	url := startAPI(t, server.NewHandler(server.Config{
		Store:     st,
		Validator: validate.New(doc),
		Tokens:    tokens,
		Mode:      server.Enforce,
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))

	fixtures := t.TempDir()
	stdout, stderr, code := runCLI(t, map[string]string{
		"SSOJET_BASE_URL": url + "/api/v1", "SSOJET_TOKEN": token,
		"SSOJET_CLIENT_ID": server.DemoClientID, "SSOJET_USER_ID": server.DemoUserID,
	}, "contract", "--unknown-user-id", "000000000000000000000000", "--record", fixtures)
	if code != exitOK {
		t.Fatalf("contract against the reference server: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, check := range []string{"documented-request", "no-token", "wrong-token", "missing-client-id", "unknown-user"} {
		if !strings.Contains(stdout, "PASS  "+check) {
			t.Errorf("contract against the reference server: no PASS for %s in\n%s", check, stdout)
		}
	}
	if !strings.Contains(stdout, "0 errors, 0 warnings") {
		t.Errorf("contract against the reference server: warnings in\n%s", stdout)
	}

	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	exchanges, paths, err := contract.LoadFixtures(fixtures)
	if err != nil || len(exchanges) != 5 {
		t.Fatalf("LoadFixtures: %d fixtures, %v; want 5", len(exchanges), err)
	}
	for i, ex := range exchanges {
		req, err := http.NewRequest(ex.Request.Method, ex.Request.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := o.Response(req, ex.Response.Status, ex.Response.Header, ex.Body()); err != nil {
			t.Errorf("%s: kin-openapi refuses the reference server's answer %d: %v", paths[i], ex.Response.Status, err)
		}
	}
}
