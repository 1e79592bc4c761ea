package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// defaultBaseURL is SSOJet production, the first server of the contract.
const defaultBaseURL = "https://api.ssojet.com/api/v1"

// contractClock is the clock the checker judges "in the future" by; tests pin it.
var contractClock = time.Now

// contractHTTPClient sends the live checks' requests; nil means the checker's own client (no
// redirects followed). Tests leave it nil.
var contractHTTPClient *http.Client

func runContract(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("contract", flag.ContinueOnError)
	api := addAPIFlags(fs, e, "a user that has login logs")
	unknownUser := fs.String("unknown-user-id", "", "a user id that does not exist: enables the unknown-user check")
	timeout := fs.Duration("timeout", contract.DefaultTimeout, "limit per request, body included")
	maxBody := byteSize(contract.DefaultMaxBody)
	fs.Var(&maxBody, "max-body", "largest body read, e.g. 10MiB, 512KiB, 1000000")
	record := fs.String("record", "", "save each live exchange as DIR/<check>.json (token redacted)")
	response := fs.String("response", "", "offline: validate this recorded response (a fixture of --record, or a bare body)")
	replay := fs.String("replay", "", "offline: validate every DIR/*.json fixture")
	status := fs.Int("status", http.StatusOK, "offline, bare body: its HTTP status")
	contentType := fs.String("content-type", "application/json", "offline, bare body: its Content-Type")
	checkName := fs.String("check", "", "offline: judge the response as this check ("+strings.Join(contract.CheckNames(), ", ")+"); default: any documented status")
	format := fs.String("format", "text", "report format: text or json")
	junit := fs.String("junit", "", "also write a JUnit XML report to FILE")
	usage := "Usage: loginlogs contract [flags]                 check the live API\n" +
		"       loginlogs contract --response FILE [flags] check a recorded response\n" +
		"       loginlogs contract --replay DIR [flags]    check recorded fixtures\n\n" +
		"Checks: " + strings.Join(contract.CheckNames(), ", ") + ".\n" +
		"Errors (the contract is violated) fail; warnings (drift, bad data) do not.\n" +
		"Exit codes: 0 no errors, 1 contract violated, 2 usage or network problem.\n"
	if err := parseFlags(fs, e, args, usage); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("contract: unexpected arguments %q", fs.Args())
	}
	if *format != "text" && *format != "json" {
		return usageError("contract: --format %q: want text or json", *format)
	}
	if maxBody <= 0 {
		return usageError("contract: --max-body must be positive")
	}
	if *response != "" && *replay != "" {
		return usageError("contract: --response and --replay exclude each other")
	}
	if *checkName != "" {
		if _, ok := contract.CheckNamed(*checkName); !ok {
			return usageError("contract: --check %q: want one of %s", *checkName, strings.Join(contract.CheckNames(), ", "))
		}
	}

	doc, err := loadSpec()
	if err != nil {
		return setupError(err)
	}
	v := validate.New(doc)

	var rep contract.Report
	switch {
	case *response != "" || *replay != "":
		exchanges, sources, err := loadRecorded(*response, *replay, *status, *contentType, *checkName)
		if err != nil {
			return usageError("contract: %v", err)
		}
		rep, err = contract.Replay(ctx, v, contractClock, exchanges, sources)
		if err != nil {
			return setupError(err)
		}
	default:
		if missing := api.missing(); len(missing) > 0 {
			return usageError("contract: missing %s; or check a recorded response with --response FILE", strings.Join(missing, ", "))
		}
		rep, err = contract.Run(ctx, v, contract.Config{
			BaseURL: *api.baseURL, Token: *api.token, ClientID: *api.clientID, UserID: *api.userID, UnknownUserID: *unknownUser,
			Timeout: *timeout, MaxBody: int64(maxBody), RecordDir: *record, HTTPClient: contractHTTPClient, Now: contractClock,
		})
		if err != nil {
			return usageError("contract: %v", err)
		}
	}

	switch *format {
	case "json":
		err = contract.WriteJSON(e.stdout, rep)
	default:
		err = contract.WriteText(e.stdout, rep, useColor(e))
	}
	if err != nil {
		return setupError(fmt.Errorf("write report: %w", err))
	}
	if *junit != "" {
		var buf bytes.Buffer
		if err := contract.WriteJUnit(&buf, rep); err != nil {
			return setupError(fmt.Errorf("junit report: %w", err))
		}
		if err := os.WriteFile(*junit, buf.Bytes(), 0o644); err != nil {
			return setupError(fmt.Errorf("write junit report: %w", err))
		}
	}

	_, failed, _, _, errs, _ := rep.Counts()
	for _, res := range rep.Results {
		if res.Setup != "" {
			return setupError(fmt.Errorf("contract: check %s could not reach the API: %s", res.Check, res.Setup))
		}
	}
	if failed > 0 {
		return failedError("contract violated: %s in %d of %d checks", plural(errs, "error"), failed, len(rep.Results))
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// useColor says whether the text report may use ANSI colours: only on a terminal, and never
// when NO_COLOR is set (no-color.org).
func useColor(e env) bool {
	if e.getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := e.stdout.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// loadRecorded reads the exchanges of --response FILE or --replay DIR. A file that is not a
// fixture is a bare body with the given status and content type.
func loadRecorded(file, dir string, status int, contentType, check string) ([]*contract.Exchange, []string, error) {
	var paths []string
	if dir != "" {
		matches, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			return nil, nil, err
		}
		if len(matches) == 0 {
			return nil, nil, fmt.Errorf("--replay %s: no *.json fixtures", dir)
		}
		sort.Strings(matches)
		paths = matches
	} else {
		paths = []string{file}
	}
	var out []*contract.Exchange
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		ex, ok := contract.ReadFixture(data)
		if !ok {
			if dir != "" {
				return nil, nil, fmt.Errorf("%s: not a fixture written by --record", p)
			}
			ex = &contract.Exchange{}
			ex.Response.Status = status
			ex.Response.Header = http.Header{}
			if contentType != "" {
				ex.Response.Header.Set("Content-Type", contentType)
			}
			ex.SetBody(data)
		}
		if check != "" {
			ex.Check = check
		}
		out = append(out, ex)
	}
	return out, paths, nil
}
