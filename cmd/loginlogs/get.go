package main

import "context"

// runGet is not written yet; see the open issues.
func runGet(ctx context.Context, e env, args []string) error {
	return usageError("get: not implemented yet")
}
