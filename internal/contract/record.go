package contract

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

// recorder writes a body to a temporary file of the record directory as it is read, every
// secret redacted (package redact); keep makes it a fixture: a body up to InlineBody ends in the
// fixture, a larger one in DIR/<name>.body, both 0600 and never written through a link.
type recorder struct {
	dir     string
	red     *redact.Redactor
	f       *os.File
	counted *countingWriter
	w       *redact.Writer
	err     error
	// unsearchable says the body cannot be searched for secrets (redact.ErrUnsearchable): it is
	// not recorded, and the fixture says so.
	unsearchable bool
	// kept is the exchange the first keep saved, done that the recording ended (kept or dropped).
	kept *Exchange
	done bool
}

// clearRecords removes what an earlier run recorded in dir: the fixtures of every check,
// <check>.json and <check>.<n>.json, their .body files, and the temporary files of a run that
// was killed (.record.*.tmp), so that --replay dir judges this run's answers only, as a
// cassette re-recorded holds only the new recording. Other files stay, and so does a symbolic
// link, which the writing of a fixture then refuses.
func clearRecords(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("record directory: %w", err)
	}
	names := CheckNames()
	for _, e := range entries {
		name := e.Name()
		base, ok := strings.CutSuffix(name, ".json")
		if !ok {
			base, ok = strings.CutSuffix(name, ".body")
		}
		if check, n, numbered := strings.Cut(base, "."); numbered && n != "" && strings.Trim(n, "0123456789") == "" {
			base = check
		}
		ours := ok && slices.Contains(names, base) || strings.HasPrefix(name, ".record.") && strings.HasSuffix(name, ".tmp")
		if !ours || !e.Type().IsRegular() {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("record: an earlier run's file: %w", err)
		}
	}
	return nil
}

func newRecorder(dir string, red *redact.Redactor) (*recorder, error) {
	f, err := os.CreateTemp(dir, ".record.*.tmp")
	if err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	c := &countingWriter{w: f}
	return &recorder{dir: dir, red: red, f: f, counted: c, w: red.NewWriter(c)}, nil
}

// Write records p. It never fails, so that a failing disk does not look like a failing
// network to the reader of the body; finish reports the error.
func (r *recorder) Write(p []byte) (int, error) {
	if r.err == nil && !r.unsearchable {
		_, err := r.w.Write(p)
		r.note(err)
	}
	return len(p), nil
}

// note keeps the first error of the recording; a body that cannot be searched for secrets is
// not recorded.
func (r *recorder) note(err error) {
	switch {
	case errors.Is(err, redact.ErrUnsearchable):
		r.unsearchable = true
	case err != nil && r.err == nil:
		r.err = fmt.Errorf("record: %w", err)
	}
}

// countingWriter counts the bytes written to w.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// abort drops the recording, unless it was kept or dropped already (r may be nil).
func (r *recorder) abort() {
	if r == nil || r.done {
		return
	}
	r.done = true
	r.f.Close()
	os.Remove(r.f.Name())
}

// keep saves ex, with the recorded body, as the fixture DIR/<name>.json and returns its path ("" for
// a recording dropped). A later keep of the same recording saves another fixture of the same
// exchange, sharing its body file.
func (r *recorder) keep(ex *Exchange, name string) (string, error) {
	if r.kept != nil {
		again := *r.kept
		again.Check = name
		if err := os.Remove(filepath.Join(r.dir, name+".body")); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("record %s: an earlier body: %w", name, err)
		}
		return WriteFixture(r.dir, &again, r.red)
	}
	if r.done {
		return "", nil // dropped: nothing of the body could be recorded
	}
	r.done = true
	ex.Check = name
	if r.unsearchable {
		r.w = redact.New().NewWriter(io.Discard) // nothing more of the body is written
	}
	r.note(r.w.Flush())
	r.note(r.f.Close())
	tmp := r.f.Name()
	if r.err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("record %s: %w", name, r.err)
	}
	bodyFile := filepath.Join(r.dir, name+".body")
	ex.SetBody(nil)
	switch {
	case r.unsearchable:
		os.Remove(tmp)
		ex.Response.NotRecorded = NotSearchable
	case r.counted.n <= InlineBody:
		data, err := os.ReadFile(tmp)
		os.Remove(tmp)
		if err != nil {
			return "", fmt.Errorf("record %s: %w", name, err)
		}
		ex.SetBody(data)
	default:
		if err := report.ReplaceFile(tmp, bodyFile); err != nil {
			os.Remove(tmp)
			return "", fmt.Errorf("record %s: %w", name, err)
		}
		ex.Response.BodyFile = filepath.Base(bodyFile)
		ex.Response.path = bodyFile
		r.kept = ex
		return WriteFixture(r.dir, ex, r.red)
	}
	if err := os.Remove(bodyFile); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("record %s: an earlier body: %w", name, err)
	}
	r.kept = ex
	return WriteFixture(r.dir, ex, r.red)
}

// NotSearchable is why a fixture holds no body when the body could not be searched for
// secrets (redact.ErrUnsearchable).
const NotSearchable = "the body was not recorded: it holds a character reference too long to search for secrets (" +
	"such as &#x0000000000000074;), so the token might be in it"

// limitBody reads r until more than max bytes come, then fails with a *TooLargeError.
func limitBody(r io.Reader, max int64) *limitedBody {
	return &limitedBody{r: r, left: max, max: max}
}

// exceeded reports whether more than max bytes came.
func (l *limitedBody) exceeded() bool { return l.left < 0 }

type limitedBody struct {
	r         io.Reader
	left, max int64
}

func (l *limitedBody) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, l.err()
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	if int64(n) > l.left {
		n = int(l.left)
		l.left = -1
		return n, l.err()
	}
	l.left -= int64(n)
	return n, err
}

func (l *limitedBody) err() error {
	return &TooLargeError{What: "the body", Limit: l.max, Why: "--max-body"}
}
