package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

// TestContractJudgedNothingIsInconclusive: a contract run in which every check is skipped
// (here unknown-user alone, without --unknown-user-id) is INCONCLUSIVE, exit 3, with a JUnit
// <error> and "ok": false, not a pass; --allow-empty passes it; a run that judged a check
// passes as before.
func TestContractJudgedNothingIsInconclusive(t *testing.T) {
	url := startAPI(t, fakeapi.New(seedBytes(t)))
	cases := []struct {
		name string
		args []string
		want int
		text string
	}{
		{"every check skipped", []string{"--only", "unknown-user"}, exitInconclusive, "INCONCLUSIVE: no check ran to a verdict (5 of 5 skipped)"},
		{"every check skipped, --allow-empty", []string{"--only", "unknown-user", "--allow-empty"}, exitOK, "0 passed"},
		{"one check judged", []string{"--only", "documented-request"}, exitOK, "1 passed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			junit := filepath.Join(t.TempDir(), "contract.xml")
			args := append([]string{"contract", "--junit", junit}, tc.args...)
			stdout, stderr, code := runCLI(t, liveEnv(url), args...)
			if code != tc.want || !strings.Contains(stdout, tc.text) {
				t.Errorf("%v: exit %d, want %d, and %q in\n%s\nstderr: %s", args, code, tc.want, tc.text, stdout, stderr)
			}
			inconclusive := tc.want == exitInconclusive
			if inconclusive && (strings.Count(strings.TrimSpace(stderr), "\n") > 0 || !strings.Contains(stderr, "inconclusive")) {
				t.Errorf("%v: stderr %q, want one line saying inconclusive", args, stderr)
			}
			var suites report.JUnitSuites
			data, err := os.ReadFile(junit)
			if err != nil || xml.Unmarshal(data, &suites) != nil || len(suites.Suites) != 1 {
				t.Fatalf("--junit: %v\n%s", err, data)
			}
			s := suites.Suites[0]
			errored := s.Errors == 1 && s.Cases[0].Error != nil && s.Cases[0].Error.Type == "inconclusive"
			if errored != inconclusive {
				t.Errorf("%v: JUnit %d errors, first case %+v; want an inconclusive <error>: %v", args, s.Errors, s.Cases[0], inconclusive)
			}

			stdout, _, code = runCLI(t, liveEnv(url), append(args, "--format", "json")...)
			var rep struct {
				Summary struct {
					Inconclusive bool `json:"inconclusive"`
					OK           bool `json:"ok"`
				} `json:"summary"`
			}
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != tc.want || rep.Summary.Inconclusive != inconclusive || rep.Summary.OK != (tc.want == exitOK) {
				t.Errorf("%v --format json: exit %d, summary %+v (%v); want exit %d, inconclusive %v, ok %v", args, code, rep.Summary, err, tc.want, inconclusive, tc.want == exitOK)
			}
		})
	}
}
