package validate

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// decodeFirst decodes the first JSON value of data to the value kin-openapi's JSON body decoder
// gives (encoding/json's Decoder with UseNumber: json.Number, map[string]any with the last of a
// repeated name, []any, string with invalid UTF-8 replaced by U+FFFD, bool, nil), and returns
// the offset just after it; what follows is the caller's to judge. It decodes with decodeFast
// (sonic on 64-bit platforms), and with encoding/json when that refuses data or data is not
// valid UTF-8 (which sonic refuses in a string value, and lets through in a member name, where
// encoding/json replaces it), so that what it accepts and
// its errors are encoding/json's. FuzzDecodeFirstAgreesWithEncodingJSON holds the two to the
// same values.
func decodeFirst(data string) (value any, end int, err error) {
	if utf8.ValidString(data) {
		if value, end, ok := decodeFast(data); ok {
			return value, end, nil
		}
	}
	return decodeFirstStd(data)
}

// decodeFirstStd is decodeFirst with encoding/json alone, as kin-openapi decodes.
func decodeFirstStd(data string) (any, int, error) {
	dec := json.NewDecoder(strings.NewReader(data))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil {
		return nil, 0, err
	}
	return value, int(dec.InputOffset()), nil
}

// onlySpace reports whether b is JSON white space alone.
func onlySpace[T string | []byte](b T) bool {
	for i := range len(b) {
		if c := b[i]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}
