// Package httpfault makes an HTTP answer fail as a broken network or an overloaded server does:
// cut short, or late. The reference server's Prefer faults and the hostile fake API use it.
package httpfault

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"time"
)

// Cut is an answer's writer that passes on the first Limit bytes of the body (-1: half of the
// first write), then flushes them and closes the connection: the client sees the body end short.
type Cut struct {
	http.ResponseWriter
	Limit int
	// Err is what writes return once the body is cut; nil: they report everything written.
	Err error
	cut bool
}

func (w *Cut) Write(p []byte) (int, error) {
	if w.cut {
		if w.Err != nil {
			return 0, w.Err
		}
		return len(p), nil
	}
	if w.Limit < 0 {
		w.Limit = len(p) / 2
	}
	n, err := w.ResponseWriter.Write(p[:min(len(p), w.Limit)])
	w.Limit -= n
	if err != nil || w.Limit > 0 {
		return n, err
	}
	if err := w.Close(); err != nil || w.Err != nil {
		return n, cmp.Or(err, w.Err)
	}
	return len(p), nil
}

// Close cuts the body where it is, unless it is cut: it flushes the answer so far (its header,
// if not yet sent) and closes the connection.
func (w *Cut) Close() error {
	if w.cut {
		return nil
	}
	w.cut = true
	rc := http.NewResponseController(w.ResponseWriter)
	if err := rc.Flush(); err != nil {
		return fmt.Errorf("cut: flush: %w", err)
	}
	conn, _, err := rc.Hijack()
	if err != nil {
		return fmt.Errorf("cut: %w", err)
	}
	return conn.Close()
}

// Unwrap lets http.ResponseController reach the connection through a Cut.
func (w *Cut) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Sleep waits d, or until ctx ends, and returns ctx's error.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
	return ctx.Err()
}
