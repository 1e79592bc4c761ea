package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
)

// TestGetFormats: get against a real serve of a seeded SQLite file prints, in every format, the
// logs the store holds (read back with the store's own API): json through the generated
// client's response parser, ndjson line by line into ssojet.LoginLog, csv through encoding/csv,
// table as a header and one row per entry.
func TestGetFormats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "loginlogs.db")
	stdout, _, _ := startServe(t, []string{"--addr", "127.0.0.1:0", "--database-url", db, "--dev-token", "format-test-token-0123"}, noEnv)
	environ := exportedEnv(t, stdout.String())
	st, err := sqlite.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	want, err := store.List(t.Context(), st, server.DemoClientID, server.DemoUserID)
	st.Close()
	if err != nil || len(want) == 0 {
		t.Fatalf("store.List of the demo user: %d logs, %v", len(want), err)
	}
	same := func(format string, i int, got store.LoginLog) {
		t.Helper()
		if !got.CreatedAt.Equal(want[i].CreatedAt) {
			t.Errorf("get --format %s, entry %d: CreatedAt %v, the store holds %v", format, i, got.CreatedAt, want[i].CreatedAt)
		}
		got.CreatedAt = want[i].CreatedAt
		if got != want[i] {
			t.Errorf("get --format %s, entry %d: %+v, the store holds %+v", format, i, got, want[i])
		}
	}
	fromSDK := func(l ssojet.LoginLog) store.LoginLog {
		return store.LoginLog{IPAddress: l.IpAddress, Country: l.Country, City: l.City, UserAgent: l.UserAgent, Name: l.Name, OS: l.Os, Device: l.Device, CreatedAt: l.CreatedAt}
	}
	get := func(format string) string {
		out, stderr, code := runCLI(t, environ, "get", "--format", format)
		if code != exitOK {
			t.Fatalf("get --format %s: exit %d: %s", format, code, stderr)
		}
		return out
	}

	out := get("json")
	parsed, err := ssojet.ParseListUserLoginLogsResponse(&http.Response{StatusCode: 200,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(out))})
	if err != nil || parsed.JSON200 == nil || len(parsed.JSON200.LoginLogs) != len(want) {
		t.Fatalf("get --format json through the generated client's parser: %v; want %d logs", err, len(want))
	}
	for i, l := range parsed.JSON200.LoginLogs {
		same("json", i, fromSDK(l))
	}

	sc := bufio.NewScanner(strings.NewReader(get("ndjson")))
	i := 0
	for ; sc.Scan(); i++ {
		var l ssojet.LoginLog
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil || i >= len(want) {
			t.Fatalf("get --format ndjson, line %d: %v (of %d entries)", i+1, err, len(want))
		}
		same("ndjson", i, fromSDK(l))
	}
	if i != len(want) {
		t.Errorf("get --format ndjson: %d lines, want %d", i, len(want))
	}

	rows, err := csv.NewReader(strings.NewReader(get("csv"))).ReadAll()
	if err != nil || len(rows) != len(want)+1 {
		t.Fatalf("get --format csv: %d rows, %v; want a header and %d", len(rows), err, len(want))
	}
	if len(rows[0]) < 8 || strings.Join(rows[0][:8], ",") != "IpAddress,Country,City,UserAgent,Name,Os,Device,CreatedAt" {
		t.Errorf("get --format csv: header %q", rows[0])
	}
	for i, r := range rows[1:] {
		at, err := time.Parse(time.RFC3339Nano, r[7])
		if err != nil {
			t.Errorf("get --format csv, row %d: CreatedAt %q: %v", i+1, r[7], err)
		}
		same("csv", i, store.LoginLog{IPAddress: r[0], Country: r[1], City: r[2], UserAgent: r[3], Name: r[4], OS: r[5], Device: r[6], CreatedAt: at})
	}

	lines := strings.Split(strings.TrimSuffix(get("table"), "\n"), "\n")
	if len(lines) != len(want)+1 || !strings.HasPrefix(lines[0], "CREATED AT") {
		t.Fatalf("get --format table: %d lines, want a header and %d rows", len(lines), len(want))
	}
	for i, l := range lines[1:] {
		f := strings.Fields(l)
		if f[0] != want[i].CreatedAt.UTC().Format(time.RFC3339Nano) || f[1] != want[i].IPAddress {
			t.Errorf("get --format table, row %d: %q, the store holds %s %s", i+1, l, want[i].CreatedAt.Format(time.RFC3339Nano), want[i].IPAddress)
		}
	}

	if _, stderr, code := runCLI(t, environ, "get", "--format", "xml"); code != exitUsage || !strings.Contains(stderr, "want json, table, ndjson, csv") {
		t.Errorf("get --format xml: exit %d, %q", code, stderr)
	}
}

// generatedLog is a generated ssojet.LoginLog with every member set, found by reflection so that
// a member added to the contract is set too: a string to value(its JSON name), a date-time to
// 2024-07-11T07:21:15.14Z. It returns the log, and its members' JSON names and values in order.
func generatedLog(t *testing.T, value func(name string) string) (ssojet.LoginLog, []string, []string) {
	t.Helper()
	at := time.Date(2024, 7, 11, 7, 21, 15, 140_000_000, time.UTC)
	var l ssojet.LoginLog
	v := reflect.ValueOf(&l).Elem()
	var names, values []string
	for i := range v.NumField() {
		f := v.Field(i)
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		if f.Kind() == reflect.Pointer {
			f.Set(reflect.New(f.Type().Elem()))
			f = f.Elem()
		}
		switch {
		case f.Type() == reflect.TypeFor[time.Time]():
			f.Set(reflect.ValueOf(at))
			values = append(values, at.Format(time.RFC3339Nano))
		case f.Kind() == reflect.String:
			f.SetString(value(name))
			values = append(values, value(name))
		default:
			t.Fatalf("ssojet.LoginLog.%s is a %s: teach this test a value of it", v.Type().Field(i).Name, f.Type())
		}
		names = append(names, name)
	}
	return l, names, values
}

// TestGetColumnsAreTheGeneratedLoginLog: every member of the generated ssojet.LoginLog, found by
// reflection and set to a value of its own, is a column of --format csv (its JSON name, in the
// contract's order, its value as written) and of --format table (its name in capitals), so a
// member added to the contract is printed without a list kept by hand.
func TestGetColumnsAreTheGeneratedLoginLog(t *testing.T) {
	l, names, values := generatedLog(t, func(name string) string { return "v-" + name })
	entry, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	api := fakeapi.New(seedBytes(t))
	api.OK = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"login_logs":[` + string(entry) + `]}`))
	}
	environ := liveEnv(startAPI(t, api))

	stdout, stderr, code := runCLI(t, environ, "get", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if code != exitOK || err != nil || len(rows) != 2 {
		t.Fatalf("get --format csv: exit %d, %d rows, %v: %s", code, len(rows), err, stderr)
	}
	if !slices.Equal(rows[0], names) || !slices.Equal(rows[1], values) {
		t.Errorf("get --format csv:\n%q\n%q\nwant the generated type's members and values\n%q\n%q", rows[0], rows[1], names, values)
	}

	stdout, stderr, code = runCLI(t, environ, "get", "--format", "table")
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if code != exitOK || len(lines) != 2 {
		t.Fatalf("get --format table: exit %d, %d lines: %s", code, len(lines), stderr)
	}
	header := strings.ReplaceAll(lines[0], " ", "")
	for i, name := range names {
		if !strings.Contains(header, strings.ToUpper(name)) || !slices.Contains(strings.Fields(lines[1]), values[i]) {
			t.Errorf("get --format table: no column %s holding %q:\n%s", name, values[i], stdout)
		}
	}
}
