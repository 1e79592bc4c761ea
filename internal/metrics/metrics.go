// Package metrics holds what the proxy and the reference server share to be observed: the
// Prometheus families they export on /metrics, each in a private registry (never the global
// one), so that several servers in one process, as in tests, count apart; and the rule for the
// X-Request-Id they honour, which ties their log lines to a client's request.
package metrics

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

// MaxPointerPatterns bounds the distinct pointer patterns Violations counts under their own
// label: an answer can name any member, and a label set per name would grow without bound.
// Patterns beyond it are counted under OtherPointer.
const MaxPointerPatterns = 256

// OtherPointer is the pointer label of the patterns beyond MaxPointerPatterns.
const OtherPointer = "other"

// Sides of a violation: the upstream's answer or the client's request.
const (
	SideUpstream = "upstream"
	SideClient   = "client"
	// SideServer is a violation of the reference server's own answer.
	SideServer = "server"
)

// Metrics is one registry and its families. Families a component does not use stay empty and
// are not exported (a vector without children writes nothing).
type Metrics struct {
	// The families New makes, as their Help says.
	registry                    *prometheus.Registry
	requests, violations, bytes *prometheus.CounterVec
	// UpstreamLatency observes the time from sending a request upstream to its answer's headers.
	UpstreamLatency prometheus.Histogram
	// UpstreamErrors counts requests the upstream did not answer, by reason (timeout, refused,
	// tls, reset, network).
	UpstreamErrors *prometheus.CounterVec
	// Abandoned counts the proxy's exchanges whose client went away before its answer ended.
	Abandoned prometheus.Counter

	// RequestDuration observes the time from a request's arrival to the end of its answer, by
	// status (WithServer registers it).
	RequestDuration *prometheus.HistogramVec

	mu       sync.Mutex
	patterns map[string]bool
	server   sync.Once
}

// New returns the families registered in a new private registry.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "loginlogs_requests_total",
			Help: "Answers sent to clients, by HTTP status code.",
		}, []string{"status"}),
		violations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "loginlogs_violations_total",
			Help: "Contract violations, by side (upstream, client, server), kind (status, header, body, query, path, cookie, request body, request, security) and JSON pointer pattern (array indexes as *).",
		}, []string{"side", "kind", "pointer"}),
		UpstreamLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "loginlogs_upstream_latency_seconds",
			Help:    "Time from sending a request upstream to the headers of its answer.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16), // 0.5 ms to about 16 s
		}),
		bytes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "loginlogs_bytes_total",
			Help: "Body bytes, by direction: response (sent to clients) or request (received from them).",
		}, []string{"direction"}),
		UpstreamErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "loginlogs_upstream_errors_total",
			Help: "Requests the upstream did not answer (answered 502 by the proxy), by reason.",
		}, []string{"reason"}),
		RequestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "loginlogs_request_duration_seconds",
			Help:    "Time from a request's arrival to the end of its answer, by HTTP status code.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16), // 0.5 ms to about 16 s
		}, []string{"status"}),
		Abandoned: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "loginlogs_abandoned_total",
			Help: "Exchanges whose client went away before its answer ended (ended upstream at once).",
		}),
		patterns: map[string]bool{},
	}
	m.registry.MustRegister(m.requests, m.violations, m.bytes, m.UpstreamErrors)
	return m
}

// WithUpstream registers the upstream latency histogram and the abandoned exchanges' counter,
// which only a proxy observes, and returns m.
func (m *Metrics) WithUpstream() *Metrics {
	m.registry.MustRegister(m.UpstreamLatency, m.Abandoned)
	return m
}

// WithServer registers what a server that answers clients itself exports besides the answers:
// RequestDuration, and the Go runtime's and the process's own metrics (go_*, process_*). It
// registers them once however often it is called, and returns m.
func (m *Metrics) WithServer() *Metrics {
	m.server.Do(func() {
		m.registry.MustRegister(m.RequestDuration,
			collectors.NewGoCollector(),
			collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	})
	return m
}

// Handler serves the registry in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Registry returns the private registry, for a caller that adds families of its own.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// Answered counts one answer of the given status.
func (m *Metrics) Answered(status int) {
	m.requests.WithLabelValues(strconv.Itoa(status)).Inc()
}

// ObserveDuration observes the duration of one answer of the given status in RequestDuration.
func (m *Metrics) ObserveDuration(status int, d time.Duration) {
	m.RequestDuration.WithLabelValues(strconv.Itoa(status)).Observe(d.Seconds())
}

// Directions of the bytes counted by AddBytes.
const (
	Response = "response"
	Request  = "request"
)

// AddBytes counts n body bytes in a direction, Response or Request.
func (m *Metrics) AddBytes(direction string, n int) {
	m.bytes.WithLabelValues(direction).Add(float64(n))
}

// RequestBody returns body counting the bytes read through it as Request bytes, as they are
// read: what a client sent, not what its Content-Length declares.
func (m *Metrics) RequestBody(body io.ReadCloser) io.ReadCloser { return &countedBody{body, m} }

// countedBody counts the bytes of a request's body read through it, in m.
type countedBody struct {
	io.ReadCloser
	m *Metrics
}

func (b *countedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.m.AddBytes(Request, n)
	}
	return n, err
}

// Violation counts one violation. pointer is the violation's JSON pointer; its array indexes
// are counted as * (report.Pattern). The caller redacts it first: the label is exported as is.
func (m *Metrics) Violation(side, kind, pointer string) {
	p := report.Pattern(pointer)
	m.mu.Lock()
	if !m.patterns[p] {
		if len(m.patterns) >= MaxPointerPatterns {
			p = OtherPointer
		} else {
			m.patterns[p] = true
		}
	}
	m.mu.Unlock()
	m.violations.WithLabelValues(side, kind, p).Inc()
}

// NewRequestID returns a fresh request id, for a request without a sensible one: 24 random
// lowercase hex digits, which ValidRequestID accepts.
func NewRequestID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ValidRequestID reports whether a client's X-Request-Id may be used as it is: 1 to 128
// characters from [A-Za-z0-9._:-], so that it cannot inject anything into logs. Others are
// replaced by an id the server or proxy makes.
func ValidRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-', r == ':':
		default:
			return false
		}
	}
	return true
}
