package report_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/report"
)

// TestWriteFileNeverFollowsLinks: WriteFile refuses a link at its path and leaves its target
// untouched; it creates a file 0600, replaces a wider one with 0600 and keeps a narrower one's
// mode, and leaves no temporary file behind.
func TestWriteFileNeverFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("keep me"), 0o600)
	link := filepath.Join(dir, "report.xml")
	os.Symlink(target, link)
	if err := report.WriteFile(link, []byte("report")); err == nil {
		t.Errorf("WriteFile through a link: no error")
	}
	if b, _ := os.ReadFile(target); string(b) != "keep me" {
		t.Errorf("target holds %q, want it untouched", b)
	}
	for _, c := range []struct {
		name   string
		before fs.FileMode // 0: no file before
		want   fs.FileMode
	}{
		{"new.xml", 0, 0o600},
		{"wide.xml", 0o644, 0o600},
		{"private.xml", 0o600, 0o600},
		{"readonly.xml", 0o400, 0o400},
		{"group.xml", 0o640, 0o600},
	} {
		path := filepath.Join(dir, c.name)
		if c.before != 0 {
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, c.before); err != nil {
				t.Fatal(err)
			}
		}
		if err := report.WriteFile(path, []byte("report")); err != nil {
			t.Fatalf("WriteFile(%s): %v", c.name, err)
		}
		info, err := os.Stat(path)
		if b, _ := os.ReadFile(path); err != nil || info.Mode().Perm() != c.want || string(b) != "report" {
			t.Errorf("WriteFile(%s) over mode %v: mode %v, content %q (%v); want %v, %q", c.name, c.before, info.Mode().Perm(), b, err, c.want, "report")
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*")); len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
	if err := report.WriteFile(filepath.Join(dir, "missing", "x"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("WriteFile in a missing directory: %v, want ErrNotExist", err)
	}
}

// TestWriteFileToADirectorySaysSo: a report path that names a directory (--junit /tmp) is
// refused as such, its temporary file removed, where the rename failed with "file exists".
func TestWriteFileToADirectorySaysSo(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "reports")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	err := report.WriteFile(dir, []byte("<testsuites/>"))
	if err == nil || !strings.Contains(err.Error(), dir+" is a directory") {
		t.Errorf("WriteFile of a directory: %v; want it refused as a directory", err)
	}
	if left, _ := os.ReadDir(parent); len(left) != 1 {
		t.Errorf("the parent holds %d entries after the refusal; want only the directory", len(left))
	}
}
