// Package coding decodes the content codings a client decodes (RFC 9110 section 8.4): gzip
// (and its alias x-gzip), deflate (zlib, or raw deflate as some servers send it) and br, so that
// the proxy and the contract checker judge what is inside an encoded answer.
package coding

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"

	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// maxCodings bounds how many codings one answer may stack.
const maxCodings = 3

// Codings returns the codings of an answer in the order they were applied, "identity" left
// out, or why they cannot be decoded.
func Codings(h http.Header) (codings []string, why string) {
	for _, v := range h.Values("Content-Encoding") {
		for _, c := range strings.Split(v, ",") {
			switch c = strings.ToLower(strings.TrimSpace(c)); c {
			case "", "identity":
			case "gzip", "x-gzip", "deflate", "br":
				codings = append(codings, c)
			default:
				return nil, "the answer's content encoding " + strconv.Quote(validate.Shorten(c, 20)) + " is not one a client decodes (gzip, deflate, br)"
			}
		}
	}
	if len(codings) > maxCodings {
		return nil, "the answer stacks " + strconv.Itoa(len(codings)) + " content encodings, more than the " + strconv.Itoa(maxCodings) + " decoded"
	}
	return codings, ""
}

// DecodedHeader returns a copy of h for the body decoded: without Content-Encoding and
// Content-Length, which describe the encoded bytes.
func DecodedHeader(h http.Header) http.Header {
	h = h.Clone()
	h.Del("Content-Encoding")
	h.Del("Content-Length")
	return h
}

// DecodeError is an answer whose encoding does not decode.
type DecodeError struct{ err error }

func (e *DecodeError) Error() string {
	return "the answer's content encoding could not be decoded: " + validate.Shorten(e.err.Error(), 120)
}

// Decoded returns body decoded from codings (applied in that order). Its errors are body's, as
// body returned them, or a *DecodeError.
func Decoded(body io.Reader, codings []string) io.Reader {
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
		err = &DecodeError{err}
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
