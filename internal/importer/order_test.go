package importer_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/importer"
)

// TestImportStopsAtTheFirstRefusal imports 2,500 entries with one refused entry at various
// places, with eight workers judging in parallel, into real stores: exactly the whole batches
// before the refused entry are written, in input order, and the error names that entry, as if
// the entries were judged and written one after the other.
func TestImportStopsAtTheFirstRefusal(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	const n = 2500
	bads := []struct{ name, entry, says string }{
		{"violation", `{"IpAddress":"1.1.1.1"}`, "violates the contract's LoginLog"},
		{"not JSON", `{"IpAddress":tru}`, "not JSON"},
		{"unstorable", strings.Replace(named(1, "x"), "2024-07-01", "1500-07-01", 1), "storable range"},
	}
	eachStore(t, func(t *testing.T, st testStore) {
		user := 0
		for _, f := range forms {
			for i, at := range []int{-1, 0, 999, 1000, 2345, n - 1} {
				bad := bads[(i+len(f.name))%len(bads)]
				entries := make([]string, n)
				for j := range entries {
					entries[j] = named(j, fmt.Sprint("e-", j))
				}
				if at >= 0 {
					entries[at] = bad.entry
				}
				in := f.of(entries...)
				for _, batch := range []int{97, 1000, 0} {
					user++
					u := fmt.Sprint("u", user)
					res, err := im(t).Import(t.Context(), st, strings.NewReader(in), importer.Options{ClientID: "c", UserID: u, BatchSize: batch})
					want := n
					if at >= 0 {
						want = 0
						if batch > 0 {
							want = at / batch * batch
						}
						if err == nil || !strings.HasPrefix(err.Error(), f.where(at)) || !strings.Contains(err.Error(), bad.says) {
							t.Errorf("%s, %s at %d, batch %d: Import error = %v; want %q naming %q", f.name, bad.name, at, batch, err, bad.says, f.where(at))
						}
					} else if err != nil {
						t.Errorf("%s, batch %d: Import: %v", f.name, batch, err)
					}
					if res.Entries != want || (batch > 0 && res.Batches != (want+batch-1)/batch && at >= 0) {
						t.Errorf("%s, refused at %d, batch %d: Import = %+v; want %d entries in whole batches", f.name, at, batch, res, want)
					}
					got := names(t, st, "c", u)
					if want == 0 && at >= 0 && got != nil {
						t.Errorf("%s, refused at %d, batch %d: the user exists with %d logs; want nothing written", f.name, at, batch, len(got))
					}
					if len(got) != want {
						t.Errorf("%s, refused at %d, batch %d: %d logs stored, want %d", f.name, at, batch, len(got), want)
						continue
					}
					for j, name := range got {
						if name != fmt.Sprint("e-", j) {
							t.Errorf("%s, refused at %d, batch %d: log %d is %s; want the input's order", f.name, at, batch, j, name)
							break
						}
					}
				}
			}
		}
	})
}

func im(t *testing.T) *importer.Importer {
	t.Helper()
	doc, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	im, err := importer.New(doc)
	if err != nil {
		t.Fatal(err)
	}
	return im
}
