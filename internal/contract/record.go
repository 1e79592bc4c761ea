package contract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// recorder writes a body to a file of the record directory as it is read, every occurrence of
// the token replaced, so that a fixture of any size is written without holding its body. A
// body up to InlineBody ends in the fixture itself; a larger one stays in DIR/<check>.body.
type recorder struct {
	dir, check string
	secret     []byte
	f          *os.File
	n          int64
	pending    []byte // the last bytes, held back while they may begin the token
	err        error
}

func newRecorder(dir, check, secret string) (*recorder, error) {
	f, err := os.CreateTemp(dir, "."+check+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", check, err)
	}
	return &recorder{dir: dir, check: check, secret: []byte(secret), f: f}, nil
}

// Write records p. It never fails, so that a failing disk does not look like a failing
// network to the reader of the body; finish reports the error.
func (r *recorder) Write(p []byte) (int, error) {
	if r.err != nil {
		return len(p), nil
	}
	if len(r.secret) == 0 {
		r.write(p)
		return len(p), nil
	}
	r.pending = append(r.pending, p...)
	if bytes.Contains(r.pending, r.secret) {
		r.pending = bytes.ReplaceAll(r.pending, r.secret, []byte(Redacted))
	}
	if hold := len(r.secret) - 1; len(r.pending) > hold {
		cut := len(r.pending) - hold
		r.write(r.pending[:cut])
		r.pending = r.pending[:copy(r.pending, r.pending[cut:])]
	}
	return len(p), nil
}

func (r *recorder) write(p []byte) {
	n, err := r.f.Write(p)
	r.n += int64(n)
	if err != nil {
		r.err = fmt.Errorf("record %s: %w", r.check, err)
	}
}

// abort drops the recording.
func (r *recorder) abort() {
	r.f.Close()
	os.Remove(r.f.Name())
}

// finish writes ex's fixture with the recorded body and returns its path.
func (r *recorder) finish(ex *Exchange) (string, error) {
	r.write(r.pending)
	r.pending = nil
	if err := r.f.Close(); err != nil && r.err == nil {
		r.err = fmt.Errorf("record %s: %w", r.check, err)
	}
	tmp := r.f.Name()
	if r.err != nil {
		os.Remove(tmp)
		return "", r.err
	}
	bodyFile := filepath.Join(r.dir, r.check+".body")
	if r.n <= InlineBody {
		data, err := os.ReadFile(tmp)
		os.Remove(tmp)
		if err != nil {
			return "", fmt.Errorf("record %s: %w", r.check, err)
		}
		ex.SetBody(data)
		if err := os.Remove(bodyFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("record %s: an earlier body: %w", r.check, err)
		}
	} else {
		if err := os.Rename(tmp, bodyFile); err != nil {
			os.Remove(tmp)
			return "", fmt.Errorf("record %s: %w", r.check, err)
		}
		ex.SetBody(nil)
		ex.Response.BodyFile = filepath.Base(bodyFile)
		ex.Response.path = bodyFile
	}
	return WriteFixture(r.dir, ex, string(r.secret))
}

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
