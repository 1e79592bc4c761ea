//go:build (amd64 || arm64) && !go1.28

package validate

import "github.com/bytedance/sonic/decoder"

// decodeFast decodes the first JSON value of data, which is valid UTF-8, with sonic (its JIT on
// amd64, its native code on arm64). ok is false when sonic refuses data: encoding/json then
// decodes it, for its error.
func decodeFast(data string) (value any, end int, ok bool) {
	// Strings of the value point into data.
	dec := decoder.NewDecoder(data)
	dec.UseNumber()
	dec.ValidateString() // refuse control characters in strings, as encoding/json does
	if err := dec.Decode(&value); err != nil {
		return nil, 0, false
	}
	return value, dec.Pos(), true
}
