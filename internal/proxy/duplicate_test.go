package proxy_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestEnforceJudgesARepeatedMemberAsKinOpenAPI: an answer long enough to stream whose
// login_logs member comes twice gets kin-openapi's verdict in enforce mode, where the decoded
// body keeps the last value: a broken entry in a first value that a valid second one replaces
// passes whole; a broken entry in the last value is cut before it reaches the client.
func TestEnforceJudgesARepeatedMemberAsKinOpenAPI(t *testing.T) {
	o := contractOracle(t)
	logs := func(n, bad int) string {
		var b bytes.Buffer
		bigLogs(&b, n, bad)
		return strings.TrimSuffix(strings.TrimPrefix(b.String(), `{"login_logs":`), "}")
	}
	const n = 5000 // about 800 KB a value, more than enforce mode holds whole
	tests := []struct {
		name    string
		body    string
		refused bool
	}{
		{"broken first, replaced", `{"login_logs":` + logs(n, 3) + `,"login_logs":` + logs(n, -1) + `}`, false},
		{"broken first past what is held whole, replaced", `{"login_logs":` + logs(n, n-10) + `,"login_logs":` + logs(n, -1) + `}`, false},
		{"valid first, broken last", `{"login_logs":` + logs(n, -1) + `,"login_logs":` + logs(n, n-5) + `}`, true},
		{"broken in both", `{"login_logs":` + logs(n, 3) + `,"login_logs":` + logs(n, 7) + `}`, true},
		{"broken in both, past what is held whole", `{"login_logs":` + logs(n, n-10) + `,"login_logs":` + logs(n, n-5) + `}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, logsURL("http://ssojet.test/api/v1", fakeapi.UserID, fakeapi.ClientID), nil)
			verdict := o.Response(req, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, []byte(tt.body))
			if (verdict != nil) != tt.refused {
				t.Fatalf("kin-openapi's verdict: %v, want refused %v: the case no longer tells what it should", verdict, tt.refused)
			}
			fake := fakeapi.New(nil)
			fake.OK = func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, tt.body)
			}
			up := httptest.NewServer(fake)
			defer up.Close()
			pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Mode = validate.Enforce })
			r, _ := http.NewRequest(http.MethodGet, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), nil)
			r.Header.Set("Authorization", "Bearer "+fakeapi.Token)
			res, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			got, rerr := io.ReadAll(res.Body)
			passed := rerr == nil && res.StatusCode == http.StatusOK && string(got) == tt.body
			if passed == tt.refused {
				t.Errorf("enforce: status %d, %d of %d bytes, read error %v; kin-openapi refuses it: %v", res.StatusCode, len(got), len(tt.body), rerr, tt.refused)
			}
			if tt.refused && res.StatusCode == http.StatusOK && bytes.Contains(got, []byte("yesterday")) {
				t.Errorf("a broken entry reached the client")
			}
		})
	}
}

// TestAnswerJudgedWholePastTheRestLimit: under a contract that keeps the proxy from splitting a
// 200 (uniqueItems on login_logs), an answer over 16 MiB, the most of a streamed body's rest the
// proxy holds, is judged whole (up to validate.DefaultWhole) and gets kin-openapi's verdict
// rather than none. (The violations of such bodies: TestContractJudgesWholeBodiesTheContractKeepsFromSplitting.)
func TestAnswerJudgedWholePastTheRestLimit(t *testing.T) {
	const items = "          items:\n            $ref: '#/components/schemas/LoginLog'\n"
	contract := strings.Replace(string(api.OpenAPI), items, "          uniqueItems: true\n"+items, 1)
	o, v := judges(t, contract)
	var b bytes.Buffer
	b.WriteString(`{"login_logs":[`)
	for i := 0; b.Len() < 17<<20; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"IpAddress":"10.0.0.1","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.%dZ"}`, i)
	}
	b.WriteString(`]}`)
	req := httptest.NewRequest(http.MethodGet, logsURL("http://ssojet.test/api/v1", fakeapi.UserID, fakeapi.ClientID), nil)
	if verdict := o.Response(req, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, b.Bytes()); verdict != nil {
		t.Fatalf("kin-openapi refuses the body: %v", verdict)
	}
	fake := fakeapi.New(nil)
	fake.OK = func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(b.Bytes())
	}
	up := httptest.NewServer(fake)
	defer up.Close()
	pr := startProxy(t, up.URL, func(c *proxy.Config) { c.Validator = v })
	res, body := get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), fakeapi.Token)
	if res.StatusCode != http.StatusOK || len(body) != b.Len() {
		t.Fatalf("report mode: status %d, %d of %d bytes", res.StatusCode, len(body), b.Len())
	}
	if s := pr.summary(); s.Unjudged != 0 || s.UpstreamViolations != 0 {
		t.Errorf("summary: %d unjudged, %d upstream violations; want kin-openapi's verdict: judged, none", s.Unjudged, s.UpstreamViolations)
	}
}
