// Command apidiff runs the contract's breaking-change gate and records releases, with oasdiff's
// checks (package apidiff). It is a development tool run by the Makefile:
//
//	apidiff breaking BASE REVISION            list breaking changes and warnings; exit 1 on a breaking one
//	apidiff changelog BASE REVISION           print oasdiff's markdown changelog
//	apidiff release BASE REVISION CHANGELOG   add the changelog to CHANGELOG, copy REVISION to BASE
//
// Exit codes: 0 ok, 1 breaking changes found, 2 usage or setup error.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ssojet-tools/loginlogs/internal/apidiff"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errBreaking makes run exit 1.
var errBreaking = errors.New("breaking changes")

const usage = "usage: apidiff breaking BASE REVISION | changelog BASE REVISION | release BASE REVISION CHANGELOG"

func run(args []string, stdout, stderr io.Writer) int {
	err := dispatch(args, stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errBreaking):
		return 1
	}
	fmt.Fprintln(stderr, "apidiff:", err)
	return 2
}

func dispatch(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	verb, args := args[0], args[1:]
	switch {
	case verb == "breaking" && len(args) == 2:
		return breaking(args[0], args[1], stdout, stderr)
	case verb == "changelog" && len(args) == 2:
		r, err := apidiff.CompareFiles(args[0], args[1])
		if err != nil {
			return err
		}
		md, err := r.Markdown()
		if err != nil {
			return err
		}
		_, err = stdout.Write(md)
		return err
	case verb == "release" && len(args) == 3:
		r, err := apidiff.Release(args[0], args[1], args[2])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "released %s (from %s): %d breaking, %d warnings, %d changes in all; %s updated, %s is the new baseline\n",
			r.RevisionVersion, r.BaseVersion, len(r.Breaking()), len(r.Warnings()), len(r.Changes), args[2], args[0])
		return nil
	}
	return errors.New(usage)
}

// breaking prints every breaking change and warning of revision against base, one a line, and
// returns errBreaking when there is a breaking one.
func breaking(base, revision string, stdout, stderr io.Writer) error {
	r, err := apidiff.CompareFiles(base, revision)
	if err != nil {
		return err
	}
	for _, c := range append(r.Warnings(), r.Breaking()...) {
		fmt.Fprintln(stdout, apidiff.Line(c))
	}
	if n := len(r.Breaking()); n > 0 {
		fmt.Fprintf(stderr, "%s breaks %s: %d breaking change(s) above. If that is intended, raise the major version of info.version and run `make api-release` in the same commit.\n", revision, base, n)
		return errBreaking
	}
	warned := ""
	if n := len(r.Warnings()); n > 0 {
		warned = fmt.Sprintf(", but %d warning(s) above: changes that may break clients, check each", n)
	}
	fmt.Fprintf(stdout, "no breaking changes from %s to %s (%d changes in all)%s\n", base, revision, len(r.Changes), warned)
	return nil
}
