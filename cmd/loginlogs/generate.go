package main

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ssojet-tools/loginlogs/internal/contract"
)

// generateFlags are contract's flags of the requests generated from the contract.
type generateFlags struct {
	fs              *pflag.FlagSet
	n               *int
	seed            *uint64
	rate            *float64
	budget          *time.Duration
	methods         *[]string
	maxResponseTime *time.Duration
	otherToken      *string
	progress        *string
}

func addGenerateFlags(cmd *cobra.Command) generateFlags {
	fs := cmd.Flags()
	return generateFlags{
		fs: fs,
		n: fs.Int("generate", 0, "live: after the named checks, send `N` requests generated from the contract (valid ones across each parameter's range, "+
			"and ones breaking one constraint each), judged by the checks "+strings.Join(generatedNames(), ", ")),
		seed:   fs.Uint64("seed", 0, "with --generate: the `seed` of the generated requests; the same seed sends the same requests (default: a random seed, shown in the report)"),
		rate:   fs.Float64("rate", contract.DefaultRate, "with --generate: at most this many requests per second"),
		budget: durationFlag(fs, "budget", contract.DefaultBudget, "", "with --generate: stop generating after this long and report what was found"),
		methods: enumsFlag(cmd, "methods", []string{http.MethodGet, http.MethodHead}, "with --generate: the methods sent; a method the contract does not declare is sent once (unsupported-method)",
			http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions, http.MethodTrace),
		maxResponseTime: durationFlag(fs, "max-response-time", 0, "turns the check off", "with --generate: an answer slower than this fails max-response-time"),
		progress: enumFlag(cmd, "progress", "auto", "with --generate: how far the run is, on stderr: auto (a bar on a terminal, else a line every "+
			progressEvery.String()+"), always (the bar) or never", progressModes...),
		otherToken: fs.String("other-token", "", "with --generate: a `token` of another client, sent by negative requests; never printed (curl lines show $SSOJET_OTHER_TOKEN); prefer SSOJET_OTHER_TOKEN to the command line, which ps shows"),
	}
}

// generatedNames lists the names of the checks of generated requests.
func generatedNames() []string {
	var names []string
	for _, c := range contract.GeneratedChecks() {
		names = append(names, c.Name)
	}
	return names
}

// config returns the generated run the flags ask for; offline runs take none.
func (g generateFlags) config(offline bool) (contract.Generate, error) {
	n := *g.n
	for _, name := range []string{"seed", "rate", "budget", "methods", "max-response-time", "other-token", "progress"} {
		if g.fs.Changed(name) && n == 0 {
			return contract.Generate{}, usageError("contract: --%s needs --generate N", name)
		}
	}
	switch {
	case n < 0:
		return contract.Generate{}, usageError("contract: --generate %d: want 0 or more", n)
	case n > 0 && offline:
		return contract.Generate{}, usageError("contract: --generate sends requests: it does not go with --response or --replay")
	case !(*g.rate > 0 && *g.rate <= 1e6): // NaN too, which would be no limit at all
		return contract.Generate{}, usageError("contract: --rate %g: want more than 0 requests per second, at most 1e6", *g.rate)
	}
	seed := *g.seed
	if !g.fs.Changed("seed") {
		seed = rand.Uint64() % 1_000_000 // short enough to type again
	}
	var methods []string
	for _, m := range *g.methods {
		m = strings.ToUpper(strings.TrimSpace(m))
		if m == "" || strings.ContainsFunc(m, func(r rune) bool { return r < 'A' || r > 'Z' }) {
			return contract.Generate{}, usageError("contract: --methods %q: want HTTP methods such as GET,HEAD,POST", m)
		}
		if !slices.Contains(methods, m) {
			methods = append(methods, m)
		}
	}
	return contract.Generate{N: n, Seed: seed, Rate: *g.rate, Budget: *g.budget, Methods: methods,
		MaxResponseTime: *g.maxResponseTime, OtherToken: *g.otherToken}, nil
}

// progressEvery is how often a generated run prints a progress line on a stderr that is no
// terminal (a CI log): often enough for whoever watches, and for CI services that end a job
// silent for 10 minutes; seldom enough that the default --budget prints at most 40 lines.
var progressEvery = 15 * time.Second

// showGenerated shows the progress of the generated run gen on stderr as --progress says (its
// Progress is set): a bar of the requests generated on a terminal, else a line every
// progressEvery. stop ends it when the run is over, before the report is written; a second call
// does nothing.
func (g generateFlags) showGenerated(e env, gen *contract.Generate) (stop func(), err error) {
	bar, err := showProgress(e, "contract", *g.progress)
	switch {
	case err != nil:
		return nil, err
	case gen.N == 0 || *g.progress == "never":
		return func() {}, nil
	case bar:
		const what = "contract --generate"
		pb := progressbar.NewOptions(gen.N, barOptions(e.stderr, what,
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("req"),
		)...)
		failing := 0
		gen.Progress = func(p contract.Progress) {
			if len(p.Failing) != failing {
				failing = len(p.Failing)
				pb.Describe(what + " (failing: " + strings.Join(p.Failing, ", ") + ")")
			}
			pb.Set(p.Generated)
		}
		return sync.OnceFunc(func() { pb.Clear(); pb.Exit() }), nil
	}
	var mu sync.Mutex
	var last *contract.Progress
	gen.Progress = func(p contract.Progress) {
		mu.Lock()
		defer mu.Unlock()
		last = &p
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	start := time.Now()
	go func() {
		defer close(stopped)
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			mu.Lock()
			p := last
			mu.Unlock()
			if p != nil {
				fmt.Fprintln(e.stderr, progressLine(*p, time.Since(start)))
			}
		}
	}()
	return sync.OnceFunc(func() { close(done); <-stopped }), nil
}

// progressLine is one line of a generated run's progress, after elapsed.
func progressLine(p contract.Progress, elapsed time.Duration) string {
	failing := "no check failing so far"
	if len(p.Failing) > 0 {
		failing = "failing so far: " + strings.Join(p.Failing, ", ")
	}
	return fmt.Sprintf("loginlogs: contract --generate: %d of %d requests generated, %d sent, %s; %s",
		p.Generated, p.N, p.Sent, elapsed.Round(time.Second), failing)
}
