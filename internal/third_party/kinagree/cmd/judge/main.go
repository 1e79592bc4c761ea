// Command judge runs kinagree.Judge on standard input: go run -modfile=unpatched.mod ./cmd/judge
// judges with the kin-openapi release, go run ./cmd/judge with the patched copy.
package main

import (
	"fmt"
	"os"

	"github.com/ssojet-tools/loginlogs/internal/third_party/kinagree"
)

func main() {
	if err := kinagree.Judge(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "judge:", err)
		os.Exit(1)
	}
}
