package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
)

// TestContractSetupProblems: against a real serve, a wrong token, an unknown user or a base URL
// without /api/v1 is a set-up problem (exit 2) quoting the API's message, not a violation.
func TestContractSetupProblems(t *testing.T) {
	db := filepath.Join(t.TempDir(), "loginlogs.db")
	stdout, _, _ := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", db}, noEnv)
	good := exportedEnv(t, stdout.String())
	tests := []struct {
		name, variable, value, want string
	}{
		{"wrong token", "SSOJET_TOKEN", "not-the-token-0123456789", "The bearer token is missing or not valid"},
		{"unknown user", "SSOJET_USER_ID", "nobody", "User not found"},
		{"base URL without /api/v1", "SSOJET_BASE_URL", strings.TrimSuffix(good["SSOJET_BASE_URL"], "/api/v1"), "/api/v1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			environ := map[string]string{}
			for k, v := range good {
				environ[k] = v
			}
			environ[tt.variable] = tt.value
			out, stderr, code := runCLI(t, environ, "contract")
			if code != exitUsage || !strings.Contains(stderr, "set-up problem") || !strings.Contains(stderr, tt.want) || strings.Contains(stderr, "contract violated") {
				t.Errorf("contract with %s=%s: exit %d, stderr %q; want %d, a set-up problem quoting %q\n%s", tt.variable, tt.value, code, stderr, exitUsage, tt.want, out)
			}
		})
	}
}

// TestContractErrorsWinOverSetup: a refused documented request (exit 2 alone) and a check that
// finds a violation (no-token answered 200): exit 1.
func TestContractErrorsWinOverSetup(t *testing.T) {
	api := fakeapi.New(seedBytes(t))
	api.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("Authorization") != "" {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(seedBytes(t))
		return true
	}
	environ := liveEnv(startAPI(t, api))
	environ["SSOJET_TOKEN"] = "not-the-token"
	out, stderr, code := runCLI(t, environ, "contract", "--format", "json")
	var rep struct {
		Results []struct{ Check, Status string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("contract --format json: %v\n%s", err, out)
	}
	status := map[string]string{}
	for _, r := range rep.Results {
		status[r.Check] = r.Status
	}
	if status["documented-request"] != contract.OutcomeSetup || status["no-token"] != contract.OutcomeFail {
		t.Fatalf("contract: outcomes %v; want documented-request %s and no-token %s", status, contract.OutcomeSetup, contract.OutcomeFail)
	}
	if code != exitFailed || !strings.Contains(stderr, "contract violated") {
		t.Errorf("contract with a set-up problem and a violation: exit %d, stderr %q; want %d", code, stderr, exitFailed)
	}
}

// TestContractOnlySkip: --only and --skip (comma-separated, repeated) select the checks that
// run; the others are reported skipped; an unknown name is a usage error listing the checks.
func TestContractOnlySkip(t *testing.T) {
	environ := liveEnv(startAPI(t, fakeapi.New(seedBytes(t))))
	ran := func(args ...string) []string {
		t.Helper()
		out, stderr, code := runCLI(t, environ, append([]string{"contract", "--format", "json", "--unknown-user-id", fakeapi.UnknownUserID}, args...)...)
		if code != exitOK {
			t.Fatalf("contract %v: exit %d: %s", args, code, stderr)
		}
		var rep struct {
			Results []struct{ Check, Status string }
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range rep.Results {
			if r.Status != contract.OutcomeSkip {
				names = append(names, r.Check)
			}
		}
		return names
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--only", "documented-request,no-token"}, "documented-request no-token"},
		{[]string{"--only", "no-token", "--only", "unknown-user"}, "no-token unknown-user"},
		{[]string{"--skip", "wrong-token,missing-client-id", "--skip", "unknown-user"}, "documented-request no-token"},
	} {
		if got := strings.Join(ran(tt.args...), " "); got != tt.want {
			t.Errorf("contract %v ran %q, want %q", tt.args, got, tt.want)
		}
	}
	for _, args := range [][]string{{"--only", "no-such-check"}, {"--skip", "no-token,nope"}} {
		_, stderr, code := runCLI(t, environ, append([]string{"contract"}, args...)...)
		if code != exitUsage || !strings.Contains(stderr, strings.Join(contract.CheckNames(), ", ")) {
			t.Errorf("contract %v: exit %d, stderr %q; want %d listing the checks", args, code, stderr, exitUsage)
		}
	}
}
