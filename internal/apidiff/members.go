package apidiff

import (
	"fmt"
	"maps"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
)

// membersRefusedID is the id of a check oasdiff v1.37.0 lacks: an object of a request body or
// of a parameter whose additionalProperties now refuses members the base accepted (false where
// it was absent, true or a schema; a schema where any member was accepted) refuses requests the
// base accepted. oasdiff's diff sees false (additionalPropertiesAllowed) and a schema added, but
// none of its checks rates them.
const membersRefusedID = "request-body-members-refused"

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

// membersRefusedChanges returns an ERR change of membersRefusedID for each object of a request
// body or of a parameter (by its schema or its content's) of an operation in d that refuses
// members now that the base accepted.
func membersRefusedChanges(d *diff.Diff) checker.Changes {
	if d == nil || d.PathsDiff == nil { // no difference
		return nil
	}
	var changes checker.Changes
	for path, pathDiff := range d.PathsDiff.Modified {
		if pathDiff.OperationsDiff == nil {
			continue
		}
		for method, opDiff := range pathDiff.OperationsDiff.Modified {
			refused := func(what string) func(string) {
				return func(property string) {
					where := what
					if property != "" {
						where = fmt.Sprintf("%s, at `%s`,", what, property)
					}
					changes = append(changes, ownChange{
						ApiChange: checker.ApiChange{
							Id: membersRefusedID, Level: checker.ERR, Args: []any{method, path, where},
							OperationId: opDiff.Revision.OperationID,
						},
						text: fmt.Sprintf("%s %s: %s now refuses members the released contract accepted (additionalProperties)", method, path, where),
					})
				}
			}
			if b, r := opDiff.Base.RequestBody, opDiff.Revision.RequestBody; b != nil && r != nil && b.Value != nil && r.Value != nil {
				for mediaType, mt := range b.Value.Content {
					refusingMembers(schemaOf(mt), schemaOf(r.Value.Content[mediaType]), "", refusesMore, map[[2]*openapi3.Schema]bool{}, refused(fmt.Sprintf("the request body (`%s`)", mediaType)))
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
				refusingMembers(valueOf(p.Value.Schema), valueOf(q.Schema), "", styledRefusesMore, map[[2]*openapi3.Schema]bool{}, refused(what))
				for mediaType, mt := range p.Value.Content {
					refusingMembers(schemaOf(mt), schemaOf(q.Content[mediaType]), "", refusesMore, map[[2]*openapi3.Schema]bool{}, refused(fmt.Sprintf("%s (`%s`)", what, mediaType)))
				}
			}
		}
	}
	return changes
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

// refusingMembers calls found with the property path (a/b, items as a[], other members as a/*;
// "" for the schema itself) of each schema of revision, its properties, items, other members and
// subschemas, whose additionalProperties refuses more than its counterpart's in base, as more
// says. seen bounds the walk of a recursive schema.
func refusingMembers(base, revision *openapi3.Schema, property string, more func(base, revision openapi3.AdditionalProperties) bool, seen map[[2]*openapi3.Schema]bool, found func(string)) {
	if base == nil || revision == nil || seen[[2]*openapi3.Schema{base, revision}] {
		return
	}
	seen[[2]*openapi3.Schema{base, revision}] = true
	b, r := base.AdditionalProperties, revision.AdditionalProperties
	if more(b, r) {
		found(property)
	}
	for _, name := range slices.Sorted(maps.Keys(base.Properties)) {
		if p := revision.Properties[name]; p != nil && base.Properties[name] != nil {
			refusingMembers(base.Properties[name].Value, p.Value, member(property, name), more, seen, found)
		}
	}
	refusingMembers(valueOf(base.Items), valueOf(revision.Items), property+"[]", more, seen, found)
	refusingMembers(valueOf(b.Schema), valueOf(r.Schema), member(property, "*"), more, seen, found)
	for _, subschemas := range [][2]openapi3.SchemaRefs{{base.AllOf, revision.AllOf}, {base.AnyOf, revision.AnyOf}, {base.OneOf, revision.OneOf}} {
		for i := range min(len(subschemas[0]), len(subschemas[1])) {
			refusingMembers(subschemas[0][i].Value, subschemas[1][i].Value, property, more, seen, found)
		}
	}
}

// refusesMore says whether the other members of a JSON object that revision accepts are fewer
// than base's: false where base accepted some, or a schema where base accepted any.
func refusesMore(base, revision openapi3.AdditionalProperties) bool {
	return refusesAll(revision) && !refusesAll(base) || !acceptsAny(revision) && acceptsAny(base)
}

// styledRefusesMore is refusesMore for an object parameter serialized by a style (form,
// deepObject, …): kin-openapi decodes its other members only when additionalProperties is true
// or a schema, so false refuses none of them, and only a schema where base had none or an empty
// one refuses some.
func styledRefusesMore(base, revision openapi3.AdditionalProperties) bool {
	return !refusesAll(revision) && !acceptsAny(revision) && (base.Schema == nil || acceptsAny(base))
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
