package server_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

func TestMetricsCountAnswersByStatus(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := server.SeedDemo(ctx, st, doc); err != nil {
		t.Fatal(err)
	}
	tokens := &server.Tokens{}
	tokens.Add("metrics-token", server.DemoClientID)
	ts := httptest.NewServer(server.NewHandler(server.Config{Store: st, Validator: validate.New(doc), Tokens: tokens,
		Logger: slog.New(slog.DiscardHandler)}))
	defer ts.Close()

	call := func(token string) {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/v1/users/"+server.DemoUserID+"/loginlogs?client_id="+server.DemoClientID, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	call("metrics-token")
	call("metrics-token")
	call("")

	res, err := http.Get(ts.URL + "/metrics")
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
