package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"
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

// inputFile is a file opened by openFile: its Read returns ctx's cause once ctx is done, even
// while a Read is blocked (a FIFO whose writer writes nothing), since ctx's end closes it.
type inputFile struct {
	f    *os.File
	ctx  context.Context
	stop func() bool
}

// opened is the outcome of an os.Open.
type opened struct {
	f   *os.File
	err error
}

// openFile opens the file name for reading as an inputFile; a directory is an error, found
// before anything else is done with it. When ctx ends while the open is blocked (a FIFO that no
// writer has opened), it returns at once, saying so with ctx's cause, and leaves
// closeWhenOpened to end the open.
func openFile(ctx context.Context, name string) (*inputFile, error) {
	done := make(chan opened, 1)
	go func() {
		f, err := os.Open(name)
		done <- opened{f, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			return nil, o.err
		}
		if fi, err := o.f.Stat(); err == nil && fi.IsDir() {
			o.f.Close()
			return nil, fmt.Errorf("%s is a directory, want a file", name)
		}
		in := &inputFile{f: o.f, ctx: ctx}
		in.stop = context.AfterFunc(ctx, func() { o.f.Close() })
		return in, nil
	case <-ctx.Done():
		go closeWhenOpened(name, done)
		return nil, fmt.Errorf("interrupted while opening %s: %w", name, context.Cause(ctx))
	}
}

// closeWhenOpened waits for the open of name that openFile gave up on, and closes what it
// opened. A FIFO's open blocks until a writer opens it: closeWhenOpened opens it for writing a
// moment, again until the open returns (it may not have started yet), so nothing is left behind.
func closeWhenOpened(name string, done <-chan opened) {
	var tick <-chan time.Time
	if fi, err := os.Stat(name); err == nil && fi.Mode()&fs.ModeNamedPipe != 0 {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		tick = t.C
	}
	for {
		if tick != nil {
			if w, err := os.OpenFile(name, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
		}
		select {
		case o := <-done:
			if o.f != nil {
				o.f.Close()
			}
			return
		case <-tick:
		}
	}
}

func (in *inputFile) Read(p []byte) (int, error) {
	n, err := in.f.Read(p)
	if err != nil && in.ctx.Err() != nil {
		return n, context.Cause(in.ctx)
	}
	return n, err
}

// Stat is the file's os.File.Stat.
func (in *inputFile) Stat() (fs.FileInfo, error) { return in.f.Stat() }

// Close closes the file.
func (in *inputFile) Close() error {
	in.stop()
	return in.f.Close()
}
