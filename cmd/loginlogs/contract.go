package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"golang.org/x/net/http/httpguts"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/report"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// defaultBaseURL is SSOJet production, the first server of the contract.
const defaultBaseURL = "https://api.ssojet.com/api/v1"

// contractClock is the clock the checker judges "in the future" by; tests pin it.
var contractClock = time.Now

// contractLong is the help of the contract verb.
var contractLong = "  loginlogs contract                 check the live API\n" +
	"  loginlogs contract --response FILE check a recorded response (- for stdin)\n" +
	"  loginlogs contract --replay DIR    check recorded fixtures (- for fixtures on stdin)\n" +
	"  loginlogs contract --generate N    also send N requests generated from the contract (--seed S replays a run)\n\n" +
	"Checks: " + strings.Join(contract.CheckNames(), ", ") + ".\n" +
	"Errors (the contract is violated) fail; warnings (drift, bad data) do not. A check lists at most\n" +
	fmt.Sprintf("%d errors and %d warnings, and counts the others.\n", contract.MaxFindings, contract.MaxFindings) +
	"Answers are judged as they are read, in bounded memory, up to --max-body. Beyond it, and beyond\n" +
	fmt.Sprintf("what the checker holds at once (one entry of login_logs over %s; the members of a 200 besides\n", sizeFlag(contract.MaxEntry)) +
	fmt.Sprintf("its entries over %s; a body judged whole over %s: an error body, or one the contract's schema\n", sizeFlag(contract.MaxRest), sizeFlag(contract.MaxWhole)) +
	"does not let the checker split, which the message names), an answer is too large to check: exit 2,\nnot a violation.\n" +
	"Exit codes: 0 no errors, 1 contract violated, 2 usage or network problem, an answer too large to check\n" +
	"or that does not read as HTTP, or a --generate run interrupted (its report shows what it found until then),\n" +
	"3 INCONCLUSIVE: no check ran to a verdict, e.g. every check skipped (--allow-empty makes that 0)."

// newContractCmd is the contract verb: flags and wiring; the checks are internal/contract.
func newContractCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "contract",
		Short: "check a live or recorded response against the contract",
		Long:  contractLong,
		Args:  noArgs,
	}
	fs := cmd.Flags()
	api := addAPIFlags(cmd, "a user that has login logs")
	unknownUser := fs.String("unknown-user-id", "", "a user id that does not exist: enables the unknown-user check")
	timeout := durationFlag(fs, "timeout", contract.DefaultTimeout, "", "longest wait of a request: for its answer to begin, and for more of its body")
	maxBody := addMaxBody(fs, contract.DefaultMaxBody, "a longer answer is too large to check (exit 2)")
	specFile := fs.String("spec", "", "judge against the contract in FILE (OpenAPI 3.0, YAML or JSON) instead of the embedded one; it must declare operationId "+contract.OperationID)
	record := fs.String("record", "", "save each live exchange as DIR/<check>.json (replacing the fixtures of an earlier run in DIR), mode 0600 (the token and the base URL's password redacted in every encoding, credential headers too); a body over 1MiB goes to DIR/<check>.body; a symbolic link in their place is refused")
	response := fs.String("response", "", "offline: validate this recorded response (a fixture of --record, or a bare body); - reads stdin")
	replay := fs.String("replay", "", "offline: validate every DIR/*.json fixture; - reads fixtures one after another from stdin")
	status := fs.Int("status", http.StatusOK, "offline, bare body: its HTTP status")
	contentType := fs.String("content-type", "application/json", "offline, bare body: its Content-Type, unless a --header gives it")
	headers := fs.StringArray("header", nil, "offline, bare body: a response header 'Name: value' (repeatable), e.g. 'WWW-Authenticate: Bearer realm=\"ssojet\"' for a 401")
	checkName := enumFlag(cmd, "check", "", "offline: judge the response as this check ("+strings.Join(contract.CheckNames(), ", ")+"); default: any documented status", contract.CheckNames()...)
	format := enumFlag(cmd, "format", "text", "report format: text or json", "text", "json")
	junit := fs.String("junit", "", "also write a JUnit XML report to FILE, mode 0600 (never wider than a file it replaces)")
	only := enumsFlag(cmd, "only", nil, "live: run only these checks (comma-separated or repeated; "+strings.Join(contract.CheckNames(), ", ")+"); the others are skipped as not selected", contract.CheckNames()...)
	skip := enumsFlag(cmd, "skip", nil, "live: skip these checks (comma-separated or repeated)", contract.CheckNames()...)
	allowEmpty := fs.Bool("allow-empty", false, "exit 0, not 3 (INCONCLUSIVE), when no check ran to a verdict")
	genFlags := addGenerateFlags(cmd)
	cmd.RunE = func(cmd *cobra.Command, _ []string) (err error) {
		ctx := cmd.Context()
		// Every error line is redacted and escaped: it may quote what the API answered.
		var red *redact.Redactor
		defer func() { err = cleanError(red, err) }()
		offline := *response != "" || *replay != ""
		defer raiseGC(e)() // see gc.go
		if *format != "text" && *format != "json" {
			return usageError("contract: --format %q: want text or json", *format)
		}
		if !contract.ValidStatus(*status) {
			return usageError("contract: --status %d: want an HTTP status of three digits, such as 401", *status)
		}
		if *response != "" && *replay != "" {
			return usageError("contract: --response and --replay exclude each other")
		}
		if *api.tokenFile == "-" && (*response == "-" || *replay == "-") {
			return usageError("contract: stdin cannot hold both the token (--token-file -) and the recorded responses")
		}
		for _, sel := range []struct {
			flag  string
			names []string
		}{{"--only", *only}, {"--skip", *skip}} {
			for i, name := range sel.names { // "a, b", as --methods takes
				sel.names[i] = strings.TrimSpace(name)
			}
			if err := contract.ValidateCheckNames(sel.names); err != nil {
				return usageError("contract: %s: %v", sel.flag, err)
			}
			if len(sel.names) > 0 && offline {
				return usageError("contract: %s selects live checks; a recorded response is judged as one check, see --check", sel.flag)
			}
		}
		if *checkName != "" {
			if _, ok := contract.CheckNamed(*checkName); !ok {
				return usageError("contract: --check %q: want one of %s", *checkName, strings.Join(contract.CheckNames(), ", "))
			}
		}
		if red, err = api.credentials(ctx, e, !offline, *timeout); err != nil {
			return err
		}
		// The client secret is kept out of every output also when no token was fetched with
		// it: an answer, live or recorded, may echo it.
		if secret, _ := api.clientSecret(e, false); *api.secret == "" && secret != "" && redact.Usable(secret) == nil {
			*api.secret = secret
			red = redact.New(api.secrets()...)
		}
		if other := *genFlags.otherToken; other != "" {
			if err := redact.Usable(other); err != nil {
				return usageError("contract: the other client's token (--other-token or SSOJET_OTHER_TOKEN) %v", err)
			}
			red = redact.New(append(api.secrets(), other)...)
		}
		gen, err := genFlags.config(offline)
		if err != nil {
			return err
		}
		stopProgress, err := genFlags.showGenerated(e, &gen)
		if err != nil {
			return err
		}
		defer stopProgress()
		for _, name := range *only {
			if slices.Contains(generatedNames(), name) && gen.N == 0 {
				return usageError("contract: --only %s: a check of generated requests, which need --generate N", name)
			}
		}

		doc, _, err := loadContract(ctx, "contract", *specFile)
		if err != nil {
			return err
		}
		v := validate.New(doc)

		var rep contract.Report
		switch {
		case offline:
			// The response header of a bare body (a fixture records its own). A Content-Type
			// of --header replaces --content-type's default.
			header := http.Header{}
			if err := parseHeaders(header, *headers); err != nil {
				return usageError("contract: --header: %v", err)
			}
			switch _, ok := header["Content-Type"]; {
			case ok && cmd.Flags().Changed("content-type"):
				return usageError("contract: --content-type and --header 'Content-Type: …' exclude each other")
			case !ok && *contentType != "":
				header.Set("Content-Type", *contentType)
			}
			exchanges, sources, err := loadRecorded(ctx, *response, *replay, *status, header, *checkName)
			switch {
			case ctx.Err() != nil:
				return setupError(fmt.Errorf("contract: interrupted while reading the recorded responses: %w", context.Cause(ctx)))
			case err != nil:
				return usageError("contract: %v", err)
			}
			// A fixture records its own status and headers: flags of a bare body would be ignored.
			for _, name := range []string{"status", "content-type", "header"} {
				got := exchanges[0].Response
				if cmd.Flags().Changed(name) && (*replay != "" || got.Status != *status || !maps.EqualFunc(got.Header, header, slices.Equal)) {
					return usageError("contract: --%s describes a bare body; %s is a fixture of --record, which records its own status and headers", name, sources[0])
				}
			}
			if *response != "" && !cmd.Flags().Changed("status") && !cmd.Flags().Changed("check") {
				if what, ok := exchanges[0].ErrorBody(v); ok {
					return usageError("contract: --response %s holds SSOJet's error JSON (%s), not a 200's body: "+
						"give the status it was answered with, e.g. --status 401 (and --header 'WWW-Authenticate: …' if it came with one), to check it as that answer", sources[0], what)
				}
			}
			rep, err = contract.Replay(ctx, v, contract.ReplayOptions{Exchanges: exchanges, Sources: sources, Now: contractClock, MaxBody: *maxBody, Redactor: red})
			if err != nil {
				return setupError(err)
			}
		default:
			if missing := api.missing(); len(missing) > 0 {
				return usageError("contract: missing %s; or check a recorded response with --response FILE", strings.Join(missing, ", "))
			}
			rep, err = contract.Run(ctx, v, contract.Config{
				BaseURL: *api.baseURL, Token: *api.token, ClientID: *api.clientID, UserID: *api.userID, UnknownUserID: *unknownUser,
				Secrets: api.secrets(), // the client secret a token was fetched with
				Timeout: *timeout, MaxBody: *maxBody, RecordDir: *record, Now: contractClock,
				Only: *only, Skip: *skip, Generate: gen,
			})
			stopProgress() // before the report and any error line
			if err != nil {
				return usageError("contract: %v", err)
			}
		}
		if *specFile != "" {
			rep.Contract += " (--spec " + *specFile + ")"
		}
		rep.AllowEmpty = *allowEmpty

		switch *format {
		case "json":
			err = contract.WriteJSON(e.stdout, rep)
		default:
			err = contract.WriteText(e.stdout, rep, e.getenv("NO_COLOR") == "" && isTerminal(e.stdout))
		}
		if err != nil {
			return setupError(fmt.Errorf("write report: %w", err))
		}
		if err := report.Save(*junit, func(w io.Writer) error { return contract.WriteJUnit(w, rep) }); err != nil {
			return setupError(fmt.Errorf("write junit report: %w", err))
		}

		// A violated contract (exit 1) wins over a check that could not run or be judged (exit 2).
		_, failed, _, _, errs, _ := rep.Counts()
		if failed > 0 {
			return failedError("contract violated: %s in %d of %s", report.Plural(errs, "error"), failed, report.Plural(len(rep.Results), "check"))
		}
		if gen.N > 0 && ctx.Err() != nil {
			return setupError(errors.New("contract: interrupted: the report shows what the generated requests found until then"))
		}
		for _, res := range rep.Results {
			switch {
			case res.Setup == "":
			case res.Refused || res.TooLarge || res.Malformed || res.Undecodable || offline:
				return setupError(fmt.Errorf("contract: check %s: %s", res.Check, res.Setup))
			default:
				return setupError(fmt.Errorf("contract: check %s could not reach the API: %s — %s", res.Check, res.Setup, unreachableHint))
			}
		}
		if rep.Inconclusive() {
			return inconclusiveError("contract: inconclusive: %s; --allow-empty passes such a run", rep.EmptyReason())
		}
		return nil
	}
	return cmd
}

// sizeFlag renders a size as the --max-body flag takes it, e.g. 4MiB.
func sizeFlag(n int64) string { return (*byteSize)(&n).String() }

// isTerminal says whether w is a terminal: the text report's colours (unless NO_COLOR is set,
// no-color.org) and import's progress bar are shown only there.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// loadRecorded reads the exchanges of --response FILE or --replay DIR; "-" reads stdin. A file
// that is not a fixture is a bare body with the given status and response header, read only
// when judged. It returns at once when ctx is done, even while a read is blocked (stdin, or a FIFO):
// that read is left to the exit of the process.
func loadRecorded(ctx context.Context, file, dir string, status int, header http.Header, check string) ([]*contract.Exchange, []string, error) {
	type loaded struct {
		exchanges []*contract.Exchange
		paths     []string
		err       error
	}
	done := make(chan loaded, 1)
	in := stdin // read here: the goroutine below may outlive the call
	go func() {
		var l loaded
		switch {
		case dir == "-":
			l.exchanges, l.paths, l.err = contract.ReadFixtures(interruptible(ctx, in))
		case dir != "":
			l.exchanges, l.paths, l.err = contract.LoadFixtures(dir)
		default:
			var ex *contract.Exchange
			if file == "-" {
				ex, l.err = contract.ReadResponse(interruptible(ctx, in), status, header)
				file = "stdin"
			} else {
				ex, l.err = contract.LoadResponse(file, status, header)
			}
			l.exchanges, l.paths = []*contract.Exchange{ex}, []string{file}
		}
		done <- l
	}()
	var l loaded
	select {
	case l = <-done:
	case <-ctx.Done():
		return nil, nil, context.Cause(ctx)
	}
	if l.err != nil {
		return nil, nil, l.err
	}
	if check != "" {
		for _, ex := range l.exchanges {
			ex.Check = check
		}
	}
	return l.exchanges, l.paths, nil
}

// parseHeaders adds --header values, "Name: value" each, to h.
func parseHeaders(h http.Header, lines []string) error {
	for _, line := range lines {
		name, value, ok := strings.Cut(line, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" || !httpguts.ValidHeaderFieldName(name) || !httpguts.ValidHeaderFieldValue(value) {
			return fmt.Errorf("%q: want 'Name: value'", line)
		}
		h.Add(name, value)
	}
	return nil
}
