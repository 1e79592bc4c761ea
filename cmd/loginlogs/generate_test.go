package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/report"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
)

// TestContractGenerateAgainstTheReferenceServer runs contract --generate against the reference
// server: every request generated from the contract, valid or not (control characters,
// non-ASCII and the longest ids included), gets the answer the contract documents, and the
// JUnit report has one test case per generated check.
func TestContractGenerateAgainstTheReferenceServer(t *testing.T) {
	ref := servertest.Start(t)
	junit := filepath.Join(t.TempDir(), "junit.xml")
	stdout, stderr, code := runCLI(t, map[string]string{
		"SSOJET_BASE_URL": ref.BaseURL, "SSOJET_TOKEN": ref.Token,
		"SSOJET_CLIENT_ID": ref.ClientID, "SSOJET_USER_ID": ref.UserID,
	}, "contract", "--unknown-user-id", "000000000000000000000000", "--generate", "300", "--seed", "21",
		"--rate", "1000000", "--methods", "GET,HEAD,PUT", "--max-response-time", "1m", "--junit", junit)
	if code != exitOK {
		t.Fatalf("contract --generate 300 against the reference server: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var suites report.JUnitSuites
	if err := xml.Unmarshal(b, &suites); err != nil {
		t.Fatal(err)
	}
	cases := map[string]report.JUnitCase{}
	for _, c := range suites.Suites[0].Cases {
		cases[c.Name] = c
	}
	for _, c := range contract.GeneratedChecks() {
		tc, ok := cases[c.Name]
		if !ok || tc.Skipped != nil || tc.Failure != nil || tc.Error != nil {
			t.Errorf("JUnit test case %s: %+v, present %v; want one that passed\n%s", c.Name, tc, ok, stdout)
		}
	}
}

// TestContractGenerateRecordsFailures: a failing generated request is reported with its curl
// line (the token as $SSOJET_TOKEN), saved by --record without the token, and judged again by
// --replay.
func TestContractGenerateRecordsFailures(t *testing.T) {
	url := startAPI(t, fakeapi.WithBug(seedBytes(t), fakeapi.Bug500ForPercent))
	dir := t.TempDir()
	stdout, stderr, code := runCLI(t, liveEnv(url), "contract", "--generate", "200", "--seed", "1", "--rate", "1000000", "--record", dir)
	if code != exitFailed || !strings.Contains(stdout, "FAIL  not-a-server-error") || !strings.Contains(stdout, `/users/%25/loginlogs?client_id=`) ||
		!strings.Contains(stdout, `-H "Authorization: Bearer $SSOJET_TOKEN"`) || !strings.Contains(stdout, "--seed 1 --only not-a-server-error") {
		t.Fatalf("contract --generate against a fake answering 500 to %%: exit %d, want %d and a shrunk curl line\nstdout:\n%s\nstderr:\n%s", code, exitFailed, stdout, stderr)
	}
	fixtures, _ := filepath.Glob(filepath.Join(dir, "not-a-server-error.*.json"))
	if len(fixtures) == 0 {
		t.Fatalf("--record %s: no fixture of not-a-server-error", dir)
	}
	for _, f := range append(fixtures, "stdout") {
		text := stdout
		if f != "stdout" {
			b, _ := os.ReadFile(f)
			text = string(b)
		}
		if strings.Contains(text, fakeapi.Token) {
			t.Errorf("%s holds the token", f)
		}
	}
	stdout, stderr, code = runCLI(t, nil, "contract", "--replay", dir)
	if code != exitFailed || !strings.Contains(stdout, "FAIL  not-a-server-error") {
		t.Errorf("contract --replay of the recorded failures: exit %d, want %d with not-a-server-error failing\nstdout:\n%s\nstderr:\n%s", code, exitFailed, stdout, stderr)
	}
}

// TestContractGenerateUsage: the flags of generated requests need --generate, and take sane
// values; --timeout and --budget 0 are refused, not read as their defaults.
func TestContractGenerateUsage(t *testing.T) {
	url := startAPI(t, fakeapi.New(seedBytes(t)))
	for _, args := range [][]string{
		{"--seed", "3"},
		{"--generate", "-1"},
		{"--generate", "10", "--rate", "0"},
		{"--generate", "10", "--rate", "NaN"}, // no limit at all, against production
		{"--generate", "10", "--rate", "-Inf"},
		{"--generate", "10", "--methods", "GET,G=T"},
		{"--generate", "10", "--response", "x.json"},
		{"--only", "not-a-server-error"},
		{"--generate", "10", "--budget", "0"}, // no time at all, not the default
		{"--timeout", "0s"},                   // no wait at all, not the default nor none
	} {
		_, stderr, code := runCLI(t, liveEnv(url), append([]string{"contract"}, args...)...)
		if code != exitUsage || strings.Count(stderr, "\n") != 1 {
			t.Errorf("contract %v: exit %d, stderr %q; want %d and one line", args, code, stderr, exitUsage)
		}
	}
}

// TestContractGenerateInterrupted: Ctrl-C during --generate prints the report of what was found
// and exits 2, not 0.
func TestContractGenerateInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n atomic.Int64
	fake := fakeapi.WithBug(seedBytes(t), fakeapi.NoBug)
	fake.Requests = func(*http.Request) {
		if n.Add(1) == 100 {
			cancel()
		}
	}
	env := liveEnv(startAPI(t, fake))
	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"contract", "--generate", "100000", "--seed", "1", "--rate", "1000000"}, func(k string) string { return env[k] }, &stdout, &stderr)
	code := exitCode(err, &stderr)
	if code != exitUsage || !strings.Contains(stdout.String(), "stopped early: interrupted") || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("contract --generate interrupted: exit %d, want %d with the report so far\nstdout:\n%s\nstderr:\n%s", code, exitUsage, stdout.String(), stderr.String())
	}
}

// TestContractGenerateProgress: off a terminal (a CI log), a generated run prints a line of
// progress on stderr every progressEvery, stdout keeping the report alone (JSON that parses);
// --progress never prints none, --progress always draws the bar, and a bad value is a usage
// error.
func TestContractGenerateProgress(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = time.Millisecond
	line := regexp.MustCompile(`^loginlogs: contract --generate: \d+ of 60 requests generated, \d+ sent, \d+s; (no check failing so far|failing so far: [a-z, -]+)$`)
	for _, mode := range []string{"auto", "never", "always"} {
		t.Run(mode, func(t *testing.T) {
			var stdout, stderr syncBuffer
			var n atomic.Int64
			fake := fakeapi.WithBug(seedBytes(t), fakeapi.Bug500ForPercent)
			fake.Requests = func(*http.Request) {
				if n.Add(1) != 30 || mode != "auto" {
					return
				}
				// Mid-run, until a line of progress came.
				for deadline := time.Now().Add(10 * time.Second); !strings.Contains(stderr.String(), "loginlogs: contract --generate:"); {
					if time.Now().After(deadline) {
						t.Errorf("--progress auto off a terminal: no line of progress on stderr in 10s")
						return
					}
					time.Sleep(time.Millisecond)
				}
			}
			env := liveEnv(startAPI(t, fake))
			err := run(context.Background(), []string{"contract", "--generate", "60", "--seed", "1", "--rate", "1000000", "--format", "json", "--progress", mode},
				func(k string) string { return env[k] }, &stdout, &stderr)
			if code := exitCode(err, &stderr); code != exitFailed {
				t.Fatalf("contract --generate 60 --progress %s against a fake answering 500 to %%: exit %d, want %d\nstderr:\n%s", mode, code, exitFailed, stderr.String())
			}
			var rep map[string]any
			if err := json.Unmarshal([]byte(stdout.String()), &rep); err != nil {
				t.Errorf("--format json --progress %s: stdout is no JSON (%v):\n%s", mode, err, stdout.String())
			}
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			last := lines[len(lines)-1]
			if i := strings.LastIndex(last, "\r"); i >= 0 {
				last = last[i+1:] // the bar, cleared before the error line
			}
			progress := lines[:len(lines)-1]
			switch mode {
			case "auto":
				if len(progress) == 0 {
					t.Errorf("--progress auto off a terminal: no progress line, stderr:\n%s", stderr.String())
				}
				for _, l := range progress {
					if !line.MatchString(l) {
						t.Errorf("--progress auto: line %q, want one matching %s", l, line)
					}
				}
			case "never":
				if len(progress) > 0 {
					t.Errorf("--progress never: stderr %q, want the error line alone", stderr.String())
				}
			case "always":
				if !strings.Contains(stderr.String(), "contract --generate") || !strings.Contains(stderr.String(), "/60") {
					t.Errorf("--progress always: stderr %q, want a bar of the 60 requests", stderr.String())
				}
			}
			if !strings.HasPrefix(last, "loginlogs: ") || !strings.Contains(last, "contract violated") {
				t.Errorf("--progress %s: last line of stderr %q, want the error line", mode, last)
			}
		})
	}
	_, stderr, code := runCLI(t, nil, "contract", "--generate", "5", "--progress", "sometimes")
	if code != exitUsage || !strings.Contains(stderr, "want auto, always or never") {
		t.Errorf("contract --progress sometimes: exit %d, %q; want %d", code, stderr, exitUsage)
	}
}

// TestContractGenerateRecordFails: --record into a directory removed mid-run is one line naming
// the file that could not be created and why (exit 2), not a network failure blamed on the API.
func TestContractGenerateRecordFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fixtures")
	fake := fakeapi.New(seedBytes(t))
	var n atomic.Int64
	fake.Requests = func(*http.Request) {
		if n.Add(1) == 20 {
			os.RemoveAll(dir)
		}
	}
	_, stderr, code := runCLI(t, liveEnv(startAPI(t, fake)), "contract", "--generate", "200", "--seed", "1", "--rate", "1000000", "--record", dir)
	if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, filepath.Join(dir, ".record.")) ||
		!strings.Contains(stderr, "no such file or directory") || strings.Contains(stderr, "reach the API") {
		t.Errorf("contract --generate --record DIR, DIR removed mid-run: exit %d, stderr %q; want %d and one line naming the recording and its cause", code, stderr, exitUsage)
	}
}

// TestContractRecordReplacesTheEarlierRun: a second --record run into the same DIR replaces the
// fixtures of the first (its failing examples among them), so that --replay DIR judges the
// second run's answers only; files of the user's in DIR stay.
func TestContractRecordReplacesTheEarlierRun(t *testing.T) {
	dir := t.TempDir()
	notes := writeFile(t, dir, "notes.txt", "mine")
	buggy := liveEnv(startAPI(t, fakeapi.WithBug(seedBytes(t), fakeapi.Bug500ForPercent)))
	args := []string{"contract", "--generate", "200", "--seed", "1", "--rate", "1000000", "--record", dir}
	if _, stderr, code := runCLI(t, buggy, args...); code != exitFailed {
		t.Fatalf("first run, against a fake answering 500 to %%: exit %d, want %d; stderr %q", code, exitFailed, stderr)
	}
	if stale, _ := filepath.Glob(filepath.Join(dir, "not-a-server-error.*.json")); len(stale) == 0 {
		t.Fatal("the first run recorded no failing example: the test no longer tells the case apart")
	}
	fixed := liveEnv(startAPI(t, fakeapi.New(seedBytes(t))))
	if _, stderr, code := runCLI(t, fixed, args...); code != exitOK {
		t.Fatalf("second run, against the fixed fake: exit %d, want %d; stderr %q", code, exitOK, stderr)
	}
	stdout, stderr, code := runCLI(t, nil, "contract", "--replay", dir)
	if stale, _ := filepath.Glob(filepath.Join(dir, "not-a-server-error.*")); code != exitOK || len(stale) > 0 {
		t.Errorf("--replay after the second run: exit %d, earlier examples left %q; want exit %d and none\nstdout:\n%s\nstderr:\n%s", code, stale, exitOK, stdout, stderr)
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "mine" {
		t.Errorf("%s: %q, %v; want the user's file as it was", notes, b, err)
	}
}
