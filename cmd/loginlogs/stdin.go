package main

import (
	"context"
	"io"
)

// interruptible returns a reader of r whose Read returns ctx's error once ctx is done, even while
// a Read of r is still blocked (stdin waiting for a terminal or a pipe that never writes): a
// verb reading stdin then ends at once on SIGINT or SIGTERM. The blocked Read of r is left to
// the exit of the process.
func interruptible(ctx context.Context, r io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		_, err := io.Copy(pw, r)
		pw.CloseWithError(err)
	}()
	go func() {
		<-ctx.Done()
		pr.CloseWithError(context.Cause(ctx))
	}()
	return pr
}
