// Package contracttest reads the checker's findings the way the tests compare them with
// kin-openapi's verdict (package oracle).
package contracttest

import (
	"slices"
	"strings"

	"github.com/ssojet-tools/loginlogs/internal/contract"
)

// ErrorPointers returns the JSON pointers of the error findings that kin-openapi's violations
// became, sorted, in oracle.Pointers' terms ("(not JSON)" alone for a body that does not
// decode), and whether a finding reports data after the body. Warnings and the checker's own
// findings (status, the shape hint) are left out.
func ErrorPointers(fs []contract.Finding) ([]string, bool) {
	var out []string
	trail, notJSON := false, false
	for _, f := range fs {
		switch {
		case f.Severity == contract.SeverityWarning, f.In == "status", strings.HasPrefix(f.Want, "the contract's shape"):
		case f.Want == "one JSON document":
			trail = true
		case f.Want == "JSON" && f.Pointer == "", strings.HasPrefix(f.Want, "a JSON document"):
			notJSON = true
		case f.In == "body":
			out = append(out, f.Pointer)
		default:
			out = append(out, "(other)")
		}
	}
	if notJSON {
		// kin-openapi says only that the body does not decode; elements judged before the
		// place it breaks may add their own violations.
		return []string{"(not JSON)"}, trail
	}
	slices.Sort(out)
	return out, trail
}
