package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// documentedRequest names the check every other live check relies on: when the API refuses it,
// the configuration is wrong, not the API.
const documentedRequest = "documented-request"

// refusedHead is how much of a refusal's body the checker keeps to quote it: SSOJet's error
// bodies are a few hundred bytes.
const refusedHead = 16 << 10

// refusable reports whether status, answered to the documented request, may be a refusal of the
// configuration rather than a violation: 401 (the token), 403 (the token and the client), 404
// (the user, or the base URL).
func refusable(status int) bool {
	return status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusNotFound
}

// DependsOnSetup is the reason given for a check skipped because the API refused the documented
// request: its answer would say more about the configuration than about the contract.
const DependsOnSetup = "not run: it sends what the API refused in the documented request (a set-up problem)"

// dependsOnRefusal reports whether c, a check's call, sends what the API refused with status
// in the documented request: after a 401 or 403, the token; after a 404 (an unknown user or a
// base URL that is not the API's), everything.
func dependsOnRefusal(cfg Config, status int, c call) bool {
	return status == http.StatusNotFound || c.token != "" && c.token == cfg.Token
}

// refusal turns res, the result of the documented request (res.Status refusable), into a set-up
// problem when the API refused it with a well-formed error of SSOJet's, or answered 404 with a
// body that is not SSOJet's error at all (the base URL is not the API's). A malformed error body
// stays a violation of the contract.
func refusal(cfg Config, res *Result, head []byte, complete bool) {
	bodyErrors := slices.ContainsFunc(res.Errors, func(f Finding) bool { return f.In != "status" })
	if bodyErrors && (res.Status != http.StatusNotFound || ssojetShaped(head)) {
		return // a malformed error body
	}
	refusal := sdk.ParseAPIError(&http.Response{StatusCode: res.Status}, head)
	switch {
	case complete && refusal.ErrorName != "" && refusal.ErrorDescription != "":
		res.Setup = fmt.Sprintf("set-up problem: the API refused the documented request with %s — %s", refusal.Summary(), RefusalHint(cfg, res.Status))
	case res.Status == http.StatusNotFound && !ssojetShaped(head):
		res.Setup = fmt.Sprintf("set-up problem: the documented request got 404 with a body that is not SSOJet's error (%s) — %s",
			describeBody(res.ContentType, head), baseURLHint)
	default:
		return
	}
	res.Refused = true
	res.Errors = nil // the status: what a refusal answers, not a violation
}

// ssojetShaped reports whether body is a JSON object with an error member, as SSOJet's error
// bodies are, well-formed or not.
func ssojetShaped(body []byte) bool {
	var obj map[string]json.RawMessage
	if json.NewDecoder(bytes.NewReader(body)).Decode(&obj) != nil {
		return false
	}
	_, ok := obj["error"]
	return ok
}

const baseURLHint = "check SSOJET_BASE_URL (--base-url): SSOJet's ends in /api/v1, e.g. https://api.ssojet.com/api/v1"

// RefusalHint names the setting to check when the API refused a request to cfg's API with
// status (401, 403 or 404).
func RefusalHint(cfg Config, status int) string {
	switch status {
	case http.StatusUnauthorized:
		return "check SSOJET_TOKEN (--token): it may have expired (SSOJet's tokens last an hour) or belong to another environment"
	case http.StatusForbidden:
		return "check that SSOJET_TOKEN (--token) was issued to SSOJET_CLIENT_ID (--client-id)"
	}
	if !HasAPIBasePath(cfg.BaseURL) {
		return baseURLHint
	}
	return "check SSOJET_USER_ID (--user-id): the API knows no user " + strconv.Quote(validate.Shorten(cfg.UserID, 64)) + " for this client"
}

// HasAPIBasePath reports whether baseURL's path ends in /api/v1, as SSOJet's does; a 404 from a
// base URL without it is a set-up problem, not an unknown user. A URL that does not parse counts
// as having it (its own error says more).
func HasAPIBasePath(baseURL string) bool {
	u, err := url.Parse(baseURL)
	return err != nil || strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/api/v1")
}

// capped keeps the first max bytes written to it, and notes whether more came.
type capped struct {
	buf  []byte
	max  int
	more bool // bytes beyond max were written
}

func (c *capped) Write(p []byte) (int, error) {
	n := min(len(p), c.max-len(c.buf))
	c.buf = append(c.buf, p[:n]...)
	if n < len(p) {
		c.more = true
	}
	return len(p), nil
}
