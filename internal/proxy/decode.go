package proxy

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"

	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// The content codings a client decodes, which the proxy decodes to judge what is inside:
// gzip (and its alias x-gzip), deflate (zlib, or raw deflate as some servers send it) and br.
// What is decoded counts against the judge's limits like any body (validate.Limits), so a
// small answer that decodes to a huge one is too large to judge, and is decoded no further.

// maxCodings bounds how many codings one answer may stack.
const maxCodings = 3

// contentCodings returns the codings of an answer in the order they were applied, "identity"
// left out, or why the proxy cannot decode it.
func contentCodings(h http.Header) (codings []string, why string) {
	for _, v := range h.Values("Content-Encoding") {
		for _, c := range strings.Split(v, ",") {
			switch c = strings.ToLower(strings.TrimSpace(c)); c {
			case "", "identity":
			case "gzip", "x-gzip", "deflate", "br":
				codings = append(codings, c)
			default:
				return nil, "the answer's content encoding " + strconv.Quote(validate.Shorten(c, 20)) + " is not one the proxy decodes (gzip, deflate, br)"
			}
		}
	}
	if len(codings) > maxCodings {
		return nil, "the answer stacks " + strconv.Itoa(len(codings)) + " content encodings, more than the " + strconv.Itoa(maxCodings) + " the proxy decodes"
	}
	return codings, ""
}

// decodeError is an answer whose encoding does not decode.
type decodeError struct{ err error }

func (e *decodeError) Error() string {
	return "the answer's content encoding could not be decoded: " + validate.Shorten(e.err.Error(), 120)
}

// decoded returns body decoded from codings (applied in that order). Its errors are the
// upstream's, as body returned them, or a *decodeError.
func decoded(body io.Reader, codings []string) io.Reader {
	up := &upstreamReader{r: body}
	var r io.Reader = up
	for i := len(codings) - 1; i >= 0; i-- {
		r = &decoder{r: r, coding: codings[i]}
	}
	return &decodedReader{r: r, up: up}
}

// upstreamReader keeps the error of reading the upstream's body, to tell it from a decoder's.
type upstreamReader struct {
	r   io.Reader
	err error
}

func (u *upstreamReader) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	if err != nil && err != io.EOF {
		u.err = err
	}
	return n, err
}

type decodedReader struct {
	r  io.Reader
	up *upstreamReader
}

func (d *decodedReader) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	switch {
	case err == nil || err == io.EOF:
	case d.up.err != nil:
		err = d.up.err
	default:
		err = &decodeError{err}
	}
	return n, err
}

// decoder decodes one coding, made at its first read: making one reads its header, which the
// answer's headers need not wait for.
type decoder struct {
	r      io.Reader
	coding string
	dec    io.Reader
}

func (d *decoder) Read(p []byte) (int, error) {
	if d.dec == nil {
		var err error
		if d.dec, err = newDecoder(d.r, d.coding); err != nil {
			return 0, err
		}
	}
	return d.dec.Read(p)
}

func newDecoder(r io.Reader, coding string) (io.Reader, error) {
	switch coding {
	case "gzip", "x-gzip":
		return gzip.NewReader(r)
	case "br":
		return brotli.NewReader(r), nil
	}
	// deflate is zlib (RFC 9110); some servers send raw deflate, which browsers take too.
	br := bufio.NewReader(r)
	if h, err := br.Peek(2); err == nil && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

// teeDecoding passes the upstream's body unchanged (report mode) while feeding the judge what
// it decodes to. The decoder reads the body; what it read is passed on. Once the encoding ends,
// fails to decode or decodes to more than the judge takes, the rest passes as it comes.
type teeDecoding struct {
	body io.Reader
	dec  io.Reader
	j    *judge
	raw  bytes.Buffer // read by the decoder, not yet passed on
	buf  []byte
	done bool
	err  error // the upstream's, returned once raw is passed on
}

func newTeeDecoding(body io.Reader, j *judge) *teeDecoding {
	t := &teeDecoding{body: body, j: j, buf: make([]byte, 32<<10)}
	t.dec = decoded(io.TeeReader(body, &t.raw), j.codings)
	return t
}

func (t *teeDecoding) Read(p []byte) (int, error) {
	for t.raw.Len() == 0 && !t.done && t.err == nil {
		n, err := t.dec.Read(t.buf)
		t.j.feed(t.buf[:n])
		var de *decodeError
		switch {
		case errors.As(err, &de):
			t.done = true
			t.j.undecodable(de.Error())
		case err != nil && err != io.EOF:
			t.err = err
		case err == io.EOF || t.j.tooLarge():
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

// serveDecoded makes res serve its decoded body (enforce mode): the codings and the length go;
// a strong validator becomes weak, as it named the encoded bytes.
func serveDecoded(res *http.Response) {
	res.Header = res.Header.Clone() // the judge keeps the headers as the upstream sent them
	res.Header.Del("Content-Encoding")
	res.Header.Del("Content-Length")
	res.ContentLength = -1
	if etag := res.Header.Get("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
		res.Header.Set("ETag", "W/"+etag)
	}
}
