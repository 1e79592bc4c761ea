//go:build soak

package main

import (
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
)

// TestContractGenerate2000 holds the reference server to every generated check at N = 2,000
// (make soak; make test runs N = 300, TestContractGenerateAgainstTheReferenceServer).
func TestContractGenerate2000(t *testing.T) {
	ref := servertest.Start(t)
	for _, seed := range []string{"1", "2"} {
		stdout, stderr, code := runCLI(t, map[string]string{
			"SSOJET_BASE_URL": ref.BaseURL, "SSOJET_TOKEN": ref.Token,
			"SSOJET_CLIENT_ID": ref.ClientID, "SSOJET_USER_ID": ref.UserID,
		}, "contract", "--generate", "2000", "--seed", seed, "--rate", "1000000", "--methods", "GET,HEAD,POST,DELETE")
		if code != exitOK || !strings.Contains(stdout, "PASS  negative-data-rejection") || !strings.Contains(stdout, "PASS  positive-data-acceptance") {
			t.Errorf("contract --generate 2000 --seed %s against the reference server: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", seed, code, stdout, stderr)
		}
	}
}
