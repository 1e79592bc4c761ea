// Command loadrun is the loopback load run of `make bench`: it builds loginlogs, fills SQLite
// files with users of 1, 24 and 1,000 login logs, starts the real server once per validation
// mode and run (off, requests only, requests and responses), drives bounded load at it over
// loopback, and prints
// requests/s, p50 and p99 side by side with the ratio to validation off measured in the same
// run. With --prism it also measures Prism serving api/openapi.yaml. Each cell is measured
// --rounds times, the modes in alternating order, and the best run is kept: on two cores shared
// with the load generator single runs vary by a fifth or more.
//
// Cold: every request reads a user no request read before (nothing reused). Warm: the same user
// again and again. Every run stops by itself after --duration or when its users run out.
//
// The proxy rows (warm, 24 entries) put a proxy between the load and the server: loginlogs proxy
// in report mode, a plain httputil.ReverseProxy with the same transport that judges nothing (the
// cost of forwarding alone, what any proxy built on net/http pays), and with --prism Prism's
// proxy mode.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/bench"
	"github.com/ssojet-tools/loginlogs/internal/loadgen"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

const (
	token    = "loadrun-token"
	clientID = server.DemoClientID
)

type config struct {
	duration    time.Duration
	concurrency int
	prism       string // path of the prism binary; "" skips Prism
	proxy       bool   // measure the proxy rows
	rounds      int
	pin         bool
	serverCPU   []string // command prefix that pins a server, e.g. taskset -c 1
	workdir     string
	sizes       []int
	contractMB  int // size of the answer `contract --response` judges; 0 skips it
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadrun:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 2 && args[0] == plainProxyArg {
		return servePlainProxy(ctx, args[1], stdout)
	}
	fs := flag.NewFlagSet("loadrun", flag.ContinueOnError)
	var cfg config
	fs.DurationVar(&cfg.duration, "duration", 3*time.Second, "length of each measured run")
	fs.IntVar(&cfg.concurrency, "concurrency", 8, "clients sending requests back to back")
	fs.StringVar(&cfg.prism, "prism", "", "path of the prism binary (internal/bench/prism); empty skips Prism")
	sizes := fs.String("sizes", "1,24,1000", "entries per user of the runs, comma-separated")
	fs.BoolVar(&cfg.pin, "pin", true, "on two or more cores, run the load on core 0 and each server (and Prism) on core 1, so that they do not steal each other's time")
	fs.BoolVar(&cfg.proxy, "proxy", true, "measure warm reads at 24 entries through loginlogs proxy (report mode) and, with --prism, Prism's proxy mode")
	fs.IntVar(&cfg.contractMB, "contract-mb", 200, "judge a valid answer of this many MB (seed-like entries) with `loginlogs contract --response`, --rounds times, on every core; 0 skips it")
	fs.IntVar(&cfg.rounds, "rounds", 3, "measure every cell this many times, the modes in alternating order, and keep the best")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case !cfg.pin:
	case os.Getenv("LOADRUN_PINNED") != "":
		// Running on core 0 already (nproc says 1 here): the servers go to core 1.
		cfg.serverCPU = []string{"taskset", "-c", "1"}
	case nproc() >= 2:
		return pinSelf(ctx, args, stdout, stderr)
	}
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("--sizes: %q is not a positive number", f)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	dir, err := os.MkdirTemp("", "loadrun-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg.workdir = dir

	bin := filepath.Join(dir, "loginlogs")
	fmt.Fprintln(stderr, "building loginlogs…")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/loginlogs").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	tokens := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokens, []byte(token+" "+clientID+"\n"), 0o600); err != nil {
		return err
	}

	var rows []row
	for _, n := range cfg.sizes {
		users := usersFor(n, cfg)
		db := filepath.Join(dir, fmt.Sprintf("entries-%d.db", n))
		fmt.Fprintf(stderr, "filling %s: %d users × %d logs…\n", filepath.Base(db), users, n)
		ids, err := fill(ctx, db, n, users)
		if err != nil {
			return err
		}
		// Read the file once so that every mode finds it in the page cache, not only the later
		// ones.
		if err := readAll(db); err != nil {
			return err
		}
		for _, work := range []string{"cold", "warm"} {
			names := make([]string, len(modes))
			for i, mode := range modes {
				names[i] = mode.name
			}
			best, err := inTurns(cfg.rounds, names, func(i int) (loadgen.Result, error) {
				res, err := measureServer(ctx, cfg, bin, db, tokens, modes[i], work, ids)
				if err != nil {
					return res, fmt.Errorf("%d entries, %s, %s: %w", n, work, modes[i].name, err)
				}
				fmt.Fprintf(stderr, "  %5d entries %s %-9s %s\n", n, work, modes[i].name, res)
				return res, nil
			})
			if err != nil {
				return err
			}
			for _, mode := range modes {
				rows = append(rows, row{entries: n, work: work, mode: mode.name, res: best[mode.name]})
			}
		}
	}
	if cfg.proxy && slices.Contains(cfg.sizes, 24) {
		db := filepath.Join(dir, "entries-24.db")
		ids := []string{fmt.Sprintf("%024x", 1)}
		proxies := []string{"loginlogs", "plain"}
		if cfg.prism != "" {
			proxies = append(proxies, "prism")
		}
		best, err := inTurns(cfg.rounds, proxies, func(i int) (loadgen.Result, error) {
			res, err := measureProxy(ctx, cfg, bin, db, tokens, proxies[i], ids)
			if err != nil {
				return res, fmt.Errorf("%s proxy: %w", proxies[i], err)
			}
			fmt.Fprintf(stderr, "     24 entries warm %-9s %s\n", proxies[i]+" proxy", res)
			return res, nil
		})
		if err != nil {
			return err
		}
		for _, through := range proxies {
			rows = append(rows, row{entries: 24, work: "warm", mode: through + " proxy", res: best[through]})
		}
	}
	if cfg.prism != "" {
		for _, work := range []string{"cold", "warm"} {
			var best loadgen.Result
			for range cfg.rounds {
				res, err := measurePrism(ctx, cfg, work)
				if err != nil {
					return fmt.Errorf("prism %s: %w", work, err)
				}
				fmt.Fprintf(stderr, "     24 entries %s %-9s %s\n", work, "prism", res)
				if res.RPS() > best.RPS() {
					best = res
				}
			}
			rows = append(rows, row{entries: 24, work: work, mode: "prism", res: best})
		}
	}
	var judged *contractRun
	if cfg.contractMB > 0 {
		file := filepath.Join(dir, "answer.json")
		size, err := writeAnswer(file, cfg.contractMB<<20)
		if err != nil {
			return err
		}
		for range cfg.rounds {
			run, err := measureContract(ctx, cfg, bin, file, size)
			if err != nil {
				return fmt.Errorf("contract --response: %w", err)
			}
			fmt.Fprintf(stderr, "  contract --response %d MB: %.1f MB/s, %.1f MB peak RSS\n", size>>20, run.mbps(), run.peakMB)
			if judged == nil || run.mbps() > judged.mbps() {
				judged = &run
			}
		}
	}
	report(stdout, cfg, rows, judged)
	return nil
}

// contractRun is one run of `loginlogs contract --response` on a valid answer.
type contractRun struct {
	bytes  int64
	wall   time.Duration
	peakMB float64 // peak resident memory of the process
}

func (r contractRun) mbps() float64 { return float64(r.bytes) / 1e6 / r.wall.Seconds() }

// writeAnswer writes a valid 200 body of at least size bytes: the seed's entries over and over,
// a second apart, indented as the seed file is. It returns the body's size.
func writeAnswer(path string, size int) (int64, error) {
	doc, err := spec.Embedded()
	if err != nil {
		return 0, err
	}
	seed, err := server.DemoLogs(doc)
	if err != nil {
		return 0, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	n, _ := w.WriteString("{\n\"login_logs\": [\n")
	written := int64(n)
	for i := 0; written < int64(size); i++ {
		e := seed[i%len(seed)]
		sep := ",\n"
		if i == 0 {
			sep = ""
		}
		n, _ := fmt.Fprintf(w, "%s{\n\"IpAddress\": %q,\n\"Country\": %q,\n\"City\": %q,\n\"UserAgent\": %q,\n\"Name\": %q,\n\"Os\": %q,\n\"Device\": %q,\n\"CreatedAt\": %q\n}",
			sep, e.IPAddress, e.Country, e.City, e.UserAgent, e.Name, e.OS, e.Device,
			seed[0].CreatedAt.Add(time.Duration(i)*time.Second).UTC().Format("2006-01-02T15:04:05.000Z"))
		written += int64(n)
	}
	n, _ = w.WriteString("\n]\n}\n")
	written += int64(n)
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, err
	}
	return written, f.Close()
}

// measureContract runs `loginlogs contract --response file` on every core (the load's pinning
// undone) and measures its wall time and peak RSS; the answer must pass (exit 0).
func measureContract(ctx context.Context, cfg config, bin, file string, size int64) (contractRun, error) {
	if err := readAll(file); err != nil { // from the page cache, as every round
		return contractRun{}, err
	}
	cmd := exec.CommandContext(ctx, bin, "contract", "--response", file)
	if len(cfg.serverCPU) > 0 {
		cmd = exec.CommandContext(ctx, "taskset", "-c", "0,1", bin, "contract", "--response", file)
	}
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	began := time.Now()
	if err := cmd.Run(); err != nil {
		return contractRun{}, fmt.Errorf("%v\n%s", err, out.String())
	}
	run := contractRun{bytes: size, wall: time.Since(began)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		run.peakMB = float64(ru.Maxrss) / 1024 // kB on Linux
	}
	return run, nil
}

// usersFor returns how many users a size needs so that a cold run never reads one twice.
func usersFor(n int, cfg config) int {
	switch {
	case n <= 24:
		return 25000
	default:
		return 2500
	}
}

type mode struct {
	name string
	args []string
}

var modes = []mode{
	{"off", []string{"--validate-requests=false", "--validate-responses=off"}},
	{"requests", []string{"--validate-requests=true", "--validate-responses=off"}},
	{"full", []string{"--validate-requests=true", "--validate-responses=enforce"}},
}

type row struct {
	entries int
	work    string
	mode    string
	res     loadgen.Result
}

// fill creates a SQLite file with users of n logs each (the seed's 24 entries repeated, a second
// apart, each user's a millisecond after the previous user's) and returns their ids in the order
// cold runs read them.
func fill(ctx context.Context, path string, n, users int) ([]string, error) {
	doc, err := spec.Embedded()
	if err != nil {
		return nil, err
	}
	seed, err := server.DemoLogs(doc)
	if err != nil {
		return nil, err
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	logs := bench.Logs(seed, n)
	ids := make([]string, users)
	for u := range ids {
		ids[u] = fmt.Sprintf("%024x", u+1)
		// Each user's logs a millisecond later than the previous user's: every answer's body
		// differs, so that no cold read finds its verdict in the memo of bodies that passed.
		if u > 0 {
			for i := range logs {
				logs[i].CreatedAt = logs[i].CreatedAt.Add(time.Millisecond)
			}
		}
		if err := st.AddLoginLogs(ctx, clientID, ids[u], logs); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

var listening = regexp.MustCompile(`loginlogs serve: (http://\S+)/api/v1`)

func measureServer(ctx context.Context, cfg config, bin, db, tokens string, m mode, work string, ids []string) (loadgen.Result, error) {
	base, stop, err := startServer(ctx, cfg, bin, db, tokens, m)
	if err != nil {
		return loadgen.Result{}, err
	}
	defer stop()
	path := func(user string) string {
		return base + "/api/v1/users/" + user + "/loginlogs?client_id=" + clientID
	}
	return load(ctx, cfg, work, ids, path)
}

// startServer starts the reference server in mode m on a free port and returns its base URL.
func startServer(ctx context.Context, cfg config, bin, db, tokens string, m mode) (string, func(), error) {
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--database-url", "sqlite:" + db,
		"--tokens", tokens, "--log-level", "error"}, m.args...)
	cmd := pinned(ctx, cfg, bin, args...)
	return start(cmd, listening)
}

// start runs cmd and waits for the line of its stdout that re names the URL it serves.
func start(cmd *exec.Cmd, re *regexp.Regexp) (string, func(), error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}
	base, err := waitFor(stdout, re)
	if err != nil {
		stop()
		return "", nil, err
	}
	return base, stop, nil
}

var proxying = regexp.MustCompile(`proxying (http://\S+)/api/v1 -> `)

// measureProxy measures warm reads of the reference server (full validation) through a proxy:
// loginlogs proxy in report mode (through "loginlogs"), a plain reverse proxy (through "plain",
// servePlainProxy) or Prism's proxy mode (through "prism"). The proxy runs on the load's core, as
// it would beside an application's tests, the server on its own.
func measureProxy(ctx context.Context, cfg config, bin, db, tokens, through string, ids []string) (loadgen.Result, error) {
	upstream, stopServer, err := startServer(ctx, cfg, bin, db, tokens, modes[2])
	if err != nil {
		return loadgen.Result{}, err
	}
	defer stopServer()
	var base string
	switch through {
	case "loginlogs":
		cmd := exec.CommandContext(ctx, bin, "proxy", "--upstream", upstream, "--addr", "127.0.0.1:0", "--log-level", "error")
		b, stop, err := start(cmd, proxying)
		if err != nil {
			return loadgen.Result{}, err
		}
		defer stop()
		base = b + "/api/v1"
	case "plain":
		self, err := os.Executable()
		if err != nil {
			return loadgen.Result{}, err
		}
		b, stop, err := start(exec.CommandContext(ctx, self, plainProxyArg, upstream), proxying)
		if err != nil {
			return loadgen.Result{}, err
		}
		defer stop()
		base = b + "/api/v1"
	case "prism":
		port, err := freePort()
		if err != nil {
			return loadgen.Result{}, err
		}
		cmd := exec.CommandContext(ctx, cfg.prism, "proxy", "-h", "127.0.0.1", "-p", port, "api/openapi.yaml", upstream+"/api/v1")
		// Prism mounts the contract's paths at its root and forwards them below the upstream URL.
		base = "http://127.0.0.1:" + port
		stop, err := startPrism(cmd, base+"/users/"+ids[0]+"/loginlogs?client_id="+clientID)
		if err != nil {
			return loadgen.Result{}, fmt.Errorf("prism proxy: %w", err)
		}
		defer stop()
	}
	path := func(user string) string { return base + "/users/" + user + "/loginlogs?client_id=" + clientID }
	return load(ctx, cfg, "warm", ids, path)
}

// plainProxyArg makes loadrun serve as a plain reverse proxy to the URL after it
// (servePlainProxy), in a process of its own as loginlogs proxy runs.
const plainProxyArg = "--serve-plain-proxy"

// servePlainProxy forwards every request to upstream with httputil.ReverseProxy, loginlogs
// proxy's transport and copy buffers, and nothing else: no judging, no counting. It prints its
// base URL as loginlogs proxy does, and serves until ctx ends.
func servePlainProxy(ctx context.Context, upstream string, stdout io.Writer) error {
	u, err := url.Parse(upstream)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	rp := &httputil.ReverseProxy{
		Rewrite:    func(pr *httputil.ProxyRequest) { pr.SetURL(u); pr.Out.Host = "" },
		Transport:  proxy.NewTransport(),
		BufferPool: proxy.CopyBuffers{},
		ErrorLog:   log.New(io.Discard, "", 0), // clients cut off when a run ends
	}
	srv := &http.Server{Handler: rp, ReadHeaderTimeout: 5 * time.Second}
	fmt.Fprintf(stdout, "proxying http://%s/api/v1 -> %s\n", ln.Addr(), upstream)
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// startPrism runs a Prism command, its output discarded, and waits until probe answers at all;
// stop ends it.
func startPrism(cmd *exec.Cmd, probe string) (stop func(), err error) {
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	stop = func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}
	if err := waitHTTP(probe, 60*time.Second); err != nil {
		stop()
		return nil, err
	}
	return stop, nil
}

// waitHTTP waits until url answers at all.
func waitHTTP(url string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for {
		res, err := http.Get(url)
		if err == nil {
			res.Body.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no answer within %s", within)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func measurePrism(ctx context.Context, cfg config, work string) (loadgen.Result, error) {
	port, err := freePort()
	if err != nil {
		return loadgen.Result{}, err
	}
	cmd := pinned(ctx, cfg, cfg.prism, "mock", "-h", "127.0.0.1", "-p", port, "api/openapi.yaml")
	base := "http://127.0.0.1:" + port
	stop, err := startPrism(cmd, base+"/users/x/loginlogs?client_id="+clientID)
	if err != nil {
		return loadgen.Result{}, fmt.Errorf("prism mock: %w", err)
	}
	defer stop()
	ids := make([]string, 200000)
	for i := range ids {
		ids[i] = fmt.Sprintf("%024x", i+1)
	}
	// Prism mounts the paths at its root, not under the servers' /api/v1.
	path := func(user string) string { return base + "/users/" + user + "/loginlogs?client_id=" + clientID }
	return load(ctx, cfg, work, ids, path)
}

// load warms the server up briefly, then measures. Cold runs read ids in order, each once;
// warm runs read the first id only.
func load(ctx context.Context, cfg config, work string, ids []string, path func(string) string) (loadgen.Result, error) {
	next := 0
	pick := func(i int) string {
		if work == "warm" {
			return ids[0]
		}
		return ids[next+i]
	}
	check := func(res *http.Response, _ []byte) error {
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", res.StatusCode)
		}
		return nil
	}
	run := func(d time.Duration, budget int) (loadgen.Result, error) {
		return loadgen.Run(ctx, loadgen.Config{
			Concurrency: cfg.concurrency, Duration: d, MaxRequests: budget, Check: check,
			Request: func(i int) (*http.Request, error) {
				req, err := http.NewRequest(http.MethodGet, path(pick(i)), nil)
				if err == nil {
					req.Header.Set("Authorization", "Bearer "+token)
					req.Header.Set("Accept", "application/json")
				}
				return req, err
			},
		})
	}
	warmup, err := run(500*time.Millisecond, 200)
	if err != nil {
		return warmup, err
	}
	next = warmup.Requests + warmup.Failures
	budget := len(ids) - next
	if work == "warm" {
		budget = 10_000_000
	}
	res, err := run(cfg.duration, budget)
	if err == nil && res.Failures > 0 {
		err = fmt.Errorf("%d failed requests, first: %v", res.Failures, res.FirstFailure)
	}
	return res, err
}

// pinSelf runs this program again on core 0 only, where the load generator then stays.
func pinSelf(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "taskset", append([]string{"-c", "0", self}, args...)...)
	cmd.Env = append(os.Environ(), "LOADRUN_PINNED=1")
	cmd.Stdout, cmd.Stderr = stdout, stderr
	return cmd.Run()
}

// pinned returns the command for a server, on the server's core when pinning.
func pinned(ctx context.Context, cfg config, name string, args ...string) *exec.Cmd {
	if len(cfg.serverCPU) > 0 {
		return exec.CommandContext(ctx, cfg.serverCPU[0], append(append(cfg.serverCPU[1:], name), args...)...)
	}
	return exec.CommandContext(ctx, name, args...)
}

func readAll(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}

func waitFor(r io.Reader, re *regexp.Regexp) (string, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			go io.Copy(io.Discard, r)
			return m[1], nil
		}
	}
	return "", errors.New("the server exited before it listened")
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	_, port, err := net.SplitHostPort(ln.Addr().String())
	return port, err
}

// report prints the table and the targets.
func report(w io.Writer, cfg config, rows []row, judged *contractRun) {
	find := func(n int, work, mode string) (loadgen.Result, bool) {
		for _, r := range rows {
			if r.entries == n && r.work == work && r.mode == mode {
				return r.res, true
			}
		}
		return loadgen.Result{}, false
	}
	where := fmt.Sprintf("%d cores shared by server and load", nproc())
	if len(cfg.serverCPU) > 0 {
		where = "server (and Prism) pinned to core 1, load to core 0"
	}
	fmt.Fprintf(w, "\nLoopback load run: %d clients, best of %d runs of %s per cell, SQLite store, %s.\n\n", cfg.concurrency, cfg.rounds, cfg.duration, where)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "entries\tworkload\tvalidation\treq/s\tp50\tp99\tvs off\t")
	for _, r := range rows {
		ratio := ""
		if off, ok := find(r.entries, r.work, "off"); ok && off.RPS() > 0 {
			ratio = fmt.Sprintf("%.0f%%", 100*r.res.RPS()/off.RPS())
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.0f\t%s\t%s\t%s\t\n", r.entries, r.work, r.mode, r.res.RPS(),
			r.res.P50.Round(10*time.Microsecond), r.res.P99.Round(10*time.Microsecond), ratio)
	}
	tw.Flush()

	fmt.Fprintln(w, "\nTargets (issues 9 and 23, every verdict kin-openapi's; Prism: issue 5; proxy: issue 12):")
	target := func(name string, got, want float64, unit string) {
		verdict := "met"
		if got < want {
			verdict = "NOT met"
		}
		fmt.Fprintf(w, "  %-44s %7.1f%s (want ≥ %g%s): %s\n", name, got, unit, want, unit, verdict)
	}
	ratio := func(name string, n int, work string, want float64) {
		full, okFull := find(n, work, "full")
		off, okOff := find(n, work, "off")
		if !okFull || !okOff || off.RPS() == 0 {
			fmt.Fprintf(w, "  %-44s not measured (see --sizes)\n", name)
			return
		}
		target(name, 100*full.RPS()/off.RPS(), want, "%")
	}
	ratio("cold, 24 entries, full vs off", 24, "cold", 60)
	ratio("cold, 1,000 entries, full vs off", 1000, "cold", 45)
	ratio("warm, 24 entries, full vs off", 24, "warm", 90)
	if judged != nil {
		name := fmt.Sprintf("contract --response, valid %d MB answer", judged.bytes>>20)
		target(name+", rate", judged.mbps(), 100, " MB/s")
		verdict := "met"
		if judged.peakMB > 64 {
			verdict = "NOT met"
		}
		fmt.Fprintf(w, "  %-44s %7.1f MB (want ≤ 64 MB): %s\n", name+", peak RSS", judged.peakMB, verdict)
	} else {
		fmt.Fprintf(w, "  %-44s not measured (--contract-mb 0)\n", "contract --response, valid answer")
	}
	if through, ok := find(24, "warm", "loginlogs proxy"); ok {
		direct, okDirect := find(24, "warm", "full")
		if okDirect && direct.RPS() > 0 {
			target("warm, 24 entries, through proxy vs direct", 100*through.RPS()/direct.RPS(), 60, "%")
		}
		if plain, ok := find(24, "warm", "plain proxy"); ok && plain.RPS() > 0 {
			target("warm, 24 entries, proxy vs plain proxy", 100*through.RPS()/plain.RPS(), 95, "%")
		}
		if prism, ok := find(24, "warm", "prism proxy"); ok && prism.RPS() > 0 {
			target("warm, 24 entries, proxy vs Prism proxy", through.RPS()/prism.RPS(), 10, "×")
		} else {
			fmt.Fprintf(w, "  %-44s skipped (no --prism)\n", "warm, 24 entries, proxy vs Prism proxy")
		}
	}
	for _, work := range []string{"cold", "warm"} {
		full, _ := find(24, work, "full")
		prism, ok := find(24, work, "prism")
		if !ok || prism.RPS() == 0 {
			fmt.Fprintf(w, "  %-44s skipped (no --prism)\n", work+", 24 entries, full vs Prism")
			continue
		}
		want := 5.0
		if work == "warm" {
			want = 10
		}
		target(work+", 24 entries, full vs Prism", full.RPS()/prism.RPS(), want, "×")
	}
}

// inTurns measures each of names rounds times, all of them in each round, in alternating order,
// so that a busy moment of the machine does not fall on one of them only, and returns the best
// result of each.
func inTurns(rounds int, names []string, measure func(i int) (loadgen.Result, error)) (map[string]loadgen.Result, error) {
	best := map[string]loadgen.Result{}
	for round := range rounds {
		order := make([]int, len(names))
		for i := range order {
			order[i] = i
		}
		if round%2 == 1 {
			slices.Reverse(order)
		}
		for _, i := range order {
			res, err := measure(i)
			if err != nil {
				return nil, err
			}
			if res.RPS() > best[names[i]].RPS() {
				best[names[i]] = res
			}
		}
	}
	return best, nil
}

func nproc() int {
	out, err := exec.Command("nproc").Output()
	if err != nil {
		return 0
	}
	var n int
	fmt.Sscan(strings.TrimSpace(string(out)), &n)
	return n
}
