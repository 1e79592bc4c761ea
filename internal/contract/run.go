package contract

import (
	"cmp"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"syscall"
	"time"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/coding"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/validate"
	"github.com/ssojet-tools/loginlogs/internal/version"
)

// The documented request headers (D2): SSOJet's page's example values, but Accept asks for the
// contract's media type rather than the page's */*. Accept-Language is the SDK's (the same).
const (
	AcceptHeader = "application/json"
	UserAgent    = "SSOJET API"
)

// Defaults of the checker's limits.
const (
	DefaultTimeout = 10 * time.Second
	// DefaultMaxBody is the largest body read: 1 GiB. Bodies stream, so this bounds time and
	// the network, not memory.
	DefaultMaxBody = 1 << 30
)

// Config is what a live suite needs.
type Config struct {
	BaseURL       string
	Token         string
	ClientID      string
	UserID        string
	UnknownUserID string // optional: enables the unknown-user check
	// Timeout bounds each wait of a request: for its answer to begin, and for more of its body.
	Timeout time.Duration
	// MaxBody caps the bytes read of a body; a longer body is too large to check.
	MaxBody int64
	// RecordDir, when set, receives one fixture per check (secrets redacted), and a body larger
	// than InlineBody in a file of its own beside it.
	RecordDir string
	// Secrets are redacted from the report and the fixtures besides Token and the password of
	// BaseURL, which always are.
	Secrets []string
	// HTTPClient sends the requests; nil means a client that never follows redirects. A client
	// given here should not follow them either, or the redirect check cannot see them.
	HTTPClient *http.Client
	// Now is the clock for timestamps in the future; nil means time.Now.
	Now func() time.Time
	// Only, when not empty, names the checks to run; the others are skipped as "not selected".
	// Names are those of CheckNames; ValidateCheckNames says whether a list holds only those.
	Only []string
	// Skip names checks not to run: they are skipped as "not selected".
	Skip []string
	// Generate, when its N is above 0, sends requests generated from the contract after the
	// named checks (GeneratedChecks).
	Generate Generate
}

// NotSelected is the reason given for a check that Config.Only or Config.Skip leaves out.
const NotSelected = "not selected"

// selected reports whether cfg's Only and Skip let the check called name run.
func (cfg Config) selected(name string) bool {
	if len(cfg.Only) > 0 && !slices.Contains(cfg.Only, name) {
		return false
	}
	return !slices.Contains(cfg.Skip, name)
}

// NetworkError is a request that got no answer it could read: DNS, TLS, refused connection,
// timeout, headers over the transport's limit, bytes that do not read as HTTP.
type NetworkError struct {
	// Kind is "dns", "tls", "refused", "timeout", "reset" (the connection reset or closed before
	// the answer ended), "headers_too_large" (ssojet.HeadersTooLargeError), "malformed"
	// (ssojet.MalformedAnswerError), "interrupted" or "network".
	Kind string
	Err  error
	// Timeout is the per-request limit that was exceeded (for Kind "timeout").
	Timeout time.Duration
}

// kindText is how the error of each Kind but "timeout" begins.
var kindText = map[string]string{"dns": "DNS lookup failed", "tls": "TLS handshake or certificate failed",
	"refused": "connection refused", "interrupted": "interrupted"}

func (e *NetworkError) Error() string {
	switch {
	case e.Kind == "timeout":
		// The cause says no more than this (the SDK's "no answer for 1s (timeout)", "i/o timeout").
		return fmt.Sprintf("timeout: nothing received for %s (--timeout)", e.Timeout)
	case e.Reached(): // the error says what was wrong with the answer
		return "the API answered, but " + e.Err.Error()
	}
	return cmp.Or(kindText[e.Kind], "network error") + ": " + e.Err.Error()
}

// Reached reports whether the API answered, in an answer that could not be used (Kind
// "headers_too_large" or "malformed"): its address is not what to check.
func (e *NetworkError) Reached() bool { return e.Kind == "headers_too_large" || e.Kind == "malformed" }

func (e *NetworkError) Unwrap() error { return e.Err }

// ClassifyNetError names the kind of network failure err is; ctx is the caller's context (its
// cancellation means an interrupt, not a timeout).
func ClassifyNetError(ctx context.Context, err error, timeout time.Duration) *NetworkError {
	ne := &NetworkError{Kind: "network", Err: err, Timeout: timeout}
	var dns *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	var alert tls.AlertError
	var netErr net.Error
	var headers *sdk.HeadersTooLargeError
	var malformed *sdk.MalformedAnswerError
	switch {
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		ne.Kind = "interrupted"
	case errors.As(err, &headers):
		ne.Kind, ne.Err = "headers_too_large", headers // what was wrong with the answer, not the request line
	case errors.As(err, &malformed):
		ne.Kind, ne.Err = "malformed", malformed
	case errors.As(err, &dns) && !dns.IsTimeout:
		ne.Kind = "dns"
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid),
		errors.As(err, &verify), errors.As(err, &record), errors.As(err, &alert):
		ne.Kind = "tls"
	case errors.Is(err, syscall.ECONNREFUSED):
		ne.Kind = "refused"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		ne.Kind = "timeout"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		ne.Kind = "reset"
	}
	return ne
}

// Run calls the live API once per check and judges each answer. It returns an error only for a
// configuration it cannot use (a malformed base URL, a record directory or a recording in it
// it cannot create). A network failure is a result with Setup set, and skips the checks after
// it; the API refusing the documented request (Refused) skips the checks that send what it
// refused (DependsOnSetup).
func Run(ctx context.Context, v *validate.Validator, cfg Config) (Report, error) {
	red := redact.New(append(append([]string{cfg.Token, cfg.Generate.OtherToken}, redact.URLSecrets(cfg.BaseURL)...), cfg.Secrets...)...)
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	rep := Report{Target: red.String(cfg.BaseURL), Contract: Name(v), Tool: Tool(), Time: cfg.Now().UTC()}
	if err := sdk.CheckBaseURL(cfg.BaseURL); err != nil {
		return rep, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	hc := sdk.NewDoer(cfg.HTTPClient, cfg.Timeout, 0) // the cap is limitBody's: too large to check
	client, err := ssojet.NewClient(cfg.BaseURL, ssojet.WithHTTPClient(hc))
	if err != nil {
		return rep, fmt.Errorf("SDK client: %w", err)
	}
	if cfg.RecordDir != "" {
		if err := os.MkdirAll(cfg.RecordDir, 0o700); err != nil {
			return rep, fmt.Errorf("record directory: %w", err)
		}
	}
	insp, err := NewInspector(v, cfg.Now)
	if err != nil {
		return rep, err
	}
	if slices.ContainsFunc(checks, func(c Check) bool { return cfg.selected(c.Name) }) {
		if err := routesSDK(ctx, v, insp, cfg); err != nil {
			return rep, err
		}
	}
	if cfg.RecordDir != "" {
		if err := clearRecords(cfg.RecordDir); err != nil {
			return rep, err
		}
	}
	aborted, refused := "", 0
	for _, check := range checks {
		res := Result{Check: check.Name, Description: check.Description}
		c, skip := check.call(cfg)
		switch {
		case !cfg.selected(check.Name):
			res.Skipped = NotSelected
		case aborted != "":
			res.Skipped = "not run: " + aborted
		case refused != 0 && dependsOnRefusal(cfg, refused, c):
			res.Skipped = DependsOnSetup
		case skip != "":
			res.Skipped = skip
		}
		if res.Skipped != "" {
			rep.Results = append(rep.Results, res)
			continue
		}
		start := time.Now()
		err := runCheck(ctx, client, cfg, red, insp, check, c, &res)
		res.Duration = time.Since(start)
		if ne, ok := errors.AsType[*NetworkError](err); ok {
			res.Setup, res.TooLarge, res.Malformed = err.Error(), ne.Kind == "headers_too_large", ne.Kind == "malformed"
			aborted = "an earlier check had a network failure"
		} else if err != nil {
			return rep, errors.New(red.String(err.Error()))
		}
		if res.Refused {
			refused = res.Status
		}
		rep.Results = append(rep.Results, res.redacted(red))
	}
	if cfg.Generate.N > 0 {
		results, err := runGenerated(ctx, v, cfg, hc, red, insp, aborted, refused)
		rep.Results = append(rep.Results, results...)
		if err != nil {
			return rep, errors.New(red.String(err.Error()))
		}
	}
	return rep, nil
}

// documentedParams are the SDK's parameters of the documented request with clientID.
func documentedParams(clientID string) *ssojet.ListUserLoginLogsParams {
	return &ssojet.ListUserLoginLogsParams{ClientId: clientID, AcceptLanguage: new(sdk.AcceptLanguage), UserAgent: new(UserAgent)}
}

// routesSDK says why the contract of v does not route the documented request the named checks
// send (the SDK's, generated from the embedded contract, with cfg's values) to insp's operation,
// or refuses its parameters, nil if neither: kin-openapi judges an answer by the operation its
// request routes to, and an answer to a request the contract refuses is no verdict of it.
func routesSDK(ctx context.Context, v *validate.Validator, insp *Inspector, cfg Config) error {
	const user = "USERID"
	req, err := ssojet.NewListUserLoginLogsRequest("http://invalid"+validate.BasePath+"/", user, &ssojet.ListUserLoginLogsParams{})
	if err != nil {
		return fmt.Errorf("SDK request: %w", err)
	}
	rt, _, err := v.Router().Find(req)
	if err == nil && rt.Operation == insp.route.Operation {
		documented, err := ssojet.NewListUserLoginLogsRequest("http://invalid"+validate.BasePath+"/", cfg.UserID, documentedParams(cfg.ClientID))
		if err != nil {
			return fmt.Errorf("SDK request: %w", err)
		}
		_, params, _ := v.Router().Find(documented)
		if err := v.RequestParams(ctx, documented, rt, params); err != nil {
			return fmt.Errorf("the contract refuses the documented request the named checks send (the SDK's, with the configured user and client ids): %s: "+
				"fix the setting it names, or run only the generated checks (--generate N --only %s), which follow the contract's parameters",
				validate.Shorten(err.Error(), 300), CheckConformance)
		}
		return nil
	}
	got := "no operation"
	if err == nil {
		got = "operation " + cmp.Or(rt.Operation.OperationID, rt.Method+" "+rt.Path)
	}
	sent := strings.Replace(strings.TrimPrefix(req.URL.Path, validate.BasePath), user, "{userid}", 1)
	return fmt.Errorf("the contract declares %s as %s %s, but the named checks send the SDK's %s %s, which it routes to %s: "+
		"run only the generated checks (--generate N --only %s), which follow the contract's path",
		OperationID, insp.route.Method, insp.route.Path, req.Method, sent, got, CheckConformance)
}

// runCheck sends one check's request through the SDK and judges the answer (judgeAnswer).
func runCheck(ctx context.Context, client *ssojet.Client, cfg Config, red *redact.Redactor, insp *Inspector, check Check, c call, res *Result) error {
	ex := &Exchange{Check: check.Name}
	params := documentedParams(c.clientID)
	editor := func(_ context.Context, req *http.Request) error {
		req.Header.Set("Accept", AcceptHeader)
		acceptGzip(req)
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		if c.clientID == "" {
			q := req.URL.Query()
			q.Del("client_id")
			req.URL.RawQuery = q.Encode()
		}
		ex.Request = RecordedRequest{Method: req.Method, URL: req.URL.String(), Header: req.Header.Clone()}
		res.Request = ex.Request.Method + " " + ex.Request.URL
		return nil
	}
	resp, err := client.ListUserLoginLogs(ctx, c.userID, params, editor)
	if err != nil {
		return ClassifyNetError(ctx, err, cfg.Timeout)
	}
	var rec *recorder
	if cfg.RecordDir != "" {
		if rec, err = newRecorder(cfg.RecordDir, red); err != nil {
			resp.Body.Close()
			return err
		}
	}
	defer rec.abort()
	if err := judgeAnswer(ctx, cfg, insp, check, ex, resp, res, rec, nil); err != nil || rec == nil {
		return err
	}
	res.Source, err = rec.keep(ex, check.Name)
	return err
}

// acceptGzip asks for gzip where Go's transport would, but itself, so that the transport leaves
// the answer encoded for package coding, which tells a body that does not decode from a
// connection that broke (the transport's own gzip reader tells neither).
func acceptGzip(req *http.Request) {
	if req.Method != http.MethodHead && req.Header.Get("Accept-Encoding") == "" && req.Header.Get("Range") == "" {
		req.Header.Set("Accept-Encoding", "gzip")
	}
}

// judgeAnswer reads resp, the answer to ex's request, judging it for check as it is read (at
// most MaxBody bytes), into res and ex; it writes every byte of the body read to rec and seen
// (each if not nil): the judged bytes are the recorded ones. It returns a *NetworkError when no
// complete answer came.
func judgeAnswer(ctx context.Context, cfg Config, insp *Inspector, check Check, ex *Exchange, resp *http.Response, res *Result, rec *recorder, seen io.Writer) error {
	var err error
	defer resp.Body.Close()
	ex.Response.Status = resp.StatusCode
	ex.Response.Header = resp.Header.Clone()
	res.Status = resp.StatusCode
	res.ContentType = resp.Header.Get("Content-Type")

	// An answer in a content coding Go's transport did not undo is judged and recorded as it
	// decodes; one that does not decode has no verdict.
	codings, undecodable := coding.Codings(resp.Header)
	if undecodable != "" {
		res.Setup, res.Undecodable = undecodable+"; what is inside cannot be judged", true
		rec.abort() // no decoded body to record
		return nil
	}
	raw := io.Reader(resp.Body)
	if len(codings) > 0 {
		ex.Response.Header = coding.DecodedHeader(resp.Header)
		raw = coding.Decoded(resp.Body, codings)
	}
	limited := limitBody(raw, cfg.MaxBody)
	body := io.Reader(limited)
	if seen != nil {
		body = io.TeeReader(body, seen)
	}
	if rec != nil {
		body = io.TeeReader(body, rec)
	}
	var head *capped // the body of what may be a refusal of the documented request
	if check.Name == documentedRequest && refusable(resp.StatusCode) {
		head = &capped{max: refusedHead}
		body = io.TeeReader(body, head)
	}
	findings, err := insp.Inspect(ctx, check, ex, body)
	for _, f := range findings {
		res.add(f)
	}
	if head != nil && err == nil {
		// Inspect may stop early (a status a candidate contract does not document).
		if _, err := io.Copy(io.Discard, io.LimitReader(body, refusedHead)); err != nil {
			return ClassifyNetError(ctx, fmt.Errorf("read body: %w", err), cfg.Timeout)
		}
		refusal(cfg, res, head.buf, !head.more)
	}
	if (rec != nil || seen != nil) && !isReadError(err) {
		// The fixture (and seen) holds the whole answer, up to --max-body, also when judging
		// stopped before its end.
		if _, derr := io.Copy(io.Discard, body); derr != nil && (err == nil || isReadError(derr)) {
			err = derr
		}
	}
	var undecoded *coding.DecodeError
	switch {
	case err != nil && !isReadError(err):
		res.Setup, res.TooLarge = err.Error(), true
	case errors.As(err, &undecoded):
		res.Setup, res.Undecodable = undecoded.Error()+"; what is inside cannot be judged", true
	case err != nil:
		return ClassifyNetError(ctx, fmt.Errorf("read body: %w", err), cfg.Timeout)
	}
	if limited.exceeded() {
		ex.Response.Truncated, ex.Response.MaxBody = true, cfg.MaxBody
	}
	return nil
}

// isReadError reports whether err is an error of reading the body, not of judging it.
func isReadError(err error) bool {
	var big *TooLargeError
	return err != nil && !errors.As(err, &big)
}

// ReplayOptions are what Replay judges, and how.
type ReplayOptions struct {
	// Exchanges are the recorded exchanges, each judged as the check it names (or
	// RecordedCheck when it names none or one this version does not know).
	Exchanges []*Exchange
	// Sources name the fixtures in the report, one per exchange.
	Sources []string
	// Now is the clock for timestamps in the future; nil means time.Now.
	Now func() time.Time
	// MaxBody caps the bytes read of each body; 0 means DefaultMaxBody.
	MaxBody int64
	// Redactor (nil for none) redacts secrets from the report, such as a token a fixture
	// recorded by hand holds.
	Redactor *redact.Redactor
}

// Replay judges recorded exchanges as opts says.
func Replay(ctx context.Context, v *validate.Validator, opts ReplayOptions) (Report, error) {
	now, maxBody := opts.Now, opts.MaxBody
	if now == nil {
		now = time.Now
	}
	rep := Report{Target: "recorded responses", Contract: Name(v), Tool: Tool(), Time: now().UTC()}
	insp, err := NewInspector(v, now)
	if err != nil {
		return rep, err
	}
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	for i, ex := range opts.Exchanges {
		check, ok := CheckNamed(ex.Check)
		if !ok {
			check = RecordedCheck
		}
		res := Result{Check: check.Name, Description: check.Description, Status: ex.Response.Status,
			ContentType: ex.Response.Header.Get("Content-Type")}
		if i < len(opts.Sources) {
			res.Source = opts.Sources[i]
		}
		if ex.Request.URL != "" {
			res.Request = ex.Request.Method + " " + ex.Request.URL
		}
		start := time.Now()
		findings, err := replayOne(ctx, insp, check, ex, maxBody)
		res.Duration = time.Since(start)
		for _, f := range findings {
			res.add(f)
		}
		if err != nil {
			res.Setup, res.TooLarge = err.Error(), !isReadError(err)
		}
		rep.Results = append(rep.Results, res.redacted(opts.Redactor))
	}
	return rep, nil
}

// replayOne judges ex as check by the operation of its method on insp's path; an answer to a
// method the path does not declare is judged by check's status rule alone, where it has one.
func replayOne(ctx context.Context, insp *Inspector, check Check, ex *Exchange, maxBody int64) ([]Finding, error) {
	if op := insp.forMethod(ex.Request.Method); op != nil {
		insp = op
	} else if check.recorded != nil {
		return check.recorded(ex), nil // no operation of the contract describes the answer
	}
	if why := ex.Response.NotRecorded; why != "" {
		return nil, errors.New("not judged: " + why)
	}
	body, err := ex.OpenBody()
	if err != nil {
		return nil, err
	}
	defer body.Close()
	findings, err := insp.Inspect(ctx, check, ex, limitBody(body, maxBody))
	if check.recorded != nil {
		findings = append(findings, check.recorded(ex)...)
	}
	if isReadError(err) {
		err = fmt.Errorf("read recorded body: %w", err)
	}
	return findings, err
}

// Tool names the checker in reports: "loginlogs " and the build's version.
func Tool() string { return "loginlogs " + version.String() }

// Name names the contract v judges with, in reports: its title and version.
func Name(v *validate.Validator) string {
	if info := v.Doc().Info; info != nil {
		return info.Title + " " + info.Version
	}
	return "the contract"
}

// redacted returns res with every secret red knows replaced in what it quotes of the answer and
// the request: its request line, content type, setup error (then cut to redact.MaxErrorText) and
// findings.
func (res Result) redacted(red *redact.Redactor) Result {
	res.Request, res.ContentType = red.String(res.Request), red.String(res.ContentType)
	res.Setup = redact.Shorten(red.String(res.Setup), redact.MaxErrorText)
	for _, list := range [][]Finding{res.Errors, res.Warnings} {
		for i, f := range list {
			list[i].Pointer, list[i].Want, list[i].Got, list[i].Message = red.String(f.Pointer), red.String(f.Want), red.String(f.Got), red.String(f.Message)
			list[i].Pattern = red.String(f.Pattern)
		}
	}
	return res
}
