package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/ssojet-tools/loginlogs/internal/importer"
	"github.com/ssojet-tools/loginlogs/internal/report"
	"github.com/ssojet-tools/loginlogs/internal/store"
)

// stdin is what `import -` reads; a variable so that tests can feed it.
var stdin io.Reader = os.Stdin

const importLong = `Loads login logs into a store for one user of one client, creating the user if missing. By
default an import appends to the user's login logs the entries they do not hold yet (below).
--replace replaces them instead: it deletes the user's logs and writes the file's in one
transaction, whatever --batch-size says, so a failed replace leaves the old logs as they were
and can be re-run, and re-running a replace gives no duplicates. Readers (a server) see the old
logs until the replace commits. FILE is JSON (a 200 body
{"login_logs":[…]}, or a bare array of entries) or NDJSON (one entry per line); - reads stdin.
kin-openapi validates every entry against the contract's LoginLog schema (all eight fields,
CreatedAt an RFC 3339 UTC date-time), as the server's response check does.

Files of any size stream, one-line JSON included: memory holds one batch and the entries being
validated. Refused as a whole, at the point where it breaks: an entry over 1 MiB, data after
the JSON document (named by its byte offset), a body with no or two "login_logs" members, JSON
nested deeper than 64 levels.

An import appends what the user does not have yet: an entry equal in all eight fields to one of
the user's logs is left out (as often as the user has it), so importing the same file twice
changes nothing the second time, and says so. --append appends every entry. Each batch is
written only if the user's logs are still as the import read them or its last batch left them:
when another writer (an import, a delete) changed them meanwhile, the import stops with exit
code 1, the batches before staying written, and running it again imports only what is missing.

Batches: entries are written in transactions of --batch-size entries. A rejected entry stops the
import with its line (NDJSON) or index (JSON): the batches before it stay written, nothing of its
own batch is. --batch-size 0 writes the whole file in one transaction (all or nothing; it holds
every entry in memory until then). With --replace the batches are written in the one
transaction, so memory still holds one batch.

An input with no entries (an empty file, white space only, /dev/null, {"login_logs":[]} or [])
is refused under --replace with exit code 2, the logs untouched: replacing a user's history
with nothing is what a failed download piped into import looks like. --allow-empty lets such a
replace empty the user's logs. Without --replace an input with no entries imports nothing and
creates no user, and says so.

On a terminal (or with --progress always) a bar on stderr shows the share of FILE read, the
rate and the time left; reading stdin it shows the bytes read and the rate.

Exit codes: 0 imported, 1 an entry or the file was rejected or a write failed, 2 usage or setup
error (the store unavailable, also in the middle of an import), an interrupted import (SIGINT,
SIGTERM), or a --replace of an input with no entries.`

// newImportCmd is the import verb: flags and wiring; the work is internal/importer.
func newImportCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "load login logs from a JSON or NDJSON file into a store",
		Long:  importLong,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("import: want exactly one FILE (or - for stdin), got %d arguments", len(args))
			}
			return nil
		},
	}
	fs := cmd.Flags()
	dbURL := addDatabaseURL(fs)
	clientID := fs.String("client-id", "", "the client the user belongs to")
	userID := fs.String("user-id", "", "the user the login logs belong to")
	batchSize := fs.Int("batch-size", importer.DefaultBatchSize, "entries per transaction; 0 for one transaction")
	replace := fs.Bool("replace", false, "replace the user's login logs instead of appending to them, in one transaction: a failure leaves them as they were")
	appendAll := fs.Bool("append", false, "append every entry, also those the user's logs already hold (without it, importing a file twice changes nothing the second time)")
	allowEmpty := fs.Bool("allow-empty", false, "let --replace replace the user's logs with an input that has no entries (refused otherwise)")
	progress := enumFlag(cmd, "progress", "auto", "a progress bar on stderr (percentage, rate, time left): auto (on a terminal), always or never", progressModes...)
	specFile := fs.String("spec", "", "judge the entries against the contract in `FILE` instead of the embedded one: the array of its 200 body whose items declare a login log's fields")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx, name := cmd.Context(), args[0]
		switch {
		case *clientID == "":
			return usageError("import: --client-id is required")
		case *userID == "":
			return usageError("import: --user-id is required")
		case *batchSize < 0:
			return usageError("import: --batch-size must be 0 or more")
		case *replace && *appendAll:
			return usageError("import: --replace and --append exclude each other")
		}
		show, err := showProgress(e, "import", *progress)
		if err != nil {
			return err
		}
		var in io.Reader
		size := int64(-1) // unknown: stdin, a pipe
		if name == "-" {
			in = interruptible(ctx, stdin)
		} else {
			f, err := openFile(ctx, name)
			if err != nil {
				return setupError(fmt.Errorf("import: %w", err))
			}
			defer f.Close()
			in = f
			if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
				size = fi.Size()
			}
		}
		doc, _, err := loadContract(ctx, "import", *specFile)
		if err != nil {
			return err
		}
		im, err := importer.New(doc)
		if err != nil {
			return usageError("import: %v", err)
		}
		st, storeDesc, err := openStore(ctx, *dbURL)
		if err != nil {
			return setupError(fmt.Errorf("open store: %w", err))
		}
		defer st.Close()

		opts := importer.Options{ClientID: *clientID, UserID: *userID, BatchSize: *batchSize}
		var target importer.Store = st
		if !*replace && !*appendAll {
			stored, err := loadStored(ctx, st, *clientID, *userID)
			if err != nil {
				return setupError(fmt.Errorf("import: read the logs user %s has: %w", *userID, err))
			}
			opts.Skip = stored.take
			target = importer.Unchanged(st, stored.version)
		}
		var bar *progressbar.ProgressBar
		if show {
			bar = newProgressBar(e.stderr, size)
			r := progressbar.NewReader(in, bar)
			in = &r
		}
		if *batchSize > 0 && *batchSize <= 10_000 { // larger batches hold more live memory (gc.go)
			defer raiseGC(e)()
		}
		var res importer.Result
		if *replace {
			err = st.ReplaceLoginLogs(ctx, *clientID, *userID, func(add func([]store.LoginLog) error) error {
				var ierr error
				res, ierr = im.Import(ctx, addFunc(add), in, opts)
				if ierr == nil && res.Entries == 0 && !*allowEmpty {
					return errNoEntries
				}
				return ierr
			})
		} else {
			res, err = im.Import(ctx, target, in, opts)
		}
		if bar != nil {
			if err == nil {
				bar.Finish()
			}
			fmt.Fprintln(e.stderr) // the bar's line ends before any other
		}
		switch err = interrupted(ctx, err); {
		case errors.Is(err, errNoEntries):
			return setupError(fmt.Errorf("import --replace %s: the input has no entries: refused, it would erase the login logs of user %s (nothing written; --allow-empty empties them)", name, *userID))
		case err != nil && *replace:
			return storeError(err, "import --replace %s: %v (nothing written: the logs of user %s are as they were)", name, err, *userID)
		case errors.Is(err, store.ErrChanged):
			return failedError("import %s: stopped: the login logs of user %s changed during the import (another import or a delete); %s in %s were written before it, and running the import again imports only what is missing",
				name, *userID, report.Plural(res.Entries, "entry"), report.Plural(res.Batches, "batch"))
		case err != nil:
			return storeError(err, "import %s: %v (%s in %s were written before it, nothing of its batch)", name, err, report.Plural(res.Entries, "entry"), report.Plural(res.Batches, "batch"))
		case res.Entries == 0 && res.Skipped == 0 && !*replace:
			fmt.Fprintf(e.stdout, "nothing imported: %s has no entries (no user created, no login log added) in %s\n", name, storeDesc)
		case res.Entries == 0 && res.Skipped > 0:
			fmt.Fprintf(e.stdout, "nothing changed: user %s of client %s already has the %s of %s in %s (--append adds them again)\n",
				*userID, *clientID, report.Plural(res.Skipped, "login log"), name, storeDesc)
		case *replace:
			fmt.Fprintf(e.stdout, "replaced the login logs of user %s of client %s with %s in one transaction (%s) in %s\n",
				*userID, *clientID, report.Plural(res.Entries, "login log"), report.Plural(res.Batches, "batch"), storeDesc)
		case res.Skipped > 0:
			fmt.Fprintf(e.stdout, "imported %s in %s for user %s of client %s into %s (appended; %s the user already had left out)\n",
				report.Plural(res.Entries, "login log"), report.Plural(res.Batches, "batch"), *userID, *clientID, storeDesc, report.Plural(res.Skipped, "login log"))
		default:
			fmt.Fprintf(e.stdout, "imported %s in %s for user %s of client %s into %s (appended)\n",
				report.Plural(res.Entries, "login log"), report.Plural(res.Batches, "batch"), *userID, *clientID, storeDesc)
		}
		return nil
	}
	return cmd
}

// errNoEntries stops a replace whose input has no entries (without --allow-empty); the
// transaction rolls back.
var errNoEntries = errors.New("no entries")

// addFunc is the add of a replace's transaction, as the importer's Store.
type addFunc func([]store.LoginLog) error

// AddLoginLogs appends logs in the replace's transaction; the ids are the replace's.
func (f addFunc) AddLoginLogs(_ context.Context, _, _ string, logs []store.LoginLog) error {
	return f(logs)
}

// progressModes are the values of --progress (import, contract --generate).
var progressModes = []string{"auto", "always", "never"}

// showProgress says whether --progress (auto, always or never) of verb shows a bar on stderr:
// auto does on a terminal only.
func showProgress(e env, verb, mode string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return isTerminal(e.stderr), nil
	}
	return false, usageError("%s: --progress %q: want auto, always or never", verb, mode)
}

// newProgressBar is import's bar on w, driven by the bytes read of the input: percentage, bytes,
// rate and time left for a file of known size, a spinner with bytes and rate otherwise (size -1).
func newProgressBar(w io.Writer, size int64) *progressbar.ProgressBar {
	return progressbar.NewOptions64(size, barOptions(w, "import",
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionUseIECUnits(true),
	)...)
}

// barOptions are the options of a verb's progress bar on w, described by what, then more: its
// count and time left, 30 wide, drawn at most every 100 ms and only by the verb (no goroutine).
func barOptions(w io.Writer, what string, more ...progressbar.Option) []progressbar.Option {
	return append([]progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionSetSpinnerChangeInterval(0),
	}, more...)
}
