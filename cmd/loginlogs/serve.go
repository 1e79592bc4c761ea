package main

import "context"

// runServe is not written yet; see the open issues.
func runServe(ctx context.Context, e env, args []string) error {
	return usageError("serve: not implemented yet")
}
