package proxy_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestUpstreamViolationNamesTheUpstreamsStatus: a violation of the upstream's answer is shown,
// in its log line and as the example of its group, with the status of that answer (200), in
// enforce mode too, where the client got a 502 in its place.
func TestUpstreamViolationNamesTheUpstreamsStatus(t *testing.T) {
	up := badDateUpstream(t)
	for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
		t.Run(mode.String(), func(t *testing.T) {
			pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = mode })
			get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
			s := pr.summary()
			if s.UpstreamViolations == 0 {
				t.Fatalf("summary: no upstream violation")
			}
			for _, g := range s.Violations {
				if g.ExampleStatus != http.StatusOK {
					t.Errorf("group %q: example status %d, want the upstream's 200", g.Where+": "+g.Rule, g.ExampleStatus)
				}
			}
			for _, line := range strings.Split(strings.TrimSpace(pr.logs.String()), "\n") {
				if strings.Contains(line, "breaks the contract") && !strings.Contains(line, " status=200 ") {
					t.Errorf("log line %q: want status=200, the upstream's answer's", line)
				}
			}
		})
	}
}
