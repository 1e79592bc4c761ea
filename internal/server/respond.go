package server

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// The 200 answer is written by its response object while the store scans the logs. A body that
// fits in maxBufferedBody is sent whole, with Content-Length, and may be cached. A longer one is
// streamed: it takes a place among the streamed answers (LargeAnswers), sends its headers once it
// knows it is long, then writes every streamChunk bytes, so that a request holds at most about
// maxBufferedBody of the body whatever the number of logs. The response validator (a
// checkedWriter, found in the request's context) sees the writes: a cached body skips it, and a
// body sent whole is cached once it passed.

const (
	// maxBufferedBody is the largest body sent whole and cached.
	maxBufferedBody = 512 << 10
	// streamChunk is how many bytes a streamed answer gathers per write.
	streamChunk = 32 << 10
	// streamWriteTimeout bounds each write of a streamed answer: a reader must keep reading.
	streamWriteTimeout = 30 * time.Second
)

// cachedLogs is a 200 answer from the cache.
type cachedLogs struct {
	body []byte
	etag string
	gate *checkedWriter // the response validator, if any (gateOf)
}

func (r cachedLogs) VisitListUserLoginLogsResponse(w http.ResponseWriter) error {
	if _, head := w.(*bodiless); !head && r.gate != nil {
		r.gate.direct = true // validated when it was cached; a HEAD's status and headers are judged
	}
	return sendWhole(w, r.etag, r.body)
}

// sendWhole sends a whole 200 body, with its Content-Length.
func sendWhole(w http.ResponseWriter, etag string, body []byte) error {
	setLogsHeaders(w.Header(), etag)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(body)
	return err
}

func setLogsHeaders(h http.Header, etag string) {
	h.Set("Content-Type", contentTypeJSON)
	h.Set("ETag", etag)
	// The logs are private to the token's client, and change: caches must ask again, with
	// If-None-Match, before reusing them.
	h.Set("Cache-Control", "private, no-cache")
}

// scannedLogs is a 200 answer read from the store as it is written.
type scannedLogs struct {
	s                *Server
	ctx              context.Context
	clientID, userID string
}

// errStreamRefused stops a scan whose answer may not be streamed now.
var errStreamRefused = errors.New("no place for another streamed answer")

func (r scannedLogs) VisitListUserLoginLogsResponse(w http.ResponseWriter) error {
	buf := bodyBuffers.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= maxPooledBody {
			bodyBuffers.Put(buf)
		}
	}()
	b := append((*buf)[:0], bodyOpen...)
	entries := 0
	streaming := false
	var refused *problem
	var release func()
	defer func() {
		if release != nil {
			release()
		}
	}()
	rc := http.NewResponseController(w)

	version, err := r.s.store.ScanLoginLogs(r.ctx, r.clientID, r.userID, func(version int64, l *store.LoginLog) error {
		if entries > 0 {
			b = append(b, ',')
		}
		b = appendLoginLog(b, l)
		entries++
		switch {
		case streaming && len(b) >= streamChunk:
		case !streaming && len(b) > maxBufferedBody:
			who, _ := principalFrom(r.ctx)
			if release, refused = r.s.large.acquire(who.key); refused != nil {
				return errStreamRefused
			}
			streaming = true
			setLogsHeaders(w.Header(), etagOf(version))
			w.WriteHeader(http.StatusOK)
		default:
			return nil
		}
		_ = rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
		_, err := w.Write(b)
		b = b[:0]
		return err
	})
	*buf = b
	switch {
	case refused != nil:
		r.s.log.InfoContext(r.ctx, "streamed answer refused", "request_id", RequestIDFrom(r.ctx), "status", refused.status)
		refused.write(w)
		return nil
	case err != nil && !streaming:
		return r.s.storeError(r.ctx, err).VisitListUserLoginLogsResponse(w)
	case err != nil:
		if !errors.Is(err, validate.ErrCut) && !clientGone(r.ctx, err) {
			r.s.log.ErrorContext(r.ctx, "streamed answer cut short", "request_id", RequestIDFrom(r.ctx), "err", err)
		}
		// The headers are out: only cutting the connection tells the client the body is not whole.
		panic(http.ErrAbortHandler)
	}
	b = append(b, bodyClose...)
	*buf = b
	if streaming {
		_ = rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
		_, err := w.Write(b)
		return err
	}
	_, head := w.(*bodiless) // a HEAD drops the body, and never fills the cache
	gate := gateOf(r.ctx)
	if head || gate == nil {
		if err := sendWhole(w, etagOf(version), b); err != nil || head {
			return err
		}
	} else {
		// The gate judges and sends b itself, and lets go of it in end, before b is pooled again.
		gate.lend = true
		err := sendWhole(w, etagOf(version), b)
		if passed, endErr := gate.end(); err != nil || endErr != nil || !passed {
			return cmp.Or(err, endErr)
		}
	}
	r.s.cache.put(cacheKey{r.clientID, r.userID}, version, b)
	return nil
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

// maxPooledBody keeps one large buffer from pinning its memory in the pool.
const maxPooledBody = 2 * maxBufferedBody

// bodyBuffers holds the buffers 200 bodies are encoded into.
var bodyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}
