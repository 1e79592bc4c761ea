package contract_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestAnswerThatPagesIsDrift: a 200 that keeps login_logs but pages hides logs from a client
// that follows the contract. The embedded contract does not forbid the extra members, so
// kin-openapi allows them: the checker warns of drift, naming the keys and the counts, and the
// answer passes. (Where a contract forbids the keys, the same words join kin-openapi's error:
// TestContractVerdictsFollowTheContractInHand in cmd/loginlogs.)
func TestAnswerThatPagesIsDrift(t *testing.T) {
	two := `"login_logs":[` + entry + `,` + strings.Replace(entry, "12:16", "12:17", 1) + `]`
	tests := []struct {
		name string
		body string
		want string // "" for no paging error
	}{
		{"next_cursor", `{` + two + `,"next_cursor":"c2"}`, `2 entries with next_cursor "c2"`},
		{"page", `{"page":1,` + two + `}`, "2 entries with page 1"},
		{"total above the entries", `{` + two + `,"total":4900}`, "2 entries with total 4,900"},
		{"all three", `{` + two + `,"total":4900,"page":1,"next_cursor":"c2"}`, `2 entries with next_cursor "c2", page 1, total 4,900`},
		{"total equal to the entries", `{` + two + `,"total":2}`, ""},
		{"no paging", `{` + two + `}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := fakeapi.New(seed(t))
			api.OK = okBody("application/json", tt.body)
			for _, mode := range []string{"live", "replayed"} {
				var res contract.Result
				if mode == "live" {
					res = runAgainst(t, api, nil).Results[0]
				} else {
					res = replayBody(t, tt.body)
				}
				var paging []contract.Finding
				for _, f := range res.Warnings {
					if strings.Contains(f.Message, "started to page") {
						paging = append(paging, f)
					}
				}
				switch {
				case len(res.Errors) > 0:
					t.Errorf("%s %s: errors %v, want none (kin-openapi allows the extra members)", mode, tt.body, res.Errors)
				case tt.want == "" && len(paging) > 0:
					t.Errorf("%s %s: paging warning %v, want none", mode, tt.body, paging)
				case tt.want != "" && (len(paging) != 1 || !strings.Contains(paging[0].Got, tt.want)):
					t.Errorf("%s %s: warnings %v, want one paging warning with %q", mode, tt.body, res.Warnings, tt.want)
				}
			}
		})
	}
}

// replayBody judges body as a recorded 200 answer to the documented request.
func replayBody(t *testing.T, body string) contract.Result {
	t.Helper()
	return replayWith(t, validator(t), body)
}

func TestShapeHintNamesTheKeysPresent(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{"audit_logs":[],"next_cursor":"c2"}`, "body has audit_logs, next_cursor: looks like SSOJet's paginated snake_case shape"},
		{`{"audit_logs":[]}`, "body has audit_logs: looks like SSOJet's paginated"},
		{`{"items":[],"page":2,"total":40}`, "body has page, total: looks like a paginated shape"},
	}
	for _, tt := range tests {
		res := replayBody(t, tt.body)
		found := false
		for _, f := range append(res.Errors, res.Warnings...) {
			found = found || strings.Contains(f.Message, tt.want)
		}
		if !found {
			t.Errorf("%s: errors %v, want a shape hint %q", tt.body, res.Errors, tt.want)
		}
	}
}

// TestEnvelopeViolationQuotesTheEntries: a contract that refuses the envelope as a whole
// (maxProperties: 1) is judged with its entries streamed: the error quotes the envelope with
// its entries counted, never as the empty list the streamed array leaves in it.
func TestEnvelopeViolationQuotesTheEntries(t *testing.T) {
	const envelope = "    LoginLogsResponse:\n      type: object\n"
	if bytes.Count(api.OpenAPI, []byte(envelope)) != 1 {
		t.Fatalf("the contract has not one %q", envelope)
	}
	doc, err := spec.Load(bytes.Replace(api.OpenAPI, []byte(envelope), []byte(envelope+"      maxProperties: 1\n"), 1))
	if err != nil {
		t.Fatal(err)
	}
	ex := &contract.Exchange{Check: "documented-request"}
	ex.Request.Method, ex.Request.URL = "GET", "https://api.ssojet.com/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID
	ex.Response.Status = 200
	ex.Response.Header = map[string][]string{"Content-Type": {"application/json"}}
	ex.Response.BodyJSON = []byte(`{"login_logs":[` + entry + `,` + entry + `,` + entry + `],"page":2}`)
	rep, err := contract.Replay(t.Context(), validate.New(doc), contract.ReplayOptions{Exchanges: []*contract.Exchange{ex}, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	res := rep.Results[0]
	if len(res.Errors) != 1 || res.Errors[0].Pointer != "" || strings.Contains(res.Errors[0].Got, `"login_logs":[]`) || !strings.Contains(res.Errors[0].Got, "3 entries") {
		t.Errorf("maxProperties: 1 on an envelope of 3 entries: errors %+v, want one on the body quoting its 3 entries", res.Errors)
	}
}
