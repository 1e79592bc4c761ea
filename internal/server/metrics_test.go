package server

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// scrape reads GET base/metrics with the Prometheus text parser and returns the counters of
// family name by their labels, written "name=value" joined by commas in the order of the names.
func scrape(t *testing.T, base, name string) map[string]float64 {
	t.Helper()
	got := map[string]float64{}
	for _, m := range families(t, base)[name].GetMetric() {
		var labels []string
		for _, l := range m.GetLabel() {
			labels = append(labels, l.GetName()+"="+l.GetValue())
		}
		slices.Sort(labels)
		got[strings.Join(labels, ",")] = m.GetCounter().GetValue()
	}
	return got
}

// families reads GET base/metrics with the Prometheus text parser.
func families(t *testing.T, base string) map[string]*dto.MetricFamily {
	t.Helper()
	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: status %d, want 200", res.StatusCode)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(res.Body)
	if err != nil {
		t.Fatalf("GET /metrics: Prometheus text parser: %v", err)
	}
	return fams
}

// violationCounts returns loginlogs_violations_total of the server at base by its labels, e.g.
// "kind=body,pointer=/login_logs/*/CreatedAt,side=server".
func violationCounts(t *testing.T, base string) map[string]float64 {
	t.Helper()
	return scrape(t, base, "loginlogs_violations_total")
}

func TestMetricsCountAnswersByStatus(t *testing.T) {
	fs := newFastStack(t, validate.Enforce)
	fs.get(t)
	fs.get(t)
	if res, _, err := getWith(t, fs.url, ""); err != nil || res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("GET without a token: %v, want 401", err)
	}

	if got := scrape(t, fs.base, "loginlogs_requests_total"); got["status=200"] != 2 || got["status=401"] != 1 {
		t.Errorf("loginlogs_requests_total by status = %v, want 200: 2, 401: 1", got)
	}
	var bytes float64
	byDirection := scrape(t, fs.base, "loginlogs_bytes_total")
	for _, n := range byDirection {
		bytes += n
	}
	if bytes <= 0 {
		t.Errorf("loginlogs_bytes_total = %v, want the bodies' bytes", bytes)
	}
	if byDirection["direction=response"] <= 0 {
		t.Errorf("loginlogs_bytes_total by direction = %v, want the answers' bytes under direction=response", byDirection)
	}
	if vs := violationCounts(t, fs.base); len(vs) != 0 {
		t.Errorf("loginlogs_violations_total after valid exchanges and a 401 = %v, want none", vs)
	}
}

// TestRequestBytesAreTheBytesReceived: loginlogs_bytes_total{direction="request"} counts the
// body bytes the server read, not the Content-Length a client declared: a request declaring a
// petabyte and sending two bytes, refused unread, adds no more than it sent, and a token request
// adds its body's length.
func TestRequestBytesAreTheBytesReceived(t *testing.T) {
	fs := newFastStack(t, validate.Enforce)
	conn, err := net.Dial("tcp", strings.TrimPrefix(fs.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "POST /api/v1/oauth2/token HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 1000000000000000\r\nConnection: close\r\n\r\n{}")
	status, _ := bufio.NewReader(conn).ReadString('\n')
	conn.Close()
	if !strings.Contains(status, " 4") {
		t.Fatalf("a petabyte declared: %q, want a 4xx refusal", status)
	}
	if got := scrape(t, fs.base, "loginlogs_bytes_total")["direction=request"]; got > 2 {
		t.Errorf("after a request that sent 2 body bytes: loginlogs_bytes_total{direction=\"request\"} = %v, want at most 2", got)
	}
	body := `{"grant_type":"client_credentials","client_id":"cli_x","client_secret":"not-its-secret"}`
	res, err := http.Post(fs.base+validate.BasePath+"/oauth2/token", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := scrape(t, fs.base, "loginlogs_bytes_total")["direction=request"]; got < float64(len(body)) || got > float64(len(body))+2 {
		t.Errorf("after a token request of %d bytes: loginlogs_bytes_total{direction=\"request\"} = %v", len(body), got)
	}
}
