package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

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
	if err != nil || n < 0 {
		return fmt.Errorf("want a size such as 10MiB, got %q", s)
	}
	*b = byteSize(n * mult)
	return nil
}

// addMaxBody registers --max-body on fs, with the environment fallback LOGINLOGS_MAX_BODY (a
// value of it that is no size is a usage error). what ends the flag's help.
func addMaxBody(fs *flag.FlagSet, e env, def int64, what string) (*byteSize, error) {
	size := byteSize(def)
	if v := e.getenv("LOGINLOGS_MAX_BODY"); v != "" {
		if err := size.Set(v); err != nil || size <= 0 {
			return nil, usageError("%s: LOGINLOGS_MAX_BODY %q: want a positive size such as 1GiB", fs.Name(), v)
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
	baseURL, token, clientID, userID *string
}

// addAPIFlags registers --base-url, --token, --client-id and --user-id on fs; userHelp says what
// --user-id is for in this verb.
func addAPIFlags(fs *flag.FlagSet, e env, userHelp string) apiFlags {
	return apiFlags{
		baseURL:  fs.String("base-url", envOr(e, "SSOJET_BASE_URL", defaultBaseURL), "API base URL (env SSOJET_BASE_URL)"),
		token:    fs.String("token", e.getenv("SSOJET_TOKEN"), "bearer token (env SSOJET_TOKEN); never printed or recorded"),
		clientID: fs.String("client-id", e.getenv("SSOJET_CLIENT_ID"), "client_id of the token's application (env SSOJET_CLIENT_ID)"),
		userID:   fs.String("user-id", e.getenv("SSOJET_USER_ID"), userHelp+" (env SSOJET_USER_ID)"),
	}
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
