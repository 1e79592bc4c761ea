// Command loadrun is the loopback load run of `make bench`: it builds loginlogs, fills SQLite
// files with users of 1, 24 and 1,000 login logs, starts the real server once per validation
// mode and run (off, requests only, requests and responses), drives bounded load at it over
// loopback, and prints requests/s, p50 and p99 side by side with the ratio to validation off
// measured in the same run. With --prism it also measures Prism serving api/openapi.yaml. Each
// cell is measured --rounds times, the modes in alternating order, and the best run is kept: on
// two cores shared with the load generator single runs vary by a fifth or more.
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
	"runtime"
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
	"github.com/ssojet-tools/loginlogs/internal/store"
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
	serverCPU   []string // command prefix that pins a server, e.g. taskset -c 1
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
	pin := fs.Bool("pin", true, "on two or more cores, run the load on core 0 and each server (and Prism) on core 1, so that they do not steal each other's time")
	fs.BoolVar(&cfg.proxy, "proxy", true, "measure warm reads at 24 entries through loginlogs proxy (report mode) and, with --prism, Prism's proxy mode")
	fs.IntVar(&cfg.contractMB, "contract-mb", 200, "judge a valid answer of this many MB (seed-like entries) with `loginlogs contract --response`, --rounds times, on every core; 0 skips it")
	fs.IntVar(&cfg.rounds, "rounds", 3, "measure every cell this many times, the modes in alternating order, and keep the best")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case !*pin:
	case os.Getenv("LOADRUN_PINNED") != "":
		// Running on core 0 already (runtime.NumCPU, the cores of the affinity mask, says 1 here):
		// the servers go to core 1.
		cfg.serverCPU = []string{"taskset", "-c", "1"}
	case runtime.NumCPU() >= 2:
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

	fmt.Fprintln(stderr, "building loginlogs…")
	bin, err := bench.Build(ctx, dir)
	if err != nil {
		return err
	}
	tokens := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokens, []byte(token+" "+clientID+"\n"), 0o600); err != nil {
		return err
	}

	doc, err := spec.Embedded()
	if err != nil {
		return err
	}
	seed, err := server.DemoLogs(doc)
	if err != nil {
		return err
	}

	var rows []row
	// measure measures each of names (the row's validation column) cfg.rounds times, all of them
	// in each round, in alternating order, so that a busy moment of the machine does not fall on
	// one of them only; it prints every run and adds the best of each to rows.
	measure := func(n int, work string, names []string, one func(i int) (loadgen.Result, error)) error {
		first := len(rows)
		for _, name := range names {
			rows = append(rows, row{entries: n, work: work, mode: name})
		}
		for round := range cfg.rounds {
			for k := range names {
				i := k
				if round%2 == 1 {
					i = len(names) - 1 - k
				}
				res, err := one(i)
				if err != nil {
					return fmt.Errorf("%d entries, %s, %s: %w", n, work, names[i], err)
				}
				fmt.Fprintf(stderr, "  %5d entries %s %-9s %s\n", n, work, names[i], res)
				if res.RPS() > rows[first+i].res.RPS() {
					rows[first+i].res = res
				}
			}
		}
		return nil
	}
	for _, n := range cfg.sizes {
		users := 2500 // so that a cold run never reads one twice
		if n <= 24 {
			users = 25000
		}
		db := filepath.Join(dir, fmt.Sprintf("entries-%d.db", n))
		fmt.Fprintf(stderr, "filling %s: %d users × %d logs…\n", filepath.Base(db), users, n)
		ids, err := fill(ctx, db, seed, n, users)
		if err != nil {
			return err
		}
		// Read the file once so that every mode finds it in the page cache, not only the later
		// ones.
		if err := readAll(db); err != nil {
			return err
		}
		for _, work := range []string{"cold", "warm"} {
			if err := measure(n, work, modeNames, func(i int) (loadgen.Result, error) {
				base, stop, err := startServer(ctx, cfg, bin, db, tokens, modeNames[i])
				if err != nil {
					return loadgen.Result{}, err
				}
				defer stop()
				return load(ctx, cfg, work, ids, base+"/api/v1")
			}); err != nil {
				return err
			}
		}
	}
	if cfg.proxy && slices.Contains(cfg.sizes, 24) {
		db := filepath.Join(dir, "entries-24.db")
		proxies := []string{"loginlogs proxy", "plain proxy"}
		if cfg.prism != "" {
			proxies = append(proxies, "prism proxy")
		}
		if err := measure(24, "warm", proxies, func(i int) (loadgen.Result, error) {
			return measureProxy(ctx, cfg, bin, db, tokens, proxies[i], []string{fmt.Sprintf("%024x", 1)})
		}); err != nil {
			return err
		}
	}
	if cfg.prism != "" {
		for _, work := range []string{"cold", "warm"} {
			if err := measure(24, work, []string{"prism"}, func(int) (loadgen.Result, error) { return measurePrism(ctx, cfg, work) }); err != nil {
				return err
			}
		}
	}
	var judged *contractRun
	if cfg.contractMB > 0 {
		file := filepath.Join(dir, "answer.json")
		size, err := writeAnswer(file, seed, cfg.contractMB<<20)
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
func writeAnswer(path string, seed []store.LoginLog, size int) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	n, _ := w.WriteString("{\n\"login_logs\": [\n")
	written := int64(n)
	sep := ""
	for i := 0; written < int64(size); i++ {
		e := seed[i%len(seed)]
		n, _ := fmt.Fprintf(w, "%s{\n\"IpAddress\": %q,\n\"Country\": %q,\n\"City\": %q,\n\"UserAgent\": %q,\n\"Name\": %q,\n\"Os\": %q,\n\"Device\": %q,\n\"CreatedAt\": %q\n}",
			sep, e.IPAddress, e.Country, e.City, e.UserAgent, e.Name, e.OS, e.Device,
			seed[0].CreatedAt.Add(time.Duration(i)*time.Second).UTC().Format("2006-01-02T15:04:05.000Z"))
		written += int64(n)
		sep = ",\n"
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
	return contractRun{bytes: size, wall: time.Since(began), peakMB: float64(bench.PeakRSS(cmd)) / 1024}, nil
}

// modes are the server's flags of each validation mode; modeNames orders them.
var (
	modes = map[string][]string{
		"off":      {"--validate-requests=false", "--validate-responses=off"},
		"requests": {"--validate-requests=true", "--validate-responses=off"},
		"full":     {"--validate-requests=true", "--validate-responses=enforce"},
	}
	modeNames = []string{"off", "requests", "full"}
)

type row struct {
	entries int
	work    string
	mode    string
	res     loadgen.Result
}

// fill creates a SQLite file with users of n logs each (the seed's 24 entries repeated, a second
// apart, each user's a millisecond after the previous user's) and returns their ids in the order
// cold runs read them.
func fill(ctx context.Context, path string, seed []store.LoginLog, n, users int) ([]string, error) {
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

// startServer starts the reference server in mode on a free port and returns its base URL.
func startServer(ctx context.Context, cfg config, bin, db, tokens, mode string) (string, func(), error) {
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--database-url", "sqlite:" + db,
		"--tokens", tokens, "--log-level", "error"}, modes[mode]...)
	cmd := pinned(ctx, cfg, bin, args...)
	cmd.Stderr = os.Stderr
	return bench.Start(cmd, listening, io.Discard)
}

// measureProxy measures warm reads of the reference server (full validation) through a proxy:
// loginlogs proxy in report mode ("loginlogs proxy"), a plain reverse proxy ("plain proxy",
// servePlainProxy) or Prism's proxy mode ("prism proxy"). The proxy runs on the load's core, as
// it would beside an application's tests, the server on its own.
func measureProxy(ctx context.Context, cfg config, bin, db, tokens, through string, ids []string) (loadgen.Result, error) {
	upstream, stopServer, err := startServer(ctx, cfg, bin, db, tokens, "full")
	if err != nil {
		return loadgen.Result{}, err
	}
	defer stopServer()
	var base string
	switch through {
	case "loginlogs proxy", "plain proxy":
		cmd := exec.CommandContext(ctx, bin, "proxy", "--upstream", upstream, "--addr", "127.0.0.1:0", "--log-level", "error")
		if through == "plain proxy" {
			self, err := os.Executable()
			if err != nil {
				return loadgen.Result{}, err
			}
			cmd = exec.CommandContext(ctx, self, plainProxyArg, upstream)
		}
		cmd.Stderr = os.Stderr
		b, stop, err := bench.Start(cmd, bench.Proxying, io.Discard)
		if err != nil {
			return loadgen.Result{}, err
		}
		defer stop()
		base = b + "/api/v1"
	case "prism proxy":
		// Prism forwards the contract's paths below the upstream URL.
		b, stop, err := startPrism(ids[0], func(port string) *exec.Cmd {
			return exec.CommandContext(ctx, cfg.prism, "proxy", "-h", "127.0.0.1", "-p", port, "api/openapi.yaml", upstream+"/api/v1")
		})
		if err != nil {
			return loadgen.Result{}, fmt.Errorf("prism proxy: %w", err)
		}
		defer stop()
		base = b
	}
	return load(ctx, cfg, "warm", ids, base)
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

// startPrism runs the Prism command of a free port, its output discarded, and waits (a minute at
// most) until a request for user's logs gets an answer at all. It returns Prism's base URL, where
// it mounts the contract's paths (not under the servers' /api/v1); stop ends it.
func startPrism(user string, command func(port string) *exec.Cmd) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	cmd := command(port)
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop = func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}
	base = "http://127.0.0.1:" + port
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(200 * time.Millisecond) {
		if res, err := http.Get(base + "/users/" + user + "/loginlogs?client_id=" + clientID); err == nil {
			res.Body.Close()
			return base, stop, nil
		}
		if time.Now().After(deadline) {
			stop()
			return "", nil, errors.New("no answer within a minute")
		}
	}
}

func measurePrism(ctx context.Context, cfg config, work string) (loadgen.Result, error) {
	base, stop, err := startPrism("x", func(port string) *exec.Cmd {
		return pinned(ctx, cfg, cfg.prism, "mock", "-h", "127.0.0.1", "-p", port, "api/openapi.yaml")
	})
	if err != nil {
		return loadgen.Result{}, fmt.Errorf("prism mock: %w", err)
	}
	defer stop()
	ids := make([]string, 200000)
	for i := range ids {
		ids[i] = fmt.Sprintf("%024x", i+1)
	}
	return load(ctx, cfg, work, ids, base)
}

// load warms the server up briefly, then measures the API at base. Cold runs read ids in order,
// each once; warm runs read the first id only.
func load(ctx context.Context, cfg config, work string, ids []string, base string) (loadgen.Result, error) {
	next := 0
	pick := func(i int) string {
		if work == "warm" {
			return ids[0]
		}
		return ids[next+i]
	}
	run := func(d time.Duration, budget int) (loadgen.Result, error) {
		return loadgen.Run(ctx, loadgen.Config{
			Concurrency: cfg.concurrency, Duration: d, MaxRequests: budget,
			Check: func(res *http.Response, _ []byte) error {
				if res.StatusCode != http.StatusOK {
					return fmt.Errorf("status %d", res.StatusCode)
				}
				return nil
			},
			Request: func(i int) (*http.Request, error) {
				req, err := http.NewRequest(http.MethodGet, base+"/users/"+pick(i)+"/loginlogs?client_id="+clientID, nil)
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

// report prints the table and the targets.
func report(w io.Writer, cfg config, rows []row, judged *contractRun) {
	find := func(n int, work, mode string) (loadgen.Result, bool) {
		i := slices.IndexFunc(rows, func(r row) bool { return r.entries == n && r.work == work && r.mode == mode })
		if i < 0 {
			return loadgen.Result{}, false
		}
		return rows[i].res, true
	}
	where := fmt.Sprintf("%d cores shared by server and load", runtime.NumCPU())
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
	// compare prints the target on the req/s of mode a over mode b's (times scale), or missing
	// when either was not measured.
	compare := func(name string, n int, work, a, b string, scale, want float64, unit, missing string) {
		resA, okA := find(n, work, a)
		resB, okB := find(n, work, b)
		if !okA || !okB || resB.RPS() == 0 {
			if missing != "" {
				fmt.Fprintf(w, "  %-44s %s\n", name, missing)
			}
			return
		}
		target(name, scale*resA.RPS()/resB.RPS(), want, unit)
	}
	compare("cold, 24 entries, full vs off", 24, "cold", "full", "off", 100, 60, "%", "not measured (see --sizes)")
	compare("cold, 1,000 entries, full vs off", 1000, "cold", "full", "off", 100, 45, "%", "not measured (see --sizes)")
	compare("warm, 24 entries, full vs off", 24, "warm", "full", "off", 100, 90, "%", "not measured (see --sizes)")
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
	if _, ok := find(24, "warm", "loginlogs proxy"); ok {
		compare("warm, 24 entries, through proxy vs direct", 24, "warm", "loginlogs proxy", "full", 100, 60, "%", "")
		compare("warm, 24 entries, proxy vs plain proxy", 24, "warm", "loginlogs proxy", "plain proxy", 100, 95, "%", "")
		compare("warm, 24 entries, proxy vs Prism proxy", 24, "warm", "loginlogs proxy", "prism proxy", 1, 10, "×", "skipped (no --prism)")
	}
	compare("cold, 24 entries, full vs Prism", 24, "cold", "full", "prism", 1, 5, "×", "skipped (no --prism)")
	compare("warm, 24 entries, full vs Prism", 24, "warm", "full", "prism", 1, 10, "×", "skipped (no --prism)")
}
