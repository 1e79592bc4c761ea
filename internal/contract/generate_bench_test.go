package contract_test

import (
	"context"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
)

// BenchmarkGenerate1000 is contract --generate 1000 against the reference server on loopback
// (the named checks included), one run per iteration.
func BenchmarkGenerate1000(b *testing.B) {
	ref := servertest.Start(b)
	v := validator(b)
	cfg := contract.Config{BaseURL: ref.BaseURL, Token: ref.Token, ClientID: ref.ClientID, UserID: ref.UserID,
		Timeout: 5 * time.Second, Generate: contract.Generate{N: 1000, Seed: 1, Rate: 1e6}}
	b.ReportAllocs()
	for b.Loop() {
		rep, err := contract.Run(context.Background(), v, cfg)
		if err != nil {
			b.Fatal(err)
		}
		if _, failed, _, _, _, _ := rep.Counts(); failed > 0 {
			b.Fatalf("--generate 1000 against the reference server: %d checks failed", failed)
		}
	}
}
