package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"

	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/report"
)

// Redacted replaces every secret and credential in a fixture or report.
const Redacted = redact.Marker

// Exchange is one request and its answer, as recorded by --record and replayed offline. The
// Authorization header is always redacted; the token never reaches a file.
type Exchange struct {
	// Check names the check that made the request.
	Check    string           `json:"check"`
	Request  RecordedRequest  `json:"request"`
	Response RecordedResponse `json:"response"`
}

// RecordedRequest is what was sent, credentials redacted.
type RecordedRequest struct {
	Method string      `json:"method"`
	URL    string      `json:"url"`
	Header http.Header `json:"header,omitempty"`
}

// RecordedResponse is what came back. A JSON body is kept as JSON (BodyJSON), anything else as
// text (Body), so fixtures stay readable and diffable; a body larger than InlineBody is kept
// as it came in a file of its own beside the fixture (BodyFile).
type RecordedResponse struct {
	Status   int             `json:"status"`
	Header   http.Header     `json:"header,omitempty"`
	BodyJSON json.RawMessage `json:"body_json,omitempty"`
	BodyText string          `json:"body,omitempty"`
	// BodyFile names the file holding the body, in the fixture's directory.
	BodyFile string `json:"body_file,omitempty"`
	// Truncated says the body was not recorded to its end: it was larger than the checker's
	// limits (MaxBody is the --max-body of the recording).
	Truncated bool  `json:"truncated,omitempty"`
	MaxBody   int64 `json:"max_body,omitempty"`
	// NotRecorded, when set, says why the body is not in the fixture at all (NotSearchable);
	// such a fixture is not judged again.
	NotRecorded string `json:"not_recorded,omitempty"`

	// path is the file the body is read from when judged: a bare body given to --response, or
	// the BodyFile of a fixture.
	path string
	// fixture is the fixture file an inline body is read from again when judged: LoadFixtures
	// keeps no body in memory, so that a directory of many holds one at a time.
	fixture string
	// stream is where a bare body read from stdin (--response -) is read from when judged.
	stream io.Reader
	// head is the start of a bare body, up to headBytes, read to tell it from a fixture
	// (ErrorBody).
	head []byte
}

// InlineBody is the largest body a fixture holds itself; a larger one goes to its BodyFile.
const InlineBody = 1 << 20

// OpenBody opens the response body for reading: the file it is kept in, or the bytes in memory.
func (ex *Exchange) OpenBody() (io.ReadCloser, error) {
	if ex.Response.stream != nil {
		return io.NopCloser(ex.Response.stream), nil
	}
	if ex.Response.path != "" {
		f, err := os.Open(ex.Response.path)
		if err != nil {
			return nil, fmt.Errorf("recorded body: %w", err)
		}
		return f, nil
	}
	body, err := ex.inline()
	if err != nil {
		return nil, fmt.Errorf("recorded body: %w", err)
	}
	return io.NopCloser(bytes.NewReader(body)), nil
}

// Body returns the response body held in the fixture (read from its file again for one of
// LoadFixtures; nil if that fails); empty for a body kept in a file of its own (OpenBody reads
// it).
func (ex *Exchange) Body() []byte {
	body, _ := ex.inline()
	return body
}

// inline returns the body the fixture holds.
func (ex *Exchange) inline() ([]byte, error) {
	if path := ex.Response.fixture; path != "" {
		data, err := readFixtureFile(path)
		if err != nil {
			return nil, err
		}
		again, ok := ReadFixture(data)
		if !ok {
			return nil, notAFixture(path, data)
		}
		return again.inline()
	}
	if len(ex.Response.BodyJSON) > 0 {
		return ex.Response.BodyJSON, nil
	}
	return []byte(ex.Response.BodyText), nil
}

// SetBody stores body as read from the wire: as JSON when it is JSON, else as text.
func (ex *Exchange) SetBody(body []byte) {
	ex.Response.BodyJSON, ex.Response.BodyText = nil, ""
	if json.Valid(body) {
		ex.Response.BodyJSON = body
		return
	}
	ex.Response.BodyText = string(body)
}

// WriteFixture saves ex as DIR/<check>.json, mode 0600, never through a link (see report.WriteFile).
// red redacts its URL and headers; the credential headers are always replaced. The body must
// be redacted already: the recorder redacts it as it is read.
func WriteFixture(dir string, ex *Exchange, red *redact.Redactor) (string, error) {
	out := *ex
	out.Request.URL = red.String(ex.Request.URL)
	out.Request.Header = red.Header(ex.Request.Header)
	out.Response.Header = red.Header(ex.Response.Header)
	b, err := json.MarshalIndent(&out, "", "  ")
	if err != nil {
		return "", fmt.Errorf("encode fixture %s: %w", ex.Check, err)
	}
	path := filepath.Join(dir, ex.Check+".json")
	if err := report.WriteFile(path, append(b, '\n')); err != nil {
		return "", fmt.Errorf("write fixture: %w", err)
	}
	return path, nil
}

// headBytes is how much of a recorded response is read first, to tell a fixture from a bare
// body; a shorter response is read whole.
const headBytes = 4 << 10

// maxFixture is the size of the largest fixture read: a recorded response up to it is read
// whole to tell a fixture from a bare body; a larger one that starts as WriteFixture starts a
// fixture is refused (--record writes a body over InlineBody to a body_file, so its fixtures
// stay well below), a larger other one is a bare body, streamed.
const maxFixture = 16 << 20

// readFixture reads a fixture, what, from r: at most maxFixture bytes, more is an error.
func readFixture(r io.Reader, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFixture+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFixture {
		return nil, fixtureTooLarge(what)
	}
	return data, nil
}

// fixtureTooLarge says that what ("" for the value being decoded) is too large for a fixture.
func fixtureTooLarge(what string) error {
	err := fmt.Errorf("a fixture over %d MiB, more than --record writes (a body over %d MiB goes to its body_file)", maxFixture>>20, InlineBody>>20)
	if what != "" {
		err = fmt.Errorf("%s: %w", what, err)
	}
	return err
}

// LoadResponse reads the recorded response in the file at path: a fixture written by --record,
// or else a bare response body with the given status and response header, which is read from
// the file only when judged. A file that can be read only once (a pipe such as
// `--response <(curl …)`, a FIFO, a device) is read as ReadResponse reads stdin, and stays open.
func LoadResponse(path string, status int, header http.Header) (*Exchange, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, err
	case info.IsDir():
		f.Close()
		return nil, fmt.Errorf("%s is a directory (--replay reads a directory of fixtures)", path)
	case !info.Mode().IsRegular():
		return readResponse(f, path, filepath.Dir(path), status, header)
	}
	defer f.Close()
	head, err := io.ReadAll(io.LimitReader(f, headBytes))
	if err != nil {
		return nil, err
	}
	if info.Size() <= maxFixture || startsLikeFixture(head) {
		// Bounded whatever the size says: a device or a FIFO says 0.
		rest, err := io.ReadAll(io.LimitReader(f, maxFixture+1-int64(len(head))))
		if err != nil {
			return nil, err
		}
		data := append(head, rest...)
		if len(data) > maxFixture && startsLikeFixture(head) {
			return nil, fixtureTooLarge(path)
		}
		if ex, ok := ReadFixture(data); ok && len(data) <= maxFixture {
			return ex, resolveBodyFile(ex, filepath.Dir(path))
		}
		if startsLikeFixture(head) {
			return nil, notAFixture(path, data)
		}
	}
	return &Exchange{Response: RecordedResponse{Status: status, Header: header.Clone(), path: path, head: head}}, nil
}

// ReadResponse reads a recorded response from r, such as stdin (--response -), as LoadResponse
// reads a file; a bare body streams from r when judged, a fixture's body_file is looked for in
// the working directory.
func ReadResponse(r io.Reader, status int, header http.Header) (*Exchange, error) {
	return readResponse(r, "stdin", ".", status, header)
}

// readResponse reads a recorded response, what, from r as ReadResponse does, a fixture's
// body_file in dir.
func readResponse(r io.Reader, what, dir string, status int, header http.Header) (*Exchange, error) {
	head, err := io.ReadAll(io.LimitReader(r, headBytes))
	if err != nil {
		return nil, err
	}
	body := io.MultiReader(bytes.NewReader(head), r)
	if startsLikeFixture(head) || len(head) < headBytes {
		all, err := readFixture(body, what)
		if err != nil {
			return nil, err
		}
		if ex, ok := ReadFixture(all); ok {
			return ex, resolveBodyFile(ex, dir)
		}
		if startsLikeFixture(head) {
			return nil, notAFixture(what, all)
		}
		body = bytes.NewReader(all)
	}
	return &Exchange{Response: RecordedResponse{Status: status, Header: header.Clone(), stream: body, head: head}}, nil
}

// maxStdinFixtures bounds the bytes of the fixtures ReadFixtures holds at once (stdin cannot be
// read again when each is judged, as LoadFixtures' files are).
const maxStdinFixtures = 256 << 20

// ReadFixtures reads the fixtures written by --record that r holds one after another, such as
// `cat fixtures/*.json` on stdin (--replay -), up to maxStdinFixtures bytes in all, and names
// them by their place. Their body_file is looked for in the working directory.
func ReadFixtures(r io.Reader) ([]*Exchange, []string, error) {
	bounded := &valueLimit{r: r}
	dec := json.NewDecoder(bounded)
	bounded.start = dec.InputOffset
	var out []*Exchange
	var names []string
	held := 0
	for i := 1; ; i++ {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("fixture %d on stdin: %w", i, err)
		}
		if held += len(raw); held > maxStdinFixtures {
			return nil, nil, fmt.Errorf("fixture %d on stdin: the fixtures on stdin hold over %d MiB; give their directory, --replay DIR, which holds one at a time", i, maxStdinFixtures>>20)
		}
		ex, ok := ReadFixture(raw)
		if !ok {
			return nil, nil, fmt.Errorf("fixture %d on stdin: not a fixture written by --record", i)
		}
		if err := resolveBodyFile(ex, "."); err != nil {
			return nil, nil, fmt.Errorf("fixture %d on stdin: %w", i, err)
		}
		out = append(out, ex)
		names = append(names, fmt.Sprintf("stdin, fixture %d", i))
	}
	if len(out) == 0 {
		return nil, nil, fmt.Errorf("--replay -: no fixture on stdin")
	}
	return out, names, nil
}

// LoadFixtures reads the fixtures DIR/*.json, in the order of their names; each inline body is
// read again when judged (OpenBody).
func LoadFixtures(dir string) ([]*Exchange, []string, error) {
	switch info, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, fmt.Errorf("--replay %s: no such directory", dir)
	case err != nil:
		return nil, nil, fmt.Errorf("--replay %s: %w", dir, err)
	case !info.IsDir():
		return nil, nil, fmt.Errorf("--replay %s: not a directory (--response FILE judges one fixture)", dir)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, nil, err
	}
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("--replay %s: no *.json fixtures", dir)
	}
	sort.Strings(paths)
	out := make([]*Exchange, 0, len(paths))
	for _, p := range paths {
		data, err := readFixtureFile(p)
		if err != nil {
			return nil, nil, err
		}
		ex, ok := ReadFixture(data)
		if !ok {
			return nil, nil, fmt.Errorf("%s: not a fixture written by --record", p)
		}
		if err := resolveBodyFile(ex, dir); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		if len(ex.Body()) > 0 {
			ex.SetBody(nil)
			ex.Response.fixture = p
		}
		out = append(out, ex)
	}
	return out, paths, nil
}

// readFixtureFile reads the fixture at path (readFixture), a regular file (regularFile).
func readFixtureFile(path string) ([]byte, error) {
	if err := regularFile(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readFixture(f, path)
}

// valueLimit reads r for a json.Decoder of fixtures one after another, failing once the value
// being decoded (from start, the decoder's InputOffset) runs past maxFixture.
type valueLimit struct {
	r     io.Reader
	read  int64
	start func() int64
}

func (v *valueLimit) Read(p []byte) (int, error) {
	if v.read-v.start() > maxFixture {
		return 0, fixtureTooLarge("")
	}
	n, err := v.r.Read(p)
	v.read += int64(n)
	return n, err
}

// notAFixture says why data, what, which starts as WriteFixture starts a fixture, is none (cut
// short, say): judged as a bare body, it would be a verdict on a file, not on an answer.
func notAFixture(what string, data []byte) error {
	why := "no response with a status of three digits"
	var ex Exchange
	if err := json.Unmarshal(data, &ex); err != nil {
		why = err.Error()
	}
	return fmt.Errorf("%s starts as a fixture of --record does (its first member is \"check\") but is none: %s", what, why)
}

// startsLikeFixture reports whether head begins as WriteFixture begins a fixture: an object whose
// first member is "check".
func startsLikeFixture(head []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(head))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	tok, err := dec.Token()
	return err == nil && tok == "check"
}

// resolveBodyFile points ex at its BodyFile in dir. The name must be a plain file name and the
// file a regular one (regularFile).
func resolveBodyFile(ex *Exchange, dir string) error {
	name := ex.Response.BodyFile
	if name == "" {
		return nil
	}
	if name != filepath.Base(name) || name == "." || name == ".." {
		return fmt.Errorf("body_file %q: want a file name in the fixture's directory", name)
	}
	ex.Response.path = filepath.Join(dir, name)
	if err := regularFile(ex.Response.path); err != nil {
		return fmt.Errorf("body_file: %w", err)
	}
	return nil
}

// regularFile refuses a file of a fixture directory (a fixture, a body_file) that is not a
// regular file, as --record writes them: one reads nothing outside its directory (no symbolic
// link), nor what may never end (a FIFO, a device).
func regularFile(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return err
	}
	t := info.Mode().Type()
	if t == 0 {
		return nil
	}
	kind := "a special file"
	switch {
	case t&fs.ModeSymlink != 0:
		kind = "a symbolic link"
	case t&fs.ModeNamedPipe != 0:
		kind = "a FIFO"
	case t&fs.ModeDevice != 0:
		kind = "a device"
	case t&fs.ModeDir != 0:
		kind = "a directory"
	}
	return fmt.Errorf("%s is %s, not a regular file as --record writes: a fixture reads nothing outside its directory, nor what may not end", path, kind)
}

// ValidStatus reports whether status is one an HTTP answer can carry: three digits (RFC 9110
// § 15), as Go's client reads them off the wire.
func ValidStatus(status int) bool { return status >= 100 && status <= 999 }

// ReadFixture loads a fixture that WriteFixture saved. ok is false when the file is JSON but no
// fixture (no "response" with a status): the caller may treat it as a bare response body.
func ReadFixture(data []byte) (ex *Exchange, ok bool) {
	var probe struct {
		Response *struct {
			Status int `json:"status"`
		} `json:"response"`
	}
	if json.Unmarshal(data, &probe) != nil || probe.Response == nil || !ValidStatus(probe.Response.Status) {
		return nil, false
	}
	ex = &Exchange{}
	if err := json.Unmarshal(data, ex); err != nil {
		return nil, false
	}
	return ex, true
}
