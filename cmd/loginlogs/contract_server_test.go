package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
)

// TestContractPassesAgainstTheReferenceServer points the checker at the reference server, in
// process, over real HTTP with a real SQLite file: every check, the unknown user's included,
// passes with exit 0. Server and checker share the validation core, so each recorded answer is
// also judged by kin-openapi alone (package oracle).
func TestContractPassesAgainstTheReferenceServer(t *testing.T) {
	ref := servertest.Start(t)

	fixtures := t.TempDir()
	stdout, stderr, code := runCLI(t, map[string]string{
		"SSOJET_BASE_URL": ref.BaseURL, "SSOJET_TOKEN": ref.Token,
		"SSOJET_CLIENT_ID": ref.ClientID, "SSOJET_USER_ID": ref.UserID,
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
