package server

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"
)

func TestClientGone(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want bool
	}{
		{"request cancelled", cancelled, errors.New("scan login log: context canceled"), true},
		{"broken pipe", context.Background(), fmt.Errorf("write tcp: %w", syscall.EPIPE), true},
		{"reset", context.Background(), fmt.Errorf("write tcp: %w", syscall.ECONNRESET), true},
		{"disk on fire", context.Background(), errors.New("disk on fire"), false},
	}
	for _, tt := range tests {
		if got := clientGone(tt.ctx, tt.err); got != tt.want {
			t.Errorf("clientGone(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
