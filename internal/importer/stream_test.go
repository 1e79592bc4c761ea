package importer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/importer"
	"github.com/ssojet-tools/loginlogs/internal/store"
)

// TestImportStreams feeds one-line JSON (a 200 body and a bare array) and NDJSON through a pipe
// and holds the input back after 10,000 entries until batches reached the store: an importer
// that read the whole line (or file) before writing would never write, and the test fails
// instead of hanging. Every entry must then arrive, in order.
func TestImportStreams(t *testing.T) {
	const entries, batch, hold = 20_000, 1000, 10_000
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			im, sq := newImporter(t)
			st := &countingStore{Store: sq}
			pr, pw := io.Pipe()
			defer pr.Close()
			go func() {
				io.WriteString(pw, f.open)
				for i := range entries {
					if i == hold {
						deadline := time.Now().Add(20 * time.Second)
						for st.batches.Load() < 5 {
							if time.Now().After(deadline) {
								pw.CloseWithError(fmt.Errorf("no 5 batches written after %d entries of one %s: the import does not stream", hold, f.name))
								return
							}
							time.Sleep(time.Millisecond)
						}
					}
					if i > 0 {
						io.WriteString(pw, f.sep)
					}
					if _, err := io.WriteString(pw, named(i, fmt.Sprint("e-", i))); err != nil {
						return
					}
				}
				io.WriteString(pw, f.close)
				pw.Close()
			}()
			res, err := im.Import(t.Context(), st, pr, importer.Options{ClientID: "c", UserID: "u", BatchSize: batch})
			if err != nil || res.Entries != entries || res.Batches != entries/batch {
				t.Fatalf("Import = %+v, %v; want %d entries in %d batches", res, err, entries, entries/batch)
			}
			got := names(t, sq, "c", "u")
			for i, n := range got {
				if want := fmt.Sprint("e-", i); n != want {
					t.Fatalf("log %d is %q, want %q", i, n, want)
				}
			}
		})
	}
}

// TestImportEntryLimit: an entry of exactly MaxEntry bytes is taken; one byte more is refused,
// named by its line or index, and a far larger one (64 MiB, never ending) is refused after
// reading little more than MaxEntry, not held in memory.
func TestImportEntryLimit(t *testing.T) {
	small := named(0, "first")
	// sized returns a valid entry of exactly n bytes, padded in its UserAgent.
	sized := func(n int) string {
		e := named(1, "big")
		return strings.Replace(e, `"UserAgent":""`, `"UserAgent":"`+strings.Repeat("a", n-len(e))+`"`, 1)
	}
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			for _, c := range []struct {
				name string
				size int
				ok   bool
			}{{"MaxEntry", importer.MaxEntry, true}, {"MaxEntry+1", importer.MaxEntry + 1, false}} {
				im, st := newImporter(t)
				in := f.of(small, sized(c.size), small)
				if f.name == "ndjson" {
					in = strings.ReplaceAll(in, "\n", "\r\n") // the line ending is not the entry's
				}
				res, err := im.Import(t.Context(), st, strings.NewReader(in), importer.Options{ClientID: "c", UserID: "u", BatchSize: 1})
				switch {
				case c.ok && (err != nil || res.Entries != 3):
					t.Errorf("%s: Import = %+v, %v; want 3 entries", c.name, res, err)
				case !c.ok && (err == nil || !strings.HasPrefix(err.Error(), f.where(1)) || !strings.Contains(err.Error(), "1 MiB")):
					t.Errorf("%s: Import error = %v; want one naming %q and the 1 MiB limit", c.name, err, f.where(1))
				case !c.ok && res.Entries != 1:
					t.Errorf("%s: Import = %+v; want the entry before it written (batches of 1)", c.name, res)
				}
			}
		})
	}
	for _, f := range forms {
		t.Run(f.name+"/endless entry", func(t *testing.T) {
			im, st := newImporter(t)
			prefix := f.open + small + f.sep + `{"IpAddress":"`
			r := &countingReader{r: &repeatReader{prefix: []byte(prefix), b: 'a'}}
			_, err := im.Import(t.Context(), st, io.LimitReader(r, 64<<20), importer.Options{ClientID: "c", UserID: "u", BatchSize: 1})
			if err == nil || !strings.HasPrefix(err.Error(), f.where(1)) || !strings.Contains(err.Error(), "1 MiB") {
				t.Errorf("Import error = %v; want one naming %q and the 1 MiB limit", err, f.where(1))
			}
			if n := r.n.Load(); n > 4*importer.MaxEntry {
				t.Errorf("Import read %d bytes of a 64 MiB entry before refusing it; want it to stop soon after %d", n, importer.MaxEntry)
			}
		})
	}
}

// TestImportFirstLineLongerThanAnEntry: NDJSON whose first line is over MaxEntry is still told
// from JSON, and refused as line 1.
func TestImportFirstLineLongerThanAnEntry(t *testing.T) {
	im, st := newImporter(t)
	long := strings.Replace(named(0, "x"), `"Name":"x"`, `"Name":"`+strings.Repeat("x", 2*importer.MaxEntry)+`"`, 1)
	_, err := im.Import(t.Context(), st, strings.NewReader(long+"\n"+named(1, "y")+"\n"), importer.Options{ClientID: "c", UserID: "u"})
	if err == nil || !strings.HasPrefix(err.Error(), "line 1: ") || !strings.Contains(err.Error(), "1 MiB") {
		t.Errorf("Import error = %v; want line 1 over the 1 MiB limit", err)
	}
}

// TestImportTrailingData: data after the first JSON value is an error naming its byte offset.
// The entries before it are written by the same rule as before any refused input: whole batches
// only.
func TestImportTrailingData(t *testing.T) {
	three := []string{named(0, "a"), named(1, "b"), named(2, "c")}
	for _, c := range []struct {
		name, doc, after string
	}{
		{"200 body then text", forms[1].of(three...), " \n garbage"},
		{"200 body then another", forms[1].of(three...), "\n" + forms[1].of(three...)},
		{"bare array then another", forms[2].of(three...), "[]"},
		{"pretty body then a comma", "{\n  \"login_logs\": [\n    " + strings.Join(three, ",\n    ") + "\n  ]\n}", "\n,"},
	} {
		for _, b := range []struct{ batch, written int }{{1, 3}, {2, 2}, {0, -1}} {
			t.Run(fmt.Sprintf("%s/batch=%d", c.name, b.batch), func(t *testing.T) {
				im, st := newImporter(t)
				in := c.doc + c.after
				at := len(c.doc) + len(c.after) - len(strings.TrimLeft(c.after, " \t\r\n"))
				res, err := im.Import(t.Context(), st, strings.NewReader(in), importer.Options{ClientID: "c", UserID: "u", BatchSize: b.batch})
				if want := fmt.Sprintf("at byte %d", at); err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("Import error = %v; want one naming the data %s", err, want)
				}
				if got := names(t, st, "c", "u"); (b.written < 0 && got != nil) || (b.written >= 0 && len(got) != b.written) || res.Entries != max(b.written, 0) {
					t.Errorf("after the import: %d logs (%v), result %+v; want %d", len(got), got, res, b.written)
				}
			})
		}
	}
}

// TestImportDepth: nesting beyond jsonstream's 64 levels is a clear error, never a crash,
// wherever it is; nesting at the limit inside an entry is judged (and refused) like any entry.
func TestImportDepth(t *testing.T) {
	deep := strings.Repeat("[", 20<<20)
	atLimit := "[" + strings.Repeat("[", 63) + strings.Repeat("]", 63) + "]" // 64 levels
	for _, c := range []struct{ name, in, want string }{
		{"20 MB of [", deep, "nested deeper than 64 levels"},
		{"20 MB of [ as login_logs", `{"login_logs":` + deep, "nested deeper than 64 levels"},
		{"20 MB of [ in an entry", `{"login_logs":[` + named(0, "a") + "," + deep, "nested deeper than 64 levels"},
		{"4 Mi levels of {\"a\":", strings.Repeat(`{"a":`, 4<<20), "nested deeper than 64 levels"},
		{"64 levels, an entry 63 deep", atLimit, "entry 0 (/0, at byte 1): violates the contract's LoginLog: want type object"},
		{"NDJSON line 1,000,000 deep", named(0, "a") + "\n" + `{"Name":` + strings.Repeat("[", 1_000_000) + "\n", "line 2: not JSON"},
	} {
		t.Run(c.name, func(t *testing.T) {
			im, st := newImporter(t)
			_, err := im.Import(t.Context(), st, strings.NewReader(c.in), importer.Options{ClientID: "c", UserID: "u", BatchSize: 0})
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("Import error = %v; want one line with %q", err, c.want)
			}
			if got := names(t, st, "c", "u"); got != nil {
				t.Errorf("after a refused import with --batch-size 0: %d logs; want no user", len(got))
			}
		})
	}
}

// TestImportBodyShape: a 200 body must have exactly one login_logs member, and JSON broken
// before the array stops the import before any of its entries is written.
func TestImportBodyShape(t *testing.T) {
	a, b := named(0, "a"), named(1, "b")
	for _, c := range []struct {
		name, in, want string
		written        int // with batches of 1
	}{
		{"two arrays", `{"login_logs":[` + a + `],"login_logs":[` + b + `]}`, `second "login_logs" member`, 1},
		{"empty then full", `{"login_logs":[],"login_logs":[` + a + `]}`, `second "login_logs" member`, -1},
		{"array then null", `{"login_logs":[` + a + `],"login_logs":null}`, `second "login_logs" member`, 1},
		{"array then null, nothing after", `{"login_logs":[` + a + `],"x":1,"login_logs":null}`, `second "login_logs" member`, 1},
		{"no login_logs", `{"logs":[` + a + `]}`, `no "login_logs" member`, -1},
		{"empty object", `{}`, `no "login_logs" member`, -1},
		{"login_logs null", `{"login_logs":null}`, "/login_logs: ", -1},
		{"login_logs an object", `{"login_logs":{"a":` + a + `}}`, "/login_logs: want type array", -1},
		{"broken before the array", `{"next": tru, "login_logs":[` + a + `]}`, "not JSON before the login_logs array", -1},
		{"broken after the array", `{"login_logs":[` + a + `,` + b + `],"next": tru}`, "not JSON outside the login_logs array", 2},
		{"cut short", `{"login_logs":[` + a + `,` + b, "unexpected end of JSON input", 1}, // b never ended
		{"a scalar", `"login_logs"`, "want a 200 body", -1},
	} {
		t.Run(c.name, func(t *testing.T) {
			im, st := newImporter(t)
			res, err := im.Import(t.Context(), st, strings.NewReader(c.in), importer.Options{ClientID: "c", UserID: "u", BatchSize: 1})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Import error = %v; want one with %q", err, c.want)
			}
			got := names(t, st, "c", "u")
			if (c.written < 0 && got != nil) || (c.written >= 0 && len(got) != c.written) || res.Entries != max(c.written, 0) {
				t.Errorf("after the import: logs %v, result %+v; want %d written", got, res, c.written)
			}
		})
	}
}

// TestImportReadError: a failing reader stops the import with its error; whole batches before
// it stay written.
func TestImportReadError(t *testing.T) {
	im, st := newImporter(t)
	var in bytes.Buffer
	for i := range 2500 {
		in.WriteString(named(i, fmt.Sprint("e-", i)) + "\n")
	}
	broken := errors.New("disk on fire")
	r := io.MultiReader(&in, &failingReader{broken})
	res, err := im.Import(t.Context(), st, r, importer.Options{ClientID: "c", UserID: "u", BatchSize: 1000})
	if !errors.Is(err, broken) || res.Entries != 2000 {
		t.Errorf("Import = %+v, %v; want 2000 entries and %v", res, err, broken)
	}
}

type failingReader struct{ err error }

func (r *failingReader) Read([]byte) (int, error) { return 0, r.err }

// TestImportCancelled: a cancelled import stops reading an endless input and returns, leaving
// no goroutine behind.
func TestImportCancelled(t *testing.T) {
	im, st := newImporter(t)
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	go func() {
		io.WriteString(pw, `[`)
		for i := 0; ; i++ {
			if _, err := io.WriteString(pw, named(i, "e")+","); err != nil {
				return
			}
			if i == 5000 {
				cancel()
			}
		}
	}()
	_, err := im.Import(ctx, st, pr, importer.Options{ClientID: "c", UserID: "u", BatchSize: 1000})
	pr.CloseWithError(errors.New("test over"))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Import error = %v; want context.Canceled", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the import, %d before", n, before)
	}
}

// failingStore refuses every write.
type failingStore struct{ err error }

func (s failingStore) AddLoginLogs(context.Context, string, string, []store.LoginLog) error {
	return s.err
}

// TestImportEndsOnItsErrorWhileTheInputStalls: an import that stopped on a refused entry or a
// failed write returns with that error although its input is still open and sends nothing more
// (a download or a FIFO writer that stalls): the test fails instead of hanging when Import waits
// for the input.
func TestImportEndsOnItsErrorWhileTheInputStalls(t *testing.T) {
	im, sq := newImporter(t)
	full := errors.New("disk full")
	bad := strings.Replace(named(1, "bad"), "2024-07-01T00:00:01Z", "yesterday", 1)
	for _, f := range forms {
		for _, c := range []struct {
			name  string
			st    importer.Store
			entry string
			want  func(error) bool
		}{
			{"refused entry", sq, bad, func(err error) bool { var e *importer.EntryError; return errors.As(err, &e) }},
			{"failed write", failingStore{full}, named(0, "good"), func(err error) bool { return errors.Is(err, full) }},
		} {
			t.Run(f.name+"/"+c.name, func(t *testing.T) {
				pr, pw := io.Pipe()
				defer pw.Close()
				go io.WriteString(pw, f.open+c.entry+f.sep) // then nothing, without an end
				done := make(chan error, 1)
				go func() {
					_, err := im.Import(t.Context(), c.st, pr, importer.Options{ClientID: "c", UserID: "u", BatchSize: 1})
					done <- err
				}()
				select {
				case err := <-done:
					if !c.want(err) {
						t.Errorf("Import = %v; want the %s's error", err, c.name)
					}
				case <-time.After(20 * time.Second):
					t.Fatalf("Import still running 20 s after its input stalled behind a %s: it waits for the input instead of ending", c.name)
				}
			})
		}
	}
}
