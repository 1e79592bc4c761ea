package validate

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

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
	rt, _ := Operation(doc, "listUserLoginLogs")
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

// TestDecodeElementAgreesWithKinOpenAPI: an element decodes (Element, against a schema that
// accepts anything) to what kin-openapi's JSON body
// decoder makes of it, and anything after its value is refused (inside an array that is a
// syntax error of the whole body).
func TestDecodeElementAgreesWithKinOpenAPI(t *testing.T) {
	for _, elem := range []string{
		`{"a":1,"a":2}`, `1e400`, `12345678901234567890`, `"\ud800"`, `{"b":[true,null,-0.0]}`,
		`"\u00e9"`, " 7 ", `1 2`, `{} {}`, `1true`, `[`, `nul`,
	} {
		got, _, gotErr := (&Validator{}).Element(&openapi3.Schema{}, "", []byte(elem))
		want, wantErr := openapi3filter.JSONBodyDecoder(strings.NewReader(elem), nil, nil, nil)
		trailing := wantErr == nil && gotErr != nil && strings.Contains(gotErr.Error(), "after array element")
		switch {
		case trailing:
			// kin-openapi's decoder ignores what follows the first value; an element may not
		case (gotErr == nil) != (wantErr == nil):
			t.Errorf("element %q: Element error %v, kin-openapi's %v", elem, gotErr, wantErr)
		case gotErr == nil && !reflect.DeepEqual(got, want):
			t.Errorf("element %q: Element %#v, kin-openapi %#v", elem, got, want)
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
	rt, _ := Operation(doc, "listUserLoginLogs")
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

// TestOnElementErrorStopsTheCheck: once OnElement fails, it is never called again, with or
// without workers, and the verdict carries its error.
func TestOnElementErrorStopsTheCheck(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rt, _ := Operation(doc, "listUserLoginLogs")
	entry := `{"IpAddress":"1.2.3.4","Country":"India","City":"Jaipur","UserAgent":"","Name":"n","Os":"","Device":"","CreatedAt":"2024-07-11T07:21:15.14Z"}`
	body := []byte(`{"login_logs":[` + strings.TrimSuffix(strings.Repeat(entry+",", 1000), ",") + `]}`)
	stop := errors.New("enough")
	for _, workers := range []int{0, 2} {
		rc := New(doc).NewResponseCheck(context.Background(), Exchange{Request: httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil),
			Route: rt, PathParams: map[string]string{"userid": "u"}, Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}},
			Limits{Workers: workers})
		var seen []int
		rc.OnElement = func(_, index int, _ string, _ any, _ []Violation) error {
			seen = append(seen, index)
			if index == 3 {
				return stop
			}
			return nil
		}
		for rest := body; len(rest) > 0; rest = rest[min(len(rest), 4096):] {
			if _, err := rc.Write(rest[:min(len(rest), 4096)]); err != nil {
				break
			}
		}
		verdict := rc.Close()
		if !errors.Is(verdict.Err, stop) || !slices.Equal(seen, []int{0, 1, 2, 3}) {
			t.Errorf("workers %d: OnElement saw %v (%d calls), verdict error %v; want 0..3 and its error", workers, seen[:min(len(seen), 8)], len(seen), verdict.Err)
		}
	}
}

// TestSyntaxErrorCountsOnce: writes after the body broke add nothing.
func TestSyntaxErrorCountsOnce(t *testing.T) {
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rt, _ := Operation(doc, "listUserLoginLogs")
	rc := New(doc).NewResponseCheck(context.Background(), Exchange{Request: httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil),
		Route: rt, PathParams: map[string]string{"userid": "u"}, Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}}, Limits{})
	for _, p := range []string{`{"login_logs":[,`, `2]`, `}`, ` `} {
		rc.Write([]byte(p))
	}
	if verdict := rc.Close(); verdict.Count != 1 || len(verdict.Violations) != 1 {
		t.Errorf("a body broken in its first write, then three more writes: %d violations counted, %d listed; want 1 and 1", verdict.Count, len(verdict.Violations))
	}
}
