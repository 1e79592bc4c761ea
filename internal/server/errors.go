package server

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
	"github.com/ssojet-tools/loginlogs/internal/errbody"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// problem is one of the contract's documented errors (docs/decisions.md has the table).
type problem struct {
	status      int
	name        string
	code        int
	description string
}

// The errors the server answers, in SSOJet's shape.
var (
	errMalformed    = problem{http.StatusBadRequest, "malformed_request", 800, "The request is malformed."}
	errInvalidQuery = problem{http.StatusBadRequest, "invalid_query_parameters", 842, "The query parameters are not valid."}
	errInvalidToken = problem{http.StatusUnauthorized, "invalid_token", 1002, "The bearer token is missing or not valid."}
	errAccessDenied = problem{http.StatusForbidden, "access_denied", 1003, "The token was not issued to this client_id."}
	errNotFound     = problem{http.StatusNotFound, "resource_not_found", 801, "Resource not found."}
	errUserNotFound = problem{http.StatusNotFound, "resource_not_found", 801, "User not found."}
	errMethod       = problem{http.StatusMethodNotAllowed, "method_not_allowed", 805, "The method is not allowed on this path."}
	errInternal     = problem{http.StatusInternalServerError, "internal_server_error", 850, "The server could not complete the request."}
	errUnavailable  = problem{http.StatusServiceUnavailable, "service_unavailable", 853, "The service is temporarily unavailable; retry later."}
)

// Headers and values of the error responses.
const (
	retryAfterSeconds     = "5"
	wwwAuthenticate       = `Bearer realm="ssojet", error="invalid_token"`
	contentTypeJSON       = "application/json"
	headerRequestID       = "X-Request-Id"
	headerRetryAfter      = "Retry-After"
	headerWWWAuthenticate = "WWW-Authenticate"
)

// invalidRequest is the 400 answering a request that breaks the contract (vs, at least one, in
// kin-openapi's order: the parameters as the contract declares them, the path item's first, then
// the body). The answer is about the first violation, so that one request always gets the same
// code: invalid_query_parameters (842) when it is a query parameter's, malformed_request (800)
// otherwise (path, header, body). The description says it in words on one line that names the
// parameter (validate.Violation.String), then names the other places that break the contract.
func invalidRequest(vs []validate.Violation) problem {
	first := vs[0]
	p := errMalformed
	if first.In == "query" {
		p = errInvalidQuery
	}
	description := first.String()
	if len(vs) > 1 {
		var others []string
		for _, v := range vs[1:] {
			if w := v.Where(); w != first.Where() && !slices.Contains(others, w) {
				others = append(others, w)
			}
		}
		description += fmt.Sprintf(" (and %d more", len(vs)-1)
		if len(others) > 0 {
			description += ": " + inert(strings.Join(others, ", "))
		}
		description += ")"
	}
	return p.with(description)
}

// with returns p with another description.
func (p problem) with(description string) problem {
	p.description = description
	return p
}

// body is p as the generated Error model, for the strict handler's typed responses.
func (p problem) body() ssojetapi.Error { return errbody.Body(p.name, p.code, p.description) }

// write sends p on a raw ResponseWriter, with the headers its status needs.
func (p problem) write(w http.ResponseWriter) {
	h := w.Header()
	switch p.status {
	case http.StatusUnauthorized:
		h.Set(headerWWWAuthenticate, wwwAuthenticate)
	case http.StatusServiceUnavailable, http.StatusTooManyRequests:
		if h.Get(headerRetryAfter) == "" { // the rate limiter sets its own wait
			h.Set(headerRetryAfter, retryAfterSeconds)
		}
	}
	errbody.Write(w, p.status, p.name, p.code, p.description)
}

// send answers p through echo, so that the response layers see it.
func (p problem) send(c echo.Context) error {
	p.write(c.Response())
	return nil
}
