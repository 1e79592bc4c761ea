package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	tests := []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"installed module", debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{"no version", debug.BuildInfo{}, "(devel)"},
		{"checkout with vcs", debug.BuildInfo{
			Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{
				{Key: "vcs.revision", Value: "132b406d1a2c3e4f5a6b7c8d9e0f112233445566"},
				{Key: "vcs.time", Value: "2026-11-27T02:30:00Z"},
				{Key: "vcs.modified", Value: "true"},
			},
		}, "(devel) 132b406d1a2c 2026-11-27T02:30:00Z+dirty"},
		{"clean checkout", debug.BuildInfo{
			Main:     debug.Module{Version: "v0.0.0-20261127023000-132b406d1a2c"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "false"}},
		}, "v0.0.0-20261127023000-132b406d1a2c abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fromBuildInfo(&tt.info); got != tt.want {
				t.Errorf("fromBuildInfo(%+v) = %q, want %q", tt.info, got, tt.want)
			}
		})
	}
}

func TestStringInTest(t *testing.T) {
	// A test binary has build info; its main module is the test's, with no version.
	if got := String(); got == "" || got == "unknown" {
		t.Errorf("String() = %q, want the build's version", got)
	}
}
