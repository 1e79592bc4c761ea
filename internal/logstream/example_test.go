package logstream_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ssojet-tools/loginlogs/internal/logstream"
)

func ExampleEntries() {
	// resp.Body of GET /users/{userid}/loginlogs, here cut short after two entries.
	body := strings.NewReader(`{"login_logs":[
		{"IpAddress":"183.83.177.227","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-10T12:16:19.647Z"},
		{"IpAddress":"150.107.189.226","Country":"India","City":"Jaipur","UserAgent":"","Name":"Amazon CloudFront","Os":"","Device":"","CreatedAt":"2024-07-13T06:47:28.434Z"},
		{"IpAddress":"2409:40d4:12b:c6c3`)
	for log, err := range logstream.Entries(body) {
		if errors.Is(err, logstream.ErrMalformed) {
			fmt.Println("stopped:", err)
			break
		}
		fmt.Println(log.CreatedAt.Format("2006-01-02 15:04"), log.IpAddress)
	}
	// Output:
	// 2024-07-10 12:16 183.83.177.227
	// 2024-07-13 06:47 150.107.189.226
	// stopped: at byte 389: not a login-logs answer: not JSON: unexpected end of JSON input
}
