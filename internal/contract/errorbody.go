package contract

import "encoding/json"

// ErrorBody reports whether ex is a bare body (not a fixture) that is whole SSOJet's error JSON
// (an object with error and error_code or error_description, and no login_logs), and renders
// its error and error_code, e.g. "error invalid_token, error_code 1002". A user who recorded such a body from
// an error answer and gave no status has it judged as a 200, whose verdict says nothing useful.
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
	name, hasName := obj["error"]
	code, hasCode := obj["error_code"]
	_, hasDesc := obj["error_description"]
	if logs || !hasName || !hasCode && !hasDesc {
		return "", false
	}
	text := "error " + errorName(name)
	if hasCode {
		text += ", error_code " + errorName(code)
	}
	return text, true
}
