package main

import (
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/redact"
)

// TestErrorLineIsBounded: an API whose answer does not parse as HTTP and quotes back 900,000
// bytes in net/http's error gets one bounded line from get and contract, not the quote whole;
// both say that the API answered, in bytes that are not HTTP, not that it could not be reached.
func TestErrorLineIsBounded(t *testing.T) {
	url := fakeapi.Raw(t, "XTTP/1.1 "+strings.Repeat("a", 900_000)+"\r\n\r\n")
	for _, verb := range []string{"get", "contract"} {
		stdout, stderr, code := runCLI(t, liveEnv(url), verb)
		if code == exitOK || strings.Count(stderr, "\n") != 1 || len(stderr) > 4*redact.MaxErrorText+64 || len(stdout) > 64<<10 {
			t.Errorf("%s against an API answering a 900 kB status line: exit %d, %d bytes of stdout, stderr of %d bytes in %d lines (%.200q); want one line of at most %d bytes",
				verb, code, len(stdout), len(stderr), strings.Count(stderr, "\n"), stderr, 4*redact.MaxErrorText)
		}
		if !strings.Contains(stderr, "the API answered, but the answer does not read as HTTP") || strings.Contains(stderr, "reach") {
			t.Errorf("%s against an API answering no HTTP: %.300q; want it to say the API answered in bytes that are not HTTP", verb, stderr)
		}
	}
}
