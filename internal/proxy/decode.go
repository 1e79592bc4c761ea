package proxy

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/ssojet-tools/loginlogs/internal/coding"
)

// teeDecoding passes the upstream's body unchanged (report mode) while feeding its gate what
// it decodes to. The decoder reads the body; what it read is passed on. Once the encoding ends,
// fails to decode or decodes to more than the gate takes, the rest passes as it comes.
type teeDecoding struct {
	body io.Reader
	dec  io.Reader
	j    *body
	raw  bytes.Buffer // read by the decoder, not yet passed on
	buf  []byte
	done bool
	err  error // the upstream's, returned once raw is passed on
}

func newTeeDecoding(r io.Reader, j *body) *teeDecoding {
	t := &teeDecoding{body: r, j: j, buf: make([]byte, 32<<10)}
	t.dec = coding.Decoded(io.TeeReader(r, &t.raw), j.codings)
	return t
}

func (t *teeDecoding) Read(p []byte) (int, error) {
	for t.raw.Len() == 0 && !t.done && t.err == nil {
		n, err := t.dec.Read(t.buf)
		t.j.feed(t.buf[:n])
		var de *coding.DecodeError
		switch {
		case errors.As(err, &de):
			t.done = true
			t.j.g.Unjudged(de)
		case err != nil && err != io.EOF:
			t.err = err
		case err == io.EOF || !t.j.g.Judgeable():
			t.done = true
		}
	}
	switch {
	case t.raw.Len() > 0:
		return t.raw.Read(p)
	case t.err != nil:
		return 0, t.err
	}
	return t.body.Read(p)
}

// serveDecoded makes res serve its decoded body (enforce mode): the codings and the length go
// (the gate keeps the headers as the upstream sent them); a strong validator becomes weak, as
// it named the encoded bytes.
func serveDecoded(res *http.Response) {
	res.Header = coding.DecodedHeader(res.Header)
	res.ContentLength = -1
	if etag := res.Header.Get("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
		res.Header.Set("ETag", "W/"+etag)
	}
}
