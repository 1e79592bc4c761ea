package server

import (
	"net/http"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

func TestMetricsCountAnswersByStatus(t *testing.T) {
	fs := newFastStack(t, Enforce)
	fs.get(t)
	fs.get(t)
	if res, _, err := getWith(t, fs.url, ""); err != nil || res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("GET without a token: %v, want 401", err)
	}

	res, err := http.Get(fs.base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(res.Body)
	if err != nil {
		t.Fatalf("GET /metrics: Prometheus text parser: %v", err)
	}
	got := map[string]float64{}
	for _, m := range fams["loginlogs_requests_total"].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "status" {
				got[l.GetValue()] = m.GetCounter().GetValue()
			}
		}
	}
	if got["200"] != 2 || got["401"] != 1 {
		t.Errorf("loginlogs_requests_total by status = %v, want 200: 2, 401: 1", got)
	}
	var bytes float64
	for _, m := range fams["loginlogs_bytes_total"].GetMetric() {
		bytes += m.GetCounter().GetValue()
	}
	if bytes <= 0 {
		t.Errorf("loginlogs_bytes_total = %v, want the bodies' bytes", bytes)
	}
}
