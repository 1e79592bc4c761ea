package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/bench"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
)

// TestHostileAnswersCostLittle: `contract --response` judges each answer of the hostile fake
// allocating at most 50 MB more than it allocates for the seed's answer, so its heap grows by no
// more: 9,000 nested arrays (18 KB; 835 MB before violations quoted bounded excerpts), 9,000
// nested objects (54 KB; 4 GB before), 100 entries of 60 nested objects, a 512 KiB CreatedAt, and
// 1,000 entries breaking the contract. Each is a failure, named, not a crash.
func TestHostileAnswersCostLittle(t *testing.T) {
	dir := t.TempDir()
	seed := writeFile(t, dir, "seed.json", string(seedBytes(t)))
	runCLI(t, nil, "contract", "--response", seed) // what runs once per process (spec, formats)
	idle := bench.Allocated(func() { runCLI(t, nil, "contract", "--response", seed) })
	for _, tc := range []struct{ behaviour, want string }{
		{"nested", "nested deeper than 64 levels"},
		{"deep", "nested deeper than 64 levels"},
		{"deep=60x100", "body /login_logs/*/IpAddress ×100"},
		{"long=512K", "body /login_logs/0/CreatedAt: want pattern"},
		{"many=1000", "body /login_logs/*/CreatedAt ×1,000"},
	} {
		body := fakeapi.HostileBody(tc.behaviour)
		file := writeFile(t, dir, strings.ReplaceAll(filepath.Base(tc.behaviour), "=", "-")+".json", string(body))
		var stdout, stderr string
		var code int
		n := bench.Allocated(func() { stdout, stderr, code = runCLI(t, nil, "contract", "--response", file) })
		t.Logf("%s: %d bytes, exit %d, allocated %d KB more than for the seed", tc.behaviour, len(body), code, (int64(n)-int64(idle))>>10)
		if code != exitFailed || !strings.Contains(stdout+stderr, tc.want) {
			t.Errorf("contract --response (%s): exit %d, output %.300q; want it judged, naming %q", tc.behaviour, code, stdout+stderr, tc.want)
		}
		if n > idle+50<<20 {
			t.Errorf("contract --response (%s, %d bytes): allocated %d MB, %d MB more than for the seed; want at most 50 MB more",
				tc.behaviour, len(body), n>>20, (n-idle)>>20)
		}
	}
}
