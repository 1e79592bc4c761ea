package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/ssojet-tools/loginlogs/internal/importer"
)

// stdin is what `import -` reads; a variable so that tests can feed it.
var stdin io.Reader = os.Stdin

const importLong = `Loads login logs into a store for one user of one client, creating the user if missing. An
import appends to the user's login logs; --replace replaces them. FILE is JSON (a 200 body
{"login_logs":[…]}, or a bare array of entries) or NDJSON (one entry per line); - reads stdin.
kin-openapi validates every entry against the contract's LoginLog schema (all eight fields,
CreatedAt an RFC 3339 UTC date-time), as the server's response check does.

Files of any size stream, one-line JSON included: memory holds one batch and the entries being
validated. Refused as a whole, at the point where it breaks: an entry over 1 MiB, data after
the JSON document (named by its byte offset), a body with no or two "login_logs" members, JSON
nested deeper than 10,000 levels.

Batches: entries are written in transactions of --batch-size entries. A rejected entry stops the
import with its line (NDJSON) or index (JSON): the batches before it stay written, nothing of its
own batch is. --batch-size 0 writes the whole file in one transaction (all or nothing; it holds
every entry in memory until then).

Exit codes: 0 imported, 1 an entry or the file was rejected or a write failed, 2 usage or setup
error.`

// gcBatchLimit is the largest batch size an import raises the collector's target for (gc.go):
// larger batches hold more live memory.
const gcBatchLimit = 10_000

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
	o := importOptions{
		dbURL:     addDatabaseURL(fs),
		clientID:  fs.String("client-id", "", "the client the user belongs to"),
		userID:    fs.String("user-id", "", "the user the login logs belong to"),
		batchSize: fs.Int("batch-size", 1000, "entries per transaction; 0 for one transaction"),
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error { return runImport(cmd.Context(), e, o, args[0]) }
	return cmd
}

// importOptions are import's parsed flags.
type importOptions struct {
	dbURL, clientID, userID *string
	batchSize               *int
}

// runImport imports the file name into the store.
func runImport(ctx context.Context, e env, o importOptions, name string) error {
	dbURL, clientID, userID, batchSize := o.dbURL, o.clientID, o.userID, o.batchSize
	switch {
	case *clientID == "":
		return usageError("import: --client-id is required")
	case *userID == "":
		return usageError("import: --user-id is required")
	case *batchSize < 0:
		return usageError("import: --batch-size must be 0 or more")
	}
	var in io.Reader
	if name == "-" {
		in = interruptible(ctx, stdin)
	} else {
		f, err := os.Open(name)
		if err != nil {
			return setupError(fmt.Errorf("import: %w", err))
		}
		defer f.Close()
		in = f
	}
	doc, err := loadSpec()
	if err != nil {
		return setupError(err)
	}
	im, err := importer.New(doc)
	if err != nil {
		return setupError(err)
	}
	st, storeDesc, err := openStore(ctx, *dbURL)
	if err != nil {
		return setupError(fmt.Errorf("open store: %w", err))
	}
	defer st.Close()

	opts := importer.Options{ClientID: *clientID, UserID: *userID, BatchSize: *batchSize}
	if f, ok := e.stderr.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		opts.Progress = e.stderr
	}
	if *batchSize > 0 && *batchSize <= gcBatchLimit {
		defer raiseGC(e)()
	}
	res, err := im.Import(ctx, st, in, opts)
	if err != nil {
		return failedError("import %s: %v (%d entries in %d batches were written before it, nothing of its batch)", name, err, res.Entries, res.Batches)
	}
	fmt.Fprintf(e.stdout, "imported %d login logs in %d batches for user %s of client %s into %s\n",
		res.Entries, res.Batches, *userID, *clientID, storeDesc)
	return nil
}
