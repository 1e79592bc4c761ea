package server

import (
	"fmt"
	"testing"
)

// TestTokenLookupComparesEveryEntry proves the lookup has no early exit: whichever entry
// matches, and when none does, the digest is compared with every configured token. (Timing is
// not asserted; the count of constant-time comparisons is what makes it constant time.)
func TestTokenLookupComparesEveryEntry(t *testing.T) {
	const n = 50
	tokens := &Tokens{}
	for i := range n {
		tokens.Add(fmt.Sprintf("token-%02d", i), fmt.Sprintf("cli_%02d", i))
	}
	calls := 0
	orig := compareDigests
	compareDigests = func(x, y []byte) int { calls++; return orig(x, y) }
	t.Cleanup(func() { compareDigests = orig })

	for _, probe := range []string{"token-00", "token-25", "token-49", "unknown", "", "token-0"} {
		calls = 0
		client, ok := tokens.ClientOf(probe)
		if calls != n {
			t.Errorf("ClientOf(%q) made %d comparisons, want %d (one per token)", probe, calls, n)
		}
		wantOK := len(probe) == 8
		if ok != wantOK || (ok && client != "cli_"+probe[6:]) {
			t.Errorf("ClientOf(%q) = %q, %v", probe, client, ok)
		}
	}
}

// BenchmarkTokenLookup shows the lookup costs the same whether the first, the last or no entry
// matches (compare the ns/op of the sub-benchmarks; nothing is asserted).
func BenchmarkTokenLookup(b *testing.B) {
	tokens := &Tokens{}
	for i := range 100 {
		tokens.Add(fmt.Sprintf("token-%03d", i), "cli")
	}
	for _, probe := range []string{"token-000", "token-099", "no-such-token"} {
		b.Run(probe, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tokens.ClientOf(probe)
			}
		})
	}
}
