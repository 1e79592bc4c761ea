// Package version reports which build of loginlogs is running, from the build information the Go
// toolchain records in every binary.
package version

import (
	"cmp"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/ssojet-tools/loginlogs/api"
)

// String returns the module version of loginlogs ("v1.2.3" built in a clone at that tag, Go's
// pseudo-version between tags, "(devel)" where Go stamped none) followed by the VCS revision,
// its time and "+dirty" when the build recorded them, for example "(devel) 132b406d1a2c 2026-11-27T02:30:00Z+dirty".
func String() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	return fromBuildInfo(info)
}

func fromBuildInfo(info *debug.BuildInfo) string {
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	rev := vcs["vcs.revision"]
	parts := []string{cmp.Or(info.Main.Version, "(devel)"), rev[:min(12, len(rev))], vcs["vcs.time"]}
	out := strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), " ")
	if vcs["vcs.modified"] == "true" {
		out += "+dirty"
	}
	return out
}

// WithContract returns String followed by the version of the embedded contract, for example
// "v1.2.0 7f273a71ee71 2026-12-07T02:04:59Z (contract 3.1.0)": what `loginlogs --version` prints.
func WithContract() string {
	return String() + " (contract " + api.Version() + ")"
}
