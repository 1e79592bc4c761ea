package apidiff_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/apidiff"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
)

const (
	releasedPath  = "../../api/released/openapi.yaml"
	contractPath  = "../../api/openapi.yaml"
	changelogPath = "../../docs/api-changelog.md"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit applies old→new replacements to a contract's text, each of which must apply exactly once.
func edit(t *testing.T, contract string, pairs ...string) string {
	t.Helper()
	for i := 0; i < len(pairs); i += 2 {
		if n := strings.Count(contract, pairs[i]); n != 1 {
			t.Fatalf("edit: %q occurs %d times in the contract, want once", pairs[i], n)
		}
		contract = strings.Replace(contract, pairs[i], pairs[i+1], 1)
	}
	return contract
}

// paginated is the released contract switched to SSOJet's newer paginated shape: login_logs
// renamed to audit_logs, with a next_cursor.
func paginated(t *testing.T) string {
	return edit(t, read(t, releasedPath),
		"      required:\n        - login_logs\n      properties:\n        login_logs:\n",
		"      required:\n        - audit_logs\n      properties:\n        next_cursor:\n          type: string\n          description: Where the next page starts.\n        audit_logs:\n",
		"                login_logs:\n", "                audit_logs:\n")
}

// withOptionalField is the released contract with an optional field added to the 200 body.
func withOptionalField(t *testing.T) string {
	return edit(t, read(t, releasedPath),
		"      properties:\n        login_logs:\n",
		"      properties:\n        total:\n          type: integer\n          description: How many logs the user has.\n        login_logs:\n")
}

func ids(t *testing.T, r *apidiff.Report) []string {
	var out []string
	for _, c := range r.Breaking() {
		out = append(out, c.GetId())
		t.Log(apidiff.Line(c))
	}
	return out
}

func TestPaginatedShapeIsBreaking(t *testing.T) {
	r, err := apidiff.Compare("released", []byte(read(t, releasedPath)), "paginated", []byte(paginated(t)))
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	got := ids(t, r)
	if !slices.Contains(got, "response-required-property-removed") {
		t.Errorf("Compare(released, paginated): breaking %q, want response-required-property-removed among them", got)
	}
}

func TestAddedOptionalResponseFieldIsNotBreaking(t *testing.T) {
	r, err := apidiff.Compare("released", []byte(read(t, releasedPath)), "revision", []byte(withOptionalField(t)))
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	if got := ids(t, r); len(got) > 0 {
		t.Errorf("Compare(released, optional field added): breaking %q, want none", got)
	}
	if len(r.Changes) == 0 {
		t.Errorf("Compare(released, optional field added): no change reported, want the added property")
	}
}

// TestContractKeepsReleasedPromises is `make check-breaking` as a test: the contract breaks
// nothing the released one promised.
func TestContractKeepsReleasedPromises(t *testing.T) {
	r, err := apidiff.CompareFiles(releasedPath, contractPath)
	if err != nil {
		t.Fatalf("CompareFiles: %v", err)
	}
	if got := ids(t, r); len(got) > 0 {
		t.Errorf("api/openapi.yaml breaks api/released/openapi.yaml: %q; release on purpose with `make api-release`", got)
	}
}

// TestChangelogNamesReleasedVersion keeps docs/api-changelog.md in step with the baseline: its
// newest section is oasdiff's changelog up to the released contract's version.
func TestChangelogNamesReleasedVersion(t *testing.T) {
	r, err := apidiff.CompareFiles(releasedPath, releasedPath)
	if err != nil {
		t.Fatalf("CompareFiles: %v", err)
	}
	log := read(t, changelogPath)
	_, releases, ok := strings.Cut(log, "<!-- releases: newest first, written by `make api-release` -->\n")
	if !ok {
		t.Fatalf("%s has no releases mark", changelogPath)
	}
	first, _, _ := strings.Cut(strings.TrimSpace(releases), "\n")
	if !strings.HasPrefix(first, "# API Changelog ") || !strings.HasSuffix(first, " "+r.RevisionVersion) {
		t.Errorf("%s: newest release heading %q, want oasdiff's heading ending in the released version %s", changelogPath, first, r.RevisionVersion)
	}
}

func TestReleaseWritesChangelogThenBaseline(t *testing.T) {
	dir := t.TempDir()
	base, rev, log := filepath.Join(dir, "released.yaml"), filepath.Join(dir, "openapi.yaml"), filepath.Join(dir, "changelog.md")
	released := read(t, releasedPath)
	version := regexp.MustCompile(`(?m)^  version: (.+)$`).FindStringSubmatch(released)[1]
	major, _, _ := strings.Cut(version, ".")
	n, err := strconv.Atoi(major)
	if err != nil {
		t.Fatalf("released info.version %s: %v", version, err)
	}
	next := strconv.Itoa(n+1) + ".0.0" // a breaking change takes a new major version
	revision := edit(t, paginated(t), "  version: "+version+"\n", "  version: "+next+"\n")
	intro := "# Changes\n\n<!-- releases: newest first, written by `make api-release` -->\n\n# API Changelog 0.9.0 vs. 1.0.0\n\nolder\n"
	for path, text := range map[string]string{base: released, rev: revision, log: intro} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := apidiff.Release(base, rev, log); err != nil {
		t.Fatalf("Release: %v", err)
	}
	if got := read(t, base); got != revision {
		t.Errorf("Release: baseline is not the revision")
	}
	got := read(t, log)
	newer := strings.Index(got, "# API Changelog "+version+" vs. "+next)
	older := strings.Index(got, "# API Changelog 0.9.0 vs. 1.0.0")
	if newer < 0 || older < newer || !strings.Contains(got, "login_logs") {
		t.Errorf("Release: changelog\n%s\nwant the %s → %s section naming login_logs above the older one", got, version, next)
	}
	if _, err := apidiff.Release(base, rev, log); err != apidiff.ErrNoChange {
		t.Errorf("Release again: %v, want ErrNoChange", err)
	}
	if err := os.WriteFile(rev, []byte(withOptionalField(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base, []byte(released), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := apidiff.Release(base, rev, log); err != apidiff.ErrSameVersion {
		t.Errorf("Release of a change under the same info.version: %v, want ErrSameVersion", err)
	}
}

// withVersion is contract with its info.version replaced.
func withVersion(t *testing.T, contract, version string) string {
	t.Helper()
	return regexp.MustCompile(`(?m)^  version: .+$`).ReplaceAllLiteralString(contract, "  version: "+version)
}

// TestReleaseWantsTheVersionRaised: a release's info.version is a semantic version above the
// released one, with a new major version for a breaking change (from 1.0.0 on); anything else is
// refused and leaves the baseline and the changelog as they were.
func TestReleaseWantsTheVersionRaised(t *testing.T) {
	released := read(t, releasedPath)
	if got := regexp.MustCompile(`(?m)^  version: (.+)$`).FindStringSubmatch(released)[1]; got != "3.1.0" {
		t.Fatalf("released info.version %s: the cases below are written for 3.1.0", got)
	}
	tests := []struct {
		name, revision string
		ok             bool
	}{
		{"optional field, lower version", withVersion(t, withOptionalField(t), "3.0.0"), false},
		{"optional field, pre-release of the same version", withVersion(t, withOptionalField(t), "3.1.0-next"), false},
		{"optional field, not a version", withVersion(t, withOptionalField(t), "banana"), false},
		{"optional field, shorthand", withVersion(t, withOptionalField(t), "'3.2'"), false},
		{"optional field, minor raised", withVersion(t, withOptionalField(t), "3.2.0"), true},
		{"optional field, patch raised", withVersion(t, withOptionalField(t), "3.1.1"), true},
		{"breaking, minor raised", withVersion(t, paginated(t), "3.2.0"), false},
		{"breaking, patch raised", withVersion(t, paginated(t), "3.1.1"), false},
		{"breaking, major raised", withVersion(t, paginated(t), "4.0.0"), true},
		{"breaking, pre-release of the next major", withVersion(t, paginated(t), "4.0.0-rc.1"), true},
	}
	intro := "# Changes\n\n<!-- releases: newest first, written by `make api-release` -->\n\nolder\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			base, rev, log := filepath.Join(dir, "released.yaml"), filepath.Join(dir, "openapi.yaml"), filepath.Join(dir, "changelog.md")
			for path, text := range map[string]string{base: released, rev: tt.revision, log: intro} {
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := apidiff.Release(base, rev, log)
			t.Logf("Release: %v", err)
			if tt.ok != (err == nil) {
				t.Fatalf("Release(3.1.0 → %s): %v, want ok %v", tt.name, err, tt.ok)
			}
			if !tt.ok && (read(t, base) != released || read(t, log) != intro) {
				t.Errorf("Release(3.1.0 → %s) refused, but changed the baseline or the changelog", tt.name)
			}
		})
	}
}

// TestGeneratedNamesAreBreaking: the operationIds, component names, members and parameters of
// the contract are names of the generated SDKs (gen/ssojet's ListUserLoginLogs,
// LoginLogsResponse, UserID, BadRequest, TokenResponse.Scope and
// ListUserLoginLogsParams.IfNoneMatch, and openapi-typescript's, HeaderETag among them), so
// changing or removing one breaks their users' code, whatever oasdiff's default level (INFO or
// WARN, or none) says.
func TestGeneratedNamesAreBreaking(t *testing.T) {
	released := read(t, releasedPath)
	gen := read(t, "../../gen/ssojet/ssojet.gen.go")
	for _, name := range []string{"func (c *Client) ListUserLoginLogs(", "type LoginLogsResponse struct",
		"Scope *string `json:\"scope,omitempty\"`", "IfNoneMatch *IfNoneMatch `json:\"If-None-Match,omitempty\"`",
		"type UserID = string", "type BadRequest = Error"} {
		if !strings.Contains(gen, name) {
			t.Fatalf("gen/ssojet has no %q: the cases below rename what it is generated from", name)
		}
	}
	ts := read(t, "../../gen/ts/ssojet.ts")
	for _, name := range []string{"export type ParameterUserId = ", "export type ResponseBadRequest = ", "export type HeaderETag = "} {
		if !strings.Contains(ts, name) {
			t.Fatalf("gen/ts has no %q: the cases below rename what it is generated from", name)
		}
	}
	tests := []struct{ name, revision, want string }{
		{"operationId renamed", edit(t, released, "operationId: listUserLoginLogs", "operationId: listLoginLogs"), "api-operation-id-removed"},
		{"operationId removed", edit(t, released, "      operationId: listUserLoginLogs\n", ""), "api-operation-id-removed"},
		{"schema renamed", strings.ReplaceAll(released, "LoginLogsResponse", "LoginLogsAnswer"), "api-schema-removed"},
		// Component parameters, responses and headers name types too (oasdiff rates none).
		{"component parameter renamed", strings.ReplaceAll(edit(t, released, "    UserID:\n      name: userid", "    UserId:\n      name: userid"), "parameters/UserID'", "parameters/UserId'"), "api-component-removed"},
		{"component response renamed", strings.ReplaceAll(edit(t, released, "    BadRequest:\n      description", "    Invalid:\n      description"), "responses/BadRequest'", "responses/Invalid'"), "api-component-removed"},
		{"component header renamed", strings.ReplaceAll(edit(t, released, "  headers:\n    ETag:\n", "  headers:\n    EntityTag:\n"), "headers/ETag'", "headers/EntityTag'"), "api-component-removed"},
		// An optional member or parameter removed takes its field from the generated structs.
		{"optional response member removed", edit(t, released, "        scope:\n          type: string\n          description: The scopes granted, when the server says.\n", ""), "response-optional-property-removed"},
		{"request member removed", edit(t, released, "        scope:\n          type: string\n          maxLength: 1024\n          description: Space-separated scopes; optional, and ignored by the reference server.\n", ""), "request-property-removed"},
		{"optional parameter removed", edit(t, released, "        - $ref: '#/components/parameters/IfNoneMatch'\n      responses:\n        '200':\n          description: The user's login logs, oldest first.",
			"      responses:\n        '200':\n          description: The user's login logs, oldest first."), "request-parameter-removed"},
	}
	for _, tt := range tests {
		r, err := apidiff.Compare("released", []byte(released), tt.name, []byte(tt.revision))
		if err != nil {
			t.Fatalf("Compare: %v", err)
		}
		if got := ids(t, r); !slices.Contains(got, tt.want) {
			t.Errorf("Compare(released, %s): breaking %q, want %s among them", tt.name, got, tt.want)
		}
	}
}

// tokenRequest is a token request with a valid body that holds an extra member, to query.
func tokenRequest(query string) *http.Request {
	body := `{"grant_type":"client_credentials","client_id":"cli_1","client_secret":"s","audience":"https://api.ssojet.com"}`
	req := httptest.NewRequest(http.MethodPost, "http://h/api/v1/oauth2/token?"+query, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

// withFilter is contract with an optional object query parameter filter (with the given style
// lines and schema lines) on the token operation.
func withFilter(t *testing.T, contract, style, schema string) string {
	return edit(t, contract, "      security: []\n      requestBody:",
		"      security: []\n      parameters:\n        - name: filter\n          in: query\n"+style+schema+"      requestBody:")
}

// TestRequestRefusingMembersIsBreaking: an object of a request body or of a parameter that now
// refuses members the released contract accepted (additionalProperties false, or a schema they
// do not match) refuses requests the released contract accepted, as kin-openapi judges them;
// oasdiff v1.37.0 sees the change and rates it nowhere, so the gate rates it itself. Each case
// is judged by kin-openapi first: the gate must call it breaking exactly when the released
// contract accepts the request and the revision refuses it.
func TestRequestRefusingMembersIsBreaking(t *testing.T) {
	released := read(t, releasedPath)
	token := "    TokenRequest:\n      type: object\n"
	deep := "          style: deepObject\n          explode: true\n"
	json := "          content:\n            application/json:\n"
	object := func(indent, extra string) string { // the schema, each line indented by indent more
		lines := strings.SplitAfter("          schema:\n            type: object\n"+extra+"            properties:\n              a:\n                type: string\n", "\n")
		return indent + strings.Join(lines[:len(lines)-1], indent)
	}
	refuse, integers, anything := "            additionalProperties: false\n", "            additionalProperties:\n              type: integer\n", "            additionalProperties: {}\n"
	tests := []struct {
		name, base, revision, query string
		breaking                    bool
	}{
		{"body refuses other members", released, edit(t, released, token, token+"      additionalProperties: false\n"), "", true},
		{"body takes other members of a schema", released, edit(t, released, token, token+"      additionalProperties:\n        type: integer\n"), "", true},
		{"body takes other members of any schema", released, edit(t, released, token, token+"      additionalProperties: {}\n"), "", false},
		{"body took integers, refuses all", edit(t, released, token, token+"      additionalProperties:\n        type: string\n"),
			edit(t, released, token, token+"      additionalProperties: false\n"), "", true},
		// kin-openapi decodes only the properties of a styled object, unless additionalProperties
		// is true or a schema.
		{"deepObject parameter refuses other members", withFilter(t, released, deep, object("", "")), withFilter(t, released, deep, object("", refuse)), "filter[a]=x&filter[b]=y", false},
		{"deepObject parameter takes other members of a schema", withFilter(t, released, deep, object("", "")), withFilter(t, released, deep, object("", integers)), "filter[a]=x&filter[b]=y", true},
		{"deepObject parameter takes other members of any schema", withFilter(t, released, deep, object("", "")), withFilter(t, released, deep, object("", anything)), "filter[a]=x&filter[b]=y", false},
		{"JSON parameter refuses other members", withFilter(t, released, json, object("    ", "")), withFilter(t, released, json, object("    ", refuse)), `filter={"a":"x","b":"y"}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := ""
			if tt.breaking {
				want = "request-body-members-refused"
			}
			r := judgeThenCompare(t, tt.base, tt.revision, func() *http.Request { return tokenRequest(tt.query) }, want)
			if md, err := r.Markdown(); tt.breaking && (err != nil || !strings.Contains(string(md), ":warning: POST /oauth2/token: the ") || !strings.Contains(string(md), " now refuses members the released contract accepted")) {
				t.Errorf("changelog %q (%v), want the refusal marked breaking", md, err)
			}
		})
	}

	r, err := apidiff.Compare("released", []byte(released), "revision", []byte(edit(t, released,
		"    LoginLog:\n      type: object\n", "    LoginLog:\n      type: object\n      additionalProperties: false\n")))
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	if got := ids(t, r); len(got) > 0 {
		t.Errorf("Compare(released, LoginLog of the 200 refusing other members): breaking %q, want none", got)
	}
}

// TestChangesInOneOrder: the changes come in one order, run after run, the gate's own among
// oasdiff's: here two objects of the token request that now refuse other members.
func TestChangesInOneOrder(t *testing.T) {
	scope := "        scope:\n          type: string\n          maxLength: 1024\n"
	object := func(name, extra string) string {
		return "        " + name + ":\n          type: object\n" + extra + "          properties:\n            a:\n              type: string\n"
	}
	base := edit(t, read(t, releasedPath), scope, scope+object("alpha", "")+object("beta", "")+object("gamma", ""))
	refused := "          additionalProperties: false\n"
	revision := edit(t, base, object("alpha", ""), object("alpha", refused), object("beta", ""), object("beta", refused), object("gamma", ""), object("gamma", refused))
	var first []string
	for range 20 {
		r, err := apidiff.Compare("base", []byte(base), "revision", []byte(revision))
		if err != nil {
			t.Fatalf("Compare: %v", err)
		}
		var lines []string
		for _, c := range r.Changes {
			lines = append(lines, apidiff.Line(c))
		}
		if first == nil {
			first = lines
			if len(lines) != 3 {
				t.Fatalf("Compare: %q, want the three refusals", lines)
			}
		} else if !slices.Equal(lines, first) {
			t.Fatalf("Compare: changes in another order:\n%q\nthen\n%q", first, lines)
		}
	}
}

// TestStaleExampleGetsAVerdict: a response member made required, which leaves the operation's
// example without it, is judged (not breaking: clients get more), not refused as an invalid
// document: stale examples are the linter's to find.
func TestStaleExampleGetsAVerdict(t *testing.T) {
	released := read(t, releasedPath)
	revision := edit(t, released, "        - expires_in\n      properties:\n        access_token:", "        - expires_in\n        - scope\n      properties:\n        access_token:")
	r, err := apidiff.Compare("released", []byte(released), "revision", []byte(revision))
	if err != nil {
		t.Fatalf("Compare(released, scope required in the token response): %v, want a verdict", err)
	}
	if got := ids(t, r); len(got) > 0 || len(r.Changes) == 0 {
		t.Errorf("Compare(released, scope required in the token response): breaking %q of %d changes, want none breaking and the change listed", got, len(r.Changes))
	}
}

// TestPathParamRenameIsBreaking: renaming a path parameter ({userid} → {user_id}) sends the
// same requests (kin-openapi accepts the same one under both), and oasdiff reports no change;
// but openapi-typescript keys gen/ts's paths by the template and the path parameters by name,
// so TypeScript code written for the released contract stops compiling.
func TestPathParamRenameIsBreaking(t *testing.T) {
	released := read(t, releasedPath)
	ts := read(t, "../../gen/ts/ssojet.ts")
	for _, name := range []string{`"/users/{userid}/loginlogs": {`, `userid: components["parameters"]["UserID"];`} {
		if !strings.Contains(ts, name) {
			t.Fatalf("gen/ts has no %q: the case below renames what it is generated from", name)
		}
	}
	renamed := strings.ReplaceAll(edit(t, released, "      name: userid\n", "      name: user_id\n"), "{userid}", "{user_id}")
	for _, contract := range []string{released, renamed} {
		o, err := oracle.New([]byte(contract))
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodGet, "http://h/api/v1/users/u1/loginlogs?client_id=cli_1", nil)
		if err := o.Request(req); err != nil {
			t.Fatalf("kin-openapi: %v; want the request accepted under both spellings", err)
		}
	}
	r, err := apidiff.Compare("released", []byte(released), "renamed", []byte(renamed))
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	var got []string
	for _, c := range r.Breaking() {
		where, _, _ := strings.Cut(c.GetUncolorizedText(nil), ": ")
		got = append(got, c.GetId()+": "+where)
	}
	if want := []string{"api-path-param-renamed: GET /users/{userid}/loginlogs", "api-path-param-renamed: HEAD /users/{userid}/loginlogs"}; !slices.Equal(got, want) {
		t.Errorf("Compare(released, {userid} renamed {user_id}): breaking %q, want %q", got, want)
	}
	// A release of the rename is a change that needs a version, not "nothing to release".
	dir := t.TempDir()
	base, rev, log := filepath.Join(dir, "released.yaml"), filepath.Join(dir, "openapi.yaml"), filepath.Join(dir, "changelog.md")
	for path, text := range map[string]string{base: released, rev: renamed, log: "<!-- releases: newest first, written by `make api-release` -->\n"} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := apidiff.Release(base, rev, log); err != apidiff.ErrSameVersion {
		t.Errorf("Release of the rename under the same info.version: %v, want ErrSameVersion", err)
	}
	if r, err := apidiff.Compare("released", []byte(released), "same", []byte(released)); err != nil || len(r.Changes) > 0 {
		t.Errorf("Compare(released, released): %v, %v; want no change", err, r.Changes)
	}
}

// TestServerRemovedWarns: nothing in gen/ derives from servers (the generated clients take a
// base URL), so a server removed breaks no SDK code, but users configured with its URL (as
// api/ssojet's DefaultBaseURL is) may have to change it: a warning, which oasdiff does not give.
// A server added changes nothing for them.
func TestServerRemovedWarns(t *testing.T) {
	released := read(t, releasedPath)
	moved := edit(t, released, "  - url: https://api.ssojet.com/api/v1\n", "  - url: https://api.ssojet.io/v2\n")
	r, err := apidiff.Compare("released", []byte(released), "moved", []byte(moved))
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	var warned []string
	for _, c := range r.Warnings() {
		warned = append(warned, apidiff.Line(c))
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "api-server-removed") || !strings.Contains(warned[0], "https://api.ssojet.com/api/v1") || len(r.Breaking()) > 0 {
		t.Errorf("Compare(released, production server moved): warnings %q, breaking %d; want one api-server-removed naming https://api.ssojet.com/api/v1, none breaking", warned, len(r.Breaking()))
	}
	added := edit(t, released, "servers:\n", "servers:\n  - url: https://eu.api.ssojet.com/api/v1\n")
	if r, err = apidiff.Compare("released", []byte(released), "added", []byte(added)); err != nil || len(r.Warnings())+len(r.Breaking()) > 0 {
		t.Errorf("Compare(released, a server added): %v, warnings %d, breaking %d; want none", err, len(r.Warnings()), len(r.Breaking()))
	}
}

// TestRequestsRefusedNowAreBreaking: edits of request schemas that oasdiff v1.37.0 reports as no
// change (or INFO), each judged by kin-openapi first: the gate must call the edit breaking
// exactly when the base accepts the request and the revision refuses it.
func TestRequestsRefusedNowAreBreaking(t *testing.T) {
	released := read(t, releasedPath)
	secret := "          description: The client application's secret.\n"
	agent := "        maxLength: 1024\n      example: SSOJET API\n"
	clientID := "      schema:\n        type: string\n        minLength: 1\n        maxLength: 128\n"
	trace := "    parameters:\n      - name: X-Trace\n        in: header\n        schema:\n          type: string\n"
	token := func(secret string, members ...string) func() *http.Request {
		return func() *http.Request {
			body := strings.Join(append([]string{`"grant_type":"client_credentials","client_id":"cli_1","client_secret":"` + secret + `"`}, members...), ",")
			req := httptest.NewRequest(http.MethodPost, "http://h/api/v1/oauth2/token", strings.NewReader("{"+body+"}"))
			req.Header.Set("Content-Type", "application/json")
			return req
		}
	}
	logs := func(clientID, userAgent string, trace ...string) func() *http.Request {
		return func() *http.Request {
			req := httptest.NewRequest(http.MethodGet, "http://h/api/v1/users/u1/loginlogs?client_id="+clientID, nil)
			req.Header.Set("User-Agent", userAgent)
			for _, v := range trace {
				req.Header.Set("X-Trace", v)
			}
			return req
		}
	}
	tests := []struct {
		name, revision string
		req            func() *http.Request
		want           string // the breaking change's id; "" for none of the gate's (oasdiff rates responses itself)
	}{
		{"not added to a body member", edit(t, released, secret, secret+"          not:\n            pattern: '^x'\n"), token("xyz"), "request-schema-subschema-added"},
		{"anyOf added to a body member", edit(t, released, secret, secret+"          anyOf:\n            - pattern: '^s'\n"), token("xyz"), "request-schema-subschema-added"},
		{"oneOf added to a header", edit(t, released, agent, "        maxLength: 1024\n        oneOf:\n          - pattern: '^S'\n      example: SSOJET API\n"), logs("cli_1", "Mozilla/5.0"), "request-schema-subschema-added"},
		{"not added to a header", edit(t, released, agent, "        maxLength: 1024\n        not:\n          pattern: '^M'\n      example: SSOJET API\n"), logs("cli_1", "Mozilla/5.0"), "request-schema-subschema-added"},
		// A JSON text 123 is a number, which the content's schema refuses; as a styled
		// parameter, it is the string "123".
		{"query parameter given by content", edit(t, released, clientID, "      content:\n        application/json:\n          schema:\n            type: string\n"), logs("123", "SSOJET API"), "request-parameter-serialization-changed"},
		// kin-openapi reads spaceDelimited only into arrays and objects.
		{"query parameter styled spaceDelimited", edit(t, released, "      name: client_id\n      in: query\n", "      name: client_id\n      in: query\n      style: spaceDelimited\n"),
			logs("cli_1", "SSOJET API"), "request-parameter-serialization-changed"},
		{"query parameter exploded", edit(t, released, "      name: client_id\n      in: query\n", "      name: client_id\n      in: query\n      explode: false\n"),
			logs("cli_1", "SSOJET API"), ""},
		{"request media type given with a charset", edit(t, released, "          application/json:\n            schema:\n              $ref: '#/components/schemas/TokenRequest'",
			"          application/json; charset=utf-8:\n            schema:\n              $ref: '#/components/schemas/TokenRequest'"), token("xyz"), "request-body-media-type-refused"},
		{"request member became read-only", edit(t, released, "          description: Space-separated scopes; optional, and ignored by the reference server.\n",
			"          description: Space-separated scopes; optional, and ignored by the reference server.\n          readOnly: true\n"), token("xyz", `"scope":"a"`), "request-optional-property-became-read-only"},
		{"oneOf added to a response member", edit(t, released, "          description: The scopes granted, when the server says.\n",
			"          description: The scopes granted, when the server says.\n          oneOf:\n            - pattern: '^a'\n"), token("xyz"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { judgeThenCompare(t, released, tt.revision, tt.req, tt.want) })
	}
	// oasdiff v1.37.0 reads the operations' parameters only, and reported no change here.
	t.Run("path's parameter got a maxLength", func(t *testing.T) {
		withTrace := edit(t, released, "  /users/{userid}/loginlogs:\n", "  /users/{userid}/loginlogs:\n"+trace)
		judgeThenCompare(t, withTrace, edit(t, withTrace, trace, trace+"          maxLength: 3\n"), logs("cli_1", "SSOJET API", "abcd"), "request-parameter-max-length-set")
	})
}

// judgeThenCompare has kin-openapi judge a request (req makes a fresh one) under base and
// revision, then wants the gate to call the revision breaking with want exactly when base
// accepts the request and revision refuses it; want "" wants none of the gate's own request
// checks (oasdiff rates responses itself).
func judgeThenCompare(t *testing.T, base, revision string, req func() *http.Request, want string) *apidiff.Report {
	t.Helper()
	var verdicts [2]error
	for i, contract := range []string{base, revision} {
		o, err := oracle.New([]byte(contract))
		if err != nil {
			t.Fatal(err)
		}
		verdicts[i] = o.Request(req())
	}
	if judged := verdicts[0] == nil && verdicts[1] != nil; judged != (want != "") {
		t.Fatalf("kin-openapi on the base: %v, on the revision: %v; want the request accepted by the base only: %v", verdicts[0], verdicts[1], want != "")
	}
	r, err := apidiff.Compare("base", []byte(base), "revision", []byte(revision))
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	got := ids(t, r)
	own := []string{"request-body-members-refused", "request-schema-subschema-added", "request-parameter-serialization-changed", "request-body-media-type-refused"}
	if want == "" && slices.ContainsFunc(got, func(id string) bool { return slices.Contains(own, id) }) || want != "" && !slices.Contains(got, want) {
		t.Errorf("Compare(base, revision): breaking %q, want %q (\"\": none of %q)", got, want, own)
	}
	return r
}
