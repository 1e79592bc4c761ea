package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestReportFilesArePrivate: `contract --junit` and `proxy --junit` and `--report` create their
// files 0600 as --record does (they quote the API's answers), and a file they replace never
// becomes wider than it was: set to 0644 it comes back 0600, set to 0400 it stays 0400.
func TestReportFilesArePrivate(t *testing.T) {
	dir := t.TempDir()
	body := writeFile(t, dir, "body.json", string(seedBytes(t)))
	junit, pjunit, preport := filepath.Join(dir, "contract.xml"), filepath.Join(dir, "proxy.xml"), filepath.Join(dir, "proxy.json")
	files := []string{junit, pjunit, preport}
	// Each round sets the files' mode (0: leaves them as the round before wrote them), runs the
	// verbs and wants mode want.
	for _, round := range [][2]fs.FileMode{{0, 0o600}, {0o644, 0o600}, {0o400, 0o400}} {
		set, want := round[0], round[1]
		for _, p := range files {
			if set == 0 {
				continue
			}
			if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(p, set); err != nil {
				t.Fatal(err)
			}
		}
		if _, stderr, code := runCLI(t, nil, "contract", "--response", body, "--junit", junit); code != exitOK {
			t.Fatalf("contract --response --junit: exit %d: %s", code, stderr)
		}
		_, _, _, stop := startProxyCLI(t, "--upstream", "http://127.0.0.1:9", "--junit", pjunit, "--report", preport)
		stop()
		for _, p := range files {
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(p); info.Mode().Perm() != want || string(b) == "old" {
				t.Errorf("%s written over mode %v: mode %v, content %.20q; want mode %v and a new report",
					filepath.Base(p), set, info.Mode().Perm(), b, want)
			}
		}
	}
}
