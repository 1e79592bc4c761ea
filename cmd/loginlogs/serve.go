package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

const serveLong = `Runs the reference server of GET /api/v1/users/{userid}/loginlogs, validating every request and
response against the contract. Also serves, without a token, /healthz, /readyz, /openapi.yaml,
/docs (the API reference, rendered from the contract) and /metrics (Prometheus); and
POST /api/v1/oauth2/token issues tokens for client credentials (--client-secrets).

Without --tokens, a development token is made for the demo client (random, or --dev-token to keep
one across restarts) and a ready-to-paste export line of SSOJET_* variables is printed: after it,
get and contract work against this server with no flags. An empty store is seeded with the
contract example's 24 login logs of the demo user ` + server.DemoUserID + ` of client ` + server.DemoClientID + `.

--rate-limit R (requests per second: 0 for no limit, else at least 0.0000116, one a day) gives each
token a bucket of R a second and --rate-burst at once, 429 with Retry-After beyond (the tokens
issued to one client share one), and each client such a bucket for the tokens that
POST /api/v1/oauth2/token issues to it (each costs an RSA signature). It also gives each client
address (the connection's IP, an IPv6 /64 as one) the same bucket for failed
authentications (401): an address that spent it gets 429 with Retry-After, whatever its token,
until the bucket refills, so tokens cannot be guessed faster than R a second per address. Behind
a reverse proxy every client has the proxy's address: limit failures there instead.

As a test double (docs/test-double.md): a request with a valid token and a Prefer header gets a
documented answer of the contract: Prefer: code=401 (its example), example=NAME, dynamic=true
(generated from the schema; seed=N repeats one). Prefer: fault=slow (delay=D), fault=cut or
fault=503 (retry-after=N) inject a fault into one answer; --latency and --error-rate into all.
A status or example the contract does not document is refused with 400.`

// newServeCmd is the serve verb: flags and wiring; the server itself is internal/server.
func newServeCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "run the reference server of the login-logs endpoint",
		Long:  serveLong,
		Args:  noArgs,
	}
	fs := cmd.Flags()
	addr := fs.String("addr", "127.0.0.1:8080", "listen address; 127.0.0.1:0 picks a free port")
	dbURL := addDatabaseURL(fs)
	tokensFile := fs.String("tokens", "", "`file` of \"token client_id\" lines; unset makes a development token")
	devTokenFlag := fs.String("dev-token", "", "without --tokens, the demo client's development `token` (16 to 1024 printable characters, no spaces), the same across restarts; unset makes a random one")
	modeFlag := enumFlag(cmd, "validate-responses", "enforce", "enforce (violations become 500), report (log only) or off", "enforce", "report", "off")
	level, format := logFlags(cmd)
	validateRequests := fs.Bool("validate-requests", true, "validate requests against the contract; false only to measure what it costs")
	grace := durationFlag(fs, "shutdown-timeout", 10*time.Second, "", "how long in-flight requests may take to finish on SIGTERM")
	rateLimit := fs.String("rate-limit", "0", "requests per second allowed per token, tokens issued per client, and failed authentications per client address, 429 beyond; 0 means no limit, else at least 0.0000116 (one a day)")
	rateBurst := fs.String("rate-burst", "0", "requests a token may send at once; 0 means the rate rounded up")
	streams := fs.String("max-streams", "16", "answers over 512 KiB streamed at once, 503 with Retry-After beyond")
	streamsPerToken := fs.String("max-streams-per-token", "4", "answers over 512 KiB one token may have streamed at once, 429 with Retry-After beyond")
	latency := fs.String("latency", "0", "delay every API answer by a `duration` (300ms) or a range (100ms-2s), for testing clients")
	errorRate := fs.String("error-rate", "0", "share of API requests, 0 to 1 (or a percentage, 5%), answered 503 with Retry-After: "+server.ErrorRetryAfter+", for testing clients' retries")
	clientSecrets := fs.String("client-secrets", "", "`file` of \"client_secret client_id\" lines: the clients POST /api/v1/oauth2/token issues tokens to; unset without --tokens makes a development secret of the demo client")
	tokenTTL := durationFlag(fs, "token-ttl", server.DefaultTokenTTL, "", "how long a token of POST /api/v1/oauth2/token stays valid (its expires_in)")
	var corsOrigins origins
	fs.Var(&corsOrigins, "cors-origin", "allow browsers on this `origin` (http://localhost:3000, or * for any) to call the API; repeat or separate by commas; unset: CORS off")
	cacheSize := addSize(fs, "cache-size", 64<<20, "turns the cache off", "bytes of validated bodies kept for users read again, e.g. 64MiB")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		mode, err := validate.ParsePolicy(*modeFlag)
		if err != nil {
			return usageError("serve: %s", fromEnv(cmd, e, fmt.Errorf("--validate-responses: %w", err)))
		}
		logger, err1 := newLogger(e, *level, *format)
		limiter, authFailures, err2 := newRateLimiters(*rateLimit, *rateBurst)
		faults, err3 := newFaults(*latency, *errorRate)
		large, err4 := newLargeAnswers(*streamsPerToken, *streams)
		if err := cmp.Or(err1, err2, err3, err4); err != nil {
			return usageError("serve: %s", fromEnv(cmd, e, err))
		}

		tokens, devToken, err := loadTokens(ctx, *tokensFile, *devTokenFlag)
		if err != nil {
			return usageError("serve: %s", fromEnv(cmd, e, err))
		}
		if *tokenTTL < time.Second {
			return usageError("serve: %s", fromEnv(cmd, e, fmt.Errorf("--token-ttl %s: want at least 1s", *tokenTTL)))
		}
		issuer, devSecret, err := loadIssuer(ctx, *clientSecrets, devToken != "", *tokenTTL)
		if err != nil {
			return usageError("serve: %s", fromEnv(cmd, e, err))
		}
		if issuer != nil {
			tokens.AcceptIssued(issuer)
		}
		doc, err := loadSpec()
		if err != nil {
			return setupError(err)
		}
		// The database URL's form before the address, and the address before the store: a busy
		// port must not leave a new store behind, seeded for nothing.
		if _, _, err := store.ParseURL(*dbURL); err != nil {
			return usageError("serve: --database-url (or LOGINLOGS_DATABASE_URL): %v", err)
		}
		ln, err := net.Listen("tcp", *addr)
		if err != nil {
			return setupError(listenError("serve", "LOGINLOGS_ADDR", *addr, err))
		}
		defer ln.Close()
		st, storeDesc, err := openStore(ctx, *dbURL)
		if err != nil {
			return setupError(fmt.Errorf("open store: %w", err))
		}
		defer st.Close()
		if seeded, err := server.SeedDemo(ctx, st, doc); err != nil {
			return setupError(err)
		} else if seeded {
			logger.Info("seeded the empty store with the contract example", "client_id", server.DemoClientID, "user_id", server.DemoUserID)
		}

		handler := server.NewHandler(server.Config{
			Store: st, Validator: validate.New(doc), Tokens: tokens, Mode: mode, Logger: logger,
			SkipRequestValidation: !*validateRequests, Cache: server.NewCache(int(*cacheSize)),
			RateLimiter: limiter, AuthFailureLimiter: authFailures, LargeAnswers: large, Issuer: issuer,
			Faults: faults, CORSOrigins: corsOrigins,
		})
		srv := newHTTPServer(handler, logger)
		srv.ReadTimeout, srv.WriteTimeout = 15*time.Second, 30*time.Second
		base := "http://" + dialable(ln.Addr())
		logger.Info("listening", "url", base+validate.BasePath, "store", storeDesc, "validate_responses", mode.String(),
			"validate_requests", *validateRequests, "cache_bytes", *cacheSize, "tokens", tokens.Len())
		// One write, so that a reader of stdout sees the address and the lines to paste together.
		var banner bytes.Buffer
		fmt.Fprintf(&banner, "loginlogs serve: %s%s (store %s, response validation %s)\n", base, validate.BasePath, storeDesc, mode)
		if devToken != "" {
			printDevEnv(&banner, base+validate.BasePath, devToken, *devTokenFlag == "", *dbURL)
		}
		if devSecret != "" {
			fmt.Fprintf(&banner, "# Fresh tokens of the demo client (expires_in %d): export SSOJET_CLIENT_SECRET=%s; then loginlogs token\n",
				int(tokenTTL.Seconds()), shellQuote(devSecret))
		}
		e.stdout.Write(banner.Bytes())

		switch serveErr, shutdownErr := serveUntil(ctx, srv, ln, *grace, logger); {
		case serveErr != nil:
			return setupError(fmt.Errorf("serve: %w", serveErr))
		case shutdownErr != nil:
			if errors.Is(shutdownErr, context.DeadlineExceeded) {
				return failedError("shutdown: requests still in flight after --shutdown-timeout %s were cut", *grace)
			}
			return failedError("shutdown: %v", shutdownErr)
		}
		logger.Info("stopped")
		return nil
	}
	return cmd
}

// fromEnv is the text of err, a flag's value refused, naming the variable (bindEnv) instead of
// the flag when the value came from it: the user set LOGINLOGS_LOG_LEVEL, not --log-level. A
// message that names both ("--dev-token (or LOGINLOGS_DEV_TOKEN)") stays as it is.
func fromEnv(cmd *cobra.Command, e env, err error) string {
	msg := err.Error()
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if b, ok := bindingOf(cmd.Name(), f.Name); ok && !f.Changed && e.getenv(b.env) != "" && !strings.Contains(msg, "--"+f.Name+" (or ") {
			for _, end := range []string{" ", ":"} {
				msg = strings.ReplaceAll(msg, "--"+f.Name+end, b.env+end)
			}
		}
	})
	return msg
}

// listenError says why a verb (serve, proxy) cannot listen on addr and which flag, and which
// variable (env), picks another address.
func listenError(verb, env, addr string, err error) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("listen on %s: the address is in use (another loginlogs %s?); pick another with --addr (or %s), e.g. --addr 127.0.0.1:8082, or 127.0.0.1:0 for any free port", addr, verb, env)
	}
	return fmt.Errorf("listen on %s: %w; check --addr (or %s): host:port, e.g. 127.0.0.1:8080", addr, err, env)
}

// loadTokens reads the token file, or binds one development token to the demo client: dev, or a
// random one when dev is empty. It returns the development token, if any. Its errors never quote
// a token.
func loadTokens(ctx context.Context, path, dev string) (*server.Tokens, string, error) {
	if path == "" {
		if dev == "" {
			dev = randomSecret("dev_")
		} else if err := checkDevToken(dev); err != nil {
			return nil, "", fmt.Errorf("--dev-token (or LOGINLOGS_DEV_TOKEN): %w", err)
		}
		t := &server.Tokens{}
		t.Add(dev, server.DemoClientID)
		return t, dev, nil
	}
	if dev != "" {
		return nil, "", errors.New("--dev-token (or LOGINLOGS_DEV_TOKEN) and --tokens exclude each other: put the token in the --tokens file")
	}
	t, err := readPairs(ctx, "--tokens", path, "token")
	return t, "", err
}

// readPairs reads a file of "field client_id" lines named by flag (--tokens with token,
// --client-secrets with client_secret) with server.ParsePairs; a file without any is an error.
func readPairs(ctx context.Context, flag, path, field string) (*server.Tokens, error) {
	f, err := openFile(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", flag, err)
	}
	defer f.Close()
	t, err := server.ParsePairs(f, field)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", flag, path, err)
	}
	if t.Len() == 0 {
		return nil, fmt.Errorf("%s: %s: no `%s client_id` lines", flag, path, field)
	}
	return t, nil
}

// randomSecret returns prefix and 24 random bytes in base64url.
func randomSecret(prefix string) string {
	b := make([]byte, 24)
	rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// checkDevToken says what is wrong with a development token, without quoting it: it goes in an
// Authorization header and a shell line, and is a secret however weak.
func checkDevToken(tok string) error {
	switch {
	case len(tok) < 16:
		return fmt.Errorf("want at least 16 characters, got %d", len(tok))
	case len(tok) > 1024:
		return fmt.Errorf("want at most 1024 characters, got %d", len(tok))
	case strings.ContainsFunc(tok, func(r rune) bool { return r <= ' ' || r > '~' }):
		return errors.New("want printable ASCII characters only, no spaces or control characters")
	}
	return nil
}

// printDevEnv prints, for the demo user, the line that points get and contract at this server
// (SSOJET_* variables, each value shell-quoted) and import and delete at its store
// (LOGINLOGS_DATABASE_URL, unless it holds a password), and the same call as a curl command.
func printDevEnv(w io.Writer, apiURL, token string, random bool, dbURL string) {
	how := "random; --dev-token keeps one across restarts"
	if !random {
		how = "from --dev-token or LOGINLOGS_DEV_TOKEN"
	}
	fmt.Fprintf(w, "# No --tokens: a development token of the demo client (%s).\n", how)
	db, exportable := exportableDatabaseURL(dbURL)
	if exportable {
		fmt.Fprintln(w, "# Paste the next line into your shell; then loginlogs get and contract need no flags, and import and delete use this server's store:")
	} else {
		fmt.Fprintln(w, "# Paste the next line into your shell; then loginlogs get and contract need no flags (set LOGINLOGS_DATABASE_URL yourself for import: it holds a password):")
	}
	fmt.Fprintf(w, "export SSOJET_BASE_URL=%s SSOJET_TOKEN=%s SSOJET_CLIENT_ID=%s SSOJET_USER_ID=%s",
		shellQuote(apiURL), shellQuote(token), shellQuote(server.DemoClientID), shellQuote(server.DemoUserID))
	if exportable {
		fmt.Fprintf(w, " LOGINLOGS_DATABASE_URL=%s", shellQuote(db))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "# or: curl -sS -H %s %s\n", shellQuote("Authorization: Bearer "+token),
		shellQuote(apiURL+"/users/"+url.PathEscape(server.DemoUserID)+"/loginlogs?client_id="+url.QueryEscape(server.DemoClientID)))
}

// shellQuote returns s as one word of a POSIX shell: as it is when it holds only characters no
// shell treats specially, else in single quotes (a quote inside written '\”).
func shellQuote(s string) string {
	safe := s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./_-", r))
	})
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// newLargeAnswers parses --max-streams-per-token and --max-streams: whole numbers from 1.
func newLargeAnswers(perToken, overall string) (*server.LargeAnswers, error) {
	p, err := strconv.Atoi(perToken)
	if err != nil || p < 1 {
		return nil, fmt.Errorf("--max-streams-per-token %q: want a whole number from 1", perToken)
	}
	o, err := strconv.Atoi(overall)
	if err != nil || o < 1 {
		return nil, fmt.Errorf("--max-streams %q: want a whole number from 1", overall)
	}
	return server.NewLargeAnswers(p, o), nil
}

// origins is the value of --cors-origin: origins given in several flags or separated by commas.
type origins []string

func (o *origins) String() string { return strings.Join(*o, ",") }
func (o *origins) Type() string   { return "origins" }

// Set adds the origins of s. Each is *, null, or an origin as a browser sends it in its Origin
// header, scheme://host[:port] (lowercased, as browsers send it); one with a path (a trailing
// slash too), a query or no scheme would never match a browser's and is refused.
func (o *origins) Set(s string) error {
	for v := range strings.SplitSeq(s, ",") {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		u, err := url.Parse(v)
		if v != "*" && v != "null" && (err != nil || u.Scheme == "" || u.Host == "" || u.User != nil ||
			u.Path != "" || strings.ContainsAny(v, "?#")) {
			return fmt.Errorf("origin %q: want scheme://host[:port] as browsers send it in Origin (http://localhost:3000, no path or trailing slash), null, or * for any", v)
		}
		*o = append(*o, strings.ToLower(v))
	}
	return nil
}

// newFaults parses --latency (a duration or a range lo-hi) and --error-rate (0 to 1, or a
// percentage); nil when both are 0.
func newFaults(latency, errorRate string) (*server.Faults, error) {
	var f server.Faults
	lo, hi, isRange := strings.Cut(latency, "-")
	if !isRange {
		hi = lo
	}
	var err1, err2 error
	f.LatencyMin, err1 = time.ParseDuration(lo)
	f.LatencyMax, err2 = time.ParseDuration(hi)
	if err1 != nil || err2 != nil || f.LatencyMin < 0 || f.LatencyMax < f.LatencyMin || f.LatencyMax > server.MaxDelay {
		return nil, fmt.Errorf("--latency %q: want a duration such as 300ms, or a range such as 100ms-2s, up to %s", latency, server.MaxDelay)
	}
	rate, pct := strings.CutSuffix(errorRate, "%")
	r, err := strconv.ParseFloat(rate, 64)
	if pct {
		r /= 100
	}
	if err != nil || !(r >= 0 && r <= 1) {
		return nil, fmt.Errorf("--error-rate %q: want a share from 0 to 1, or a percentage such as 5%%", errorRate)
	}
	f.ErrorRate = r
	if f.ErrorRate == 0 && f.LatencyMax == 0 {
		return nil, nil
	}
	return &f, nil
}

// minRate is the least --rate-limit: one request a day. A smaller rate is a typo or an attempt
// to say "never", and its wait between requests stops being a sensible Retry-After.
const minRate = 1.0 / 86400

// newRateLimiters parses --rate-limit and --rate-burst and returns two limiters of that budget:
// requests per token, and failed authentications per client address. A rate of 0 means none.
func newRateLimiters(rate, burst string) (perToken, authFailures *server.RateLimiter, err error) {
	r, err := strconv.ParseFloat(rate, 64)
	if err != nil || r < 0 || math.IsInf(r, 0) || math.IsNaN(r) {
		return nil, nil, fmt.Errorf("--rate-limit %q: want a number of requests per second, 0 for no limit", rate)
	}
	if r > 0 && r < minRate {
		return nil, nil, fmt.Errorf("--rate-limit %q: want 0 for no limit, or at least 0.0000116 requests per second (one a day)", rate)
	}
	b, err := strconv.Atoi(burst)
	if err != nil || b < 0 {
		return nil, nil, fmt.Errorf("--rate-burst %q: want a whole number of requests, 0 for the rate rounded up", burst)
	}
	if r == 0 {
		return nil, nil, nil
	}
	return server.NewRateLimiter(r, b), server.NewRateLimiter(r, b), nil
}

// dialable turns a listening address into one a client can call: an unspecified IP (":8080",
// "0.0.0.0", "::") becomes 127.0.0.1.
func dialable(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port))
}

// newHTTPServer returns the HTTP server of serve and proxy for h: bounded header reads and idle
// connections, its own errors logged as warnings.
func newHTTPServer(h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// serveUntil serves srv on ln until ctx ends, then shuts it down: the requests in flight get
// grace to finish, and those still running after it are cut (srv.Close). serveErr is Serve's
// error when it stopped before ctx ended; shutdownErr says the shutdown cut requests.
func serveUntil(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration, logger *slog.Logger) (serveErr, shutdownErr error) {
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err, nil
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", grace.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if shutdownErr = srv.Shutdown(shutdownCtx); shutdownErr != nil {
		srv.Close()
	}
	<-served // http.ErrServerClosed, once Shutdown began
	return nil, shutdownErr
}

// newLogger makes the structured logger on stderr.
func newLogger(e env, level, format string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(e.stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(e.stderr, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}
