package validate

import (
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/routers"
)

// TestRouterOnAnyHostWithEscapedIDs routes requests with kin-openapi's router as the server and
// the proxy do: on any host, below /api/v1, with a user id given back unescaped, an escaped '/'
// inside it staying one segment; a path outside the contract is not found, a method it does not
// define on a path it has is not allowed, with the methods it does define for Allow. Later
// rounds find what the first routed in the router's memory, the same; a caller's change to the
// parameters it got does not reach it.
func TestRouterOnAnyHostWithEscapedIDs(t *testing.T) {
	_, v, _, _ := embeddedWithOracle(t)
	for round := range 3 {
		for _, tt := range []struct {
			method, target string
			userid         string
			err            error
			allow          string
		}{
			{"GET", "http://api.ssojet.com/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=c", "6694c154565dfee5166d1cc7", nil, ""},
			{"HEAD", "http://127.0.0.1:1/api/v1/users/u/loginlogs", "u", nil, ""},
			{"GET", "/api/v1/users/a%2Fb/loginlogs", "a/b", nil, ""},
			{"GET", "/api/v1/users/%00%1B%C3%A9%FF/loginlogs", "\x00\x1bé\xff", nil, ""},
			{"GET", "/api/v1/users/../loginlogs", "..", nil, ""},
			{"GET", "/api/v1/users//loginlogs", "", routers.ErrPathNotFound, ""},
			{"GET", "/api/v1/users/a/b/loginlogs", "", routers.ErrPathNotFound, ""},
			{"GET", "/users/u/loginlogs", "", routers.ErrPathNotFound, ""},
			{"GET", "/healthz", "", routers.ErrPathNotFound, ""},
			{"POST", "/api/v1/users/u/loginlogs", "", routers.ErrMethodNotAllowed, "GET, HEAD"},
		} {
			req := httptest.NewRequest(tt.method, tt.target, nil)
			rt, params, err := v.Router().Find(req)
			if !errors.Is(err, tt.err) || (err == nil && (rt.Method != tt.method || params["userid"] != tt.userid)) {
				t.Errorf("round %d, %s %s: route %v, params %q, error %v; want %s with userid %q, error %v", round, tt.method, tt.target, rt, params, err, tt.method, tt.userid, tt.err)
			}
			if params != nil {
				params["userid"] = "changed by the caller"
			}
			if tt.allow != "" {
				if got := v.Router().Allow(req); got != tt.allow {
					t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.target, got, tt.allow)
				}
			}
		}
	}
	if _, ok := Operation(v.Doc(), "listUserLoginLogs"); !ok {
		t.Error(`Operation("listUserLoginLogs"): not found`)
	}
	if _, ok := Operation(v.Doc(), "nope"); ok {
		t.Error(`Operation("nope"): found`)
	}
}
