package main

import "context"

// runContract is not written yet; see the open issues.
func runContract(ctx context.Context, e env, args []string) error {
	return usageError("contract: not implemented yet")
}
