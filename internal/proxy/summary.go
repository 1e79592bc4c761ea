package proxy

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/metrics"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/report"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// maxGroups bounds the distinct violations a summary lists; the rest are counted.
const maxGroups = 1000

// Summary is what the proxy saw until now.
type Summary struct {
	Upstream string `json:"upstream"`
	Contract string `json:"contract"`
	Mode     string `json:"mode"`
	// Exchanges counts the requests forwarded (those to the proxy's own paths, /metrics,
	// /healthz and /docs, aside).
	Exchanges int `json:"exchanges"`
	// Statuses counts the statuses sent to clients; "none" counts requests of clients that went
	// away before an answer.
	Statuses map[string]int `json:"statuses"`
	// Cut counts answers whose connection was cut after they started: a violation found
	// mid-stream in enforce mode, or an upstream that broke off its answer.
	Cut int `json:"cut"`
	// UpstreamErrors counts requests or answers the upstream did not complete, by reason
	// (timeout, refused, tls, dns, reset, headers_too_large, too_many_1xx, malformed, network).
	UpstreamErrors map[string]int `json:"upstream_errors"`
	// Abandoned counts exchanges whose client went away before its answer ended (those still
	// in flight when the summary is taken included): the proxy ended them upstream soon after (drainGrace).
	Abandoned int `json:"abandoned"`
	// Unjudged counts answers, not abandoned, without a verdict: too large to judge, broken
	// off, or in a content encoding the proxy does not decode.
	Unjudged int `json:"unjudged"`
	// Judged counts answers that got a verdict on the whole: they kept the contract or broke
	// it. (An answer broken off or cut keeps the violations found before, unjudged.)
	Judged int `json:"judged"`
	// UpstreamViolations and ClientViolations count violations of answers and of requests,
	// listed in Violations or not.
	UpstreamViolations int `json:"upstream_violations"`
	ClientViolations   int `json:"client_violations"`
	// Violations lists the distinct violations, most frequent first.
	Violations []Group `json:"violations"`
	// AllowEmpty says a run that judged no answer passes (--allow-empty) instead of being
	// inconclusive.
	AllowEmpty bool `json:"allow_empty"`
}

// Group is one distinct violation: its side, kind, pointer pattern (array indexes as *) and
// what the contract wants, with how often it was seen and one example.
type Group struct {
	Side    string `json:"side"` // upstream (the API's answer) or client (the application's request)
	Kind    string `json:"kind"` // status, header, body, query, path or request
	Pointer string `json:"pointer"`
	// Where names the place in words, the parameter or header by its name
	// (`query parameter client_id`, `body /login_logs/*/CreatedAt`).
	Where string `json:"where"`
	// Want is what the contract wants ("" when kin-openapi says it otherwise), Rule the same in
	// words: `want format date-time`, `is required`.
	Want  string `json:"want"`
	Rule  string `json:"rule"`
	Count int    `json:"count"`
	// Example is the first violation of the group, ExampleRequestID its exchange's request id,
	// and ExampleStatus the status of what broke the contract: the answer the client got for a
	// request's violation, the upstream's answer for an answer's (enforce sent a 502 in its place).
	Example          string `json:"example"`
	ExampleRequestID string `json:"example_request_id"`
	ExampleStatus    int    `json:"example_status,omitempty"`
}

// Failed reports whether the run fails: the upstream broke the contract, or, with clients
// true, a client did.
func (s Summary) Failed(clients bool) bool {
	return s.UpstreamViolations > 0 || (clients && s.ClientViolations > 0)
}

// Outcome returns how the run ends (report.OutcomeOf): it fails as Failed says, and is
// inconclusive when no answer got a verdict, unless AllowEmpty.
func (s Summary) Outcome(clients bool) report.Outcome {
	return report.OutcomeOf(s.Failed(clients), s.Judged, s.AllowEmpty)
}

// emptyReason says why no answer got a verdict, when none did.
func (s Summary) emptyReason() string {
	errs := 0
	for _, n := range s.UpstreamErrors {
		errs += n
	}
	switch {
	case s.Exchanges == 0:
		return "no request was forwarded"
	case errs == s.Exchanges:
		return "no answer came whole from the upstream (" + report.Plural(errs, "upstream error") + ")"
	}
	return fmt.Sprintf("no answer got a verdict (%s: %d abandoned by their client, %d without a verdict, %d upstream errors, the rest outside the contract's paths)",
		report.Plural(s.Exchanges, "exchange"), s.Abandoned, s.Unjudged, errs)
}

// sides are the two sides of an exchange, as the reports name them.
var sides = []struct{ name, broke, whose, junit string }{
	{metrics.SideUpstream, "the upstream broke the contract", "", "upstream answers keep the contract"},
	{metrics.SideClient, "clients broke the contract", " (the application's bug)", "client requests keep the contract"},
}

// side returns how many violations a side (metrics.SideUpstream or metrics.SideClient) had, and
// its groups.
func (s Summary) side(name string) (int, []Group) {
	n := s.UpstreamViolations
	if name == metrics.SideClient {
		n = s.ClientViolations
	}
	var groups []Group
	for _, g := range s.Violations {
		if g.Side == name {
			groups = append(groups, g)
		}
	}
	return n, groups
}

// line is the group in words: where, and what the contract wants.
func (g Group) line() string { return g.Where + ": " + g.Rule }

// recorder gathers the exchanges for the summary.
type recorder struct {
	mu sync.Mutex
	s  Summary
	// groups indexes s.Violations.
	groups map[groupKey]int
	// statuses counts the exchanges by status (0: none), for s.Statuses.
	statuses map[int]int
	// inflight counts the exchanges begun and not yet added; idle is closed when it is 0.
	inflight int
	idle     chan struct{}
}

type groupKey struct{ side, kind, where, rule string }

func newRecorder() *recorder {
	idle := make(chan struct{})
	close(idle)
	return &recorder{s: Summary{UpstreamErrors: map[string]int{}}, groups: map[groupKey]int{}, statuses: map[int]int{}, idle: idle}
}

// begin counts an exchange in flight, until add records it.
func (r *recorder) begin() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.inflight == 0 {
		r.idle = make(chan struct{})
	}
	r.inflight++
}

// Wait waits until no exchange is in flight, or ctx ends. Once the server the proxy runs in has
// closed its connections, every exchange ends promptly: their clients are gone.
func (p *Proxy) Wait(ctx context.Context) error {
	p.rec.mu.Lock()
	idle := p.rec.idle
	p.rec.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Summary returns what the proxy saw so far. Exchanges still in flight are counted as
// abandoned, with no status: take it once the server they run in has shut down (and Wait).
func (p *Proxy) Summary() Summary {
	p.rec.mu.Lock()
	defer p.rec.mu.Unlock()
	s := p.rec.s
	s.Exchanges += p.rec.inflight
	s.Abandoned += p.rec.inflight
	s.Upstream = p.cfg.Upstream.Redacted()
	s.Contract = contract.Name(p.cfg.Validator)
	s.Mode = p.cfg.Mode.String()
	s.Statuses = map[string]int{}
	for status, n := range p.rec.statuses {
		name := "none"
		if status != 0 {
			name = strconv.Itoa(status)
		}
		s.Statuses[name] = n
	}
	if p.rec.inflight > 0 {
		s.Statuses["none"] += p.rec.inflight
	}
	s.UpstreamErrors = maps.Clone(s.UpstreamErrors)
	s.Violations = slices.Clone(s.Violations)
	slices.SortStableFunc(s.Violations, func(a, b Group) int { return b.Count - a.Count })
	return s
}

// failed keeps why the upstream did not complete the exchange (err), and reports true; or,
// when the client went away first (which ends the upstream exchange), the exchange abandoned,
// and reports false.
func (x *exchange) failed(err error) bool {
	if x.req.Context().Err() != nil { // its connection closed, or the server shut down
		x.abandoned = true
		return false
	}
	x.failure = contract.ClassifyNetError(x.ctx, err, x.p.cfg.Timeout).Kind
	if x.informed.Load() > max1xx {
		x.failure = "too_many_1xx"
	}
	x.p.cfg.Logger.Warn("upstream failed", "reason", x.failure, "request_id", x.safeID(), "method", x.method(),
		"path", x.path(), "err", validate.Shorten(x.redactor().String(err.Error()), 300)) // net/http may quote what came
	return true
}

// path returns the request's path, redacted, for logs.
func (x *exchange) path() string { return x.redactor().String(x.req.URL.EscapedPath()) }

// method returns the request's method, redacted, for logs: a client may send any token there.
func (x *exchange) method() string { return x.redactor().String(x.req.Method) }

// add records a finished exchange: the summary, the metrics, and a log line per violation.
func (r *recorder) add(x *exchange) {
	p := x.p
	var red *redact.Redactor
	id := x.id
	if len(x.clientVs)+len(x.upstreamVs) > 0 {
		red = x.redactor()
		id = x.safeID()
	}
	// The violations are redacted where they are kept: the exchange is over.
	// A violation is shown with the status of what broke the contract: the answer sent to the
	// client for a request's, the upstream's for an answer's (enforce sends a 502 in its place).
	found := []struct {
		name   string
		vs     []validate.Violation
		msg    string
		status int
	}{{metrics.SideClient, x.clientVs, "the client's request breaks the contract", x.status}, {metrics.SideUpstream, x.upstreamVs, "the upstream's answer breaks the contract", x.upStatus}}
	for _, side := range found {
		for i, v := range side.vs {
			v.Pointer, v.Name, v.Want, v.Got, v.Message = red.String(v.Pointer), red.String(v.Name), red.String(v.Want), red.String(v.Got), red.String(v.Message)
			side.vs[i] = v
			p.cfg.Metrics.Violation(side.name, v.In, v.Pointer)
			p.cfg.Logger.Warn(side.msg, "side", side.name, "check", v.In, "pointer", v.Pointer, "violation", v.String(),
				"status", side.status, "request_id", id, "method", x.method(), "path", x.path(), "mode", p.cfg.Mode.String())
		}
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	if r.inflight--; r.inflight == 0 {
		close(r.idle)
	}
	s := &r.s
	s.Exchanges++
	r.statuses[x.status]++
	if x.cut {
		s.Cut++
	}
	if x.failure != "" {
		s.UpstreamErrors[x.failure]++
		p.cfg.Metrics.UpstreamErrors.WithLabelValues(x.failure).Inc()
	}
	switch {
	case x.abandoned:
		s.Abandoned++
		p.cfg.Metrics.Abandoned.Inc()
	case x.judged:
		s.Judged++
	case x.unjudged:
		s.Unjudged++
	}
	s.ClientViolations += len(x.clientVs)
	s.UpstreamViolations += x.upstreamCount
	for _, side := range found {
		r.group(side.name, side.vs, side.status, id)
	}
}

// group counts vs in their groups; status and id are those of their example: the status of
// what broke the contract, and the exchange's request id, redacted.
func (r *recorder) group(side string, vs []validate.Violation, status int, id string) {
	for _, v := range vs {
		pattern := v
		pattern.Pointer = report.Pattern(v.Pointer)
		rule := "want " + v.Want
		if v.Want == "" {
			rule = v.What()
		}
		k := groupKey{side, v.In, pattern.Where(), rule}
		if _, ok := r.groups[k]; !ok && len(r.groups) >= maxGroups {
			k = groupKey{side, "other", "other", "more distinct violations than a summary lists"}
		}
		if i, ok := r.groups[k]; ok {
			r.s.Violations[i].Count++
			continue
		}
		r.groups[k] = len(r.s.Violations)
		want, pointer := v.Want, pattern.Pointer
		if k.kind == "other" {
			want, pointer = "", ""
		}
		r.s.Violations = append(r.s.Violations, Group{Side: side, Kind: k.kind, Pointer: pointer, Where: k.where, Want: want, Rule: k.rule, Count: 1,
			Example: validate.Shorten(v.String(), 300), ExampleRequestID: id, ExampleStatus: status})
	}
}

// WriteText writes the summary for a person. What it quotes of the exchanges is escaped
// (redact.Printable): an answer cannot steer the terminal it is shown on.
func WriteText(w io.Writer, s Summary, failClients bool) error {
	pr := redact.Printable
	var b strings.Builder
	fmt.Fprintf(&b, "loginlogs proxy: %s to %s, judged against %s (%s mode)\n", report.Plural(s.Exchanges, "exchange"), pr(s.Upstream), pr(s.Contract), s.Mode)
	if len(s.Statuses) > 0 {
		fmt.Fprintf(&b, "  statuses: %s\n", report.Counts(s.Statuses))
	}
	if len(s.UpstreamErrors) > 0 {
		fmt.Fprintf(&b, "  upstream errors (answered 502, or cut once the answer started): %s\n", report.Counts(s.UpstreamErrors))
	}
	if s.Cut > 0 {
		fmt.Fprintf(&b, "  connections cut mid-answer: %d\n", s.Cut)
	}
	if s.Abandoned > 0 {
		fmt.Fprintf(&b, "  abandoned by their client before the answer ended (ended upstream within 250 ms): %d\n", s.Abandoned)
	}
	if s.Unjudged > 0 {
		fmt.Fprintf(&b, "  answers without a verdict (too large, broken off or not decodable): %d\n", s.Unjudged)
	}
	var broke []string // the sides that fail the run
	for _, side := range sides {
		n, groups := s.side(side.name)
		if n == 0 {
			continue
		}
		if side.name == metrics.SideUpstream || failClients {
			broke = append(broke, side.broke)
		}
		fmt.Fprintf(&b, "%s%s: %s\n", side.broke, side.whose, report.Plural(n, "violation"))
		for _, g := range groups {
			fmt.Fprintf(&b, "  %d× %s (e.g. request %s, status %d: %s)\n", g.Count, pr(g.line()),
				pr(g.ExampleRequestID), g.ExampleStatus, pr(g.Example))
		}
	}
	verdict := string(report.Pass) + ": the upstream kept the contract"
	switch {
	case s.Failed(failClients):
		verdict = string(report.Fail) + ": " + strings.Join(broke, "; ")
	case s.Judged == 0 && s.AllowEmpty:
		verdict = string(report.Pass) + " (--allow-empty): " + s.emptyReason()
	case s.Judged == 0:
		verdict = string(report.Inconclusive) + ": " + s.emptyReason() + "; nothing shows the upstream kept the contract"
	case s.ClientViolations > 0:
		verdict += " (client violations do not fail without --fail-on any)"
	}
	b.WriteString(verdict + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonSummary is the JSON report: the summary and its verdict.
type jsonSummary struct {
	Summary
	FailOn  string `json:"fail_on"`
	Outcome string `json:"outcome"`
	OK      bool   `json:"ok"`
}

// WriteJSON writes the summary as indented JSON; "outcome" is PASS, FAIL or INCONCLUSIVE
// (report.Outcome), "ok" true when the proxy exits 0.
func WriteJSON(w io.Writer, s Summary, failClients bool) error {
	if s.Violations == nil {
		s.Violations = []Group{}
	}
	failOn := "upstream"
	if failClients {
		failOn = "any"
	}
	outcome := s.Outcome(failClients)
	return report.WriteJSON(w, jsonSummary{Summary: s, FailOn: failOn, Outcome: string(outcome), OK: outcome == report.Pass})
}

// WriteJUnit writes the summary as JUnit XML: one testcase per side ("upstream answers keep the
// contract", "client requests keep the contract"), then one per distinct violation, a
// <failure> when it fails the run, else passed with the violation in <system-out>. An
// inconclusive run adds a testcase with an <error> (report.InconclusiveCase).
func WriteJUnit(w io.Writer, s Summary, failClients bool) error {
	suite := report.JUnitSuite{Name: "loginlogs proxy: " + s.Upstream, Time: "0.000"}
	add := func(c report.JUnitCase) {
		c.Time = "0.000"
		suite.Add(c)
	}
	if s.Outcome(failClients) == report.Inconclusive {
		add(report.InconclusiveCase("proxy", s.emptyReason()))
	}
	for _, side := range sides {
		n, groups := s.side(side.name)
		fails := side.name == metrics.SideUpstream || failClients
		c := report.JUnitCase{Name: side.junit, Classname: "proxy." + side.name,
			SystemOut: fmt.Sprintf("%s seen (%d answers judged, %d without a verdict, %d abandoned by their client), %s",
				report.Plural(s.Exchanges, "exchange"), s.Judged, s.Unjudged, s.Abandoned, report.Plural(n, "violation"))}
		if n > 0 && fails {
			c.Failure = &report.JUnitProblem{Message: report.Plural(n, "contract violation"), Type: "contract"}
		}
		add(c)
		for _, g := range groups {
			name := g.line()
			text := fmt.Sprintf("%d× %s\nexample: request %s, status %d: %s", g.Count, name, g.ExampleRequestID, g.ExampleStatus, g.Example)
			c := report.JUnitCase{Name: name, Classname: "proxy." + side.name}
			if fails {
				c.Failure = &report.JUnitProblem{Message: report.Plural(g.Count, "violation") + ": " + g.Example, Type: "contract", Text: text}
			} else {
				c.SystemOut = text
			}
			add(c)
		}
	}
	return report.WriteJUnit(w, suite)
}
