package server

import (
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
)

// TestIssuedTokensExpire: a token is valid until iat+ttl and not after; Verify refuses a token
// of another issuer (another process's key).
func TestIssuedTokensExpire(t *testing.T) {
	secrets := &Tokens{}
	secrets.Add("s3cret-s3cret", "cli_a")
	iss := NewIssuer(secrets, time.Minute)
	now := time.Unix(1_800_000_000, 0)
	iss.now = func() time.Time { return now }
	tok, err := iss.Issue("cli_a", "s3cret-s3cret", nil)
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
	if _, err := other.Issue("cli_a", "s3cret-s3cret", nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := other.Verify(tok); ok {
		t.Error("another Issuer accepted the token")
	}
	if _, err := iss.Issue("cli_a", "wrong", nil); err != ErrInvalidClient {
		t.Errorf("Issue with a wrong secret: %v, want ErrInvalidClient", err)
	}
}

// TestIssuedTokensLastTheirExpiresIn: a token from CreateToken is accepted for the whole
// expires_in it was issued with, counted from the instant it was issued, whatever the fraction of
// a second that instant falls on (JWT times are whole seconds); and not a second longer.
func TestIssuedTokensLastTheirExpiresIn(t *testing.T) {
	secrets := &Tokens{}
	secrets.Add("s3cret-s3cret", "cli_a")
	var now time.Time
	for _, ttl := range []time.Duration{time.Hour, time.Minute, 1500 * time.Millisecond} {
		iss := NewIssuer(secrets, ttl)
		iss.now = func() time.Time { return now }
		for _, frac := range []time.Duration{0, time.Nanosecond, 500 * time.Millisecond, time.Second - time.Nanosecond} {
			issuedAt := time.Unix(1_800_000_000, 0).Add(frac)
			now = issuedAt
			res, err := (&Server{issuer: iss}).CreateToken(t.Context(), ssojetapi.CreateTokenRequestObject{Body: &ssojetapi.CreateTokenJSONRequestBody{
				GrantType: "client_credentials", ClientId: "cli_a", ClientSecret: "s3cret-s3cret",
			}})
			tok, ok := res.(issuedToken)
			if err != nil || !ok {
				t.Fatalf("CreateToken (ttl %s, at %s): %T, %v; want a token", ttl, issuedAt, res, err)
			}
			lifetime := time.Duration(tok.ExpiresIn) * time.Second
			for _, tt := range []struct {
				after time.Duration
				ok    bool
			}{{0, true}, {lifetime - time.Nanosecond, true}, {lifetime + time.Second, false}} {
				now = issuedAt.Add(tt.after)
				if _, ok := iss.Verify(tok.AccessToken); ok != tt.ok {
					t.Errorf("ttl %s, issued at %s with expires_in %d: Verify %s later = %v, want %v",
						ttl, issuedAt.Format(time.RFC3339Nano), tok.ExpiresIn, tt.after, ok, tt.ok)
				}
			}
		}
	}
}
