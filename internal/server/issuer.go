package server

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
)

// DefaultTokenTTL is how long an issued token stays valid: SSOJet's expires_in.
const DefaultTokenTTL = time.Hour

// issuerName is the iss claim of the tokens the reference server issues.
const issuerName = "loginlogs-reference-server"

// maxJWT bounds the length of a token Verify parses.
const maxJWT = 4096

// ErrInvalidClient is returned by Issue for an unknown client or a secret that is not its own.
var ErrInvalidClient = errors.New("invalid client credentials")

// Issuer issues and verifies the access tokens of POST /oauth2/token: RS256 JWTs (SSOJet's
// kind) signed with an RSA key the process makes on the first request for a token and never
// writes anywhere, so a token is valid for the process that issued it until it expires.
// Client secrets are kept as a Tokens table (secret → client), only as digests, and compared in
// constant time. It is safe for concurrent use.
type Issuer struct {
	secrets *Tokens
	ttl     time.Duration
	now     func() time.Time
	kid     string // names this process's key in the tokens' header

	// signingKey makes the RSA key on its first call; key holds it once made.
	signingKey func() (*rsa.PrivateKey, error)
	key        atomic.Pointer[rsa.PrivateKey]
}

// NewIssuer returns an Issuer of tokens valid for ttl (0: DefaultTokenTTL) to the clients of
// secrets, a table of `client_secret client_id` pairs as ParseTokens reads them.
func NewIssuer(secrets *Tokens, ttl time.Duration) *Issuer {
	if ttl <= 0 {
		ttl = DefaultTokenTTL
	}
	i := &Issuer{secrets: secrets, ttl: ttl, now: time.Now, kid: rand.Text()}
	i.signingKey = sync.OnceValues(func() (*rsa.PrivateKey, error) {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		i.key.Store(key)
		return key, err
	})
	return i
}

// jwtClaims are what the tokens say besides the registered claims.
type jwtClaims struct {
	jwt.RegisteredClaims
	ClientID string `json:"client_id"`
}

// tooManyTokens is Issue's error for a client whose bucket is empty: wait is how long until it
// holds a token.
type tooManyTokens struct{ wait time.Duration }

func (tooManyTokens) Error() string { return "too many tokens issued to this client" }

// Issue returns a token of clientID when secret is its secret, or ErrInvalidClient. A token costs
// an RSA signature (about a millisecond of CPU, docs/benchmarks.md): when limit is not nil, each
// takes a request from the bucket of clientID (issueKey) first, and an empty bucket is a
// tooManyTokens error. Refused secrets take nothing from it (the limiter of failed
// authentications counts those by address), so only the client itself can spend it.
func (i *Issuer) Issue(clientID, secret string, limit *RateLimiter) (string, error) {
	owner, ok := i.secrets.ClientOf(secret)
	if !ok || secret == "" || owner != clientID {
		return "", ErrInvalidClient
	}
	if limit != nil {
		if ok, wait := limit.Allow(issueKey(clientID)); !ok {
			return "", tooManyTokens{wait}
		}
	}
	key, err := i.signingKey()
	if err != nil {
		return "", fmt.Errorf("make the signing key: %w", err)
	}
	// JWT times are whole seconds: iat is now rounded up, so that exp, iat + ttl rounded down, is
	// never before now + ttl, the expires_in the answer promises; exp - iat is ttl in whole seconds.
	now := i.now()
	iat := now.Truncate(time.Second)
	if iat.Before(now) {
		iat = iat.Add(time.Second)
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwtClaims{ClientID: clientID, RegisteredClaims: jwt.RegisteredClaims{
		Issuer: issuerName, Subject: clientID, ID: rand.Text(),
		IssuedAt: jwt.NewNumericDate(iat), ExpiresAt: jwt.NewNumericDate(iat.Add(i.ttl)),
	}})
	tok.Header["kid"] = i.kid
	signed, err := tok.SignedString(key)
	if err != nil {
		return "", fmt.Errorf("sign the token: %w", err)
	}
	return signed, nil
}

// issueKey is the key of a client's bucket of tokens issued in a RateLimiter whose other keys
// are digests of bearer tokens.
func issueKey(clientID string) [sha256.Size]byte {
	return sha256.Sum256([]byte("issue\x00" + clientID))
}

// issuedKey is the key the requests with any token issued to a client are limited by
// (Tokens.lookup), apart from the tokens listed in a Tokens table and from issueKey.
func issuedKey(clientID string) [sha256.Size]byte {
	return sha256.Sum256([]byte("issued\x00" + clientID))
}

// Verify returns the client of a token this Issuer issued that has not expired.
func (i *Issuer) Verify(token string) (string, bool) {
	key := i.key.Load()
	if len(token) > maxJWT || key == nil { // nil: no token was issued yet
		return "", false
	}
	var claims jwtClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		if t.Header["kid"] != i.kid {
			return nil, errors.New("signed with another key")
		}
		return &key.PublicKey, nil
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(issuerName), jwt.WithExpirationRequired(), jwt.WithTimeFunc(i.now))
	if err != nil || claims.ClientID == "" {
		return "", false
	}
	return claims.ClientID, true
}

// The token endpoint's own errors.
var (
	errInvalidClient = problem{http.StatusUnauthorized, "invalid_client", 1001, "The client_id or client_secret is not valid."}
	errGrantType     = problem{http.StatusBadRequest, "unsupported_grant_type", 806, "grant_type must be client_credentials."}
	errTooManyTokens = problem{http.StatusTooManyRequests, "rate_limit_exceeded", 829, "Too many tokens issued to this client; retry after the number of seconds in Retry-After."}
)

// CreateToken answers POST /oauth2/token: a token for a client whose secret is right (200, with
// Cache-Control: no-store as RFC 6749 § 5.1 asks), 400 for another grant type, 401 otherwise,
// and 429 with Retry-After for a client that spent its bucket of the RateLimiter (Issue).
// A server without an Issuer knows no client. Neither the secret nor the token is ever logged.
func (s *Server) CreateToken(ctx context.Context, req ssojetapi.CreateTokenRequestObject) (ssojetapi.CreateTokenResponseObject, error) {
	if req.Body.GrantType != "client_credentials" {
		return ssojetapi.CreateToken400JSONResponse(errGrantType.body()), nil
	}
	if s.issuer == nil {
		return ssojetapi.CreateToken401JSONResponse(errInvalidClient.body()), nil
	}
	token, err := s.issuer.Issue(req.Body.ClientId, req.Body.ClientSecret, s.limit)
	var limited tooManyTokens
	switch {
	case errors.Is(err, ErrInvalidClient):
		return ssojetapi.CreateToken401JSONResponse(errInvalidClient.body()), nil
	case errors.As(err, &limited):
		wait := retryAfter(limited.wait)
		return ssojetapi.CreateToken429JSONResponse{TooManyRequestsJSONResponse: ssojetapi.TooManyRequestsJSONResponse{
			Body: errTooManyTokens.body(), Headers: ssojetapi.TooManyRequestsResponseHeaders{RetryAfter: &wait},
		}}, nil
	case err != nil:
		s.log.ErrorContext(ctx, "issue a token", "request_id", RequestIDFrom(ctx), "err", err)
		return ssojetapi.CreateToken500JSONResponse{InternalServerErrorJSONResponse: ssojetapi.InternalServerErrorJSONResponse(errInternal.body())}, nil
	}
	return issuedToken{AccessToken: token, TokenType: "Bearer", ExpiresIn: int(s.issuer.ttl / time.Second)}, nil
}

// issuedToken is the 200 of CreateToken, never to be stored by a cache.
type issuedToken ssojetapi.TokenResponse

func (t issuedToken) VisitCreateTokenResponse(w http.ResponseWriter) error {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	return ssojetapi.CreateToken200JSONResponse(t).VisitCreateTokenResponse(w)
}
