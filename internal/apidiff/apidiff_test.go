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

// TestGeneratedNamesAreBreaking: the operationIds, component schema names, members and
// parameters of the contract are names of the generated SDKs (gen/ssojet's ListUserLoginLogs,
// LoginLogsResponse, TokenResponse.Scope and ListUserLoginLogsParams.IfNoneMatch, and
// openapi-typescript's), so changing or removing one breaks their users' code, whatever
// oasdiff's default level (INFO or WARN) says.
func TestGeneratedNamesAreBreaking(t *testing.T) {
	released := read(t, releasedPath)
	gen := read(t, "../../gen/ssojet/ssojet.gen.go")
	for _, name := range []string{"func (c *Client) ListUserLoginLogs(", "type LoginLogsResponse struct",
		"Scope *string `json:\"scope,omitempty\"`", "IfNoneMatch *IfNoneMatch `json:\"If-None-Match,omitempty\"`"} {
		if !strings.Contains(gen, name) {
			t.Fatalf("gen/ssojet has no %q: the cases below rename what it is generated from", name)
		}
	}
	tests := []struct{ name, revision, want string }{
		{"operationId renamed", edit(t, released, "operationId: listUserLoginLogs", "operationId: listLoginLogs"), "api-operation-id-removed"},
		{"operationId removed", edit(t, released, "      operationId: listUserLoginLogs\n", ""), "api-operation-id-removed"},
		{"schema renamed", strings.ReplaceAll(released, "LoginLogsResponse", "LoginLogsAnswer"), "api-schema-removed"},
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

// TestRequestRefusingMembersIsBreaking: a request body that now refuses members besides its
// properties (additionalProperties: false) refuses requests the released contract accepted, as
// kin-openapi judges them; oasdiff v1.37.0 sees the change and rates it nowhere, so the gate
// rates it itself. The reverse, a response that stops sending extra members, breaks no client.
func TestRequestRefusingMembersIsBreaking(t *testing.T) {
	released := read(t, releasedPath)
	refusing := edit(t, released, "    TokenRequest:\n      type: object\n", "    TokenRequest:\n      type: object\n      additionalProperties: false\n")
	body := `{"grant_type":"client_credentials","client_id":"cli_1","client_secret":"s","audience":"https://api.ssojet.com"}`
	for name, contract := range map[string]string{"released": released, "revision": refusing} {
		o, err := oracle.New([]byte(contract))
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodPost, "http://h/api/v1/oauth2/token", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if err := o.Request(req); (err == nil) != (name == "released") {
			t.Fatalf("kin-openapi on the %s contract: %v; want the token request with an extra member accepted by the released one only", name, err)
		}
	}
	r, err := apidiff.Compare("released", []byte(released), "revision", []byte(refusing))
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	got := ids(t, r)
	if !slices.Contains(got, "request-body-members-refused") {
		t.Errorf("Compare(released, TokenRequest refusing other members): breaking %q, want request-body-members-refused", got)
	}
	md, err := r.Markdown()
	if err != nil || !strings.Contains(string(md), ":warning: POST /oauth2/token: the request body now refuses members besides its properties") {
		t.Errorf("changelog %q (%v), want the refusal marked breaking", md, err)
	}

	r, err = apidiff.Compare("released", []byte(released), "revision", []byte(edit(t, released,
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
