package validate

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/ssojet-tools/loginlogs/internal/route"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// TestDeepBodiesAreRefusedNotCrashed: 20 MB of '[' as a streamed 200 body and as a 400 body
// judged whole is a violation (the body is not JSON kin-openapi decodes), never a stack
// overflow.
func TestDeepBodiesAreRefusedNotCrashed(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rt, _ := route.New(doc).Operation("listUserLoginLogs")
	v := New(doc)
	deep := bytes.Repeat([]byte("["), 20<<20)
	for _, body := range [][]byte{deep, append([]byte(`{"login_logs":`), deep...)} {
		for _, status := range []int{http.StatusOK, http.StatusBadRequest} {
			req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
			rc := v.NewResponseCheck(context.Background(), Exchange{Request: req, Route: rt, PathParams: map[string]string{"userid": "u"},
				Status: status, Header: http.Header{"Content-Type": {"application/json"}}}, Limits{Rest: 32 << 20})
			for rest := body; len(rest) > 0; rest = rest[min(len(rest), 64<<10):] {
				if _, err := rc.Write(rest[:min(len(rest), 64<<10)]); err != nil {
					t.Fatalf("status %d: Write: %v", status, err)
				}
			}
			verdict := rc.Close()
			if verdict.OK() || verdict.Err != nil {
				t.Errorf("status %d, %d bytes of nesting: verdict %+v, want a violation", status, len(body), verdict)
			}
		}
	}
}

// TestDecodeElementAgreesWithKinOpenAPI: an element decodes to what kin-openapi's JSON body
// decoder makes of it, and anything after its value is refused (inside an array that is a
// syntax error of the whole body).
func TestDecodeElementAgreesWithKinOpenAPI(t *testing.T) {
	for _, elem := range []string{
		`{"a":1,"a":2}`, `1e400`, `12345678901234567890`, `"\ud800"`, `{"b":[true,null,-0.0]}`,
		`"\u00e9"`, " 7 ", `1 2`, `{} {}`, `1true`, `[`, `nul`,
	} {
		got, gotErr := decodeElement([]byte(elem))
		want, wantErr := openapi3filter.JSONBodyDecoder(strings.NewReader(elem), nil, nil, nil)
		trailing := wantErr == nil && gotErr != nil && strings.Contains(gotErr.Error(), "after array element")
		switch {
		case trailing:
			// kin-openapi's decoder ignores what follows the first value; an element may not
		case (gotErr == nil) != (wantErr == nil):
			t.Errorf("element %q: decodeElement error %v, kin-openapi's %v", elem, gotErr, wantErr)
		case gotErr == nil && !reflect.DeepEqual(got, want):
			t.Errorf("element %q: decodeElement %#v, kin-openapi %#v", elem, got, want)
		}
	}
}

// TestTrailingDataAfterAHugeNumber: 1e700 is a number to kin-openapi's decoder (UseNumber), so
// what follows it is data after the value, whether the body is judged whole or streamed.
func TestTrailingDataAfterAHugeNumber(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rt, _ := route.New(doc).Operation("listUserLoginLogs")
	v := New(doc)
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
	for _, status := range []int{http.StatusOK, http.StatusBadRequest} {
		ex := Exchange{Request: req, Route: rt, PathParams: map[string]string{"userid": "u"}, Status: status,
			Header: http.Header{"Content-Type": {"application/json"}}}
		for name, verdict := range map[string]Verdict{
			"whole":    v.Response(context.Background(), ex, []byte(`[1e700]0`)),
			"streamed": streamedVerdict(v, ex, []byte(`[1e700]0`)),
		} {
			trailing := false
			for _, vi := range verdict.Violations {
				trailing = trailing || vi.Trailing
			}
			if !trailing {
				t.Errorf("status %d, %s: %+v, want data after the value reported", status, name, verdict.Violations)
			}
		}
	}
}

func streamedVerdict(v *Validator, ex Exchange, body []byte) Verdict {
	rc := v.NewResponseCheck(context.Background(), ex, Limits{})
	rc.Write(body)
	return rc.Close()
}
