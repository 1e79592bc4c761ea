package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// parseFlags parses a verb's flags. --help prints usage and the flags on stdout and returns
// errHelp (exit 0); a bad flag prints them on stderr and returns a usage error (exit 2).
func parseFlags(fs *flag.FlagSet, e env, args []string, usage string) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	printUsage := func(w io.Writer) {
		fmt.Fprint(w, usage)
		fmt.Fprintln(w, "\nFlags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
		printUsage(e.stdout)
		return errHelp
	case err != nil:
		printUsage(e.stderr)
		return usageError("%s: %v", fs.Name(), err)
	}
	return nil
}

// envOr returns the environment variable name, or def when it is unset or empty.
func envOr(e env, name, def string) string {
	if v := e.getenv(name); v != "" {
		return v
	}
	return def
}

// hiddenString is a string flag whose value --help never shows: it may hold a secret (a token,
// a database URL's password), and its default may come from the environment.
type hiddenString struct{ val string }

func (h *hiddenString) String() string     { return "" }
func (h *hiddenString) Set(s string) error { h.val = s; return nil }

// addHiddenString registers a string flag whose default is the environment variable envName, else
// def. Its help names the variable and says whether it is set, never its value; def is shown
// when the variable is unset (it is no secret).
func addHiddenString(fs *flag.FlagSet, e env, name, envName, def, usage string) *string {
	v := &hiddenString{val: def}
	note := "env " + envName
	switch ev := e.getenv(envName); {
	case ev != "":
		v.val = ev
		note += ", set: its value is not shown"
	case def != "":
		note = "default " + def + "; " + note
	}
	fs.Var(v, name, usage+" ("+note+")")
	return &v.val
}

// addDatabaseURL registers --database-url with the fallback LOGINLOGS_DATABASE_URL, whose value
// (a PostgreSQL URL may hold a password) --help never shows.
func addDatabaseURL(fs *flag.FlagSet, e env) *string {
	return addHiddenString(fs, e, "database-url", "LOGINLOGS_DATABASE_URL", defaultDatabaseURL,
		"the store, a `url`: sqlite:PATH, a plain PATH (SQLite) or postgres://…")
}

// byteSize is a flag value of bytes with an optional unit: B, KB, MB, GB (powers of 1000) or
// KiB, MiB, GiB (powers of 1024).
type byteSize int64

// String renders the size in the largest binary unit that divides it, e.g. 1GiB.
func (b *byteSize) String() string {
	n := int64(*b)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.mult && n%u.mult == 0 {
			return strconv.FormatInt(n/u.mult, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// errTooLarge is a size beyond what an int64 holds.
var errTooLarge = errors.New("too large (at most 8 EiB)")

func (b *byteSize) Set(s string) error {
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}}
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range units {
		if n, ok := strings.CutSuffix(num, u.suffix); ok {
			num, mult = strings.TrimSpace(n), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(num, "-") || err == nil && n > math.MaxInt64/mult {
		// Multiplied, it would wrap around: a negative size, or a small one.
		return fmt.Errorf("want a size such as 10MiB, got %q: %w", s, errTooLarge)
	}
	if err != nil || n < 0 {
		return fmt.Errorf("want a size such as 10MiB, got %q", s)
	}
	*b = byteSize(n * mult)
	return nil
}

// addMaxBody registers --max-body on fs, with the environment fallback LOGINLOGS_MAX_BODY, parsed
// as the flag is (a value of it that is no size, or too large, is a usage error). what ends the
// flag's help.
func addMaxBody(fs *flag.FlagSet, e env, def int64, what string) (*byteSize, error) {
	size := byteSize(def)
	if v := e.getenv("LOGINLOGS_MAX_BODY"); v != "" {
		if err := size.Set(v); err != nil || size <= 0 {
			why := "want a positive size such as 1GiB"
			if errors.Is(err, errTooLarge) {
				why = errTooLarge.Error()
			}
			return nil, usageError("%s: LOGINLOGS_MAX_BODY %q: %s", fs.Name(), v, why)
		}
	}
	fs.Var(&size, "max-body", "largest body read, a `size` such as 1GiB, 10MiB or 1000000 (env LOGINLOGS_MAX_BODY); "+what)
	return &size, nil
}

// loadSpec parses the embedded contract once per process: run may be called many times (tests,
// fuzzing), and the verbs only read the document.
var loadSpec = sync.OnceValues(spec.Embedded)

// apiFlags are the flags of the verbs that call the API (contract, get), with the environment
// fallbacks of decision D6.
type apiFlags struct {
	baseURL, token, tokenFile, clientID, userID *string
	fs                                          *flag.FlagSet
}

// addAPIFlags registers --base-url, --token, --token-file, --client-id and --user-id on fs;
// userHelp says what --user-id is for in this verb. Neither the token nor the base URL (it may
// hold a password) is ever shown by --help.
func addAPIFlags(fs *flag.FlagSet, e env, userHelp string) apiFlags {
	return apiFlags{
		fs:      fs,
		baseURL: addHiddenString(fs, e, "base-url", "SSOJET_BASE_URL", defaultBaseURL, "API base `URL`"),
		token: addHiddenString(fs, e, "token", "SSOJET_TOKEN", "",
			"bearer `token`, never printed or recorded; on the command line every local user sees it in ps: prefer --token-file or SSOJET_TOKEN"),
		tokenFile: fs.String("token-file", "", "read the bearer token from `file` (- for stdin), a trailing newline trimmed; unlike --token, not shown by ps"),
		clientID:  fs.String("client-id", e.getenv("SSOJET_CLIENT_ID"), "client_id of the token's application (env SSOJET_CLIENT_ID)"),
		userID:    fs.String("user-id", e.getenv("SSOJET_USER_ID"), userHelp+" (env SSOJET_USER_ID)"),
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
	explicit := false
	a.fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "token" })
	if explicit {
		return usageError("%s: --token and --token-file exclude each other", a.fs.Name())
	}
	in := stdin
	if name == "-" {
		in = interruptible(ctx, stdin)
	} else {
		f, err := os.Open(name)
		if err != nil {
			return usageError("%s: --token-file: %v", a.fs.Name(), err)
		}
		defer f.Close()
		in = f
	}
	b, err := io.ReadAll(io.LimitReader(in, maxTokenFile+1))
	switch {
	case err != nil:
		return usageError("%s: --token-file %s: %v", a.fs.Name(), name, err)
	case len(b) > maxTokenFile:
		return usageError("%s: --token-file %s: longer than %s, want one token", a.fs.Name(), name, sizeFlag(maxTokenFile))
	}
	tok := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	switch {
	case tok == "":
		return usageError("%s: --token-file %s is empty", a.fs.Name(), name)
	case strings.ContainsFunc(tok, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return usageError("%s: --token-file %s holds more than one line or a control character, want one token", a.fs.Name(), name)
	}
	*a.token = tok
	return nil
}

// secrets returns what the verb must never print: the token and the password of the base URL.
func (a apiFlags) secrets() []string {
	return append([]string{*a.token}, redact.URLSecrets(*a.baseURL)...)
}

// missing names the required flags that are empty, e.g. "--token (or SSOJET_TOKEN)".
func (a apiFlags) missing() []string {
	var out []string
	for _, m := range []struct{ val, flag, env string }{
		{*a.token, "--token", "SSOJET_TOKEN"}, {*a.clientID, "--client-id", "SSOJET_CLIENT_ID"}, {*a.userID, "--user-id", "SSOJET_USER_ID"},
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
