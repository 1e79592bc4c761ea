package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/contracttest"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
)

// specEdit is a plausible one-line edit of api/openapi.yaml: old becomes new.
type specEdit struct{ old, new string }

var (
	errorText   = "    ErrorText:\n      type: string\n"
	errorNumber = "    ErrorNumber:\n      type: integer\n"
	errorOneOf  = "        error:\n          description: A short machine-readable name of the error, e.g. `invalid_client`.\n          oneOf:\n"
	responseEnv = "    LoginLogsResponse:\n      type: object\n"
)

// editSpec writes a copy of the embedded contract with edits applied, and returns its path and
// its text.
func editSpec(t *testing.T, edits ...specEdit) (string, []byte) {
	t.Helper()
	text := string(api.OpenAPI)
	for _, e := range edits {
		if strings.Count(text, e.old) != 1 {
			t.Fatalf("api/openapi.yaml holds %q %d times, want once: the test's edit no longer applies", e.old, strings.Count(text, e.old))
		}
		text = strings.Replace(text, e.old, e.new, 1)
	}
	path := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, []byte(text)
}

// editedOracle writes a copy of the embedded contract with edits applied (editSpec), and
// returns its path and kin-openapi's judge of it.
func editedOracle(t *testing.T, edits ...specEdit) (string, *oracle.Oracle) {
	t.Helper()
	path, text := editSpec(t, edits...)
	o, err := oracle.New(text)
	if err != nil {
		t.Fatalf("oracle.New(edited contract): %v", err)
	}
	return path, o
}

// reportPointers reads a JSON report of one check and returns the pointers of the errors that
// kin-openapi's violations became, sorted, in oracle.Pointers' terms, and whether one reports
// data after the body.
func reportPointers(t *testing.T, report string) ([]string, bool) {
	t.Helper()
	var rep contract.Report
	if err := json.Unmarshal([]byte(report), &rep); err != nil || len(rep.Results) != 1 {
		t.Fatalf("report: %v (%d results), want one result:\n%s", err, len(rep.Results), report)
	}
	return contracttest.ErrorPointers(rep.Results[0].Errors)
}

// TestContractSpecEditsGetKinOpenAPIsVerdicts edits a copy of the contract in the ways that
// once made a hand-written validator disagree with kin-openapi, and runs
// `contract --spec COPY --response BODY` on bodies that tell the difference. Each verdict
// (exit code, and the JSON pointers of the report's errors) must be kin-openapi's own on the
// edited contract (package oracle), plus the rule on data after the body.
func TestContractSpecEditsGetKinOpenAPIsVerdicts(t *testing.T) {
	errBody := func(name, code string) string {
		return `{"error":` + name + `,"error_description":"The bearer token is missing or not valid.","error_code":` + code + `}`
	}
	entry := entryJSON
	badEntry := strings.Replace(entry, `"2024-07-10T12:16:19.647Z"`, `"yesterday"`, 1)
	tests := []struct {
		name   string
		edits  []specEdit
		status int
		bodies []string
		// refused is how many of the bodies kin-openapi must refuse (or find data after): the
		// edit took effect, and the cases tell something apart.
		refused int
	}{
		{"enum on ErrorText", []specEdit{{errorText, errorText + "      enum: [invalid_client, invalid_token, access_denied, resource_not_found, malformed_request, invalid_query_parameters, method_not_allowed, rate_limit_exceeded, internal_server_error, service_unavailable]\n"}},
			400, []string{errBody(`"x"`, "1002"), errBody(`"invalid_token"`, "1002"), errBody(`"invalid_token"`, `"1002"`), errBody("1002", `"invalid_token"`)}, 2},
		{"minimum on ErrorNumber", []specEdit{{errorNumber, errorNumber + "      minimum: 100\n"}},
			400, []string{errBody(`"invalid_token"`, "99"), errBody(`"invalid_token"`, "100"), errBody("7", `"1002"`), errBody(`"x"`, "-5")}, 3},
		{"format int32 on ErrorNumber", []specEdit{{errorNumber, errorNumber + "      format: int32\n"}},
			400, []string{errBody(`"x"`, "3000000000"), errBody(`"x"`, "2147483647"), errBody(`"x"`, "-2147483649"), errBody("99999999999", `"1"`)}, 3},
		{"nullable with the oneOf of Error.error", []specEdit{{errorOneOf, strings.Replace(errorOneOf, "          oneOf:\n", "          nullable: true\n          oneOf:\n", 1)}},
			400, []string{errBody("null", "1002"), errBody(`"x"`, "null"), errBody("true", "1002")}, 2},
		{"1e400 in an undeclared field of a 200", nil,
			200, []string{`{"login_logs":[` + entry + `],"total":1e400}`, `{"login_logs":[` + strings.Replace(entry, `"Os":""`, `"Os":"","Score":-1e400`, 1) + `]}`,
				`{"login_logs":[` + badEntry + `],"total":1e400}`}, 1},
		{"1e400 where additionalProperties are numbers", []specEdit{{responseEnv, responseEnv + "      additionalProperties:\n        type: number\n"}},
			200, []string{`{"login_logs":[` + entry + `],"total":1e400}`, `{"login_logs":[` + entry + `],"total":1e300}`, `{"login_logs":[],"total":"many"}`}, 2},
		{"a duplicate key", nil,
			200, []string{`{"login_logs":[` + badEntry + `],"login_logs":[` + entry + `]}`, `{"login_logs":[` + entry + `],"login_logs":[` + badEntry + `]}`,
				`{"login_logs":[` + strings.Replace(entry, `"Os":""`, `"Os":7,"Os":""`, 1) + `]}`, `{"login_logs":[` + entry + `]} {"login_logs":[]}`}, 2},
		{"a duplicate key in an error body", nil,
			400, []string{`{"error":1.5,"error":"x","error_description":"d","error_code":1}`, `{"error":"x","error":1.5,"error_description":"d","error_code":1}`}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, o := editedOracle(t, tt.edits...)
			req, err := http.NewRequest(http.MethodGet, "http://ssojet.test/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=cli_x", nil)
			if err != nil {
				t.Fatal(err)
			}
			refused := 0
			for i, body := range tt.bodies {
				file := filepath.Join(t.TempDir(), "body.json")
				if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
				verdict := o.Response(req, tt.status, http.Header{"Content-Type": {"application/json"}}, []byte(body))
				wantPtrs := oracle.Pointers(verdict)
				slices.Sort(wantPtrs)
				wantPtrs = slices.Compact(wantPtrs) // a value refused twice is one finding
				wantTrail := oracle.Trailing([]byte(body))
				wantCode := exitOK
				if verdict != nil || wantTrail {
					wantCode = exitFailed
					refused++
				}

				stdout, stderr, code := runCLI(t, nil, "contract", "--spec", path, "--response", file,
					"--status", strconv.Itoa(tt.status), "--format", "json")
				gotPtrs, gotTrail := reportPointers(t, stdout)
				if code != wantCode || strings.Join(gotPtrs, " ") != strings.Join(wantPtrs, " ") || gotTrail != wantTrail {
					t.Errorf("body %d %s:\ncontract: exit %d, errors at %q, data after %v (stderr %s)\nkin-openapi: exit %d, errors at %q, data after %v (%v)",
						i, body, code, gotPtrs, gotTrail, strings.TrimSpace(stderr), wantCode, wantPtrs, wantTrail, verdict)
				}
			}
			if refused != tt.refused {
				t.Errorf("kin-openapi refused %d of the bodies, want %d: the edit or the bodies no longer tell the cases apart", refused, tt.refused)
			}
		})
	}
}

func TestContractSpec(t *testing.T) {
	dir := t.TempDir()
	same, _ := editSpec(t)
	noOperation, _ := editSpec(t, specEdit{"operationId: listUserLoginLogs", "operationId: listLogins"})
	broken := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(broken, []byte("openapi: 3.0.3\npaths: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A candidate that makes CreatedAt optional passes a body the embedded contract refuses.
	optional, _ := editSpec(t, specEdit{"        - Device\n        - CreatedAt\n", "        - Device\n"})
	body := filepath.Join(dir, "body.json")
	if err := os.WriteFile(body, []byte(`{"login_logs":[`+strings.Replace(entryJSON, `,"CreatedAt":"2024-07-10T12:16:19.647Z"`, ``, 1)+`]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	url := startAPI(t, fakeapi.New(seedBytes(t)))
	fixtures := filepath.Join(dir, "fixtures")
	if _, stderr, code := runCLI(t, liveEnv(url), "contract", "--record", fixtures); code != exitOK {
		t.Fatalf("contract --record: exit %d, stderr %s", code, stderr)
	}
	tests := []struct {
		name       string
		environ    map[string]string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"live", liveEnv(url), []string{"--spec", same}, exitOK, "against SSOJet User Login Logs API " + specVersion(t) + " (--spec " + same + ")", ""},
		{"replay", nil, []string{"--spec", same, "--replay", fixtures}, exitOK, "PASS  documented-request", ""},
		{"response, embedded contract", nil, []string{"--response", body}, exitFailed, `body /login_logs/0/CreatedAt: want required property "CreatedAt", got absent`, ""},
		{"response, candidate contract", nil, []string{"--spec", optional, "--response", body}, exitOK, "PASS  recorded-response", ""},
		{"no such operation", nil, []string{"--spec", noOperation, "--response", body}, exitUsage, "",
			"contract: --spec " + noOperation + " declares no operation with operationId listUserLoginLogs, the operation every check calls"},
		{"no such file", nil, []string{"--spec", filepath.Join(dir, "missing.yaml"), "--response", body}, exitUsage, "", "contract: --spec: read contract"},
		{"not OpenAPI", nil, []string{"--spec", broken, "--response", body}, exitUsage, "", "contract: --spec: " + broken + ":3: parse: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tt.environ, append([]string{"contract"}, tt.args...)...)
			if code != tt.wantCode || !strings.Contains(stdout, tt.wantStdout) || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("contract %v: exit %d, want %d\nstdout (want %q):\n%s\nstderr (want %q): %s", tt.args, code, tt.wantCode, tt.wantStdout, stdout, tt.wantStderr, stderr)
			}
		})
	}
}

// specVersion is the version of the embedded contract.
func specVersion(t *testing.T) string {
	t.Helper()
	doc, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	return doc.Info.Version
}
