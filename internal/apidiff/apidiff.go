// Package apidiff compares a revision of the contract with the released one through oasdiff's
// library (the same checks and levels as `oasdiff breaking` and `oasdiff changelog`), and
// records a release: oasdiff's changelog goes into docs/api-changelog.md and the revision becomes
// the new baseline.
package apidiff

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/formatters"
	"github.com/oasdiff/oasdiff/load"
	"golang.org/x/mod/semver"
)

// Report is what oasdiff found between a base contract and a revision of it.
type Report struct {
	// Changes are oasdiff's changelog entries and the gate's own (ownChanges), every level, in
	// oasdiff's order.
	Changes checker.Changes
	// BaseVersion and RevisionVersion are the contracts' info.version.
	BaseVersion, RevisionVersion string
	empty                        bool   // the contracts do not differ at all
	revision                     []byte // the revision's text, as compared
}

// localizer renders oasdiff's messages in English.
var localizer = checker.NewDefaultLocalizer()

// raised raises to ERR the checks of names the SDKs are generated from, which oasdiff rates
// INFO or WARN: an operationId changed, removed or set (oapi-codegen's method and type names,
// openapi-typescript's operations), a component schema removed or renamed (their type names),
// and an optional member or a parameter removed (their struct fields and properties); and the
// checks of changes after which kin-openapi refuses requests the base accepted.
var raised = map[string]checker.Level{
	checker.APIOperationIdRemovedId:           checker.ERR,
	checker.APIOperationIdAddId:               checker.ERR,
	checker.APISchemasRemovedId:               checker.ERR,
	checker.ResponseOptionalPropertyRemovedId: checker.ERR,
	checker.RequestPropertyRemovedId:          checker.ERR,
	checker.RequestParameterRemovedId:         checker.ERR,
	// kin-openapi refuses a read-only member in a request, so a request member that became
	// read-only refuses requests the base accepted.
	checker.RequestOptionalPropertyBecameReadOnlyCheckId: checker.ERR,
	checker.RequestRequiredPropertyBecameReadOnlyCheckId: checker.ERR,
}

// Compare loads two valid contracts (YAML or JSON; named for oasdiff's messages) and returns
// oasdiff's changelog of revision against base, with the gate's levels and its own checks.
func Compare(baseName string, base []byte, revisionName string, revision []byte) (*Report, error) {
	s1, err := loadValid(baseName, base)
	if err != nil {
		return nil, err
	}
	s2, err := loadValid(revisionName, revision)
	if err != nil {
		return nil, err
	}
	d, sources, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(), s1, s2)
	if err != nil {
		return nil, fmt.Errorf("diff %s %s: %w", baseName, revisionName, err)
	}
	config := checker.NewConfig(checker.GetAllChecks(), checker.WithSeverityLevels(raised))
	own := ownChanges(d, s1, s2)
	changes := append(checker.CheckBackwardCompatibilityUntilLevel(config, d, sources, checker.INFO), own...)
	slices.SortFunc(changes, checker.CompareChanges) // in oasdiff's order, whatever the order of maps
	pair := load.NewSpecInfoPair(s1, s2)
	return &Report{Changes: changes, BaseVersion: pair.GetBaseVersion(), RevisionVersion: pair.GetRevisionVersion(), empty: d.Empty() && len(own) == 0, revision: revision}, nil
}

// loadValid loads a contract for oasdiff and checks that it is a valid OpenAPI document, as
// kin-openapi validates one, its examples aside (stale examples are the linter's to find): oasdiff
// reads an empty file, or `{}`, as a contract without operations.
func loadValid(name string, data []byte) (*load.SpecInfo, error) {
	loader := openapi3.NewLoader() // one per contract: a loader caches documents by name
	s, err := load.NewSpecInfoFromData(loader, data, name)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	if err := s.Spec.Validate(loader.Context, openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("%s: not a valid OpenAPI document: %w", name, err)
	}
	inlinePathParameters(s.Spec)
	return s, nil
}

// inlinePathParameters moves the parameters of each path of doc into its operations that do not
// override them (same in and name), as kin-openapi applies them to requests: oasdiff v1.37.0's
// checks read the operations' parameters only, and report no change at all where a path's
// parameter gets a maxLength.
func inlinePathParameters(doc *openapi3.T) {
	if doc.Paths == nil {
		return
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, p := range item.Parameters {
				if p.Value != nil && op.Parameters.GetByInAndName(p.Value.In, p.Value.Name) == nil {
					op.Parameters = append(op.Parameters, p)
				}
			}
		}
		item.Parameters = nil
	}
}

// CompareFiles is Compare on two files.
func CompareFiles(basePath, revisionPath string) (*Report, error) {
	base, err := os.ReadFile(basePath)
	if err != nil {
		return nil, err
	}
	revision, err := os.ReadFile(revisionPath)
	if err != nil {
		return nil, err
	}
	return Compare(basePath, base, revisionPath, revision)
}

// Breaking returns the changes rated ERR (by oasdiff, or raised by the gate): they break
// clients of the base contract.
func (r *Report) Breaking() checker.Changes { return r.atLevel(checker.ERR) }

// Warnings returns the changes oasdiff rates WARN: they may break clients.
func (r *Report) Warnings() checker.Changes { return r.atLevel(checker.WARN) }

func (r *Report) atLevel(level checker.Level) checker.Changes {
	return slices.DeleteFunc(slices.Clone(r.Changes), func(c checker.Change) bool { return c.GetLevel() != level })
}

// Line is one change as one line of text: level, rule id, operation and path (for a change of
// an operation) and oasdiff's message.
func Line(c checker.Change) string {
	where := strings.TrimSpace(c.GetOperation() + " " + c.GetPath())
	if where != "" {
		where += ": "
	}
	return fmt.Sprintf("%s %s: %s%s", c.GetLevel(), c.GetId(), where, c.GetUncolorizedText(localizer))
}

// Markdown is oasdiff's markdown changelog of the report, every level.
func (r *Report) Markdown() ([]byte, error) {
	f, err := formatters.Lookup(string(formatters.FormatMarkdown), formatters.FormatterOpts{
		Language: "en", BaseVersion: r.BaseVersion, RevisionVersion: r.RevisionVersion,
	})
	if err != nil {
		return nil, err
	}
	return f.RenderChangelog(r.Changes, formatters.RenderOpts{ColorMode: checker.ColorNever, DiffEmpty: r.empty})
}

// changelogMark is the line of docs/api-changelog.md below which each release's section goes,
// newest first.
const changelogMark = "<!-- releases: newest first, written by `make api-release` -->"

// ErrSameVersion is returned by Release when the revision differs from the released contract but
// keeps its info.version: a release needs a version of its own.
var ErrSameVersion = errors.New("the revision differs from the released contract but keeps its info.version; raise info.version")

// ErrNoChange is returned by Release when the revision is the released contract.
var ErrNoChange = errors.New("nothing to release: the revision is the released contract")

// checkVersion refuses a release whose info.version is not a semantic version
// (MAJOR.MINOR.PATCH, a pre-release allowed) above the released one, or that keeps the major
// version of a released 1.0.0 or later (not a pre-release) while breaking it.
func (r *Report) checkVersion() error {
	if r.BaseVersion == r.RevisionVersion {
		return ErrSameVersion
	}
	base, rev := "v"+r.BaseVersion, "v"+r.RevisionVersion
	for _, c := range [...]struct{ of, v string }{{"the released contract's", base}, {"the revision's", rev}} {
		if !semver.IsValid(c.v) || semver.Canonical(c.v) != c.v {
			return fmt.Errorf("%s info.version %q is not a semantic version MAJOR.MINOR.PATCH", c.of, c.v[1:])
		}
	}
	if semver.Compare(rev, base) <= 0 {
		return fmt.Errorf("info.version %s is not above the released %s; raise it", r.RevisionVersion, r.BaseVersion)
	}
	if n := len(r.Breaking()); n > 0 && semver.Major(rev) == semver.Major(base) && semver.Major(base) != "v0" && semver.Prerelease(base) == "" {
		return fmt.Errorf("%d breaking change(s) (`make check-breaking` names them) under info.version %s, which keeps the major version of the released %s; raise the major version", n, r.RevisionVersion, r.BaseVersion)
	}
	return nil
}

// Release accepts the contract at revisionPath as released: oasdiff's markdown changelog from
// the contract at basePath is inserted below the mark of the changelog at changelogPath (newest
// first), then the revision, as compared, is copied over basePath. Its info.version must be
// raised as checkVersion says. The changelog is written before the baseline, so that a failed
// write leaves the old baseline and the release can be run again.
func Release(basePath, revisionPath, changelogPath string) (*Report, error) {
	r, err := CompareFiles(basePath, revisionPath)
	if err != nil {
		return nil, err
	}
	if r.empty {
		return nil, ErrNoChange
	}
	if err := r.checkVersion(); err != nil {
		return nil, err
	}
	md, err := r.Markdown()
	if err != nil {
		return nil, fmt.Errorf("render changelog: %w", err)
	}
	log, err := os.ReadFile(changelogPath)
	if err != nil {
		return nil, err
	}
	head, tail, ok := bytes.Cut(log, []byte(changelogMark+"\n"))
	if !ok {
		return nil, fmt.Errorf("%s: no line %q to insert the release below", changelogPath, changelogMark)
	}
	var out bytes.Buffer
	out.Write(head)
	out.WriteString(changelogMark + "\n\n")
	out.WriteString(strings.TrimSpace(string(md)) + "\n")
	if rest := bytes.TrimLeft(tail, "\n"); len(rest) > 0 {
		out.WriteString("\n")
		out.Write(rest)
	}
	if err := os.WriteFile(changelogPath, out.Bytes(), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(basePath, r.revision, 0o644); err != nil {
		return nil, err
	}
	return r, nil
}
