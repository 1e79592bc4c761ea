package main

import "context"

// runImport is not written yet; see the open issues.
func runImport(ctx context.Context, e env, args []string) error {
	return usageError("import: not implemented yet")
}
