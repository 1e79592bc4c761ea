package contract_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

// sample is a report with one result of every kind.
var sample = contract.Report{
	Target:   "http://ssojet.test/api/v1",
	Contract: "SSOJet User Login Logs API 1.0.0",
	Results: []contract.Result{
		{Check: "documented-request", Status: 200, ContentType: "application/json", Duration: 25 * time.Millisecond,
			Warnings: []contract.Finding{{Severity: contract.SeverityWarning, In: "body", Pointer: "/login_logs/0/IpAddress", Want: "an IPv4 or IPv6 address", Got: `"x"`}}},
		{Check: "no-token", Status: 200, Errors: []contract.Finding{{Severity: contract.SeverityError, In: "status", Want: "401 Unauthorized", Got: "200 OK"}}},
		{Check: "wrong-token", Setup: "connection refused: dial tcp 127.0.0.1:1"},
		{Check: "unknown-user", Skipped: "no --unknown-user-id given"},
	},
}

func TestWriteTextColour(t *testing.T) {
	tests := []struct {
		name  string
		color bool
		want  []string
		not   []string
	}{
		{"plain", false, []string{"WARN  documented-request", "FAIL  no-token", "ERROR wrong-token", "SKIP  unknown-user",
			"4 checks: 1 passed, 1 failed, 1 could not run, 1 skipped; 1 error, 1 warning"}, []string{"\x1b["}},
		{"terminal", true, []string{"\x1b[31mFAIL \x1b[0m no-token", "\x1b[33mWARN \x1b[0m documented-request"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := contract.WriteText(&b, sample, tt.color); err != nil {
				t.Fatalf("WriteText: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("WriteText(color=%v) lacks %q:\n%s", tt.color, w, b.String())
				}
			}
			for _, n := range tt.not {
				if strings.Contains(b.String(), n) {
					t.Errorf("WriteText(color=%v) contains %q", tt.color, n)
				}
			}
		})
	}
}

func TestWriteJUnitKinds(t *testing.T) {
	var b bytes.Buffer
	if err := contract.WriteJUnit(&b, sample); err != nil {
		t.Fatalf("WriteJUnit: %v", err)
	}
	var got report.JUnitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("parse JUnit: %v\n%s", err, b.String())
	}
	s := got.Suites[0]
	if s.Tests != 4 || s.Failures != 1 || s.Errors != 1 || s.Skipped != 1 {
		t.Errorf("tests=%d failures=%d errors=%d skipped=%d, want 4, 1, 1, 1", s.Tests, s.Failures, s.Errors, s.Skipped)
	}
	if c := s.Cases[0]; c.Failure != nil || !strings.Contains(c.SystemOut, "warning: body /login_logs/0/IpAddress") || c.Time != "0.025" {
		t.Errorf("documented-request case %+v, want a pass with the warning in system-out and time 0.025", c)
	}
	if c := s.Cases[1]; c.Failure == nil || c.Failure.Type != "contract" || !strings.Contains(c.Failure.Message, "want 401 Unauthorized, got 200 OK") {
		t.Errorf("no-token case %+v, want a contract failure", c.Failure)
	}
	if c := s.Cases[2]; c.Error == nil || c.Error.Type != "network" {
		t.Errorf("wrong-token case %+v, want a network error", c.Error)
	}
	if c := s.Cases[3]; c.Skipped == nil {
		t.Errorf("unknown-user case %+v, want skipped", c)
	}
}

func TestWriteJSONSummary(t *testing.T) {
	var b bytes.Buffer
	if err := contract.WriteJSON(&b, sample); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	var got struct {
		Results []struct {
			Errors   []contract.Finding `json:"errors"`
			Warnings []contract.Finding `json:"warnings"`
		} `json:"results"`
		Summary map[string]any `json:"summary"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if got.Summary["ok"] != false || got.Summary["errors"] != 1.0 || got.Summary["setup_errors"] != 1.0 {
		t.Errorf("summary %v, want ok false, 1 error, 1 setup error", got.Summary)
	}
	if !strings.Contains(b.String(), `"errors": []`) {
		t.Errorf("a result without errors should say \"errors\": [], not null:\n%s", b.String())
	}
}
