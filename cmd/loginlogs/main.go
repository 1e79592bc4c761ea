// Command loginlogs is the toolkit around SSOJet's user login-logs endpoint: the reference server
// (serve), the contract checker (contract), a validating proxy that judges real traffic (proxy),
// an SDK-backed client (get), a fetcher of bearer tokens with client credentials (token), a loader of login logs into a store (import), its eraser (delete)
// and the build's version (version).
//
// Exit codes: 0 ok, 1 contract violated or request failed, 2 usage or setup error, 3 a contract
// or proxy run that judged nothing (inconclusive).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/version"
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

// verbs builds the subcommands, in the order `loginlogs --help` lists them: one line per verb.
// (cobra adds `help` and `completion` itself.)
var verbs = []func(e env) *cobra.Command{
	newServeCmd,
	newContractCmd,
	newProxyCmd,
	newGetCmd,
	newTokenCmd,
	newImportCmd,
	newDeleteCmd,
	newVersionCmd,
}

func init() { cobra.EnableCommandSorting = false } // --help lists the verbs in the order above

// run is main without the process: everything it needs comes in as arguments.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdout: stdout, stderr: stderr}
	root, helped := newRootCmd(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil && *helped != nil {
		return *helped
	}
	return err
}

// newRootCmd builds the command tree; *helped is set once --help was asked for: errHelp once a
// help text was printed, or the usage error of arguments its command would refuse.
func newRootCmd(e env) (root *cobra.Command, helped *error) {
	var showVersion *bool
	root = &cobra.Command{
		Use:   "loginlogs",
		Short: "the toolkit around SSOJet's user login-logs endpoint",
		Long: "The toolkit around SSOJet's GET /api/v1/users/{userid}/loginlogs: a reference server, a\n" +
			"contract checker, an SDK-backed client, and a loader and eraser of login logs in a store.",
		Example: "  loginlogs serve\n  loginlogs get --format table\n  loginlogs completion bash > /etc/bash_completion.d/loginlogs",
		// Without this, cobra answers an unknown verb on its own, in several lines.
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return nil
			case *showVersion:
				return usageError("--version: want no arguments besides the flags, got %q", args)
			}
			return unknownVerb(cmd, args[0])
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if *showVersion {
				return printVersion(e)
			}
			fmt.Fprint(e.stderr, cmd.UsageString())
			return usageError("no verb given")
		},
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SuggestionsMinimumDistance = 2
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetUsageTemplate(usageTemplate)
	root.SetHelpTemplate(`{{.UsageString}}`)
	// --version is the root's own flag, not cobra's (root.Version), which ignores arguments.
	showVersion = root.Flags().BoolP("version", "v", false, "version for loginlogs")
	helped = new(error)
	printHelp := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		// `get --help extra`: cobra prints the help before it checks the arguments. (Without
		// arguments the help is printed, also of a verb that needs some.)
		if c.Flags().Parsed() && c.Flags().NArg() > 0 {
			if *helped = c.ValidateArgs(c.Flags().Args()); *helped != nil {
				return
			}
		}
		*helped = errHelp
		printHelp(c, args)
	})
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if c == root {
			// `loginlogs servr --addr …`: the mistyped verb, not the flag it did not know.
			if args := c.Flags().Args(); len(args) > 0 {
				return unknownVerb(c, args[0])
			}
			return usageError("%s (see loginlogs --help)", err)
		}
		return usageError("%s (see %s --help)", flagErrorText(c, err), c.CommandPath())
	})
	for _, newVerb := range verbs {
		root.AddCommand(newVerb(e))
	}
	refuseUnknownShells(root)
	refuseUnknownHelpTopics(root)
	initHelpFlags(root)
	bindEnv(root, e)
	return root, helped
}

// refuseUnknownShells adds cobra's completion verb now, so that `completion` without a shell it
// knows is a usage error of one line: cobra would print its help on stdout and exit 0, into the
// file of `loginlogs completion tcsh > file`.
func refuseUnknownShells(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	completion, _, err := root.Find([]string{"completion"})
	if err != nil || completion == root {
		return
	}
	var shells []string
	for _, c := range completion.Commands() {
		shells = append(shells, c.Name())
	}
	want := strings.Join(shells[:len(shells)-1], ", ") + " or " + shells[len(shells)-1]
	completion.Short = "print the shell completion script for " + want
	completion.Args = func(_ *cobra.Command, args []string) error {
		if len(args) > 0 { // a shell it knows is its verb
			return usageError("completion: unknown shell %q; want %s", args[0], want)
		}
		return nil
	}
	completion.RunE = func(*cobra.Command, []string) error {
		return usageError("completion: no shell given; want %s", want)
	}
}

// initHelpFlags adds --help to every command now, not as cobra does once it found the verb, so
// that cobra finds it knowing --help takes no value: `loginlogs --help serve` is serve's help.
func initHelpFlags(c *cobra.Command) {
	c.InitDefaultHelpFlag()
	for _, sub := range c.Commands() {
		initHelpFlags(sub)
	}
}

// refuseUnknownHelpTopics adds cobra's help verb as the tree is built (cobra adds it only when it
// runs), so that `help` of a verb that does not exist is a usage error of one line: cobra's own
// prints the top-level help and exits 0.
func refuseUnknownHelpTopics(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	help, _, err := root.Find([]string{"help"})
	if err != nil || help == root {
		return
	}
	help.Run = nil
	help.RunE = func(_ *cobra.Command, args []string) error {
		topic, rest, err := root.Find(args)
		switch {
		case err != nil:
			return usageError("help: %v", err)
		case len(rest) > 0 && topic == root:
			return unknownVerb(root, rest[0])
		case len(rest) > 0:
			return usageError("help: %s has no verb %q (see %s --help)", topic.CommandPath(), rest[0], topic.CommandPath())
		}
		topic.InitDefaultHelpFlag() // as cobra's help verb does, so that the help lists them
		topic.InitDefaultVersionFlag()
		return topic.Help()
	}
}

// usageTemplate is the help of every command: the usage line, what it does, its flags (with their
// environment variables), its verbs, and the exit codes.
const usageTemplate = `Usage: {{.UseLine}}{{if .HasAvailableSubCommands}} <verb>{{end}}
{{with .Long}}
{{.}}
{{end}}{{if .HasAvailableSubCommands}}
Verbs:{{range .Commands}}{{if .IsAvailableCommand}}
  {{rpad .Name .NamePadding}} {{.Short}}{{end}}{{end}}
{{end}}{{if .HasAvailableLocalFlags}}
Flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}
{{end}}{{if .HasExample}}
Examples:
{{.Example}}
{{end}}{{if .HasAvailableSubCommands}}
Run 'loginlogs <verb> --help' for a verb's flags.
Exit codes: 0 ok, 1 contract violated or request failed, 2 usage or setup error,
3 inconclusive: a contract or proxy run that judged nothing (--allow-empty passes it).
{{end}}`

// unknownVerb is the error of a first argument that names no verb, with the nearest verb if any.
func unknownVerb(root *cobra.Command, name string) error {
	if s := root.SuggestionsFor(name); len(s) > 0 {
		return usageError("unknown verb %q; did you mean %q? (see loginlogs --help)", name, s[0])
	}
	return usageError("unknown verb %q (see loginlogs --help)", name)
}

// newVersionCmd is the version verb, the same as `loginlogs --version`.
func newVersionCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version of this build and of its contract",
		Args:  noArgs,
		RunE:  func(*cobra.Command, []string) error { return printVersion(e) },
	}
}

// printVersion prints the version of this build and of its contract: the version verb and
// loginlogs --version.
func printVersion(e env) error {
	_, err := fmt.Fprintf(e.stdout, "loginlogs %s\n", version.WithContract())
	return err
}

// noArgs refuses positional arguments: a verb that takes only flags.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError("%s: want no arguments besides the flags, got %q", cmd.Name(), args)
	}
	return nil
}

// Exit codes of the command.
const (
	exitOK     = 0
	exitFailed = 1 // the contract is violated or a request failed
	exitUsage  = 2 // bad flags or arguments, or a setup problem (network, store, files)
	// exitInconclusive: a run of contract or proxy judged nothing, so nothing shows the contract
	// was kept (report.Inconclusive).
	exitInconclusive = 3
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

// inconclusiveError reports a run that judged nothing (exit 3).
func inconclusiveError(format string, args ...any) error {
	return &codedError{code: exitInconclusive, err: fmt.Errorf(format, args...)}
}

// errHelp is what run returns when it printed a help text on request; it exits 0.
var errHelp = errors.New("help requested")

// exitCode prints err as one line of at most redact.MaxErrorText runes on stderr and returns the
// process's exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "loginlogs: %s\n", redact.Shorten(strings.ReplaceAll(err.Error(), "\n", " "), redact.MaxErrorText))
	var coded *codedError
	if errors.As(err, &coded) {
		return coded.code
	}
	return exitUsage
}
