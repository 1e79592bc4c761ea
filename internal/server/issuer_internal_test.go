package server

import (
	"testing"
	"time"
)

// TestIssuedTokensExpire: a token is valid until iat+ttl and not after; Verify refuses a token
// of another issuer (another process's key).
func TestIssuedTokensExpire(t *testing.T) {
	secrets := &Tokens{}
	secrets.Add("s3cret-s3cret", "cli_a")
	iss := NewIssuer(secrets, time.Minute)
	now := time.Unix(1_800_000_000, 0)
	iss.now = func() time.Time { return now }
	tok, err := iss.Issue("cli_a", "s3cret-s3cret")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		after time.Duration
		ok    bool
	}{{0, true}, {59 * time.Second, true}, {time.Minute, false}, {time.Hour, false}} {
		now = time.Unix(1_800_000_000, 0).Add(tt.after)
		if client, ok := iss.Verify(tok); ok != tt.ok || ok && client != "cli_a" {
			t.Errorf("Verify %v after issue = %q, %v; want ok %v", tt.after, client, ok, tt.ok)
		}
	}
	now = time.Unix(1_800_000_000, 0)
	other := NewIssuer(secrets, time.Minute)
	other.now = iss.now
	if _, err := other.Issue("cli_a", "s3cret-s3cret"); err != nil {
		t.Fatal(err)
	}
	if _, ok := other.Verify(tok); ok {
		t.Error("another Issuer accepted the token")
	}
	if _, err := iss.Issue("cli_a", "wrong"); err != ErrInvalidClient {
		t.Errorf("Issue with a wrong secret: %v, want ErrInvalidClient", err)
	}
}
