package ssojet_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/redact"
	"github.com/ssojet-tools/loginlogs/internal/redact/redacttest"
)

// TestHostileAPI runs LoginLogs and All against the hostile fake, which echoes the token in
// every encoding (in entries, error descriptions, Location) with terminal escapes, and against
// its misbehaviours (a cut body, nesting, an oversized entry, an endless body): each ends in the
// documented error, and no error, in any fmt verb, holds the token in any encoding or a
// terminal control (ESC, a C1 CSI, a right-to-left override).
func TestHostileAPI(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/seed-loginlogs.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(fakeapi.Hostile(seed, redacttest.Forms))
	t.Cleanup(srv.Close)
	cases := []struct {
		path, user string
		want       error // nil: an *APIError
	}{
		{"", fakeapi.UserID, ssojet.ErrMalformed}, // the echoed token as a CreatedAt
		{"", fakeapi.UnknownUserID, nil},
		{fakeapi.HostilePath("cut=50"), fakeapi.UserID, ssojet.ErrMalformed},
		{fakeapi.HostilePath("nested"), fakeapi.UserID, ssojet.ErrMalformed},
		{fakeapi.HostilePath("long"), fakeapi.UserID, ssojet.ErrTooLarge},
		{fakeapi.HostilePath("many=3"), fakeapi.UserID, ssojet.ErrMalformed},
		{fakeapi.HostilePath("endless"), fakeapi.UserID, ssojet.ErrTooLarge},
	}
	for _, tc := range cases {
		c := newClient(t, srv.URL+tc.path+"/api/v1", fakeapi.Token, ssojet.WithMaxBody(4<<20))
		_, err := c.LoginLogs(context.Background(), fakeapi.ClientID, tc.user) // the fake learns the token
		var errs []error
		for range 2 {
			_, err = c.LoginLogs(context.Background(), fakeapi.ClientID, tc.user)
			errs = append(errs, err)
			for _, e := range c.All(context.Background(), fakeapi.ClientID, tc.user) {
				err = e
			}
			errs = append(errs, err)
		}
		for _, err := range errs {
			var apiErr *ssojet.APIError
			if tc.want == nil && !errors.As(err, &apiErr) || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("%s user %s: %v; want %v (<nil>: an *APIError)", tc.path, tc.user, err, tc.want)
			}
			out := fmt.Sprintf("%v %+v %#v %s %q", err, err, apiErr, err, err)
			if s := redacttest.Survivor(out, fakeapi.Token, redact.Marker, nil); s != "" || strings.ContainsAny(out, "\x1b\u009b\u202e") {
				t.Errorf("%s user %s: the error holds the token (%s) or a terminal control: %.300q", tc.path, tc.user, s, out)
			}
		}
	}
}
