package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/report"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

const proxyLong = `Forwards an application's requests to the API (--upstream) unchanged and judges every exchange
against the contract with kin-openapi: a request the contract forbids is a client-side
violation (the application's bug), an answer that breaks it an upstream violation. Answers
stream back in bounded memory and are judged as they stream.

report (the default) passes every answer unchanged and logs each violation on stderr: check,
JSON pointer, wanted and got, status, request id. enforce answers 502 in SSOJet's error shape
instead of a violating answer, naming its first violation, and cuts the connection of an answer
found broken after it started. An upstream that cannot be reached, times out or resets gives
502 too, counted. Authorization passes through and is never logged or written.

Answers in gzip, deflate or br are judged decoded: report passes the encoded bytes unchanged,
enforce serves the decoded body. An answer in another encoding, or that does not decode, is
refused with 502 in enforce mode and counted as unjudged in report mode.

A client that goes away ends its exchange with the upstream at once; the summary counts it as
abandoned.

On SIGINT or SIGTERM it prints a summary (exchanges and their statuses, each distinct violation
with its count and an example request id), writes --junit and --report, and exits 1 if the
upstream broke the contract (also clients with --fail-on any), 3 (INCONCLUSIVE) if no answer
got a verdict (no request forwarded, none reached the upstream, or every answer abandoned,
undecodable or too large; --allow-empty makes that 0), 0 if not. GET /metrics
(Prometheus), GET /healthz, GET /openapi.yaml (the contract judged with, --spec's if given) and
the API reference page GET /docs rendering it answer on the same address, with no token.`

// newProxyCmd is the proxy verb: flags and wiring; the proxy itself is internal/proxy.
func newProxyCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "proxy --upstream URL",
		Short:   "forward real traffic to the API and judge every exchange against the contract",
		Long:    proxyLong,
		Example: "  loginlogs proxy --upstream https://api.ssojet.com --junit proxy.xml & PID=$!\n  SSOJET_BASE_URL=http://127.0.0.1:8081/api/v1 run-tests\n  kill $PID; wait $PID",
		Args:    noArgs,
	}
	fs := cmd.Flags()
	upstream := fs.String("upstream", "", "the API's base `URL`, e.g. https://api.ssojet.com (with or without /api/v1)")
	addr := fs.String("addr", "127.0.0.1:8081", "listen address; 127.0.0.1:0 picks a free port")
	modeFlag := enumFlag(cmd, "mode", "report", "report (log violations, pass answers) or enforce (502 instead of a violating answer)", "report", "enforce")
	junit := fs.String("junit", "", "write a JUnit XML report to `FILE` on exit, mode 0600 (never wider than a file it replaces)")
	reportFile := fs.String("report", "", "write a JSON report to `FILE` on exit, mode 0600 (never wider than a file it replaces)")
	specFile := fs.String("spec", "", "judge against the contract in `FILE` instead of the embedded one")
	failOn := enumFlag(cmd, "fail-on", "upstream", "what makes the exit code 1: upstream (its violations) or any (clients' too)", "upstream", "any")
	timeout := durationFlag(fs, "timeout", proxy.DefaultTimeout, "", "longest wait for the upstream's answer to begin, and for more of its body")
	level, format := logFlags(cmd)
	grace := durationFlag(fs, "shutdown-timeout", 10*time.Second, "", "how long exchanges in flight may take to finish on SIGTERM")
	allowEmpty := fs.Bool("allow-empty", false, "exit 0, not 3 (INCONCLUSIVE), when no answer got a verdict")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		if *upstream == "" {
			return usageError("proxy: --upstream (or LOGINLOGS_UPSTREAM) is required: the API's base URL, e.g. https://api.ssojet.com")
		}
		var refused *sdk.BaseURLError
		if errors.As(sdk.CheckBaseURL(*upstream), &refused) {
			return usageError("proxy: %s", fromEnv(cmd, e, fmt.Errorf("--upstream %q: %s", refused.URL, refused.Want())))
		}
		up, _ := url.Parse(*upstream)
		mode, err := validate.ParsePolicy(*modeFlag)
		if err != nil || mode == validate.Off {
			return usageError("proxy: --mode %q: want report or enforce", *modeFlag)
		}
		if *failOn != "upstream" && *failOn != "any" {
			return usageError("proxy: --fail-on %q: want upstream or any", *failOn)
		}
		failClients := *failOn == "any"
		logger, err := newLogger(e, *level, *format)
		if err != nil {
			return usageError("proxy: %s", fromEnv(cmd, e, err))
		}
		defer raiseGC(e)() // see gc.go
		// The contract's text, rendered at /docs, and the document judged with are the same.
		doc, text, err := loadContract(ctx, "proxy", *specFile)
		if err != nil {
			return err
		}
		p, err := proxy.New(proxy.Config{Upstream: up, Validator: validate.New(doc), Spec: text, Mode: mode, Logger: logger, Timeout: *timeout})
		if err != nil {
			return usageError("proxy: %v", err)
		}
		ln, err := net.Listen("tcp", *addr)
		if err != nil {
			return setupError(listenError("proxy", "LOGINLOGS_PROXY_ADDR", *addr, err))
		}
		if loopsBack(up, ln.Addr()) {
			ln.Close()
			return usageError("proxy: %s", fromEnv(cmd, e, fmt.Errorf("--upstream %s is the proxy's own address (--addr %s): it would forward every request to itself", up.Redacted(), *addr)))
		}
		base := "http://" + dialable(ln.Addr()) + validate.BasePath
		fmt.Fprintf(e.stdout, "proxying %s -> %s\n", base, up.Redacted())
		logger.Info("proxying", "url", base, "upstream", up.Redacted(), "mode", mode.String(), "fail_on", *failOn)

		if err, _ := serveUntil(ctx, newHTTPServer(p, logger), ln, *grace, logger); err != nil {
			return setupError(fmt.Errorf("proxy: %w", err))
		}
		// Exchanges cut by the shutdown end upstream at once; one that does not is counted as abandoned.
		waitCtx, cancelWait := context.WithTimeout(context.Background(), abandonedGrace)
		p.Wait(waitCtx)
		cancelWait()

		s := p.Summary()
		s.AllowEmpty = *allowEmpty
		if *specFile != "" {
			s.Contract += " (--spec " + *specFile + ")"
		}
		if err := proxy.WriteText(e.stdout, s, failClients); err != nil {
			return setupError(err)
		}
		if err := report.Save(*junit, func(w io.Writer) error { return proxy.WriteJUnit(w, s, failClients) }); err != nil {
			return setupError(fmt.Errorf("write report: %w", err))
		}
		if err := report.Save(*reportFile, func(w io.Writer) error { return proxy.WriteJSON(w, s, failClients) }); err != nil {
			return setupError(fmt.Errorf("write report: %w", err))
		}
		switch s.Outcome(failClients) {
		case report.Fail:
			return failedError("proxy: the contract was broken (%d upstream, %d client violations)", s.UpstreamViolations, s.ClientViolations)
		case report.Inconclusive:
			return inconclusiveError("proxy: inconclusive: no answer got a verdict (see the summary; --allow-empty passes such a run)")
		}
		return nil
	}
	return cmd
}

// loopsBack reports whether upstream names the proxy's listener ln: its port on the same IP, on
// the loopback (localhost) or on any when ln listens on every interface. A host name other than
// localhost is not resolved.
func loopsBack(upstream *url.URL, ln net.Addr) bool {
	tcp, ok := ln.(*net.TCPAddr)
	port := cmp.Or(upstream.Port(), map[string]string{"http": "80", "https": "443"}[upstream.Scheme])
	if !ok || port != strconv.Itoa(tcp.Port) {
		return false
	}
	ips := []net.IP{net.ParseIP(upstream.Hostname())}
	if strings.EqualFold(upstream.Hostname(), "localhost") {
		ips = []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	}
	for _, ip := range ips {
		if ip != nil && (ip.Equal(tcp.IP) || tcp.IP.IsUnspecified() && (ip.IsLoopback() || ip.IsUnspecified())) {
			return true
		}
	}
	return false
}

// abandonedGrace is how long the proxy waits, once its server is closed, for the exchanges it
// cut to be recorded.
const abandonedGrace = 2 * time.Second
