// Command sdk is the comparison program of the README written on package api/ssojet: it prints a
// user's login logs, fetches them again only if their ETag changed, and streams a big user,
// retrying 429 and 503 as Retry-After says and turning SSOJet's errors into one line.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/ssojet-tools/loginlogs/api/ssojet"
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
	clientID, userID := getenv("SSOJET_CLIENT_ID"), getenv("SSOJET_USER_ID")
	c, err := ssojet.New(getenv("SSOJET_BASE_URL"), getenv("SSOJET_TOKEN"))
	if err != nil {
		return err
	}
	snap, err := c.LoginLogsIfChanged(ctx, clientID, userID, "")
	if err != nil {
		return explain(err)
	}
	fmt.Fprintf(out, "%d logins\n", len(snap.Logs))
	for _, l := range snap.Logs {
		fmt.Fprintf(out, "%s %s %s\n", l.CreatedAt.Format("2006-01-02 15:04:05"), l.IpAddress, l.City)
	}
	again, err := c.LoginLogsIfChanged(ctx, clientID, userID, snap.ETag)
	if err != nil {
		return explain(err)
	}
	fmt.Fprintf(out, "changed since: %v\n", again.Changed)

	bigUser := getenv("SSOJET_BIG_USER_ID")
	if bigUser == "" {
		return nil
	}
	n := 0
	for _, err := range c.All(ctx, clientID, bigUser) {
		if err != nil {
			return explain(err)
		}
		n++
	}
	fmt.Fprintf(out, "streamed %d logins of %s\n", n, bigUser)
	return nil
}

// explain turns SSOJet's refusals into one line.
func explain(err error) error {
	switch {
	case ssojet.IsNotFound(err):
		return errors.New("no such user")
	case ssojet.IsUnauthorized(err), ssojet.IsForbidden(err):
		return fmt.Errorf("check SSOJET_TOKEN and SSOJET_CLIENT_ID: %w", err)
	}
	return err
}
