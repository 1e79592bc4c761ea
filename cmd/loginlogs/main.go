// Command loginlogs is the toolkit around SSOJet's user login-logs endpoint: the reference server
// (serve), the contract checker (contract), an SDK-backed client (get), a loader of login logs
// into a store (import) and its eraser (delete).
//
// Exit codes: 0 ok, 1 contract violated or request failed, 2 usage or setup error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// env is what a verb may touch of the world: its arguments come separately.
type env struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
}

// verb is one subcommand.
type verb struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

// verbs lists the subcommands in the order `loginlogs --help` shows them.
var verbs = []verb{
	{"serve", "run the reference server of the login-logs endpoint", runServe},
	{"contract", "check a live or recorded response against the contract", runContract},
	{"get", "call the login-logs endpoint through the SDK and print the answer", runGet},
	{"import", "load login logs from a JSON or NDJSON file into a store", runImport},
	{"delete", "erase a user and all its login logs from a store", runDelete},
}

// run is main without the process: everything it needs comes in as arguments.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return usageError("no verb given")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return nil
	}
	for _, v := range verbs {
		if v.name == args[0] {
			return v.run(ctx, e, args[1:])
		}
	}
	usage(stderr)
	return usageError("unknown verb %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: loginlogs <verb> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Verbs:")
	for _, v := range verbs {
		fmt.Fprintf(w, "  %-9s %s\n", v.name, v.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'loginlogs <verb> --help' for a verb's flags.")
	fmt.Fprintln(w, "Exit codes: 0 ok, 1 contract violated or request failed, 2 usage or setup error.")
}

// Exit codes of the command.
const (
	exitOK     = 0
	exitFailed = 1 // the contract is violated or a request failed
	exitUsage  = 2 // bad flags or arguments, or a setup problem (network, store, files)
)

// codedError carries the exit code a verb's failure maps to.
type codedError struct {
	code int
	err  error
}

func (e *codedError) Error() string { return e.err.Error() }
func (e *codedError) Unwrap() error { return e.err }

// usageError reports bad flags, arguments or set-up (exit 2).
func usageError(format string, args ...any) error {
	return &codedError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// setupError wraps a problem of the environment, such as an unreachable store (exit 2).
func setupError(err error) error {
	return &codedError{code: exitUsage, err: err}
}

// failedError reports a violated contract or a failed request (exit 1).
func failedError(format string, args ...any) error {
	return &codedError{code: exitFailed, err: fmt.Errorf(format, args...)}
}

// errHelp is returned by a verb that printed its help on request; it exits 0.
var errHelp = errors.New("help requested")

// exitCode prints err as one line on stderr and returns the process's exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "loginlogs: %v\n", err)
	var coded *codedError
	if errors.As(err, &coded) {
		return coded.code
	}
	return exitUsage
}
