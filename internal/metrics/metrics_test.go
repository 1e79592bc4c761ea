package metrics_test

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/metrics"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

func TestPattern(t *testing.T) {
	cases := map[string]string{
		"":                         "",
		"/login_logs/3/CreatedAt":  "/login_logs/*/CreatedAt",
		"/login_logs/12/x/0":       "/login_logs/*/x/*",
		"/login_logs/3a/CreatedAt": "/login_logs/3a/CreatedAt",
		"/error_code":              "/error_code",
	}
	for in, want := range cases {
		if got := report.Pattern(in); got != want {
			t.Errorf("Pattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestViolationLabelsAreBounded(t *testing.T) {
	m := metrics.New()
	for i := range metrics.MaxPointerPatterns + 50 {
		m.Violation(metrics.SideUpstream, "body", fmt.Sprintf("/login_logs/0/x-%d", i))
	}
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() != "loginlogs_violations_total" {
			continue
		}
		series, other := len(f.GetMetric()), 0.0
		for _, s := range f.GetMetric() {
			for _, l := range s.GetLabel() {
				if l.GetName() == "pointer" && l.GetValue() == metrics.OtherPointer {
					other = s.GetCounter().GetValue()
				}
			}
		}
		if series != metrics.MaxPointerPatterns+1 || other != 50 {
			t.Errorf("%d series, %v under %q; want %d and 50", series, other, metrics.OtherPointer, metrics.MaxPointerPatterns+1)
		}
		return
	}
	t.Fatal("no loginlogs_violations_total family")
}

func TestValidRequestID(t *testing.T) {
	cases := map[string]bool{
		"":                       false,
		"9f2c-01.a_b:c":          true,
		strings.Repeat("a", 128): true,
		strings.Repeat("a", 129): false,
		"id with space":          false,
		"line\nbreak":            false,
		`quote"`:                 false,
		"caf\u00e9":              false,
		"REQ-ABC_123.4:5":        true,
	}
	for id, want := range cases {
		if got := metrics.ValidRequestID(id); got != want {
			t.Errorf("ValidRequestID(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestNewRequestID(t *testing.T) {
	hex24 := regexp.MustCompile(`^[0-9a-f]{24}$`)
	a, b := metrics.NewRequestID(), metrics.NewRequestID()
	for _, id := range []string{a, b} {
		if !hex24.MatchString(id) {
			t.Errorf("NewRequestID() = %q, want 24 lowercase hex digits", id)
		}
	}
	if a == b {
		t.Errorf("NewRequestID() twice = %q both times, want two ids", a)
	}
}

// TestCountsByStatusAndDirection counts answers and bytes from several goroutines, through
// Answered and AddBytes, and reads the totals back from the registry.
func TestCountsByStatusAndDirection(t *testing.T) {
	m := metrics.New()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				m.Answered(200)
				m.Answered(404)
				m.Answered(999) // no HTTP status: counted all the same
				m.AddBytes(metrics.Response, 3)
				m.AddBytes(metrics.Request, 2)
				m.AddBytes("sideways", 1)
			}
		})
	}
	wg.Wait()
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range fams {
		for _, s := range f.GetMetric() {
			for _, l := range s.GetLabel() {
				got[f.GetName()+" "+l.GetValue()] = s.GetCounter().GetValue()
			}
		}
	}
	want := map[string]float64{
		"loginlogs_requests_total 200": 800, "loginlogs_requests_total 404": 800, "loginlogs_requests_total 999": 800,
		"loginlogs_bytes_total response": 2400, "loginlogs_bytes_total request": 1600, "loginlogs_bytes_total sideways": 800,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v after 8 × 100 counts, want %v", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("series %v, want exactly %v", got, want)
	}
}
