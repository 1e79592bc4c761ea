// Package importer loads login logs into a store from JSON (the 200 body's shape, or a bare
// array of entries) or NDJSON (one entry per line). Every entry is validated against the
// contract's LoginLog schema before it is written, and entries are written in batches, each
// batch in one transaction.
package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// Store is what an import needs of a store.
type Store interface {
	// AddLoginLogs creates the user if missing and appends logs in one transaction.
	AddLoginLogs(ctx context.Context, clientID, userID string, logs []store.LoginLog) error
}

// Importer validates and writes login logs.
type Importer struct {
	doc    *openapi3.T
	schema *openapi3.Schema
	opts   []openapi3.SchemaValidationOption
}

// New returns an Importer checking entries against the LoginLog schema of doc (validate.LoadSpec
// returns it, with strict date-time checking).
func New(doc *openapi3.T) (*Importer, error) {
	ref := doc.Components.Schemas["LoginLog"]
	if ref == nil || ref.Value == nil {
		return nil, errors.New("contract has no LoginLog schema")
	}
	return &Importer{doc: doc, schema: ref.Value, opts: append(doc.GetSchemaValidationOptions(), openapi3.MultiErrors())}, nil
}

// Options says where the logs go and how they are written.
type Options struct {
	ClientID, UserID string
	// BatchSize is the number of entries per transaction; 0 writes the whole input in one.
	BatchSize int
	// Progress, when not nil, receives a progress line (ending in \r) after every batch.
	Progress io.Writer
}

// Result counts what was written.
type Result struct {
	Entries int // entries written
	Batches int // transactions committed
}

// EntryError is a rejected entry: its line (NDJSON) or index (JSON), and why.
type EntryError struct {
	Line  int // 1-based line of an NDJSON entry, 0 for JSON
	Index int // 0-based index of a JSON entry in login_logs, -1 for NDJSON
	Err   error
}

func (e *EntryError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("entry %d (/login_logs/%d): %v", e.Index, e.Index, e.Err)
}

func (e *EntryError) Unwrap() error { return e.Err }

// Import reads r and writes its entries. A rejected entry stops the import: the batches before
// it stay written, nothing of its own batch is. The user is created even when r has no entries.
func (im *Importer) Import(ctx context.Context, st Store, r io.Reader, o Options) (Result, error) {
	w := &batcher{ctx: ctx, st: st, o: o}
	br := bufio.NewReaderSize(r, 64<<10)
	first, err := br.ReadBytes('\n')
	if err != nil && err != io.EOF {
		return w.res, fmt.Errorf("read: %w", err)
	}
	rest := io.MultiReader(bytes.NewReader(first), br)
	if isNDJSONEntry(first) {
		err = im.ndjson(rest, w)
	} else {
		err = im.json(rest, w)
	}
	if err != nil {
		if o.Progress != nil {
			fmt.Fprintln(o.Progress)
		}
		return w.res, err
	}
	err = w.flush(true)
	if o.Progress != nil {
		fmt.Fprintln(o.Progress)
	}
	return w.res, err
}

// isNDJSONEntry reports whether a first line is a whole JSON object other than a 200 body.
func isNDJSONEntry(line []byte) bool {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' || !json.Valid(line) {
		return false
	}
	var probe map[string]json.RawMessage
	if json.Unmarshal(line, &probe) != nil {
		return false
	}
	if _, body := probe["login_logs"]; body {
		return false
	}
	for _, field := range []string{"IpAddress", "Country", "City", "UserAgent", "Name", "Os", "Device", "CreatedAt"} {
		if _, ok := probe[field]; ok {
			return true
		}
	}
	return false
}

func (im *Importer) ndjson(r io.Reader, w *batcher) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			entry, verr := im.entry(line)
			if verr != nil {
				return &EntryError{Line: n, Index: -1, Err: verr}
			}
			if ferr := w.add(entry); ferr != nil {
				return ferr
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

func (im *Importer) json(r io.Reader, w *batcher) error {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err == io.EOF {
		return nil // empty input: no entries, the user is still created
	}
	if err != nil {
		return fmt.Errorf("not JSON or NDJSON: %w", err)
	}
	switch tok {
	case json.Delim('['): // a bare array of entries
		return im.entries(dec, w)
	case json.Delim('{'):
	default:
		return fmt.Errorf("want a {\"login_logs\":[…]} object, an array of entries or NDJSON, got %v", tok)
	}
	found := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return fmt.Errorf("at byte %d: %w", dec.InputOffset(), err)
		}
		if key != "login_logs" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fmt.Errorf("at byte %d: %w", dec.InputOffset(), err)
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return fmt.Errorf("login_logs at byte %d: want an array", dec.InputOffset())
		}
		found = true
		if err := im.entries(dec, w); err != nil {
			return err
		}
	}
	if !found {
		return errors.New(`no "login_logs" array in the JSON object`)
	}
	return nil
}

// entries reads array elements up to and including the closing bracket.
func (im *Importer) entries(dec *json.Decoder, w *batcher) error {
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return &EntryError{Index: i, Err: fmt.Errorf("at byte %d: %w", dec.InputOffset(), err)}
		}
		entry, err := im.entry(raw)
		if err != nil {
			return &EntryError{Index: i, Err: err}
		}
		if err := w.add(entry); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("at byte %d: %w", dec.InputOffset(), err)
	}
	return nil
}

// wireEntry is a LoginLog as the contract spells it.
type wireEntry struct {
	IpAddress, Country, City, UserAgent, Name, Os, Device, CreatedAt string
}

// entry validates one entry against the LoginLog schema and converts it.
func (im *Importer) entry(raw []byte) (store.LoginLog, error) {
	var value any
	if err := json.Unmarshal(raw, &value); err != nil {
		return store.LoginLog{}, fmt.Errorf("not JSON: %w", err)
	}
	if err := im.schema.VisitJSON(value, im.opts...); err != nil {
		return store.LoginLog{}, fmt.Errorf("violates the contract's LoginLog: %s", describe(validate.Violations(err)[0]))
	}
	var e wireEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		return store.LoginLog{}, fmt.Errorf("decode: %w", err)
	}
	created, err := time.Parse(time.RFC3339Nano, e.CreatedAt)
	if err != nil {
		return store.LoginLog{}, fmt.Errorf("/CreatedAt: %w", err)
	}
	return store.LoginLog{
		IPAddress: e.IpAddress, Country: e.Country, City: e.City, UserAgent: e.UserAgent,
		Name: e.Name, OS: e.Os, Device: e.Device, CreatedAt: created.UTC(),
	}, nil
}

// batcher collects entries and writes a batch when it is full.
type batcher struct {
	ctx   context.Context
	st    Store
	o     Options
	batch []store.LoginLog
	res   Result
}

func (b *batcher) add(l store.LoginLog) error {
	b.batch = append(b.batch, l)
	if b.o.BatchSize > 0 && len(b.batch) >= b.o.BatchSize {
		return b.flush(false)
	}
	return nil
}

// flush writes the batch; the last flush writes even an empty one, so that the user exists.
func (b *batcher) flush(last bool) error {
	if len(b.batch) == 0 && (!last || b.res.Batches > 0) {
		return nil
	}
	if err := b.st.AddLoginLogs(b.ctx, b.o.ClientID, b.o.UserID, b.batch); err != nil {
		return fmt.Errorf("write batch %d (entries %d..%d): %w", b.res.Batches+1, b.res.Entries+1, b.res.Entries+len(b.batch), err)
	}
	b.res.Entries += len(b.batch)
	b.res.Batches++
	b.batch = b.batch[:0]
	if b.o.Progress != nil {
		fmt.Fprintf(b.o.Progress, "\rimported %d entries in %d batches", b.res.Entries, b.res.Batches)
	}
	return nil
}

// describe renders a violation of an entry as `/CreatedAt: want …, got …`.
func describe(v validate.Violation) string {
	where := v.Pointer
	if where == "" {
		where = "entry"
	}
	switch {
	case v.Want == "":
		return where + ": " + v.Message
	case strings.HasSuffix(v.Want, "is missing"):
		return where + ": " + v.Want
	}
	return fmt.Sprintf("%s: want %s, got %s", where, v.Want, v.Got)
}
