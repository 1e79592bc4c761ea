package validate

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/ssojet-tools/loginlogs/internal/route"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

type memoFixture struct {
	doc    *openapi3.T
	v      *Validator
	router *route.Router
}

func newMemoFixture(t testing.TB) *memoFixture {
	t.Helper()
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return &memoFixture{doc: doc, v: New(doc), router: route.New(doc)}
}

// kinRequest is the oracle: kin-openapi's ValidateRequest alone.
func (f *memoFixture) kinRequest(req *http.Request) error {
	rt, params, err := f.router.Find(req.Method, req.URL.EscapedPath())
	if err != nil {
		return err
	}
	return openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: rt,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
	})
}

// TestRequestMemoAgreesWithKinOpenAPI sends each request twice through the memoizing validator
// and once through kin-openapi alone: the verdicts agree every time, so the memo never lets
// through what kin-openapi refuses.
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
			route, params, err := f.router.Find(req.Method, req.URL.EscapedPath())
			if err != nil {
				t.Fatal(err)
			}
			remember, fast := f.v.Request(req.Context(), req, route, params)
			ref := f.kinRequest(req)
			remember() // the second round is answered by the memo
			if (fast == nil) != tt.valid || (ref == nil) != tt.valid {
				t.Errorf("GET %s (round %d): memo says %v, kin-openapi says %v; want valid=%v", tt.target, round, fast, ref, tt.valid)
			}
		}
	}
}

func TestRequestMemoKeySeesEveryDeclaredInput(t *testing.T) {
	f := newMemoFixture(t)
	key := func(target string, header ...string) string {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header[http.CanonicalHeaderKey(header[i])] = append(req.Header[http.CanonicalHeaderKey(header[i])], header[i+1])
		}
		route, params, err := f.router.Find(req.Method, req.URL.EscapedPath())
		if err != nil {
			t.Fatal(err)
		}
		k, ok := f.v.requests.key(req, route, params)
		if !ok {
			t.Fatalf("GET %s: the contract's operation is not memoized", target)
		}
		return k
	}
	base := "/api/v1/users/u1/loginlogs?client_id=c"
	same := key(base, "User-Agent", "x")
	if key(base, "User-Agent", "x") != same {
		t.Error("identical requests have different keys")
	}
	for name, other := range map[string]string{
		"another user":            key("/api/v1/users/u2/loginlogs?client_id=c", "User-Agent", "x"),
		"another query":           key(base+"&client_id=d", "User-Agent", "x"),
		"another header value":    key(base, "User-Agent", "y"),
		"an empty header":         key(base, "User-Agent", ""),
		"no header":               key(base),
		"a second header value":   key(base, "User-Agent", "x", "User-Agent", "x"),
		"another declared header": key(base, "User-Agent", "x", "If-None-Match", `"r1.1"`),
	} {
		if other == same {
			t.Errorf("%s: same key as the base request; the memo would skip validating it", name)
		}
	}
	if key(base) == key(base, "User-Agent", "") {
		t.Error("an absent header and an empty one have the same key")
	}
	if key(base, "User-Agent", "x") != key(base, "User-Agent", "x", "X-Undeclared", "y") {
		t.Error("a header the contract does not declare changed the key")
	}
}
