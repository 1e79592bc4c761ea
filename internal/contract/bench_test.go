package contract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
)

// seedLike returns a 200 body of the seed's entries over and over, written as the seed writes
// them, a second apart from the first seed entry's time on, until it holds at least size bytes.
func seedLike(tb testing.TB, size int) []byte {
	tb.Helper()
	var s struct {
		LoginLogs []map[string]string `json:"login_logs"`
	}
	if err := json.Unmarshal(seed(tb), &s); err != nil {
		tb.Fatal(err)
	}
	t0, err := time.Parse(time.RFC3339Nano, s.LoginLogs[0]["CreatedAt"])
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	b.Grow(size + 1024)
	b.WriteString("{\n\"login_logs\": [\n")
	for i := 0; b.Len() < size; i++ {
		e := s.LoginLogs[i%len(s.LoginLogs)]
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "{\n\"IpAddress\": %q,\n\"Country\": %q,\n\"City\": %q,\n\"UserAgent\": %q,\n\"Name\": %q,\n\"Os\": %q,\n\"Device\": %q,\n\"CreatedAt\": %q\n}",
			e["IpAddress"], e["Country"], e["City"], e["UserAgent"], e["Name"], e["Os"], e["Device"],
			t0.Add(time.Duration(i)*time.Second).UTC().Format("2006-01-02T15:04:05.000Z"))
	}
	b.WriteString("\n]\n}\n")
	return b.Bytes()
}

// inspector returns a function that judges a 200 application/json body as the documented
// request's answer, as `contract --response` does.
func inspector(b *testing.B) func(body []byte) ([]contract.Finding, error) {
	insp, err := contract.NewInspector(validator(b), func() time.Time { return now })
	if err != nil {
		b.Fatal(err)
	}
	check, _ := contract.CheckNamed("documented-request")
	return func(body []byte) ([]contract.Finding, error) {
		ex := &contract.Exchange{Check: check.Name}
		ex.Response.Status = http.StatusOK
		ex.Response.Header = http.Header{"Content-Type": {"application/json"}}
		return insp.Inspect(context.Background(), check, ex, bytes.NewReader(body))
	}
}

// BenchmarkInspectStreamed judges a valid 20 MB answer of seed-like entries as `contract`
// does: kin-openapi on every entry and on the envelope, and D8's warnings. MB/s is the rate
// `contract --response` reaches on a big answer.
func BenchmarkInspectStreamed(b *testing.B) {
	body := seedLike(b, 20<<20)
	inspect := inspector(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		findings, err := inspect(body)
		if err != nil || len(findings) > 0 {
			b.Fatalf("Inspect: %v, findings %v; want a clean pass", err, findings)
		}
	}
}

// BenchmarkInspectHostile judges the hostile fake's answers as `contract --response` does:
// 9,000 nested arrays (18 KB) and objects (54 KB), 100 entries of 60 nested objects, a 512 KiB
// CreatedAt, 1,000 entries breaking the contract. B/op is what one answer allocates, a bound on
// what it adds to the heap.
func BenchmarkInspectHostile(b *testing.B) {
	inspect := inspector(b)
	for _, behaviour := range []string{"nested", "deep", "deep=60x100", "long=512K", "many=1000"} {
		body := fakeapi.HostileBody(behaviour)
		b.Run(behaviour, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				findings, err := inspect(body)
				if err != nil || len(findings) == 0 {
					b.Fatalf("Inspect: %v, %d findings; want the violations", err, len(findings))
				}
			}
		})
	}
}
