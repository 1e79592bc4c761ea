// Package image builds the container image of loginlogs without a Docker daemon, with
// go-containerregistry: FROM scratch, one layer of the files a static binary needs around it
// (/etc/passwd and /etc/group with a non-root user, CA certificates, a working directory the user
// owns) and one of the binary. The Dockerfile at the repository's root builds the same image with
// a daemon; TestDockerfileMatchesImage holds the two to the same user, entrypoint, command, port
// and working directory.
package image

import (
	"archive/tar"
	"bytes"
	"debug/buildinfo"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// What the image is: the Dockerfile says the same.
const (
	// BinaryPath is where the binary lives, the entrypoint.
	BinaryPath = "/usr/local/bin/loginlogs"
	// User is the numeric user and group the process runs as (distroless's "nonroot").
	User = "65532:65532"
	// WorkDir is the working directory, owned by User: serve's default SQLite file goes there.
	WorkDir = "/data"
	// Port is the port the default command listens on.
	Port = "8080/tcp"
	// CACertificates is where Go's crypto/x509 looks first on Linux.
	CACertificates = "/etc/ssl/certs/ca-certificates.crt"
)

// Cmd is the default command: serve on every interface of the container.
var Cmd = []string{"serve", "--addr", "0.0.0.0:8080"}

// passwd and group name the non-root user; root's lines are there for tools that expect them.
const (
	passwd = "root:x:0:0:root:/root:/sbin/nologin\nloginlogs:x:65532:65532:loginlogs:/data:/sbin/nologin\n"
	group  = "root:x:0:\nloginlogs:x:65532:\n"
)

// Build returns the image of binary, a static linux binary of loginlogs (CGO_ENABLED=0), with
// the PEM bundle at caCerts copied to CACertificates (empty: none; then the image can call no TLS
// server, only serve). Its labels carry the binary's module version and VCS revision, read from
// the build information Go stamps in it; its platform is the binary's GOOS/GOARCH. Every file's
// time is the Unix epoch and the config has no creation time, so the same binary always makes
// the same image.
func Build(binary, caCerts string) (v1.Image, error) {
	bin, err := os.ReadFile(binary)
	if err != nil {
		return nil, fmt.Errorf("read the binary: %w", err)
	}
	info, err := buildinfo.ReadFile(binary)
	if err != nil {
		return nil, fmt.Errorf("read the build information of %s: %w", binary, err)
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if settings["CGO_ENABLED"] != "0" || settings["GOOS"] != "linux" {
		return nil, fmt.Errorf("%s is not a static linux binary (CGO_ENABLED=%q, GOOS=%q): build it with CGO_ENABLED=0 GOOS=linux", binary, settings["CGO_ENABLED"], settings["GOOS"])
	}

	files := []file{
		{name: "etc/", dir: true, mode: 0o755},
		{name: "etc/passwd", body: []byte(passwd), mode: 0o644},
		{name: "etc/group", body: []byte(group), mode: 0o644},
		{name: "tmp/", dir: true, mode: 0o1777},
		{name: strings.TrimPrefix(WorkDir, "/") + "/", dir: true, mode: 0o755, uid: 65532, gid: 65532},
	}
	if caCerts != "" {
		pem, err := os.ReadFile(caCerts)
		if err != nil {
			return nil, fmt.Errorf("read the CA certificates: %w", err)
		}
		files = append(files,
			file{name: "etc/ssl/", dir: true, mode: 0o755},
			file{name: "etc/ssl/certs/", dir: true, mode: 0o755},
			file{name: strings.TrimPrefix(CACertificates, "/"), body: pem, mode: 0o644})
	}
	base, err := layer(files)
	if err != nil {
		return nil, err
	}
	binLayer, err := layer([]file{
		{name: "usr/", dir: true, mode: 0o755},
		{name: "usr/local/", dir: true, mode: 0o755},
		{name: "usr/local/bin/", dir: true, mode: 0o755},
		{name: strings.TrimPrefix(BinaryPath, "/"), body: bin, mode: 0o755},
	})
	if err != nil {
		return nil, err
	}

	img := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	img, err = mutate.Append(img,
		mutate.Addendum{Layer: base, History: v1.History{CreatedBy: "internal/image: /etc/passwd, /etc/group, CA certificates, " + WorkDir, Created: v1.Time{Time: time.Unix(0, 0).UTC()}}},
		mutate.Addendum{Layer: binLayer, History: v1.History{CreatedBy: "internal/image: " + BinaryPath, Created: v1.Time{Time: time.Unix(0, 0).UTC()}}},
	)
	if err != nil {
		return nil, fmt.Errorf("append the layers: %w", err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	rev := settings["vcs.revision"] // "+dirty" when the tree had changes
	if rev != "" && settings["vcs.modified"] == "true" {
		rev += "+dirty"
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = settings["GOOS"], settings["GOARCH"]
	cf.Created = v1.Time{Time: time.Unix(0, 0).UTC()}
	cf.Config = v1.Config{
		User:         User,
		Entrypoint:   []string{BinaryPath},
		Cmd:          Cmd,
		WorkingDir:   WorkDir,
		ExposedPorts: map[string]struct{}{Port: {}},
		Env:          []string{"PATH=/usr/local/bin"},
		Labels: map[string]string{
			"org.opencontainers.image.title":    "loginlogs",
			"org.opencontainers.image.source":   "https://github.com/ssojet-tools/loginlogs",
			"org.opencontainers.image.version":  info.Main.Version,
			"org.opencontainers.image.revision": rev,
		},
	}
	return mutate.ConfigFile(img, cf)
}

// file is one entry of a layer.
type file struct {
	name     string
	body     []byte
	dir      bool
	mode     int64
	uid, gid int
}

// layer makes an uncompressed-tar layer of files (gzip-compressed by the layout writer).
func layer(files []file) (v1.Layer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Mode: f.mode, Uid: f.uid, Gid: f.gid, ModTime: time.Unix(0, 0), Format: tar.FormatPAX}
		if f.dir {
			h.Typeflag = tar.TypeDir
		} else {
			h.Typeflag, h.Size = tar.TypeReg, int64(len(f.body))
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, fmt.Errorf("tar %s: %w", f.name, err)
		}
		if _, err := tw.Write(f.body); err != nil {
			return nil, fmt.Errorf("tar %s: %w", f.name, err)
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil },
		tarball.WithMediaType(types.OCILayer))
}
