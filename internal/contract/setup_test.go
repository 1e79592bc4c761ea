package contract_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/errbody"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
)

// setupCase is a configuration the API refuses, and what the report must say.
type setupCase struct {
	name string
	edit func(*contract.Config)
	fake func(*fakeapi.API) // nil: the well-behaved fake
	// setup holds substrings of documented-request's Setup; ran the checks that still run.
	setup []string
	ran   []string
}

const leaked = "Bearer fake-token-7f3a9c"

var setupCases = []setupCase{
	{
		name:  "expired token",
		fake:  func(a *fakeapi.API) { a.Intercept = expired },
		setup: []string{`set-up problem: the API refused the documented request with 401 Unauthorized: invalid_token (1002): Token expired \x1b[31m(Bearer REDACTED)`, "— check SSOJET_TOKEN"},
		ran:   []string{"no-token", "wrong-token"},
	},
	{
		name:  "wrong token",
		edit:  func(c *contract.Config) { c.Token = "not-the-token" },
		setup: []string{`401 Unauthorized: invalid_token (1002): The bearer token is missing or not valid.`, "check SSOJET_TOKEN"},
		ran:   []string{"no-token", "wrong-token"},
	},
	{
		name:  "token of another client",
		edit:  func(c *contract.Config) { c.ClientID = "cli_other" },
		setup: []string{`403 Forbidden: access_denied (1003): The token was not issued to this client_id.`, "issued to SSOJET_CLIENT_ID"},
		ran:   []string{"no-token", "wrong-token"},
	},
	{
		name:  "unknown user",
		edit:  func(c *contract.Config) { c.UserID = fakeapi.UnknownUserID },
		setup: []string{`404 Not Found: resource_not_found (801): User not found.`, `check SSOJET_USER_ID (--user-id): the API knows no user "000000000000000000000000"`},
	},
	{
		name:  "base URL without /api/v1",
		edit:  func(c *contract.Config) { c.BaseURL = strings.TrimSuffix(c.BaseURL, "/api/v1") },
		setup: []string{`404 Not Found: resource_not_found (801): No such resource.`, "check SSOJET_BASE_URL (--base-url): SSOJet's ends in /api/v1"},
	},
	{
		name: "base URL of a web site",
		edit: func(c *contract.Config) { c.BaseURL = strings.TrimSuffix(c.BaseURL, "/api/v1") },
		fake: func(a *fakeapi.API) {
			a.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusNotFound)
				io.WriteString(w, "<html><head><title>Page not found</title></head></html>")
				return true
			}
		},
		setup: []string{`404 with a body that is not SSOJet's error (looks like an HTML page titled "Page not found"`, "check SSOJET_BASE_URL"},
	},
}

// expired refuses the fake's token as expired, in a description that tries to steer the
// terminal and quotes the token back.
func expired(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get("Authorization") != leaked {
		return false
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="ssojet", error="invalid_token"`)
	errbody.Write(w, http.StatusUnauthorized, "invalid_token", 1002, "Token expired \x1b[31m("+leaked+")")
	return true
}

func TestRefusedDocumentedRequestIsASetupProblem(t *testing.T) {
	for _, tt := range setupCases {
		t.Run(tt.name, func(t *testing.T) {
			checkSetupProblem(t, runFake(t, tt.fake, tt.edit), tt)
		})
	}
}

func checkSetupProblem(t *testing.T, rep contract.Report, tt setupCase) {
	t.Helper()
	first := rep.Results[0]
	if first.Check != "documented-request" || !first.Refused || len(first.Errors) != 0 {
		t.Fatalf("documented-request: refused %v, errors %v, setup %q; want a set-up problem without errors", first.Refused, first.Errors, first.Setup)
	}
	for _, want := range tt.setup {
		if !strings.Contains(first.Setup, want) {
			t.Errorf("documented-request: setup %q lacks %q", first.Setup, want)
		}
	}
	if strings.Contains(first.Setup, fakeapi.Token) || strings.Contains(first.Setup, "\x1b") {
		t.Errorf("documented-request: setup %q shows the token or a terminal escape", first.Setup)
	}
	if _, failed, setup, _, _, _ := rep.Counts(); failed != 0 || setup != 1 {
		t.Errorf("Counts: failed %d, setup %d; want 0 and 1", failed, setup)
	}
	for _, r := range rep.Results[1:] {
		ran := false
		for _, name := range tt.ran {
			ran = ran || name == r.Check
		}
		switch {
		case ran && !r.Passed():
			t.Errorf("check %s: skipped %q, errors %v; want it run and passed", r.Check, r.Skipped, r.Errors)
		case !ran && r.Skipped != contract.DependsOnSetup:
			t.Errorf("check %s: skipped %q, status %d; want skipped %q", r.Check, r.Skipped, r.Status, contract.DependsOnSetup)
		}
	}
}

// TestMalformedRefusalStaysAViolation: a refusal whose body breaks the contract is the API's
// fault, whatever the configuration.
func TestMalformedRefusalStaysAViolation(t *testing.T) {
	api := fakeapi.New(seed(t))
	api.Error = func(w http.ResponseWriter, status int, name string, _ int, _ string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, `{"error":"`+name+`","message":"x"}`)
	}
	for _, edit := range []func(*contract.Config){
		func(c *contract.Config) { c.Token = "not-the-token" },
		func(c *contract.Config) { c.UserID = fakeapi.UnknownUserID },
	} {
		rep := runAgainst(t, api, edit)
		first := rep.Results[0]
		if first.Setup != "" || !has(findings(rep), finding{"documented-request", "error", "body", "/error_description", "required"}) {
			t.Errorf("documented-request answered %d with a malformed error: setup %q, errors %v; want a violation at /error_description",
				first.Status, first.Setup, first.Errors)
		}
	}
}

// TestRefusedByTheReferenceServer: the real server, over real HTTP with a real SQLite file,
// refusing a wrong token, an unknown user, a token of another client and a base URL without
// /api/v1.
func TestRefusedByTheReferenceServer(t *testing.T) {
	ref := servertest.Start(t, servertest.WithToken("token-of-another-client", "cli_other"))
	demo := func(c *contract.Config) { c.Token, c.ClientID, c.UserID = ref.Token, ref.ClientID, ref.UserID }
	cases := []setupCase{
		{name: "wrong token", edit: func(c *contract.Config) { demo(c); c.Token = "not-the-token" },
			setup: []string{"401 Unauthorized: invalid_token (1002): ", "check SSOJET_TOKEN"}, ran: []string{"no-token", "wrong-token"}},
		{name: "token of another client", edit: func(c *contract.Config) { demo(c); c.Token = "token-of-another-client" },
			setup: []string{"403 Forbidden: access_denied (1003): ", "issued to SSOJET_CLIENT_ID"}, ran: []string{"no-token", "wrong-token"}},
		{name: "unknown user", edit: func(c *contract.Config) { demo(c); c.UserID = fakeapi.UnknownUserID },
			setup: []string{`404 Not Found: resource_not_found (801): User not found.`, "check SSOJET_USER_ID"}},
		{name: "base URL without /api/v1", edit: func(c *contract.Config) { demo(c); c.BaseURL = strings.TrimSuffix(c.BaseURL, "/api/v1") },
			setup: []string{"404 Not Found: resource_not_found (801): ", "check SSOJET_BASE_URL"}},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) { checkSetupProblem(t, runAt(t, ref.URL, tt.edit), tt) })
	}
	rep := runAt(t, ref.URL, demo)
	if _, failed, setup, _, _, _ := rep.Counts(); failed != 0 || setup != 0 {
		t.Errorf("the right configuration: failed %d, setup %d; want 0 and 0: %+v", failed, setup, rep.Results)
	}
}
