package logstream_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/ssojet-tools/loginlogs/gen/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/logstream"
)

const entry = `{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"}`

func seed(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEntriesOfTheSeed(t *testing.T) {
	data := seed(t)
	var want ssojet.LoginLogsResponse
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	// One byte at a time: the entries do not depend on how the reader cuts the answer.
	for name, r := range map[string]io.Reader{"whole": bytes.NewReader(data), "byte by byte": iotest.OneByteReader(bytes.NewReader(data))} {
		var got []ssojet.LoginLog
		for log, err := range logstream.Entries(r) {
			if err != nil {
				t.Fatalf("%s: Entries(seed): %v after %d entries", name, err, len(got))
			}
			got = append(got, log)
		}
		if len(got) != len(want.LoginLogs) {
			t.Fatalf("%s: Entries(seed): %d entries, want %d", name, len(got), len(want.LoginLogs))
		}
		for i := range got {
			if got[i] != want.LoginLogs[i] {
				t.Errorf("%s: entry %d = %+v, want %+v", name, i, got[i], want.LoginLogs[i])
			}
		}
	}
}

func TestRawEntriesKeepTheAnswersText(t *testing.T) {
	other := strings.Replace(entry, `"Os":""`, `"Os":"Linux","Region":"RJ"`, 1)
	for _, doc := range []string{
		`{"login_logs":[` + entry + `,` + other + `]}`,
		` [` + entry + ` , ` + other + `] `,
		`{"total":2,"login_logs":[` + entry + `,` + other + `],"next":null}`,
	} {
		var got []string
		for raw, err := range logstream.RawEntries(strings.NewReader(doc)) {
			if err != nil {
				t.Fatalf("RawEntries(%.40s…): %v", doc, err)
			}
			got = append(got, string(raw))
		}
		if len(got) != 2 || got[0] != entry || got[1] != other {
			t.Errorf("RawEntries(%.40s…) = %q, want the two entries as written", doc, got)
		}
	}
}

// failingReader returns data, then err.
type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestEntriesErrors(t *testing.T) {
	big := `{"login_logs":[` + entry + `,{"IpAddress":"` + strings.Repeat("a", logstream.MaxEntry) + `"}]}`
	readErr := errors.New("connection reset")
	tests := []struct {
		name    string
		r       io.Reader
		entries int    // read before the error
		is      error  // errors.Is target
		index   int    // the Error's Index
		text    string // in the message
	}{
		{"empty", strings.NewReader("  "), 0, logstream.ErrMalformed, -1, "empty document"},
		{"html", strings.NewReader("<html>"), 0, logstream.ErrMalformed, -1, `starting with '<'`},
		{"scalar", strings.NewReader(`"login_logs"`), 0, logstream.ErrMalformed, -1, "object or array"},
		{"cut short", strings.NewReader(`{"login_logs":[` + entry + `,` + entry[:30]), 1, logstream.ErrMalformed, -1, "unexpected end"},
		{"bad structure", strings.NewReader(`{"login_logs":[` + entry + `,,` + entry + `]}`), 1, logstream.ErrMalformed, -1, "invalid character ',' looking for beginning of value"},
		{"data after", strings.NewReader(`{"login_logs":[` + entry + `]} {}`), 1, logstream.ErrMalformed, -1, "data after the JSON document"},
		{"paginated shape", strings.NewReader(`{"audit_logs":[` + entry + `],"next_cursor":"c2"}`), 0, logstream.ErrMalformed, -1,
			`no login_logs array, got an object with "audit_logs", "next_cursor"`},
		{"null list", strings.NewReader(`{"login_logs":null}`), 0, logstream.ErrMalformed, -1, "login_logs is null, not an array"},
		{"twice", strings.NewReader(`{"login_logs":[` + entry + `],"login_logs":[` + entry + `]}`), 1, logstream.ErrMalformed, -1, "appears twice"},
		{"twice, the second empty", strings.NewReader(`{"login_logs":[` + entry + `],"login_logs":[]}`), 1, logstream.ErrMalformed, -1, "appears twice"},
		{"entry of another type", strings.NewReader(`{"login_logs":[` + entry + `,{"Country":7}]}`), 1, nil, 1, "cannot unmarshal number"},
		{"entry too large", strings.NewReader(big), 1, logstream.ErrTooLarge, 1, "larger than 1048576 bytes"},
		{"rest too large", strings.NewReader(`{"login_logs":[],"x":"` + strings.Repeat("a", logstream.MaxRest) + `"}`), 0,
			logstream.ErrTooLarge, -1, "outside its entries"},
		{"nested too deep", strings.NewReader(strings.Repeat("[", 1<<20)), 0, logstream.ErrMalformed, -1, "nested deeper than 64 levels"},
		{"nested too deep in an entry", strings.NewReader(`{"login_logs":[` + strings.Repeat("[", 20000)), 0, logstream.ErrMalformed, -1, "nested deeper"},
		{"reader fails", &failingReader{data: []byte(`{"login_logs":[` + entry + `,` + entry), err: readErr}, 1, readErr, -1, "connection reset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			var last error
			for _, err := range logstream.Entries(tt.r) {
				if last != nil {
					t.Fatalf("Entries yielded after the error %v", last)
				}
				if err != nil {
					last = err
					continue
				}
				n++
			}
			if last == nil {
				t.Fatalf("Entries: %d entries and no error, want an error containing %q", n, tt.text)
			}
			if n != tt.entries {
				t.Errorf("Entries: %d entries before the error, want %d", n, tt.entries)
			}
			var e *logstream.Error
			if !errors.As(last, &e) {
				t.Fatalf("Entries: error %T %v, want a *logstream.Error", last, last)
			}
			if e.Index != tt.index {
				t.Errorf("Entries: error %v has Index %d, want %d", last, e.Index, tt.index)
			}
			if tt.is != nil && !errors.Is(last, tt.is) {
				t.Errorf("Entries: error %v, want it to wrap %v", last, tt.is)
			}
			if !strings.Contains(last.Error(), tt.text) {
				t.Errorf("Entries: error %q, want it to contain %q", last, tt.text)
			}
		})
	}
}

// countingReader serves n entries of a 200 body, generated as they are read, and counts the
// bytes read.
type countingReader struct {
	left int
	buf  []byte
	read int64
	done bool
}

func (r *countingReader) Read(p []byte) (int, error) {
	for len(r.buf) < len(p) && !r.done {
		switch {
		case r.read == 0 && len(r.buf) == 0 && r.left >= 0:
			r.buf = append(r.buf, `{"login_logs":[`...)
			r.buf = append(r.buf, entry...)
			r.left--
		case r.left > 0:
			r.buf = append(r.buf, ',')
			r.buf = append(r.buf, entry...)
			r.left--
		default:
			r.buf = append(r.buf, "]}"...)
			r.done = true
		}
	}
	if len(r.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	r.read += int64(n)
	return n, nil
}

func TestEntriesStreams(t *testing.T) {
	const n = 200_000 // 33 MB
	r := &countingReader{left: n}
	count := 0
	for _, err := range logstream.Entries(r) {
		if err != nil {
			t.Fatalf("Entries: %v after %d entries", err, count)
		}
		count++
	}
	if count != n {
		t.Errorf("Entries: %d entries, want %d", count, n)
	}

	// A consumer that stops early stops the reading too.
	r = &countingReader{left: n}
	for range logstream.Entries(r) {
		break
	}
	if r.read > 1<<20 {
		t.Errorf("Entries: %d bytes read for one entry, want the reading to stop with the consumer", r.read)
	}
}

// BenchmarkEntries reads a 20 MB answer of seed-like entries, decoding every entry.
func BenchmarkEntries(b *testing.B) {
	body := []byte(`{"login_logs":[` + strings.TrimSuffix(strings.Repeat(entry+",", 20<<20/len(entry)), ",") + `]}`)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range logstream.Entries(bytes.NewReader(body)) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestRawEntriesRefuseWhatIsNotOneValue: an element the splitter delimits but that is not one
// JSON value ends the sequence with ErrMalformed, as in the whole document.
func TestRawEntriesRefuseWhatIsNotOneValue(t *testing.T) {
	for _, doc := range []string{`[{"a":1}{"b":2}]`, `[1 2]`, `{"login_logs":[{} {}]}`} {
		var gotErr error
		for raw, err := range logstream.RawEntries(strings.NewReader(doc)) {
			if err == nil && !json.Valid(raw) {
				t.Errorf("%s: yielded %q, which is not JSON, without an error", doc, raw)
			}
			gotErr = err
		}
		if !errors.Is(gotErr, logstream.ErrMalformed) {
			t.Errorf("%s: sequence ended with %v, want ErrMalformed", doc, gotErr)
		}
	}
}
