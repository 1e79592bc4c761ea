package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/logstream"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

// tableBlock is how many rows of --format table are aligned together: a table is printed as it
// is read, block by block.
const tableBlock = 1000

// getLong is the help of the get verb.
var getLong = "Prints a user's login logs as they arrive, entry by entry, in bounded memory: json is one\n" +
	"{\"login_logs\":[…]} document written incrementally, table aligns its columns " + strconv.Itoa(tableBlock) + " rows at a time,\n" +
	"ndjson prints one entry a line, csv a header and one RFC 4180 row per entry (values as the API wrote them).\n" +
	"An answer over --max-body, one entry over " + sizeFlag(logstream.MaxEntry) + ", or an answer over " + sizeFlag(logstream.MaxRest) + " besides its\n" +
	"entries is too large to print (exit 2); what was printed before stays, unterminated.\n" +
	"The token and the base URL's password are redacted from everything printed, in any encoding\n" +
	"(JSON, URL, base64, …); table and error lines show control characters escaped (\\x1b), so an\n" +
	"answer cannot steer the terminal.\n" +
	"Exit codes: 0 ok, 1 the API answered an error (a 404 names SSOJET_USER_ID) or a body that is\n" +
	"not login logs, 2 usage or network problem, a rejected token (401, 403: the line says which\n" +
	"setting to check), a 404 from a base URL without /api/v1, an answer too large to print, or\n" +
	"one that does not read as HTTP."

// unreachableHint is the next step after a network failure of get or contract, or of fetching
// a token.
const unreachableHint = "check SSOJET_BASE_URL (--base-url), and that the API is up there"

// newGetCmd is the get verb: flags and wiring; the call is the generated SDK's.
func newGetCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "get",
		Short: "call the login-logs endpoint through the SDK and print the answer",
		Long:  getLong,
		Args:  noArgs,
	}
	fs := cmd.Flags()
	api := addAPIFlags(cmd, "the user whose login logs to print")
	format := enumFlag(cmd, "format", "json", "output: json (one pretty {\"login_logs\":[…]} document), table, ndjson (one entry a line) or csv (a header, one entry a row)", getFormats...)
	timeout := durationFlag(fs, "timeout", contract.DefaultTimeout, "", "longest wait for the answer to begin, and for more of its body")
	maxBody := addMaxBody(fs, contract.DefaultMaxBody, "a longer answer stops with exit 2")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		return runGet(cmd.Context(), e, api, *format, *timeout, *maxBody)
	}
	return cmd
}

// runGet calls the API and prints the answer entry by entry.
func runGet(ctx context.Context, e env, api apiFlags, format string, timeout time.Duration, maxBody int64) (err error) {
	// Every error line is redacted and escaped: it may quote what the API answered.
	var red *redact.Redactor
	defer func() { err = cleanError(red, err) }()
	defer raiseGC(e)() // see gc.go
	if red, err = api.credentials(ctx, e, true, timeout); err != nil {
		return err
	}
	if !slices.Contains(getFormats, format) {
		return usageError("get: --format %q: want %s", format, strings.Join(getFormats, ", "))
	}
	if missing := api.missing(); len(missing) > 0 {
		return usageError("get: missing %s", missing[0])
	}

	client, err := sdk.New(*api.baseURL, *api.token, sdk.WithTimeout(timeout), sdk.WithMaxBody(maxBody),
		sdk.WithoutRetries(), sdk.WithUserAgent(contract.UserAgent))
	if err != nil {
		return usageError("get: %s", strings.TrimPrefix(err.Error(), "ssojet: "))
	}
	resp, err := client.Open(ctx, *api.clientID, *api.userID)
	var refused *sdk.APIError
	switch {
	case errors.As(err, &refused) && (refused.StatusCode == http.StatusUnauthorized || refused.StatusCode == http.StatusForbidden):
		// The token or the client_id is wrong: a set-up problem, with the setting to check.
		hint := contract.RefusalHint(contract.Config{BaseURL: *api.baseURL, UserID: *api.userID}, refused.StatusCode)
		return setupError(fmt.Errorf("get: %s — %s", refused.Summary(), hint))
	case refused != nil && refused.StatusCode == http.StatusNotFound:
		// A base URL without /api/v1 is a set-up problem; otherwise the user is unknown.
		cfg := contract.Config{BaseURL: *api.baseURL, UserID: *api.userID}
		if !contract.HasAPIBasePath(cfg.BaseURL) {
			return setupError(fmt.Errorf("get: %s — %s", refused.Summary(), contract.RefusalHint(cfg, refused.StatusCode)))
		}
		return failedError("get: %s — %s", refused.Summary(), contract.RefusalHint(cfg, refused.StatusCode))
	case refused != nil:
		return failedError("get: %s", refused.Summary())
	case err != nil:
		ne := contract.ClassifyNetError(ctx, err, timeout)
		if ne.Reached() { // it answered, in what could not be used: its address is not what to check
			return setupError(fmt.Errorf("get: %w", ne))
		}
		return setupError(fmt.Errorf("get: could not reach the API: %w — %s", ne, unreachableHint))
	}
	defer resp.Body.Close()
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	var n int
	switch format {
	case "table":
		n, err = printTable(out, logstream.Entries(resp.Body), red)
	case "csv":
		n, err = printCSV(out, logstream.RawEntries(resp.Body), red)
	default:
		n, err = printJSON(out, logstream.RawEntries(resp.Body), red, format == "ndjson")
	}
	if ferr := out.Flush(); ferr != nil && err == nil {
		return setupError(fmt.Errorf("get: write: %w", ferr))
	}
	var werr *writeError
	var entryErr *logstream.Error // an entry that does not decode into a login log
	switch {
	case err == nil:
		return nil
	case errors.As(err, &werr):
		return setupError(fmt.Errorf("get: write: %w", werr.err))
	case errors.Is(err, sdk.ErrBodyLimit):
		return setupError(fmt.Errorf("get: %s: the answer is too large to print: longer than --max-body %s; printed %s before it",
			report.StatusText(resp.StatusCode), sizeFlag(maxBody), report.Plural(n, "entry")))
	case errors.Is(err, logstream.ErrTooLarge):
		return setupError(fmt.Errorf("get: %s: the answer is too large to print: %v; printed %s before it",
			report.StatusText(resp.StatusCode), err, report.Plural(n, "entry")))
	case errors.Is(err, logstream.ErrMalformed), errors.As(err, &entryErr) && entryErr.Index >= 0:
		return failedError("get: %s but the body is not the contract's login logs: %v (printed %s before it)",
			report.StatusText(resp.StatusCode), err, report.Plural(n, "entry"))
	}
	return setupError(fmt.Errorf("get: read body: %w", errors.Unwrap(err)))
}

// writeError is a failure to write the output, told apart from a failure to read the answer.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// getFormats are the values of get --format.
var getFormats = []string{"json", "table", "ndjson", "csv"}

// loginLogEntries checks that every entry decodes as a login log (logstream.Decode; its raw JSON
// is printed as it came) and hands it on with every secret red knows redacted.
func loginLogEntries(entries iter.Seq2[json.RawMessage, error], red *redact.Redactor) iter.Seq2[json.RawMessage, error] {
	return func(yield func(json.RawMessage, error) bool) {
		n := 0
		for raw, err := range entries {
			if err != nil {
				yield(nil, err)
				return
			}
			var log ssojet.LoginLog
			if err := logstream.Decode(raw, &log); err != nil {
				yield(nil, &logstream.Error{Index: n, Offset: -1, Err: err})
				return
			}
			if !yield(redactJSON(raw, red), nil) {
				return
			}
			n++
		}
	}
}

// logColumns are the JSON names of the generated ssojet.LoginLog's members in the contract's
// order (x-order), found by reflection: the columns of --format csv and table, so a member added
// to the contract is printed with no list here to edit.
var logColumns = func() []string {
	t := reflect.TypeFor[ssojet.LoginLog]()
	names := make([]string, t.NumField())
	for i := range names {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		names[i] = cmp.Or(name, t.Field(i).Name)
	}
	return names
}()

// logCells sets row[i] to the member cols[i] of the entry raw, which decodes as a login log: a
// string as it decodes, any other value as its JSON, null or absent as "".
func logCells(row, cols []string, raw []byte) {
	var l map[string]json.RawMessage
	json.Unmarshal(raw, &l)
	for i, c := range cols {
		row[i] = ""
		if v := l[c]; json.Unmarshal(v, &row[i]) != nil {
			row[i] = string(v)
		}
	}
}

// printCSV prints a header and one RFC 4180 row per entry, each value as the answer wrote it
// (CreatedAt too, not reformatted) with every secret red knows redacted, and returns how many
// rows it printed. Cells are quoted as RFC 4180 says, not escaped: csv is for programs.
func printCSV(w *bufio.Writer, entries iter.Seq2[json.RawMessage, error], red *redact.Redactor) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(logColumns); err != nil {
		return 0, &writeError{err}
	}
	row := make([]string, len(logColumns))
	n := 0
	for raw, err := range loginLogEntries(entries, red) {
		if err != nil {
			cw.Flush()
			return n, err
		}
		logCells(row, logColumns, raw)
		if err := cw.Write(row); err != nil {
			return n, &writeError{err}
		}
		n++
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, &writeError{err}
	}
	return n, nil
}

// printJSON prints each entry as the answer wrote it (once it decodes as a login log) with every
// secret red knows redacted, and returns how many it printed: with ndjson compacted, one entry a
// line; otherwise in an indented {"login_logs":[…]} document, opened with the first entry and
// closed after the last, so an error before the end leaves it unterminated.
func printJSON(w *bufio.Writer, entries iter.Seq2[json.RawMessage, error], red *redact.Redactor, ndjson bool) (int, error) {
	n := 0
	var b bytes.Buffer
	for raw, err := range loginLogEntries(entries, red) {
		if err != nil {
			return n, err
		}
		b.Reset()
		if ndjson {
			err = json.Compact(&b, raw)
			b.WriteByte('\n')
		} else {
			b.WriteString(map[bool]string{true: "{\n  \"login_logs\": [\n    ", false: ",\n    "}[n == 0])
			err = json.Indent(&b, raw, "    ", "  ")
		}
		if err != nil {
			return n, err
		}
		if _, err := w.Write(b.Bytes()); err != nil {
			return n, &writeError{err}
		}
		n++
	}
	end := "\n  ]\n}\n"
	switch {
	case ndjson:
		end = ""
	case n == 0:
		end = "{\n  \"login_logs\": []\n}\n"
	}
	if _, err := w.WriteString(end); err != nil {
		return n, &writeError{err}
	}
	return n, nil
}

// tableColumns are the columns of --format table: CreatedAt first (a log is read by when), the
// long UserAgent last, the other members in the contract's order.
var tableColumns = func() []string {
	rank := map[string]int{"CreatedAt": -1, "UserAgent": 1}
	cols := slices.Clone(logColumns)
	slices.SortStableFunc(cols, func(a, b string) int { return cmp.Compare(rank[a], rank[b]) })
	return cols
}()

// camelWords finds where a member name's next word begins: IpAddress is IP ADDRESS in a header.
var camelWords = regexp.MustCompile(`([a-z0-9])([A-Z])`)

// printTable prints the logs as columns, oldest first as the API orders them, aligned
// tableBlock rows at a time, and returns how many it printed. Every cell is redacted by red and
// its control characters escaped: a tab or newline of a UserAgent cannot fake columns or rows,
// nor an escape sequence steer the terminal. An empty cell shows as a dash.
func printTable(w io.Writer, entries iter.Seq2[ssojet.LoginLog, error], red *redact.Redactor) (int, error) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := make([]string, len(tableColumns))
	for i, c := range tableColumns {
		row[i] = strings.ToUpper(camelWords.ReplaceAllString(c, "$1 $2"))
	}
	fmt.Fprintln(tw, strings.Join(row, "\t"))
	n := 0
	for l, err := range entries {
		if err != nil {
			tw.Flush()
			return n, err
		}
		l.CreatedAt = l.CreatedAt.UTC()
		raw, err := json.Marshal(l)
		if err != nil {
			return n, err
		}
		logCells(row, tableColumns, raw)
		for i := range row {
			row[i] = cmp.Or(redact.Printable(red.String(row[i])), "-")
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
		n++
		if n%tableBlock == 0 {
			if err := tw.Flush(); err != nil {
				return n, &writeError{err}
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return n, &writeError{err}
	}
	return n, nil
}

// redactJSON returns the JSON value raw with every secret red knows redacted. Redacting the text
// itself keeps the answer as it was written; when that breaks the JSON (a secret that holds a
// quote), the value is decoded, its strings and member names redacted, and encoded again.
func redactJSON(raw json.RawMessage, red *redact.Redactor) json.RawMessage {
	out := red.Bytes(raw)
	if len(out) == len(raw) && bytes.Equal(out, raw) || json.Valid(out) {
		return out
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return json.RawMessage(`"` + redact.Marker + `"`)
	}
	var redactValue func(v any) any
	redactValue = func(v any) any {
		switch v := v.(type) {
		case string:
			return red.String(v)
		case []any:
			for i := range v {
				v[i] = redactValue(v[i])
			}
		case map[string]any:
			m := make(map[string]any, len(v))
			for k, x := range v {
				m[red.String(k)] = redactValue(x)
			}
			return m
		}
		return v
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(redactValue(v)) != nil {
		return json.RawMessage(`"` + redact.Marker + `"`)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
