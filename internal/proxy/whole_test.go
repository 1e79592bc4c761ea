package proxy_test

import (
	"bytes"
	"crypto/sha256"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/proxy"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// TestAnswerJudgedWholeIsHeldOnce: in enforce mode, an answer that the contract keeps from being
// split (maxItems on login_logs) and that is longer than what the proxy judges whole at once is
// held once until its verdict: when all of it but its last byte has come, the live heap has
// grown by about its size, not twice it. It passes whole once kin-openapi passes it.
func TestAnswerJudgedWholeIsHeldOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("holds 40 MB")
	}
	v, body := answerJudgedWhole(t)
	last := make(chan struct{})
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body[:len(body)-1])
		w.(http.Flusher).Flush()
		<-last
		w.Write(body[len(body)-1:])
	}))
	defer up.Close()
	waiting := make(chan struct{})
	pr := startProxy(t, up.URL, func(c *proxy.Config) {
		c.Validator, c.Mode = v, validate.Enforce
		c.Transport = &readsUpTo{RoundTripper: proxy.NewTransport(), n: int64(len(body) - 1), reached: waiting}
	})

	runtime.GC()
	var before, during, after runtime.MemStats
	runtime.ReadMemStats(&before)
	peak := sampleHeap(time.Millisecond)
	type result struct {
		status int
		n      int64
		sum    []byte
		err    error
	}
	done := make(chan result)
	go func() {
		res, err := http.Get(logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID))
		if err != nil {
			done <- result{err: err}
			return
		}
		h := sha256.New()
		n, err := io.Copy(h, res.Body)
		res.Body.Close()
		done <- result{res.StatusCode, n, h.Sum(nil), err}
	}()
	<-waiting // the proxy holds all but the last byte, and waits for it
	runtime.GC()
	runtime.ReadMemStats(&during)
	held := int64(during.HeapAlloc) - int64(before.HeapAlloc)
	close(last)
	r := <-done
	highest := peak()
	runtime.ReadMemStats(&after)
	if sum := sha256.Sum256(body); r.err != nil || r.status != http.StatusOK || !bytes.Equal(r.sum, sum[:]) {
		t.Fatalf("status %d, %d of %d bytes (%v); want the answer whole, as kin-openapi passes it", r.status, r.n, len(body), r.err)
	}
	t.Logf("an answer of %d MB: %d MB held before its last byte; heap in use %d MB higher at the peak (sampled); %d MB allocated by the exchange",
		len(body)/1e6, held/1e6, (int64(highest)-int64(before.HeapInuse))/1e6, (after.TotalAlloc-before.TotalAlloc)/1e6)
	if held > int64(len(body))*3/2 {
		t.Errorf("the live heap grew by %d MB while the proxy held an answer of %d MB, want at most 1.5 times the answer", held/1e6, len(body)/1e6)
	}
}

// answerJudgedWhole returns a Validator of a contract that keeps the 200 body from being split
// (maxItems on login_logs) and a 41 MB body kin-openapi passes under it: one entry with a 40 MB
// UserAgent, as long as 40 MB of entries and cheap to decode.
func answerJudgedWhole(t *testing.T) (*validate.Validator, []byte) {
	t.Helper()
	const items = "          items:\n            $ref: '#/components/schemas/LoginLog'\n"
	o, v := judges(t, strings.Replace(string(api.OpenAPI), items, "          maxItems: 1000\n"+items, 1))
	body := []byte(`{"login_logs":[{"IpAddress":"10.0.0.1","Country":"India","City":"Jaipur","UserAgent":"` +
		strings.Repeat("Mozilla/5.0 ", 40<<20/12) + `","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z"}]}`)
	req := httptest.NewRequest(http.MethodGet, logsURL("http://ssojet.test/api/v1", fakeapi.UserID, fakeapi.ClientID), nil)
	if verdict := o.Response(req, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, body); verdict != nil {
		t.Fatalf("kin-openapi refuses the body: %v", verdict)
	}
	return v, body
}

// TestEnforcedAnswerPassesAsHeld: in enforce mode an answer passes to the client from where
// the gate held it, not from a copy, and is read through a pooled buffer: its exchange
// allocates about what the same exchange allocates in report mode, where the answer passes as
// it comes. The seed's answer (24 entries, judged whole within the hold) may take less than half
// a read buffer more (the race detector makes pools drop some of what they are given), one of
// 41 MB judged whole beyond the hold less than half the answer more.
func TestEnforcedAnswerPassesAsHeld(t *testing.T) {
	type answer struct {
		name  string
		v     *validate.Validator
		body  []byte
		times int
	}
	cases := []answer{{"seed", validator(t), seedBody(t), 200}}
	if !testing.Short() { // holds 40 MB
		v, body := answerJudgedWhole(t)
		cases = append(cases, answer{"41 MB judged whole", v, body, 1})
	}
	for _, c := range cases {
		up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write(c.body) // chunked when long: the answer ends for the client once the proxy read it all
		}))
		defer up.Close()
		allocated := map[validate.Policy]int64{} // per exchange
		for _, mode := range []validate.Policy{validate.Report, validate.Enforce} {
			pr := startProxy(t, up.URL, func(cfg *proxy.Config) { cfg.Validator, cfg.Mode = c.v, mode })
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for range c.times {
				res, got := get(t, logsURL(pr.base(), fakeapi.UserID, fakeapi.ClientID), "")
				if res.StatusCode != http.StatusOK || !bytes.Equal(got, c.body) {
					t.Fatalf("%s, %s: status %d, %d of %d bytes; want the answer whole", c.name, mode, res.StatusCode, len(got), len(c.body))
				}
			}
			s := pr.summary() // the exchanges are over
			runtime.ReadMemStats(&after)
			allocated[mode] = int64(after.TotalAlloc-before.TotalAlloc) / int64(c.times)
			if s.Judged != c.times || s.UpstreamViolations != 0 {
				t.Fatalf("%s, %s: %d of %d answers judged, %d violations; want each judged and passed", c.name, mode, s.Judged, c.times, s.UpstreamViolations)
			}
		}
		t.Logf("%s, %d bytes: %d bytes allocated per exchange in report mode, %d in enforce mode",
			c.name, len(c.body), allocated[validate.Report], allocated[validate.Enforce])
		if extra, most := allocated[validate.Enforce]-allocated[validate.Report], max(len(c.body)/2, 16<<10); extra > int64(most) {
			t.Errorf("%s: enforce mode allocated %d bytes more per exchange than report mode for an answer of %d bytes, want less than %d: it passes what it held",
				c.name, extra, len(c.body), most)
		}
	}
}

// readsUpTo is a transport whose answers' bodies close reached when they are read again after
// n bytes: the reader has handled the first n bytes and waits for more.
type readsUpTo struct {
	http.RoundTripper
	n       int64
	reached chan struct{}
}

func (t *readsUpTo) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.RoundTripper.RoundTrip(req)
	if err == nil {
		res.Body = &countingBody{ReadCloser: res.Body, t: t}
	}
	return res, err
}

type countingBody struct {
	io.ReadCloser
	t    *readsUpTo
	read int64
	once sync.Once
}

func (b *countingBody) Read(p []byte) (int, error) {
	if b.read >= b.t.n {
		b.once.Do(func() { close(b.t.reached) })
	}
	n, err := b.ReadCloser.Read(p)
	b.read += int64(n)
	return n, err
}
