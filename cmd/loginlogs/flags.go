package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/agnivade/levenshtein"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// envBinding says that a flag, in every verb that has it, falls back to an environment variable.
type envBinding struct {
	flag, env string
	secret    bool   // the value may hold a secret: nothing ever prints it
	except    string // a verb whose flag of this name has no fallback, or another binding's
	only      string // the one verb whose flag of this name has this fallback
}

// envBindings is the one table of environment fallbacks (decision D6). A flag given on the
// command line wins over its variable; the variable wins over the flag's default. --help names
// the variable and says whether it is set, never its value.
var envBindings = []envBinding{
	{flag: "base-url", env: "SSOJET_BASE_URL", secret: true}, // a URL may hold a password
	{flag: "token", env: "SSOJET_TOKEN", secret: true},
	{flag: "other-token", env: "SSOJET_OTHER_TOKEN", secret: true},
	{flag: "client-id", env: "SSOJET_CLIENT_ID"},
	{flag: "user-id", env: "SSOJET_USER_ID", except: "delete"}, // erasing a user is never implicit
	{flag: "database-url", env: "LOGINLOGS_DATABASE_URL", secret: true},
	{flag: "max-body", env: "LOGINLOGS_MAX_BODY"},
	{flag: "addr", env: "LOGINLOGS_ADDR", except: "proxy"}, // serve's and the proxy's never collide
	{flag: "addr", env: "LOGINLOGS_PROXY_ADDR", only: "proxy"},
	{flag: "upstream", env: "LOGINLOGS_UPSTREAM", secret: true}, // a URL may hold a password
	{flag: "tokens", env: "LOGINLOGS_TOKENS"},
	{flag: "dev-token", env: "LOGINLOGS_DEV_TOKEN", secret: true},
	{flag: "validate-responses", env: "LOGINLOGS_VALIDATE_RESPONSES"},
	{flag: "validate-requests", env: "LOGINLOGS_VALIDATE_REQUESTS"},
	{flag: "log-level", env: "LOGINLOGS_LOG_LEVEL"},
	{flag: "log-format", env: "LOGINLOGS_LOG_FORMAT"},
	{flag: "cache-size", env: "LOGINLOGS_CACHE_SIZE"},
	{flag: "rate-limit", env: "LOGINLOGS_RATE_LIMIT"},
	{flag: "rate-burst", env: "LOGINLOGS_RATE_BURST"},
	{flag: "max-streams", env: "LOGINLOGS_MAX_STREAMS"},
	{flag: "max-streams-per-token", env: "LOGINLOGS_MAX_STREAMS_PER_TOKEN"},
	{flag: "latency", env: "LOGINLOGS_LATENCY"},
	{flag: "error-rate", env: "LOGINLOGS_ERROR_RATE"},
	{flag: "cors-origin", env: "LOGINLOGS_CORS_ORIGIN"},
	{flag: "client-secrets", env: "LOGINLOGS_CLIENT_SECRETS"},
	{flag: "token-ttl", env: "LOGINLOGS_TOKEN_TTL"},
}

// bindingOf returns the environment fallback of flag name in verb, if it has one.
func bindingOf(verb, name string) (envBinding, bool) {
	for _, b := range envBindings {
		if b.flag == name && b.except != verb && (b.only == "" || b.only == verb) {
			return b, true
		}
	}
	return envBinding{}, false
}

// bindEnv applies envBindings to every verb under root: each bound flag's help names its
// variable, and before a verb runs, its bound flags not given on the command line take their
// variable's value, parsed as the flag parses it (a bad value is a usage error naming the
// variable). Values are applied after --help is printed, so help never shows them.
func bindEnv(root *cobra.Command, e env) {
	for _, cmd := range root.Commands() {
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			b, ok := bindingOf(cmd.Name(), f.Name)
			if !ok {
				return
			}
			note := "env: " + b.env
			if e.getenv(b.env) != "" {
				note += ", set"
				if b.secret {
					note += ": its value is not shown"
				}
			}
			f.Usage += " (" + note + ")"
		})
	}
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		err := refuseEmpty(cmd)
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			b, ok := bindingOf(cmd.Name(), f.Name)
			if !ok || f.Changed || err != nil {
				return
			}
			if v := e.getenv(b.env); v != "" {
				if serr := f.Value.Set(v); serr != nil {
					shown := strconv.Quote(v) + ": "
					if b.secret {
						shown = "(value not shown): "
					}
					err = usageError("%s: %s %s%s", cmd.Name(), b.env, shown, valueProblem(f, serr))
				}
			}
		})
		return err
	}
}

// emptyMeans names the flags whose empty value says something of its own: --content-type ""
// judges a bare body sent with no Content-Type.
var emptyMeans = map[string]bool{"content-type": true}

// refuseEmpty refuses a flag given an empty value on the command line (--base-url=, or --spec
// "$CANDIDATE" with the variable unset), unless emptyMeans says what that is: empty is what
// leaving the flag out means, and its default (the production API, the embedded contract, every
// interface for --addr) is not what a variable that happened to be unset should choose.
func refuseEmpty(cmd *cobra.Command) error {
	var err error
	cmd.Flags().Visit(func(f *pflag.Flag) {
		empty := strings.TrimSpace(f.Value.String()) == ""
		if s, ok := f.Value.(pflag.SliceValue); ok {
			empty = len(s.GetSlice()) == 0
		}
		if empty && !emptyMeans[f.Name] && err == nil {
			err = usageError("%s: --%s is empty: give it a value, or leave it out for its default", cmd.Name(), f.Name)
		}
	})
	return err
}

// flagErrorText renders an error of the flag parser on one line, naming the verb: a value that
// does not parse says what the flag wants.
func flagErrorText(c *cobra.Command, err error) string {
	var bad *pflag.InvalidValueError
	if errors.As(err, &bad) {
		f := bad.GetFlag()
		value := strconv.Quote(bad.GetValue()) + ": "
		if b, ok := bindingOf(c.Name(), f.Name); ok && b.secret {
			value = ""
		}
		return fmt.Sprintf("%s: --%s %s%s", c.Name(), f.Name, value, valueProblem(f, errors.Unwrap(bad)))
	}
	var unknown *pflag.NotExistError
	if errors.As(err, &unknown) && unknown.GetSpecifiedName() != "" {
		if near := nearestFlag(c.Flags(), unknown.GetSpecifiedName()); near != "" {
			return fmt.Sprintf("%s: unknown flag --%s; did you mean --%s?", c.Name(), unknown.GetSpecifiedName(), near)
		}
	}
	return c.Name() + ": " + err.Error()
}

// nearestFlag returns the flag of fs nearest to a mistyped name: the one fewest edits away, at
// most 2 (--adr, --database_url), else the only one the name begins (--tok for --token); ""
// when none is near enough.
func nearestFlag(fs *pflag.FlagSet, name string) string {
	best, bestDist, prefixed := "", 3, []string{}
	fs.VisitAll(func(f *pflag.Flag) {
		if d := levenshtein.ComputeDistance(name, f.Name); d < bestDist {
			best, bestDist = f.Name, d
		}
		if strings.HasPrefix(f.Name, name) {
			prefixed = append(prefixed, f.Name)
		}
	})
	if best == "" && len(prefixed) == 1 {
		best = prefixed[0]
	}
	return best
}

// valueProblem says what is wrong with a value flag f refused: the flag types of pflag answer
// with strconv's wording, which is replaced by what the flag wants.
func valueProblem(f *pflag.Flag, err error) string {
	switch f.Value.Type() {
	case "bool":
		return "want true or false"
	case "int", "int64":
		return "want a whole number"
	case "uint", "uint64":
		return "want a whole number of 0 or more"
	case "float64":
		return "want a number"
	}
	return err.Error()
}

// limit is the flag value of a bound, a duration or a size. Its 0 means one thing, said in its
// help: zero, or, when zero is "", nothing at all: 0 is refused (exit 2), never read as "no limit"
// (what is read from outside stays bounded) nor as the default.
type limit[T ~int64] struct {
	p          *T
	def        T
	zero, kind string
	parse      func(string) (T, error)
}

func (l *limit[T]) String() string { return show(*l.p) }
func (l *limit[T]) Type() string   { return l.kind }

func (l *limit[T]) Set(s string) error {
	v, err := l.parse(strings.TrimSpace(s))
	if err != nil {
		return err
	}
	switch {
	case v < 0 && l.zero != "":
		return fmt.Errorf("want 0 or more (0 %s)", l.zero)
	case v < 0, v == 0 && l.zero == "":
		return fmt.Errorf("want more than 0, such as %s", show(l.def))
	}
	*l.p = v
	return nil
}

// show renders a duration as time.Duration does, a size as sizeFlag does.
func show[T ~int64](v T) string {
	if d, ok := any(v).(time.Duration); ok {
		return d.String()
	}
	return sizeFlag(int64(v))
}

// limitFlag registers every duration and size flag (one rule for 0, see limit): zero says what 0
// means, "" refuses it; the help says which.
func limitFlag[T ~int64](fs *pflag.FlagSet, name string, def T, zero, usage, kind string, parse func(string) (T, error)) *T {
	p := new(T)
	*p = def
	if zero == "" {
		usage += "; more than 0"
	} else {
		usage += "; 0 " + zero
	}
	fs.Var(&limit[T]{p: p, def: def, zero: zero, kind: kind, parse: parse}, name, usage)
	return p
}

// durationFlag registers a duration flag (limitFlag). A duration must carry its unit: "5" is
// refused with a message asking for one, not taken as nanoseconds.
func durationFlag(fs *pflag.FlagSet, name string, def time.Duration, zero, usage string) *time.Duration {
	return limitFlag(fs, name, def, zero, usage, "duration", func(s string) (time.Duration, error) {
		v, err := time.ParseDuration(s)
		if err != nil {
			if _, nerr := strconv.ParseFloat(s, 64); nerr == nil {
				return 0, errors.New("a duration needs a unit, like 5s or 2m")
			}
			return 0, errors.New("want a duration such as 30s, 2m or 1h30m")
		}
		return v, nil
	})
}

// byteSize is a number of bytes, rendered with the largest binary unit that divides it.
type byteSize int64

// sizeUnits are the units a size flag takes, the binary ones first: B, KB, MB, GB (powers of
// 1000) or KiB, MiB, GiB (powers of 1024).
var sizeUnits = []struct {
	suffix string
	mult   int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}

// String renders the size in the largest binary unit that divides it, e.g. 1GiB.
func (b *byteSize) String() string {
	n := int64(*b)
	for _, u := range sizeUnits[:3] {
		if n >= u.mult && n%u.mult == 0 {
			return strconv.FormatInt(n/u.mult, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// addSize registers a size flag (limitFlag): bytes with an optional unit (sizeUnits).
func addSize(fs *pflag.FlagSet, name string, def int64, zero, usage string) *int64 {
	return limitFlag(fs, name, def, zero, usage, "size", func(s string) (int64, error) {
		num, mult := s, int64(1)
		for _, u := range sizeUnits {
			if n, ok := strings.CutSuffix(num, u.suffix); ok {
				num, mult = strings.TrimSpace(n), u.mult
				break
			}
		}
		n, err := strconv.ParseInt(num, 10, 64)
		if errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(num, "-") || err == nil && n > math.MaxInt64/mult {
			// Multiplied, it would wrap around: a negative size, or a small one.
			return 0, errors.New("too large (at most 8 EiB)")
		}
		if err != nil || n < 0 {
			return 0, errors.New("want a positive size such as 512MiB, 1GiB or 1000000 (bytes); units B, KB, MB, GB, KiB, MiB, GiB")
		}
		return n * mult, nil
	})
}

// addDatabaseURL registers --database-url (fallback LOGINLOGS_DATABASE_URL, whose value --help
// never shows: a PostgreSQL URL may hold a password).
func addDatabaseURL(fs *pflag.FlagSet) *string {
	return fs.String("database-url", defaultDatabaseURL, "the store, a `url`: sqlite:PATH, a plain PATH (SQLite) or postgres://…")
}

// addMaxBody registers --max-body on fs; what ends the flag's help.
func addMaxBody(fs *pflag.FlagSet, def int64, what string) *int64 {
	return addSize(fs, "max-body", def, "", "largest body read, a size such as 1GiB, 10MiB or 1000000; "+what)
}

// loadSpec parses the embedded contract once per process: run may be called many times (tests,
// fuzzing), and the verbs only read the document.
var loadSpec = sync.OnceValues(spec.Embedded)

// loadContract returns the contract a verb judges with, and its text: the embedded one, or the
// one in specFile (--spec), read until ctx ends. Either must declare the operation the verb
// calls. Its errors are the verb's usage or set-up errors.
func loadContract(ctx context.Context, verb, specFile string) (*openapi3.T, []byte, error) {
	what, text := "the embedded contract", api.OpenAPI
	var doc *openapi3.T
	var err error
	if specFile == "" {
		if doc, err = loadSpec(); err != nil {
			return nil, nil, setupError(err)
		}
	} else {
		what = "--spec " + specFile
		f, err := openFile(ctx, specFile)
		if err != nil {
			return nil, nil, usageError("%s: --spec: read contract: %v", verb, err)
		}
		defer f.Close()
		if doc, text, err = spec.Read(specFile, f); err != nil {
			return nil, nil, usageError("%s: --spec: %v", verb, err)
		}
	}
	if _, ok := validate.Operation(doc, contract.OperationID); !ok {
		return nil, nil, usageError("%s: %s declares no operation with operationId %s, the operation every check calls", verb, what, contract.OperationID)
	}
	return doc, text, nil
}

// apiFlags are the flags of the verbs that call the API (contract, get).
type apiFlags struct {
	baseURL, token, tokenFile, clientID, userID *string
	clientSecretEnv                             *string // the variable holding the client secret (token.go)
	secret                                      *string // the client secret, once credentials read it
	fs                                          *pflag.FlagSet
	verb                                        string
}

// addAPIFlags registers --base-url, --token, --token-file, --client-id and --user-id on the
// verb's flags; userHelp says what --user-id is for in this verb. Neither the token nor the base
// URL (it may hold a password) is ever shown by --help.
func addAPIFlags(cmd *cobra.Command, userHelp string) apiFlags {
	fs := cmd.Flags()
	return apiFlags{
		fs: fs, verb: cmd.Name(),
		baseURL: fs.String("base-url", defaultBaseURL, "API base `URL`"),
		token: fs.String("token", "",
			"bearer `token` (at least 8 bytes, not all digits), never printed or recorded; on the command line every local user sees it in ps: prefer --token-file or SSOJET_TOKEN"),
		tokenFile:       fs.String("token-file", "", "read the bearer token from `file` (- for stdin), a trailing newline trimmed; unlike --token, not shown by ps"),
		clientID:        fs.String("client-id", "", "client_id of the token's application"),
		userID:          fs.String("user-id", "", userHelp),
		clientSecretEnv: addClientSecretEnv(fs, "; with it set and no token given, a fresh token is fetched from <base-url>/oauth2/token"),
		secret:          new(string),
	}
}

// maxTokenFile bounds what --token-file reads: a JWT is a few kilobytes.
const maxTokenFile = 64 << 10

// readToken sets the token from --token-file, once the flags are parsed: a file, or stdin for
// "-", read until its end (or ctx's), one trailing newline (\n or \r\n) trimmed. --token given
// too is a usage error; SSOJET_TOKEN is overridden.
func (a apiFlags) readToken(ctx context.Context) error {
	name := *a.tokenFile
	if name == "" {
		return nil
	}
	if a.fs.Changed("token") {
		return usageError("%s: --token and --token-file exclude each other", a.verb)
	}
	var in io.Reader
	if name == "-" {
		in = interruptible(ctx, stdin)
	} else {
		f, err := openFile(ctx, name)
		if err != nil {
			return usageError("%s: --token-file: %v", a.verb, err)
		}
		defer f.Close()
		in = f
	}
	b, err := io.ReadAll(io.LimitReader(in, maxTokenFile+1))
	switch {
	case err != nil:
		return usageError("%s: --token-file %s: %v", a.verb, name, err)
	case len(b) > maxTokenFile:
		return usageError("%s: --token-file %s: longer than %s, want one token", a.verb, name, sizeFlag(maxTokenFile))
	}
	tok := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	switch {
	case tok == "":
		return usageError("%s: --token-file %s is empty", a.verb, name)
	case strings.ContainsFunc(tok, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return usageError("%s: --token-file %s holds more than one line or a control character, want one token", a.verb, name)
	}
	*a.token = tok
	return nil
}

// secrets returns what the verb must never print: the token and the password of the base URL.
func (a apiFlags) secrets() []string {
	return append([]string{*a.token, *a.secret}, redact.URLSecrets(*a.baseURL)...)
}

// redactor returns the redactor of the verb's secrets, or a usage error naming the secret too
// short to be redacted without changing the data (redact.Usable).
func (a apiFlags) redactor() (*redact.Redactor, error) {
	if err := redact.Usable(*a.token); err != nil {
		return nil, usageError("%s: the token (--token, --token-file or SSOJET_TOKEN) %v", a.verb, err)
	}
	if *a.secret != "" {
		if err := redact.Usable(*a.secret); err != nil {
			return nil, usageError("%s: the client secret (%s) %v", a.verb, *a.clientSecretEnv, err)
		}
	}
	for _, pass := range redact.URLSecrets(*a.baseURL) {
		if err := redact.Usable(pass); err != nil {
			return nil, usageError("%s: the password of --base-url (or SSOJET_BASE_URL) %v", a.verb, err)
		}
	}
	return redact.New(a.secrets()...), nil
}

// missing names the required flags that are empty, e.g. "--token (or SSOJET_TOKEN)".
func (a apiFlags) missing() []string {
	var out []string
	for _, m := range []struct{ val, flag, env string }{
		{*a.token, "--token", "SSOJET_TOKEN, or a client secret in " + *a.clientSecretEnv + " to fetch one"},
		{*a.clientID, "--client-id", "SSOJET_CLIENT_ID"}, {*a.userID, "--user-id", "SSOJET_USER_ID"},
	} {
		if m.val == "" {
			out = append(out, m.flag+" (or "+m.env+")")
		}
	}
	return out
}

// cleanError returns err with every secret red knows redacted from its message and its control
// characters escaped (the message may quote what an API answered), keeping its exit code. It is
// what the verbs that call an API return.
func cleanError(red *redact.Redactor, err error) error {
	if err == nil || errors.Is(err, errHelp) {
		return err
	}
	msg := redact.Printable(red.String(err.Error()))
	if msg == err.Error() {
		return err
	}
	code := exitUsage
	var coded *codedError
	if errors.As(err, &coded) {
		code = coded.code
	}
	return &codedError{code: code, err: errors.New(msg)}
}

// enumFlag defines a string flag of cmd that takes one of values, and completes them in the
// shells (cobra's __complete), never a file name.
func enumFlag(cmd *cobra.Command, name, value, usage string, values ...string) *string {
	p := cmd.Flags().String(name, value, usage)
	cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	return p
}

// enumsFlag is enumFlag for a flag that takes several of values (comma-separated or repeated).
func enumsFlag(cmd *cobra.Command, name string, value []string, usage string, values ...string) *[]string {
	p := cmd.Flags().StringSlice(name, value, usage)
	cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	return p
}

// logLevels and logFormats are the values of --log-level and --log-format (newLogger).
var (
	logLevels  = []string{"debug", "info", "warn", "error"}
	logFormats = []string{"text", "json"}
)

// logFlags defines --log-level and --log-format, of serve and proxy, read by newLogger.
func logFlags(cmd *cobra.Command) (level, format *string) {
	level = enumFlag(cmd, "log-level", "info", "debug, info, warn or error", logLevels...)
	format = enumFlag(cmd, "log-format", "text", "text or json, on stderr", logFormats...)
	return level, format
}
