package store_test

import (
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/internal/store"
)

func TestParseURL(t *testing.T) {
	cases := []struct {
		name, url string
		kind      store.Kind
		target    string
		wantErr   bool
	}{
		{"plain path", "loginlogs.db", store.SQLite, "loginlogs.db", false},
		{"sqlite scheme", "sqlite:/var/lib/x.db", store.SQLite, "/var/lib/x.db", false},
		{"sqlite url", "sqlite://data/x.db", store.SQLite, "data/x.db", false},
		{"postgres", "postgres://u:p@h/db", store.Postgres, "postgres://u:p@h/db", false},
		{"postgresql", "postgresql://h/db", store.Postgres, "postgresql://h/db", false},
		{"empty", "", 0, "", true},
		{"sqlite without path", "sqlite:", 0, "", true},
		{"unknown scheme", "mysql://h/db", 0, "", true},
		{"raw @ in the password", "postgres://u:p@ss@h/db", 0, "", true},
		{"raw @ in the password, no path", "postgresql://u:p@ss@h?sslmode=disable", 0, "", true},
		{"@ in the path", "postgres://u:p%40ss@h/db@x", store.Postgres, "postgres://u:p%40ss@h/db@x", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind, target, err := store.ParseURL(c.url)
			if (err != nil) != c.wantErr {
				t.Fatalf("ParseURL(%q) error = %v, want error %v", c.url, err, c.wantErr)
			}
			if kind != c.kind || target != c.target {
				t.Errorf("ParseURL(%q) = %v, %q; want %v, %q", c.url, kind, target, c.kind, c.target)
			}
		})
	}
}

// TestParseURLNeverQuotesAPassword: the error for an unknown scheme names the scheme only, so a
// password in the URL reaches no error line.
func TestParseURLNeverQuotesAPassword(t *testing.T) {
	_, _, err := store.ParseURL("mysql://admin:s3cret-pass@db.internal/app")
	if err == nil || strings.Contains(err.Error(), "s3cret-pass") || !strings.Contains(err.Error(), `"mysql"`) {
		t.Errorf("ParseURL of a mysql URL with a password: %v, want an error naming the scheme and not the password", err)
	}
}
