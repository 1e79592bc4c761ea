package contract_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/ssojet-tools/loginlogs/api"
	"github.com/ssojet-tools/loginlogs/internal/contract"
	"github.com/ssojet-tools/loginlogs/internal/contract/contracttest"
	"github.com/ssojet-tools/loginlogs/internal/contract/fakeapi"
	"github.com/ssojet-tools/loginlogs/internal/oracle"
)

// TestEncodedAnswersAreJudgedInside: an answer in a content coding that Go's transport leaves
// encoded (deflate here; gzip it undoes itself) is judged on what it decodes to, with
// kin-openapi's pointers on the plain body; one in a coding no client decodes, or labelled gzip
// over a plain body, gets no verdict (never a pass), as an answer that does not decode (not as
// a network failure: the API answered).
func TestEncodedAnswersAreJudgedInside(t *testing.T) {
	o, err := oracle.New(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(fakeapi.Hostile(seed(t), nil))
	t.Cleanup(srv.Close)
	for _, tc := range []struct {
		behaviours []string
		judged     bool
	}{
		{[]string{"deflate", "behave"}, true},
		{[]string{"deflate", "many=3"}, true},
		{[]string{"gzip", "many=3"}, true},
		{[]string{"encoding=x-hostile", "many=3"}, false},
		{[]string{"encoding=gzip", "behave"}, false},
	} {
		name := fakeapi.HostilePath(tc.behaviours...)
		t.Run(name, func(t *testing.T) {
			rep := runAt(t, srv.URL+name, func(cfg *contract.Config) { cfg.Only = []string{"documented-request"} })
			res := result(t, rep, "documented-request")
			if !tc.judged {
				if res.Passed() || res.Setup == "" || !res.Undecodable {
					t.Errorf("documented-request of %s: passed %v, setup %q, undecodable %v; want no verdict, undecodable", name, res.Passed(), res.Setup, res.Undecodable)
				}
				return
			}
			plain := seed(t)
			if last := tc.behaviours[len(tc.behaviours)-1]; last != "behave" {
				plain = fakeapi.HostileBody(last)
			}
			req := httptest.NewRequest(http.MethodGet, "/api/v1/users/"+fakeapi.UserID+"/loginlogs?client_id="+fakeapi.ClientID, nil)
			want := oracle.Pointers(o.Response(req, http.StatusOK, http.Header{"Content-Type": {"application/json"}}, plain))
			slices.Sort(want)
			want = slices.Compact(want) // one finding per bad value (pattern and format alike)
			got, _ := contracttest.ErrorPointers(res.Errors)
			if res.Setup != "" || !slices.Equal(got, want) {
				t.Errorf("documented-request of %s: setup %q, error pointers %q; want kin-openapi's on the plain body %q", name, res.Setup, got, want)
			}
		})
	}
}

// TestEncodedAnswerIsRecordedDecoded: a recorded answer in a content coding is kept as it was
// judged, decoded, without the Content-Encoding and Content-Length of the encoded bytes, so that
// replaying it judges the same body.
func TestEncodedAnswerIsRecordedDecoded(t *testing.T) {
	srv := httptest.NewServer(fakeapi.Hostile(seed(t), nil))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	runAt(t, srv.URL+fakeapi.HostilePath("deflate", "behave"), func(cfg *contract.Config) {
		cfg.Only, cfg.RecordDir = []string{"documented-request"}, dir
	})
	exs, _, err := contract.LoadFixtures(dir)
	if err != nil || len(exs) != 1 {
		t.Fatalf("LoadFixtures: %d exchanges, %v; want the one recorded", len(exs), err)
	}
	h := exs[0].Response.Header
	var got, want bytes.Buffer
	json.Compact(&got, exs[0].Body())
	json.Compact(&want, seed(t))
	if h.Get("Content-Encoding") != "" || h.Get("Content-Length") != "" || !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("recorded: Content-Encoding %q, Content-Length %q, body %.80q…; want neither header and the seed decoded",
			h.Get("Content-Encoding"), h.Get("Content-Length"), got.Bytes())
	}
}
