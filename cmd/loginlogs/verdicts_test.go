package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// Edits of the contract a user may bring with --spec (issue 18's measurements).
var (
	// at304 is where an edit adds a response to GET's statuses.
	at304 = "        '304':\n          description: |\n            Not modified"
	// defaultError covers every status GET does not list with SSOJet's error body.
	defaultError = specEdit{at304, "        default:\n          description: Any other answer.\n          headers:\n            X-Trace:\n              required: true\n              schema:\n                type: string\n                pattern: '^t-[0-9]+$'\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Error'\n" + at304}
	// problemJSON documents the 400 as application/problem+json.
	problemJSON = specEdit{"        (`userid`, `client_id`, then the headers), and its `error_description` names it first.\n      content:\n        application/json:\n",
		"        (`userid`, `client_id`, then the headers), and its `error_description` names it first.\n      content:\n        application/problem+json:\n"}
	// vendorJSON documents the 200 as a +json type of its own.
	vendorJSON = specEdit{"          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/LoginLogsResponse'\n",
		"          content:\n            application/vnd.ssojet.logs+json:\n              schema:\n                $ref: '#/components/schemas/LoginLogsResponse'\n"}
	// closedEnvelope forbids members the 200's envelope does not declare.
	closedEnvelope = specEdit{responseEnv, responseEnv + "      additionalProperties: false\n"}
	// optionalLogs makes login_logs optional.
	optionalLogs = specEdit{"      required:\n        - login_logs\n", ""}
	// pagedLogs declares next_cursor and page beside login_logs.
	pagedLogs = specEdit{"      properties:\n        login_logs:\n", "      properties:\n        next_cursor:\n          type: string\n          nullable: true\n        page:\n          type: integer\n        login_logs:\n"}
)

// paginatedShape edits the contract into SSOJet's newer paginated snake_case shape, with the
// 200's example in that shape.
func paginatedShape() []specEdit {
	return []specEdit{
		{"              example:\n                login_logs:\n", "              x-seed-example:\n                login_logs:\n"},
		{responseEnv + "      description: The body of a successful answer.\n      required:\n        - login_logs\n      properties:\n        login_logs:\n",
			responseEnv + "      description: SSOJet's newer paginated shape.\n      required:\n        - audit_logs\n      example:\n        audit_logs:\n          - ip_address: 183.83.177.227\n            created_at: '2024-07-10T12:16:19.647Z'\n        next_cursor: c2\n        total: 4900\n" +
				"      properties:\n        next_cursor:\n          type: string\n          nullable: true\n        total:\n          type: integer\n        audit_logs:\n          type: array\n          items:\n            $ref: '#/components/schemas/AuditLog'\n        login_logs:\n"},
		{"    LoginLog:\n      type: object\n", "    AuditLog:\n      type: object\n      required: [ip_address, created_at]\n      properties:\n        ip_address:\n          type: string\n        created_at:\n          type: string\n          format: date-time\n    LoginLog:\n      type: object\n"},
	}
}

// TestContractVerdictsFollowTheContractInHand runs `contract --spec EDITED --response BODY` on
// answers whose verdict depends on what the edited contract says of statuses, media types and
// members, and holds each to kin-openapi's own verdict on the edited contract (package oracle):
// the exit code and the JSON pointers of the errors. What the checker adds beyond the verdict
// (drift warnings, hints) must be in the report, and must not fail it.
func TestContractVerdictsFollowTheContractInHand(t *testing.T) {
	logs := `{"login_logs":[` + entryJSON + `]}`
	errBody := `{"error":"invalid_client","error_description":"d","error_code":1001}`
	tests := []struct {
		name        string
		edits       []specEdit
		status      int
		contentType string
		headers     []string
		body        string
		refused     bool   // kin-openapi refuses the answer: the case tells something
		report      string // in the report, when set
	}{
		{"304 with its ETag", nil, 304, "", []string{`ETag: "r1.a"`}, "", false, ""},
		{"a status only the default covers", []specEdit{defaultError}, 418, "application/json", []string{"X-Trace: t-1"}, errBody, false, ""},
		{"a status only the default covers, its header broken", []specEdit{defaultError}, 418, "application/json", []string{"X-Trace: trace"}, errBody, true, ""},
		{"a status only the default covers, its body broken", []specEdit{defaultError}, 418, "application/json", []string{"X-Trace: t-1"}, `{"error":"x"}`, true, ""},
		{"application/problem+json documented", []specEdit{problemJSON}, 400, "application/problem+json", nil, errBody, false, ""},
		{"application/problem+json documented, body broken", []specEdit{problemJSON}, 400, "application/problem+json", nil, `{"error":"x","error_code":1}`, true, ""},
		{"application/json where problem+json is documented", []specEdit{problemJSON}, 400, "application/json", nil, errBody, true, "application/problem+json"},
		{"a +json type documented", []specEdit{vendorJSON}, 200, "application/vnd.ssojet.logs+json; charset=utf-8", nil, logs, false, ""},
		{"a +json type documented, an entry broken", []specEdit{vendorJSON}, 200, "application/vnd.ssojet.logs+json", nil, `{"login_logs":[{}]}`, true, ""},
		{"next_cursor the contract allows", nil, 200, "application/json", nil, `{"login_logs":[],"next_cursor":"c2"}`, false, "the API has started to page (next_cursor)"},
		{"next_cursor the contract forbids", []specEdit{closedEnvelope}, 200, "application/json", nil, `{"login_logs":[],"next_cursor":"c2"}`, true, "the API has started to page (next_cursor)"},
		{"next_cursor and page the contract declares", []specEdit{pagedLogs}, 200, "application/json", nil, `{"login_logs":[],"next_cursor":"c2","page":1}`, false, ""},
		{"no login_logs, the contract makes them optional", []specEdit{optionalLogs}, 200, "application/json", nil, `{"audit_logs":[],"next_cursor":"c2"}`, false, "looks like SSOJet's paginated snake_case shape"},
		{"no login_logs, the contract requires them", nil, 200, "application/json", nil, `{"audit_logs":[],"next_cursor":"c2"}`, true, "looks like SSOJet's paginated snake_case shape"},
		{"the paginated shape, by its contract", paginatedShape(), 200, "application/json", nil,
			`{"audit_logs":[{"ip_address":"183.83.177.227","created_at":"2024-07-10T12:16:19.647Z"}],"next_cursor":"c2","total":4900}`, false, ""},
		{"the paginated shape, by its contract, broken", paginatedShape(), 200, "application/json", nil,
			`{"audit_logs":[{"ip_address":"183.83.177.227","created_at":"yesterday"}],"next_cursor":null}`, true, ""},
	}
	req, err := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=cli_x", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, o := editedOracle(t, tt.edits...)
			header := http.Header{}
			if tt.contentType != "" {
				header.Set("Content-Type", tt.contentType)
			}
			args := []string{"contract", "--spec", path, "--response", writeFile(t, t.TempDir(), "body", tt.body),
				"--status", strconv.Itoa(tt.status), "--content-type", tt.contentType, "--format", "json"}
			for _, h := range tt.headers {
				name, value, _ := strings.Cut(h, ": ")
				header.Add(name, value)
				args = append(args, "--header", h)
			}
			verdict := o.Response(req, tt.status, header, []byte(tt.body))
			wantPtrs := oracle.Pointers(verdict)
			slices.Sort(wantPtrs)
			wantCode := exitOK
			if verdict != nil || oracle.Trailing([]byte(tt.body)) {
				wantCode = exitFailed
			}
			if refused := wantCode != exitOK; refused != tt.refused {
				t.Fatalf("kin-openapi refuses the answer: %v, want %v (%v): the case no longer tells what it should", refused, tt.refused, verdict)
			}
			stdout, stderr, code := runCLI(t, nil, args...)
			gotPtrs, _ := reportPointers(t, stdout)
			if code != wantCode || strings.Join(gotPtrs, " ") != strings.Join(wantPtrs, " ") {
				t.Errorf("contract: exit %d, errors at %q (stderr %s)\nkin-openapi: exit %d, errors at %q (%v)\nreport: %s",
					code, gotPtrs, strings.TrimSpace(stderr), wantCode, wantPtrs, verdict, stdout)
			}
			if tt.report != "" && !strings.Contains(stdout, jsonText(tt.report)) {
				t.Errorf("report does not say %q:\n%s", tt.report, stdout)
			}
		})
	}
}

// jsonText is s as a JSON report quotes it inside a string.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// TestContractJudgesThePaginatedContractsOwnExamples: `contract --spec` with SSOJet's newer
// paginated shape as the contract passes that contract's own example of a 200.
func TestContractJudgesThePaginatedContractsOwnExamples(t *testing.T) {
	path, _ := editSpec(t, paginatedShape()...)
	doc, _, err := loadContract(context.Background(), "test", path)
	if err != nil {
		t.Fatal(err)
	}
	schema := doc.Components.Schemas["LoginLogsResponse"].Value
	example, err := json.Marshal(schema.Example)
	if err != nil || schema.Example == nil {
		t.Fatalf("the edited contract's example: %v (%v)", schema.Example, err)
	}
	body := writeFile(t, t.TempDir(), "example.json", string(example))
	stdout, stderr, code := runCLI(t, nil, "contract", "--spec", path, "--response", body)
	if code != exitOK || strings.Contains(stdout, "warning ") {
		t.Errorf("contract --spec paginated --response its example %s: exit %d, want 0 without warnings\n%s%s", example, code, stdout, stderr)
	}
}

// TestContractJudgesWholeBodiesTheContractKeepsFromSplitting: under a contract whose 200 body
// the checker cannot split (a keyword that looks at several entries, or at the envelope as a
// whole), a body of several MiB is judged whole with kin-openapi's verdict, up to
// contract.MaxWhole; past it, the answer is too large to check (exit 2), naming the keyword.
func TestContractJudgesWholeBodiesTheContractKeepsFromSplitting(t *testing.T) {
	const items = "          items:\n            $ref: '#/components/schemas/LoginLog'\n"
	entry := func(i int) string {
		return strings.Replace(entryJSON, `"183.83.177.227"`, `"10.0.`+strconv.Itoa(i/250)+`.`+strconv.Itoa(i%250)+`"`, 1)
	}
	body := func(n int, repeat bool) string {
		var b strings.Builder
		b.WriteString(`{"login_logs":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			if repeat && i == n-1 {
				i = 0 // the first entry again
			}
			b.WriteString(entry(i))
		}
		b.WriteString(`]}`)
		return b.String()
	}
	const n = 25000 // about 4 MiB, past the 1 MiB once judged whole
	tests := []struct {
		name   string
		edit   specEdit
		body   string
		refuse bool
	}{
		{"uniqueItems, all unique", specEdit{items, "          uniqueItems: true\n" + items}, body(n, false), false},
		{"uniqueItems, one repeated", specEdit{items, "          uniqueItems: true\n" + items}, body(n, true), true},
		{"maxItems", specEdit{items, "          maxItems: 20000\n" + items}, body(n, false), true},
		{"allOf on the envelope", specEdit{responseEnv, responseEnv + "      allOf:\n        - type: object\n"}, body(n, false), false},
	}
	req, err := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=cli_x", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, o := editedOracle(t, tt.edit)
			verdict := o.Response(req, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, []byte(tt.body))
			if (verdict != nil) != tt.refuse {
				t.Fatalf("kin-openapi's verdict %v, want refused %v: the case no longer tells what it should", verdict, tt.refuse)
			}
			wantPtrs := oracle.Pointers(verdict)
			slices.Sort(wantPtrs)
			wantCode := exitOK
			if verdict != nil {
				wantCode = exitFailed
			}
			stdout, stderr, code := runCLI(t, nil, "contract", "--spec", path, "--response", writeFile(t, t.TempDir(), "body.json", tt.body), "--format", "json")
			gotPtrs, _ := reportPointers(t, stdout)
			if code != wantCode || strings.Join(gotPtrs, " ") != strings.Join(wantPtrs, " ") {
				t.Errorf("contract: exit %d, errors at %q (stderr %s)\nkin-openapi: exit %d, errors at %q", code, gotPtrs, strings.TrimSpace(stderr), wantCode, wantPtrs)
			}
		})
	}

	t.Run("past MaxWhole", func(t *testing.T) {
		path, _ := editedOracle(t, specEdit{items, "          uniqueItems: true\n" + items})
		huge := `{"login_logs":[],"padding":"` + strings.Repeat("x", contract.MaxWhole) + `"}`
		_, stderr, code := runCLI(t, nil, "contract", "--spec", path, "--response", writeFile(t, t.TempDir(), "body.json", huge))
		want := "the 200 body is larger than 64 MiB (the largest body the checker judges whole, as the contract does not let it split this one: its member login_logs has uniqueItems, which looks at several entries at once)"
		if code != exitUsage || !strings.Contains(stderr, want) {
			t.Errorf("contract --response of %d bytes: exit %d, stderr %q; want exit 2 and %q", len(huge), code, stderr, want)
		}
	})
}

// TestRulesBeyondKinOpenAPIInEveryVerb holds every verb that judges a recorded or forwarded
// answer (contract --response, proxy in enforce mode, import) to the rules of docs/decisions.md's
// table "beyond kin-openapi", on the same answers under the same contract: each verb refuses
// exactly what kin-openapi refuses plus what a rule of the table adds for that verb.
func TestRulesBeyondKinOpenAPIInEveryVerb(t *testing.T) {
	bad := strings.Replace(entryJSON, `"2024-07-10T12:16:19.647Z"`, `"yesterday"`, 1)
	no304 := specEdit{at304, "        '399':\n          description: |\n            Not modified"}
	nullable := specEdit{"    LoginLog:\n      type: object\n", "    LoginLog:\n      type: object\n      nullable: true\n"}
	type verdicts struct{ contract, proxy, importer bool } // refused by each verb
	tests := []struct {
		name    string
		edits   []specEdit
		status  int
		body    string
		kin     bool // kin-openapi refuses it
		refused verdicts
		rule    string // the table's rule that makes a verb differ from kin-openapi, in its message
	}{
		{"data after the JSON value", nil, 200, `{"login_logs":[` + entryJSON + `]} {}`, false, verdicts{true, true, true}, "data after the JSON"},
		{"a 304 the contract does not document", []specEdit{no304}, 304, "", false, verdicts{true, true, false}, "not documented"},
		{"login_logs twice, both valid", nil, 200, `{"login_logs":[` + entryJSON + `],"login_logs":[` + entryJSON + `]}`, false, verdicts{false, false, true}, `second "login_logs" member`},
		{"login_logs twice, the first broken", nil, 200, `{"login_logs":[` + bad + `],"login_logs":[` + entryJSON + `]}`, false, verdicts{false, false, true}, ""},
		{"a null entry the contract allows", []specEdit{nullable}, 200, `{"login_logs":[` + entryJSON + `,null]}`, false, verdicts{false, false, true}, "null is no login log to store"},
		{"a broken entry (kin-openapi's own)", nil, 200, `{"login_logs":[` + bad + `]}`, true, verdicts{true, true, true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, o := editedOracle(t, tt.edits...)
			req, _ := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID, nil)
			header := http.Header{"Content-Type": {"application/json"}}
			if kin := o.Response(req, tt.status, header, []byte(tt.body)) != nil; kin != tt.kin {
				t.Fatalf("kin-openapi refuses it: %v, want %v", kin, tt.kin)
			}
			file := writeFile(t, t.TempDir(), "body.json", tt.body)
			var messages []string

			stdout, stderr, code := runCLI(t, nil, "contract", "--spec", path, "--response", file, "--status", strconv.Itoa(tt.status))
			messages = append(messages, stdout+stderr)
			if refused := code == exitFailed; refused != tt.refused.contract || (code != exitOK && code != exitFailed) {
				t.Errorf("contract --response: exit %d, want refused %v\n%s%s", code, tt.refused.contract, stdout, stderr)
			}

			fake := fakeapi.New(nil)
			fake.OK = func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				io.WriteString(w, tt.body)
			}
			up := httptest.NewServer(fake)
			defer up.Close()
			doc, _, err := loadContract(context.Background(), "test", path)
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(up.URL)
			p, err := proxy.New(proxy.Config{Upstream: u, Validator: validate.New(doc), Mode: validate.Enforce, Logger: slog.New(slog.DiscardHandler)})
			if err != nil {
				t.Fatal(err)
			}
			pr := httptest.NewServer(p)
			defer pr.Close()
			preq, _ := http.NewRequest(http.MethodGet, pr.URL+"/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID, nil)
			preq.Header.Set("Authorization", "Bearer "+fakeapi.Token)
			res, err := http.DefaultClient.Do(preq)
			if err != nil {
				t.Fatal(err)
			}
			got, rerr := io.ReadAll(res.Body)
			res.Body.Close()
			pr.Close()
			messages = append(messages, string(got))
			if refused := res.StatusCode == http.StatusBadGateway || rerr != nil; refused != tt.refused.proxy {
				t.Errorf("proxy, enforce: status %d, read error %v, want refused %v: %s", res.StatusCode, rerr, tt.refused.proxy, got)
			}
			for _, g := range p.Summary().Violations {
				messages = append(messages, g.Example)
			}

			if tt.status == http.StatusOK {
				stdout, stderr, code = runCLI(t, nil, "import", "--spec", path, "--database-url", filepath.Join(t.TempDir(), "x.db"),
					"--client-id", fakeapi.ClientID, "--user-id", fakeapi.UserID, "--progress", "never", file)
				messages = append(messages, stderr)
				if refused := code != exitOK; refused != tt.refused.importer {
					t.Errorf("import: exit %d, want refused %v\n%s%s", code, tt.refused.importer, stdout, stderr)
				}
			}
			if tt.rule != "" && !strings.Contains(strings.Join(messages, "\n"), tt.rule) {
				t.Errorf("no verb said %q:\n%s", tt.rule, strings.Join(messages, "\n"))
			}
		})
	}
}

// TestContentTypeByHeaderIsJudged: a bare body's Content-Type given as --header 'Content-Type: …'
// is the one judged, as kin-openapi judges it; it was added after --content-type's default,
// application/json, which alone was judged: a text/plain answer passed. Both flags at once are
// a usage error.
func TestContentTypeByHeaderIsJudged(t *testing.T) {
	body := `{"login_logs":[` + entryJSON + `]}`
	path, o := editedOracle(t)
	req, err := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=cli_x", nil)
	if err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, t.TempDir(), "body", body)
	verdict := o.Response(req, 200, http.Header{"Content-Type": {"text/plain"}}, []byte(body))
	if verdict == nil {
		t.Fatal("kin-openapi accepts a text/plain 200: the case no longer tells what it should")
	}
	stdout, stderr, code := runCLI(t, nil, "contract", "--spec", path, "--response", file, "--header", "Content-Type: text/plain")
	if code != exitFailed {
		t.Errorf("contract --response --header 'Content-Type: text/plain': exit %d, want %d as kin-openapi refuses it (%v)\n%s%s", code, exitFailed, verdict, stdout, stderr)
	}
	_, stderr, code = runCLI(t, nil, "contract", "--response", file, "--content-type", "application/json", "--header", "content-type: text/plain")
	if code != exitUsage || strings.Count(stderr, "\n") != 1 {
		t.Errorf("contract --response --content-type X --header 'content-type: Y': exit %d, stderr %q; want %d and one line", code, stderr, exitUsage)
	}
}
