package contract

import (
	"encoding/json"
	"net/http"

	sdk "github.com/ssojet-tools/loginlogs/api/ssojet"
)

// ErrorBody reports whether ex is a bare body (not a fixture) that is whole SSOJet's error JSON
// (error and error_code or error_description, no login_logs), and renders its error and
// error_code, e.g. "error invalid_token, error_code 1002": judged as a 200, it says nothing useful.
func (ex *Exchange) ErrorBody() (string, bool) {
	r := ex.Response
	if r.path == "" && r.stream == nil || len(r.head) == 0 || len(r.head) >= 4<<10 {
		return "", false // a fixture, or a body longer than its head: not a small error body
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(r.head, &obj) != nil {
		return "", false
	}
	_, logs := obj["login_logs"]
	_, hasDesc := obj["error_description"]
	e := sdk.ParseAPIError(&http.Response{}, r.head)
	if logs || e.ErrorName == "" || e.ErrorCode == "" && !hasDesc {
		return "", false
	}
	text := "error " + e.ErrorName
	if e.ErrorCode != "" {
		text += ", error_code " + e.ErrorCode
	}
	return text, true
}
