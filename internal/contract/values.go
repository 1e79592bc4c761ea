package contract

import (
	"strings"

	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// oneFindingPerValue merges, in order, the violations of the body at one pointer with one value:
// a CreatedAt of "yesterday" breaks its pattern and format date-time, and is one finding ("want
// pattern … and format date-time"). It returns the violations and how many were merged away.
func oneFindingPerValue(vs []validate.Violation) ([]validate.Violation, int) {
	if len(vs) < 2 {
		return vs, 0
	}
	out := make([]validate.Violation, 0, len(vs))
	at := map[[2]string]int{} // pointer and value → index in out
	for _, v := range vs {
		if v.In != "body" || v.Trailing || v.Want == "" || v.Got == "" || decodeFailure(v) {
			out = append(out, v)
			continue
		}
		key := [2]string{v.Pointer, v.Got}
		i, seen := at[key]
		if !seen {
			at[key] = len(out)
			out = append(out, v)
			continue
		}
		if !strings.Contains(out[i].Want, v.Want) {
			out[i].Want += " and " + v.Want
		}
		out[i].Message += "\n" + v.Message
	}
	return out, len(vs) - len(out)
}
