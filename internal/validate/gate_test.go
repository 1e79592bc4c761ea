package validate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// embeddedWithOracle returns the embedded contract, a Validator of it, the oracle of it and its
// listUserLoginLogs operation.
func embeddedWithOracle(t *testing.T) (*openapi3.T, *Validator, *oracle.Oracle, *routers.Route) {
	t.Helper()
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	rt, _ := Operation(doc, "listUserLoginLogs")
	return doc, New(doc), o, rt
}

// recordingSink keeps what a Gate passes on.
type recordingSink struct {
	started  bool
	body     bytes.Buffer
	replaced bool
	// sent holds the bytes passed since the gate's last Write began, as passed and as they
	// were then.
	sent []sentBytes
}

type sentBytes struct{ p, was []byte }

func (s *recordingSink) Start() error { s.started = true; return nil }
func (s *recordingSink) Write(p []byte) (int, error) {
	s.sent = append(s.sent, sentBytes{p, bytes.Clone(p)})
	return s.body.Write(p)
}
func (s *recordingSink) Replace(Verdict) { s.replaced = true }

// changed reports whether bytes the gate passed since its last Write began changed since.
func (s *recordingSink) changed() bool {
	return slices.ContainsFunc(s.sent, func(b sentBytes) bool { return !bytes.Equal(b.p, b.was) })
}

// TestGateByPolicy writes bodies through a Gate in small pieces, or lends them whole (Lend),
// judged whole (a large hold) and streamed (a hold smaller than the body), under each policy,
// and holds the outcome to
// kin-openapi's verdict (package oracle) on the whole body: report and off pass every byte
// unchanged (report's verdict is kin-openapi's); enforce passes a body kin-openapi accepts
// unchanged, and one it refuses never whole: replaced while nothing was sent, cut (ErrCut)
// after, and never past the start of the broken element. Under a contract that keeps the body
// from being split, both holds judge it whole. The bytes passed to the sink stay as passed until
// the gate's next Write (or Release), and a passing body lent within the hold is passed itself,
// not a copy.
func TestGateByPolicy(t *testing.T) {
	_, v, o, rt := embeddedWithOracle(t)
	entry := func(i int, createdAt string) string {
		return fmt.Sprintf(`{"IpAddress":"10.0.0.%d","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":%q}`, i, createdAt)
	}
	body := func(broken int) (string, int) {
		var b strings.Builder
		b.WriteString(`{"login_logs":[`)
		at := -1
		for i := range 20 {
			if i > 0 {
				b.WriteString(",")
			}
			createdAt := "2024-07-11T07:21:15.14Z"
			if i == broken {
				at, createdAt = b.Len(), "yesterday"
			}
			b.WriteString(entry(i, createdAt))
		}
		b.WriteString("]}")
		return b.String(), at
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
	header := http.Header{"Content-Type": {"application/json"}, "Etag": {`"r1.a"`}}
	// The same bodies under a contract that keeps them from being split (maxItems): judged
	// whole, past the hold too.
	const items = "          items:\n            $ref: '#/components/schemas/LoginLog'\n"
	wholeText := []byte(strings.Replace(string(api.OpenAPI), items, "          maxItems: 30\n"+items, 1))
	wholeDoc, err := spec.Load(wholeText)
	if err != nil {
		t.Fatal(err)
	}
	wholeOracle, err := oracle.New(wholeText)
	if err != nil {
		t.Fatal(err)
	}
	wholeRt, _ := Operation(wholeDoc, "listUserLoginLogs")
	for _, c := range []struct {
		name string
		v    *Validator
		o    *oracle.Oracle
		rt   *routers.Route
	}{{"embedded", v, o, rt}, {"maxItems", New(wholeDoc), wholeOracle, wholeRt}} {
		for _, broken := range []int{-1, 0, 19} {
			text, at := body(broken)
			kinOK := c.o.Response(req, http.StatusOK, header, []byte(text)) == nil
			if kinOK != (broken < 0) {
				t.Fatalf("the oracle says valid=%v of a body broken at entry %d", kinOK, broken)
			}
			for _, hold := range []int{1 << 20, 64} {
				for _, policy := range []Policy{Enforce, Report, Off} {
					for _, lend := range []bool{false, true} {
						name := fmt.Sprintf("%s/broken=%d/hold=%d/%s/lent=%v", c.name, broken, hold, policy, lend)
						sink := &recordingSink{}
						g := c.v.NewGate(context.Background(), Exchange{Request: req, Route: c.rt, Status: http.StatusOK, Header: header}, sink, GateOptions{Policy: policy, Hold: hold})
						whole := []byte(text)
						var werr error
						for p := whole; len(p) > 0 && werr == nil; p = p[min(50, len(p)):] {
							sink.sent = sink.sent[:0]
							if lend {
								_, werr = g.Lend(p)
								break
							}
							_, werr = g.Write(p[:min(50, len(p))])
							if sink.changed() {
								t.Errorf("%s: bytes passed to the sink changed before the gate's next Write", name)
							}
						}
						verdict, cerr := g.Close()
						if werr == nil {
							werr = cerr
						}
						if sink.changed() {
							t.Errorf("%s: bytes passed to the sink changed before Release", name)
						}
						if lend && policy != Off && hold > len(text) && kinOK && (len(sink.sent) != 1 || &sink.sent[0].p[0] != &whole[0]) {
							t.Errorf("%s: the lent body was passed in %d writes, not itself", name, len(sink.sent))
						}
						g.Release()
						sent := sink.body.String()
						switch {
						case policy != Enforce:
							if werr != nil || sent != text || !sink.started {
								t.Errorf("%s: error %v, %d of %d bytes passed (started %v); want every byte", name, werr, len(sent), len(text), sink.started)
							}
							if policy == Report && verdict.OK() != kinOK {
								t.Errorf("%s: verdict %+v; kin-openapi says valid=%v", name, verdict, kinOK)
							}
						case kinOK:
							if werr != nil || sent != text || sink.replaced {
								t.Errorf("%s: error %v, replaced %v, %d of %d bytes sent; want the body unchanged", name, werr, sink.replaced, len(sent), len(text))
							}
						case sink.replaced:
							if sink.started || sent != "" || werr != nil {
								t.Errorf("%s: replaced after %d bytes (started %v, error %v); want nothing sent", name, len(sent), sink.started, werr)
							}
						default:
							if !errors.Is(werr, ErrCut) || len(sent) > at || !strings.HasPrefix(text, sent) {
								t.Errorf("%s: error %v, %d bytes sent; want ErrCut and at most the %d bytes before the broken entry", name, werr, len(sent), at)
							}
						}
						if policy == Enforce && !kinOK && verdict.OK() {
							t.Errorf("%s: verdict OK; kin-openapi refuses the body", name)
						}
					}
				}
			}
		}
	}
}

// TestGateEndedEarlyJudgesNothingMore: a body judged whole that is broken off (Stop) or left
// (Discard) before its end is not judged: ending it allocates nothing like the body's size
// (kin-openapi's decode of it would, several times over).
func TestGateEndedEarlyJudgesNothingMore(t *testing.T) {
	const items = "          items:\n            $ref: '#/components/schemas/LoginLog'\n"
	doc, err := spec.Load([]byte(strings.Replace(string(api.OpenAPI), items, "          maxItems: 30\n"+items, 1)))
	if err != nil {
		t.Fatal(err)
	}
	rt, _ := Operation(doc, "listUserLoginLogs")
	v := New(doc)
	part := []byte(`{"login_logs":[{"IpAddress":"10.0.0.1","Country":"India","City":"Jaipur","UserAgent":"` + strings.Repeat("Mozilla/5.0 ", 4<<20/12))
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
	for _, policy := range []Policy{Enforce, Report} {
		for _, end := range []string{"Stop", "Discard"} {
			g := v.NewGate(context.Background(), Exchange{Request: req, Route: rt, Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}},
				&recordingSink{}, GateOptions{Policy: policy, Hold: 64 << 10})
			for p := part; len(p) > 0; p = p[min(32<<10, len(p)):] {
				g.Write(p[:min(32<<10, len(p))])
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			if end == "Stop" {
				if verdict := g.Stop(); verdict.Count != 0 || verdict.Err != nil {
					t.Errorf("%s/%s: verdict %+v, want none of the whole (nothing found before the break)", policy, end, verdict)
				}
			} else {
				g.Discard()
			}
			runtime.ReadMemStats(&after)
			if n := after.TotalAlloc - before.TotalAlloc; n > uint64(len(part))/4 {
				t.Errorf("%s/%s of %d bytes judged whole allocated %d bytes, want next to none: nothing is judged", policy, end, len(part), n)
			}
		}
	}
	// A streamed body judged by workers: ending it waits for the elements in flight, and its
	// workers end.
	_, v, _, rt = embeddedWithOracle(t)
	goroutines := runtime.NumGoroutine()
	g := v.NewGate(context.Background(), Exchange{Request: req, Route: rt, Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}},
		&recordingSink{}, GateOptions{Policy: Report, Hold: 64, Limits: Limits{Workers: 2}})
	g.Write([]byte(`{"login_logs":[` + strings.Repeat(`{"IpAddress":"10.0.0.1","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z"},`, 2000)))
	g.Discard()
	for i := 0; runtime.NumGoroutine() > goroutines; i++ {
		if i == 1000 {
			t.Fatalf("%d goroutines after the gate was discarded, %d before: its check's workers still run", runtime.NumGoroutine(), goroutines)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
