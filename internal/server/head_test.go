package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

var headOracle = sync.OnceValues(func() (*oracle.Oracle, error) { return oracle.New(api.OpenAPI) })

func theOracle(t *testing.T) *oracle.Oracle {
	t.Helper()
	o, err := headOracle()
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// client is the generated SDK for base, sending token (none when empty) and extra headers.
func client(t *testing.T, base, token string, header ...string) *ssojet.ClientWithResponses {
	t.Helper()
	c, err := ssojet.NewClientWithResponses(base+validate.BasePath, ssojet.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		for i := 0; i+1 < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		return nil
	}))
	if err != nil {
		t.Fatalf("NewClientWithResponses: %v", err)
	}
	return c
}

// checkHeadHeaders judges a HEAD response by the contract's HEAD operation, with kin-openapi's
// schema validation (ValidateResponse itself skips HEAD): the status is documented without a
// body, every required header is there, and every documented header fits its schema.
func checkHeadHeaders(t *testing.T, status int, h http.Header) {
	t.Helper()
	op := theOracle(t).Doc().Paths.Find("/users/{userid}/loginlogs").Head
	if op == nil {
		t.Fatal("the contract declares no HEAD operation")
	}
	ref := op.Responses.Status(status)
	if ref == nil || ref.Value == nil {
		t.Fatalf("HEAD: status %d is not documented", status)
	}
	if len(ref.Value.Content) != 0 {
		t.Errorf("HEAD %d: the contract documents a body", status)
	}
	for name, hr := range ref.Value.Headers {
		v := h.Get(name)
		if v == "" {
			if hr.Value.Required {
				t.Errorf("HEAD %d: required header %s missing", status, name)
			}
			continue
		}
		if err := hr.Value.Schema.Value.VisitJSON(v); err != nil {
			t.Errorf("HEAD %d: header %s %q violates the contract: %v", status, name, v, err)
		}
	}
}

// sameHeaders are the headers a HEAD answer must share with the GET answer (RFC 9110 9.3.2).
var sameHeaders = []string{"Content-Type", "ETag", "Cache-Control", "WWW-Authenticate", "Retry-After"}

// TestHeadIsGetWithoutBody calls each documented answer with GET and with HEAD through the
// generated client: same status and headers, the Content-Length of GET's body, no body; the
// GET answer is judged by kin-openapi, the HEAD answer by the HEAD operation's headers.
func TestHeadIsGetWithoutBody(t *testing.T) {
	for _, mode := range []validate.Policy{validate.Enforce, validate.Off} {
		t.Run(mode.String(), func(t *testing.T) {
			fs := newFastStack(t, mode)
			first, _ := fs.get(t)
			etag := first.Header.Get("ETag")
			long := strings.Repeat("6", 3000)
			cases := []struct {
				name, user, clientID, token string
				header                      []string
				status                      int
			}{
				{"logs", DemoUserID, DemoClientID, fastToken, nil, 200},
				{"logs from the cache", DemoUserID, DemoClientID, fastToken, nil, 200},
				{"current If-None-Match", DemoUserID, DemoClientID, fastToken, []string{"If-None-Match", etag}, 304},
				{"stale If-None-Match", DemoUserID, DemoClientID, fastToken, []string{"If-None-Match", `"r1.0"`}, 200},
				{"no token", DemoUserID, DemoClientID, "", nil, 401},
				{"unknown token", DemoUserID, DemoClientID, "nope", nil, 401},
				{"client_id of another client", DemoUserID, "cli_other", fastToken, nil, 403},
				{"unknown user", "000000000000000000000000", DemoClientID, fastToken, nil, 404},
				{"no client_id", DemoUserID, "", fastToken, nil, 400},
				{"user id of 3,000 characters", long, DemoClientID, fastToken, nil, 400},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					sdk := client(t, fs.base, c.token, c.header...)
					get, err := sdk.ListUserLoginLogsWithResponse(t.Context(), c.user, &ssojet.ListUserLoginLogsParams{ClientId: c.clientID})
					if err != nil {
						t.Fatalf("GET: %v", err)
					}
					head, err := sdk.HeadUserLoginLogsWithResponse(t.Context(), c.user, &ssojet.HeadUserLoginLogsParams{ClientId: c.clientID})
					if err != nil {
						t.Fatalf("HEAD: %v", err)
					}
					if get.StatusCode() != c.status || head.StatusCode() != c.status {
						t.Fatalf("GET status %d, HEAD status %d; want %d for both\n%s", get.StatusCode(), head.StatusCode(), c.status, get.Body)
					}
					if err := theOracle(t).Response(get.HTTPResponse.Request, get.StatusCode(), get.HTTPResponse.Header, get.Body); err != nil {
						t.Errorf("GET %d violates the contract: %v", c.status, err)
					}
					checkHeadHeaders(t, head.StatusCode(), head.HTTPResponse.Header)
					if len(head.Body) != 0 {
						t.Errorf("HEAD %d: %d bytes of body, want none", c.status, len(head.Body))
					}
					for _, name := range sameHeaders {
						if g, h := get.HTTPResponse.Header.Get(name), head.HTTPResponse.Header.Get(name); g != h {
							t.Errorf("%s: GET %q, HEAD %q; want the same", name, g, h)
						}
					}
					wantLength := strconv.Itoa(len(get.Body))
					if c.status == http.StatusNotModified {
						wantLength = ""
					}
					if got := head.HTTPResponse.Header.Get("Content-Length"); got != wantLength {
						t.Errorf("HEAD %d: Content-Length %q, want %q (GET's body)", c.status, got, wantLength)
					}
				})
			}
		})
	}
}

// TestHeadOfAStreamedAnswer: HEAD of an answer GET streams scans the logs without sending them
// and carries the length GET's body has.
func TestHeadOfAStreamedAnswer(t *testing.T) {
	bs := newBigStack(t, validate.Enforce, nil)
	res, body, err := bs.get(t, fastToken)
	if err != nil || res.StatusCode != http.StatusOK || res.ContentLength != -1 {
		t.Fatalf("GET big user: status %d, Content-Length %d, %v; want a streamed 200", res.StatusCode, res.ContentLength, err)
	}
	head, err := client(t, bs.base, fastToken).HeadUserLoginLogsWithResponse(t.Context(), bigUser, &ssojet.HeadUserLoginLogsParams{ClientId: DemoClientID})
	if err != nil {
		t.Fatalf("HEAD big user: %v", err)
	}
	if head.StatusCode() != http.StatusOK || len(head.Body) != 0 {
		t.Fatalf("HEAD big user: status %d, %d bytes; want 200 without a body", head.StatusCode(), len(head.Body))
	}
	if got, want := head.HTTPResponse.Header.Get("Content-Length"), strconv.Itoa(len(body)); got != want {
		t.Errorf("HEAD big user: Content-Length %q, want %s (GET's streamed body)", got, want)
	}
	if g, h := res.Header.Get("ETag"), head.HTTPResponse.Header.Get("ETag"); g == "" || g != h {
		t.Errorf("HEAD big user: ETag %q, GET's %q; want the same", h, g)
	}
	checkHeadHeaders(t, head.StatusCode(), head.HTTPResponse.Header)
}

// TestHeadLeavesTheCacheAlone: a HEAD answer is never cached (its body is not validated as
// GET's would be); the GET after it is.
func TestHeadLeavesTheCacheAlone(t *testing.T) {
	fs := newFastStack(t, validate.Enforce)
	sdk := client(t, fs.base, fastToken)
	head, err := sdk.HeadUserLoginLogsWithResponse(t.Context(), DemoUserID, &ssojet.HeadUserLoginLogsParams{ClientId: DemoClientID})
	if err != nil || head.StatusCode() != http.StatusOK {
		t.Fatalf("HEAD: %v, status %d; want 200", err, head.StatusCode())
	}
	if n := fs.cache.Len(); n != 0 {
		t.Errorf("after HEAD: %d cached bodies, want 0", n)
	}
	fs.get(t)
	if n := fs.cache.Len(); n != 1 {
		t.Errorf("after GET: %d cached bodies, want 1", n)
	}
}

// lookups is a Store that records the user ids it is asked about, around a real SQLite store.
type lookups struct {
	Store
	mu    sync.Mutex
	users []string
}

func (l *lookups) saw(userID string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.users = append(l.users, userID)
}

func (l *lookups) ScanLoginLogs(ctx context.Context, clientID, userID string, fn store.ScanFunc) (int64, error) {
	l.saw(userID)
	return l.Store.ScanLoginLogs(ctx, clientID, userID, fn)
}

func (l *lookups) UserVersion(ctx context.Context, clientID, userID string) (int64, error) {
	l.saw(userID)
	return l.Store.UserVersion(ctx, clientID, userID)
}

// TestLengthLimits: parameters longer than the contract's maxLength are refused with 400 in
// SSOJet's shape, as kin-openapi refuses the request, and never reach the store; the longest
// allowed user id is looked up.
func TestLengthLimits(t *testing.T) {
	fs := newFastStack(t, validate.Enforce) // for its seeded SQLite store
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	seen := &lookups{Store: fs.store}
	tokens := &Tokens{}
	tokens.Add(fastToken, DemoClientID)
	srv := httptest.NewServer(NewHandler(Config{Store: seen, Validator: validate.New(doc), Tokens: tokens,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(srv.Close)

	long := strings.Repeat("a", 3000)
	cases := []struct {
		name, method, user, clientID string
		header                       []string
		status, code                 int
	}{
		{"user id of 3,000 characters", "GET", long, DemoClientID, nil, 400, 800},
		{"user id of 3,000 characters, HEAD", "HEAD", long, DemoClientID, nil, 400, 0},
		{"user id of 65 characters", "GET", long[:65], DemoClientID, nil, 400, 800},
		{"client_id of 129 characters", "GET", DemoUserID, long[:129], nil, 400, 842},
		{"user-agent of 1,025 characters", "GET", DemoUserID, DemoClientID, []string{"User-Agent", long[:1025]}, 400, 800},
		{"accept-language of 1,025 characters", "GET", DemoUserID, DemoClientID, []string{"Accept-Language", long[:1025]}, 400, 800},
		{"If-None-Match of 1,025 characters", "GET", DemoUserID, DemoClientID, []string{"If-None-Match", long[:1025]}, 400, 800},
		{"user id of 64 characters", "GET", long[:64], DemoClientID, nil, 404, 801},
		{"headers of 1,024 characters", "GET", DemoUserID, DemoClientID, []string{"User-Agent", long[:1024], "Accept-Language", long[:1024]}, 200, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			seen.mu.Lock()
			seen.users = nil
			seen.mu.Unlock()
			sdk := client(t, srv.URL, fastToken, c.header...)
			var res *http.Response
			var body []byte
			if c.method == "HEAD" {
				r, err := sdk.HeadUserLoginLogsWithResponse(t.Context(), c.user, &ssojet.HeadUserLoginLogsParams{ClientId: c.clientID})
				if err != nil {
					t.Fatalf("HEAD: %v", err)
				}
				res, body = r.HTTPResponse, r.Body
			} else {
				r, err := sdk.ListUserLoginLogsWithResponse(t.Context(), c.user, &ssojet.ListUserLoginLogsParams{ClientId: c.clientID})
				if err != nil {
					t.Fatalf("GET: %v", err)
				}
				res, body = r.HTTPResponse, r.Body
			}
			if res.StatusCode != c.status {
				t.Fatalf("%s: status %d, want %d\n%s", c.method, res.StatusCode, c.status, body)
			}
			refused := theOracle(t).Request(res.Request)
			if (c.status == 400) != (refused != nil) {
				t.Errorf("%s: status %d, kin-openapi's verdict on the request: %v", c.method, res.StatusCode, refused)
			}
			if c.code != 0 {
				if err := theOracle(t).Response(res.Request, res.StatusCode, res.Header, body); err != nil {
					t.Errorf("%s %d violates the contract: %v", c.method, res.StatusCode, err)
				}
				if want := `"error_code":` + strconv.Itoa(c.code); !strings.Contains(string(body), want) {
					t.Errorf("%s: body %s, want %s", c.method, body, want)
				}
			}
			seen.mu.Lock()
			users := seen.users
			seen.mu.Unlock()
			if lookedUp := len(users) > 0; lookedUp != (c.status != 400) {
				t.Errorf("%s: the store was asked about %d user ids; want a lookup only for a request the contract accepts", c.method, len(users))
			}
		})
	}
}

// TestEveryUnauthorizedHasTheChallenge: every way of failing authentication answers 401 with a
// WWW-Authenticate the contract accepts (required, starting "Bearer "), on GET and HEAD.
func TestEveryUnauthorizedHasTheChallenge(t *testing.T) {
	fs := newFastStack(t, validate.Enforce)
	for _, auth := range []string{"", "Bearer", "Bearer ", "Bearer nope", "Basic " + fastToken, "bearer nope", fastToken} {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			req, err := http.NewRequestWithContext(t.Context(), method, fs.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("%s with Authorization %q: %v", method, auth, err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s with Authorization %q: status %d, want 401", method, auth, res.StatusCode)
				continue
			}
			if method == http.MethodHead {
				checkHeadHeaders(t, res.StatusCode, res.Header)
				continue
			}
			if err := theOracle(t).Response(req, res.StatusCode, res.Header, body); err != nil {
				t.Errorf("GET with Authorization %q: 401 violates the contract: %v", auth, err)
			}
			if got := res.Header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer ") {
				t.Errorf("GET with Authorization %q: WWW-Authenticate %q, want a bearer challenge", auth, got)
			}
		}
	}
}
