package apidiff

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
)

// The ids of the gate's checks of request schemas that oasdiff v1.37.0 lacks: each finds a
// schema of a request body or of a parameter that refuses values the base accepted, which
// oasdiff's diff sees but none of its checks rates (or only as INFO).
const (
	// membersRefusedID: an object whose additionalProperties refuses members the base accepted
	// (false where it was absent, true or a schema; a schema where any member was accepted).
	membersRefusedID = "request-body-members-refused"
	// subschemaAddedID: a `not`, or a `oneOf` or `anyOf` list, where the base had none.
	subschemaAddedID = "request-schema-subschema-added"
	// mediaTypeRefusedID: a request body's media type that the revision lists only with other
	// parameters (application/json where it was application/json; charset=utf-8).
	mediaTypeRefusedID = "request-body-media-type-refused"
	// serializationChangedID: a parameter given by schema in the base and by content (a media
	// type: its value is then a JSON text) in the revision, or the other way round, or of another
	// style, or exploded otherwise when it is an array or an object.
	serializationChangedID = "request-parameter-serialization-changed"
)

// schemaCheck is one of the gate's checks of request schemas: its id, what the revision now
// refuses, and whether it refuses more than base at one schema (styled: of a parameter
// serialized by a style, form, deepObject, …, rather than as a media type).
type schemaCheck struct {
	id, refuses string
	more        func(base, revision *openapi3.Schema, styled bool) bool
}

var schemaChecks = []schemaCheck{
	{membersRefusedID, "refuses members the released contract accepted (additionalProperties)", refusesMembers},
	{subschemaAddedID, "refuses values the released contract accepted (a `not`, `oneOf` or `anyOf` where there was none)", subschemaAdded},
}

// ownChange is a change of one of the gate's own checks: an oasdiff change with its own text,
// which oasdiff's localizations do not hold. The text names the operation, if any: oasdiff's
// changelog groups only its own type of change under their operations, so these are listed
// under "Paths".
type ownChange struct {
	checker.ApiChange
	text string
}

func (c ownChange) GetText(checker.Localizer) string            { return c.text }
func (c ownChange) GetUncolorizedText(checker.Localizer) string { return c.text }

// requestSchemaChanges returns an ERR change of a schemaCheck for each schema of a request body
// or of a parameter (by its schema or its content's) of an operation in d that refuses values
// the base accepted, and of serializationChangedID for each parameter given otherwise.
func requestSchemaChanges(d *diff.Diff) checker.Changes {
	if d == nil || d.PathsDiff == nil { // no difference
		return nil
	}
	var changes checker.Changes
	for path, pathDiff := range d.PathsDiff.Modified {
		if pathDiff.OperationsDiff == nil {
			continue
		}
		for method, opDiff := range pathDiff.OperationsDiff.Modified {
			add := func(id, what, text string) {
				changes = append(changes, ownChange{
					ApiChange: checker.ApiChange{Id: id, Level: checker.ERR, Args: []any{method, path, what}, OperationId: opDiff.Revision.OperationID},
					text:      fmt.Sprintf("%s %s: %s %s", method, path, what, text),
				})
			}
			walk := func(base, revision *openapi3.Schema, what string, styled bool) {
				for _, c := range schemaChecks {
					narrowed(base, revision, "", func(b, r *openapi3.Schema) bool { return c.more(b, r, styled) }, map[[2]*openapi3.Schema]bool{}, func(property string) {
						where := what
						if property != "" {
							where = fmt.Sprintf("%s, at `%s`,", what, property)
						}
						add(c.id, where, "now "+c.refuses)
					})
				}
			}
			if b, r := opDiff.Base.RequestBody, opDiff.Revision.RequestBody; b != nil && r != nil && b.Value != nil && r.Value != nil {
				for mediaType, mt := range b.Value.Content {
					what := fmt.Sprintf("the request body (`%s`)", mediaType)
					// kin-openapi takes a request's Content-Type as written, then without its
					// parameters, then x/*, then */*; oasdiff matches media types without
					// their parameters, and sees no change where only those differ.
					now := r.Value.Content.Get(mediaType)
					if now == nil && slices.ContainsFunc(slices.Collect(maps.Keys(r.Value.Content)), func(k string) bool { return essence(k) == essence(mediaType) }) {
						add(mediaTypeRefusedID, what, "is now refused: the revision's media types differ from it only in their parameters")
					}
					walk(schemaOf(mt), schemaOf(now), what, false)
				}
			}
			for _, p := range opDiff.Base.Parameters {
				if p.Value == nil {
					continue
				}
				q := opDiff.Revision.Parameters.GetByInAndName(p.Value.In, p.Value.Name)
				if q == nil {
					continue
				}
				what := fmt.Sprintf("the `%s` parameter `%s`", p.Value.In, p.Value.Name)
				if (p.Value.Schema == nil) != (q.Schema == nil) {
					now := "content (a media type)"
					if q.Schema != nil {
						now = "a schema"
					}
					add(serializationChangedID, what, "is now given by "+now+": values sent as the released contract says are read otherwise")
					continue
				}
				if b, r := p.Value.Schema, q.Schema; b != nil && reserialized(p.Value, q, b.Value, r.Value) {
					add(serializationChangedID, what, "is now serialized otherwise (style, explode): values sent as the released contract says are read otherwise")
					continue
				}
				walk(valueOf(p.Value.Schema), valueOf(q.Schema), what, true)
				for mediaType, mt := range p.Value.Content {
					walk(schemaOf(mt), schemaOf(q.Content[mediaType]), fmt.Sprintf("%s (`%s`)", what, mediaType), false)
				}
			}
		}
	}
	return changes
}

// reserialized says whether parameter q is serialized otherwise than p (both given by schemas
// base and revision): another style (kin-openapi refuses spaceDelimited, pipeDelimited and
// deepObject but on arrays and objects), or, for an array or an object, explode otherwise.
func reserialized(p, q *openapi3.Parameter, base, revision *openapi3.Schema) bool {
	b, errB := p.SerializationMethod()
	r, errR := q.SerializationMethod()
	if errB != nil || errR != nil {
		return (errB == nil) != (errR == nil)
	}
	composite := func(s *openapi3.Schema) bool { return s != nil && (s.Type.Is("array") || s.Type.Is("object")) }
	return b.Style != r.Style || b.Explode != r.Explode && (composite(base) || composite(revision))
}

// essence is a media type without its parameters, in lower case.
func essence(mediaType string) string {
	t, _, _ := strings.Cut(mediaType, ";")
	return strings.ToLower(strings.TrimSpace(t))
}

func schemaOf(mt *openapi3.MediaType) *openapi3.Schema {
	if mt == nil {
		return nil
	}
	return valueOf(mt.Schema)
}

func valueOf(ref *openapi3.SchemaRef) *openapi3.Schema {
	if ref == nil {
		return nil
	}
	return ref.Value
}

// narrowed calls found with the property path (a/b, items as a[], other members as a/*; ""
// for the schema itself) of each schema of revision, its properties, items, other members and
// subschemas, that refuses more than its counterpart in base, as more says. seen bounds the walk
// of a recursive schema.
func narrowed(base, revision *openapi3.Schema, property string, more func(base, revision *openapi3.Schema) bool, seen map[[2]*openapi3.Schema]bool, found func(string)) {
	if base == nil || revision == nil || seen[[2]*openapi3.Schema{base, revision}] {
		return
	}
	seen[[2]*openapi3.Schema{base, revision}] = true
	if more(base, revision) {
		found(property)
	}
	for _, name := range slices.Sorted(maps.Keys(base.Properties)) {
		if p := revision.Properties[name]; p != nil && base.Properties[name] != nil {
			narrowed(base.Properties[name].Value, p.Value, member(property, name), more, seen, found)
		}
	}
	narrowed(valueOf(base.Items), valueOf(revision.Items), property+"[]", more, seen, found)
	narrowed(valueOf(base.AdditionalProperties.Schema), valueOf(revision.AdditionalProperties.Schema), member(property, "*"), more, seen, found)
	for _, subschemas := range [][2]openapi3.SchemaRefs{{base.AllOf, revision.AllOf}, {base.AnyOf, revision.AnyOf}, {base.OneOf, revision.OneOf}} {
		for i := range min(len(subschemas[0]), len(subschemas[1])) {
			narrowed(subschemas[0][i].Value, subschemas[1][i].Value, property, more, seen, found)
		}
	}
}

// refusesMembers says whether the other members of an object that revision accepts are fewer
// than base's: false where base accepted some, or a schema where base accepted any. kin-openapi
// decodes the other members of a styled object parameter only when additionalProperties is
// true or a schema, so there false refuses none of them, and only a schema where base had none,
// or an empty one, refuses some.
func refusesMembers(base, revision *openapi3.Schema, styled bool) bool {
	b, r := base.AdditionalProperties, revision.AdditionalProperties
	if styled {
		return !refusesAll(r) && !acceptsAny(r) && (b.Schema == nil || acceptsAny(b))
	}
	return refusesAll(r) && !refusesAll(b) || !acceptsAny(r) && acceptsAny(b)
}

// subschemaAdded says whether revision has a `not`, or a `oneOf` or `anyOf` list, where base
// had none: values that match the `not`, or none of the list, are refused now.
func subschemaAdded(base, revision *openapi3.Schema, _ bool) bool {
	return base.Not == nil && revision.Not != nil || len(base.OneOf) == 0 && len(revision.OneOf) > 0 || len(base.AnyOf) == 0 && len(revision.AnyOf) > 0
}

// refusesAll says whether additionalProperties a refuses every other member (false).
func refusesAll(a openapi3.AdditionalProperties) bool { return a.Has != nil && !*a.Has }

// acceptsAny says whether additionalProperties a accepts any other member (absent, true or an
// empty schema).
func acceptsAny(a openapi3.AdditionalProperties) bool {
	return !refusesAll(a) && (a.Schema == nil || a.Schema.Value == nil || a.Schema.Value.IsEmpty())
}

// member is the path of the member name of the object at property.
func member(property, name string) string {
	if property == "" {
		return name
	}
	return property + "/" + name
}
