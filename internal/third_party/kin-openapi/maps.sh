#!/bin/bash -eux
set -o pipefail

maplike=./openapi3/maplike.go
maplike_test=./openapi3/maplike_test.go
maplike_jsonv2=./openapi3/maplike_jsonv2.go

types=()
types+=('*Responses')
types+=('*Callback')
types+=('*Paths')

value_types=()
value_types+=('*ResponseRef')
value_types+=('*PathItem')
value_types+=('*PathItem')

deref_vs=()
deref_vs+=('v.Value')
deref_vs+=('v')
deref_vs+=('v')

names=()
names+=('responses')
names+=('callback')
names+=('paths')

[[ "${#types[@]}" = "${#value_types[@]}" ]]
[[ "${#types[@]}" = "${#deref_vs[@]}" ]]
[[ "${#types[@]}" = "${#names[@]}" ]]
[[ "${#types[@]}" = "$(git grep -InF ' m map[string]*' -- openapi3/loader.go | wc -l)" ]]


maplike_header() {
	cat <<EOF >"$maplike"
package openapi3

import (
	"encoding/json"
	"maps"
	"strings"

	"github.com/go-openapi/jsonpointer"
)

EOF
}


maplike_jsonv2_header() {
	cat <<EOF >"$maplike_jsonv2"
//go:build go1.27 && goexperiment.jsonv2

// Requires Go 1.27's v2-backed encoding/json implementation,
// which calls UnmarshalJSONFrom.

package openapi3

import (
	"encoding/json/jsontext"
	jsonv2 "encoding/json/v2"
	"strings"
)

EOF
}


test_header() {
	cat <<EOF >"$maplike_test"
package openapi3_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestMaplikeMethods(t *testing.T) {
	t.Parallel()

EOF
}


test_footer() {
	echo "}" >>"$maplike_test"
}


maplike_NewWithCapa() {
	cat <<EOF >>"$maplike"
// New${type#'*'}WithCapacity builds a ${name} object of the given capacity.
func New${type#'*'}WithCapacity(cap int) ${type} {
	if cap == 0 {
		return &${type#'*'}{m: make(map[string]${value_type})}
	}
	return &${type#'*'}{m: make(map[string]${value_type}, cap)}
}

EOF
}


maplike_KeysValueSetLenDelete() {
	cat <<EOF >>"$maplike"
// Keys returns the ${name} keys in a fixed order
func (${name} ${type}) Keys() []string {
	return componentNames(${name}.Map())
}

// Value returns the ${name} for key or nil
func (${name} ${type}) Value(key string) ${value_type} {
	if ${name}.Len() == 0 {
		return nil
	}
	return ${name}.m[key]
}

// Set adds or replaces key 'key' of '${name}' with 'value'.
// Note: '${name}' MUST be non-nil
func (${name} ${type}) Set(key string, value ${value_type}) {
	if ${name}.m == nil {
		${name}.m = make(map[string]${value_type})
	}
	${name}.m[key] = value
}

// Len returns the amount of keys in ${name} excluding ${name}.Extensions.
func (${name} ${type}) Len() int {
	if ${name} == nil || ${name}.m == nil {
		return 0
	}
	return len(${name}.m)
}

// Delete removes the entry associated with key 'key' from '${name}'.
func (${name} ${type}) Delete(key string) {
	if ${name} != nil && ${name}.m != nil {
		delete(${name}.m, key)
	}
}

// Map returns ${name} as a 'map'.
// Note: iteration on Go maps is not ordered.
func (${name} ${type}) Map() (m map[string]${value_type}) {
	if ${name} == nil || len(${name}.m) == 0 {
		return make(map[string]${value_type})
	}
	m = make(map[string]${value_type}, len(${name}.m))
	maps.Copy(m, ${name}.m)
	return
}

EOF
}


maplike_Pointable() {
	cat <<EOF >>"$maplike"
var _ jsonpointer.JSONPointable = (${type})(nil)

// JSONLookup implements https://github.com/go-openapi/jsonpointer#JSONPointable
func (${name} ${type#'*'}) JSONLookup(token string) (any, error) {
	if v := ${name}.Value(token); v == nil {
		vv, _, err := jsonpointer.GetForToken(${name}.Extensions, token)
		return vv, err
	} else if ref := v.Ref; ref != "" {
		return &Ref{Ref: ref}, nil
	} else {
		return ${deref_v}, nil
	}
}

EOF
}


maplike_UnMarsh() {
	if [[ "$type" != '*'* ]]; then
		echo "TODO: impl non-pointer receiver YAML Marshaler"
		exit 2
	fi
	local nil_condition="${name} == nil"
	if [[ "$type" == '*Responses' ]]; then
		nil_condition+=" || ${name}.isExplicitlyNull()"
	fi
	cat <<EOF >>"$maplike"
// MarshalYAML returns the YAML encoding of ${type#'*'}.
func (${name} ${type}) MarshalYAML() (any, error) {
	if ${nil_condition} {
		return nil, nil
	}
	m := make(map[string]any, ${name}.Len()+len(${name}.Extensions))
	maps.Copy(m, ${name}.Extensions)
	for _, k := range ${name}.Keys() {
		m[k] = ${name}.m[k]
	}
	return m, nil
}

// MarshalJSON returns the JSON encoding of ${type#'*'}.
func (${name} ${type}) MarshalJSON() ([]byte, error) {
	${name}Yaml, err := ${name}.MarshalYAML()
	if err != nil {
		return nil, err
	}
	return json.Marshal(${name}Yaml)
}

// UnmarshalJSON sets ${type#'*'} to a copy of data.
func (${name} ${type}) UnmarshalJSON(data []byte) (err error) {
	var m map[string]any
	if err = unmarshalJSON(data, &m); err != nil {
		return
	}

	x := ${type#'*'}{
		Extensions: make(map[string]any),
		m:          make(map[string]${value_type}, len(m)),
	}

	for _, k := range componentNames(m) {
		v := m[k]
		if strings.HasPrefix(k, "x-") {
			x.Extensions[k] = v
			continue
		}

		var data []byte
		if data, err = json.Marshal(v); err != nil {
			return
		}
		var vv ${value_type#'*'}
		if err = vv.UnmarshalJSON(data); err != nil {
			return
		}
		x.m[k] = &vv
	}
	*${name} = x
	return
}
EOF
}


maplike_UnmarshalFrom() {
	cat <<EOF >>"$maplike_jsonv2"
var _ jsonv2.UnmarshalerFrom = (${type})(nil)

// UnmarshalJSONFrom sets ${type#'*'} to the next JSON value read from dec.
// Decoding each member from dec (rather than from a copy of its bytes)
// keeps the member's key in the path of any error.
func (${name} ${type}) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	x := ${type#'*'}{
		Extensions: make(map[string]any),
		m:          make(map[string]${value_type}),
	}
	if dec.PeekKind() != jsontext.KindBeginObject {
		var m map[string]any // Reports non-object values as UnmarshalJSON does
		if err := jsonv2.UnmarshalDecode(dec, &m); err != nil {
			return err
		}
		*${name} = x
		return nil
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for dec.PeekKind() != jsontext.KindEndObject {
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		k := tok.String()
		if strings.HasPrefix(k, "x-") {
			var v any
			if err := jsonv2.UnmarshalDecode(dec, &v); err != nil {
				return err
			}
			x.Extensions[k] = v
			continue
		}
		var v ${value_type#'*'}
		if err := jsonv2.UnmarshalDecode(dec, &v); err != nil {
			return err
		}
		x.m[k] = &v
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	*${name} = x
	return nil
}
EOF
}


test_body() {
	cat <<EOF >>"$maplike_test"
	t.Run("${type}", func(t *testing.T) {
		t.Parallel()
		t.Run("nil", func(t *testing.T) {
			x := (${type})(nil)
			require.Equal(t, 0, x.Len())
			require.Equal(t, map[string]${value_type}{}, x.Map())
			require.Equal(t, (${value_type})(nil), x.Value("key"))
			require.Panics(t, func() { x.Set("key", &${value_type#'*'}{}) })
			require.NotPanics(t, func() { x.Delete("key") })
		})
		t.Run("nonnil", func(t *testing.T) {
			x := &${type#'*'}{}
			require.Equal(t, 0, x.Len())
			require.Equal(t, map[string]${value_type}{}, x.Map())
			require.Equal(t, (${value_type})(nil), x.Value("key"))
			x.Set("key", &${value_type#'*'}{})
			require.Equal(t, 1, x.Len())
			require.Equal(t, map[string]${value_type}{"key": {}}, x.Map())
			require.Equal(t, &${value_type#'*'}{}, x.Value("key"))
			x.Delete("key")
			require.Equal(t, 0, x.Len())
			require.Equal(t, map[string]${value_type}{}, x.Map())
			require.Equal(t, (${value_type})(nil), x.Value("key"))
			require.NotPanics(t, func() { x.Delete("key") })
		})
	})

EOF
}



maplike_header
maplike_jsonv2_header
test_header

for i in "${!types[@]}"; do
	type=${types[$i]}
	value_type=${value_types[$i]}
	deref_v=${deref_vs[$i]}
	name=${names[$i]}

	type="$type" name="$name" value_type="$value_type" maplike_NewWithCapa
	type="$type" name="$name" value_type="$value_type" maplike_KeysValueSetLenDelete
	type="$type" name="$name"    deref_v="$deref_v"    maplike_Pointable
	type="$type" name="$name" value_type="$value_type" maplike_UnMarsh
	type="$type" name="$name" value_type="$value_type" maplike_UnmarshalFrom
	[[ $((i+1)) != "${#types[@]}" ]] && echo >>"$maplike" && echo >>"$maplike_jsonv2"

	type="${type/'*'/*openapi3.}" value_type="${value_type/'*'/*openapi3.}" test_body


done

test_footer
