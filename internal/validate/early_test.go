package validate

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/routers"

	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// endless reads c forever.
type endless byte

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

// hugeBody is prefix followed by n bytes of filler.
func hugeBody(prefix string, filler byte, n int64) io.Reader {
	return io.MultiReader(strings.NewReader(prefix), io.LimitReader(endless(filler), n))
}

// feed writes r to rc in 32 KiB writes until r ends or rc's verdict is decided, and returns how
// many bytes it read.
func feed(rc *ResponseCheck, r io.Reader) (int64, error) {
	buf := make([]byte, 32<<10)
	var read int64
	for !rc.Decided() {
		n, err := r.Read(buf)
		read += int64(n)
		if n > 0 {
			if _, werr := rc.Write(buf[:n]); werr != nil {
				return read, werr
			}
		}
		if err == io.EOF {
			return read, nil
		}
		if err != nil {
			return read, err
		}
	}
	return read, nil
}

func loginLogs(t testing.TB) (*Validator, *routers.Route) {
	t.Helper()
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rt, ok := Operation(doc, "listUserLoginLogs")
	if !ok {
		t.Fatal("the contract has no listUserLoginLogs")
	}
	return New(doc), rt
}

func checkOK(v *Validator, rt *routers.Route, limits Limits) *ResponseCheck {
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/u/loginlogs?client_id=c", nil)
	return v.NewResponseCheck(context.Background(), Exchange{Request: req, Route: rt, PathParams: map[string]string{"userid": "u"},
		Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}}, limits)
}

// jsonBreaksAt is the oracle: the offset at which encoding/json's Decoder, reading the first
// value of r, finds it is not JSON (its SyntaxError's). ok is false when it finds no syntax error.
func jsonBreaksAt(r io.Reader) (at int64, ok bool) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var v any
	var syn *json.SyntaxError
	if err := dec.Decode(&v); errors.As(err, &syn) {
		return syn.Offset, true
	}
	return 0, false
}

// TestNotJSONIsRefusedEarly: a 64 MiB body that stops being JSON within its first bytes (an
// element or a top-level value that no JSON value starts with, a broken literal, number or
// string, a missing comma or colon) is "not JSON" once its bytes say so, with the offset
// encoding/json names, after a bounded prefix was read: not "too large to check" because the
// limits were reached first.
func TestNotJSONIsRefusedEarly(t *testing.T) {
	v, rt := loginLogs(t)
	const size = 64 << 20
	tests := []struct {
		name, prefix string
		filler       byte
	}{
		{"element of invalid bytes", `{"login_logs":[`, 'x'},
		{"element of invalid bytes after a valid one", `{"login_logs":[{"IpAddress":"1.2.3.4"},`, 'x'},
		{"top-level value of invalid bytes", ``, 'x'},
		{"an HTML page", "\n  <!doctype html><html>", 'x'},
		{"broken literal true", `{"login_logs":[tru`, 'x'},
		{"broken literal null", `{"login_logs":[nul `, ' '},
		{"top-level broken literal", `fals`, 'x'},
		{"number without digits", `{"login_logs":[-`, 'x'},
		{"number with a bare decimal point", `{"login_logs":[1.`, 'e'},
		{"number with a bare exponent", `{"login_logs":[1e+`, 'x'},
		{"leading zero", `{"login_logs":[0`, '1'},
		{"control character in a string", `{"login_logs":["ab` + "\x01", 'x'},
		{"bad escape in a string", `{"login_logs":[{"Os":"a\x`, 'x'},
		{"bad \\u escape", `{"login_logs":["\u12`, 'g'},
		{"missing comma between elements", `{"login_logs":[1 2`, '2'},
		{"missing comma between members", `{"login_logs":[{"a":1 "b"`, ' '},
		{"missing colon", `{"login_logs" [`, '['},
		{"missing colon in an element", `{"login_logs":[{"a" 1`, '1'},
		{"key that is not a string", `{"login_logs":[{a`, 'a'},
		{"empty element", `{"login_logs":[1,,`, ','},
		{"bracket closed by a brace", `{"login_logs":[1}`, '}'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantAt, ok := jsonBreaksAt(hugeBody(tt.prefix, tt.filler, size))
			if !ok {
				t.Fatalf("encoding/json finds no syntax error in %q + %q…", tt.prefix, tt.filler)
			}
			for _, workers := range []int{0, 2} {
				rc := checkOK(v, rt, Limits{Element: 1 << 10, Rest: 1 << 10, Workers: workers})
				read, err := feed(rc, hugeBody(tt.prefix, tt.filler, size))
				if err != nil {
					t.Fatalf("%d workers: feeding %q + %q…: %v", workers, tt.prefix, tt.filler, err)
				}
				// The elements before the break are judged too (1 is no login log): the last
				// violation, and the only one of its kind, is that the body is not JSON.
				verdict := rc.Close()
				n := len(verdict.Violations)
				if verdict.Err != nil || n == 0 || verdict.Count != n || !verdict.Violations[n-1].syntax ||
					slices.ContainsFunc(verdict.Violations[:n-1], func(v Violation) bool { return v.syntax }) {
					t.Fatalf("%d workers: %q + %q…: verdict %+v, want not JSON last", workers, tt.prefix, tt.filler, verdict)
				}
				if got, want := verdict.Violations[n-1].Got, "at byte "+strconv.FormatInt(wantAt, 10); !strings.HasSuffix(got, want) {
					t.Errorf("%d workers: %q + %q…: violation says %q, want it to end %q (encoding/json's offset)", workers, tt.prefix, tt.filler, got, want)
				}
				if read >= 64<<10 {
					t.Errorf("%d workers: %q + %q…: read %d bytes before the verdict, want less than 64 KiB", workers, tt.prefix, tt.filler, read)
				}
			}
		})
	}
}

// TestLongValidPartsAreStillTooLarge: a valid element or rest larger than the limits is still no
// verdict (a *jsonstream.TooLargeError), not "not JSON".
func TestLongValidPartsAreStillTooLarge(t *testing.T) {
	v, rt := loginLogs(t)
	long := strings.Repeat("x", 4<<10)
	for _, tt := range []struct {
		name, body string
		index      int
	}{
		{"an element", `{"login_logs":[{"Os":"` + long + `"}]}`, 0},
		{"a second element", `{"login_logs":[{},[1,2,` + strings.Repeat("3,", 2<<10) + `4]]}`, 1},
		{"the rest", `{"login_logs":[],"padding":"` + long + `"}`, -1},
		{"a top-level string", `"` + long + `"`, -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !json.Valid([]byte(tt.body)) {
				t.Fatalf("test body is not JSON")
			}
			rc := checkOK(v, rt, Limits{Element: 1 << 10, Rest: 1 << 10})
			_, err := feed(rc, strings.NewReader(tt.body))
			verdict := rc.Close()
			var big *jsonstream.TooLargeError
			if !errors.As(err, &big) || big.Index != tt.index || !errors.As(verdict.Err, &big) {
				t.Errorf("Write: %v, verdict %+v; want a TooLargeError for index %d", err, verdict, tt.index)
			}
		})
	}
}

// TestDecidedIgnoresLaterWrites keeps Decided's promise: once a streamed body is known not to be
// JSON, further writes (here more than the limits allow) are accepted and change nothing in the
// verdict.
func TestDecidedIgnoresLaterWrites(t *testing.T) {
	v, rt := loginLogs(t)
	limits := Limits{Element: 1 << 10, Rest: 1 << 10}
	for _, prefix := range []string{`{"login_logs":[{},xx`, `{"login_logs":[1 2`, `<html>`} {
		stopped := checkOK(v, rt, limits)
		if _, err := stopped.Write([]byte(prefix)); err != nil || !stopped.Decided() {
			t.Fatalf("Write(%q): %v, Decided %v; want no error and decided", prefix, err, stopped.Decided())
		}
		want := stopped.Close()

		written := checkOK(v, rt, limits)
		if _, err := written.Write([]byte(prefix)); err != nil {
			t.Fatalf("Write(%q): %v", prefix, err)
		}
		more := []byte(strings.Repeat(`{"Os":"`+strings.Repeat("x", 1<<10)+`"},`, 64))
		if n, err := written.Write(more); err != nil || n != len(more) {
			t.Fatalf("%q: Write after the verdict was decided: %d, %v; want %d, nil", prefix, n, err, len(more))
		}
		got := written.Close()
		if got.Err != nil || got.Count != want.Count || !slices.Equal(got.Violations, want.Violations) {
			t.Errorf("%q: verdict after more writes %+v, want %+v (the verdict when it was decided)", prefix, got, want)
		}
	}
}
