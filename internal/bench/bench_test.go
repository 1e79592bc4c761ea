package bench

import (
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
)

func TestLogsRepeatTheSeedInTimeOrder(t *testing.T) {
	t0 := time.Date(2024, 7, 10, 12, 16, 19, 0, time.UTC)
	seed := []store.LoginLog{{IPAddress: "a", CreatedAt: t0}, {IPAddress: "b", CreatedAt: t0.Add(time.Hour)}}
	logs := Logs(seed, 5)
	if len(logs) != 5 {
		t.Fatalf("Logs(seed of 2, 5): %d logs, want 5", len(logs))
	}
	for i, l := range logs {
		if want := seed[i%2].IPAddress; l.IPAddress != want {
			t.Errorf("log %d: IP %q, want %q", i, l.IPAddress, want)
		}
		if want := t0.Add(time.Duration(i) * time.Second); !l.CreatedAt.Equal(want) {
			t.Errorf("log %d: CreatedAt %s, want %s", i, l.CreatedAt, want)
		}
	}
}
