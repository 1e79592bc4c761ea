// Command buildimage builds the container image of loginlogs without a Docker daemon (package
// image), from a static linux binary, and writes it as an OCI image layout and as a tarball for
// `docker load`. `make image` runs it.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/ssojet-tools/loginlogs/internal/image"
)

func main() {
	binary := flag.String("binary", "", "the static linux binary of loginlogs (CGO_ENABLED=0)")
	out := flag.String("oci", "bin/image", "the OCI image layout `directory` to write")
	tarPath := flag.String("tar", "bin/loginlogs-image.tar", "the `file` to write for docker load; empty: none")
	repo := flag.String("name", "loginlogs", "the image's repository name; the tag is the binary's version")
	ca := flag.String("ca-certs", image.CACertificates, "PEM bundle of CA certificates to put in the image; empty or absent: none")
	flag.Parse()
	if err := build(*binary, *out, *tarPath, *repo, *ca); err != nil {
		fmt.Fprintln(os.Stderr, "buildimage:", err)
		os.Exit(1)
	}
}

func build(binary, out, tarPath, repo, ca string) error {
	if binary == "" {
		return fmt.Errorf("--binary is required")
	}
	if _, err := os.Stat(ca); ca != "" && err != nil {
		fmt.Fprintf(os.Stderr, "buildimage: no CA certificates at %s: the image can serve, but not call TLS servers (contract against https needs them)\n", ca)
		ca = ""
	}
	img, err := image.Build(binary, ca)
	if err != nil {
		return err
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return err
	}
	ref := repo + ":" + tagOf(cf.Config.Labels["org.opencontainers.image.version"])
	// The OCI layout replaces what was in out; its manifest is annotated with ref, as `skopeo
	// copy oci:DIR …` and `podman load` read it.
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	p, err := layout.Write(out, empty.Index)
	if err != nil {
		return fmt.Errorf("write the OCI layout: %w", err)
	}
	if err := p.AppendImage(img, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": ref})); err != nil {
		return err
	}
	if tarPath != "" {
		tag, err := name.NewTag(ref)
		if err != nil {
			return fmt.Errorf("image name %q: %w", ref, err)
		}
		if err := tarball.WriteToFile(tarPath, tag, img); err != nil {
			return err
		}
	}
	digest, err := img.Digest()
	if err != nil {
		return err
	}
	fmt.Printf("built %s (%s/%s, %s): OCI layout %s", ref, cf.OS, cf.Architecture, digest, out)
	if tarPath != "" {
		fmt.Printf(", docker load -i %s", tarPath)
	}
	fmt.Println()
	return nil
}

// tagOf turns a module version into an image tag: "v1.2.3" stays, "(devel)" becomes "devel",
// and "+" (of "+dirty" or "+incompatible") becomes "-", which tags cannot hold.
func tagOf(version string) string {
	t := strings.Trim(version, "()")
	t = strings.ReplaceAll(t, "+", "-")
	if t == "" {
		return "devel"
	}
	return t
}
