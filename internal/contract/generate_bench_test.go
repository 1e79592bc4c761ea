package contract_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
)

// BenchmarkGenerate is contract --generate N against the reference server on loopback (the
// named checks included), one run per iteration; N = 10,000 next to 1,000 shows memory bounded.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) { benchmarkGenerate(b, n) })
	}
}

func benchmarkGenerate(b *testing.B, n int) {
	ref := servertest.Start(b)
	v := validator(b)
	cfg := contract.Config{BaseURL: ref.BaseURL, Token: ref.Token, ClientID: ref.ClientID, UserID: ref.UserID,
		Timeout: 5 * time.Second, Generate: contract.Generate{N: n, Seed: 1, Rate: 1e6}}
	b.ReportAllocs()
	for b.Loop() {
		rep, err := contract.Run(context.Background(), v, cfg)
		if err != nil {
			b.Fatal(err)
		}
		if _, failed, _, _, _, _ := rep.Counts(); failed > 0 {
			var text strings.Builder
			contract.WriteText(&text, rep, false)
			b.Fatalf("--generate %d against the reference server: %d checks failed\n%s", n, failed, text.String())
		}
	}
}
