package ssojet

import (
	"context"
	"time"
)

// SetClock makes c read the time from now and wait before a retry by wait instead of a timer.
func SetClock(c *Client, now func() time.Time, wait func(ctx context.Context, d time.Duration) error) {
	c.now, c.wait = now, wait
}
