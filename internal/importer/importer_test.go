package importer_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/importer"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

func line(ip, created string) string {
	return fmt.Sprintf(`{"IpAddress":%q,"Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":%q}`, ip, created)
}

var loadSpec = sync.OnceValues(spec.Embedded)

// embeddedImporter is an Importer for the embedded contract.
func embeddedImporter(t *testing.T) *importer.Importer {
	t.Helper()
	doc, err := loadSpec()
	if err != nil {
		t.Fatalf("spec.Embedded: %v", err)
	}
	im, err := importer.New(doc)
	if err != nil {
		t.Fatalf("importer.New: %v", err)
	}
	return im
}

func newImporter(t *testing.T) (*importer.Importer, *sqlite.Store) {
	t.Helper()
	im := embeddedImporter(t)
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "loginlogs.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return im, st
}

func TestImport(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		t.Fatal(err)
	}
	good := []string{
		line("10.0.0.1", "2024-07-10T12:16:19.647Z"),
		line("10.0.0.2", "2024-07-11T07:21:15.14Z"),
		line("2001:db8::3", "2024-07-12T00:00:00Z"),
		line("10.0.0.4", "2024-07-13T00:00:00.123456789Z"),
	}
	cases := []struct {
		name      string
		input     string
		batchSize int
		entries   int    // entries in the store afterwards (-1: the user does not exist)
		errHas    string // "" for success
	}{
		{"seed JSON body", string(seed), 1000, 24, ""},
		{"one-line JSON body", `{"login_logs":[` + good[0] + `,` + good[1] + `]}`, 1000, 2, ""},
		{"bare JSON array", `[` + good[0] + `]`, 1000, 1, ""},
		{"NDJSON", strings.Join(good, "\n") + "\n", 2, 4, ""},
		{"NDJSON with blank lines, no final newline", good[0] + "\n\n" + good[1], 1, 2, ""},
		{"empty NDJSON creates no user", "", 10, -1, ""},
		{"NDJSON bad date at line 5, batches of 3", strings.Join(append(good[:4:4], line("10.0.0.5", "2024-02-30T00:00:00Z")), "\n"), 3, 3, "line 5"},
		{"NDJSON missing field at line 2", good[0] + "\n" + `{"IpAddress":"1.1.1.1"}` + "\n", 0, -1, "line 2"},
		{"NDJSON not JSON at line 3", good[0] + "\n" + good[1] + "\n{nope\n", 10, -1, "line 3"},
		{"JSON bad entry at index 2", `{"login_logs":[` + good[0] + `,` + good[1] + `,` + line("x", "2024-07-11 07:21:15Z") + `]}`, 1000, -1, "entry 2"},
		{"JSON without login_logs", `{"logs":[]}`, 1000, -1, "login_logs"},
		{"CreatedAt with offset", line("1.1.1.1", "2024-07-11T07:21:15+02:00"), 1000, -1, "line 1"},
		{"NDJSON with CRLF", strings.Join(good, "\r\n") + "\r\n", 3, 4, ""},
		{"NDJSON after blank lines, bad line 4", "\n \n" + good[0] + "\n" + `{"IpAddress":"1.1.1.1"}`, 1, 1, "line 4: violates the contract's LoginLog"},
		{"pretty-printed bare array", "[\n  " + strings.Join(good, ",\n  ") + "\n]\n", 1000, 4, ""},
		{"white space only creates no user", " \n\t\n", 10, -1, ""},
		{"not JSON at all", "hello", 10, -1, "want a 200 body"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			im, st := newImporter(t)
			var progress bytes.Buffer
			res, err := im.Import(t.Context(), st, strings.NewReader(c.input), importer.Options{
				ClientID: "cli_a", UserID: "u1", BatchSize: c.batchSize, Progress: &progress,
			})
			if c.errHas == "" && err != nil {
				t.Fatalf("Import: %v", err)
			}
			if c.errHas == "" && c.entries > 0 && !strings.HasSuffix(strings.TrimSuffix(progress.String(), "\n"), fmt.Sprintf("\rimported: entries %d, batches %d", c.entries, res.Batches)) {
				t.Errorf("Import: progress %q, want it to end in the counts written", progress.String())
			}
			if c.errHas != "" {
				var ee *importer.EntryError
				if err == nil || !strings.Contains(err.Error(), c.errHas) {
					t.Fatalf("Import = %v; want an error naming %q", err, c.errHas)
				}
				if strings.HasPrefix(c.errHas, "line") || strings.HasPrefix(c.errHas, "entry") {
					if !errors.As(err, &ee) {
						t.Errorf("Import error %v is not an *EntryError", err)
					}
				}
			}
			logs, err := store.List(t.Context(), st, "cli_a", "u1")
			switch {
			case c.entries < 0 && !errors.Is(err, store.ErrUserNotFound):
				t.Errorf("after the import, store.List = %d logs, %v; want ErrUserNotFound (nothing written)", len(logs), err)
			case c.entries >= 0 && (err != nil || len(logs) != c.entries):
				t.Errorf("after the import, store.List = %d logs, %v; want %d", len(logs), err, c.entries)
			}
			if c.entries >= 0 && res.Entries != c.entries {
				t.Errorf("Import result %+v, want %d entries", res, c.entries)
			}
		})
	}
}

func TestImportKeepsCreatedAtExact(t *testing.T) {
	im, st := newImporter(t)
	in := "2024-07-13T00:00:00.123456789Z"
	if _, err := im.Import(t.Context(), st, strings.NewReader(line("1.1.1.1", in)), importer.Options{ClientID: "c", UserID: "u"}); err != nil {
		t.Fatalf("Import: %v", err)
	}
	logs, err := store.List(t.Context(), st, "c", "u")
	if err != nil || len(logs) != 1 {
		t.Fatalf("store.List = %v, %v", logs, err)
	}
	if got := logs[0].CreatedAt.Format(time.RFC3339Nano); got != in {
		t.Errorf("CreatedAt = %s, want %s", got, in)
	}
}

// TestOneValueIsOneViolation: a CreatedAt of "yesterday" breaks the contract's pattern and its
// format date-time, two violations for kin-openapi (package oracle) of one value; the refusal
// names both in one line, as contract's reports do, not the first "(and 1 more)".
func TestOneValueIsOneViolation(t *testing.T) {
	entry := line("10.0.0.1", "yesterday")
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
	verdict := o.Response(req, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, []byte(`{"login_logs":[`+entry+`]}`))
	for _, want := range []string{"pattern", "date-time"} {
		if verdict == nil || !strings.Contains(verdict.Error(), want) {
			t.Fatalf("kin-openapi's verdict on a CreatedAt of yesterday: %v; want it to name %s", verdict, want)
		}
	}
	im, st := newImporter(t)
	_, err = im.Import(t.Context(), st, strings.NewReader(entry+"\n"), importer.Options{ClientID: "c", UserID: "u", BatchSize: 10})
	if err == nil || !strings.Contains(err.Error(), `/CreatedAt: want pattern `) || !strings.Contains(err.Error(), ` and format date-time, got "yesterday"`) || strings.Contains(err.Error(), "more)") {
		t.Errorf("Import of a CreatedAt of yesterday: %v; want one finding naming the pattern and the format date-time", err)
	}
}
