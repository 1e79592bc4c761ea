package importer_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/importer"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/store"
)

var judge = sync.OnceValues(func() (*oracle.Oracle, error) { return oracle.New(api.OpenAPI) })

// kinVerdict is kin-openapi's own verdict (package oracle, no code of this project's in between)
// on a 200 body: the JSON pointers it finds, nil when the body is valid.
func kinVerdict(t *testing.T, body string) []string {
	t.Helper()
	o, err := judge()
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
	return oracle.Pointers(o.Response(req, http.StatusOK,
		http.Header{"Content-Type": {"application/json"}, "Etag": {`"v1"`}}, []byte(body)))
}

// oracleEntries are entries to judge: the seed's shape with every field missing, mistyped,
// empty or odd, CreatedAt in every spelling, entries that are no object or no JSON, and random
// combinations of these.
func oracleEntries() []string {
	base := map[string]any{"IpAddress": "183.83.177.227", "Country": "India", "City": "Jaipur", "UserAgent": "",
		"Name": "Amazon CloudFront", "Os": "", "Device": "", "CreatedAt": "2024-07-10T12:16:19.647Z"}
	fields := slices.Sorted(func(yield func(string) bool) {
		for k := range base {
			if !yield(k) {
				return
			}
		}
	})
	odd := []any{nil, 5, 5.5, math.Copysign(0, -1), 1e300, true, false, []any{}, map[string]any{}, "", "UnknownCity", "é\u2028\x00", strings.Repeat("x", 5000), []any{"a"}}
	dates := []any{"2024-07-11T07:21:15Z", "2024-07-11T07:21:15.1Z", "2024-07-11T07:21:15.123456789Z",
		"2024-07-11T07:21:15.1234567890Z", "2024-07-11T07:21:15+02:00", "2024-07-11T07:21:15.14z", "2024-07-11 07:21:15Z",
		"2024-02-30T00:00:00Z", "2024-02-29T23:59:60Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "24-07-11T07:21:15Z",
		"1500-01-01T00:00:00Z", "1678-01-01T00:00:00Z", "2261-12-31T23:59:59.999999999Z", "2262-04-12T00:00:00Z", "9999-12-31T23:59:59Z",
		"0000-01-01T00:00:00Z", "2024-07-11T07:21:15Z\n", " 2024-07-11T07:21:15Z"}
	with := func(change func(m map[string]any)) string {
		m := map[string]any{}
		for k, v := range base {
			m[k] = v
		}
		change(m)
		b, err := json.Marshal(m)
		if err != nil {
			panic(err)
		}
		return string(b)
	}
	var out []string
	out = append(out, with(func(map[string]any) {}))
	for _, f := range fields {
		out = append(out, with(func(m map[string]any) { delete(m, f) }))
		for _, v := range odd {
			out = append(out, with(func(m map[string]any) { m[f] = v }))
		}
	}
	for _, d := range dates {
		out = append(out, with(func(m map[string]any) { m["CreatedAt"] = d }))
	}
	out = append(out, with(func(m map[string]any) { m["Extra"] = map[string]any{"deep": []any{1, "x", nil}} }),
		with(func(m map[string]any) { m["ip_address"] = "1.1.1.1"; delete(m, "IpAddress") }),
		`null`, `5`, `"entry"`, `[]`, `true`, `{}`, `[{"IpAddress":"1.1.1.1"}]`,
		`{"IpAddress":5,"IpAddress":"1.1.1.1","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15Z"}`,
		`{"IpAddress":"1.1.1.1","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15Z","CreatedAt":"yesterday"}`,
		`{"IpAddress":"1.1.1.1","Country":"India","City":"Jaipur","UserAgent":"","Name":"\ud800 \u00e9 \"q\"","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15Z"}`,
		"{\"IpAddress\":\"1.1.1.1\",\"Country\":\"\xff\xfe\",\"City\":\"Jaipur\",\"UserAgent\":\"\",\"Name\":\"n\",\"Os\":\"\",\"Device\":\"\",\"CreatedAt\":\"2024-07-11T07:21:15Z\"}",
		`{ "IpAddress" : "1.1.1.1" , "Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15Z" }`,
		`{"IpAddress":"1.1.1.1","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15Z","n":1e400}`,
		`{"IpAddress":1e400,"Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15Z"}`,
		`{"IpAddress":"1.1.1.1",}`, `{"IpAddress":"1.1.1.1"`, `{"IpAddress":tru}`, `{"IpAddress":"1.1.1.1"}}`, `{"IpAddress":"1.1.1.1"} 5`,
	)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		out = append(out, with(func(m map[string]any) {
			for range 1 + rng.IntN(3) {
				f := fields[rng.IntN(len(fields))]
				switch rng.IntN(3) {
				case 0:
					delete(m, f)
				case 1:
					m[f] = odd[rng.IntN(len(odd))]
				default:
					m[f] = dates[rng.IntN(len(dates))]
				}
			}
		}))
	}
	return out
}

// storable reports whether a CreatedAt kin-openapi accepts can be stored: the stores keep Unix
// nanoseconds, years 1678 to 2261 (store.ErrTimeOutOfRange).
func storable(entry string) bool {
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(entry))
	dec.UseNumber()
	if dec.Decode(&m) != nil {
		return true
	}
	s, _ := m["CreatedAt"].(string)
	t, err := time.Parse(time.RFC3339Nano, s)
	return err != nil || (t.Year() >= 1678 && t.Year() <= 2261)
}

// TestImportAgreesWithKinOpenAPI imports each entry of oracleEntries after a valid one, in every
// form, and holds the import to kin-openapi's own verdict on a 200 body holding the two: an
// entry is taken exactly when kin-openapi accepts it (and its CreatedAt fits the store); a
// refused one is named by its line or index, with kin-openapi's JSON pointers, the first of
// them and what it wanted in a one-line message; a taken one is stored as it was written.
func TestImportAgreesWithKinOpenAPI(t *testing.T) {
	im, st := newImporter(t)
	first := named(0, "first")
	user := 0
	for _, f := range forms {
		for _, entry := range oracleEntries() {
			if !f.json && strings.ContainsAny(entry, "\n") {
				continue // not one line
			}
			user++
			u := fmt.Sprint("u", user)
			kin := kinVerdict(t, `{"login_logs":[`+first+`,`+entry+`]}`)
			in := f.of(first, entry)
			res, err := im.Import(t.Context(), st, strings.NewReader(in), importer.Options{ClientID: "c", UserID: u, BatchSize: 1})
			switch {
			case kin == nil && storable(entry):
				if err != nil || res.Entries != 2 {
					t.Errorf("%s %s: Import = %+v, %v; kin-openapi accepts it", f.name, entry, res, err)
					continue
				}
				checkStored(t, st, u, entry)
			case kin == nil:
				if err == nil || !strings.HasPrefix(err.Error(), f.where(1)) || !strings.Contains(err.Error(), "storable range") {
					t.Errorf("%s %s: Import error = %v; want %q, the CreatedAt out of the storable range", f.name, entry, err, f.where(1))
				}
			case slices.Equal(kin, []string{"(not JSON)"}):
				if err == nil || !strings.Contains(err.Error(), "not JSON") || res.Entries != 1 {
					t.Errorf("%s %s: Import = %+v, %v; want the first entry written and the second refused as not JSON", f.name, entry, res, err)
				}
			default:
				var ee *importer.EntryError
				if !errors.As(err, &ee) || res.Entries != 1 {
					t.Errorf("%s %s: Import = %+v, %v; want an *EntryError, the first entry written (kin-openapi: %v)", f.name, entry, res, err, kin)
					continue
				}
				var got, want []string
				for _, v := range ee.Violations {
					got = append(got, v.Pointer)
				}
				for _, p := range kin {
					want = append(want, f.pointer(p))
				}
				if !slices.Equal(sorted(got), sorted(want)) {
					t.Errorf("%s %s: violations at %v; kin-openapi's at %v", f.name, entry, got, want)
				}
				msg := err.Error()
				firstAt := strings.TrimPrefix(kin[0], "/login_logs/1") // the message's pointers are the entry's
				if firstAt != "" {
					firstAt += ": "
				}
				if !strings.HasPrefix(msg, f.where(1)) || !strings.Contains(msg, "violates the contract's LoginLog: "+firstAt) ||
					!(strings.Contains(msg, "want ") || strings.Contains(msg, "is missing")) || strings.Contains(msg, "\n") {
					t.Errorf("%s %s: message %q; want one line naming %q, kin-openapi's first pointer %q and what it wants", f.name, entry, msg, f.where(1), firstAt)
				}
			}
		}
	}
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

// checkStored compares the second log of user u with the entry, decoded by encoding/json.
func checkStored(t *testing.T, st testStore, u, entry string) {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(entry))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("the test's entry %s: %v", entry, err)
	}
	logs, err := store.List(t.Context(), st, "c", u)
	if err != nil {
		t.Fatalf("store.List(c, %s): %v", u, err)
	}
	created, _ := time.Parse(time.RFC3339Nano, m["CreatedAt"].(string))
	want := store.LoginLog{IPAddress: m["IpAddress"].(string), Country: m["Country"].(string), City: m["City"].(string),
		UserAgent: m["UserAgent"].(string), Name: m["Name"].(string), OS: m["Os"].(string), Device: m["Device"].(string), CreatedAt: created.UTC()}
	for _, l := range logs {
		if l.Name == want.Name && l.IPAddress == want.IPAddress && l.CreatedAt.Equal(want.CreatedAt) {
			if l != want {
				t.Errorf("%s stored as %+v, want %+v", entry, l, want)
			}
			return
		}
	}
	t.Errorf("%s: not among the stored logs %+v", entry, logs)
}
