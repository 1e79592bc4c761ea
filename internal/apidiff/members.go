package apidiff

import (
	"fmt"

	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
)

// membersRefusedID is the id of the check oasdiff v1.37.0 lacks: a request body schema, or an
// object in it, that sets additionalProperties to false where it was absent or true refuses the
// requests with other members that the base accepted. oasdiff's diff sees the change
// (additionalPropertiesAllowed), but none of its checks rates it.
const membersRefusedID = "request-body-members-refused"

// membersRefused is a change of membersRefusedID: an oasdiff change with its own text, which
// oasdiff's localizations do not hold. The text names the operation: oasdiff's changelog groups
// only its own type of change under their operations, so this one is listed under "Paths".
type membersRefused struct {
	checker.ApiChange
	text string
}

func (c membersRefused) GetText(checker.Localizer) string            { return c.text }
func (c membersRefused) GetUncolorizedText(checker.Localizer) string { return c.text }

// membersRefusedChanges returns an ERR change of membersRefusedID for each schema of a request
// body in d that refuses other members now.
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
			if opDiff.RequestBodyDiff == nil || opDiff.RequestBodyDiff.ContentDiff == nil {
				continue
			}
			for mediaType, mt := range opDiff.RequestBodyDiff.ContentDiff.MediaTypeModified {
				refusingMembers(mt.SchemaDiff, "", map[*diff.SchemaDiff]bool{}, func(property string) {
					what := "the request body"
					if property != "" {
						what = fmt.Sprintf("the request property `%s`", property)
					}
					changes = append(changes, membersRefused{
						ApiChange: checker.ApiChange{
							Id: membersRefusedID, Level: checker.ERR, Args: []any{method, path, property, mediaType},
							OperationId: pathDiff.Revision.GetOperation(method).OperationID,
						},
						text: fmt.Sprintf("%s %s: %s now refuses members besides its properties (additionalProperties: false) for the media type `%s`", method, path, what, mediaType),
					})
				})
			}
		}
	}
	return changes
}

// refusingMembers calls found with the property path (a/b, items as a[], other members as a/*;
// "" for the schema itself) of each schema in sd, its properties, items and subschemas, whose additionalProperties
// became false. seen bounds the walk of a recursive schema.
func refusingMembers(sd *diff.SchemaDiff, property string, seen map[*diff.SchemaDiff]bool, found func(string)) {
	if sd == nil || seen[sd] {
		return
	}
	seen[sd] = true
	if a := sd.AdditionalPropertiesAllowedDiff; a != nil && a.To == false && a.From != false {
		found(property)
	}
	if sd.PropertiesDiff != nil {
		for name, p := range sd.PropertiesDiff.Modified {
			refusingMembers(p, member(property, name), seen, found)
		}
	}
	refusingMembers(sd.ItemsDiff, property+"[]", seen, found)
	refusingMembers(sd.AdditionalPropertiesDiff, member(property, "*"), seen, found)
	for _, subschemas := range []*diff.SubschemasDiff{sd.AllOfDiff, sd.AnyOfDiff, sd.OneOfDiff} {
		if subschemas == nil {
			continue
		}
		for _, m := range subschemas.Modified {
			refusingMembers(m.Diff, property, seen, found)
		}
	}
}

// member is the path of the member name of the object at property.
func member(property, name string) string {
	if property == "" {
		return name
	}
	return property + "/" + name
}
