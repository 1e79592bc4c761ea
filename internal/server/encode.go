package server

import (
	"time"
	"unicode/utf8"

	"github.com/ssojet-tools/loginlogs/internal/store"
)

// The 200 body is encoded by hand, one log at a time as the store scans them, in SSOJet's field
// order. encoding/json would need the whole []ssojetapi.LoginLog first (a second copy of every
// log) and reflection per field. What this encoder writes is still checked against the contract by
// the response validator, and TestEncoderMatchesEncodingJSON compares it with encoding/json.

const (
	bodyOpen  = `{"login_logs":[`
	bodyClose = `]}`
)

// appendLoginLog appends one log as a JSON object.
func appendLoginLog(b []byte, l *store.LoginLog) []byte {
	b = append(b, `{"IpAddress":`...)
	b = appendJSONString(b, l.IPAddress)
	b = append(b, `,"Country":`...)
	b = appendJSONString(b, l.Country)
	b = append(b, `,"City":`...)
	b = appendJSONString(b, l.City)
	b = append(b, `,"UserAgent":`...)
	b = appendJSONString(b, l.UserAgent)
	b = append(b, `,"Name":`...)
	b = appendJSONString(b, l.Name)
	b = append(b, `,"Os":`...)
	b = appendJSONString(b, l.OS)
	b = append(b, `,"Device":`...)
	b = appendJSONString(b, l.Device)
	b = append(b, `,"CreatedAt":"`...)
	b = l.CreatedAt.UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, `"}`...)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Like encoding/json it escapes control characters,
// U+2028 and U+2029, and replaces invalid UTF-8 with U+FFFD; unlike it, it leaves <, > and &
// alone (the body is JSON, never HTML).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
