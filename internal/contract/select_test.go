package contract_test

import (
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
)

func TestOnlyAndSkipSelectChecks(t *testing.T) {
	tests := []struct {
		name       string
		only, skip []string
		ran        []string // the checks that must run (with a status from the fake API)
	}{
		{"only", []string{"no-token", "wrong-token"}, nil, []string{"no-token", "wrong-token"}},
		{"skip", nil, []string{"documented-request", "unknown-user"}, []string{"no-token", "wrong-token", "missing-client-id"}},
		{"only and skip", []string{"no-token", "wrong-token"}, []string{"wrong-token"}, []string{"no-token"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := runAgainst(t, fakeapi.New(seed(t)), func(c *contract.Config) { c.Only, c.Skip = tt.only, tt.skip })
			if len(rep.Results) != len(contract.Checks()) {
				t.Fatalf("%d results, want one per check (%d)", len(rep.Results), len(contract.Checks()))
			}
			for _, r := range rep.Results {
				run := false
				for _, name := range tt.ran {
					run = run || name == r.Check
				}
				switch {
				case run && (r.Status == 0 || !r.Passed()):
					t.Errorf("only=%v skip=%v: check %s status %d skipped %q, want it run and passed", tt.only, tt.skip, r.Check, r.Status, r.Skipped)
				case !run && (r.Skipped != contract.NotSelected || r.Status != 0):
					t.Errorf("only=%v skip=%v: check %s status %d skipped %q, want skipped %q", tt.only, tt.skip, r.Check, r.Status, r.Skipped, contract.NotSelected)
				}
			}
		})
	}
}

func TestValidateCheckNames(t *testing.T) {
	if err := contract.ValidateCheckNames(contract.CheckNames()); err != nil {
		t.Errorf("ValidateCheckNames(%v) = %v, want nil", contract.CheckNames(), err)
	}
	err := contract.ValidateCheckNames([]string{"no-token", "wrong-tokn"})
	if err == nil || !strings.Contains(err.Error(), `"wrong-tokn"`) || !strings.Contains(err.Error(), "wrong-token") {
		t.Errorf("ValidateCheckNames(wrong-tokn) = %v, want an error naming it and the known checks", err)
	}
}

// TestChecksIsACopy: what a caller does to the list Checks returns changes nothing Run sends.
func TestChecksIsACopy(t *testing.T) {
	c := contract.Checks()
	name := c[0].Name
	c[0].Name = "changed"
	if got := contract.Checks()[0].Name; got != name {
		t.Errorf("Checks()[0].Name after a caller's edit: %q, want %q", got, name)
	}
}
