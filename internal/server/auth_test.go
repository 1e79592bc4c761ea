package server_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

func TestTokens(t *testing.T) {
	tokens, err := server.ParseTokens(strings.NewReader("# comment\n\nalpha cli_a\n beta\tcli_b \n"))
	if err != nil {
		t.Fatalf("ParseTokens: %v", err)
	}
	cases := []struct {
		token, client string
		ok            bool
	}{
		{"alpha", "cli_a", true},
		{"beta", "cli_b", true},
		{"gamma", "", false},
		{"", "", false},
		{"alph", "", false},
	}
	for _, c := range cases {
		client, ok := tokens.ClientOf(c.token)
		if client != c.client || ok != c.ok {
			t.Errorf("ClientOf(%q) = %q, %v; want %q, %v", c.token, client, ok, c.client, c.ok)
		}
	}
	if _, err := server.ParseTokens(strings.NewReader("secret-only\n")); !errors.Is(err, server.ErrBadTokenLine) {
		t.Errorf("ParseTokens(one field) = %v; want ErrBadTokenLine", err)
	} else if strings.Contains(err.Error(), "secret-only") {
		t.Errorf("ParseTokens error %q repeats the token", err)
	}
}

func TestParseMode(t *testing.T) {
	for _, s := range []string{"enforce", "report", "off"} {
		m, err := validate.ParsePolicy(s)
		if err != nil || m.String() != s {
			t.Errorf("ParseMode(%q) = %v, %v; want %s", s, m, err, s)
		}
	}
	if _, err := validate.ParsePolicy("loud"); err == nil {
		t.Error("ParseMode(loud): nil error, want one")
	}
}
