package api_test

import (
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// TestVersion: api.Version reads the same info.version as kin-openapi's loader.
func TestVersion(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := api.Version(), doc.Info.Version; got != want || got == "" {
		t.Errorf("api.Version() = %q, want kin-openapi's info.version %q", got, want)
	}
}
