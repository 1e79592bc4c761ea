// Command hostilerun tries each behaviour of the hostile fake (internal/contract/fakeapi) on the
// built binary, as a CI job would meet it: `loginlogs contract` against the fake, and one
// request through `loginlogs proxy` (report mode) to it. For each it prints the exit code, the
// verdict line, what the client got and the peak resident memory of the process (its rusage
// maxrss): the table of docs/reliability.md, "Hostile upstreams".
//
//	go run ./internal/bench/hostilerun [--only nested,gzip] [--bin path/to/loginlogs]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/bench"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// behaviours are the rows: a name and the fake's behaviours list.
var behaviours = []struct{ name, list string }{
	{"slow", "slow=1s"},
	{"cut", "cut=1000"},
	{"endless", "endless"},
	{"nested", "nested=9000"},
	{"deep objects", "deep=9000"},
	{"huge", "huge=256M"},
	{"gzip, 3 broken entries", "gzip,many=3"},
	{"unknown encoding, 3 broken entries", "encoding=x-hostile,many=3"},
	{"echoing secrets", "echo"},
	{"duplicate headers", "duplicate-headers"},
}

// token is the bearer token the runs send, the fake's; echo sends it back.
const token = fakeapi.Token

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "hostilerun:", err)
		os.Exit(1)
	}
}

func run() error {
	fs := flag.NewFlagSet("hostilerun", flag.ContinueOnError)
	bin := fs.String("bin", "", "the loginlogs binary (default: go build ./cmd/loginlogs)")
	only := fs.String("only", "", "comma-separated row names or behaviours lists to run")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	ctx := context.Background()
	if *bin == "" {
		dir, err := os.MkdirTemp("", "hostilerun")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if *bin, err = bench.Build(ctx, dir); err != nil {
			return err
		}
	}
	seed, err := os.ReadFile("testdata/seed-loginlogs.json")
	if err != nil {
		return err
	}
	fake := httptest.NewServer(fakeapi.Hostile(seed, nil))
	defer fake.Close()
	fmt.Println("| behaviour | fake's list | `contract`: exit, verdict | peak RSS | `proxy`: client got | proxy's verdict, exit | peak RSS |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, b := range behaviours {
		if *only != "" && !slices.Contains(strings.Split(*only, ","), b.name) && !slices.Contains(strings.Split(*only, ","), b.list) {
			continue
		}
		base := fake.URL + fakeapi.HostilePath(b.list)
		c := contractRun(ctx, *bin, base)
		p := proxyRun(ctx, *bin, base)
		fmt.Printf("| %s | `%s` | %s | %s | %s | %s | %s |\n", b.name, b.list, c.verdict, size(c.maxRSS<<10), p.client, p.verdict, size(p.maxRSS<<10))
	}
	return nil
}

// outcome is what one process did.
type outcome struct {
	verdict, client string
	maxRSS          int64 // KiB
}

// leak says whether out holds the token as sent.
func leak(out string) string {
	if strings.Contains(out, token) {
		return "; **token in the output**"
	}
	return ""
}

// Verdict lines: the contract's text report's first error or setup problem, the proxy's summary.
var (
	contractVerdict = regexp.MustCompile(`(?m)^\s+(error|setup)\s.*$`)
	proxyVerdict    = regexp.MustCompile(`(?m)^(PASS|FAIL|INCONCLUSIVE).*$`)
)

func contractRun(ctx context.Context, bin, base string) outcome {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "contract", "--unknown-user-id", fakeapi.UnknownUserID)
	cmd.Env = append(os.Environ(), "SSOJET_BASE_URL="+base+"/api/v1", "SSOJET_TOKEN="+token,
		"SSOJET_CLIENT_ID="+fakeapi.ClientID, "SSOJET_USER_ID="+fakeapi.UserID)
	start := time.Now()
	out, _ := cmd.CombinedOutput()
	return outcome{verdict: fmt.Sprintf("exit %d in %.1f s: %s%s", cmd.ProcessState.ExitCode(), time.Since(start).Seconds(), cell(verdict(string(out), contractVerdict)), leak(string(out))), maxRSS: bench.PeakRSS(cmd)}
}

func proxyRun(ctx context.Context, bin, base string) outcome {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "proxy", "--upstream", base, "--addr", "127.0.0.1:0", "--timeout", "10s")
	var stderr, rest strings.Builder // rest: the summary, printed on SIGTERM
	cmd.Stderr = &stderr
	client := "no proxy address"
	if addr, stop, err := bench.Start(cmd, bench.Proxying, &rest); err == nil {
		client = get(ctx, addr+"/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID)
		stop()
	}
	return outcome{client: client, verdict: fmt.Sprintf("%s, exit %d%s", cell(verdict(rest.String(), proxyVerdict)), cmd.ProcessState.ExitCode(), leak(rest.String()+stderr.String())), maxRSS: bench.PeakRSS(cmd)}
}

// get sends the documented request and says what came back, reading at most 64 MiB.
func get(ctx context.Context, url string) string {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept-Encoding", "identity")
	start := time.Now()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "error: " + cell(err.Error())
	}
	defer res.Body.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(res.Body, 64<<20))
	what := fmt.Sprintf("%d, %s in %.1f s", res.StatusCode, size(n), time.Since(start).Seconds())
	switch {
	case n == 64<<20:
		what += ", still coming (stopped reading)"
	case err != nil && !errors.Is(err, context.DeadlineExceeded):
		what += ", then " + cell(err.Error())
	}
	if enc := res.Header.Get("Content-Encoding"); enc != "" {
		what += ", Content-Encoding " + enc
	}
	return what
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d B", n)
}

// verdict is the first match of re in out, or else out's last line.
func verdict(out string, re *regexp.Regexp) string {
	if m := re.FindString(out); m != "" {
		return m
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

// cell makes s fit a table cell: one line, no pipes, at most 140 characters.
func cell(s string) string {
	return validate.Shorten(strings.NewReplacer("|", "/", "\n", " ", "`", "'").Replace(strings.TrimSpace(s)), 140)
}
