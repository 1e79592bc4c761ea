//go:build soak

package contract_test

import (
	"io"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract"
)

// TestReplayStdinIsBounded: fixtures on stdin (--replay -), which cannot be read again when
// judged, are held up to 256 MiB in all; more is refused, pointing to --replay DIR.
func TestReplayStdinIsBounded(t *testing.T) {
	fixture := `{"check":"documented-request","request":{"method":"GET"},"response":{"status":200,"body":"` + strings.Repeat("a", 8<<20) + `"}}` + "\n"
	var parts []io.Reader
	for range 33 { // 264 MiB
		parts = append(parts, strings.NewReader(fixture))
	}
	_, _, err := contract.ReadFixtures(io.MultiReader(parts...))
	if err == nil || !strings.Contains(err.Error(), "over 256 MiB") || !strings.Contains(err.Error(), "--replay DIR") {
		t.Errorf("ReadFixtures of 264 MiB of fixtures: error %v, want a refusal past 256 MiB pointing to --replay DIR", err)
	}
}
