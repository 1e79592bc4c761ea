package server

import (
	"bufio"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
)

// Tokens maps bearer tokens to the one client each belongs to. Only SHA-256 digests of the
// tokens are kept (and, to find a token inside a longer value, a 64-bit rolling hash of each),
// and a lookup compares the digest with every entry in constant time, so that neither the token
// nor which entry matched leaks through timing.
type Tokens struct {
	entries []tokenEntry
	// rolling maps a token length to the rolling hashes of the tokens of that length.
	rolling map[int]map[uint64]bool
	// issued, if set, vouches for the tokens it issued that no entry holds (AcceptIssued).
	issued *Issuer
}

// AcceptIssued makes ClientOf also accept the unexpired tokens iss issued. Call it before the
// Tokens are in use.
func (t *Tokens) AcceptIssued(iss *Issuer) { t.issued = iss }

// compareDigests is subtle.ConstantTimeCompare; a test counts its calls to prove that a lookup
// compares with every entry.
var compareDigests = subtle.ConstantTimeCompare

type tokenEntry struct {
	digest   [sha256.Size]byte
	clientID string
}

// ErrBadTokenLine is returned (wrapped) by ParseTokens for a line that is not `token client_id`.
var ErrBadTokenLine = errors.New("want `token client_id`")

// ErrDuplicateToken is returned (wrapped) by ParseTokens for a token listed twice: it cannot
// belong to two clients, and which one it would go to is not for the order of lines to decide.
var ErrDuplicateToken = errors.New("the same token is listed twice")

// pairsError is an error of ParsePairs: its text names the lines and the first field as the
// file calls it; it unwraps to ErrBadTokenLine or ErrDuplicateToken.
type pairsError struct {
	text string
	kind error
}

func (e *pairsError) Error() string { return e.text }
func (e *pairsError) Unwrap() error { return e.kind }

// ParseTokens reads a token file: one `token client_id` pair per line, separated by spaces or
// tabs; blank lines and lines starting with # are ignored. Errors name the line, never the token.
func ParseTokens(r io.Reader) (*Tokens, error) { return ParsePairs(r, "token") }

// ParsePairs reads a file of `secret client_id` lines as ParseTokens does, calling the first
// field by the file's name for it (token, client_secret) in errors.
func ParsePairs(r io.Reader, field string) (*Tokens, error) {
	t := &Tokens{}
	lines := make(map[[sha256.Size]byte]int) // digest → line of its first appearance
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 {
			return nil, &pairsError{fmt.Sprintf("line %d: want `%s client_id`", n, field), ErrBadTokenLine}
		}
		d := sha256.Sum256([]byte(fields[0]))
		if first, dup := lines[d]; dup {
			return nil, &pairsError{fmt.Sprintf("lines %d and %d: the same %s is listed twice", first, n, field), ErrDuplicateToken}
		}
		lines[d] = n
		t.Add(fields[0], fields[1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %ss: %w", field, err)
	}
	return t, nil
}

// Add binds token to clientID.
func (t *Tokens) Add(token, clientID string) {
	t.entries = append(t.entries, tokenEntry{digest: sha256.Sum256([]byte(token)), clientID: clientID})
	if token == "" {
		return
	}
	if t.rolling == nil {
		t.rolling = make(map[int]map[uint64]bool)
	}
	if t.rolling[len(token)] == nil {
		t.rolling[len(token)] = make(map[uint64]bool)
	}
	t.rolling[len(token)][rollingHash(token)] = true
}

// rollingBase is the base of the polynomial rolling hash (mod 2^64) used to find tokens in values.
const rollingBase = 1099511628211

func rollingHash(s string) uint64 {
	var h uint64
	for i := 0; i < len(s); i++ {
		h = h*rollingBase + uint64(s[i])
	}
	return h
}

// Within reports whether a configured token occurs anywhere in s. Every window of s as long as a
// token is hashed as it rolls; a window whose hash is a token's is confirmed by ClientOf.
func (t *Tokens) Within(s string) bool {
	for n, hashes := range t.rolling {
		if n > len(s) {
			continue
		}
		pow := uint64(1) // rollingBase^(n-1)
		for range n - 1 {
			pow *= rollingBase
		}
		h := rollingHash(s[:n])
		for i := 0; ; i++ {
			if hashes[h] {
				if _, ok := t.ClientOf(s[i : i+n]); ok {
					return true
				}
			}
			if i+n >= len(s) {
				break
			}
			h = (h-uint64(s[i])*pow)*rollingBase + uint64(s[i+n])
		}
	}
	return false
}

// Len returns the number of tokens.
func (t *Tokens) Len() int { return len(t.entries) }

// ClientOf returns the client a token belongs to. It looks at every entry whatever matches.
func (t *Tokens) ClientOf(token string) (string, bool) {
	clientID, _, ok := t.lookup(token)
	return clientID, ok
}

// lookup is ClientOf, also returning the key the token's requests are limited by
// (principal.key): the token's digest for a listed token, and for a token the Issuer issued
// the client's issuedKey, one for all its tokens, so that a client cannot multiply its rate limit
// or its share of large answers by having more tokens issued.
func (t *Tokens) lookup(token string) (clientID string, key [sha256.Size]byte, ok bool) {
	d := sha256.Sum256([]byte(token))
	match := -1
	for i := range t.entries {
		eq := compareDigests(d[:], t.entries[i].digest[:])
		match = subtle.ConstantTimeSelect(eq, i, match)
	}
	if match >= 0 {
		return t.entries[match].clientID, d, true
	}
	if t.issued != nil {
		if clientID, ok := t.issued.Verify(token); ok {
			return clientID, issuedKey(clientID), true
		}
	}
	return "", key, false
}

type principalKey struct{}

// principal is who Authenticate found a request to come from.
type principal struct {
	clientID string
	// key is what the request's rate limit and large answers are counted by (Tokens.lookup).
	key [sha256.Size]byte
}

// principalFrom returns who the request comes from, as Authenticate stored it.
func principalFrom(ctx context.Context) (principal, bool) {
	p, ok := ctx.Value(principalKey{}).(principal)
	return p, ok
}

// Authenticate checks the bearer token of requests to the contract's operations (D7): no token
// or an unknown one is 401 with a WWW-Authenticate challenge, a client_id other than the token's
// is 403. The token's client is put in the request context for the handler.
func Authenticate(tokens *Tokens) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if public(routeOf(c).route.Operation) {
				return next(c)
			}
			req := c.Request()
			scheme, token, _ := strings.Cut(req.Header.Get(echo.HeaderAuthorization), " ")
			token = strings.TrimSpace(token)
			if !strings.EqualFold(scheme, "Bearer") || token == "" {
				return errInvalidToken.send(c)
			}
			clientID, key, ok := tokens.lookup(token)
			if !ok {
				return errInvalidToken.send(c)
			}
			if c.QueryParam("client_id") != clientID {
				return errAccessDenied.send(c)
			}
			who := principal{clientID: clientID, key: key}
			c.SetRequest(req.WithContext(context.WithValue(req.Context(), principalKey{}, who)))
			return next(c)
		}
	}
}

// public reports whether the contract declares op with no security (`security: []`).
func public(op *openapi3.Operation) bool {
	return op.Security != nil && len(*op.Security) == 0
}
