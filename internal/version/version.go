// Package version reports which build of loginlogs is running, from the build information the Go
// toolchain records in every binary.
package version

import (
	"runtime/debug"
	"strings"

	"github.com/ssojet-tools/loginlogs/api"
)

// String returns the module version of loginlogs ("v1.2.3" from `go install …@v1.2.3`, or
// "(devel)" in a checkout) followed by the VCS revision, its time and "+dirty" when the build
// recorded them, for example "(devel) 132b406d1a2c 2026-11-27T02:30:00Z+dirty".
func String() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	return fromBuildInfo(info)
}

func fromBuildInfo(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	parts := []string{v}
	if rev != "" {
		parts = append(parts, rev[:min(12, len(rev))])
	}
	if at != "" {
		parts = append(parts, at)
	}
	out := strings.Join(parts, " ")
	if dirty {
		out += "+dirty"
	}
	return out
}

// WithContract returns String followed by the version of the embedded contract, for example
// "v1.2.0 (contract 3.1.0)": what `loginlogs --version` prints.
func WithContract() string {
	return String() + " (contract " + api.Version() + ")"
}
