package jsonstream

import (
	"bytes"
	"testing"
)

// BenchmarkSplitter splits a body of 10,000 login logs, as the server and the checker stream
// one, fed in 32 KiB writes. MB/s is of body bytes.
func BenchmarkSplitter(b *testing.B) {
	entry := []byte(`{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"Mozilla/5.0 (X11; Linux x86_64)","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z","Attempts":12,"Score":-0.5e3,"Known":true,"Via":null}`)
	body := append([]byte(`{"login_logs":[`), bytes.Repeat(append(entry, ','), 10000)...)
	body = append(body[:len(body)-1], "],\"next\":null}"...)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		s := New(Options{Key: "login_logs", MaxElement: 4 << 20, MaxRest: 16 << 20}, func(_, _ int, _ int64, _ []byte) error {
			n++
			return nil
		})
		for p := body; len(p) > 0; {
			k := min(32<<10, len(p))
			if _, err := s.Write(p[:k]); err != nil {
				b.Fatal(err)
			}
			p = p[k:]
		}
		if err := s.Close(); err != nil || n != 10000 {
			b.Fatalf("split: %d elements, %v; want 10000 and no error", n, err)
		}
	}
}
