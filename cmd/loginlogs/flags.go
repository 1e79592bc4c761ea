package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
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
