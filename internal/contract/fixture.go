package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// Redacted replaces every credential in a recorded exchange.
const Redacted = "REDACTED"

// Exchange is one request and its answer, as recorded by --record and replayed offline. The
// Authorization header is always redacted; the token never reaches a file.
type Exchange struct {
	// Check names the check that made the request.
	Check    string           `json:"check"`
	Request  RecordedRequest  `json:"request"`
	Response RecordedResponse `json:"response"`
}

// RecordedRequest is what was sent, credentials redacted.
type RecordedRequest struct {
	Method string      `json:"method"`
	URL    string      `json:"url"`
	Header http.Header `json:"header,omitempty"`
}

// RecordedResponse is what came back. A JSON body is kept as JSON (BodyJSON), anything else as
// text (Body), so fixtures stay readable and diffable.
type RecordedResponse struct {
	Status   int             `json:"status"`
	Header   http.Header     `json:"header,omitempty"`
	BodyJSON json.RawMessage `json:"body_json,omitempty"`
	BodyText string          `json:"body,omitempty"`
	// Truncated says the body was longer than MaxBody and was cut there.
	Truncated bool  `json:"truncated,omitempty"`
	MaxBody   int64 `json:"max_body,omitempty"`

	raw []byte
}

// Body returns the response body: the bytes read live, or those of the fixture.
func (ex *Exchange) Body() []byte {
	if ex.Response.raw != nil {
		return ex.Response.raw
	}
	if len(ex.Response.BodyJSON) > 0 {
		return ex.Response.BodyJSON
	}
	return []byte(ex.Response.BodyText)
}

// SetBody stores body as read from the wire.
func (ex *Exchange) SetBody(body []byte) {
	ex.Response.raw = body
	ex.Response.BodyJSON, ex.Response.BodyText = nil, ""
	if json.Valid(body) && len(bytes.TrimSpace(body)) > 0 {
		ex.Response.BodyJSON = json.RawMessage(body)
		return
	}
	ex.Response.BodyText = string(body)
}

// redactHeader returns h with Authorization (and cookies) replaced by Redacted.
func redactHeader(h http.Header) http.Header {
	out := h.Clone()
	for _, name := range []string{"Authorization", "Cookie", "Proxy-Authorization"} {
		if vals := out.Values(name); len(vals) > 0 {
			for i, v := range vals {
				scheme, _, found := strings.Cut(v, " ")
				if found {
					vals[i] = scheme + " " + Redacted
				} else {
					vals[i] = Redacted
				}
			}
		}
	}
	return out
}

// WriteFixture saves ex as DIR/<check>.json, with every occurrence of secret replaced by
// Redacted (a server may echo the token back in a body or header).
func WriteFixture(dir string, ex *Exchange, secret string) (string, error) {
	b, err := json.MarshalIndent(ex, "", "  ")
	if err != nil {
		return "", fmt.Errorf("encode fixture %s: %w", ex.Check, err)
	}
	if secret != "" {
		b = bytes.ReplaceAll(b, []byte(secret), []byte(Redacted))
	}
	path := filepath.Join(dir, ex.Check+".json")
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return "", fmt.Errorf("write fixture: %w", err)
	}
	return path, nil
}

// ReadFixture loads a fixture that WriteFixture saved. ok is false when the file is JSON but no
// fixture (no "response" with a status): the caller may treat it as a bare response body.
func ReadFixture(data []byte) (ex *Exchange, ok bool) {
	var probe struct {
		Response *struct {
			Status int `json:"status"`
		} `json:"response"`
	}
	if json.Unmarshal(data, &probe) != nil || probe.Response == nil || probe.Response.Status == 0 {
		return nil, false
	}
	ex = &Exchange{}
	if err := json.Unmarshal(data, ex); err != nil {
		return nil, false
	}
	return ex, true
}
