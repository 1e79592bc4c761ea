package server

import (
	"crypto/sha256"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"
)

var (
	errRateLimited   = problem{http.StatusTooManyRequests, "rate_limit_exceeded", 829, "Too many requests for this token; retry after the number of seconds in Retry-After."}
	errAuthFailLimit = problem{http.StatusTooManyRequests, "rate_limit_exceeded", 829, "Too many failed authentications from this address; retry after the number of seconds in Retry-After."}
)

// MaxBuckets is the most buckets a RateLimiter keeps; beyond it the least recently used bucket
// is dropped (a key seen again starts with a full bucket). A bucket costs about 270 bytes: 4.4 MB
// when full.
const MaxBuckets = 1 << 14

// RateLimiter is a token bucket per key (golang.org/x/time/rate's Limiter): each key may send Rate requests per second on average
// and Burst at once. Keys are SHA-256 digests of bearer tokens (the token itself is never kept;
// the tokens issued to one client share issuedKey, and its issuance has issueKey) or client
// addresses (addressKey). At most MaxBuckets buckets are kept, the least recently used
// dropped first, so memory is bounded whatever clients send.
type RateLimiter struct {
	rate  float64
	burst int

	mu      sync.Mutex
	buckets *simplelru.LRU[[sha256.Size]byte, *rate.Limiter]
}

// NewRateLimiter returns a limiter of rate requests per second (above 0) and burst requests at
// once per key; burst below 1 means max(1, ceil(rate)).
func NewRateLimiter(r float64, burst int) *RateLimiter {
	if burst < 1 {
		burst = int(min(max(1, math.Ceil(r)), math.MaxInt32))
	}
	buckets, _ := simplelru.NewLRU[[sha256.Size]byte, *rate.Limiter](MaxBuckets, nil) // fails only for a size below 1
	return &RateLimiter{rate: r, burst: burst, buckets: buckets}
}

// bucket returns the bucket of key (golang.org/x/time/rate's); a key without one gets a full one,
// kept only when keep is set.
func (l *RateLimiter) bucket(key [sha256.Size]byte, keep bool) *rate.Limiter {
	b, ok := l.buckets.Get(key)
	if !ok {
		b = rate.NewLimiter(rate.Limit(l.rate), l.burst)
		if keep {
			l.buckets.Add(key, b)
		}
	}
	return b
}

// Allow takes one request from the bucket of key. When the bucket is empty it returns false and
// how long until a request would be allowed.
func (l *RateLimiter) Allow(key [sha256.Size]byte) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if b := l.bucket(key, true); !b.AllowN(now, 1) {
		return false, l.wait(b.TokensAt(now))
	}
	return true, 0
}

// Wait returns how long until the bucket of key holds a request, 0 if it holds one now; it
// takes nothing.
func (l *RateLimiter) Wait(key [sha256.Size]byte) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if tokens := l.bucket(key, false).TokensAt(time.Now()); tokens < 1 {
		return l.wait(tokens)
	}
	return 0
}

// Charge takes one request from the bucket of key even when it is empty: requests already
// under way when it emptied are paid for with a longer wait, so that requests in parallel get
// no more than the rate over time.
func (l *RateLimiter) Charge(key [sha256.Size]byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.bucket(key, true).ReserveN(time.Now(), 1)
}

// wait is how long a bucket holding tokens (below 1) takes to hold one request, saturated at
// the longest time.Duration: a tiny rate's wait overflows a Duration.
func (l *RateLimiter) wait(tokens float64) time.Duration {
	ns := (1 - tokens) / l.rate * float64(time.Second)
	if ns >= math.MaxInt64 || math.IsNaN(ns) {
		return math.MaxInt64
	}
	return time.Duration(ns)
}

// Len returns the number of buckets, one per key seen (at most MaxBuckets).
func (l *RateLimiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buckets.Len()
}

// retryAfter renders a wait as whole seconds, rounded up, at least 1.
func retryAfter(d time.Duration) string {
	return strconv.FormatInt(max(1, int64(math.Ceil(d.Seconds()))), 10)
}

// rateLimit answers 429 rate_limit_exceeded with Retry-After (whole seconds) when the token of
// an authenticated request has spent its bucket. It runs after Authenticate, so only the
// operations the contract declares with no security pass unlimited.
func rateLimit(l *RateLimiter) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			who, ok := principalFrom(c.Request().Context())
			if !ok {
				return next(c)
			}
			if ok, wait := l.Allow(who.key); !ok {
				c.Response().Header().Set(headerRetryAfter, retryAfter(wait))
				return errRateLimited.send(c)
			}
			return next(c)
		}
	}
}

// limitAuthFailures charges every failed authentication (a 401 from Authenticate, which it
// wraps, or from the token endpoint; not one Prefer: code=401 asked for) to the bucket of the
// client's address (addressKey), and answers 429 rate_limit_exceeded with Retry-After, before
// looking at the token, to a request to the contract's operations from an address whose bucket
// is empty: a token cannot be guessed faster than the limiter's rate, and a right guess looks
// like a wrong one while the address waits.
func limitAuthFailures(l *RateLimiter) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			key := addressKey(c.Request().RemoteAddr)
			if wait := l.Wait(key); wait > 0 {
				c.Response().Header().Set(headerRetryAfter, retryAfter(wait))
				return errAuthFailLimit.send(c)
			}
			err := next(c)
			// A 401 that Prefer asked for (prefer.go) is the answer a test wanted, not a failure.
			if res := c.Response(); res.Status == http.StatusUnauthorized && res.Header().Get(headerPreferenceApplied) == "" {
				l.Charge(key)
			}
			return err
		}
	}
}

// addressKey is the limiter key of a client address (a request's RemoteAddr, host:port): the
// IPv4 address, or the /64 prefix of an IPv6 one, since one host commonly holds a whole /64. The
// peer's address is used as it is, never X-Forwarded-For, which the client writes itself.
func addressKey(remoteAddr string) [sha256.Size]byte {
	var key [sha256.Size]byte
	ap, err := netip.ParseAddrPort(remoteAddr)
	if err != nil {
		return sha256.Sum256([]byte("addr " + remoteAddr))
	}
	a := ap.Addr().Unmap()
	if a.Is6() {
		a = netip.PrefixFrom(a, 64).Masked().Addr()
		key[0] = 6
	} else {
		key[0] = 4
	}
	b := a.As16()
	copy(key[1:], b[:])
	return key
}
