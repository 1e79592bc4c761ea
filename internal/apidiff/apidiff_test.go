package apidiff_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/apidiff"
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
	revision := edit(t, paginated(t), "  version: "+version+"\n", "  version: "+version+"-next\n")
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
	newer := strings.Index(got, "# API Changelog "+version+" vs. "+version+"-next")
	older := strings.Index(got, "# API Changelog 0.9.0 vs. 1.0.0")
	if newer < 0 || older < newer || !strings.Contains(got, "login_logs") {
		t.Errorf("Release: changelog\n%s\nwant the %s → %s-next section naming login_logs above the older one", got, version, version)
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
