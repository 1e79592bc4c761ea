package server

import (
	"crypto/sha256"
	"fmt"
	"strings"
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

// BenchmarkTokenSearch measures what logRequests' search for tokens costs a request (Within over
// a path, a client_id and a request id: of typical length, and with a 4 KiB path), against
// hashing every window of the same texts with SHA-256, which is what keeping only the tokens'
// digests would cost without the rolling hash.
func BenchmarkTokenSearch(b *testing.B) {
	typical := []string{"/api/v1/users/6694c154565dfee5166d1cc7/loginlogs", "cli_cq2k021saqbs710j7ftg.edce6a1f", "3f2a9c1e0b7d4a6e8c5b2f10"}
	long := append([]string{"/api/v1/users/" + strings.Repeat("x", 4<<10) + "/loginlogs"}, typical[1:]...)
	for _, n := range []int{1, 100} {
		tokens := &Tokens{}
		digests := map[[sha256.Size]byte]bool{}
		for i := range n {
			tok := fmt.Sprintf("token-of-forty-characters-%014d", i)
			tokens.Add(tok, "cli")
			digests[sha256.Sum256([]byte(tok))] = true
		}
		for name, texts := range map[string][]string{"typical": typical, "path=4KiB": long} {
			b.Run(fmt.Sprintf("tokens=%d/%s/rolling", n, name), func(b *testing.B) {
				for b.Loop() {
					for _, s := range texts {
						if tokens.Within(s) {
							b.Fatal("found a token")
						}
					}
				}
			})
			b.Run(fmt.Sprintf("tokens=%d/%s/sha256-per-window", n, name), func(b *testing.B) {
				for b.Loop() {
					for _, s := range texts {
						for i := 0; i+40 <= len(s); i++ {
							if digests[sha256.Sum256([]byte(s[i:i+40]))] {
								b.Fatal("found a token")
							}
						}
					}
				}
			})
		}
	}
}
