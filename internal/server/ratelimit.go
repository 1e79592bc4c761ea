package server

import (
	"crypto/sha256"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

var errRateLimited = problem{http.StatusTooManyRequests, "rate_limit_exceeded", 829, "Too many requests for this token; retry after the number of seconds in Retry-After."}

// RateLimiter is a token bucket per bearer token: each token may send Rate requests per second
// on average and Burst at once. Buckets are keyed by the SHA-256 digest of the token (the token
// itself is never kept) and only created for tokens Authenticate accepted, so memory is bounded
// by the number of configured tokens, whatever unauthenticated clients send.
type RateLimiter struct {
	rate  float64
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[[sha256.Size]byte]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewRateLimiter returns a limiter of rate requests per second and burst requests at once per
// token; burst below 1 means max(1, ceil(rate)).
func NewRateLimiter(rate float64, burst int) *RateLimiter {
	b := float64(burst)
	if burst < 1 {
		b = math.Max(1, math.Ceil(rate))
	}
	return &RateLimiter{rate: rate, burst: b, now: time.Now, buckets: make(map[[sha256.Size]byte]*bucket)}
}

// Allow takes one request from the bucket of the token with digest key. When the bucket is
// empty it returns false and how long until a request would be allowed.
func (l *RateLimiter) Allow(key [sha256.Size]byte) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(l.burst, b.tokens+elapsed*l.rate)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// Len returns the number of buckets, one per token seen.
func (l *RateLimiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// retryAfter renders a wait as whole seconds, rounded up, at least 1.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(max(1, int(math.Ceil(d.Seconds()))))
}

// rateLimit answers 429 rate_limit_exceeded with Retry-After (whole seconds) when the token of
// an authenticated request has spent its bucket. It runs after Authenticate: requests without a
// valid token never reach it.
func rateLimit(l *RateLimiter) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if _, ok := ClientFrom(c.Request().Context()); !ok {
				return next(c)
			}
			_, token, _ := strings.Cut(c.Request().Header.Get(echo.HeaderAuthorization), " ")
			ok, wait := l.Allow(sha256.Sum256([]byte(strings.TrimSpace(token))))
			if !ok {
				c.Response().Header().Set(headerRetryAfter, retryAfter(wait))
				return errRateLimited.send(c)
			}
			return next(c)
		}
	}
}
