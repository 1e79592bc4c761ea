package version_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// TestTaggedBuildShowsTheTag builds loginlogs in a clone of this commit tagged v0.9.7, as a
// release is (docs/releasing.md), and wants --version to name the tag, the revision and the
// contract's info.version (as kin-openapi reads it). It skips without git.
func TestTaggedBuildShowsTheTag(t *testing.T) {
	gitTool, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git on PATH")
	}
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command(gitTool, append([]string{"-c", "user.name=test", "-c", "user.email=test@example.com"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	rev := git("../..", "rev-parse", "HEAD")
	clone := filepath.Join(t.TempDir(), "loginlogs")
	git(".", "clone", "--quiet", "--no-checkout", "../..", clone)
	git(clone, "checkout", "--quiet", rev)
	git(clone, "tag", "v0.9.7")

	// -trimpath, as `make image` builds a release: the packages then compile as they do in any
	// other directory, so Go's build cache has them from the last run.
	bin := filepath.Join(t.TempDir(), "loginlogs")
	build := exec.Command("go", "build", "-buildvcs=auto", "-trimpath", "-o", bin, "./cmd/loginlogs")
	build.Dir = clone
	build.Env = append(os.Environ(), "GOFLAGS=-mod=readonly")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build in the tagged clone: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("loginlogs --version: %v", err)
	}
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^loginlogs v0\.9\.7 ` + rev[:12] + ` \S+ \(contract ` + regexp.QuoteMeta(doc.Info.Version) + `\)\n$`)
	if !want.Match(out) {
		t.Errorf("loginlogs --version of a build tagged v0.9.7: %q, want %s", out, want)
	}
	// docs/cli.md's example of a release's --version has the same parts.
	shape := regexp.MustCompile(`^loginlogs v\d+\.\d+\.\d+ [0-9a-f]{12} \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(contract ` + regexp.QuoteMeta(doc.Info.Version) + `\)$`)
	cli, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	var example []byte
	if m := regexp.MustCompile("`loginlogs --version` says[^`]*`([^`]*)`").FindSubmatch(cli); m != nil {
		example = m[1]
	}
	if !shape.Match(example) || !shape.Match(bytes.TrimSuffix(out, []byte("\n"))) {
		t.Errorf("docs/cli.md's example of --version %q, the tagged build's %q: want both %s", example, out, shape)
	}
}
