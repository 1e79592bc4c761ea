// Package bench holds what `make bench` needs beside the Go benchmarks: the loopback load run
// of the real server in each validation mode (loadrun) and the pinned Prism it is compared with
// (prism/package.json).
package bench
