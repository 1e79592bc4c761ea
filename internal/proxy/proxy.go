// Package proxy is the validating reverse proxy of `loginlogs proxy`: it forwards an
// application's requests to SSOJet (or any implementation of the contract) unchanged and judges
// both directions against the contract with kin-openapi (package validate), as the reference
// server judges its own answers.
//
//   - A request the contract forbids is a client-side violation (the application's bug); it is
//     forwarded all the same.
//   - An answer is judged while it streams back, in bounded memory at any size. In report mode
//     every answer passes unchanged and each violation is logged; in enforce mode a violating
//     answer is replaced by a 502 in SSOJet's error shape, or, when the violation is found after
//     the answer started, the connection is cut.
//   - An upstream that cannot be reached, times out or breaks the connection before answering
//     gives a 502 in SSOJet's error shape, as does one whose headers are longer than the proxy
//     reads (MaxUpstreamHeaderBytes), which the 502 names.
//   - An answer in gzip, deflate or br is judged decoded (decode.go); enforce mode serves it
//     decoded. One that cannot be judged (another encoding, or one that does not decode) is
//     refused in enforce mode and counted as unjudged in report mode.
//   - A client that goes away ends its upstream exchange within drainGrace (abandoned).
//
// Everything seen is counted for a summary (Summary) and for Prometheus (package metrics,
// served at /metrics). Given the contract's text, the proxy serves it at /openapi.yaml and the API
// reference page at /docs (package docs) as the reference server does: the contract it judges with.
// Bearer tokens pass through and are never logged or kept: what is logged or reported of an
// exchange is redacted of its token first (package redact).
package proxy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/http/httputil"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/getkin/kin-openapi/routers"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/coding"
	"github.com/ssojet-tools/loginlogs/internal/docs"
	"github.com/ssojet-tools/loginlogs/internal/errbody"
	"github.com/ssojet-tools/loginlogs/internal/metrics"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// DefaultTimeout is how long the proxy waits for the upstream's answer to begin, and then for
// each further part of its body.
const DefaultTimeout = 30 * time.Second

// maxHeld is the largest answer judged whole (held whole in enforce mode before it is sent); a
// longer one is judged as it streams, each element of its array sent once judged.
const maxHeld = 512 << 10

// Config is what New assembles.
type Config struct {
	// Upstream is the API's base URL: https://api.ssojet.com, with or without /api/v1.
	Upstream *url.URL
	// Validator holds the contract both directions are judged against.
	Validator *validate.Validator
	// Spec is the text (YAML or JSON) of Validator's contract, served at GET /openapi.yaml and
	// rendered by the API reference page at GET /docs (package docs); nil: neither, both paths
	// are forwarded like any.
	Spec []byte
	// Mode is validate.Report (passes every answer unchanged, logs its violations) or
	// validate.Enforce (the zero value: 502 instead of a violating answer, or the connection
	// cut when the violation is found after the answer started).
	Mode validate.Policy
	// Logger receives one line per violation and per upstream failure (nil: discard).
	Logger *slog.Logger
	// Metrics counts what the proxy sees (nil: a new private registry).
	Metrics *metrics.Metrics
	// Transport sends requests upstream (nil: NewTransport()), guarded by an ssojet.Doer.
	Transport http.RoundTripper
	// Timeout bounds each wait for the upstream (0: DefaultTimeout): for its answer to begin,
	// and for each further part of its body (ssojet.Doer).
	Timeout time.Duration
	// Limits bound what judging one answer holds in memory (zero fields: validate's defaults).
	Limits validate.Limits
}

// Proxy forwards requests and judges the exchanges. It is an http.Handler that answers GET and
// HEAD of /metrics, /healthz and, given Config.Spec, /openapi.yaml and the paths of the API
// reference page itself (local), with no token, and forwards every other request.
type Proxy struct {
	cfg   Config
	local map[string]http.Handler
	rp    *httputil.ReverseProxy
	rec   *recorder
	// target is the upstream: its scheme, host and path before /api/v1.
	target *url.URL
}

// MaxUpstreamHeaderBytes bounds the status line and headers of an answer the proxy's transport
// reads (http.Transport.MaxResponseHeaderBytes, whose default is 10 MiB): an upstream that sends
// more gets the client a 502 saying so.
const MaxUpstreamHeaderBytes = 1 << 20

// NewTransport returns the transport the proxy uses by default: http.DefaultTransport's
// settings, enough idle connections per host for concurrent clients, no transparent
// compression, so that answers pass with the encoding the upstream chose, a read buffer of
// the copy buffer's size, so that a small answer is read in one system call, not one per 4 KiB,
// and headers read up to MaxUpstreamHeaderBytes.
func NewTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxResponseHeaderBytes = MaxUpstreamHeaderBytes
	t.MaxIdleConnsPerHost = 256
	t.MaxIdleConns = 256
	t.DisableCompression = true
	t.ReadBufferSize = copyBufferSize
	return t
}

// New returns a proxy to cfg.Upstream.
func New(cfg Config) (*Proxy, error) {
	if cfg.Upstream == nil || (cfg.Upstream.Scheme != "http" && cfg.Upstream.Scheme != "https") || cfg.Upstream.Host == "" {
		return nil, errors.New("upstream: want an http or https URL with a host")
	}
	if cfg.Validator == nil {
		return nil, errors.New("no contract to judge against")
	}
	if cfg.Mode != validate.Report && cfg.Mode != validate.Enforce {
		return nil, fmt.Errorf("mode %s: want report or enforce", cfg.Mode)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Transport == nil {
		cfg.Transport = NewTransport()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Metrics == nil {
		cfg.Metrics = metrics.New().WithUpstream()
	}
	p := &Proxy{cfg: cfg, rec: newRecorder(), target: &url.URL{Scheme: cfg.Upstream.Scheme, Host: cfg.Upstream.Host,
		Path:    strings.TrimSuffix(strings.TrimRight(cfg.Upstream.Path, "/"), validate.BasePath),
		RawPath: strings.TrimSuffix(strings.TrimRight(cfg.Upstream.EscapedPath(), "/"), validate.BasePath),
	}}
	p.local = map[string]http.Handler{
		"/metrics": cfg.Metrics.Handler(),
		"/healthz": http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"status":"ok"}`+"\n")
		}),
	}
	if cfg.Spec != nil {
		page := docs.Handler(cfg.Spec)
		for _, path := range docs.Paths() {
			p.local[path] = page
		}
		p.local["/openapi.yaml"] = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/yaml")
			w.Write(cfg.Spec)
		})
	}
	p.rp = &httputil.ReverseProxy{
		Rewrite:        p.rewrite,
		Transport:      sdk.NewTransportDoer(cfg.Transport, cfg.Timeout, 0),
		ModifyResponse: p.modifyResponse,
		ErrorHandler:   p.upstreamFailed,
		BufferPool:     CopyBuffers{},
		ErrorLog:       slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelDebug),
	}
	return p, nil
}

// ServeHTTP answers GET and HEAD of the proxy's own paths (Proxy), and forwards every other
// request upstream.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		if h, ok := p.local[r.URL.Path]; ok {
			h.ServeHTTP(w, r)
			return
		}
	}
	p.forward(w, r)
}

type exchangeKey struct{}

// exchange is what the proxy learns of one request and its answer.
type exchange struct {
	p   *Proxy
	req *http.Request // as the client sent it
	w   http.ResponseWriter
	// ctx is the upstream exchange's: cancelled drainGrace after the client goes away.
	ctx    context.Context
	start  time.Time
	route  *routers.Route
	params map[string]string

	id        string // the request id: the upstream's X-Request-Id, the client's, or made here
	status    int    // the status sent to the client (0: none)
	upStatus  int    // the status of the upstream's answer (0: none came)
	cut       bool   // the connection was cut after the answer started
	unjudged  bool   // the answer had no verdict
	judged    bool   // the answer got a verdict: kept the contract or broke it
	abandoned bool   // the client went away before its answer ended

	// The violations found (the answer's listed up to the validator's limits, and counted).
	clientVs, upstreamVs []validate.Violation
	upstreamCount        int
	failure              string       // why the upstream did not complete the exchange, if so
	informed             atomic.Int32 // informational answers passed on

	mu  sync.Mutex
	red *redact.Redactor
}

// drainGrace is how long an upstream exchange outlives its client: long enough to read an answer
// that had already arrived, so that it still gets a verdict (a client may well close an answer
// it does not need), short enough that a client's departure ends a slow upstream promptly.
const drainGrace = 250 * time.Millisecond

func (p *Proxy) forward(w http.ResponseWriter, r *http.Request) {
	if !r.ProtoAtLeast(1, 1) {
		w = http10Writer{w}
	}
	x := &exchange{p: p, req: r, w: w, start: time.Now()}
	p.rec.begin()
	defer func() {
		if x.status != 0 {
			p.cfg.Metrics.Answered(x.status)
		}
		p.rec.add(x)
	}()
	if n := len(r.Header.Values("Authorization")); n > 1 {
		p.refuseTwoCredentials(w, x, n)
		return
	}
	p.judgeRequest(x)
	if r.Body != nil && r.Body != http.NoBody {
		r.Body = p.cfg.Metrics.RequestBody(r.Body)
	}
	// The upstream exchange ends drainGrace after the client goes away (its connection closed,
	// the server shut down), whatever the upstream still sends; the transport's Doer bounds
	// every wait.
	up, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	defer cancel()
	defer context.AfterFunc(r.Context(), func() { time.AfterFunc(drainGrace, cancel) })()
	x.ctx = httptrace.WithClientTrace(context.WithValue(up, exchangeKey{}, x), &httptrace.ClientTrace{Got1xxResponse: x.informational})
	p.rp.ServeHTTP(w, r.WithContext(x.ctx))
}

// http10Writer answers an HTTP/1.0 client, which knows no 1xx status and would take one for the
// answer: it drops the informational answers httputil passes on (RFC 9110, 15.2).
type http10Writer struct{ http.ResponseWriter }

func (w http10Writer) WriteHeader(status int) {
	if status >= 200 {
		w.ResponseWriter.WriteHeader(status)
	}
}

// Unwrap lets http.ResponseController flush and hijack the connection.
func (w http10Writer) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// max1xx is how many informational (1xx) answers pass to the client before the answer, as many
// as net/http takes when it does not pass them on.
const max1xx = 5

// errTooMany1xx stops an upstream sending more than max1xx informational answers.
var errTooMany1xx = fmt.Errorf("more than %d informational (1xx) answers", max1xx)

// informational counts an informational answer that httputil passed to the client (the
// transport calls it after httputil's own hook), and stops the exchange past max1xx.
func (x *exchange) informational(int, textproto.MIMEHeader) error {
	if x.informed.Add(1) > max1xx {
		return errTooMany1xx
	}
	return nil
}

// refuseTwoCredentials answers a request with n > 1 Authorization headers 400
// malformed_request, as the reference server does, without forwarding it: the upstream and
// the proxy might each take another of them. It counts as a client violation.
func (p *Proxy) refuseTwoCredentials(w http.ResponseWriter, x *exchange, n int) {
	x.clientVs = []validate.Violation{{In: "header", Name: "Authorization", Want: "at most one Authorization header",
		Got: fmt.Sprintf("%d Authorization headers", n), Message: "Authorization must be given at most once"}}
	x.id = requestIDOf(x.req.Header.Get(headerRequestID))
	x.status = http.StatusBadRequest
	w.Header().Set(headerRequestID, x.safeID())
	errbody.Write(w, http.StatusBadRequest, "malformed_request", 800, "Authorization must be given at most once.")
}

// judgeRequest judges the client's request: its path and method, then kin-openapi's verdict on
// its parameters.
func (p *Proxy) judgeRequest(x *exchange) {
	r, router := x.req, p.cfg.Validator.Router()
	rt, params, err := router.Find(r)
	switch {
	case errors.Is(err, routers.ErrPathNotFound):
		x.clientVs = []validate.Violation{{In: "path", Want: "a path of the contract", Got: validate.Shorten(r.URL.EscapedPath(), 80),
			Message: "no operation of the contract has this path"}}
		return
	case errors.Is(err, routers.ErrMethodNotAllowed):
		x.clientVs = []validate.Violation{{In: "request", Want: "method " + router.Allow(r), Got: validate.Shorten(r.Method, 20),
			Message: "the contract does not define this method on this path"}}
		return
	case err != nil:
		return
	}
	x.route, x.params = rt, params
	judge := p.cfg.Validator.RememberedRequest
	if !holdBody(r) {
		judge = p.cfg.Validator.RequestParams
		p.cfg.Logger.Warn("the client's request body is too large to judge; its parameters are judged", "limit", maxJudgedBody,
			"request_id", x.safeID(), "method", x.method(), "path", x.path())
	}
	if err := judge(r.Context(), r, rt, params); err != nil {
		x.clientVs = validate.Violations(err)
	}
}

// maxJudgedBody is the longest request body judged (kin-openapi holds it whole).
const maxJudgedBody = 1 << 20

// holdBody reads r's body, up to maxJudgedBody bytes, for kin-openapi to judge, and reports
// whether that is all of it. The body is forwarded whole either way.
func holdBody(r *http.Request) bool {
	switch {
	case r.Body == nil || r.Body == http.NoBody || (r.ContentLength >= 0 && r.ContentLength <= maxJudgedBody):
		return true
	case r.ContentLength > maxJudgedBody: // known too long: nothing to read ahead
		return false
	}
	head, err := io.ReadAll(io.LimitReader(r.Body, maxJudgedBody+1))
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), r.Body), r.Body}
	return err == nil && len(head) <= maxJudgedBody
}

// rewrite sends the request to the upstream (target), its path after target's. Everything else
// passes as the client sent it (httputil drops only the hop-by-hop headers).
func (p *Proxy) rewrite(pr *httputil.ProxyRequest) { pr.SetURL(p.target) }

// modifyResponse judges the upstream's answer: status and headers at once, the body as it is
// read (report) or before it is sent (enforce). An error makes upstreamFailed answer instead.
func (p *Proxy) modifyResponse(res *http.Response) error {
	x := res.Request.Context().Value(exchangeKey{}).(*exchange)
	p.cfg.Metrics.UpstreamLatency.Observe(time.Since(x.start).Seconds())
	x.id = requestIDOf(res.Header.Get(headerRequestID), x.req.Header.Get(headerRequestID))
	x.status, x.upStatus = res.StatusCode, res.StatusCode
	b := &body{r: res.Body, c: res.Body, x: x, closed: true}
	if x.route != nil {
		b.judge(validate.Exchange{Request: x.req, Route: x.route, PathParams: x.params, Status: res.StatusCode, Header: res.Header}, p.cfg.Mode == validate.Enforce)
	}
	if res.StatusCode == http.StatusSwitchingProtocols {
		return p.switchProtocols(b, res)
	}
	switch {
	case b.hold:
		if err := p.enforce(b, res); err != nil {
			return err
		}
	case len(b.codings) > 0:
		b.r = newTeeDecoding(res.Body, b) // the answer passes as the upstream encoded it; the gate sees it decoded
	}
	res.Body, b.started = b, true
	return nil
}

// switchProtocols judges a 101 Switching Protocols on its status and headers: what follows is
// another protocol. A switch the client asked for passes, bytes going both ways unchanged
// (httputil), unless enforce mode refuses it; one it did not ask for is refused.
func (p *Proxy) switchProtocols(b *body, res *http.Response) error {
	if !b.closed {
		v, _ := b.close()
		b.g.Release()
		if p.cfg.Mode == validate.Enforce && (len(v.Violations) > 0 || v.Err != nil) {
			return &violationError{v: v}
		}
	}
	if asked, to := upgradeOf(b.x.req.Header), upgradeOf(res.Header); asked == "" || !strings.EqualFold(asked, to) {
		return &unaskedSwitch{to: to}
	}
	return nil
}

// unaskedSwitch is a 101 to another protocol than the client asked for, if it asked for one.
type unaskedSwitch struct{ to string }

func (e *unaskedSwitch) Error() string {
	return "the upstream switched to a protocol the client did not ask for"
}

// upgradeOf returns the protocol h asks for or switches to: its Upgrade, when Connection names it.
func upgradeOf(h http.Header) string {
	for _, v := range h.Values("Connection") {
		for token := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(token), "upgrade") {
				return h.Get("Upgrade")
			}
		}
	}
	return ""
}

// enforce reads the answer through its gate (body) until the gate lets the first bytes through
// or judged it whole: its status and headers go out only then. An encoded answer is judged and
// served decoded (serveDecoded); one that cannot be decoded is refused like a violation. On an
// error httputil closes the upstream's body and calls upstreamFailed.
func (p *Proxy) enforce(b *body, res *http.Response) error {
	if b.g.Judgeable() {
		if len(b.codings) > 0 {
			b.r = coding.Decoded(b.r, b.codings)
			serveDecoded(res)
		}
		for len(b.out) == 0 && !b.eof && !b.replaced {
			if err := b.fill(); err != nil {
				return err
			}
		}
		if !b.replaced {
			return nil
		}
	}
	v, _ := b.close()
	return &violationError{v: v}
}

// violationError is an answer enforce mode replaces: it broke the contract, or could not be
// judged (v.Err).
type violationError struct{ v validate.Verdict }

func (e *violationError) Error() string { return "the answer breaks the contract" }

// upstreamFailed answers 502 in SSOJet's shape: for an answer enforce mode refused, naming its
// first violation, for an answer the upstream broke off, for one that could not be read (its
// headers over the transport's limit, too many informational answers before it, malformed),
// or for an upstream that gave no answer.
func (p *Proxy) upstreamFailed(w http.ResponseWriter, r *http.Request, err error) {
	x := r.Context().Value(exchangeKey{}).(*exchange)
	if x.id == "" {
		x.id = requestIDOf(x.req.Header.Get(headerRequestID))
	}
	x.id = x.safeID() // the 502 and the log show no secret sent as X-Request-Id
	var ve *violationError
	var headers *sdk.HeadersTooLargeError
	var unasked *unaskedSwitch
	var msg string
	switch {
	case errors.As(err, &ve) && len(ve.v.Violations) > 0:
		msg = "The upstream's answer broke the contract: " + validate.Shorten(x.redactor().String(ve.v.Violations[0].String()), 300)
	case ve != nil && ve.v.Err != nil:
		msg = "The upstream's answer could not be judged: " + validate.Shorten(x.redactor().String(ve.v.Err.Error()), 300)
	case ve != nil:
		msg = "The upstream's answer could not be judged"
	case errors.As(err, &unasked):
		msg = "The upstream switched protocols (101) to " + strconv.Quote(validate.Shorten(x.redactor().String(unasked.to), 80)) + ", which the client did not ask for"
	case !x.failed(err):
		x.status = 0 // nobody to answer
		return
	case x.informed.Load() > max1xx: // by the count: HTTP/2's error does not unwrap to errTooMany1xx
		msg = "The upstream sent " + errTooMany1xx.Error() + " before its answer"
	case x.status != 0: // the upstream's status and headers came (modifyResponse), then its body failed
		msg = "The upstream's answer (" + strconv.Itoa(x.status) + ") broke off before its end: " + x.failure
	case errors.As(err, &headers):
		msg = "The upstream answered, but its headers were over the proxy's limit"
		if headers.Limit > 0 {
			msg += " of " + strconv.FormatInt(headers.Limit, 10) + " bytes"
		}
	case x.failure == "malformed":
		msg = "The upstream's answer could not be read: " + x.failure
	default:
		msg = "The upstream could not be reached: " + x.failure
	}
	x.status = http.StatusBadGateway
	w.Header().Set(headerRequestID, x.id)
	errbody.Write(w, x.status, "bad_gateway", 852, msg+".")
}

const headerRequestID = "X-Request-Id"

// requestIDOf returns the first sensible id of those given (metrics.ValidRequestID), or makes
// one.
func requestIDOf(ids ...string) string {
	for _, id := range ids {
		if metrics.ValidRequestID(id) {
			return id
		}
	}
	return "proxy-" + metrics.NewRequestID()
}

// redactor returns the redactor of the exchange's secrets, those of the client's
// Authorization and Proxy-Authorization headers (redact.Credentials). It is made when first
// needed, since most exchanges log nothing.
func (x *exchange) redactor() *redact.Redactor {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.red == nil {
		x.red = redact.New(redact.Credentials(x.req.Header)...)
	}
	return x.red
}

// safeID returns the exchange's request id, redacted: an upstream or a client may send a
// secret as X-Request-Id.
func (x *exchange) safeID() string { return x.redactor().String(x.id) }

// CopyBuffers is the pool the proxy's httputil.ReverseProxy takes its 32 KiB copy buffers from,
// so that an exchange allocates none; a plain reverse proxy measured beside it can share it.
type CopyBuffers struct{}

var bufferPool = sync.Pool{New: func() any { b := make([]byte, copyBufferSize); return &b }}

const copyBufferSize = 32 << 10

func (CopyBuffers) Get() []byte  { return *bufferPool.Get().(*[]byte) }
func (CopyBuffers) Put(b []byte) { bufferPool.Put(&b) }
