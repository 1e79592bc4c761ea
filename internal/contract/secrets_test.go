package contract_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/redact/redacttest"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

// TestRecordRedactsEveryEncoding: an API that echoes the token in every encoding, in bodies,
// error descriptions and headers (Set-Cookie, Location, X-Echo), leaves it in no fixture, no
// recorded big body and no report (text, JSON, JUnit), and a token holding & < > " is found
// before the reports escape it.
func TestRecordRedactsEveryEncoding(t *testing.T) {
	const token = `tok&<en>"/+=.0123456789abcdef`
	dir := t.TempDir()
	api := fakeapi.Hostile(seed(t), redacttest.Forms)
	// A body over InlineBody goes to a file of its own: pad the documented request's answer.
	pad := strings.Repeat(" ", contract.InlineBody)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
		if rec.Code == http.StatusOK {
			w.Write([]byte(pad))
		}
	}))
	t.Cleanup(srv.Close)
	cfg := config(srv.URL)
	cfg.Token, cfg.RecordDir = token, dir
	rep, err := contract.Run(t.Context(), validator(t), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	var text, js, junit bytes.Buffer
	contract.WriteText(&text, rep, false)
	contract.WriteJSON(&js, rep)
	contract.WriteJUnit(&junit, rep)
	outputs := map[string]string{"text report": text.String(), "JSON report": js.String(), "JUnit report": junit.String()}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != len(contract.Checks())+1 {
		t.Errorf("recorded %v, want %d fixtures and one body file", files, len(contract.Checks()))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		outputs[filepath.Base(f)] = string(b)
		info, err := os.Lstat(f)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v), want 0600", f, info.Mode().Perm(), err)
		}
	}
	for name, out := range outputs {
		if v := redacttest.Survivor(out, token, contract.Redacted, nil); v != "" {
			t.Errorf("%s gives away the %s", name, v)
		}
	}
	var fixture contract.Exchange
	json.Unmarshal([]byte(outputs["documented-request.json"]), &fixture)
	if got := fixture.Response.Header.Values("Set-Cookie"); len(got) != 2 || got[0] != "session="+contract.Redacted+"; Path=/; HttpOnly" ||
		got[1] != "tracking="+contract.Redacted {
		t.Errorf("recorded Set-Cookie %q, want the cookies' values redacted", got)
	}
	if got := fixture.Request.Header.Get("Authorization"); got != "Bearer "+contract.Redacted {
		t.Errorf("recorded Authorization %q, want Bearer %s", got, contract.Redacted)
	}
	if !strings.Contains(outputs["documented-request.body"], contract.Redacted) {
		t.Errorf("the recorded body holds no %s: was the token echoed?", contract.Redacted)
	}
}

// TestRecordRefusesSymbolicLinks: a link planted where a fixture or a big body goes is neither
// followed nor replaced, and the file it points to keeps its content.
func TestRecordRefusesSymbolicLinks(t *testing.T) {
	for _, name := range []string{"documented-request.json", "documented-request.body"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(t.TempDir(), "precious")
			if err := os.WriteFile(target, []byte("keep me"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
			api := fakeapi.New(seed(t))
			api.OK = okBody("application/json", logsBody(contract.InlineBody/len(entry)+10, entry))
			srv := httptest.NewServer(api)
			t.Cleanup(srv.Close)
			cfg := config(srv.URL)
			cfg.RecordDir = dir
			_, err := contract.Run(t.Context(), validator(t), cfg)
			if err == nil || !strings.Contains(err.Error(), "symbolic link") {
				t.Errorf("Run with a link at %s: error %v, want a refusal of the symbolic link", name, err)
			}
			if b, _ := os.ReadFile(target); string(b) != "keep me" {
				t.Errorf("the link's target now holds %.40q, want it untouched", b)
			}
			if info, err := os.Lstat(filepath.Join(dir, name)); err != nil || info.Mode()&fs.ModeSymlink == 0 {
				t.Errorf("%s is no longer the planted link (%v)", name, err)
			}
		})
	}
}

// TestWriteTextEscapesControls: what a report quotes of an answer cannot steer the terminal;
// the JSON and JUnit reports stay valid documents.
func TestWriteTextEscapesControls(t *testing.T) {
	attack := fakeapi.TerminalAttack
	rep := contract.Report{Target: "http://x.test/" + attack, Contract: "c", Results: []contract.Result{{
		Check: "documented-request", Status: 400, ContentType: "application/json; x=" + attack, Request: "GET /" + attack,
		Setup:  "network error: " + attack,
		Errors: []contract.Finding{{In: "body", Pointer: "/" + attack, Want: "w", Got: attack, Message: attack}},
	}}}
	var text, js, junit bytes.Buffer
	contract.WriteText(&text, rep, false)
	for _, line := range strings.Split(strings.TrimSuffix(text.String(), "\n"), "\n") {
		if p := redact.Printable(line); p != line {
			t.Errorf("WriteText: line %q holds control characters", line)
		}
	}
	if !strings.Contains(text.String(), `\x1b]0;pwned\x07\x1b[2J`) {
		t.Errorf("WriteText:\n%s\nwant the escape sequences shown escaped", text.String())
	}
	contract.WriteJSON(&js, rep)
	if bytes.ContainsRune(js.Bytes(), 0x1b) || !json.Valid(js.Bytes()) {
		t.Errorf("WriteJSON: %q, want valid JSON without ESC", js.String())
	}
	contract.WriteJUnit(&junit, rep)
	if bytes.ContainsRune(junit.Bytes(), 0x1b) || xml.Unmarshal(junit.Bytes(), new(report.JUnitSuites)) != nil {
		t.Errorf("WriteJUnit: %q, want valid XML without ESC", junit.String())
	}
}

// recordOnce runs the documented request against an API answering body with contentType, with
// token, recording into a new directory, and returns the report and the recorded fixture.
func recordOnce(t *testing.T, token, contentType string, body []byte) (contract.Report, *contract.Exchange, string) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	cfg := config(srv.URL)
	cfg.Token, cfg.RecordDir, cfg.Only = token, dir, []string{"documented-request"}
	rep, err := contract.Run(t.Context(), validator(t), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	exs, _, err := contract.LoadFixtures(dir)
	if err != nil || len(exs) != 1 {
		t.Fatalf("LoadFixtures: %d fixtures, %v", len(exs), err)
	}
	return rep, exs[0], dir
}

// recordedBody returns the body a fixture holds, from the fixture or its body file.
func recordedBody(t *testing.T, ex *contract.Exchange) []byte {
	t.Helper()
	rc, err := ex.OpenBody()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRecordFindsTheTokenAsABrowserReadsIt: an API answering in UTF-16 or UTF-32 (charset and
// byte order mark), or with character references written with leading zeros or without their
// semicolon, gets no form of the token into the fixture; a reference too long to search keeps
// the body out of the fixture, which says so, and a replay of it is not judged.
func TestRecordFindsTheTokenAsABrowserReadsIt(t *testing.T) {
	const token = "sekret.TOKEN-0123456789abcdef"
	utf := func(name string) []byte {
		for _, e := range redacttest.Encodings {
			if e.Name == name {
				return []byte(redacttest.BOM(e) + e.Enc(`{"login_logs":[],"echo":"`+token+`"}`))
			}
		}
		t.Fatalf("no encoding %s", name)
		return nil
	}
	refs := func(name string) []byte {
		for _, e := range redacttest.Encodings {
			if e.Name == name {
				return []byte(`{"login_logs":[],"echo":"` + e.Enc(token) + `"}`)
			}
		}
		t.Fatalf("no encoding %s", name)
		return nil
	}
	for _, c := range []struct {
		name, contentType string
		body              []byte
	}{
		{"utf-16le", "application/json; charset=utf-16", utf("utf-16le")},
		{"utf-16be", "application/json; charset=utf-16", utf("utf-16be")},
		{"utf-32le", "application/json; charset=utf-32", utf("utf-32le")},
		{"references with leading zeros", "application/json", refs("hex references with six leading zeros")},
		{"decimal references without semicolons", "application/json", refs("decimal references without semicolons")},
		{"hex references without semicolons", "text/html", refs("hex references with leading zeros, without semicolons")},
		{"named references", "text/html", refs("named references")},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, ex, dir := recordOnce(t, token, c.contentType, c.body)
			body := recordedBody(t, ex)
			if bytes.Equal(body, c.body) {
				t.Errorf("recorded the body unchanged: %q", body)
			}
			// A fixture writes & as \u0026: read its JSON body back as a JSON parser does.
			var decoded any
			var plain bytes.Buffer
			if json.Unmarshal(body, &decoded) == nil {
				enc := json.NewEncoder(&plain)
				enc.SetEscapeHTML(false)
				enc.Encode(decoded)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			for _, f := range files {
				b, _ := os.ReadFile(f)
				for name, text := range map[string][]byte{f: b, "its body": body, "its body, decoded": plain.Bytes()} {
					if s := redacttest.Survivor(string(text), token, contract.Redacted, nil); s != "" {
						t.Errorf("%s: %s gives away the %s", c.name, name, s)
					}
				}
			}
		})
	}

	// A reference of 200 leading zeros: the body is not recorded, and the fixture says why.
	long := []byte(`{"login_logs":[],"echo":"&#x` + strings.Repeat("0", 200) + `73;` + token[1:] + `"}`)
	rep, ex, _ := recordOnce(t, token, "application/json", long)
	if got := recordedBody(t, ex); len(got) != 0 || ex.Response.NotRecorded != contract.NotSearchable {
		t.Errorf("recorded body %q, not_recorded %q; want none, and why", got, ex.Response.NotRecorded)
	}
	if len(rep.Results) == 0 || rep.Results[0].Setup != "" {
		t.Errorf("the live run: %+v, want the answer judged all the same", rep.Results)
	}
	replayed, err := contract.Replay(t.Context(), validator(t), contract.ReplayOptions{Exchanges: []*contract.Exchange{ex}})
	if err != nil || replayed.Results[0].Setup == "" || !strings.Contains(replayed.Results[0].Setup, "not recorded") {
		t.Errorf("Replay of the fixture: %+v, %v; want not judged, saying why", replayed.Results, err)
	}
}

// TestRecordKeepsDataHoldingTheTokensCharacters: a token that the answer holds only inside
// longer words and keys ("ndianapo" in "Indianapolis") changes neither the verdict nor a byte
// of the recorded body, small (in the fixture) or large (in its own file).
func TestRecordKeepsDataHoldingTheTokensCharacters(t *testing.T) {
	const token = "ndianapo"
	e := `{"IpAddress":"183.83.177.227","Country":"India","City":"Indianapolis","UserAgent":"","Name":"Indianapolis",` +
		`"Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z","xIndianapolis":"ndianapolis"}`
	for _, n := range []int{1, contract.InlineBody/len(e) + 1} {
		body := []byte(`{"login_logs":[` + strings.TrimSuffix(strings.Repeat(e+",", n), ",") + `]}`)
		rep, ex, _ := recordOnce(t, token, "application/json", body)
		got := recordedBody(t, ex)
		if n == 1 { // a fixture holds a JSON body re-indented: compare it compacted
			var a, b bytes.Buffer
			json.Compact(&a, body)
			json.Compact(&b, got)
			got, body = b.Bytes(), a.Bytes()
		}
		if !bytes.Equal(got, body) {
			t.Errorf("%d entries: recorded body differs from the answer (%d and %d bytes)", n, len(got), len(body))
		}
		var text bytes.Buffer
		contract.WriteText(&text, rep, false)
		if strings.Contains(text.String(), contract.Redacted) || len(rep.Results[0].Errors) != 0 {
			t.Errorf("%d entries: report %s, want no error and nothing redacted", n, text.String())
		}
	}
}

// TestOversizedFixturesAreRefusedBounded: a fixture larger than any --record writes (a sparse
// file, a stream of one long string) is refused, naming it, after reading a bounded part: from
// DIR (--replay DIR), a file (--response FILE) and stdin (--response -, --replay -).
func TestOversizedFixturesAreRefusedBounded(t *testing.T) {
	const size = 256 << 20
	const prefix = `{"check":"documented-request","response":{"status":200,"header":{"Content-Type":["application/json"]},"body":"`
	dir := t.TempDir()
	path := filepath.Join(dir, "documented-request.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(prefix); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil { // sparse: no disk for the zeros
		t.Fatal(err)
	}
	f.Close()
	stream := func() io.Reader {
		return io.MultiReader(strings.NewReader(prefix), io.LimitReader(repeatByte('a'), size))
	}
	for _, tc := range []struct {
		name string
		load func() error
	}{
		{"--replay DIR", func() error { _, _, err := contract.LoadFixtures(dir); return err }},
		{"--response FILE", func() error { _, err := contract.LoadResponse(path, 200, http.Header{}); return err }},
		{"--response -", func() error { _, err := contract.ReadResponse(stream(), 200, http.Header{}); return err }},
		{"--replay -", func() error { _, _, err := contract.ReadFixtures(stream()); return err }},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err := tc.load()
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), "a fixture over 16 MiB") {
			t.Errorf("%s of a %d MiB fixture: error %v, want it refused as a fixture over 16 MiB", tc.name, size>>20, err)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 160<<20 {
			t.Errorf("%s of a %d MiB fixture: %d MiB allocated, want under 160 MiB", tc.name, size>>20, got>>20)
		}
	}
}

// repeatByte is an endless reader of one byte.
type repeatByte byte

func (b repeatByte) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// TestBodyFileIsARegularFileOfTheDirectory: a fixture's body_file that is a symbolic link (to a
// file outside DIR) or a FIFO (that may never end) is refused when the fixtures load, before
// anything of it is read or quoted.
func TestBodyFileIsARegularFileOfTheDirectory(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "credentials")
	if err := os.WriteFile(secret, []byte("AKIA-not-for-a-report"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		kind  string
		plant func(path string) error
	}{
		{"a symbolic link", func(path string) error { return os.Symlink(secret, path) }},
		{"a FIFO", func(path string) error { return syscall.Mkfifo(path, 0o600) }},
	} {
		dir := t.TempDir()
		fixture := `{"check":"documented-request","response":{"status":200,"header":{"Content-Type":["application/json"]},"body_file":"documented-request.body"}}`
		if err := os.WriteFile(filepath.Join(dir, "documented-request.json"), []byte(fixture), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := tc.plant(filepath.Join(dir, "documented-request.body")); err != nil {
			t.Fatal(err)
		}
		_, _, err := contract.LoadFixtures(dir)
		if err == nil || !strings.Contains(err.Error(), tc.kind) || strings.Contains(err.Error(), "AKIA") {
			t.Errorf("LoadFixtures with a body_file that is %s: error %v, want it refused as %s", tc.kind, err, tc.kind)
		}
	}
}

// TestReplayHoldsOneFixtureAtATime: --replay DIR of many large fixtures keeps none of their
// bodies in memory until each is judged, and judges every one as kin-openapi does.
func TestReplayHoldsOneFixtureAtATime(t *testing.T) {
	const n, size = 12, 4 << 20
	body := strings.Repeat("a", size)
	fixture := `{"check":"documented-request","request":{"method":"GET"},"response":{"status":200,"header":{"Content-Type":["text/plain"]},"body":"` + body + `"}}`
	dir := t.TempDir()
	first := filepath.Join(dir, "f00.json")
	if err := os.WriteFile(first, []byte(fixture), 0o600); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < n; i++ { // links: no disk for the copies
		if err := os.Link(first, filepath.Join(dir, fmt.Sprintf("f%02d.json", i))); err != nil {
			t.Fatal(err)
		}
	}
	fixture = ""
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	exs, sources, err := contract.LoadFixtures(dir)
	runtime.GC()
	runtime.ReadMemStats(&after)
	if err != nil || len(exs) != n {
		t.Fatalf("LoadFixtures: %d fixtures, %v; want %d", len(exs), err, n)
	}
	if held := int64(after.HeapAlloc) - int64(before.HeapAlloc); held > 4*size {
		t.Errorf("LoadFixtures of %d fixtures of %d MiB holds %d MiB, want at most %d", n, size>>20, held>>20, 4*size>>20)
	}
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id=c", nil)
	want := contract.OutcomePass
	if o.Response(req, 200, http.Header{"Content-Type": {"text/plain"}}, []byte(body)) != nil {
		want = contract.OutcomeFail
	}
	rep, err := contract.Replay(t.Context(), validator(t), contract.ReplayOptions{Exchanges: exs, Sources: sources})
	if err != nil || len(rep.Results) != n {
		t.Fatalf("Replay: %d results, %v; want %d", len(rep.Results), err, n)
	}
	for _, r := range rep.Results {
		if r.Outcome() != want {
			t.Errorf("%s: %s, want %s (kin-openapi's verdict)", r.Source, r.Outcome(), want)
		}
	}
}

// TestFixtureIsARegularFileOfTheDirectory: --replay DIR holds a fixture to the rule of its
// body_file: a DIR/<check>.json that is a symbolic link (to a file outside DIR) or a FIFO (that
// may never end: LoadFixtures blocked on it until Ctrl-C) is refused, naming what it is.
func TestFixtureIsARegularFileOfTheDirectory(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "fixture.json")
	fixture := `{"check":"documented-request","response":{"status":200,"header":{"Content-Type":["application/json"]},"body_json":{"login_logs":[]}}}`
	if err := os.WriteFile(outside, []byte(fixture), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := contract.LoadFixtures(filepath.Dir(outside)); err != nil {
		t.Fatalf("LoadFixtures of the fixture linked to: %v", err)
	}
	for _, tc := range []struct {
		kind  string
		plant func(path string) error
	}{
		{"a symbolic link", func(path string) error { return os.Symlink(outside, path) }},
		{"a FIFO", func(path string) error { return syscall.Mkfifo(path, 0o600) }},
		{"a directory", func(path string) error { return os.Mkdir(path, 0o700) }},
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, "documented-request.json")
		if err := tc.plant(path); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { _, _, err := contract.LoadFixtures(dir); done <- err }()
		var err error
		select {
		case err = <-done:
		case <-time.After(10 * time.Second): // not a timing: a guard against the hang itself
			if w, werr := os.OpenFile(path, os.O_WRONLY, 0); werr == nil { // ends the read
				w.Close()
			}
			t.Errorf("LoadFixtures with a fixture that is %s: still blocked after 10s", tc.kind)
			err = <-done
		}
		if err == nil || !strings.Contains(err.Error(), tc.kind) {
			t.Errorf("LoadFixtures with a fixture that is %s: error %v, want it refused as %s", tc.kind, err, tc.kind)
		}
	}
}

// TestReplayOfNoDirectorySaysSo: LoadFixtures of a path that does not exist, or of a file, says
// that, not that the directory holds no fixtures.
func TestReplayOfNoDirectorySaysSo(t *testing.T) {
	file := filepath.Join(t.TempDir(), "fixture.json")
	if err := os.WriteFile(file, []byte(`{}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{filepath.Join(t.TempDir(), "missing"): "no such directory", file: "not a directory"} {
		if _, _, err := contract.LoadFixtures(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("LoadFixtures(%s): %v, want an error saying %q", path, err, want)
		}
	}
}
