package validate

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/route"
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
	rt, _ := route.New(doc).Operation("listUserLoginLogs")
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
