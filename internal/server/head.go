package server

import (
	"context"
	"net/http"
	"strconv"

	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
)

// HeadUserLoginLogs answers HEAD /users/{userid}/loginlogs (RFC 9110 9.3.2) with the answer GET
// would give, without its body: the same status and headers (ETag, 304 on a current
// If-None-Match), from the same store, cache and limits. The body is counted and dropped
// (bodiless), so a 200 and an error carry the Content-Length of the body GET would send, and a
// HEAD never puts a body in the cache.
func (s *Server) HeadUserLoginLogs(ctx context.Context, req ssojetapi.HeadUserLoginLogsRequestObject) (ssojetapi.HeadUserLoginLogsResponseObject, error) {
	get, err := s.ListUserLoginLogs(ctx, ssojetapi.ListUserLoginLogsRequestObject{
		Userid: req.Userid, Params: ssojetapi.ListUserLoginLogsParams(req.Params),
	})
	if err != nil {
		return nil, err
	}
	return headOf{get}, nil
}

// headOf is the HEAD answer of a GET answer.
type headOf struct {
	get ssojetapi.ListUserLoginLogsResponseObject
}

func (h headOf) VisitHeadUserLoginLogsResponse(w http.ResponseWriter) error {
	b := &bodiless{w: w}
	err := h.get.VisitListUserLoginLogsResponse(b)
	b.finish()
	return err
}

// bodiless writes a response's status and headers but not its body. It holds the status until the
// answer is complete and then, unless the answer set one, sends the Content-Length of the body it
// dropped (none for a status that has no body). An answer written to it is not cached.
type bodiless struct {
	w      http.ResponseWriter
	status int // 0 until the answer writes a status or a byte
	size   int64
}

func (b *bodiless) Header() http.Header { return b.w.Header() }

func (b *bodiless) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bodiless) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	b.size += int64(len(p))
	return len(p), nil
}

// Unwrap lets http.ResponseController reach the connection (write deadlines).
func (b *bodiless) Unwrap() http.ResponseWriter { return b.w }

// finish sends the held status, with the Content-Length of the dropped body.
func (b *bodiless) finish() {
	if b.status == 0 {
		return
	}
	h := b.w.Header()
	// A response of any other status may have a body (RFC 9110 6.4.1).
	if h.Get("Content-Length") == "" && b.status >= 200 && b.status != http.StatusNoContent && b.status != http.StatusNotModified {
		h.Set("Content-Length", strconv.FormatInt(b.size, 10))
	}
	b.w.WriteHeader(b.status)
}
