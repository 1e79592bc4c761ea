package contract

import (
	"encoding/json"
	"net/http"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// ErrorBody reports whether ex is a bare body (not a fixture) that is whole SSOJet's error JSON
// (error and error_code or error_description) without the member that holds a 200's entries in
// v's contract, and renders its error and error_code, e.g. "error invalid_token, error_code
// 1002": judged as a 200, it says nothing useful.
func (ex *Exchange) ErrorBody(v *validate.Validator) (string, bool) {
	r := ex.Response
	if r.path == "" && r.stream == nil || len(r.head) == 0 || len(r.head) >= headBytes {
		return "", false // a fixture, or a body longer than its head: not a small error body
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(r.head, &obj) != nil {
		return "", false
	}
	if in, err := NewInspector(v, nil); err == nil {
		ok := validate.Exchange{Route: in.route, Status: http.StatusOK, Header: r.Header}
		_, streamed, _, _ := v.Stream(ok)
		member := entriesMember(in.bodySchema(http.StatusOK, r.Header.Get("Content-Type")), streamed)
		if _, entries := obj[member]; entries && member != "" {
			return "", false
		}
	}
	_, hasDesc := obj["error_description"]
	e := sdk.ParseAPIError(&http.Response{}, r.head)
	if e.ErrorName == "" || e.ErrorCode == "" && !hasDesc {
		return "", false
	}
	text := "error " + e.ErrorName
	if e.ErrorCode != "" {
		text += ", error_code " + e.ErrorCode
	}
	return text, true
}
