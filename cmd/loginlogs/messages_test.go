package main

import (
	"strings"
	"testing"
)

// TestMistypedFlagSuggestsTheNearest: an unknown flag near a known one names it; one near none
// says only that it is unknown. Both exit 2.
func TestMistypedFlagSuggestsTheNearest(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--adr", "127.0.0.1:0"}, "unknown flag --adr; did you mean --addr?"},
		{[]string{"get", "--client_id", "x"}, "unknown flag --client_id; did you mean --client-id?"},
		{[]string{"contract", "--tokn", "x"}, "did you mean --token?"},
		{[]string{"get", "--zzzzzz", "x"}, "unknown flag: --zzzzzz (see loginlogs get --help)"},
	} {
		_, stderr, code := runCLI(t, nil, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("loginlogs %v: exit %d, stderr %q; want exit 2 and one line with %q", tc.args, code, stderr, tc.want)
		}
	}
}
