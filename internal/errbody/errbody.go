// Package errbody writes SSOJet's error body, as the reference server, the proxy and the fake
// API answer it: the contract's generated Error model (gen/ssojetapi), so valid JSON whatever
// the description holds (encoding/json writes invalid UTF-8 as U+FFFD and escapes control
// characters, U+2028 and U+2029), its members in the contract's order.
package errbody

import (
	"encoding/json"
	"net/http"

	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
)

// Body is SSOJet's error body {"error", "error_description", "error_code"} as the generated
// model, for the strict handler's typed responses and for Write.
func Body(name string, code int, description string) ssojetapi.Error {
	e := ssojetapi.Error{ErrorDescription: description}
	// From* only fail to marshal a string or an int, which cannot happen.
	_ = e.Error.FromErrorText(name)
	_ = e.ErrorCode.FromErrorNumber(code)
	return e
}

// Write answers status with SSOJet's error body as application/json. Other headers the status
// needs are set by the caller before.
func Write(w http.ResponseWriter, status int, name string, code int, description string) {
	b, _ := json.Marshal(Body(name, code, description))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
