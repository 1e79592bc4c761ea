package server

import (
	"time"

	"github.com/ssojet-tools/loginlogs/internal/jsonstream"
	"github.com/ssojet-tools/loginlogs/internal/store"
)

// The 200 body is encoded by hand, one log at a time as the store scans them: about 3× faster per
// log than encoding/json of the generated ssojetapi.LoginLog (docs/benchmarks.md). The generated
// type still defines the wire: TestEncoderIsEncodingJSONOfTheGeneratedType holds this encoder,
// byte for byte, to encoding/json of that type (members in the contract's x-order), so a field
// added to the contract's LoginLog fails the test until the store and this encoder carry it.

const (
	bodyOpen  = `{"login_logs":[`
	bodyClose = `]}`
)

// appendLoginLog appends one log as a JSON object.
func appendLoginLog(b []byte, l *store.LoginLog) []byte {
	b = append(b, `{"IpAddress":`...)
	b = jsonstream.AppendString(b, l.IPAddress)
	b = append(b, `,"Country":`...)
	b = jsonstream.AppendString(b, l.Country)
	b = append(b, `,"City":`...)
	b = jsonstream.AppendString(b, l.City)
	b = append(b, `,"UserAgent":`...)
	b = jsonstream.AppendString(b, l.UserAgent)
	b = append(b, `,"Name":`...)
	b = jsonstream.AppendString(b, l.Name)
	b = append(b, `,"Os":`...)
	b = jsonstream.AppendString(b, l.OS)
	b = append(b, `,"Device":`...)
	b = jsonstream.AppendString(b, l.Device)
	b = append(b, `,"CreatedAt":"`...)
	b = l.CreatedAt.UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, `"}`...)
}
