package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/server"
)

// maxTokenAnswer bounds the token endpoint's answer that is read: a JWT is a few kilobytes.
const maxTokenAnswer = 64 << 10

const tokenLong = `Fetches a fresh bearer token from the client-credentials endpoint, POST <base-url>/oauth2/token
(SSOJet's, or the reference server's), with --client-id and the client secret held in the
environment variable named by --client-secret-env, and prints the token alone on stdout:

  export SSOJET_TOKEN="$(loginlogs token)"

The secret is read only from the environment (never a flag: every local user sees flags in ps)
and, like the token, is never printed in a message. contract and get fetch a token the same way
when none is given. Exit codes: 0 ok, 2 usage error, or the endpoint refused the credentials,
limited the client (429, with the wait it names) or could not be reached.`

// newTokenCmd is the token verb.
func newTokenCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token",
		Short: "fetch a bearer token with the client credentials and print it",
		Long:  tokenLong,
		Args:  noArgs,
	}
	fs := cmd.Flags()
	a := apiFlags{
		fs: fs, verb: "token",
		baseURL:  fs.String("base-url", defaultBaseURL, "API base `URL`; the token comes from <URL>/oauth2/token"),
		token:    new(string),
		secret:   new(string),
		clientID: fs.String("client-id", "", "client_id of the application"),
	}
	a.clientSecretEnv = addClientSecretEnv(fs, "")
	timeout := durationFlag(fs, "timeout", contract.DefaultTimeout, "", "longest wait for the answer")
	cmd.RunE = func(cmd *cobra.Command, _ []string) (err error) {
		var red *redact.Redactor
		defer func() { err = cleanError(red, err) }()
		secret, err := a.clientSecret(e, true)
		if err != nil {
			return err
		}
		red = redact.New(append(redact.URLSecrets(*a.baseURL), secret)...)
		if *a.clientID == "" {
			return usageError("token: missing --client-id (or SSOJET_CLIENT_ID)")
		}
		tok, err := fetchToken(cmd.Context(), "token", *a.baseURL, *a.clientID, secret, *timeout)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(e.stdout, tok)
		return err
	}
	return cmd
}

// addClientSecretEnv registers --client-secret-env on fs; more ends its usage.
func addClientSecretEnv(fs *pflag.FlagSet, more string) *string {
	return fs.String("client-secret-env", "SSOJET_CLIENT_SECRET", "the environment `variable` holding the client secret"+more)
}

// clientSecret returns the secret in the variable --client-secret-env names. required: an
// empty one is a usage error; otherwise it is only an error when the flag was given.
func (a apiFlags) clientSecret(e env, required bool) (string, error) {
	name := *a.clientSecretEnv
	secret := e.getenv(name)
	if secret == "" && (required || a.fs.Changed("client-secret-env")) {
		return "", usageError("%s: --client-secret-env %s: the variable is unset or empty; put the client secret in it", a.verb, name)
	}
	return secret, nil
}

// credentials settles the token of a verb that calls the API: --token-file's (readToken), else
// --token's or SSOJET_TOKEN's, else, when need is true and the variable of --client-secret-env
// holds a secret, a fresh one from <base-url>/oauth2/token, each wait bounded by timeout (the
// verb's --timeout). The secret joins secrets(). It returns the redactor of the secrets
// (redactor).
func (a apiFlags) credentials(ctx context.Context, e env, need bool, timeout time.Duration) (*redact.Redactor, error) {
	if err := a.readToken(ctx); err != nil {
		return nil, err
	}
	if *a.token != "" || !need {
		return a.redactor()
	}
	secret, err := a.clientSecret(e, false)
	if err != nil {
		return nil, err
	}
	if secret == "" {
		return a.redactor()
	}
	*a.secret = secret
	if *a.clientID == "" {
		return nil, usageError("%s: missing --client-id (or SSOJET_CLIENT_ID), which fetching a token with the client secret needs", a.verb)
	}
	tok, err := fetchToken(ctx, a.verb, *a.baseURL, *a.clientID, secret, timeout)
	if err != nil {
		return nil, cleanError(redact.New(a.secrets()...), err)
	}
	*a.token = tok
	return a.redactor()
}

// fetchToken asks the client-credentials endpoint under baseURL for a token, through the
// generated client. A refusal, an unreachable endpoint or an answer without a token is a set-up
// problem (exit 2): no contract was judged.
func fetchToken(ctx context.Context, verb, baseURL, clientID, secret string, timeout time.Duration) (string, error) {
	if err := sdk.CheckBaseURL(baseURL); err != nil {
		return "", usageError("%s: %v", verb, err)
	}
	client, err := ssojet.NewClient(baseURL, ssojet.WithHTTPClient(sdk.NewDoer(nil, timeout, maxTokenAnswer)), ssojet.WithRequestEditorFn(
		func(_ context.Context, req *http.Request) error {
			req.Header.Set("Accept", contract.AcceptHeader)
			req.Header.Set("User-Agent", contract.UserAgent)
			return nil
		}))
	if err != nil {
		return "", usageError("%s: base URL: %v", verb, err)
	}
	resp, err := client.CreateToken(ctx, ssojet.CreateTokenJSONRequestBody{
		GrantType: "client_credentials", ClientId: clientID, ClientSecret: secret,
	})
	if err != nil {
		ne, hint := contract.ClassifyNetError(ctx, err, timeout), " — "+unreachableHint
		if ne.Reached() {
			hint = ""
		}
		return "", setupError(fmt.Errorf("%s: fetch a token: %w%s", verb, ne, hint))
	}
	defer resp.Body.Close()
	endpoint := baseURL + "/oauth2/token"
	body, err := io.ReadAll(resp.Body)
	switch {
	case errors.Is(err, sdk.ErrBodyLimit):
		return "", setupError(fmt.Errorf("%s: POST %s: %d, longer than %d bytes, more than a token needs", verb, endpoint, resp.StatusCode, maxTokenAnswer))
	case err != nil:
		return "", setupError(fmt.Errorf("%s: fetch a token: read the answer: %w", verb, contract.ClassifyNetError(ctx, err, timeout)))
	case resp.StatusCode != http.StatusOK:
		// A refusal names the settings to check; a rate limit or a failing server is not theirs.
		hint := " — check SSOJET_CLIENT_ID (--client-id), the client secret (SSOJET_CLIENT_SECRET, or the variable --client-secret-env names) and SSOJET_BASE_URL (--base-url)"
		switch {
		case resp.StatusCode == http.StatusNotFound && !contract.HasAPIBasePath(baseURL):
			hint = " — " + contract.RefusalHint(contract.Config{BaseURL: baseURL}, resp.StatusCode)
		case resp.StatusCode == http.StatusTooManyRequests:
			hint = " — the endpoint limits how often a client gets tokens: reuse one until it expires"
		case resp.StatusCode >= 500:
			hint = ""
		}
		return "", setupError(fmt.Errorf("%s: POST %s: %s%s", verb, endpoint, sdk.ParseAPIError(resp, body).Summary(), hint))
	}
	var tok ssojet.TokenResponse
	if err := json.Unmarshal(body, &tok); err != nil || tok.AccessToken == "" {
		return "", setupError(fmt.Errorf("%s: POST %s: 200 without an access_token in a JSON body", verb, endpoint))
	}
	// A token the SDK refuses (a space, a control character, not ASCII) is not printed or used.
	if _, err := sdk.New(baseURL, tok.AccessToken); err != nil {
		return "", setupError(fmt.Errorf("%s: POST %s: 200 with an access_token that cannot be a bearer token: %s", verb, endpoint, strings.TrimPrefix(err.Error(), "ssojet: ")))
	}
	return tok.AccessToken, nil
}

// loadIssuer builds the Issuer of serve's token endpoint: the clients of the --client-secrets
// file (`client_secret client_id` lines, as --tokens), or, in development mode (dev is true),
// the demo client with a random secret, which it returns to print. Neither mode: no Issuer.
func loadIssuer(ctx context.Context, path string, dev bool, ttl time.Duration) (*server.Issuer, string, error) {
	if path != "" {
		secrets, err := readPairs(ctx, "--client-secrets", path, "client_secret")
		if err != nil {
			return nil, "", err
		}
		return server.NewIssuer(secrets, ttl), "", nil
	}
	if !dev {
		return nil, "", nil
	}
	secret := randomSecret("devsecret_")
	secrets := &server.Tokens{}
	secrets.Add(secret, server.DemoClientID)
	return server.NewIssuer(secrets, ttl), secret, nil
}
