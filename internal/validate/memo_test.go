package validate

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
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
			fast := f.v.RememberedRequest(req.Context(), req, route, params)
			ref := f.kinRequest(req)
			if (fast == nil) != tt.valid || (ref == nil) != tt.valid {
				t.Errorf("GET %s (round %d): memo says %v, kin-openapi says %v; want valid=%v", tt.target, round, fast, ref, tt.valid)
			}
		}
	}
}

// TestRequestMemoKeysOnEveryDeclaredInput sends, after a request that passed, variants that
// differ from it in one input of the verdict each (the path, the query, each declared header:
// too long, repeated, absent), in two rounds: kin-openapi alone is the oracle for every one, so
// a memo that left an input out of its key passes a variant kin-openapi refuses.
func TestRequestMemoKeysOnEveryDeclaredInput(t *testing.T) {
	f := newMemoFixture(t)
	long := strings.Repeat("a", 1025)
	const base = "/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=cli_demo"
	type variant struct {
		target string
		header http.Header
	}
	ok := http.Header{"Accept-Language": {"en"}, "User-Agent": {"ua"}, "If-None-Match": {`"r1"`}}
	variants := []variant{
		{base, ok},
		{"/api/v1/users/" + strings.Repeat("6", 65) + "/loginlogs?client_id=cli_demo", ok},
		{"/api/v1/users/6694c154565dfee5166d1cc7/loginlogs?client_id=" + strings.Repeat("c", 129), ok},
		{base + "&client_id=", ok},
	}
	for _, name := range []string{"Accept-Language", "User-Agent", "If-None-Match"} {
		for _, values := range [][]string{{long}, {"x", long}, nil} {
			h := ok.Clone()
			if values == nil {
				delete(h, name)
			} else {
				h[name] = values
			}
			variants = append(variants, variant{base, h})
		}
	}
	refused := 0
	for round := range 2 {
		for _, tt := range variants {
			req := httptest.NewRequest(http.MethodGet, tt.target, nil)
			req.Header = tt.header.Clone()
			route, params, err := f.router.Find(req)
			if err != nil {
				t.Fatal(err)
			}
			got := f.v.RememberedRequest(req.Context(), req, route, params)
			want := f.kinRequest(req)
			if (got == nil) != (want == nil) {
				t.Errorf("round %d, GET %.90s with %.120s: validator says %.200v, kin-openapi says %.200v", round, tt.target, fmt.Sprint(tt.header), got, want)
			}
			if want != nil {
				refused++
			}
		}
	}
	if refused == 0 || refused == 2*len(variants) {
		t.Fatalf("kin-openapi refused %d of %d requests: the variants test nothing", refused, 2*len(variants))
	}
	if f.v.Remembered() == 0 {
		t.Fatal("no request was remembered: the memo was not exercised")
	}
}
