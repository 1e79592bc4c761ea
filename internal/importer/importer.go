// Package importer loads login logs into a store from JSON (the 200 body's shape, or a bare
// array of entries) or NDJSON (one entry per line). Every entry is judged by kin-openapi against
// the items schema of the contract's 200 body (LoginLog), with the options the server's response
// check uses, before it is written; entries are written in batches, each batch in one
// transaction.
//
// An input of any size streams (a JSON array split by package jsonstream, NDJSON read line by
// line), in memory bounded by the batch and one entry (MaxEntry). One goroutine splits the input
// into chunks of entries, workers judge and convert the chunks in parallel, and Import's own
// goroutine takes them back in input order and writes the batches. Errors travel in input order
// too, so an import ends as a sequential one would: the batches before the first refused entry
// (or byte) are written, nothing of its own batch is.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// MaxEntry is the largest entry an import takes, in bytes: an NDJSON line without its line
// ending, or one element of a JSON array. A larger one stops the import, named by its line or
// index.
const MaxEntry = 1 << 20

// maxRest caps the JSON of a 200 body outside its login_logs array.
const maxRest = 1 << 20

// Store is what an import needs of a store.
type Store interface {
	// AddLoginLogs creates the user if missing and appends logs in one transaction.
	AddLoginLogs(ctx context.Context, clientID, userID string, logs []store.LoginLog) error
}

// VersionedStore is a store that appends only while a user's logs are at the version the caller
// saw: both stores are.
type VersionedStore interface {
	// AddLoginLogsIf appends logs in one transaction if the user's version is still version (0:
	// no user) and returns the new one; otherwise it writes nothing and returns store.ErrChanged.
	AddLoginLogsIf(ctx context.Context, clientID, userID string, version int64, logs []store.LoginLog) (int64, error)
}

// Unchanged returns st as the Store of an import whose entries were chosen against the user's
// logs as read at version (0: no user), as Options.Skip's are: each batch is appended only if the
// logs are still at the version the batch before left them at, so that a write of another writer
// in between (an import, a delete) stops the import with store.ErrChanged instead of adding what
// the user has already, or leaving out what it no longer has. Not safe for concurrent use.
func Unchanged(st VersionedStore, version int64) Store { return &unchanged{st, version} }

type unchanged struct {
	st      VersionedStore
	version int64
}

func (u *unchanged) AddLoginLogs(ctx context.Context, clientID, userID string, logs []store.LoginLog) error {
	v, err := u.st.AddLoginLogsIf(ctx, clientID, userID, u.version, logs)
	if err == nil {
		u.version = v
	}
	return err
}

// Importer judges and writes login logs. It is safe for concurrent use.
type Importer struct {
	v *validate.Validator
	// body is the schema of the 200 body, key its member holding the entries (login_logs),
	// items the entries' schema (LoginLog); bodyName and itemsName name them in messages.
	body, items         *openapi3.Schema
	key                 string
	bodyName, itemsName string
	// unkept are the members the items declare beyond recordFields, sorted: the store has no
	// place for them, so an entry holding one is refused rather than stored without it.
	unkept []string
}

// New returns an Importer for the contract doc (as package spec loads it). Entries are judged
// against the items of the 200 body's array of login logs of listUserLoginLogs.
func New(doc *openapi3.T) (*Importer, error) {
	v := validate.New(doc)
	rt, ok := validate.Operation(doc, "listUserLoginLogs")
	if !ok {
		return nil, errors.New("contract has no operation listUserLoginLogs")
	}
	body, err := okBody(rt.Operation)
	if err != nil {
		return nil, err
	}
	key, err := entriesMember(body)
	if err != nil {
		return nil, err
	}
	items, err := validate.Splittable(body, key)
	if err != nil {
		return nil, fmt.Errorf("the contract's 200 body of listUserLoginLogs cannot be imported entry by entry: %w", err)
	}
	unkept := slices.DeleteFunc(slices.Sorted(maps.Keys(items.Properties)), func(name string) bool { return slices.Contains(recordFields, name) })
	return &Importer{v: v, body: body, items: items, key: key, unkept: unkept,
		bodyName: schemaName(doc, body, "200 body"), itemsName: schemaName(doc, items, key+" items")}, nil
}

// okBody returns the JSON schema of the operation's 200 body.
func okBody(op *openapi3.Operation) (*openapi3.Schema, error) {
	if ref := validate.ResponseFor(op, http.StatusOK); ref != nil && ref.Value != nil {
		for mediaType, mt := range ref.Value.Content {
			if validate.IsJSON(mediaType) && mt.Schema != nil && mt.Schema.Value != nil {
				return mt.Schema.Value, nil
			}
		}
	}
	return nil, errors.New("the contract documents no JSON body for the 200 of listUserLoginLogs")
}

// entriesMember names the member of the 200 body whose array holds the store's records: the
// first, by name, whose items declare every field of a record (recordFields).
func entriesMember(body *openapi3.Schema) (string, error) {
	name, arrays := spec.EntriesMember(body, func(items *openapi3.Schema) bool {
		return !slices.ContainsFunc(recordFields, func(f string) bool { return items.Properties[f] == nil })
	})
	if name != "" {
		return name, nil
	}
	why := "it has no array member"
	if len(arrays) > 0 {
		why = "of its array members (" + strings.Join(arrays, ", ") + "), none has items that declare them"
	}
	return "", fmt.Errorf("the contract's 200 body of listUserLoginLogs has no array of login logs to import: a login log has the fields %s, and %s",
		strings.Join(recordFields, ", "), why)
}

// schemaName returns the name of s among the contract's component schemas, or fallback.
func schemaName(doc *openapi3.T, s *openapi3.Schema, fallback string) string {
	for name, ref := range doc.Components.Schemas {
		if ref != nil && ref.Value == s {
			return name
		}
	}
	return fallback
}

// DefaultBatchSize is the import verb's --batch-size: entries per transaction. Each costs its
// round trips and its commit's flush whatever its size (BenchmarkImport); past about 5,000
// larger ones gain nothing and hold more memory.
const DefaultBatchSize = 5000

// Options says where the logs go and how they are written.
type Options struct {
	ClientID, UserID string
	// BatchSize is the number of entries per transaction; 0 writes the whole input in one (and
	// holds it in memory until then).
	BatchSize int
	// Progress, when not nil, receives a progress line (ending in \r) after every batch.
	Progress io.Writer
	// Skip, when not nil, is asked about every valid entry in input order; an entry it reports
	// true for is not written, and counted in Result.Skipped.
	Skip func(*store.LoginLog) bool
}

// Result counts what was written.
type Result struct {
	Entries int // entries written
	Batches int // transactions committed
	Skipped int // valid entries Options.Skip kept out
}

// EntryError is a refused entry: its line (NDJSON) or index (JSON), and why.
type EntryError struct {
	Line  int // 1-based line of an NDJSON entry, 0 for JSON
	Index int // 0-based index of a JSON entry in its array, -1 for NDJSON
	// Pointer is the JSON pointer of a JSON entry in its document (/login_logs/7, or /7 in a
	// bare array), "" for NDJSON, where every line is a document of its own.
	Pointer string
	// Offset is the byte offset of a JSON entry in the input, -1 for NDJSON.
	Offset int64
	// Violations are kin-openapi's findings on the entry, with JSON pointers in its document
	// (the input for JSON, the line for NDJSON); empty when it was refused for another reason.
	// Err describes the first.
	Violations []validate.Violation
	Err        error
}

func (e *EntryError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("entry %d (%s, at byte %d): %v", e.Index, e.Pointer, e.Offset, e.Err)
}

func (e *EntryError) Unwrap() error { return e.Err }

// Import reads r and writes its entries. A refused entry, or input that is not one JSON
// document or NDJSON, stops the import: the batches before it stay written, nothing of its own
// batch is. Input without entries creates no user. A successful Import has read r to its end;
// one that stops early returns at once, even while a read of r is blocked (an input that stalls),
// and reads no more of r once that read returns.
func (im *Importer) Import(ctx context.Context, st Store, r io.Reader, o Options) (Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	workers := max(1, runtime.GOMAXPROCS(0))
	p := &pipeline{ctx: ctx, im: im, judging: make(chan struct{}, workers), order: make(chan *chunk, 4*workers)}
	p.wg.Go(func() { p.read(r) })
	w := &batcher{ctx: ctx, st: st, o: o}
	err := w.run(p)
	cancel()
	if err == nil {
		p.wg.Wait()
	}
	if o.Progress != nil {
		fmt.Fprintln(o.Progress)
	}
	return w.res, err
}

// A chunk is a run of consecutive entries of the input and what a worker made of them.
type chunk struct {
	data []byte  // the entries' bytes, back to back
	ends []int   // entry i is data[ends[i-1]:ends[i]]
	at   []int   // entry i's line (NDJSON) or index (JSON)
	offs []int64 // entry i's byte offset in the input; -1 for NDJSON, whose entries are named by line
	// array is the JSON pointer of the array a JSON input's entries are in.
	array string
	// last marks the input's last chunk; end is then why the input ended after its entries
	// (nil: it ended well).
	last bool
	end  error

	logs []store.LoginLog // the entries the worker accepted, in order
	err  error            // the entry that stopped the worker; logs are the ones before it
	done chan struct{}    // closed when the worker is done with the chunk
}

// Chunks hold up to chunkEntries entries or chunkBytes bytes (and at least one entry).
const (
	chunkEntries = 256
	chunkBytes   = 128 << 10
)

func (c *chunk) full() bool { return len(c.ends) >= chunkEntries || len(c.data) >= chunkBytes }

// pipeline connects the reader, the workers and the writer of one import.
type pipeline struct {
	ctx context.Context
	im  *Importer
	wg  sync.WaitGroup // the reader and the workers
	// The reader sends each chunk to order, read by the writer in input order, and to a worker
	// of its own once fewer than cap(judging) judge.
	order   chan *chunk
	judging chan struct{}
	free    sync.Pool // chunks the writer is done with
	cur     *chunk    // the chunk the reader fills
	array   string    // the JSON pointer of a JSON input's array
}

// add appends an entry to the current chunk and sends the chunk when it is full.
func (p *pipeline) add(at int, off int64, entry []byte) error {
	if p.cur == nil {
		p.cur = p.newChunk()
	}
	c := p.cur
	c.data = append(c.data, entry...)
	c.ends = append(c.ends, len(c.data))
	c.at = append(c.at, at)
	c.offs = append(c.offs, off)
	if c.full() {
		return p.send()
	}
	return nil
}

func (p *pipeline) newChunk() *chunk {
	c, _ := p.free.Get().(*chunk)
	if c == nil {
		c = &chunk{}
	}
	*c = chunk{data: c.data[:0], ends: c.ends[:0], at: c.at[:0], offs: c.offs[:0], array: p.array,
		logs: c.logs[:0], done: make(chan struct{})}
	return c
}

// send hands the current chunk to the writer and to a worker.
func (p *pipeline) send() error {
	c := p.cur
	p.cur = nil
	select {
	case p.order <- c:
	case <-p.ctx.Done():
		return p.ctx.Err()
	}
	select {
	case p.judging <- struct{}{}:
	case <-p.ctx.Done():
		return p.ctx.Err()
	}
	p.wg.Go(func() {
		p.im.judgeChunk(c)
		close(c.done)
		<-p.judging
	})
	return nil
}

// finish sends the last chunk, ended by err (nil: the input ended well).
func (p *pipeline) finish(err error) {
	if p.cur == nil {
		p.cur = p.newChunk()
	}
	p.cur.last, p.cur.end = true, err
	p.send()
}

// batcher takes the chunks back in order and writes the batches.
type batcher struct {
	ctx   context.Context
	st    Store
	o     Options
	batch []store.LoginLog
	res   Result
}

func (b *batcher) run(p *pipeline) error {
	for {
		var c *chunk
		select {
		case c = <-p.order:
		case <-b.ctx.Done():
			return b.ctx.Err()
		}
		select {
		case <-c.done:
		case <-b.ctx.Done():
			return b.ctx.Err()
		}
		for i := range c.logs {
			if b.o.Skip != nil && b.o.Skip(&c.logs[i]) {
				b.res.Skipped++
				continue
			}
			b.batch = append(b.batch, c.logs[i])
			if b.o.BatchSize > 0 && len(b.batch) >= b.o.BatchSize {
				if err := b.flush(false); err != nil {
					return err
				}
			}
		}
		switch {
		case c.err != nil:
			return c.err
		case c.last && c.end != nil:
			return c.end
		case c.last:
			return b.flush(true)
		}
		clear(c.logs) // let the batch's strings go with the batch
		p.free.Put(c)
	}
}

// flush writes the batch, if it has entries (an input without entries creates no user).
func (b *batcher) flush(last bool) error {
	if len(b.batch) == 0 {
		return nil
	}
	if err := b.st.AddLoginLogs(b.ctx, b.o.ClientID, b.o.UserID, b.batch); err != nil {
		return fmt.Errorf("write batch %d (entries %d..%d): %w", b.res.Batches+1, b.res.Entries+1, b.res.Entries+len(b.batch), err)
	}
	b.res.Entries += len(b.batch)
	b.res.Batches++
	clear(b.batch)
	b.batch = b.batch[:0]
	if b.o.Progress != nil {
		fmt.Fprintf(b.o.Progress, "\rimported: entries %d, batches %d", b.res.Entries, b.res.Batches) // agrees with any count
	}
	return nil
}
