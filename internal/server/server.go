// Package server is the reference server of the login-logs endpoint: the generated strict server
// interface implemented over a Store, behind an echo stack that validates every request and
// response against the contract with kin-openapi, authenticates bearer tokens bound to one
// client each, and answers every error in SSOJet's shape.
package server

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"syscall"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
	"github.com/ssojet-tools/loginlogs/internal/metrics"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// Store is what the server needs of a login-log store.
type Store interface {
	// ScanLoginLogs hands a user's logs to fn oldest first and returns the version they were
	// read at. It returns store.ErrUserNotFound for a user the client does not have, and an
	// error wrapping store.ErrUnavailable when the store cannot be reached.
	ScanLoginLogs(ctx context.Context, clientID, userID string, fn store.ScanFunc) (int64, error)
	// UserVersion returns the version of a user's logs, which changes whenever they change;
	// errors as ScanLoginLogs.
	UserVersion(ctx context.Context, clientID, userID string) (int64, error)
	// Ping returns an error when the store cannot be reached.
	Ping(ctx context.Context) error
}

// Server implements the contract's operations over a Store.
type Server struct {
	store Store
	cache *Cache
	large *LargeAnswers
	log   *slog.Logger
	// issuer answers POST /oauth2/token (issuer.go); nil knows no client.
	issuer *Issuer
	// limit is Config.RateLimiter, which also bounds the tokens issued per client (nil: no limit).
	limit *RateLimiter
}

var _ ssojetapi.StrictServerInterface = (*Server)(nil)

// newServer returns the Server of cfg: its store, cache, issuer, rate limiter and logger, and its
// caps of streamed answers (nil: 2 per token, 8 in all).
func newServer(cfg Config) *Server {
	large := cfg.LargeAnswers
	if large == nil {
		large = NewLargeAnswers(2, 8)
	}
	return &Server{store: cfg.Store, cache: cfg.Cache, large: large, log: cfg.Logger, issuer: cfg.Issuer, limit: cfg.RateLimiter}
}

// ListUserLoginLogs answers GET /users/{userid}/loginlogs for the client of the request's token:
// 304 when If-None-Match names the current version, the cached body while it is current, and
// otherwise the logs read from the store, encoded as they are scanned (respond.go).
func (s *Server) ListUserLoginLogs(ctx context.Context, req ssojetapi.ListUserLoginLogsRequestObject) (ssojetapi.ListUserLoginLogsResponseObject, error) {
	// Authenticate already refused a client_id other than the token's; checking again here keeps
	// tenancy safe even in a stack assembled without it.
	who, ok := principalFrom(ctx)
	clientID := who.clientID
	if !ok || clientID != req.Params.ClientId {
		return ssojetapi.ListUserLoginLogs403JSONResponse{ForbiddenJSONResponse: ssojetapi.ForbiddenJSONResponse(errAccessDenied.body())}, nil
	}
	key := cacheKey{clientID, req.Userid}
	cached, hit := s.cache.get(key)
	if hit || req.Params.IfNoneMatch != nil {
		version, err := s.store.UserVersion(ctx, clientID, req.Userid)
		if err != nil {
			return s.storeError(ctx, err), nil
		}
		etag := etagOf(version)
		if req.Params.IfNoneMatch != nil && matchesETag(*req.Params.IfNoneMatch, etag) {
			return notModified{etag: etag}, nil
		}
		if hit && cached.version == version {
			return cachedLogs{body: cached.body, etag: etag, gate: gateOf(ctx)}, nil
		}
	}
	return scannedLogs{s: s, ctx: ctx, clientID: clientID, userID: req.Userid}, nil
}

// storeError maps a store's error to the contract's answer: 404 for an unknown user, 503 with
// Retry-After when the store cannot be reached, a logged 500 otherwise.
func (s *Server) storeError(ctx context.Context, err error) ssojetapi.ListUserLoginLogsResponseObject {
	switch {
	case errors.Is(err, store.ErrUserNotFound):
		return ssojetapi.ListUserLoginLogs404JSONResponse{NotFoundJSONResponse: ssojetapi.NotFoundJSONResponse(errUserNotFound.body())}
	case errors.Is(err, store.ErrUnavailable):
		s.log.WarnContext(ctx, "store unavailable", "request_id", RequestIDFrom(ctx), "err", err)
		retry := retryAfterSeconds // addressable copy
		return ssojetapi.ListUserLoginLogs503JSONResponse{ServiceUnavailableJSONResponse: ssojetapi.ServiceUnavailableJSONResponse{
			Body: errUnavailable.body(), Headers: ssojetapi.ServiceUnavailableResponseHeaders{RetryAfter: &retry},
		}}
	}
	if clientGone(ctx, err) {
		// Nobody reads this answer; the status only shows in the access log.
		s.log.DebugContext(ctx, "client went away while reading the store", "request_id", RequestIDFrom(ctx), "err", err)
		return ssojetapi.ListUserLoginLogs503JSONResponse{ServiceUnavailableJSONResponse: ssojetapi.ServiceUnavailableJSONResponse{Body: errUnavailable.body()}}
	}
	s.log.ErrorContext(ctx, "list login logs", "request_id", RequestIDFrom(ctx), "err", err)
	return ssojetapi.ListUserLoginLogs500JSONResponse{InternalServerErrorJSONResponse: ssojetapi.InternalServerErrorJSONResponse(errInternal.body())}
}

// Config is what NewHandler assembles.
type Config struct {
	Store     Store
	Validator *validate.Validator
	Tokens    *Tokens
	// Mode is what the response validator does with a response that breaks the contract;
	// validate.Off skips response validation (requests are still validated).
	Mode validate.Policy
	// SkipRequestValidation turns request validation off, for measuring what it costs; the
	// server then trusts the generated binding alone.
	SkipRequestValidation bool
	Logger                *slog.Logger
	// Cache keeps validated bodies of recently read users (nil: no cache).
	Cache *Cache
	// LargeAnswers caps streamed answers per token and overall (nil: 2 and 8).
	LargeAnswers *LargeAnswers
	// RateLimiter limits requests per token, and tokens issued per client (429 with
	// Retry-After); nil means no limit.
	RateLimiter *RateLimiter
	// AuthFailureLimiter limits failed authentications per client address (429 with
	// Retry-After, also to the address's next requests whatever their token); nil means no limit.
	AuthFailureLimiter *RateLimiter
	// Faults are failures injected for testing clients (nil: none); see also the Prefer header
	// (prefer.go).
	Faults *Faults
	// CORSOrigins are the origins browsers may call the server from ("*": any); none turns CORS
	// off.
	CORSOrigins []string
	// Issuer issues the tokens of POST /oauth2/token (nil: every client is refused, 401);
	// Tokens accepts them when Tokens.AcceptIssued was called with it.
	Issuer *Issuer
}

// NewHandler builds the whole HTTP stack. Its layers, outermost first (each one's doc says more):
//
//  0. metrics: every answer counted by status, duration and bytes (metrics.go);
//  1. recover: a panic is logged and answered with SSOJet's 500;
//  2. request id and logging, with tokens kept out of both (middleware.go); CORS, if
//     Config.CORSOrigins names any (cors.go); Prefer read and fault=cut armed (faults.go);
//  3. body limit (maxRequestBody);
//  4. routing: the operation resolved once with kin-openapi's router (validation.go); a path
//     outside the contract skips layers 5 to 9, a method the contract does not define is 405;
//  5. response validation through validate's gate, by Config.Mode (validation.go); faults: a
//     Prefer the server cannot use is 400, then latency, fault=slow and the error rate;
//  6. request validation: 400 in SSOJet's shape;
//  7. input guard: client_id and Authorization at most once (guard.go);
//  8. the limit of failed authentications per address, if configured (ratelimit.go); auth: a
//     bearer token bound to one client_id (401, 403), unless the operation has no security;
//  9. rate limit per token, if configured (429; CreateToken spends the same limiter's buckets
//     per client on the tokens it issues); Prefer's code=, example= and dynamic=true answered
//     from the contract (prefer.go);
//  10. the generated strict handler under /api/v1 (Server): 304, cached bodies, and bodies
//     encoded as the store scans them, streamed when long (respond.go).
//
// Beside the API: GET and HEAD /healthz, /readyz (store reachable), /openapi.yaml, /docs with
// its assets (docs.go) and /metrics. Unknown paths are 404 and wrong methods 405, in SSOJet's shape.
func NewHandler(cfg Config) *echo.Echo { return newHandler(cfg, newServer(cfg)) }

// newHandler builds the stack of NewHandler around strict (tests plant broken handlers here).
func newHandler(cfg Config, strict ssojetapi.StrictServerInterface) *echo.Echo {
	m := metrics.New() // the answers and the contract violations, served on GET /metrics
	val := &Validation{v: cfg.Validator, mode: cfg.Mode, log: cfg.Logger, metrics: m}

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(cfg.Logger)
	layers := []echo.MiddlewareFunc{serveMetrics(e, m), recoverPanics(cfg.Logger), logRequests(cfg.Logger, cfg.Tokens)}
	if len(cfg.CORSOrigins) > 0 {
		layers = append(layers, allowCORS(cfg.CORSOrigins, cfg.Validator.Doc()))
	}
	var routed []echo.MiddlewareFunc // the layers of the contract's operations
	if cfg.Mode != validate.Off {
		routed = append(routed, val.responses())
	}
	routed = append(routed, injectFaults(cfg.Faults))
	if !cfg.SkipRequestValidation {
		routed = append(routed, val.requests())
	}
	routed = append(routed, guardInput())
	if cfg.AuthFailureLimiter != nil {
		routed = append(routed, limitAuthFailures(cfg.AuthFailureLimiter))
	}
	routed = append(routed, Authenticate(cfg.Tokens))
	if cfg.RateLimiter != nil {
		routed = append(routed, rateLimit(cfg.RateLimiter))
	}
	routed = append(routed, preferred(cfg.Validator.Doc()))
	e.Use(append(layers, readPrefer(), limitBody(maxRequestBody), val.route(routed...))...)
	ssojetapi.RegisterHandlersWithBaseURL(e, ssojetapi.NewStrictHandler(strict, nil), validate.BasePath)

	e.Match(getHead, "/healthz", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
	})
	e.Match(getHead, "/readyz", func(c echo.Context) error {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		if err := cfg.Store.Ping(ctx); err != nil {
			cfg.Logger.WarnContext(ctx, "not ready", "request_id", requestIDOf(c), "err", err)
			return errUnavailable.send(c)
		}
		return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
	})
	e.Match(getHead, "/openapi.yaml", func(c echo.Context) error {
		return c.Blob(http.StatusOK, "application/yaml", api.OpenAPI)
	})
	registerDocs(e)
	return e
}

// getHead are the methods of the endpoints beside the API: HEAD wherever GET (RFC 9110 9.1).
var getHead = []string{http.MethodGet, http.MethodHead}

// errorHandler answers echo's own errors (404, 405, parameter binding) and handler errors in
// SSOJet's shape; unexpected errors are logged and become a generic 500.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			level := slog.LevelError
			if clientGone(c.Request().Context(), err) {
				level = slog.LevelDebug // the client hung up: nothing to fix here
			}
			log.Log(c.Request().Context(), level, "error after the response started", "request_id", requestIDOf(c), "err", err)
			return
		}
		if he, ok := errors.AsType[*echo.HTTPError](err); ok && he.Code >= 400 && he.Code < 500 {
			msg, _ := he.Message.(string)
			p := errMalformed.with(validate.Shorten(cmp.Or(msg, errMalformed.description), 200))
			switch he.Code {
			case http.StatusNotFound:
				p = errNotFound
			case http.StatusMethodNotAllowed:
				p = errMethod
			case http.StatusRequestEntityTooLarge:
				p = errMalformed.with("The request body is too large.")
			}
			p.send(c)
			return
		}
		log.Error("request failed", "request_id", requestIDOf(c), "err", err)
		errInternal.send(c)
	}
}

// clientGone reports whether err only says that the client hung up: its request was cancelled,
// or the connection broke while the answer was written.
func clientGone(ctx context.Context, err error) bool {
	return errors.Is(ctx.Err(), context.Canceled) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET)
}
