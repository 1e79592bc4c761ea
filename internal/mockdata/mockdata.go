// Package mockdata makes JSON values that a contract's schema accepts, for the reference server's
// `Prefer: dynamic=true` answers and for answers the contract documents without an example.
//
// A value is built by walking the schema (type, properties and required, items and their
// bounds, enum, oneOf/anyOf/allOf, string formats and patterns, numeric bounds) with a seeded
// random source, so that the same seed gives the same value. Every string, number and the whole
// value are then judged by kin-openapi with the contract's own validation options; a candidate
// it refuses is made again, a bounded number of times, and Value fails rather than return a
// value the contract does not accept.
//
// Values also keep the contract's data rules that kin-openapi does not judge (spec.DataRules,
// the ones the contract checker warns by): a string marked as an IP address is one, a date-time
// is in the past, and an array is ordered oldest first by its items' date-time member.
package mockdata

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/brianvoe/gofakeit/v7"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ssojet-tools/loginlogs/internal/spec"
)

// Bounds of a generated value.
const (
	// maxDepth is how deep objects and arrays nest; below it only required members and
	// minItems elements are made.
	maxDepth = 8
	// maxItems is the most elements a generated array has beyond its minItems.
	maxItems = 5
	// tries is how often a value the schema refuses is made again.
	tries = 20
)

// ErrNoValue is returned when no value the schema accepts was found.
var ErrNoValue = errors.New("no value the schema accepts was found")

// Generator makes values for one contract's schemas.
type Generator struct {
	f    *gofakeit.Faker
	opts []openapi3.SchemaValidationOption
}

// New returns a Generator drawing from seed and judging values with opts (the contract's
// openapi3.T.GetSchemaValidationOptions).
func New(seed uint64, opts ...openapi3.SchemaValidationOption) *Generator {
	return &Generator{f: gofakeit.New(seed), opts: append(slices.Clip(opts), openapi3.VisitAsResponse(), openapi3.EnableFormatValidation())}
}

// Value returns a value schema accepts, built of map[string]any, []any, string, float64, bool
// and nil as encoding/json decodes them.
func (g *Generator) Value(schema *openapi3.Schema) (any, error) {
	for range tries {
		v, err := g.value(schema, 0)
		if err != nil {
			return nil, err
		}
		if g.accepts(schema, v) {
			return v, nil
		}
	}
	return nil, ErrNoValue
}

// accepts reports whether s accepts v, and v keeps the data rule of s (an IP address where the
// contract marks one).
func (g *Generator) accepts(s *openapi3.Schema, v any) bool {
	if str, ok := v.(string); ok && spec.MarkedIP(s) && !spec.IsIP(str) {
		return false
	}
	return s.VisitJSON(v, g.opts...) == nil
}

func (g *Generator) value(s *openapi3.Schema, depth int) (any, error) {
	if s == nil {
		return map[string]any{}, nil
	}
	if len(s.Enum) > 0 {
		return s.Enum[g.f.IntN(len(s.Enum))], nil
	}
	// A value of a branch, until s accepts one: of oneOf or anyOf, or of allOf's first.
	branches, kind := slices.Concat(s.OneOf, s.AnyOf), "oneOf/anyOf"
	if len(branches) == 0 && len(s.AllOf) > 0 && s.Type == nil {
		branches, kind = s.AllOf[:1], "allOf"
	}
	if len(branches) > 0 {
		for range tries {
			v, err := g.value(branches[g.f.IntN(len(branches))].Value, depth)
			if err == nil && g.accepts(s, v) {
				return v, nil
			}
		}
		return nil, fmt.Errorf("%s: %w", kind, ErrNoValue)
	}
	switch {
	case s.Type.Is(openapi3.TypeObject) || s.Type == nil && len(s.Properties) > 0:
		return g.object(s, depth)
	case s.Type.Is(openapi3.TypeArray):
		return g.array(s, depth)
	case s.Type.Is(openapi3.TypeString):
		return g.leaf(s, g.str)
	case s.Type.Is(openapi3.TypeInteger), s.Type.Is(openapi3.TypeNumber):
		return g.leaf(s, g.number)
	case s.Type.Is(openapi3.TypeBoolean):
		return g.f.Bool(), nil
	case s.Type.Is(openapi3.TypeNull):
		return nil, nil
	}
	return map[string]any{}, nil // any value: an empty object
}

// leaf makes values with mk until s accepts one; failing that, it takes the schema's example
// or default if s accepts them.
func (g *Generator) leaf(s *openapi3.Schema, mk func(*openapi3.Schema) any) (any, error) {
	for range tries {
		if v := mk(s); g.accepts(s, v) {
			return v, nil
		}
	}
	for _, v := range []any{s.Example, s.Default} {
		if v != nil && g.accepts(s, v) {
			return v, nil
		}
	}
	return nil, fmt.Errorf("%s: %w", s.Type, ErrNoValue)
}

func (g *Generator) object(s *openapi3.Schema, depth int) (any, error) {
	obj := make(map[string]any, len(s.Properties))
	names := make([]string, 0, len(s.Properties))
	for name := range s.Properties {
		names = append(names, name)
	}
	slices.Sort(names) // map order would make the same seed give different values
	for _, name := range names {
		if !slices.Contains(s.Required, name) && (depth >= maxDepth || g.f.IntN(4) == 0) {
			continue // optional members: most of the time, and never too deep
		}
		v, err := g.value(s.Properties[name].Value, depth+1)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		obj[name] = v
	}
	return obj, nil
}

func (g *Generator) array(s *openapi3.Schema, depth int) (any, error) {
	n := int(s.MinItems)
	if depth < maxDepth {
		n = g.count(n, s.MaxItems, maxItems)
	}
	var items *openapi3.Schema
	if s.Items != nil {
		items = s.Items.Value
	}
	arr := make([]any, 0, n)
	for range n {
		v, err := g.value(items, depth+1)
		if err != nil {
			return nil, fmt.Errorf("items: %w", err)
		}
		arr = append(arr, v)
	}
	if order := spec.DataRulesOf(items).Order; order != "" {
		slices.SortStableFunc(arr, func(a, b any) int { return timeOf(a, order).Compare(timeOf(b, order)) })
	}
	return arr, nil
}

// timeOf returns the date-time of v's member name (the zero time if it has none).
func timeOf(v any, name string) time.Time {
	obj, _ := v.(map[string]any)
	s, _ := obj[name].(string)
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// str makes a string for s: by its format (or the contract's mark of an IP address), else by its
// pattern, else words within its length bounds. A pattern and a format together are settled by
// the checks of leaf.
func (g *Generator) str(s *openapi3.Schema) any {
	if spec.MarkedIP(s) {
		if g.f.IntN(4) == 0 {
			return g.f.IPv6Address()
		}
		return g.f.IPv4Address()
	}
	switch s.Format {
	case "date-time":
		// From September 2020 to June 2025, in UTC, with 0 to 9 fractional digits: in the
		// past of any clock that reads it, the same for the same seed.
		t := time.Unix(1600000000+int64(g.f.IntN(150000000)), int64(g.f.IntN(1e9))).UTC()
		digits := g.f.IntN(10)
		t = t.Truncate(time.Duration(math.Pow10(9 - digits)))
		return t.Format(time.RFC3339Nano)
	case "date":
		return g.f.Date().UTC().Format(time.DateOnly)
	case "email":
		return g.f.Email()
	case "uuid":
		return g.f.UUID()
	case "ipv4":
		return g.f.IPv4Address()
	case "ipv6":
		return g.f.IPv6Address()
	case "uri", "url":
		return g.f.URL()
	}
	if s.Pattern != "" {
		return g.f.Regex(s.Pattern)
	}
	n := g.count(int(s.MinLength), s.MaxLength, 16)
	var b strings.Builder
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.f.Word())
	}
	return b.String()[:n]
}

// count draws a whole number from lo to lo+spread, and at most most when it is set and above lo.
func (g *Generator) count(lo int, most *uint64, spread int) int {
	hi := lo + spread
	if most != nil {
		hi = min(hi, int(*most))
	}
	if hi <= lo {
		return lo
	}
	return lo + g.f.IntN(hi-lo+1)
}

// number makes a number within s's bounds (whole for an integer), as a float64.
func (g *Generator) number(s *openapi3.Schema) any {
	lo, hi := 0.0, 1000.0
	if s.Min != nil {
		lo = *s.Min
		if s.Max == nil {
			hi = lo + 1000
		}
	}
	if s.Max != nil {
		hi = *s.Max
		if s.Min == nil {
			lo = hi - 1000
		}
	}
	v := lo + g.f.Float64()*(hi-lo)
	if s.Type.Is(openapi3.TypeInteger) {
		v = math.Round(v)
	}
	if s.MultipleOf != nil && *s.MultipleOf > 0 {
		v = math.Round(v / *s.MultipleOf) * *s.MultipleOf
	}
	return v
}
