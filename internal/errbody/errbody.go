// Package errbody writes SSOJet's error body, as the reference server, the proxy and the fake
// API answer it: valid JSON whatever the description holds (encoding/json writes invalid UTF-8
// as U+FFFD and escapes control characters, U+2028 and U+2029).
package errbody

import (
	"encoding/json"
	"net/http"
)

// Write answers status with SSOJet's error body {"error", "error_description", "error_code"}
// as application/json. Other headers the status needs are set by the caller before.
func Write(w http.ResponseWriter, status int, name string, code int, description string) {
	b, _ := json.Marshal(struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
		ErrorCode        int    `json:"error_code"`
	}{name, description, code})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
