//go:build !((amd64 || arm64) && !go1.28)

package validate

// decodeFast is encoding/json on the platforms sonic does not build on (it does not on 32-bit
// ones): decodeFirst then decodes with encoding/json alone.
func decodeFast(string) (any, int, bool) { return nil, 0, false }
