// Package ssojet is a client of SSOJet's user login-logs endpoint,
// GET /api/v1/users/{userid}/loginlogs?client_id=…, built on the generated client of the
// project's contract (gen/ssojet):
//
//	c, err := ssojet.New("https://api.ssojet.com/api/v1", token)
//	if err != nil {
//		return err
//	}
//	logs, err := c.LoginLogs(ctx, clientID, userID)
//
// Every request carries the bearer token, Accept: application/json, Accept-Language and
// User-Agent (the three headers SSOJet's page marks required). An answer SSOJet refuses comes
// back as an *APIError, whichever JSON types its fields have, or whatever page a proxy answered
// instead. 429 and 503 are retried, honouring Retry-After, a bounded number of times
// (WithRetries, WithoutRetries). All streams a user's logs entry by entry in bounded memory, and
// LoginLogsIfChanged fetches them only when their ETag changed.
//
// The package depends on the generated client, github.com/oapi-codegen/runtime and the standard
// library only.
package ssojet

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"mime"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	gen "github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/logstream"
	"github.com/ssojet-tools/loginlogs/internal/redact"
)

// LoginLog is one sign-in of a user: the generated model of the contract.
type LoginLog = gen.LoginLog

// The defaults of New.
const (
	// DefaultBaseURL is SSOJet's API.
	DefaultBaseURL = "https://api.ssojet.com/api/v1"
	// DefaultTimeout is the longest wait for an answer to begin, and for each further read of
	// its body.
	DefaultTimeout = 30 * time.Second
	// DefaultRetries is how many times a 429 or 503 is retried (three tries in all).
	DefaultRetries = 2
	// DefaultMaxRetryWait is the longest Retry-After waited for; a longer one is not retried.
	DefaultMaxRetryWait = 30 * time.Second
	// DefaultMaxBody is the longest answer read, in bytes.
	DefaultMaxBody = 1 << 30
	// DefaultUserAgent is the User-Agent sent unless WithUserAgent says otherwise.
	DefaultUserAgent = "loginlogs-go-sdk"
	// AcceptLanguage is the Accept-Language sent: the example of SSOJet's page.
	AcceptLanguage = "en-US,en;q=0.9"
)

// ErrMalformed is wrapped by the error of an answer that is not login logs: not JSON, cut
// short, nested deeper than 64 levels, without exactly one login_logs array, an entry that
// does not decode into a LoginLog or lacks a member the contract requires (or holds null
// there), or a 200 whose Content-Type is not JSON.
var ErrMalformed = logstream.ErrMalformed

// ErrTooLarge is wrapped by the error of an answer longer than WithMaxBody, or with an entry
// over 1 MiB, or over 1 MiB besides its entries.
var ErrTooLarge = logstream.ErrTooLarge

// ErrBodyLimit is the error of a read past WithMaxBody; it wraps ErrTooLarge.
var ErrBodyLimit = fmt.Errorf("%w: the answer is longer than its limit (WithMaxBody)", ErrTooLarge)

// Client calls the login-logs endpoint. It is safe for concurrent use.
type Client struct {
	api       *gen.Client
	base      string // the base URL, its secrets redacted
	token     string
	red       *redact.Redactor
	hc        *http.Client
	timeout   time.Duration
	userAgent string
	retries   int
	maxWait   time.Duration
	maxBody   int64
	// now is the time a Retry-After date and the context's deadline are read against, and wait
	// waits before a retry, or until ctx is done (its error then): the clock, which tests set.
	now  func() time.Time
	wait func(ctx context.Context, d time.Duration) error
}

// Option changes a setting of New.
type Option func(*Client)

// WithHTTPClient sends the requests through hc instead of a client of New's own. hc's redirect
// policy and Timeout apply as well as the Client's.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithTimeout sets the longest wait for an answer to begin, and for each further read of its
// body, so that a big user streams as long as data keeps coming (DefaultTimeout; 0: no limit
// but the context's).
func WithTimeout(d time.Duration) Option { return func(c *Client) { c.timeout = max(0, d) } }

// WithUserAgent sets the User-Agent header (DefaultUserAgent).
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// WithRetries sets how many times an answer 429 or 503 is retried (DefaultRetries).
func WithRetries(n int) Option { return func(c *Client) { c.retries = max(0, n) } }

// WithoutRetries turns retries off: a 429 or 503 comes back at once as an *APIError.
func WithoutRetries() Option { return WithRetries(0) }

// WithMaxRetryWait sets the longest Retry-After waited for (DefaultMaxRetryWait): an answer
// asking for a longer wait comes back at once as an *APIError with its RetryAfter. A wait that
// would end at or after the context's deadline is not begun either: the error is then both the
// *APIError and context.DeadlineExceeded (errors.As, errors.Is).
func WithMaxRetryWait(d time.Duration) Option { return func(c *Client) { c.maxWait = max(0, d) } }

// WithMaxBody sets the longest answer read, in bytes (DefaultMaxBody); a longer one fails with
// ErrTooLarge.
func WithMaxBody(n int64) Option { return func(c *Client) { c.maxBody = n } }

// CheckBaseURL returns a *BaseURLError unless baseURL is an absolute http or https URL without a
// query, a fragment or white space: the generated client appends the path to the base URL as a
// string, so after a query or a fragment it would name another path, and a space (a copied
// value's trailing one) would be sent as %20.
func CheckBaseURL(baseURL string) error {
	if u, err := url.Parse(baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(baseURL, "?#") ||
		strings.ContainsFunc(baseURL, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return &BaseURLError{URL: redact.Printable(redact.New(redact.URLSecrets(baseURL)...).String(baseURL))}
	}
	return nil
}

// BaseURLError is CheckBaseURL's refusal of a base URL.
type BaseURLError struct {
	// URL is the base URL refused, its password redacted and control characters escaped.
	URL string
}

// Want says what a base URL must be.
func (e *BaseURLError) Want() string {
	return "want an absolute http or https URL without a query, a fragment or white space, such as " + DefaultBaseURL
}

func (e *BaseURLError) Error() string { return fmt.Sprintf("base URL %q: %s", e.URL, e.Want()) }

// New returns a Client of the API at baseURL (DefaultBaseURL when empty), for example
// "https://api.ssojet.com/api/v1", sending token as a bearer token. Redirects are not followed
// unless WithHTTPClient says so: the contract documents none, and following one would send the
// request somewhere the caller did not name.
func New(baseURL, token string, opts ...Option) (*Client, error) {
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	if err := CheckBaseURL(baseURL); err != nil {
		return nil, fmt.Errorf("ssojet: %w", err)
	}
	if token == "" {
		return nil, errors.New("ssojet: the token is empty")
	}
	if strings.ContainsFunc(token, func(r rune) bool { return r <= ' ' || r >= 0x7f }) {
		return nil, errors.New("ssojet: the token holds a space, a control character or a character that is not ASCII")
	}
	c := &Client{token: token, red: redact.New(token), timeout: DefaultTimeout, userAgent: DefaultUserAgent,
		retries: DefaultRetries, maxWait: DefaultMaxRetryWait, maxBody: DefaultMaxBody, now: time.Now, wait: sleep}
	for _, opt := range opts {
		opt(c)
	}
	if c.maxBody <= 0 {
		c.maxBody = DefaultMaxBody
	}
	api, err := gen.NewClient(baseURL, gen.WithHTTPClient(NewDoer(c.hc, c.timeout, c.maxBody)), gen.WithRequestEditorFn(
		func(_ context.Context, req *http.Request) error {
			req.Header.Set("Authorization", "Bearer "+c.token)
			req.Header.Set("Accept", "application/json")
			return nil
		}))
	if err != nil {
		return nil, fmt.Errorf("ssojet: %w", err)
	}
	c.api = api
	c.base = redact.New(redact.URLSecrets(baseURL)...).String(baseURL)
	return c, nil
}

// String names the Client by its base URL, its secrets redacted: fmt's %v and %s print this,
// never the token.
func (c *Client) String() string { return "ssojet.Client(" + redact.Printable(c.base) + ")" }

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// LoginLogs returns every login log of the user userID of the client application clientID,
// oldest first (empty, not nil, for a user who never signed in). A refusal is an *APIError; an
// answer that is not login logs wraps ErrMalformed or ErrTooLarge. Nothing is returned of an
// answer that breaks part way: use All to act on the entries before the break.
func (c *Client) LoginLogs(ctx context.Context, clientID, userID string) ([]LoginLog, error) {
	snap, err := c.LoginLogsIfChanged(ctx, clientID, userID, "")
	return snap.Logs, err
}

// Snapshot is what LoginLogsIfChanged returns: the user's logs and the ETag to send next time.
type Snapshot struct {
	// Logs are the user's logs, oldest first; nil when Changed is false.
	Logs []LoginLog
	// ETag is the entity tag of Logs (or of the logs the caller holds, when Changed is false);
	// empty when the server sends none.
	ETag string
	// Changed is false when the server answered 304 Not Modified: the logs are still those of
	// the ETag passed in.
	Changed bool
}

// LoginLogsIfChanged is LoginLogs sending etag as If-None-Match: when the user's logs still have
// that entity tag the server answers 304 without a body and Changed is false. An empty etag
// fetches unconditionally.
func (c *Client) LoginLogsIfChanged(ctx context.Context, clientID, userID, etag string) (Snapshot, error) {
	resp, err := c.send(ctx, clientID, userID, etag)
	if err != nil {
		return Snapshot{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return Snapshot{ETag: cmp.Or(resp.Header.Get("ETag"), etag)}, nil
	}
	logs := []LoginLog{}
	for log, err := range c.entries(ctx, resp, userID) {
		if err != nil {
			return Snapshot{}, err
		}
		logs = append(logs, log)
	}
	return Snapshot{Logs: logs, ETag: resp.Header.Get("ETag"), Changed: true}, nil
}

// All returns the user's login logs one by one, oldest first, as they arrive: memory stays
// bounded by one entry (at most 1 MiB) whatever the number of logs. An error is yielded once,
// with a zero LoginLog, and ends the sequence; entries before it were yielded already. A refusal
// is an *APIError (429 and 503 are retried before anything is yielded). Breaking out of the loop
// closes the connection; once ctx is cancelled, the next thing yielded is its cause.
func (c *Client) All(ctx context.Context, clientID, userID string) iter.Seq2[LoginLog, error] {
	return func(yield func(LoginLog, error) bool) {
		resp, err := c.send(ctx, clientID, userID, "")
		if err != nil {
			yield(LoginLog{}, err)
			return
		}
		defer resp.Body.Close()
		for log, err := range c.entries(ctx, resp, userID) {
			if !yield(log, err) || err != nil {
				return
			}
		}
	}
}

// Open sends the request for the logs of userID as LoginLogs does (retries included) and
// returns a 200 unread, for a caller that prints or judges the bytes as they came. Its body is
// guarded as All's is: the timeout restarts at each read, and a read past WithMaxBody fails
// with ErrBodyLimit. Close the body. Any other status is an *APIError.
func (c *Client) Open(ctx context.Context, clientID, userID string) (*http.Response, error) {
	return c.send(ctx, clientID, userID, "")
}

// entries decodes the body of a 200 as it arrives; its Content-Type must be JSON
// (application/json or a +json type). Once ctx is done it yields ctx's cause, not the entries
// read before.
func (c *Client) entries(ctx context.Context, resp *http.Response, userID string) iter.Seq2[LoginLog, error] {
	return func(yield func(LoginLog, error) bool) {
		ct := resp.Header.Get("Content-Type")
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" && !strings.HasSuffix(mt, "+json") {
			head, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
			yield(LoginLog{}, c.inert(fmt.Errorf("ssojet: %s with Content-Type %q: %w: %s",
				statusText(resp.StatusCode), ct, ErrMalformed, excerpt(c.red.Bytes(head)))))
			return
		}
		for log, err := range logstream.Entries(resp.Body) {
			if ctx.Err() != nil { // the cause, not how the connection was torn down
				log, err = LoginLog{}, context.Cause(ctx)
			}
			if err != nil {
				err = c.inert(fmt.Errorf("ssojet: read the login logs of user %s: %w", userID, malformed(err)))
			}
			if !yield(log, err) || err != nil {
				return
			}
		}
	}
}

// malformed makes an error of reading the entries wrap ErrMalformed when it says the answer is no
// login logs, as ErrMalformed's doc promises: an entry decodeEntry refuses, or a body cut short
// of its Content-Length or last chunk. The other errors (a limit, the timeout, the network) stay
// as they are.
func malformed(err error) error {
	var e *logstream.Error
	if errors.Is(err, ErrMalformed) || errors.Is(err, ErrTooLarge) ||
		!errors.Is(err, io.ErrUnexpectedEOF) && !(errors.As(err, &e) && e.Index >= 0) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// send makes the request, retrying 429 and 503 as the Client is set to, and returns a 200, or a
// 304 when etag is not empty, its body guarded by the Client's Doer. Any other status is an
// *APIError.
func (c *Client) send(ctx context.Context, clientID, userID, etag string) (*http.Response, error) {
	if userID == "" || userID == "." || userID == ".." {
		// The URL would resolve the segment away: the request, with the token, would go to
		// another path than /users/{userid}/loginlogs.
		return nil, c.inert(fmt.Errorf("ssojet: user id %q is no path segment (the request would go to another path)", userID))
	}
	lang, ua := AcceptLanguage, c.userAgent
	params := &gen.ListUserLoginLogsParams{ClientId: clientID, AcceptLanguage: &lang, UserAgent: &ua}
	if etag != "" {
		params.IfNoneMatch = &etag
	}
	for attempt := 0; ; attempt++ {
		resp, err := c.api.ListUserLoginLogs(ctx, userID, params)
		if err != nil {
			return nil, c.inert(fmt.Errorf("ssojet: %w", err))
		}
		status := resp.StatusCode
		if status == http.StatusOK || status == http.StatusNotModified && etag != "" {
			return resp, nil
		}
		head, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody)) // what arrived is enough to say
		resp.Body.Close()
		now := c.now()
		apiErr := parseAPIError(resp, head, c.red, now)
		if status != http.StatusTooManyRequests && status != http.StatusServiceUnavailable || attempt >= c.retries {
			return nil, apiErr
		}
		// Retry-After, or without one (or with one that does not parse) 1 s, 2 s, 4 s… by attempt.
		wait, asked := retryAfter(resp.Header, now)
		if !asked {
			wait = time.Second << min(attempt, 20)
		}
		if wait > c.maxWait {
			return nil, apiErr
		}
		if deadline, ok := ctx.Deadline(); ok && !now.Add(wait).Before(deadline) {
			why := "the API asked to wait " + wait.String()
			if !asked {
				why = "the next try is due in " + wait.String() + " (no Retry-After)"
			}
			return nil, fmt.Errorf("%w; %s to retry, longer than the context's deadline allows (%s left): %w",
				apiErr, why, max(0, deadline.Sub(now)).Round(time.Millisecond), context.DeadlineExceeded)
		}
		if err := c.wait(ctx, wait); err != nil {
			return nil, fmt.Errorf("%w; stopped waiting %s to retry: %w", apiErr, wait, err)
		}
	}
}

// sleep waits d, or until ctx is done, returning its cause then.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-timer.C:
		return nil
	}
}

// retryAfter parses Retry-After (RFC 9110: delay-seconds or an HTTP date).
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if strings.Trim(v, "0123456789") == "" {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > 1<<32 {
			secs = 1 << 32 // digits beyond int64: a wait no cap allows
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}

// timeoutError is the cause of a request stopped by the Client's timeout.
type timeoutError struct{ d time.Duration }

func (e *timeoutError) Error() string { return fmt.Sprintf("no answer for %s (timeout)", e.d) }

// Is makes errors.Is(err, context.DeadlineExceeded) true.
func (e *timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// Timeout reports true, as a net.Error's timeout does.
func (e *timeoutError) Timeout() bool { return true }

// Doer sends requests and hands back each answer as it came: status, headers, and the body
// unread, guarded. The wait for the answer to begin and each wait for more of its body are
// bounded by the timeout (0: no bound but the request's context), so a big answer streams as
// long as data keeps coming; a read past maxBody bytes (0: no cap) fails with ErrBodyLimit.
// The Client sends through one; a program that judges the bytes itself (the contract checker,
// the get verb) sends through one directly or as the generated client's HttpRequestDoer, and a
// reverse proxy as its transport (NewTransportDoer).
type Doer struct {
	send    func(*http.Request) (*http.Response, error)
	timeout time.Duration
	maxBody int64
	// headerLimit is the transport's limit on an answer's headers (0: not known).
	headerLimit int64
}

// NewDoer returns a Doer sending through hc; nil means a client that follows no redirect (the
// contract documents none, and following one would send the request somewhere the caller did
// not name).
func NewDoer(hc *http.Client, timeout time.Duration, maxBody int64) *Doer {
	if hc == nil {
		hc = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	return newDoer(hc.Do, cmp.Or(hc.Transport, http.DefaultTransport), timeout, maxBody)
}

// NewTransportDoer returns a Doer sending through rt itself, with no http.Client around it: a
// reverse proxy's transport, which hands on every answer as the upstream sent it (a redirect
// whose Location does not parse included).
func NewTransportDoer(rt http.RoundTripper, timeout time.Duration, maxBody int64) *Doer {
	return newDoer(rt.RoundTrip, rt, timeout, maxBody)
}

func newDoer(send func(*http.Request) (*http.Response, error), rt http.RoundTripper, timeout time.Duration, maxBody int64) *Doer {
	if maxBody <= 0 {
		maxBody = math.MaxInt64 - 1
	}
	d := &Doer{send: send, timeout: max(0, timeout), maxBody: maxBody}
	if t, ok := rt.(*http.Transport); ok {
		d.headerLimit = cmp.Or(t.MaxResponseHeaderBytes, defaultHeaderLimit)
	}
	return d
}

// defaultHeaderLimit is http.Transport's limit on an answer's headers when its
// MaxResponseHeaderBytes is 0.
const defaultHeaderLimit = 10 << 20

// HeadersTooLargeError is the error of an answer whose status line and headers are longer than
// the transport reads (http.Transport.MaxResponseHeaderBytes): the server was reached and
// answered, and nothing of its answer was read. It matches ErrTooLarge.
type HeadersTooLargeError struct {
	// Limit is the transport's limit in bytes; 0 when the transport is not an *http.Transport.
	Limit int64
	// Err is net/http's error.
	Err error
}

func (e *HeadersTooLargeError) Error() string {
	if e.Limit > 0 {
		return fmt.Sprintf("the answer's headers are over the limit of %d bytes (MaxResponseHeaderBytes)", e.Limit)
	}
	return "the answer's headers are over the transport's limit: " + e.Err.Error()
}

func (e *HeadersTooLargeError) Unwrap() []error { return []error{ErrTooLarge, e.Err} }

// answerWatch learns whether a server sent a byte of an answer, in one allocation with its trace.
type answerWatch struct {
	answered atomic.Bool
	trace    httptrace.ClientTrace
}

// unreadable reports whether err, from bytes the server sent, is net/http's failure to read
// them as HTTP (a malformed status line, header, length or chunk), which no exported error
// says: not the network's failure (a net.Error; *url.Error, one itself, is looked through), not
// the connection's end (EOF), not an HTTP/2 stream the server reset (TestMalformedAnswer holds
// net/http to its text).
func unreadable(err error) bool {
	var netErr net.Error
	if ue, ok := err.(*url.Error); ok {
		err = ue.Err
	}
	return !errors.As(err, &netErr) && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) &&
		!strings.HasPrefix(err.Error(), "stream error: ")
}

// MalformedAnswerError is the error of a server that answered in bytes that do not read as an
// HTTP answer (a malformed status line, header, Content-Length or chunk): it was reached, and
// what it sent could not be used. It matches ErrMalformed. Its text quotes what net/http quotes of
// the answer, unbounded; the Client's errors bound it.
type MalformedAnswerError struct {
	// Err is net/http's error.
	Err error
}

func (e *MalformedAnswerError) Error() string {
	return "the answer does not read as HTTP: " + e.Err.Error()
}

func (e *MalformedAnswerError) Unwrap() []error { return []error{ErrMalformed, e.Err} }

// headersTooLarge reports whether err is net/http's refusal of headers over its limit, which no
// exported error says: HTTP/1's message, and HTTP/2's for a final answer and for 1xx ones.
// TestHeadersOverTheLimit holds net/http to these texts.
func headersTooLarge(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "net/http: server response headers exceeded ") ||
		strings.Contains(msg, "http2: response header list larger than advertised limit") ||
		strings.HasSuffix(msg, "header list too large")
}

// RoundTrip is Do: a Doer is an http.RoundTripper.
func (d *Doer) RoundTrip(req *http.Request) (*http.Response, error) { return d.Do(req) }

// Do sends req. When the timeout ends a wait, the error is the timeout's (it matches
// context.DeadlineExceeded and says "timeout"), not the context's cancellation. Close the body.
// A 101 Switching Protocols to a request that asked for one (Upgrade) comes back as the
// transport gave it, its body the connection (an io.ReadWriteCloser), neither timed nor capped;
// one the request did not ask for comes back with no body, its connection closed.
func (d *Doer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	actx, cancel := context.WithCancelCause(ctx)
	var timer *time.Timer
	if d.timeout > 0 {
		timer = time.AfterFunc(d.timeout, func() { cancel(&timeoutError{d.timeout}) })
	}
	stop := func() {
		if timer != nil {
			timer.Stop()
		}
		cancel(nil)
	}
	w := new(answerWatch)
	w.trace.GotFirstResponseByte = func() { w.answered.Store(true) }
	resp, err := d.send(req.WithContext(httptrace.WithClientTrace(actx, &w.trace)))
	if err != nil {
		switch cause := context.Cause(actx); {
		case cause != nil && ctx.Err() == nil:
			err = cause // the timeout, not "context canceled"
		case headersTooLarge(err):
			err = &HeadersTooLargeError{Limit: d.headerLimit, Err: err}
		case w.answered.Load() && ctx.Err() == nil && unreadable(err):
			err = &MalformedAnswerError{Err: err}
		}
		stop()
		return nil, err
	}
	if resp.StatusCode == http.StatusSwitchingProtocols {
		stop()
		if req.Header.Get("Upgrade") == "" { // unasked: nothing to read, and no timeout would end a read of the connection
			resp.Body.Close()
			resp.Body = http.NoBody
		}
		return resp, nil // the body is the connection, read and written as the new protocol says
	}
	resp.Body = &guardedBody{r: resp.Body, ctx: actx, parent: ctx, timer: timer, timeout: d.timeout, left: d.maxBody, stop: stop}
	return resp, nil
}

// guardedBody reads an answer's body within the size limit, restarting the timeout after each
// read, and names the timeout when it ends a read.
type guardedBody struct {
	r       io.ReadCloser
	ctx     context.Context // the request's
	parent  context.Context // the caller's
	timer   *time.Timer
	timeout time.Duration
	left    int64
	stop    func()
}

func (b *guardedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, ErrBodyLimit
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	if b.timer != nil && n > 0 {
		b.timer.Reset(b.timeout)
	}
	if b.left -= int64(n); b.left < 0 {
		return n - 1, ErrBodyLimit
	}
	if err != nil && err != io.EOF && b.parent.Err() == nil {
		if cause := context.Cause(b.ctx); cause != nil {
			err = cause
		} else if unreadable(err) {
			err = &MalformedAnswerError{Err: err}
		}
	}
	return n, err
}

func (b *guardedBody) Close() error {
	err := b.r.Close()
	b.stop()
	return err
}

// inertError is an error whose text has the token redacted and control characters escaped; it
// unwraps to the error it was made of.
type inertError struct {
	text string
	err  error
}

func (e *inertError) Error() string { return e.text }
func (e *inertError) Unwrap() error { return e.err }

// inert makes err safe to print: the token redacted in any encoding, control characters
// escaped, cut to redact.MaxErrorText runes once redacted.
func (c *Client) inert(err error) error {
	return &inertError{text: redact.Shorten(redact.Printable(c.red.String(err.Error())), redact.MaxErrorText), err: err}
}
