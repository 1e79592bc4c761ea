package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/bench"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

const (
	bigUser    = "big-user"
	bigEntries = 20000 // about 4 MB: well past maxBufferedBody
	otherToken = "token-of-another-demo-client-token"
)

type bigStack struct {
	*fastStack
	bigURL string
}

// newBigStack serves, beside the demo tenant, a user with bigEntries logs.
func newBigStack(t *testing.T, mode validate.Policy, large *LargeAnswers) *bigStack {
	t.Helper()
	fs := newStack(t, mode, 64<<20, large, func(st *sqlite.Store, seed []store.LoginLog) error {
		return st.AddLoginLogs(context.Background(), DemoClientID, bigUser, bench.Logs(seed, bigEntries))
	})
	return &bigStack{fastStack: fs, bigURL: fs.base + "/api/v1/users/" + bigUser + "/loginlogs?client_id=" + DemoClientID}
}

func (bs *bigStack) get(t *testing.T, token string, header ...string) (*http.Response, []byte, error) {
	t.Helper()
	return getWith(t, bs.bigURL, token, header...)
}

// TestLargeAnswerStreams: a long answer is streamed (no Content-Length), complete, accepted by
// kin-openapi, never cached, and conditional requests still get 304.
func TestLargeAnswerStreams(t *testing.T) {
	for _, mode := range []validate.Policy{validate.Enforce, validate.Report, validate.Off} {
		t.Run(mode.String(), func(t *testing.T) {
			bs := newBigStack(t, mode, nil)
			res, body, err := bs.get(t, fastToken)
			if err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("GET big user: status %d, read error %v; want 200 and a whole body", res.StatusCode, err)
			}
			if res.ContentLength != -1 || len(body) <= maxBufferedBody {
				t.Errorf("GET big user: Content-Length %d for %d bytes; want a streamed answer (-1) over %d bytes", res.ContentLength, len(body), maxBufferedBody)
			}
			var decoded struct {
				LoginLogs []json.RawMessage `json:"login_logs"`
			}
			if err := json.Unmarshal(body, &decoded); err != nil || len(decoded.LoginLogs) != bigEntries {
				t.Fatalf("streamed body: %d entries (%v), want %d", len(decoded.LoginLogs), err, bigEntries)
			}
			o, err := oracle.New(api.OpenAPI)
			if err != nil {
				t.Fatal(err)
			}
			if err := o.Response(res.Request, res.StatusCode, res.Header, body); err != nil {
				t.Errorf("kin-openapi refuses the streamed body: %v", err)
			}
			if n := bs.cache.Len(); n != 0 {
				t.Errorf("%d cached bodies after a streamed answer, want none (large bodies are not cached)", n)
			}
			etag := res.Header.Get("ETag")
			if etag == "" {
				t.Fatal("streamed answer without ETag")
			}
			res, again, err := bs.get(t, fastToken, "If-None-Match", etag)
			if err != nil || res.StatusCode != http.StatusNotModified || len(again) != 0 {
				t.Errorf("If-None-Match %s: status %d, %d bytes (%v); want 304 and no body", etag, res.StatusCode, len(again), err)
			}
			if strings.Contains(bs.logs.String(), "violates the contract") {
				t.Errorf("a valid streamed answer was logged as a violation:\n%s", bs.logs.String())
			}
		})
	}
}

// TestStreamedViolation breaks one entry deep in a streamed answer. Enforce cuts the connection
// before the broken entry and never lets a complete-looking body out; report passes the whole
// body. Both log the entry's pointer and count it on /metrics by its pattern.
func TestStreamedViolation(t *testing.T) {
	const late = 15000 // an entry far past the first megabyte
	for _, mode := range []validate.Policy{validate.Enforce, validate.Report} {
		t.Run(mode.String(), func(t *testing.T) {
			bs := newBigStack(t, mode, nil)
			seen := 0
			bs.srv.corrupt = func(b []byte) []byte {
				n := bytes.Count(b, []byte(`{"IpAddress"`))
				if seen <= late && late < seen+n {
					// the (late-seen)th entry of this write gets an impossible date
					at := 0
					for range late - seen + 1 {
						at += bytes.Index(b[at:], []byte(`"CreatedAt":"`)) + len(`"CreatedAt":"`)
					}
					copy(b[at+5:], "02-30")
				}
				seen += n
				return b
			}
			res, body, err := bs.get(t, fastToken)
			wantPointer := `"pointer":"/login_logs/15000/CreatedAt"`
			if !strings.Contains(bs.logs.String(), wantPointer) {
				t.Errorf("log does not name %s:\n%.2000s", wantPointer, bs.logs.String())
			}
			want := map[string]float64{"kind=body,pointer=/login_logs/*/CreatedAt,side=server": 1}
			if got := violationCounts(t, bs.base); !maps.Equal(got, want) {
				t.Errorf("GET /metrics: loginlogs_violations_total %v, want %v", got, want)
			}
			if mode == validate.Report {
				if err != nil || res.StatusCode != http.StatusOK || !bytes.HasSuffix(body, []byte("]}")) {
					t.Errorf("report mode: status %d, read error %v, body ends %q; want the whole body", res.StatusCode, err, tail(body))
				}
				return
			}
			if err == nil {
				t.Fatalf("enforce mode: the client read a complete body (status %d, ends %q); want the connection cut", res.StatusCode, tail(body))
			}
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Logf("read error: %v", err)
			}
			if bytes.Contains(body, []byte("-02-30")) {
				t.Error("enforce mode: the broken entry reached the client")
			}
			if bytes.HasSuffix(bytes.TrimSpace(body), []byte("]}")) {
				t.Error("enforce mode: the client got the closing bytes of the body")
			}
		})
	}
}

func tail(b []byte) string {
	return string(b[max(0, len(b)-20):])
}

// TestLargeAnswersAreCapped holds one streamed answer open with a reader that does not read,
// then asks again: the same token gets 429, another token 503, both with Retry-After; once the
// first answer is done, a new one streams.
func TestLargeAnswersAreCapped(t *testing.T) {
	large := NewLargeAnswers(1, 1)
	bs := newBigStack(t, validate.Enforce, large)

	conn, err := net.Dial("tcp", strings.TrimPrefix(bs.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	path := strings.TrimPrefix(bs.bigURL, bs.base)
	if _, err := io.WriteString(conn, "GET "+path+" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "+fastToken+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	// Wait until the server holds the place (it blocks writing to the unread connection).
	deadline := time.Now().Add(10 * time.Second)
	for large.InProgress() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the slow request never started streaming")
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, tt := range []struct {
		token string
		want  int
	}{{fastToken, http.StatusTooManyRequests}, {otherToken, http.StatusServiceUnavailable}} {
		res, body, _ := bs.get(t, tt.token)
		if res.StatusCode != tt.want || res.Header.Get("Retry-After") == "" {
			t.Errorf("while one streamed answer is held: status %d, Retry-After %q; want %d with Retry-After\n%.200s", res.StatusCode, res.Header.Get("Retry-After"), tt.want, body)
		}
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(body, &e) != nil || e.Error == "" {
			t.Errorf("refusal body is not SSOJet's error shape: %.200s", body)
		}
	}
	// Small answers are not capped.
	req, _ := http.NewRequest(http.MethodGet, bs.base+"/api/v1/users/"+DemoUserID+"/loginlogs?client_id="+DemoClientID, nil)
	req.Header.Set("Authorization", "Bearer "+fastToken)
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("a small answer while a streamed one is held: %v, %v; want 200", res, err)
	} else {
		res.Body.Close()
	}
	conn.Close() // the slow reader goes away: its place is given back
	deadline = time.Now().Add(10 * time.Second)
	for large.InProgress() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the place of a dropped streamed answer was not given back")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if res, _, err := bs.get(t, fastToken); err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("after the slow reader left: status %d (%v), want 200", res.StatusCode, err)
	}
}
