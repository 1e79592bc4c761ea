package kinagree

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// cases is how many schema and value pairs TestPatchedAgreesWithRelease judges, each under every
// option set; the last unresolvedCases of them may hold property schemas that are unresolved
// references.
const (
	cases           = 5000
	unresolvedCases = 1000
)

// TestPatchedAgreesWithRelease judges generated schemas and values with the patched copy of
// kin-openapi (in process) and with the release it was copied from (go run -modfile=unpatched.mod
// ./cmd/judge), and wants the same lines: the same verdicts, error texts, JSON pointers, IsEmpty
// answers and defaults set. The release comes from the module cache, or from GOPROXY.
func TestPatchedAgreesWithRelease(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(23, 1))}
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for i := range cases {
		g.unresolved = i >= cases-unresolvedCases
		s := g.schema(3)
		if err := enc.Encode(map[string]any{"schema": s, "value": g.value(s, 3)}); err != nil {
			t.Fatal(err)
		}
	}

	// The release judges in its own process while the patched copy judges in this one.
	cmd := exec.Command("go", "run", "-modfile=unpatched.mod", "./cmd/judge")
	cmd.Stdin = bytes.NewReader(in.Bytes())
	var release, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &release, &stderr
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	if err := cmd.Start(); err != nil {
		t.Fatalf("go run -modfile=unpatched.mod ./cmd/judge (the kin-openapi release): %v", err)
	}
	var patched bytes.Buffer
	judgeErr := Judge(bytes.NewReader(in.Bytes()), &patched)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("go run -modfile=unpatched.mod ./cmd/judge (the kin-openapi release): %v\n%s", err, stderr.Bytes())
	}
	if judgeErr != nil {
		t.Fatalf("Judge with the patched copy: %v", judgeErr)
	}

	got := strings.Split(patched.String(), "\n")
	want := strings.Split(release.String(), "\n")
	if len(got) != len(want) {
		t.Fatalf("patched copy wrote %d lines, the release %d", len(got), len(want))
	}
	caseLines := strings.Split(in.String(), "\n")
	diffs, errs, panics := 0, 0, 0
	for i := range got {
		if strings.Contains(want[i], " error ") {
			errs++
		}
		if got[i] == want[i] {
			continue
		}
		var n int
		fmt.Sscan(want[i], &n)
		// Both panic on the nil Value of an unresolved reference wherever a visit meets it
		// (the loop over required names, readOnly and writeOnly checks). Without MultiErrors
		// the release stops at the first error in name order, where the patched copy may
		// already have visited a key after it and met one: a panic instead of that error, or
		// instead of the release's pass when the error only failed one branch of a oneOf.
		if n >= cases-unresolvedCases && strings.Contains(got[i], " panic ") && !strings.Contains(want[i], " panic ") {
			panics++
			continue
		}
		diffs++
		if diffs <= 5 {
			t.Errorf("case %s\npatched: %s\nrelease: %s", caseLines[n], got[i], want[i])
		}
	}
	if diffs > 0 {
		t.Errorf("%d of %d judgements differ", diffs, len(got)-1)
	}
	// A run that judged nothing is not a pass: the cases must both pass and fail.
	if judged := len(got) - 1; errs < judged/5 || errs > judged*4/5 {
		t.Errorf("%d of %d judgements are errors: the generator should make between a fifth and four fifths fail", errs, judged)
	}
	t.Logf("%d judgements, %d of them errors; %d panics on an unresolved reference where the release did not meet it", len(got)-1, errs, panics)
}

// gen makes random schemas (OpenAPI 3.0, as JSON-like maps) and values that mostly fit them;
// with unresolved, some property schemas are references that nothing resolves.
type gen struct {
	r          *rand.Rand
	unresolved bool
}

// names are the property names schemas and values draw from: in and out of sorted order by
// byte, upper case before lower case, digits, non-ASCII.
var names = []string{"a", "b", "c", "ab", "B", "_x", "é", "a b", "10", "2"}

func (g *gen) chance(n int) bool { return g.r.IntN(n) == 0 }

func (g *gen) pick(n int) []string {
	var out []string
	for _, i := range g.r.Perm(len(names))[:g.r.IntN(n+1)] {
		out = append(out, names[i])
	}
	return out
}

func (g *gen) schema(depth int) map[string]any {
	s := map[string]any{}
	kind := g.r.IntN(10)
	if depth <= 0 && kind < 6 {
		kind = 6 + g.r.IntN(4)
	}
	switch kind {
	case 0, 1, 2, 3:
		if !g.chance(6) {
			s["type"] = "object"
		}
		props := map[string]any{}
		for _, n := range g.pick(5) {
			p := g.schema(depth - 1)
			switch g.r.IntN(8) {
			case 0:
				p["readOnly"] = true
			case 1:
				p["writeOnly"] = true
			case 2:
				p["default"] = g.any(1)
			case 3:
				if g.unresolved {
					// A reference that nothing resolves: its Value stays nil.
					p = map[string]any{"$ref": "#/components/schemas/Missing"}
				}
			}
			props[n] = p
		}
		if len(props) > 0 || g.chance(3) {
			s["properties"] = props
		}
		if req := g.pick(3); len(req) > 0 {
			s["required"] = req
		}
		switch g.r.IntN(4) {
		case 0:
			s["additionalProperties"] = false
		case 1:
			s["additionalProperties"] = g.schema(depth - 1)
		case 2:
			s["additionalProperties"] = true
		}
		if g.chance(8) {
			s["minProperties"] = g.r.IntN(4)
		}
		if g.chance(8) {
			s["maxProperties"] = g.r.IntN(4)
		}
	case 4:
		s["type"] = "array"
		s["items"] = g.schema(depth - 1)
		if g.chance(5) {
			s["minItems"] = g.r.IntN(3)
		}
	case 5:
		subs := []any{g.schema(depth - 1), g.schema(depth - 1)}
		switch g.r.IntN(4) {
		case 0:
			s["oneOf"] = subs
		case 1:
			s["anyOf"] = subs
		case 2:
			s["allOf"] = subs
		case 3:
			s["not"] = subs[0]
		}
	case 6:
		s["type"] = "string"
		switch g.r.IntN(4) {
		case 0:
			s["pattern"] = "^[a-c]+$"
		case 1:
			s["minLength"] = 1 + g.r.IntN(3)
		case 2:
			s["enum"] = []any{"a", "b", "é"}
		}
	case 7:
		s["type"] = []string{"integer", "number"}[g.r.IntN(2)]
		if g.chance(2) {
			s["minimum"] = g.r.IntN(5)
		}
		if g.chance(3) {
			s["maximum"] = 5 + g.r.IntN(5)
		}
	case 8:
		s["type"] = "boolean"
	case 9:
		// Empty or nearly: {}, a description, nullable, a readOnly or writeOnly marker.
		switch g.r.IntN(5) {
		case 0:
			s["description"] = "d"
		case 1:
			s["nullable"] = true
		case 2:
			s["readOnly"] = true
		case 3:
			s["writeOnly"] = true
		}
	}
	if g.chance(10) {
		s["nullable"] = true
	}
	return s
}

// value makes a value that fits s most of the time.
func (g *gen) value(s map[string]any, depth int) any {
	if g.chance(10) {
		return g.any(depth)
	}
	for _, k := range []string{"oneOf", "anyOf", "allOf"} {
		if subs, ok := s[k].([]any); ok {
			return g.value(subs[g.r.IntN(len(subs))].(map[string]any), depth)
		}
	}
	if _, ok := s["properties"]; ok || s["type"] == "object" {
		props, _ := s["properties"].(map[string]any)
		m := map[string]any{}
		// In name order, so that a seed always makes the same cases.
		for _, n := range slices.Sorted(maps.Keys(props)) {
			if !g.chance(4) {
				m[n] = g.value(props[n].(map[string]any), depth-1)
			}
		}
		for _, n := range g.pick(2) {
			if _, ok := m[n]; !ok {
				if ap, ok := s["additionalProperties"].(map[string]any); ok {
					m[n] = g.value(ap, depth-1)
				} else {
					m[n] = g.any(depth - 1)
				}
			}
		}
		return m
	}
	switch s["type"] {
	case "array":
		var a []any
		for range g.r.IntN(4) {
			a = append(a, g.value(s["items"].(map[string]any), depth-1))
		}
		return a
	case "string":
		return []string{"a", "abc", "", "é", "d", "b"}[g.r.IntN(6)]
	case "integer", "number":
		return json.Number([]string{"0", "3", "7", "12", "2.5", "-1"}[g.r.IntN(6)])
	case "boolean":
		return g.chance(2)
	}
	return g.any(depth)
}

// any makes any value.
func (g *gen) any(depth int) any {
	k := g.r.IntN(7)
	if depth <= 0 {
		k = g.r.IntN(5)
	}
	switch k {
	case 0:
		return nil
	case 1:
		return g.chance(2)
	case 2:
		return json.Number("4")
	case 3:
		return "b"
	case 4:
		return "abc"
	case 5:
		var a []any
		for range g.r.IntN(3) {
			a = append(a, g.any(depth-1))
		}
		return a
	default:
		m := map[string]any{}
		for _, n := range g.pick(3) {
			m[n] = g.any(depth - 1)
		}
		return m
	}
}
