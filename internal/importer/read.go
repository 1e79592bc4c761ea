package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// read is the pipeline's reader: it tells JSON from NDJSON and splits the input into chunks of
// entries. It always sends a last chunk, which says how the input ended.
func (p *pipeline) read(r io.Reader) {
	// The buffer holds the longest line an NDJSON entry may have, with its line ending.
	br := bufio.NewReaderSize(input{p, r}, MaxEntry+2)
	var err error
	switch kind, serr := p.sniff(br); {
	case serr != nil:
		err = serr
	case kind == emptyInput:
	case kind == ndjsonInput:
		err = p.ndjson(br)
	default:
		err = p.splitJSON(br, kind == bodyInput)
	}
	p.finish(err)
}

// input is r as the reader reads it: before each read of r, which may block (a pipe, a FIFO, a
// download that stalls), it hands the entries split so far on, so that none waits behind the
// read for a chunk to fill; once the import is over it reads no more.
type input struct {
	p *pipeline
	r io.Reader
}

func (in input) Read(b []byte) (int, error) {
	if in.p.cur != nil {
		if err := in.p.send(); err != nil {
			return 0, err
		}
	}
	if err := in.p.ctx.Err(); err != nil {
		return 0, err
	}
	return in.r.Read(b)
}

type inputKind int

const (
	emptyInput inputKind = iota
	ndjsonInput
	bodyInput  // a JSON object: the 200 body
	arrayInput // a JSON array of entries
)

// sniff tells what the input is from its first line, without consuming it. Input starting with
// '[' is a JSON array; input starting with '{' is NDJSON when the object on its first line has a
// member of an entry and no login_logs member, else a 200 body (one-line or pretty-printed).
func (p *pipeline) sniff(br *bufio.Reader) (inputKind, error) {
	var head []byte
	var err error
	start := -1
	for {
		head, err = br.Peek(br.Buffered())
		if start < 0 {
			start = bytes.IndexFunc(head, func(r rune) bool { return !isSpace(r) })
		}
		if start >= 0 && (head[start] != '{' || bytes.IndexByte(head[start:], '\n') >= 0) {
			break
		}
		if start >= 0 {
			if _, body := p.im.firstLine(head[start:]); body {
				break // a 200 body, whatever the rest of its line holds: no need to wait for its end
			}
		}
		if br.Buffered() == br.Size() {
			break // a first line longer than any entry
		}
		if _, err = br.Peek(br.Buffered() + 1); err != nil {
			head, _ = br.Peek(br.Buffered())
			break
		}
	}
	if err != nil && err != io.EOF {
		return 0, fmt.Errorf("read: %w", err)
	}
	switch {
	case start < 0 && br.Buffered() < br.Size():
		return emptyInput, nil
	case start < 0:
		return ndjsonInput, nil // a megabyte of white space: NDJSON's blank lines
	case head[start] == '[':
		return arrayInput, nil
	case head[start] != '{':
		return 0, fmt.Errorf("at byte %d: want a 200 body {%q:[…]}, an array of entries or NDJSON, got %q", start, p.im.key, head[start])
	}
	line := head[start:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if entry, _ := p.im.firstLine(line); entry {
		return ndjsonInput, nil
	}
	return bodyInput, nil
}

func isSpace[T rune | byte](c T) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// firstLine reads the members of the object that starts line, the first line of the input or as
// much of it as has been read: body reports a login_logs member; entry a member of an entry and,
// up to the end of line, no login_logs member.
func (im *Importer) firstLine(line []byte) (entry, body bool) {
	dec := json.NewDecoder(bytes.NewReader(line))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false, false
	}
	for dec.More() {
		tok, err := dec.Token()
		key, isKey := tok.(string)
		if err != nil || !isKey {
			break
		}
		if key == im.key {
			return false, true
		}
		if _, ok := im.items.Properties[key]; ok {
			entry = true
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			break
		}
	}
	return entry, false
}

// ndjson splits NDJSON: every line that is not blank is an entry.
func (p *pipeline) ndjson(br *bufio.Reader) error {
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			return &EntryError{Line: n, Index: -1, Offset: -1, Err: errTooLarge}
		}
		entry := bytes.Trim(line, " \t\r\n")
		if len(entry) > MaxEntry {
			return &EntryError{Line: n, Index: -1, Offset: -1, Err: errTooLarge}
		}
		if len(entry) > 0 {
			if aerr := p.add(n, -1, entry); aerr != nil {
				return aerr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read line %d: %w", n, err)
		}
	}
}

var errTooLarge = fmt.Errorf("larger than %d bytes (1 MiB), the limit of one entry", MaxEntry)

// splitJSON splits a JSON document: the array of a 200 body (body) or a bare array.
func (p *pipeline) splitJSON(br *bufio.Reader, body bool) error {
	s := &splitter{p: p, body: body}
	opts := jsonstream.Options{MaxElement: MaxEntry}
	if body {
		opts.Key, opts.MaxRest = p.im.key, maxRest
		p.array = "/" + validate.EscapePointer(p.im.key)
	}
	s.split = jsonstream.New(opts, s.element)
	if _, err := br.WriteTo(s); err != nil {
		if s.err != nil {
			return s.err
		}
		return fmt.Errorf("read: %w", err)
	}
	return s.end()
}

// splitter feeds a jsonstream.Splitter and turns what it finds into entries and errors.
type splitter struct {
	p       *pipeline
	split   *jsonstream.Splitter
	body    bool
	entries int   // elements handed over
	err     error // the error that stopped Write
}

// Write consumes the next bytes of the document; it stops at the first error, or at data after
// the document.
func (s *splitter) Write(b []byte) (int, error) {
	n, err := s.split.Write(b)
	switch {
	case err != nil:
		s.err = s.describe(err)
	case s.split.Occurrences() > 1:
		s.err = s.twice()
	case s.split.Trailing() >= 0:
		// The document ended: judge it whole before the data after it.
		if s.err = s.end(); s.err == nil {
			s.err = fmt.Errorf("data after the JSON document at byte %d: want one JSON document (a 200 body or an array of entries) or NDJSON", s.split.Trailing())
		}
	}
	return n, s.err
}

// element receives one element of the array.
func (s *splitter) element(occurrence, index int, offset int64, elem []byte) error {
	if occurrence > 0 {
		return s.twice()
	}
	s.entries++
	return s.p.add(index, offset, elem)
}

// twice refuses a body with a second login_logs member.
func (s *splitter) twice() error {
	return fmt.Errorf("the JSON object has a second %q member after the first's %d entries: ambiguous (a JSON decoder keeps the last one); want exactly one", s.p.im.key, s.entries)
}

// describe says what a splitter error means for an import.
func (s *splitter) describe(err error) error {
	var tl *jsonstream.TooLargeError
	var syn *jsonstream.SyntaxError
	switch {
	case errors.As(err, &tl) && tl.Index >= 0:
		return &EntryError{Index: tl.Index, Pointer: s.pointer(tl.Index), Offset: tl.Offset, Err: errTooLarge}
	case errors.As(err, &tl):
		return fmt.Errorf("the JSON outside the %s array is larger than %d bytes (1 MiB)", s.p.im.key, tl.Limit)
	case errors.As(err, &syn) && syn.Index >= 0:
		return &EntryError{Index: syn.Index, Pointer: s.pointer(syn.Index), Offset: syn.Start, Err: syn}
	case errors.As(err, &syn) && s.body && s.split.Occurrences() == 0:
		return fmt.Errorf("not JSON before the %s array: %w", s.p.im.key, syn)
	case errors.As(err, &syn) && s.body:
		return fmt.Errorf("not JSON outside the %s array: %w", s.p.im.key, syn)
	case errors.As(err, &syn):
		return syn
	}
	return err // an error of the pipeline, such as a cancelled import
}

func (s *splitter) pointer(index int) string { return s.p.array + "/" + strconv.Itoa(index) }

// end ends the document and judges what is outside the array: the 200 body with login_logs
// left empty, against the contract's body schema.
func (s *splitter) end() error {
	if err := s.split.Close(); err != nil {
		return s.describe(err)
	}
	if !s.body {
		return nil
	}
	if s.split.Occurrences() == 0 { // a second one stopped Write
		return fmt.Errorf("the JSON object has no %q member: want a 200 body {%q:[…]}, an array of entries or NDJSON", s.p.im.key, s.p.im.key)
	}
	im := s.p.im
	_, violations, err := im.v.Element(im.body, "", s.split.Rest())
	if err != nil {
		return fmt.Errorf("not JSON outside the %s array: %v", im.key, err)
	}
	if len(violations) > 0 {
		return fmt.Errorf("violates the contract's %s: %s", im.bodyName, summary(violations))
	}
	return nil
}
