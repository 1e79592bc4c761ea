package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
)

// responseSlot carries what the handler and the response validator tell each other about one
// request. The validator puts it in the request's context before the handler runs.
type responseSlot struct {
	// validates is true when the response validator will check the body.
	validates bool
	// prevalidated is set by the handler for a body from the cache, which was validated when
	// it was stored: the validator does not check the same bytes again.
	prevalidated bool
	// fill, set by the handler, stores a body in the cache. The validator calls it through
	// commit with the bytes that passed validation; without validation the response does.
	fill func(body []byte)
}

func (s *responseSlot) commit(body []byte) {
	if s != nil && s.fill != nil {
		s.fill(body)
		s.fill = nil
	}
}

type slotKey struct{}

func withSlot(ctx context.Context, s *responseSlot) context.Context {
	return context.WithValue(ctx, slotKey{}, s)
}

func slotFrom(ctx context.Context) *responseSlot {
	s, _ := ctx.Value(slotKey{}).(*responseSlot)
	return s
}

// encodedLogs is a 200 answer whose body the server encoded itself (see encode.go).
type encodedLogs struct {
	body    []byte
	etag    string
	slot    *responseSlot
	release func() // returns body's buffer to its pool once written
}

func (r encodedLogs) VisitListUserLoginLogsResponse(w http.ResponseWriter) error {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(r.body)))
	h.Set("ETag", r.etag)
	// The logs are private to the token's client, and change: caches must ask again, with
	// If-None-Match, before reusing them.
	h.Set("Cache-Control", "private, no-cache")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(r.body)
	if r.slot != nil && !r.slot.validates && err == nil {
		r.slot.commit(r.body)
	}
	if r.release != nil {
		r.release()
	}
	return err
}

// notModified is the 304 answer to a conditional request whose entity tag is current.
type notModified struct{ etag string }

func (r notModified) VisitListUserLoginLogsResponse(w http.ResponseWriter) error {
	w.Header().Set("ETag", r.etag)
	w.Header().Set("Cache-Control", "private, no-cache")
	w.WriteHeader(http.StatusNotModified)
	return nil
}

// etagRevision names the encoding of the body: change it when the same logs would be encoded
// differently, so that clients do not keep an old encoding on a 304.
const etagRevision = "r1."

// etagOf returns the entity tag of a user's logs at version.
func etagOf(version int64) string {
	return `"` + etagRevision + strconv.FormatInt(version, 36) + `"`
}

// matchesETag reports whether an If-None-Match header value names etag (RFC 9110 13.1.2: weak
// comparison, a list of tags, or *).
func matchesETag(ifNoneMatch, etag string) bool {
	for tag := range strings.SplitSeq(ifNoneMatch, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}

// maxPooledBody keeps one huge body from pinning its buffer in a pool.
const maxPooledBody = 8 << 20

// bufferPool keeps a few byte buffers for reuse. Unlike a sync.Pool it survives garbage
// collections: a 10,000-entry request allocates enough to start one, and a sync.Pool emptied by
// it made every large body grow its buffer from scratch again (twice the body in allocations).
// At most cap(free) buffers of at most maxPooledBody bytes are kept.
type bufferPool struct{ free chan *[]byte }

func newBufferPool(n int) *bufferPool { return &bufferPool{free: make(chan *[]byte, n)} }

func (p *bufferPool) get() *[]byte {
	select {
	case b := <-p.free:
		return b
	default:
		b := make([]byte, 0, 8<<10)
		return &b
	}
}

func (p *bufferPool) put(b *[]byte) {
	if cap(*b) > maxPooledBody {
		return
	}
	*b = (*b)[:0]
	select {
	case p.free <- b:
	default:
	}
}

// bodyBuffers holds the buffers 200 bodies are encoded into, and validationBuffers those the
// response validator holds responses in: as many of each as requests are usually in flight on a
// small machine.
var (
	bodyBuffers       = newBufferPool(16)
	validationBuffers = newBufferPool(16)
)
