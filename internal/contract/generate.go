package contract

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"golang.org/x/time/rate"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/report"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// Generate configures the requests generated from the contract (loginlogs contract --generate).
type Generate struct {
	// N is how many requests to generate; 0 generates none.
	N int
	// Seed makes a run reproducible: the same seed sends the same requests.
	Seed uint64
	// Rate caps the requests per second, those of shrinking and retries included; 0 means
	// DefaultRate.
	Rate float64
	// Budget bounds the whole generated run; 0 means DefaultBudget. When it is spent, or the
	// context ends, the run reports what it found so far.
	Budget time.Duration
	// Methods are the methods sent; nil means GET and HEAD. A method the contract does not
	// declare on the path is sent once (unsupported-method), not fuzzed.
	Methods []string
	// MaxResponseTime, when above 0, enables max-response-time: a slower answer fails.
	MaxResponseTime time.Duration
	// OtherToken is a token of another client: negative requests send it too.
	OtherToken string
	// Progress, when not nil, is told how far the run is after each answer (shrinking and
	// retries included), on the run's goroutine.
	Progress func(Progress)
}

// Progress is how far a generated run is.
type Progress struct {
	// Generated counts the requests generated of N, Sent every request sent: the named checks'
	// excluded, those of shrinking, retries and the conditional and method checks included.
	Generated, N, Sent int
	// Failing names the checks that failed so far, in report order.
	Failing []string
}

// Defaults and bounds of a generated run.
const (
	DefaultRate   = 5
	DefaultBudget = 10 * time.Minute
	// maxRetries is how often a request answered 429, or 503 with Retry-After, is sent again.
	maxRetries = 3
	// maxRetryAfter caps the wait a Retry-After asks for.
	maxRetryAfter = time.Minute
	// maxExamples is how many distinct failing examples a check keeps (and shrinks).
	maxExamples = 10
	// maxShrinkSends bounds the requests shrinking one example sends.
	maxShrinkSends = 200
	// undeclaredBody is how much of the answer to a method the contract does not declare is
	// read (and recorded): only its status and headers are judged.
	undeclaredBody = 64 << 10
)

// The checks of generated requests; each answer is also judged by the named checks' core.
const (
	CheckConformance  = "response-conformance"
	CheckServerError  = "not-a-server-error"
	CheckNegative     = "negative-data-rejection"
	CheckPositive     = "positive-data-acceptance"
	CheckConditional  = "conditional-request"
	CheckMethod       = "unsupported-method"
	CheckResponseTime = "max-response-time"
)

// GeneratedChecks returns the checks of the requests generated with Config.Generate, in report
// order: a copy.
func GeneratedChecks() []Check { return slices.Clone(generatedChecks) }

// generatedChecks are the checks of generated requests, in report order. A fixture --record saved
// of a failing example is judged again by the contract and, where one exchange shows it, by its
// check's rule on the status (recorded).
var generatedChecks = []Check{
	{Name: CheckConformance, Description: "every answer to a generated request has a status, headers and body the contract documents"},
	{Name: CheckServerError, Description: "no generated request gets a 5xx, except a documented 503 with Retry-After",
		recorded: recordedStatus(func(status int, h http.Header) bool {
			return status < 500 || status == http.StatusServiceUnavailable && h.Get("Retry-After") != ""
		}, "no 5xx but a 503 with Retry-After")},
	{Name: CheckNegative, Description: "a request the contract forbids (one constraint broken) never gets a 2xx",
		recorded: recordedStatus(func(status int, _ http.Header) bool { return status < 200 || status > 299 }, "not 2xx")},
	{Name: CheckPositive, Description: "a valid request gets 200, or 404 for an unknown user, or 403 for another client's client_id",
		recorded: recordedStatus(func(status int, _ http.Header) bool {
			return slices.Contains([]int{http.StatusOK, http.StatusNotModified, http.StatusForbidden, http.StatusNotFound}, status)
		}, "200, 304, 403 or 404")},
	{Name: CheckConditional, Description: "two reads give the same ETag and body; If-None-Match with it gives 304 without a body, a stale tag 200"},
	{Name: CheckMethod, Description: "a method the contract does not declare gets 405 with Allow",
		recorded: recordedStatus(func(status int, h http.Header) bool {
			return status == http.StatusMethodNotAllowed && h.Get("Allow") != ""
		}, "405 with Allow")},
	{Name: CheckResponseTime, Description: "every answer comes within --max-response-time"},
}

// recordedStatus is the rule of a check on a recorded exchange whose status (and headers) ok
// must accept.
func recordedStatus(ok func(int, http.Header) bool, want string) func(*Exchange) []Finding {
	return func(ex *Exchange) []Finding {
		if ok(ex.Response.Status, ex.Response.Header) {
			return nil
		}
		return []Finding{{Severity: SeverityError, In: "status", Want: want, Got: report.StatusText(ex.Response.Status)}}
	}
}

// forMethod returns the inspector of the operation on in's path for method: a recorded HEAD is
// judged as HEAD. It returns nil when the path declares no operation of that method.
func (in *Inspector) forMethod(method string) *Inspector {
	if method == "" || strings.EqualFold(method, in.route.Method) {
		return in
	}
	for _, r := range validate.PathRoutes(in.v.Doc(), in.route.Path) {
		if strings.EqualFold(r.Method, method) {
			return &Inspector{v: in.v, route: r, now: in.now}
		}
	}
	return nil
}

// generatedNamed returns the generated check called name, or NAME.N, the name of the N-th
// failing example of NAME that --record saved.
func generatedNamed(name string) (Check, bool) {
	if base, n, ok := strings.Cut(name, "."); ok && strings.Trim(n, "0123456789") == "" && n != "" {
		name = base
	}
	for _, c := range generatedChecks {
		if c.Name == name {
			return c, true
		}
	}
	return Check{}, false
}

// genParam is a parameter of the operation, as the contract in hand declares it.
type genParam struct {
	name, in   string
	required   bool
	schema     *openapi3.Schema // nil: any string
	configured string           // the configuration's value (the user id, the client id), "" none
}

// genTarget is the operation the generated requests call.
type genTarget struct {
	base        string // the base URL, without a trailing slash
	path        string // the path template
	params      []genParam
	methods     []string              // declared methods sent
	undeclared  []string              // methods of Generate.Methods the path does not declare
	inspectors  map[string]*Inspector // by declared method
	ifNoneMatch int                   // index of the If-None-Match parameter, -1 none
	// clientUnknown says the operation has several required query parameters that may carry the
	// client id, and the contract does not say which.
	clientUnknown bool
}

// auths are the Authorizations a generated request sends, the configured token's first: the
// constraint each breaks, in words, and its header values (token and other stand for the
// configured token and another client's, --other-token).
var auths = []struct {
	kind   string
	values func(token, other string) []string
}{
	{"", func(token, _ string) []string { return []string{"Bearer " + token} }},
	{"Authorization missing", func(_, _ string) []string { return nil }},
	{"Authorization malformed", func(_, _ string) []string { return []string{"Bearer"} }},
	{"Authorization of another scheme", func(_, _ string) []string {
		return []string{"Basic " + base64.StdEncoding.EncodeToString([]byte("loginlogs:contract-check"))}
	}},
	{"Authorization duplicated", func(token, _ string) []string { return []string{"Bearer " + token, "Bearer " + token} }},
	{"a token that is not valid", func(_, _ string) []string { return []string{"Bearer " + WrongToken} }},
	{"another client's token", func(_, other string) []string { return []string{"Bearer " + other} }},
}

// genValue is one parameter's value in a request.
type genValue struct {
	set bool
	v   string
}

// genRequest is one generated request.
type genRequest struct {
	method string
	values []genValue // by genTarget.params
	auth   int        // index in auths
	// kind is "" for a valid request, else the constraint it breaks, in words.
	kind string
}

func (g genRequest) clone() genRequest {
	g.values = slices.Clone(g.values)
	return g
}

// newTarget reads insp's operation (OperationID) and its path's other operations from v's
// contract.
func newTarget(v *validate.Validator, cfg Config, insp *Inspector) *genTarget {
	get := insp.route
	t := &genTarget{base: strings.TrimRight(cfg.BaseURL, "/"), path: get.Path, inspectors: map[string]*Inspector{}, ifNoneMatch: -1}
	declared := map[string]bool{}
	for _, r := range validate.PathRoutes(v.Doc(), get.Path) {
		declared[r.Method] = true
	}
	methods := cfg.Generate.Methods
	if len(methods) == 0 {
		methods = []string{http.MethodGet, http.MethodHead}
	}
	for _, m := range methods {
		m = strings.ToUpper(m)
		if _, ok := declared[m]; ok {
			t.methods = append(t.methods, m)
			t.inspectors[m] = insp.forMethod(m)
		} else {
			t.undeclared = append(t.undeclared, m)
		}
	}
	var refs openapi3.Parameters
	if get.PathItem != nil {
		refs = append(refs, get.PathItem.Parameters...)
	}
	refs = append(refs, get.Operation.Parameters...)
	seen := map[string]int{}
	for _, ref := range refs {
		p := ref.Value
		if p == nil || (p.In == "header" && slices.Contains([]string{"accept", "content-type", "authorization"}, strings.ToLower(p.Name))) {
			continue // D2: said by the content and the security scheme
		}
		gp := genParam{name: p.Name, in: p.In, required: p.Required}
		if p.Schema != nil {
			gp.schema = p.Schema.Value
		}
		if p.In == "path" {
			gp.configured = cfg.UserID
		}
		if i, ok := seen[p.In+"\x00"+p.Name]; ok {
			t.params[i] = gp // an operation's parameter overrides its path's
			continue
		}
		seen[p.In+"\x00"+p.Name] = len(t.params)
		if p.In == "header" && strings.EqualFold(p.Name, "If-None-Match") {
			t.ifNoneMatch = len(t.params)
		}
		t.params = append(t.params, gp)
	}
	// The client id goes in the operation's only required query parameter whose schema allows
	// it (SSOJet's client_id, by whatever name the contract gives it); with several, the
	// contract does not say which, and a valid request may be another client's (clientUnknown).
	var required []int
	for i, p := range t.params {
		if p.in == "query" && p.required && p.valid(cfg.ClientID) {
			required = append(required, i)
		}
	}
	if len(required) == 1 {
		t.params[required[0]].configured = cfg.ClientID
	}
	t.clientUnknown = len(required) > 1
	return t
}

// valid reports whether the contract's schema of p allows s (kin-openapi judges).
func (p genParam) valid(s string) bool {
	return p.schema == nil || p.schema.VisitJSON(s) == nil
}

// oddPieces are what generated ids are made of: legal characters of odd shapes (needing
// percent-encoding, non-ASCII, controls, bidi).
var oddPieces = []string{"a", "Z", "7", "-", "_", ".", "~", "%", " ", "/", "?", "#", "&", "=", "+", ";", ",", "'", "\"",
	"<", ">", "\\", ":", "@", "é", "ß", "日本", "🙂", "\u202e", "\u009a", "\x00", "\x0b", "\x1a", "\x7f", "\t", "\r\n"}

// headerPieces are what generated header values are made of: what HTTP lets a field value hold.
var headerPieces = []string{"a", "Z", "7", "-", "_", ".", ",", ";", "=", "q", " ", "\"", "*", "/", "é", "日本"}

// oddValues are whole values of odd shapes.
var oddValues = []string{".", "..", "%", "%25", "a", "~"}

// wire says whether s reaches the API as it is: HTTP drops the spaces around a header's value.
func (p genParam) wire(s string) bool {
	return p.in != "header" || strings.TrimSpace(s) == s
}

// gen returns a string of n runes of oddPieces (headerPieces for a header) that reaches the API
// as it is.
func (p genParam) gen(r *rand.Rand, n int) string {
	pieces := oddPieces
	if p.in == "header" {
		pieces = headerPieces
	}
	var b strings.Builder
	for k := 0; k < n; {
		piece := pieces[r.IntN(len(pieces))]
		b.WriteString(piece)
		k += utf8.RuneCountInString(piece)
	}
	rs := []rune(b.String())[:n]
	if !p.wire(string(rs)) {
		rs[0], rs[len(rs)-1] = 'a', 'a'
	}
	return string(rs)
}

// lengths returns the length bounds of p's schema: maxLength, or min+64 when it has none.
func (p genParam) lengths() (lo, hi int) {
	if p.schema == nil {
		return 0, 64
	}
	lo, hi = int(p.schema.MinLength), int(p.schema.MinLength)+64
	if p.schema.MaxLength != nil {
		hi = int(*p.schema.MaxLength)
	}
	return lo, hi
}

// validValue returns a value p's schema allows, across its range: the shortest and the longest,
// odd whole values, lengths in between; ok is false when none was found.
func (p genParam) validValue(r *rand.Rand) (string, bool) {
	lo, hi := p.lengths()
	for range 20 {
		var s string
		switch k := r.IntN(8); {
		case k == 0 && p.in != "header":
			s = oddValues[r.IntN(len(oddValues))]
		case k == 1:
			s = p.gen(r, lo)
		case k == 2:
			s = p.gen(r, hi)
		default:
			s = p.gen(r, lo+r.IntN(min(hi-lo, 32)+1))
		}
		if p.valid(s) {
			return s, true
		}
	}
	if p.schema != nil {
		if s, ok := p.schema.Example.(string); ok && p.valid(s) {
			return s, true
		}
	}
	if p.configured != "" && p.valid(p.configured) {
		return p.configured, true
	}
	return "", false
}

// mutation breaks one constraint of a valid request.
type mutation struct {
	kind  string
	apply func(r *rand.Rand, g *genRequest) bool // false: not applicable to g
}

// mutations lists what t's negative requests break: one parameter's schema (missing, empty,
// too short, too long, not of its pattern) or the Authorization.
func (t *genTarget) mutations(cfg Config) []mutation {
	var out []mutation
	for i, p := range t.params {
		lo, hi := p.lengths()
		what := p.in + " parameter " + p.name
		if p.required && p.in != "path" {
			out = append(out, mutation{what + " missing", func(_ *rand.Rand, g *genRequest) bool {
				g.values[i] = genValue{}
				return true
			}})
		}
		set := func(kind string, gen func(r *rand.Rand) string) {
			out = append(out, mutation{kind, func(r *rand.Rand, g *genRequest) bool {
				s := gen(r)
				g.values[i] = genValue{set: true, v: s}
				return !p.valid(s)
			}})
		}
		if lo > 0 {
			set(what+" empty", func(*rand.Rand) string { return "" })
		}
		if lo > 1 {
			set(what+" shorter than minLength", func(r *rand.Rand) string { return p.gen(r, lo-1) })
		}
		if p.schema != nil && p.schema.MaxLength != nil {
			set(what+" longer than maxLength", func(r *rand.Rand) string { return p.gen(r, hi+1+r.IntN(8)) })
		}
		if p.schema != nil && p.schema.Pattern != "" {
			set(what+" not matching its pattern", func(r *rand.Rand) string { return p.gen(r, lo+r.IntN(max(hi-lo, 1))) })
		}
	}
	for a := 1; a < len(auths); a++ {
		if a == len(auths)-1 && cfg.Generate.OtherToken == "" {
			continue // another client's token
		}
		out = append(out, mutation{auths[a].kind, func(_ *rand.Rand, g *genRequest) bool {
			g.auth = a
			return true
		}})
	}
	return out
}

// documented returns the documented request: the configured values, no optional header.
func (t *genTarget) documented(method string) genRequest {
	g := genRequest{method: method, values: make([]genValue, len(t.params))}
	for i, p := range t.params {
		if p.configured != "" {
			g.values[i] = genValue{set: true, v: p.configured}
		}
	}
	return g
}

// next generates a request: half valid, half with one constraint broken.
func (t *genTarget) next(r *rand.Rand, muts []mutation) genRequest {
	g := t.documented(t.methods[r.IntN(len(t.methods))])
	for i, p := range t.params {
		switch {
		case p.configured != "" && r.IntN(3) > 0:
			// Mostly the configured value, so that valid requests reach 200.
		case p.required || r.IntN(2) == 0:
			if s, ok := p.validValue(r); ok {
				g.values[i] = genValue{set: true, v: s}
			}
		default:
			g.values[i] = genValue{}
		}
	}
	if r.IntN(2) == 0 && len(muts) > 0 {
		for range 10 {
			m := muts[r.IntN(len(muts))]
			c := g.clone()
			if m.apply(r, &c) {
				c.kind = m.kind
				return c
			}
		}
	}
	return g
}

// url renders g's URL: path parameters escaped as path segments, the query in the order the
// contract declares its parameters.
func (t *genTarget) url(g genRequest) string {
	path := t.path
	var query []string
	for i, p := range t.params {
		val := g.values[i]
		switch {
		case p.in == "path":
			path = strings.Replace(path, "{"+p.name+"}", percentEncode(val.v), 1)
		case p.in == "query" && val.set:
			query = append(query, percentEncode(p.name)+"="+percentEncode(val.v))
		}
	}
	u := t.base + path
	if len(query) > 0 {
		u += "?" + strings.Join(query, "&")
	}
	return u
}

// headers lists g's request headers, in order: Accept, the header parameters set, then the
// Authorization (token and other stand for the tokens).
func (t *genTarget) headers(g genRequest, token, other string) [][2]string {
	hs := [][2]string{{"Accept", AcceptHeader}}
	for i, p := range t.params {
		if p.in == "header" && g.values[i].set {
			hs = append(hs, [2]string{p.name, g.values[i].v})
		}
	}
	for _, v := range auths[g.auth].values(token, other) {
		hs = append(hs, [2]string{"Authorization", v})
	}
	return hs
}

// The shell variables a curl line names the tokens by.
const (
	TokenVar      = "$SSOJET_TOKEN"
	OtherTokenVar = "$SSOJET_OTHER_TOKEN"
)

// curl renders g as one curl command, the tokens as TokenVar and OtherTokenVar.
func (t *genTarget) curl(g genRequest) string {
	u := t.url(g)
	parts := []string{"curl", "-sS"}
	switch g.method {
	case http.MethodHead:
		parts = append(parts, "-I")
	case http.MethodGet:
		parts = append(parts, "-i")
	default:
		parts = append(parts, "-i", "-X", g.method)
	}
	if strings.Contains(u, "/./") || strings.Contains(u, "/../") {
		parts = append(parts, "--path-as-is") // curl would resolve them
	}
	parts = append(parts, shellQuote(u))
	for _, h := range t.headers(g, TokenVar, OtherTokenVar) {
		line := h[0] + ": " + h[1]
		if strings.Contains(h[1], "$SSOJET_") {
			parts = append(parts, "-H", `"`+line+`"`)
			continue
		}
		parts = append(parts, "-H", shellQuote(line))
	}
	return strings.Join(parts, " ")
}

// shellQuote quotes s for a POSIX shell, inert.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// percentEncode escapes s as a path segment or a query name or value: every byte but the
// unreserved ones of RFC 3986 is percent-encoded (QueryEscape's + for a space too), so that the
// request and its curl line carry the same bytes.
func percentEncode(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// answer is what the run keeps of one exchange.
type answer struct {
	status                int
	header                http.Header
	errors                []Finding // the core's
	setup                 string    // not judged: too large to check (tooLarge), or undecodable
	tooLarge, undecodable bool
	hash                  [32]byte
	size                  int64
	elapsed               time.Duration
	// rec is the recording of the answer with --record, until run.keep saves it or drop drops it;
	// ex is its exchange.
	rec *recorder
	ex  *Exchange
}

// drop drops a's recording, unless it was kept.
func (a answer) drop() { a.rec.abort() }

// genRun is one generated run.
type genRun struct {
	ctx     context.Context
	cfg     Config
	hc      *sdk.Doer
	red     *redact.Redactor
	t       *genTarget
	limiter *rate.Limiter
	tallies map[string]*genTally
	sent    int
	// generated counts the requests generated so far (Generate.N at most).
	generated int
	stopped   string // why the run stopped early
	fatal     error  // a failure of the run's own that stopped it, not the API's (Run returns it)
	setup     string // a network failure
	records   int
	// unjudged counts the generated requests whose answer the core could not judge (too large,
	// undecodable); unjudgedWhy says why the first could not, and which it was.
	unjudged      int
	unjudgedWhy   string
	firstUnjudged answer
}

// genTally is one check's account.
type genTally struct {
	judged   int
	failed   int
	examples []*genExample
	skip     string // why nothing was judged, when nothing was
}

type genExample struct {
	sig       string
	req       genRequest
	want, got string
	count     int
	source    string // where --record saved it, in words
	note      string // e.g. what a conditional failure needs repeated
}

// verdict is one check's judgement of one answer.
type verdict struct {
	check     string
	failed    bool
	want, got string
}

// runGenerated sends cfg.Generate.N requests generated from the contract and judges them; the
// named checks ran before it (aborted and refused as Run found them). The error is a failure of
// the run's own that stopped it (a recording it could not create), not the API's.
func runGenerated(ctx context.Context, v *validate.Validator, cfg Config, hc *sdk.Doer, red *redact.Redactor, insp *Inspector, aborted string, refused int) ([]Result, error) {
	gc := cfg.Generate
	skipAll := func(why string) []Result {
		out := make([]Result, len(generatedChecks))
		for i, c := range generatedChecks {
			out[i] = Result{Check: c.Name, Description: c.Description, Skipped: why}
			if !cfg.selected(c.Name) {
				out[i].Skipped = NotSelected
			}
		}
		return out
	}
	switch {
	case aborted != "":
		return skipAll("not run: " + aborted), nil
	case refused != 0:
		return skipAll(DependsOnSetup), nil
	case !slices.ContainsFunc(generatedChecks, func(c Check) bool { return cfg.selected(c.Name) }):
		return skipAll(NotSelected), nil // no request sent for nothing to judge
	}
	t := newTarget(v, cfg, insp)
	if gc.Rate <= 0 {
		gc.Rate = DefaultRate
	}
	if gc.Budget <= 0 {
		gc.Budget = DefaultBudget
	}
	bctx, cancel := context.WithTimeout(ctx, gc.Budget)
	defer cancel()
	run := &genRun{ctx: bctx, cfg: cfg, hc: hc, red: red, t: t, limiter: rate.NewLimiter(rate.Limit(gc.Rate), 1), tallies: map[string]*genTally{}}
	for _, c := range generatedChecks {
		run.tallies[c.Name] = &genTally{}
	}
	r := rand.New(rand.NewPCG(gc.Seed, gc.Seed^0x9e3779b97f4a7c15))

	if len(t.methods) == 0 {
		// Nothing to generate; unsupported-method still sends each method once.
		for name, tl := range run.tallies {
			if name != CheckMethod {
				tl.skip = "--methods names no method the contract declares on " + t.path
			}
		}
	}
	if len(t.methods) > 0 && cfg.selected(CheckConditional) {
		run.conditional()
	}
	if cfg.selected(CheckMethod) {
		for _, m := range t.undeclared {
			if run.stopped != "" {
				break
			}
			g := t.documented(m)
			if a, ok := run.exchange(g); ok {
				allow := a.header.Get("Allow")
				got := report.StatusText(a.status) + ", Allow: " + allow
				if allow == "" {
					got = report.StatusText(a.status) + ", no Allow"
				}
				run.judge(verdict{CheckMethod, a.status != http.StatusMethodNotAllowed || allow == "", "405 with Allow", got}, g, a)
				a.drop()
			}
		}
	}
	muts := t.mutations(cfg)
	// The checks that judge the generated requests' answers; without one, none is sent.
	fuzzed := slices.ContainsFunc([]string{CheckConformance, CheckServerError, CheckNegative, CheckPositive, CheckResponseTime}, cfg.selected)
	for i := 0; i < gc.N && fuzzed && len(t.methods) > 0 && run.stopped == ""; i++ {
		g := t.next(r, muts)
		run.generated++
		a, ok := run.exchange(g)
		if !ok {
			break
		}
		if a.setup != "" {
			if run.unjudged++; run.unjudgedWhy == "" {
				run.unjudgedWhy, run.firstUnjudged = a.setup+"; the first: "+t.curl(g), a
			}
		}
		for _, vd := range run.verdicts(g, a) {
			run.judge(vd, g, a)
		}
		a.drop()
	}
	return run.results(), run.fatal
}

// verdicts judges a, the answer to g, by every check that applies.
func (run *genRun) verdicts(g genRequest, a answer) []verdict {
	var out []verdict
	if a.setup == "" {
		got := "no error"
		if len(a.errors) > 0 {
			got = a.errors[0].String()
		}
		out = append(out, verdict{CheckConformance, len(a.errors) > 0, "an answer the contract documents", got})
	}
	retry := a.header.Get("Retry-After") != ""
	documented := run.t.inspectors[g.method] != nil && validate.ResponseFor(run.t.inspectors[g.method].route.Operation, a.status) != nil
	out = append(out, verdict{CheckServerError, a.status >= 500 && !(a.status == http.StatusServiceUnavailable && retry && documented),
		"no 5xx (but a documented 503 with Retry-After)", report.StatusText(a.status)})
	declined := a.status == http.StatusTooManyRequests || a.status == http.StatusServiceUnavailable
	switch {
	case declined:
		// The API did not look at the request: no verdict of acceptance or rejection.
	case g.kind != "":
		out = append(out, verdict{CheckNegative, a.status >= 200 && a.status < 300, "not 2xx (" + g.kind + ")", report.StatusText(a.status)})
	default:
		var want []string
		for _, code := range run.accepted(g) {
			want = append(want, report.StatusText(code))
		}
		out = append(out, verdict{CheckPositive, !slices.Contains(want, report.StatusText(a.status)), strings.Join(want, " or "), report.StatusText(a.status)})
	}
	if d := run.cfg.Generate.MaxResponseTime; d > 0 {
		out = append(out, verdict{CheckResponseTime, a.elapsed > d, "within " + d.String(), a.elapsed.Round(time.Millisecond).String()})
	}
	return out
}

// accepted lists the statuses a valid request g may get: 200 for the configured user and
// client, or 404 for another user; 403 for a client_id that is not the token's, or 404 when the
// user is another too (the contract does not say which the API looks at first); 403 too when
// the contract does not say which parameter is the client id (clientUnknown).
func (run *genRun) accepted(g genRequest) []int {
	user, client := true, true
	for i, p := range run.t.params {
		switch {
		case p.configured == "" || g.values[i].v == p.configured:
		case p.in == "path":
			user = false
		default:
			client = false
		}
	}
	var want []int
	switch {
	case run.t.clientUnknown && user:
		want = []int{http.StatusOK, http.StatusForbidden}
	case run.t.clientUnknown:
		want = []int{http.StatusOK, http.StatusForbidden, http.StatusNotFound}
	case !client && !user:
		want = []int{http.StatusForbidden, http.StatusNotFound}
	case !client:
		want = []int{http.StatusForbidden}
	case user:
		want = []int{http.StatusOK}
	default:
		want = []int{http.StatusOK, http.StatusNotFound}
	}
	if i := run.t.ifNoneMatch; i >= 0 && g.values[i].set && client {
		// Any tag may match the current one ("*" does).
		want = append(want, http.StatusNotModified)
	}
	return want
}

// judge counts vd of a, the answer to g; a failure of a new kind is shrunk and kept as an
// example, with the answer judged so (--record).
func (run *genRun) judge(vd verdict, g genRequest, a answer) {
	tl := run.tallies[vd.check]
	if !run.cfg.selected(vd.check) {
		return
	}
	tl.judged++
	if !vd.failed {
		return
	}
	tl.failed++
	sig := g.method + "\x00" + g.kind + "\x00" + strconv.Itoa(a.status)
	if vd.check == CheckConformance {
		sig += "\x00" + a.errors[0].In + "\x00" + report.Pattern(a.errors[0].Pointer) + "\x00" + a.errors[0].Want
	}
	for _, ex := range tl.examples {
		if ex.sig == sig {
			ex.count++
			return
		}
	}
	if len(tl.examples) >= maxExamples {
		return
	}
	ex := &genExample{sig: sig, req: g, want: vd.want, got: vd.got, count: 1}
	tl.examples = append(tl.examples, ex)
	if vd.check == CheckMethod || vd.check == CheckConditional {
		ex.source = run.keep(a, vd.check)
		return
	}
	var smallest answer
	ex.req, ex.want, ex.got, smallest = run.shrink(g, vd, a)
	ex.source = run.keep(smallest, vd.check)
	if smallest.rec != a.rec {
		smallest.drop()
	}
}

// keep saves a, with its body as it was judged, as the fixture of the next failing example of
// check (--record), and says where, or why not; "" without --record.
func (run *genRun) keep(a answer, check string) string {
	if a.rec == nil {
		return ""
	}
	run.records++
	path, err := a.rec.keep(a.ex, check+"."+strconv.Itoa(run.records))
	switch {
	case err != nil:
		return "not recorded: " + err.Error()
	case path == "":
		return ""
	}
	return "recorded in " + path
}

// shrink returns the smallest request like g (fewest optional headers, shortest and simplest
// values, of the same kind) that still fails vd's check, with that failure's want and got and
// its answer; a is g's answer.
func (run *genRun) shrink(g genRequest, vd verdict, a answer) (genRequest, string, string, answer) {
	sends, first := 0, a.rec
shrinking:
	for {
		for c := range run.candidates(g) {
			if sends >= maxShrinkSends || run.stopped != "" {
				break shrinking
			}
			sends++
			ca, ok := run.exchange(c)
			if !ok {
				break shrinking
			}
			for _, cv := range run.verdicts(c, ca) {
				if cv.check == vd.check && cv.failed {
					if a.rec != first {
						a.drop() // the answer of a larger request: not the one kept
					}
					g, vd, a = c, cv, ca
					continue shrinking // smaller candidates of the smaller request
				}
			}
			ca.drop()
		}
		break // no candidate fails any more
	}
	return g, vd.want, vd.got, a
}

// candidates yields requests smaller than g of its kind, the boldest first, each made only when
// asked for: without an optional header; with a configured value back; with a value cut short
// or made of plain letters.
func (run *genRun) candidates(g genRequest) iter.Seq[genRequest] {
	return func(yield func(genRequest) bool) {
		size := g.size()
		valid := make([]bool, len(run.t.params)) // of g's values, asked once
		for i, p := range run.t.params {
			valid[i] = p.valid(g.values[i].v)
		}
		stopped := false
		try := func(i int, val genValue) {
			p := run.t.params[i]
			old := g.values[i]
			if stopped || old == val || (!val.set && p.required) || (val.set && (p.valid(val.v) != valid[i] || !p.wire(val.v))) {
				return
			}
			c := g.clone()
			c.values[i] = val
			if c.size().less(size) {
				stopped = !yield(c)
			}
		}
		for i, p := range run.t.params {
			if p.in == "header" && g.values[i].set && valid[i] {
				try(i, genValue{})
			}
		}
		for i, p := range run.t.params {
			if p.configured != "" {
				try(i, genValue{set: true, v: p.configured})
			}
		}
		for i := range run.t.params {
			val := g.values[i]
			if !val.set {
				continue
			}
			rs := []rune(val.v)
			plain := func(at, k int) string {
				p := slices.Clone(rs)
				for j := at; j < at+k; j++ {
					p[j] = 'a'
				}
				return string(p)
			}
			// The shortest prefix first, then the value in plain letters, then without one
			// piece, then with one piece in plain letters.
			for cut := len(rs) / 2; cut >= 1 && !stopped; cut /= 2 {
				try(i, genValue{set: true, v: string(rs[:len(rs)-cut])})
			}
			try(i, genValue{set: true, v: plain(0, len(rs))})
			without := func(at, k int) string { return string(slices.Concat(rs[:at], rs[at+k:])) }
			for _, change := range []func(at, k int) string{without, plain} {
				for k := len(rs) / 2; k >= 1 && !stopped; k /= 2 {
					for at := 0; at+k <= len(rs) && !stopped; at += k {
						try(i, genValue{set: true, v: change(at, k)})
					}
				}
			}
		}
	}
}

// genSize orders requests by how small they are: fewer values set first, then fewer
// characters, then fewer characters other than a.
type genSize struct{ set, runes, odd int }

func (a genSize) less(b genSize) bool {
	return cmp.Or(cmp.Compare(a.set, b.set), cmp.Compare(a.runes, b.runes), cmp.Compare(a.odd, b.odd)) < 0
}

func (g genRequest) size() genSize {
	var z genSize
	for _, val := range g.values {
		if !val.set {
			continue
		}
		z.set++
		n := utf8.RuneCountInString(val.v)
		z.runes += n
		z.odd += n - strings.Count(val.v, "a")
	}
	return z
}

// conditional reads the documented request twice and then with If-None-Match: the ETag stays
// while the body does, its tag gives 304 without a body, a stale tag 200.
func (run *genRun) conditional() {
	tl := run.tallies[CheckConditional]
	if run.t.ifNoneMatch < 0 || !slices.Contains(run.t.methods, http.MethodGet) {
		tl.skip = "the contract declares no If-None-Match on GET, or --methods sends no GET"
		return
	}
	g := run.t.documented(http.MethodGet)
	first, ok := run.exchange(g)
	if !ok {
		return
	}
	defer first.drop()
	tag := first.header.Get("ETag")
	switch {
	case first.status != http.StatusOK:
		tl.skip = "the documented request answered " + report.StatusText(first.status) + ", not 200"
		return
	case tag == "":
		tl.skip = "the API sends no ETag"
		return
	}
	second, ok := run.exchange(g)
	defer second.drop()
	if !ok || second.status != http.StatusOK {
		return
	}
	// shown is the answer that shows a failure, the one --record keeps.
	bad, want, got, note, shown := g, "", "", "", second
	tag2 := second.header.Get("ETag")
	switch {
	case first.hash == second.hash && tag2 != tag:
		want, got, note = "the same ETag for the same body", "ETag "+tag+", then "+tag2, "send it twice"
	case first.hash != second.hash && tag2 == tag:
		want, got, note = "another ETag for another body", "ETag "+tag+" for both", "send it twice"
	default:
		bad = g.clone()
		bad.values[run.t.ifNoneMatch] = genValue{set: true, v: tag2}
		a, ok := run.exchange(bad)
		defer a.drop()
		if !ok {
			return
		}
		if shown = a; a.status != http.StatusNotModified || a.size > 0 {
			want, got = "304 without a body", report.StatusText(a.status)+", "+report.Plural(int(a.size), "byte")+" of body"
			break
		}
		bad = g.clone()
		bad.values[run.t.ifNoneMatch] = genValue{set: true, v: `"loginlogs-stale-tag"`}
		stale, ok := run.exchange(bad)
		defer stale.drop()
		if !ok {
			return
		}
		if shown = stale; stale.status != http.StatusOK {
			want, got = "200 for a stale tag", report.StatusText(stale.status)
		}
	}
	run.judge(verdict{CheckConditional, want != "", want, got}, bad, shown)
	if want != "" {
		tl.examples[len(tl.examples)-1].note = note
	}
}

// exchange sends g within the rate and the budget, again (at most maxRetries times) after the
// wait a 429 or a 503 with Retry-After asks for. ok is false when the run stopped.
func (run *genRun) exchange(g genRequest) (answer, bool) {
	for attempt := 0; ; attempt++ {
		if run.stopped != "" {
			return answer{}, false
		}
		if err := run.limiter.Wait(run.ctx); err != nil {
			if run.ctx.Err() == nil {
				run.stopped = "time budget spent" // the next request would come after its end
			}
			run.stop(err)
			return answer{}, false
		}
		a, err := run.send(g)
		run.progress()
		if err != nil {
			run.stop(err)
			if run.setup == err.Error() {
				run.setup += "; no answer to " + run.t.curl(g)
			}
			return answer{}, false
		}
		wait, again := retryAfter(a)
		if !again || attempt == maxRetries {
			return a, true
		}
		a.drop()
		select {
		case <-time.After(wait):
		case <-run.ctx.Done():
			run.stop(run.ctx.Err())
			return answer{}, false
		}
	}
}

// progress tells Generate.Progress how far the run is.
func (run *genRun) progress() {
	if run.cfg.Generate.Progress == nil {
		return
	}
	p := Progress{Generated: run.generated, N: run.cfg.Generate.N, Sent: run.sent}
	for _, c := range generatedChecks {
		if run.tallies[c.Name].failed > 0 {
			p.Failing = append(p.Failing, c.Name)
		}
	}
	run.cfg.Generate.Progress(p)
}

// retryAfter says whether a asks to be sent again (429, or 503 with Retry-After), and when.
func retryAfter(a answer) (time.Duration, bool) {
	value := a.header.Get("Retry-After")
	if a.status != http.StatusTooManyRequests && (a.status != http.StatusServiceUnavailable || value == "") {
		return 0, false
	}
	wait := time.Second
	if secs, err := strconv.Atoi(value); err == nil && secs >= 0 {
		wait = time.Duration(secs) * time.Second
	} else if at, err := http.ParseTime(value); err == nil {
		wait = time.Until(at)
	}
	return min(max(wait, 0), maxRetryAfter), true
}

// stop ends the run for err: the budget spent, an interrupt, a network failure, or a failure
// of the run's own (a recording it could not create), which is run.fatal.
func (run *genRun) stop(err error) {
	_, network := errors.AsType[*NetworkError](err)
	switch {
	case run.stopped != "":
	case errors.Is(run.ctx.Err(), context.DeadlineExceeded):
		run.stopped = "time budget spent"
	case run.ctx.Err() != nil:
		run.stopped = "interrupted"
	case !network:
		run.stopped, run.fatal = "set-up error", err
	default:
		run.stopped = "network failure"
		run.setup = err.Error()
	}
}

// send sends g once and judges the answer with the named checks' core, recording it with
// --record (answer.rec).
func (run *genRun) send(g genRequest) (answer, error) {
	req, err := http.NewRequestWithContext(run.ctx, g.method, run.t.url(g), nil)
	if err != nil {
		return answer{}, err
	}
	for _, h := range run.t.headers(g, run.cfg.Token, run.cfg.Generate.OtherToken) {
		req.Header.Add(h[0], h[1])
	}
	acceptGzip(req)
	run.sent++
	ex := &Exchange{Request: RecordedRequest{Method: req.Method, URL: req.URL.String(), Header: req.Header.Clone()}}
	start := time.Now()
	resp, err := run.hc.Do(req)
	if ue, ok := errors.AsType[*url.Error](err); ok {
		err = ue.Err // the report names the request by its curl line
	}
	if err != nil {
		return answer{}, ClassifyNetError(run.ctx, err, run.cfg.Timeout)
	}
	var rec *recorder
	if run.cfg.RecordDir != "" {
		if rec, err = newRecorder(run.cfg.RecordDir, run.red); err != nil {
			resp.Body.Close()
			return answer{}, err
		}
	}
	insp := run.t.inspectors[g.method]
	if insp == nil {
		// A method the contract does not declare: its answer is judged by its status alone, and
		// recorded up to undeclaredBody.
		defer resp.Body.Close()
		ex.Response.Status, ex.Response.Header = resp.StatusCode, resp.Header.Clone()
		body := io.Writer(io.Discard)
		if rec != nil {
			body = rec
		}
		n, err := io.Copy(body, io.LimitReader(resp.Body, undeclaredBody+1))
		if err != nil {
			rec.abort()
			return answer{}, ClassifyNetError(run.ctx, err, run.cfg.Timeout)
		}
		if n > undeclaredBody {
			ex.Response.Truncated, ex.Response.MaxBody = true, undeclaredBody
		}
		return answer{status: resp.StatusCode, header: resp.Header, size: n, elapsed: time.Since(start), rec: rec, ex: ex}, nil
	}
	h := sha256.New()
	seen := &countingWriter{w: h}
	var res Result
	if err := judgeAnswer(run.ctx, run.cfg, insp, Check{Name: CheckConformance}, ex, resp, &res, rec, seen); err != nil {
		rec.abort()
		return answer{}, err
	}
	a := answer{status: resp.StatusCode, header: resp.Header, errors: res.Errors, setup: res.Setup, size: seen.n, elapsed: time.Since(start),
		tooLarge: res.TooLarge, undecodable: res.Undecodable, rec: rec, ex: ex}
	copy(a.hash[:], h.Sum(nil))
	return a, nil
}

// results turns the tallies into one result per check, its failing examples as errors, each
// with its curl line.
func (run *genRun) results() []Result {
	gc := run.cfg.Generate
	var out []Result
	for _, c := range generatedChecks {
		res := Result{Check: c.Name, Description: c.Description}
		tl := run.tallies[c.Name]
		switch {
		case !run.cfg.selected(c.Name):
			res.Skipped = NotSelected
		case c.Name == CheckResponseTime && gc.MaxResponseTime <= 0:
			res.Skipped = "no --max-response-time given"
		case c.Name == CheckMethod && len(run.t.undeclared) == 0:
			res.Skipped = "--methods sends no method the contract leaves undeclared"
		case tl.judged == 0 && tl.skip != "":
			res.Skipped = tl.skip
		case run.setup != "":
			// A request got no answer: no pass, whatever the answers before it showed.
			res.Setup = run.setup
		case c.Name == CheckConformance && run.unjudged > 0:
			res.Setup = report.Plural(run.unjudged, "answer") + " could not be judged: " + run.unjudgedWhy
			res.TooLarge, res.Undecodable = run.firstUnjudged.tooLarge, run.firstUnjudged.undecodable
		case tl.judged == 0 && run.stopped != "":
			res.Skipped = "not run: " + run.stopped
		case tl.judged == 0:
			res.Skipped = "no generated request it judges"
		}
		if res.Skipped != "" || tl.judged == 0 {
			out = append(out, res.redacted(run.red))
			continue
		}
		res.Request = fmt.Sprintf("%s judged of %s sent, seed %d", report.Plural(tl.judged, "answer"), report.Plural(run.sent, "request"), gc.Seed)
		if run.stopped != "" {
			res.Request += " (stopped early: " + run.stopped + ")"
		}
		if tl.failed > 0 {
			res.Request += fmt.Sprintf("; rerun: loginlogs contract --generate %d --seed %d --only %s", gc.N, gc.Seed, c.Name)
		}
		for _, ex := range mergeExamples(run.t, tl.examples) {
			msg := run.t.curl(ex.req)
			if ex.note != "" {
				msg += " (" + ex.note + ")"
			}
			if ex.count > 1 {
				msg = report.Plural(ex.count, "request") + " like it; smallest: " + msg
			}
			if ex.req.kind != "" && !strings.Contains(ex.want, ex.req.kind) {
				msg = ex.req.kind + "; " + msg
			}
			if ex.source != "" {
				msg += "; " + ex.source
			}
			res.add(Finding{In: "request", Want: ex.want, Got: ex.got, Message: msg})
		}
		hidden := tl.failed
		for _, ex := range tl.examples {
			hidden -= ex.count
		}
		if hidden > 0 {
			res.Errors[len(res.Errors)-1].Message += fmt.Sprintf(" (and %s of other kinds)", report.Plural(hidden, "failing request"))
		}
		out = append(out, res.redacted(run.red))
	}
	return out
}

// mergeExamples merges the examples that shrank to the same request and failure.
func mergeExamples(t *genTarget, exs []*genExample) []*genExample {
	var out []*genExample
	seen := map[string]*genExample{}
	for _, ex := range exs {
		key := t.curl(ex.req) + "\x00" + ex.req.kind + "\x00" + ex.want + "\x00" + ex.got
		if first, ok := seen[key]; ok {
			first.count += ex.count
			continue
		}
		c := *ex
		seen[key] = &c
		out = append(out, &c)
	}
	return out
}
