// Command generated is the comparison program of the README written on the generated client
// (gen/ssojet) alone: it prints a user's login logs, fetches them again only if their ETag
// changed, and streams a big user, retrying 429 and 503 as Retry-After says and turning SSOJet's
// errors into one line.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/ssojet-tools/loginlogs/gen/ssojet"
)

const (
	maxTries     = 3
	maxRetryWait = 30 * time.Second
	maxErrorBody = 64 << 10
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, getenv func(string) string, out io.Writer) error {
	clientID, userID, token := getenv("SSOJET_CLIENT_ID"), getenv("SSOJET_USER_ID"), getenv("SSOJET_TOKEN")
	hc := &http.Client{
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	c, err := ssojet.NewClient(getenv("SSOJET_BASE_URL"), ssojet.WithHTTPClient(hc),
		ssojet.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer "+token)
			r.Header.Set("Accept", "application/json")
			return nil
		}))
	if err != nil {
		return err
	}
	lang, ua := "en-US,en;q=0.9", "loginlogs-compare"
	get := func(userID, etag string) (*http.Response, error) {
		params := &ssojet.ListUserLoginLogsParams{ClientId: clientID, AcceptLanguage: &lang, UserAgent: &ua}
		if etag != "" {
			params.IfNoneMatch = &etag
		}
		return withRetries(ctx, func() (*http.Response, error) { return c.ListUserLoginLogs(ctx, userID, params) })
	}

	resp, err := get(userID, "")
	if err != nil {
		return err
	}
	res, err := ssojet.ParseListUserLoginLogsResponse(resp)
	if err != nil {
		return err
	}
	if res.JSON200 == nil {
		return explain(res.StatusCode(), res.Body)
	}
	fmt.Fprintf(out, "%d logins\n", len(res.JSON200.LoginLogs))
	for _, l := range res.JSON200.LoginLogs {
		fmt.Fprintf(out, "%s %s %s\n", l.CreatedAt.Format("2006-01-02 15:04:05"), l.IpAddress, l.City)
	}
	resp, err = get(userID, resp.Header.Get("ETag"))
	if err != nil {
		return err
	}
	again, err := ssojet.ParseListUserLoginLogsResponse(resp)
	if err != nil {
		return err
	}
	if again.StatusCode() != http.StatusNotModified && again.JSON200 == nil {
		return explain(again.StatusCode(), again.Body)
	}
	fmt.Fprintf(out, "changed since: %v\n", again.StatusCode() != http.StatusNotModified)

	bigUser := getenv("SSOJET_BIG_USER_ID")
	if bigUser == "" {
		return nil
	}
	resp, err = get(bigUser, "")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return explain(resp.StatusCode, body)
	}
	n, err := countStreamed(resp.Body)
	if err != nil {
		return fmt.Errorf("read the login logs of %s: %w", bigUser, err)
	}
	fmt.Fprintf(out, "streamed %d logins of %s\n", n, bigUser)
	return nil
}

// withRetries sends a request until it is neither 429 nor 503, at most maxTries times, waiting
// as Retry-After says.
func withRetries(ctx context.Context, send func() (*http.Response, error)) (*http.Response, error) {
	for try := 1; ; try++ {
		resp, err := send()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable || try == maxTries {
			return resp, nil
		}
		wait := time.Second << (try - 1)
		if v := strings.TrimSpace(resp.Header.Get("Retry-After")); v != "" {
			if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
				wait = time.Duration(secs) * time.Second
			} else if at, err := http.ParseTime(v); err == nil {
				wait = max(0, time.Until(at))
			}
		}
		if wait > maxRetryWait {
			return resp, nil
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		resp.Body.Close()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
}

// explain turns a refusal into one line: SSOJet's error fields (a string or an integer each), or
// the start of a body that is not SSOJet's error JSON.
func explain(status int, body []byte) error {
	if status == http.StatusNotFound {
		return errors.New("no such user")
	}
	line := fmt.Sprintf("ssojet: %d %s", status, http.StatusText(status))
	var e ssojet.Error
	if json.Unmarshal(body, &e) == nil {
		name, code := unionText(e.Error.MarshalJSON()), unionText(e.ErrorCode.MarshalJSON())
		line += fmt.Sprintf(": %s (%s): %s", name, code, e.ErrorDescription)
	} else {
		text := strings.Join(strings.Fields(string(body)), " ")
		line += ": " + strconv.Quote(text[:min(len(text), 200)])
	}
	if status == http.StatusUnauthorized || status == http.StatusForbidden {
		return errors.New("check SSOJET_TOKEN and SSOJET_CLIENT_ID: " + line)
	}
	return errors.New(line)
}

func unionText(raw []byte, err error) string {
	var s string
	if err == nil && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// countStreamed counts the entries of {"login_logs":[…]} as they arrive, decoding one at a time.
func countStreamed(r io.Reader) (int, error) {
	dec := json.NewDecoder(r)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return 0, fmt.Errorf("want a JSON object: %v", err)
	}
	n := 0
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return n, err
		}
		if key != "login_logs" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return n, err
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return n, fmt.Errorf("login_logs: want an array: %v", err)
		}
		for dec.More() {
			var l ssojet.LoginLog
			if err := dec.Decode(&l); err != nil {
				return n, fmt.Errorf("entry %d: %w", n, err)
			}
			n++
		}
		if _, err := dec.Token(); err != nil {
			return n, err
		}
	}
	_, err := dec.Token()
	return n, err
}
