package main

import (
	"bufio"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// makeEnv is this process's environment without what a make running the tests passed on (its
// flags and job server, whose descriptors the child does not get), as a user's shell runs make.
func makeEnv() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return name == "MAKEFLAGS" || name == "MFLAGS" || name == "MAKELEVEL"
	})
}

// TestMakeRunSaysWhatItBuilds runs the README's first command, `make run` (its binary and store
// moved to a temporary directory, its address to a free port): before anything else it says
// what it builds and what the first build costs, builds with progress (go build -v), and then
// serves; /healthz answers.
func TestMakeRunSaysWhatItBuilds(t *testing.T) {
	t.Parallel() // make and go build in their own processes, beside the other tests
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make on PATH")
	}
	dir := t.TempDir()
	cmd := exec.Command("make", "--no-print-directory", "run", "BIN="+filepath.Join(dir, "loginlogs"))
	cmd.Dir = "../.."
	cmd.Env = append(makeEnv(), "LOGINLOGS_ADDR=127.0.0.1:0", "LOGINLOGS_DATABASE_URL=sqlite:"+filepath.Join(dir, "db"),
		"LOGINLOGS_TOKENS=", "LOGINLOGS_DEV_TOKEN=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout.(*os.File) // one stream, in the order written
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		cmd.Wait()
	}()
	lines := make(chan string, 1024)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var seen []string
	deadline := time.After(5 * time.Minute)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("make run ended before serving:\n%s", strings.Join(seen, "\n"))
			}
			seen = append(seen, line)
			if len(seen) == 1 && !(strings.HasPrefix(line, "echo ") && strings.Contains(line, "first build")) &&
				!strings.Contains(line, "the first build compiles") {
				t.Errorf("make run's first line %q, want what it builds and what the first build costs", line)
			}
			if len(seen) == 1 && !strings.HasPrefix(line, "echo ") {
				// The README's make run builds bin/loginlogs, this one BIN.
				got := strings.Replace(line, filepath.Join(dir, "loginlogs"), "bin/loginlogs", 1)
				if shown := readmeConsole(t, "make run")[0]; got != shown {
					t.Errorf("make run's first line\n%s\nthe README shows\n%s", got, shown)
				}
			}
			base, ok := strings.CutPrefix(line, "loginlogs serve: ")
			if !ok {
				continue
			}
			base, _, _ = strings.Cut(base, "/api/v1")
			build := strings.Join(seen, "\n")
			if !strings.Contains(build, "go build -v") {
				t.Errorf("make run did not build with go build -v before serving:\n%s", build)
			}
			res, err := http.Get(base + "/healthz")
			if err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s/healthz after make run: %v %v", base, res, err)
			}
			res.Body.Close()
			return
		case <-deadline:
			t.Fatalf("make run did not serve within 5 minutes:\n%s", strings.Join(seen, "\n"))
		}
	}
}

// TestMakeInstall: `make install` puts a working loginlogs into GOBIN and says where, and that
// the directory is not on PATH when it is not.
func TestMakeInstall(t *testing.T) {
	t.Parallel() // make and go build in their own processes, beside the other tests
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make on PATH")
	}
	gobin := t.TempDir()
	cmd := exec.Command("make", "--no-print-directory", "install")
	cmd.Dir = "../.."
	cmd.Env = append(makeEnv(), "GOBIN="+gobin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make install: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "installed loginlogs into "+gobin) {
		t.Errorf("make install does not say where it installed (want %s):\n%s", gobin, out)
	}
	// GOBIN, a new temporary directory, is not on PATH: `loginlogs` would not be found by name.
	if !strings.Contains(string(out), gobin+" is not on your PATH") {
		t.Errorf("make install into %s, not on PATH, does not say so:\n%s", gobin, out)
	}
	version, err := exec.Command(filepath.Join(gobin, "loginlogs"), "--version").Output()
	if err != nil || !strings.Contains(string(version), "(contract ") {
		t.Errorf("installed loginlogs --version: %q, %v", version, err)
	}
}

// TestMakeSDKVersion runs `make sdk-version` on a copy of the Makefile and the modules' go.mod
// files: a semantic version of major 0 or 1 becomes what the modules require of each other,
// which Go then reads (go mod edit -json); any other VERSION, v2 and later among them (their
// module paths need /v2 first, docs/releasing.md), is a usage error (exit 2) that leaves every
// go.mod as it was.
func TestMakeSDKVersion(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make on PATH")
	}
	modules, err := exec.Command("make", "-s", "-C", "../..", "print-modules").Output()
	if err != nil {
		t.Fatal(err)
	}
	copyTree := func(t *testing.T) (string, map[string]string) {
		dir, files := t.TempDir(), map[string]string{}
		for _, name := range append([]string{"Makefile", "go.mod"}, strings.Fields(string(modules))...) {
			if name != "Makefile" && name != "go.mod" {
				name = filepath.Join(name, "go.mod")
			}
			b, err := os.ReadFile(filepath.Join("../..", name))
			if err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			files[name] = string(b)
		}
		return dir, files
	}
	for _, version := range []string{"v2.0.0", "v10.1.0", "vX.Y.Z", "v1.2.3.4", "v1.02.3", "v1.2"} {
		dir, files := copyTree(t)
		cmd := exec.Command("make", "--no-print-directory", "sdk-version", "VERSION="+version)
		cmd.Dir, cmd.Env = dir, makeEnv()
		out, err := cmd.CombinedOutput()
		if code := cmd.ProcessState.ExitCode(); code != exitUsage {
			t.Errorf("make sdk-version VERSION=%s: exit %d (%v), want 2\n%s", version, code, err, out)
		}
		for name, before := range files {
			if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != before {
				t.Errorf("make sdk-version VERSION=%s changed %s", version, name)
			}
		}
	}
	dir, _ := copyTree(t)
	cmd := exec.Command("make", "--no-print-directory", "sdk-version", "VERSION=v1.4.0-rc.1")
	cmd.Dir, cmd.Env = dir, makeEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make sdk-version VERSION=v1.4.0-rc.1: %v\n%s", err, out)
	}
	edit := exec.Command("go", "mod", "edit", "-json")
	edit.Dir = dir
	out, err := edit.Output()
	if err != nil || !strings.Contains(string(out), `"Path": "github.com/ssojet-tools/loginlogs/api/ssojet",
			"Version": "v1.4.0-rc.1"`) {
		t.Errorf("go mod edit -json after make sdk-version VERSION=v1.4.0-rc.1: %v\n%s", err, out)
	}
}

// TestMakeCheckBreakingShowsWarnings: `make check-breaking` on a contract whose change oasdiff
// rates WARN (a pattern changed) passes, and shows the warning: make test prints only a line per
// step that passes, and a warning hidden there is never read.
func TestMakeCheckBreakingShowsWarnings(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make on PATH")
	}
	b, err := os.ReadFile("../../api/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const pattern = `(\.[0-9]{1,9})?Z$'`
	if strings.Count(string(b), pattern) != 1 {
		t.Fatalf("api/openapi.yaml does not hold %q once", pattern)
	}
	contract := filepath.Join(t.TempDir(), "openapi.yaml")
	os.WriteFile(contract, []byte(strings.Replace(string(b), pattern, `(\.[0-9]{3})Z$'`, 1)), 0o644)
	cmd := exec.Command("make", "--no-print-directory", "check-breaking", "CONTRACT="+contract)
	cmd.Dir, cmd.Env = "../..", makeEnv()
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "warning response-property-pattern-changed: GET /users/{userid}/loginlogs") ||
		!strings.Contains(string(out), "ok      check-breaking") {
		t.Errorf("make check-breaking CONTRACT=(a pattern changed): %v\n%s\nwant it to pass and show the warning", err, out)
	}
}
