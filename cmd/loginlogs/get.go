package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

func runGet(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("get", flag.ContinueOnError)
	api := addAPIFlags(fs, e, "the user whose login logs to print")
	format := fs.String("format", "json", "output: json (pretty) or table")
	timeout := fs.Duration("timeout", contract.DefaultTimeout, "limit of the request, body included")
	usage := "Usage: loginlogs get [flags]\n" +
		"Prints a user's login logs. Exit codes: 0 ok, 1 the API answered an error, 2 usage or network problem.\n"
	if err := parseFlags(fs, e, args, usage); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("get: unexpected arguments %q", fs.Args())
	}
	if *format != "json" && *format != "table" {
		return usageError("get: --format %q: want json or table", *format)
	}
	if missing := api.missing(); len(missing) > 0 {
		return usageError("get: missing %s", missing[0])
	}

	hc := contractHTTPClient
	if hc == nil {
		hc = &http.Client{CheckRedirect: contract.NoRedirects}
	}
	client, err := ssojet.NewClient(*api.baseURL, ssojet.WithHTTPClient(hc), ssojet.WithRequestEditorFn(
		func(_ context.Context, req *http.Request) error {
			req.Header.Set("Accept", contract.AcceptHeader)
			req.Header.Set("Authorization", "Bearer "+*api.token)
			return nil
		}))
	if err != nil {
		return usageError("get: base URL: %v", err)
	}
	reqCtx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	lang, ua := contract.AcceptLanguage, contract.UserAgent
	resp, err := client.ListUserLoginLogs(reqCtx, *api.userID, &ssojet.ListUserLoginLogsParams{
		ClientId: *api.clientID, AcceptLanguage: &lang, UserAgent: &ua,
	})
	if err != nil {
		return setupError(fmt.Errorf("get: %w", contract.ClassifyNetError(ctx, err, *timeout)))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, contract.DefaultMaxBody+1))
	if err != nil {
		return setupError(fmt.Errorf("get: read body: %w", contract.ClassifyNetError(ctx, err, *timeout)))
	}
	if len(body) > contract.DefaultMaxBody {
		return failedError("get: %s: body larger than %d bytes", statusLine(resp.StatusCode), contract.DefaultMaxBody)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return failedError("get: %s", describeFailure(resp, body))
	}
	var logs ssojet.LoginLogsResponse
	if err := json.Unmarshal(body, &logs); err != nil {
		return failedError("get: %s but the body is not the contract's login logs: %v", statusLine(resp.StatusCode), err)
	}
	if *format == "table" {
		return printTable(e.stdout, logs.LoginLogs)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, body, "", "  "); err != nil {
		return failedError("get: indent body: %v", err)
	}
	pretty.WriteByte('\n')
	_, err = e.stdout.Write(pretty.Bytes())
	return err
}

func statusLine(code int) string {
	if t := http.StatusText(code); t != "" {
		return strconv.Itoa(code) + " " + t
	}
	return strconv.Itoa(code)
}

// describeFailure renders a non-2xx answer on one line: SSOJet's error fields (whichever JSON
// types they came in) or the start of a body that is not SSOJet's error JSON.
func describeFailure(resp *http.Response, body []byte) string {
	line := statusLine(resp.StatusCode)
	if loc := resp.Header.Get("Location"); loc != "" {
		line += " redirect to " + loc
	}
	var e ssojet.Error
	if json.Unmarshal(body, &e) == nil {
		name, code := unionText(e.Error.MarshalJSON()), unionText(e.ErrorCode.MarshalJSON())
		if name == "" && code == "" && e.ErrorDescription == "" {
			return line + ": " + strconv.Quote(validate.Shorten(string(body), 120))
		}
		if name != "" {
			line += ": " + name
		}
		if code != "" {
			line += " (" + code + ")"
		}
		if e.ErrorDescription != "" {
			line += ": " + e.ErrorDescription
		}
		return line
	}
	text := strings.Join(strings.Fields(string(body)), " ")
	if text == "" {
		return line + " (empty body)"
	}
	return line + ": " + strconv.Quote(validate.Shorten(text, 120))
}

// unionText renders a string-or-integer field of SSOJet's error as text.
func unionText(raw []byte, err error) string {
	if err != nil || len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// printTable prints the logs as aligned columns, oldest first as the API orders them.
func printTable(w io.Writer, logs []ssojet.LoginLog) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CREATED AT\tIP ADDRESS\tCOUNTRY\tCITY\tNAME\tOS\tDEVICE\tUSER AGENT")
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, l := range logs {
		at := l.CreatedAt.UTC().Format(time.RFC3339Nano)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", at, l.IpAddress, l.Country, l.City, dash(l.Name), dash(l.Os), dash(l.Device), dash(l.UserAgent))
	}
	return tw.Flush()
}
