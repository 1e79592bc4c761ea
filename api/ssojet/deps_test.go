package ssojet_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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

// goModJSON is what `go mod edit -json` prints of a go.mod.
type goModJSON struct {
	Module  struct{ Path string }
	Require []struct{ Path, Version string }
	Replace []struct {
		Old, New struct{ Path, Version string }
	}
}

// readGoMod parses the go.mod at path with the go command.
func readGoMod(t *testing.T, path string) goModJSON {
	t.Helper()
	out, err := exec.Command("go", "mod", "edit", "-json", path).Output()
	if err != nil {
		t.Fatalf("go mod edit -json %s: %v", path, err)
	}
	var mod goModJSON
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	return mod
}

// TestModulesWired: every module nested in the repository (a go.mod outside node_modules,
// testdata and internal/third_party) is required and replaced by its directory in the root
// go.mod, listed in the Makefile's MODULES (so lint and tests run in it) and its go.mod copied by
// the Dockerfile before `go mod download`; and a module it shares with the root module is required
// at the root module's version, the one the root module's tests of the SDK run with.
func TestModulesWired(t *testing.T) {
	root := filepath.Join("..", "..")
	var nested []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root ||
			path == filepath.Join(root, "internal", "third_party")):
			return filepath.SkipDir
		case d.Name() == "go.mod" && path != filepath.Join(root, "go.mod"):
			rel, err := filepath.Rel(root, filepath.Dir(path))
			nested = append(nested, filepath.ToSlash(rel))
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(nested, "api/ssojet") {
		t.Fatalf("nested modules %v: this one (api/ssojet) is missing, the walk is wrong", nested)
	}
	mod := readGoMod(t, filepath.Join(root, "go.mod"))
	versions := map[string]string{}
	for _, r := range mod.Require {
		versions[r.Path] = r.Version
	}
	replaced := map[string]string{}
	for _, r := range mod.Replace {
		replaced[r.Old.Path] = r.New.Path
	}
	makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	_, line, _ := strings.Cut(string(makefile), "\nMODULES")
	line, _, _ = strings.Cut(line, "\n")
	_, list, _ := strings.Cut(line, ":=")
	dockerfile, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(list); !slices.Equal(slices.Sorted(slices.Values(got)), nested) {
		t.Errorf("the Makefile's MODULES are %v, the nested modules %v", got, nested)
	}
	for _, dir := range nested {
		path := mod.Module.Path + "/" + dir
		if versions[path] == "" || replaced[path] != "./"+dir {
			t.Errorf("the root go.mod requires %s at %q and replaces it by %q, want a requirement and ./%s", path, versions[path], replaced[path], dir)
		}
		if !strings.Contains(string(dockerfile), fmt.Sprintf("\nCOPY %s/go.mod %s/\n", dir, dir)) {
			t.Errorf("the Dockerfile does not COPY %s/go.mod %s/ before go mod download", dir, dir)
		}
		for _, r := range readGoMod(t, filepath.Join(root, dir, "go.mod")).Require {
			if v := versions[r.Path]; v != "" && v != r.Version {
				t.Errorf("%s/go.mod requires %s %s, the root go.mod %s", dir, r.Path, r.Version, v)
			}
		}
	}
}
