package image_test

import (
	"archive/tar"
	"bufio"
	"debug/elf"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/ssojet-tools/loginlogs/internal/image"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// buildImage builds a static binary and runs the program `make image` runs on it, writing an OCI
// layout and a docker tarball into a temporary directory; it returns the image read back from
// the layout. It skips where the build tools are absent (no go, not linux).
func buildImage(t *testing.T) (v1.Image, string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the image is linux/" + runtime.GOARCH + "; its binary cannot run on " + runtime.GOOS)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH to build the image's binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "loginlogs")
	build := exec.Command(goTool, "build", "-buildvcs=auto", "-o", bin, "./cmd/loginlogs")
	build.Dir = "../.."
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	oci, tarPath := filepath.Join(dir, "oci"), filepath.Join(dir, "image.tar")
	builder := exec.Command(goTool, "run", "./internal/image/cmd/buildimage", "--binary", bin, "--oci", oci, "--tar", tarPath)
	builder.Dir = "../.."
	out, err := builder.CombinedOutput()
	if err != nil {
		t.Fatalf("buildimage: %v\n%s", err, out)
	}
	idx, err := layout.ImageIndexFromPath(oci)
	if err != nil {
		t.Fatalf("read the OCI layout: %v", err)
	}
	m, err := idx.IndexManifest()
	if err != nil || len(m.Manifests) != 1 {
		t.Fatalf("OCI layout index: %v, %d manifests, want 1", err, len(m.Manifests))
	}
	img, err := idx.Image(m.Manifests[0].Digest)
	if err != nil {
		t.Fatal(err)
	}
	// The docker tarball holds the same image.
	fromTar, err := tarball.ImageFromPath(tarPath, nil)
	if err != nil {
		t.Fatalf("read the docker tarball: %v", err)
	}
	want, _ := img.ConfigName()
	if got, err := fromTar.ConfigName(); err != nil || got != want {
		t.Errorf("docker tarball config %v (%v), want the layout's %v", got, err, want)
	}
	return img, bin
}

// unpack extracts the layers of img in order into root, with the modes and, when the test runs
// as root, the owners the layers record.
func unpack(t *testing.T, img v1.Image, root string) {
	t.Helper()
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range layers {
		rc, err := l.Uncompressed()
		if err != nil {
			t.Fatal(err)
		}
		tr := tar.NewReader(rc)
		for {
			h, err := tr.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("read a layer: %v", err)
			}
			path := filepath.Join(root, filepath.FromSlash(h.Name))
			if !strings.HasPrefix(path, root+string(filepath.Separator)) {
				t.Fatalf("layer entry %q escapes the root", h.Name)
			}
			switch h.Typeflag {
			case tar.TypeDir:
				if err := os.MkdirAll(path, 0o755); err != nil {
					t.Fatal(err)
				}
			case tar.TypeReg:
				f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := io.Copy(f, tr); err != nil {
					t.Fatal(err)
				}
				f.Close()
			default:
				t.Fatalf("layer entry %q has type %c, want directories and regular files", h.Name, h.Typeflag)
			}
			os.Chmod(path, os.FileMode(h.Mode).Perm()|modeBits(h.Mode))
			if os.Geteuid() == 0 {
				os.Lchown(path, h.Uid, h.Gid)
			}
		}
		rc.Close()
	}
}

// modeBits converts a tar header's sticky bit to os.FileMode's.
func modeBits(m int64) os.FileMode {
	if m&0o1000 != 0 {
		return os.ModeSticky
	}
	return 0
}

// TestImageRunsFromItsLayers: the image of `make image`, unpacked, runs `loginlogs --version`
// (the build and the contract's version) and its default command, serve, which answers
// /healthz over loopback, as the image's user in its working directory; the binary is static
// and the labels say its version and revision as `go version -m` reads them.
func TestImageRunsFromItsLayers(t *testing.T) {
	img, bin := buildImage(t)
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cfg := cf.Config
	if cfg.User == "" || strings.HasPrefix(cfg.User, "0:") || cfg.User == "0" || cfg.User == "root" {
		t.Errorf("image user %q, want a non-root user", cfg.User)
	}
	stage := dockerfileStage(t)
	var entrypoint, cmd []string
	json.Unmarshal([]byte(stage["ENTRYPOINT"]), &entrypoint)
	json.Unmarshal([]byte(stage["CMD"]), &cmd)
	if _, exposed := cfg.ExposedPorts[stage["EXPOSE"]]; stage["USER"] != cfg.User || stage["WORKDIR"] != cfg.WorkingDir || !exposed ||
		!slices.Equal(entrypoint, cfg.Entrypoint) || !slices.Equal(cmd, cfg.Cmd) {
		t.Errorf("the Dockerfile says USER %s, WORKDIR %s, EXPOSE %s, ENTRYPOINT %q, CMD %q; the image %s, %s, %v, %q, %q",
			stage["USER"], stage["WORKDIR"], stage["EXPOSE"], entrypoint, cmd, cfg.User, cfg.WorkingDir, cfg.ExposedPorts, cfg.Entrypoint, cfg.Cmd)
	}
	if cf.OS != "linux" || cf.Architecture != runtime.GOARCH {
		t.Errorf("platform %s/%s, want linux/%s", cf.OS, cf.Architecture, runtime.GOARCH)
	}

	// Labels, against the Go toolchain's own reading of the binary.
	out, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatalf("go version -m: %v", err)
	}
	modVersion := regexp.MustCompile(`(?m)^\tmod\t\S+\t(\S+)`).FindSubmatch(out)
	if modVersion == nil || cfg.Labels["org.opencontainers.image.version"] != string(modVersion[1]) {
		t.Errorf("label version %q, want the module version go version -m reads: %s", cfg.Labels["org.opencontainers.image.version"], out)
	}
	wantRev := ""
	if m := regexp.MustCompile(`(?m)^\tbuild\tvcs\.revision=(\S+)`).FindSubmatch(out); m != nil {
		wantRev = string(m[1])
		if strings.Contains(string(out), "vcs.modified=true") {
			wantRev += "+dirty"
		}
	}
	if got := cfg.Labels["org.opencontainers.image.revision"]; got != wantRev {
		t.Errorf("label revision %q, want %q", got, wantRev)
	}

	root := t.TempDir()
	unpack(t, img, root)
	entry := filepath.Join(root, filepath.FromSlash(cfg.Entrypoint[0]))
	if f, err := elf.Open(entry); err != nil {
		t.Errorf("entrypoint %s: %v", cfg.Entrypoint[0], err)
	} else {
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Errorf("entrypoint %s is dynamically linked: a scratch image has no loader", cfg.Entrypoint[0])
			}
		}
		f.Close()
	}
	uid, gid, _ := strings.Cut(cfg.User, ":")
	passwd, err := os.ReadFile(filepath.Join(root, "etc", "passwd"))
	if err != nil || !regexp.MustCompile(`(?m)^\w+:x:`+uid+`:`+gid+`:`).Match(passwd) {
		t.Errorf("/etc/passwd (%v) has no line of the image's user %s:\n%s", err, cfg.User, passwd)
	}

	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	version := exec.Command(entry, "--version")
	version.Env = cfg.Env
	got, err := version.Output()
	if err != nil || !strings.HasPrefix(string(got), "loginlogs ") || !strings.HasSuffix(string(got), " (contract "+doc.Info.Version+")\n") {
		t.Errorf("loginlogs --version from the image: %q, %v; want the build and (contract %s)", got, err, doc.Info.Version)
	}

	// The default command, with the port moved to a free one on loopback (a later --addr wins).
	workDir := filepath.Join(root, filepath.FromSlash(cfg.WorkingDir))
	serve := exec.Command(entry, append(append([]string{}, cfg.Cmd...), "--addr", "127.0.0.1:0")...)
	serve.Dir, serve.Env = workDir, cfg.Env
	if os.Geteuid() == 0 {
		// Run as the image's user: it must be able to reach and write its working directory.
		for dir := root; dir != filepath.Dir(os.TempDir()); dir = filepath.Dir(dir) {
			os.Chmod(dir, 0o755)
		}
		u, g := atoi(t, uid), atoi(t, gid)
		serve.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: u, Gid: g}}
	}
	stdout, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	serve.Stderr = &stderr
	if err := serve.Start(); err != nil {
		t.Fatalf("start %v: %v", serve.Args, err)
	}
	defer serve.Process.Kill()
	base := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := regexp.MustCompile(`^loginlogs serve: (http://\S+)/api/v1 `).FindStringSubmatch(sc.Text()); m != nil {
				base <- m[1]
			}
		}
		close(base)
	}()
	var url string
	select {
	case u, ok := <-base:
		if !ok {
			serve.Wait()
			t.Fatalf("serve from the image printed no address; stderr:\n%s", stderr.String())
		}
		url = u
	case <-time.After(60 * time.Second):
		t.Fatalf("serve from the image printed no address in 60s; stderr:\n%s", stderr.String())
	}
	res, err := http.Get(url + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz of serve from the image: %v", err)
	}
	var health struct{ Status string }
	json.NewDecoder(res.Body).Decode(&health)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || health.Status != "ok" {
		t.Errorf("GET /healthz: %d %+v, want 200 ok", res.StatusCode, health)
	}
	serve.Process.Signal(syscall.SIGTERM)
	if err := serve.Wait(); err != nil {
		t.Errorf("serve from the image after SIGTERM: %v, want exit 0; stderr:\n%s", err, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(workDir, "loginlogs.db")); err != nil {
		t.Errorf("serve wrote no store in the working directory %s: %v", cfg.WorkingDir, err)
	}
}

func atoi(t *testing.T, s string) uint32 {
	t.Helper()
	var n uint32
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("user %q is not numeric", s)
		}
		n = n*10 + uint32(c-'0')
	}
	return n
}

// dockerfileStage returns the instructions of the Dockerfile's last stage: keyword → arguments.
func dockerfileStage(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	stage := map[string]string{}
	text := strings.ReplaceAll(string(b), "\\\n", " ")
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kw, args, _ := strings.Cut(line, " ")
		kw = strings.ToUpper(kw)
		if kw == "FROM" {
			stage = map[string]string{"FROM": strings.TrimSpace(args)}
			continue
		}
		stage[kw] = strings.TrimSpace(args)
	}
	return stage
}

// TestDockerfileMatchesImage: the Dockerfile's final stage has the base, user, working
// directory, port, entrypoint and command of the image `make image` builds.
func TestDockerfileMatchesImage(t *testing.T) {
	stage := dockerfileStage(t)
	jsonList := func(s []string) string { b, _ := json.Marshal(s); return string(b) }
	for _, c := range []struct{ kw, want string }{
		{"FROM", "scratch"},
		{"USER", image.User},
		{"WORKDIR", image.WorkDir},
		{"EXPOSE", image.Port},
		{"ENTRYPOINT", jsonList([]string{image.BinaryPath})},
		{"CMD", jsonList(image.Cmd)},
		{"ENV", "PATH=/usr/local/bin"},
	} {
		got := stage[c.kw]
		if c.kw == "ENTRYPOINT" || c.kw == "CMD" {
			var list []string
			if err := json.Unmarshal([]byte(got), &list); err == nil {
				got = jsonList(list)
			}
		}
		if got != c.want {
			t.Errorf("Dockerfile %s %s, want %s as make image builds", c.kw, got, c.want)
		}
	}
}
