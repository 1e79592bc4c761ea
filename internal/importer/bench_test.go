package importer_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/importer"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres"
	"github.com/ssojet-tools/loginlogs/internal/store/postgres/pgtest"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

// benchEntries is how many entries one iteration of BenchmarkImport imports.
const benchEntries = 200_000

// seedLike returns n entries like the seed's, a few milliseconds apart, as NDJSON and as a
// one-line 200 body.
func seedLike(n int) (ndjson, body []byte) {
	var nd, js bytes.Buffer
	js.WriteString(`{"login_logs":[`)
	start := time.Date(2024, 7, 10, 12, 16, 19, 647_000_000, time.UTC)
	for i := range n {
		e := fmt.Sprintf(`{"IpAddress":"183.83.%d.%d","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"%s"}`,
			i>>8&255, i&255, start.Add(time.Duration(i)*3*time.Millisecond).Format(time.RFC3339Nano))
		nd.WriteString(e)
		nd.WriteByte('\n')
		if i > 0 {
			js.WriteByte(',')
		}
		js.WriteString(e)
	}
	js.WriteString(`]}`)
	return nd.Bytes(), js.Bytes()
}

// BenchmarkImport imports benchEntries seed-like entries per iteration, each iteration for a new
// user, in batches of DefaultBatchSize (the CLI's default), as NDJSON and as a one-line 200 body, into a
// SQLite file and, when LOGINLOGS_TEST_DATABASE_URL is set, into PostgreSQL. It reports entries/s
// and logs the rate next to its store's goal.
func BenchmarkImport(b *testing.B) {
	ndjson, body := seedLike(benchEntries)
	doc, err := loadSpec()
	if err != nil {
		b.Fatal(err)
	}
	im, err := importer.New(doc)
	if err != nil {
		b.Fatal(err)
	}
	stores := []struct {
		name string
		goal float64 // entries/s, issue 23's
		open func(b *testing.B) importer.Store
	}{
		{"sqlite", 250_000, func(b *testing.B) importer.Store {
			st, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatalf("sqlite.Open: %v", err)
			}
			b.Cleanup(func() { st.Close() })
			return st
		}},
		{"postgres", 150_000, func(b *testing.B) importer.Store {
			st, err := postgres.Open(b.Context(), pgtest.FreshURL(b))
			if err != nil {
				b.Fatalf("postgres.Open: %v", err)
			}
			b.Cleanup(func() { st.Close() })
			return st
		}},
	}
	for _, s := range stores {
		for _, in := range []struct {
			name string
			data []byte
		}{{"ndjson", ndjson}, {"json", body}} {
			b.Run(s.name+"/"+in.name, func(b *testing.B) {
				st := s.open(b)
				b.SetBytes(int64(len(in.data)))
				b.ReportAllocs()
				user := 0
				for b.Loop() {
					user++
					res, err := im.Import(b.Context(), st, bytes.NewReader(in.data), importer.Options{
						ClientID: "bench_client", UserID: fmt.Sprintf("bench_user_%d", user), BatchSize: importer.DefaultBatchSize,
					})
					if err != nil || res.Entries != benchEntries {
						b.Fatalf("Import = %+v, %v; want %d entries", res, err, benchEntries)
					}
				}
				rate := float64(user*benchEntries) / b.Elapsed().Seconds()
				b.ReportMetric(rate, "entries/s")
				verdict := "met"
				if rate < s.goal {
					verdict = "NOT MET"
				}
				b.Logf("%s import of %s, %d entries: %.0fk entries/s, goal ≥ %.0fk: %s", s.name, in.name, benchEntries, rate/1e3, s.goal/1e3, verdict)
			})
		}
	}
}
