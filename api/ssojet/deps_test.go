package ssojet_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies keeps the promise of the package comment: the generated client, the
// oapi-codegen runtime (and what it needs) and the standard library, nothing of the server side.
func TestDependencies(t *testing.T) {
	list := func(pkg string) map[string]bool {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		set := map[string]bool{}
		for _, p := range strings.Fields(string(out)) {
			set[p] = true
		}
		return set
	}
	runtime := list("github.com/oapi-codegen/runtime")
	const self = "github.com/ssojet-tools/loginlogs/"
	allowed := map[string]bool{self + "api/ssojet": true, self + "gen/ssojet": true,
		self + "internal/logstream": true, self + "internal/jsonstream": true, self + "internal/redact": true}
	deps := list(".")
	for p := range deps {
		if !allowed[p] && !runtime[p] {
			t.Errorf("api/ssojet depends on %s: want only gen/ssojet, oapi-codegen/runtime and the standard library", p)
		}
	}
	if !deps["github.com/oapi-codegen/runtime"] || !deps[self+"gen/ssojet"] {
		t.Errorf("go list -deps: %d packages without the generated client and its runtime: the listing is wrong", len(deps))
	}
}
