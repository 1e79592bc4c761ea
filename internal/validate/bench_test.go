package validate

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// BenchmarkBody judges 200 bodies of 24, 1,000 and 10,000 entries: streamed (element by element,
// as the server and the checker do; in Write, or on two workers as the checker does) and whole (kin-openapi's ValidateResponse on the body at
// once, the reference). MB/s is of body bytes.
func BenchmarkBody(b *testing.B) {
	doc, err := spec.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	rt, _ := Operation(doc, "listUserLoginLogs")
	v := New(doc)
	entry := []byte(`{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z"}`)
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
	ex := Exchange{Request: req, Route: rt, PathParams: map[string]string{"userid": "u"}, Status: http.StatusOK,
		Header: http.Header{"Content-Type": {"application/json"}}}
	for _, n := range []int{24, 1000, 10000} {
		body := append([]byte(`{"login_logs":[`), bytes.Repeat(append(entry, ','), n)...)
		body = append(body[:len(body)-1], "]}"...)
		b.Run(fmt.Sprintf("entries=%d/streamed", n), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if verdict := v.Response(context.Background(), ex, body); !verdict.OK() {
					b.Fatalf("valid body refused: %+v", verdict)
				}
			}
		})
		b.Run(fmt.Sprintf("entries=%d/streamed-2-workers", n), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				rc := v.NewResponseCheck(context.Background(), ex, Limits{Workers: 2})
				rc.Write(body)
				if verdict := rc.Close(); !verdict.OK() {
					b.Fatalf("valid body refused: %+v", verdict)
				}
			}
		})
		b.Run(fmt.Sprintf("entries=%d/whole", n), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := v.whole(context.Background(), ex, body, v.opts); err != nil {
					b.Fatalf("valid body refused: %v", err)
				}
			}
		})
	}
}

// BenchmarkBodyJudgedWhole judges 200 bodies of 16 and 51 MB of login logs under a contract
// that keeps them from being split (uniqueItems on login_logs): kin-openapi decodes each at
// once, as a ResponseCheck does up to Limits.Whole. Peak memory (RSS of the benchmark's
// process) is in docs/benchmarks.md, issue 18.
func BenchmarkBodyJudgedWhole(b *testing.B) {
	embedded, err := spec.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	items := embedded.Components.Schemas["LoginLogsResponse"].Value.Properties["login_logs"].Value
	items.UniqueItems = true // this benchmark's own copy of the contract
	defer func() { items.UniqueItems = false }()
	rt, _ := Operation(embedded, "listUserLoginLogs")
	v := New(embedded)
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
	ex := Exchange{Request: req, Route: rt, PathParams: map[string]string{"userid": "u"}, Status: http.StatusOK,
		Header: http.Header{"Content-Type": {"application/json"}}}
	for _, mb := range []int{16, 51} {
		var body bytes.Buffer
		body.WriteString(`{"login_logs":[`)
		for i := 0; body.Len() < mb<<20; i++ {
			if i > 0 {
				body.WriteByte(',')
			}
			fmt.Fprintf(&body, `{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.%dZ"}`, i)
		}
		body.WriteString(`]}`)
		b.Run(fmt.Sprintf("size=%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(body.Len()))
			b.ReportAllocs()
			for b.Loop() {
				rc := v.NewResponseCheck(context.Background(), ex, Limits{})
				if rc.Streams() {
					b.Fatal("the body streams: the benchmark's contract edit no longer applies")
				}
				rc.Write(body.Bytes())
				if verdict := rc.Close(); !verdict.OK() {
					b.Fatalf("valid body refused: %+v", verdict)
				}
			}
		})
	}
}
