package server

import (
	"crypto/sha256"
	"net/http"
	"sync"
)

var (
	errTooManyLarge = problem{http.StatusTooManyRequests, "rate_limit_exceeded", 829, "Too many large answers in progress for this token; retry after the number of seconds in Retry-After."}
	errBusyLarge    = problem{http.StatusServiceUnavailable, "service_unavailable", 853, "Too many large answers in progress; retry after the number of seconds in Retry-After."}
)

// LargeAnswers caps how many answers too large to buffer (streamed answers) are in progress at
// once: per bearer token (the tokens issued to one client counting as one), and overall. A streamed answer holds a store read and a connection for
// as long as the client takes to read it; the caps keep slow or greedy readers from holding
// them all.
type LargeAnswers struct {
	perToken, overall int

	mu      sync.Mutex
	total   int
	byToken map[[sha256.Size]byte]int
}

// NewLargeAnswers returns caps of perToken streamed answers per token and overall in all; a
// cap below 1 means 1.
func NewLargeAnswers(perToken, overall int) *LargeAnswers {
	return &LargeAnswers{perToken: max(1, perToken), overall: max(1, overall), byToken: make(map[[sha256.Size]byte]int)}
}

// acquire takes a place for one streamed answer of token. It returns a function that gives it
// back, or the problem to answer instead: 429 when the token has its share, 503 when the server
// has.
func (l *LargeAnswers) acquire(token [sha256.Size]byte) (func(), *problem) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byToken[token] >= l.perToken {
		return nil, &errTooManyLarge
	}
	if l.total >= l.overall {
		return nil, &errBusyLarge
	}
	l.byToken[token]++
	l.total++
	return sync.OnceFunc(func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.total--
		if l.byToken[token]--; l.byToken[token] <= 0 {
			delete(l.byToken, token)
		}
	}), nil
}

// InProgress returns how many streamed answers hold a place.
func (l *LargeAnswers) InProgress() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}
