package validate

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/ssojet-tools/loginlogs/internal/spec"
)

type memoFixture struct {
	doc    *openapi3.T
	v      *Validator
	router *Router
}

func newMemoFixture(t testing.TB) *memoFixture {
	t.Helper()
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return &memoFixture{doc: doc, v: New(doc), router: NewRouter(doc)}
}

// kinRequest is the oracle: kin-openapi's ValidateRequest alone.
func (f *memoFixture) kinRequest(req *http.Request) error {
	rt, params, err := f.router.Find(req)
	if err != nil {
		return err
	}
	return openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: rt,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
	})
}

// TestRequestMemoAgreesWithKinOpenAPI sends each request twice through the validator and once
// through kin-openapi alone: the verdicts agree every time, the second time as the first.
func TestRequestMemoAgreesWithKinOpenAPI(t *testing.T) {
	f := newMemoFixture(t)
	targets := []struct {
		target string
		valid  bool
	}{
		{"/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=cli_demo", true},
		{"/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=", false},
		{"/api/v1/users/6694c154565dfee5166d1cc7/loginlogs", false},
		{"/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=cli_demo&x=1", true},
		{"/api/v1/users/other/loginlogs?client_id=cli_demo", true},
		{"/api/v1/users/other/loginlogs?clientid=cli_demo", false},
	}
	for _, tt := range targets {
		for round := range 2 {
			req := httptest.NewRequest(http.MethodGet, tt.target, nil)
			req.Header.Set("Accept-Language", "en-US,en;q=0.9")
			route, params, err := f.router.Find(req)
			if err != nil {
				t.Fatal(err)
			}
			fast := f.v.Request(req.Context(), req, route, params)
			ref := f.kinRequest(req)
			if (fast == nil) != tt.valid || (ref == nil) != tt.valid {
				t.Errorf("GET %s (round %d): memo says %v, kin-openapi says %v; want valid=%v", tt.target, round, fast, ref, tt.valid)
			}
		}
	}
}
