package spec

import (
	"maps"
	"net/netip"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// The data rules of decision D8: what a contract allows but its entries should not hold (an
// address that is no IP address, a time in the future or out of order). They never change a
// verdict: the contract checker warns, and the reference server's generated answers keep them.
// Each is read from the contract in hand, never from a member's name.

// FormatExtension marks a string schema with a format that OpenAPI 3.0 does not define, so
// kin-openapi judges none: FormatIP, an IPv4 or IPv6 address (`x-loginlogs-format: ip`).
const (
	FormatExtension = "x-loginlogs-format"
	FormatIP        = "ip"
)

// MarkedIP reports whether the contract marks s as an IP address (FormatIP).
func MarkedIP(s *openapi3.Schema) bool {
	if s == nil {
		return false
	}
	format, _ := s.Extensions[FormatExtension].(string)
	return format == FormatIP
}

// IsIP reports whether v is an IPv4 or IPv6 address, as net/netip reads one.
func IsIP(v string) bool {
	_, err := netip.ParseAddr(v)
	return err == nil
}

// EntriesMember names the member of an object body schema whose array holds its entries: the
// first, by name, of its array members whose items want accepts (nil: any). arrays lists every
// array member by name, for a message saying why none was.
func EntriesMember(body *openapi3.Schema, want func(items *openapi3.Schema) bool) (member string, arrays []string) {
	for _, name := range slices.Sorted(maps.Keys(body.Properties)) {
		ref := body.Properties[name]
		if ref == nil || ref.Value == nil || !ref.Value.Type.Is(openapi3.TypeArray) {
			continue
		}
		arrays = append(arrays, name)
		if items := ref.Value.Items; member == "" && (want == nil || items != nil && items.Value != nil && want(items.Value)) {
			member = name
		}
	}
	return member, arrays
}

// DataRules are the rules of the entries of an array whose items schema is an object's.
type DataRules struct {
	// IPs are the members marked as IP addresses (MarkedIP), Times those of format date-time
	// (none in the future), each sorted by name.
	IPs, Times []string
	// Order is the member the entries are ordered by, oldest first (the contract says so in
	// words): its only date-time member; "" when it has several, the contract not saying which.
	Order string
}

// Any reports whether r has a rule.
func (r DataRules) Any() bool { return len(r.IPs)+len(r.Times) > 0 }

// DataRulesOf returns the data rules of entries of the items schema (nil: none).
func DataRulesOf(items *openapi3.Schema) DataRules {
	var r DataRules
	if items == nil {
		return r
	}
	for _, name := range slices.Sorted(maps.Keys(items.Properties)) {
		p := items.Properties[name]
		if p == nil || p.Value == nil {
			continue
		}
		if MarkedIP(p.Value) {
			r.IPs = append(r.IPs, name)
		}
		if p.Value.Format == "date-time" {
			r.Times = append(r.Times, name)
		}
	}
	if len(r.Times) == 1 {
		r.Order = r.Times[0]
	}
	return r
}
