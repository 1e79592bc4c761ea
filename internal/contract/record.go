package contract

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

// recorder writes a body to a file of the record directory as it is read, every secret redacted
// (package redact): a body up to InlineBody ends in the fixture, a larger one in DIR/<check>.body,
// both 0600 and never written through a link.
type recorder struct {
	dir, check string
	red        *redact.Redactor
	f          *os.File
	counted    *countingWriter
	w          *redact.Writer
	err        error
	// unsearchable says the body cannot be searched for secrets (redact.ErrUnsearchable): it is
	// not recorded, and the fixture says so.
	unsearchable bool
}

func newRecorder(dir, check string, red *redact.Redactor) (*recorder, error) {
	f, err := os.CreateTemp(dir, "."+check+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", check, err)
	}
	c := &countingWriter{w: f}
	return &recorder{dir: dir, check: check, red: red, f: f, counted: c, w: red.NewWriter(c)}, nil
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
		r.err = fmt.Errorf("record %s: %w", r.check, err)
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

// abort drops the recording.
func (r *recorder) abort() {
	r.f.Close()
	os.Remove(r.f.Name())
}

// finish writes ex's fixture with the recorded body and returns its path.
func (r *recorder) finish(ex *Exchange) (string, error) {
	if r.unsearchable {
		r.w = redact.New().NewWriter(io.Discard) // nothing more of the body is written
	}
	r.note(r.w.Flush())
	r.note(r.f.Close())
	tmp := r.f.Name()
	if r.err != nil {
		os.Remove(tmp)
		return "", r.err
	}
	bodyFile := filepath.Join(r.dir, r.check+".body")
	ex.SetBody(nil)
	switch {
	case r.unsearchable:
		os.Remove(tmp)
		ex.Response.NotRecorded = NotSearchable
	case r.counted.n <= InlineBody:
		data, err := os.ReadFile(tmp)
		os.Remove(tmp)
		if err != nil {
			return "", fmt.Errorf("record %s: %w", r.check, err)
		}
		ex.SetBody(data)
	default:
		if err := report.ReplaceFile(tmp, bodyFile); err != nil {
			os.Remove(tmp)
			return "", fmt.Errorf("record %s: %w", r.check, err)
		}
		ex.Response.BodyFile = filepath.Base(bodyFile)
		ex.Response.path = bodyFile
		return WriteFixture(r.dir, ex, r.red)
	}
	if err := os.Remove(bodyFile); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("record %s: an earlier body: %w", r.check, err)
	}
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
