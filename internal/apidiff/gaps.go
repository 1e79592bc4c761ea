package apidiff

import (
	"fmt"
	"regexp"

	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"
)

// The ids of the gate's checks of changes oasdiff v1.37.0 reports as no change at all.
const (
	// pathParamRenamedID: a path template whose parameters are renamed ({userid} → {user_id})
	// sends the same requests, but openapi-typescript keys its paths by the template and its
	// path parameters by name, so TypeScript code written for the base stops compiling.
	pathParamRenamedID = "api-path-param-renamed"
	// serverRemovedID: a server URL of the base is no longer among the revision's servers.
	// Nothing in gen/ derives from servers (the clients take a base URL), but users, and
	// api/ssojet's DefaultBaseURL, configured with the removed URL may have to change it.
	serverRemovedID = "api-server-removed"
	// componentRemovedID: a component parameter, response, header or request body removed (or
	// renamed). oasdiff rates removed component schemas (api-schema-removed) but not these,
	// though they are type names of the SDKs too: oapi-codegen's UserID and BadRequest,
	// openapi-typescript's ParameterUserId, ResponseBadRequest and HeaderETag (--root-types).
	componentRemovedID = "api-component-removed"
)

// ownChanges returns the changes of the gate's own checks between base and revision.
func ownChanges(d *diff.Diff, base, revision *load.SpecInfo) checker.Changes {
	changes := append(requestSchemaChanges(d), pathParamsRenamed(base, revision)...)
	if d != nil && d.ServersDiff != nil {
		for _, url := range d.ServersDiff.Deleted {
			changes = append(changes, ownChange{
				ApiChange: checker.ApiChange{Id: serverRemovedID, Level: checker.WARN, Args: []any{url}},
				text:      fmt.Sprintf("the server `%s` was removed: users of that base URL (api/ssojet's DefaultBaseURL, the CLI's --base-url) may have to change it", url),
			})
		}
	}
	if d != nil && d.ComponentsDiff != nil {
		c, removed := d.ComponentsDiff, map[string][]string{}
		if c.ParametersDiff != nil {
			removed["parameters"] = c.ParametersDiff.Deleted
		}
		if c.ResponsesDiff != nil {
			removed["responses"] = c.ResponsesDiff.Deleted
		}
		if c.HeadersDiff != nil {
			removed["headers"] = c.HeadersDiff.Deleted
		}
		if c.RequestBodiesDiff != nil {
			removed["requestBodies"] = c.RequestBodiesDiff.Deleted
		}
		for _, kind := range []string{"parameters", "responses", "headers", "requestBodies"} {
			for _, name := range removed[kind] {
				changes = append(changes, ownChange{
					ApiChange: checker.ApiChange{Id: componentRemovedID, Level: checker.ERR, Args: []any{kind, name}},
					text:      fmt.Sprintf("the component `%s/%s` was removed: the generated SDKs' type of that name is gone", kind, name),
				})
			}
		}
	}
	return changes
}

// pathParam is a parameter of a path template.
var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// pathParamsRenamed returns an ERR change of pathParamRenamedID for each operation of the base
// whose path the revision spells with other parameter names.
func pathParamsRenamed(base, revision *load.SpecInfo) checker.Changes {
	if base.Spec.Paths == nil || revision.Spec.Paths == nil {
		return nil
	}
	revisionPaths := map[string]string{} // by template without parameter names
	for path := range revision.Spec.Paths.Map() {
		revisionPaths[pathParam.ReplaceAllString(path, "{}")] = path
	}
	var changes checker.Changes
	for path, item := range base.Spec.Paths.Map() {
		renamed, ok := revisionPaths[pathParam.ReplaceAllString(path, "{}")]
		if !ok || renamed == path || revision.Spec.Paths.Value(path) != nil {
			continue
		}
		revisionItem := revision.Spec.Paths.Value(renamed)
		for method, op := range item.Operations() {
			if revisionItem.GetOperation(method) == nil {
				continue
			}
			changes = append(changes, ownChange{
				ApiChange: checker.ApiChange{Id: pathParamRenamedID, Level: checker.ERR, Args: []any{method, path, renamed}, OperationId: op.OperationID},
				text:      fmt.Sprintf("%s %s: the path's parameters were renamed: it is now `%s` (openapi-typescript's paths and path parameters are keyed by these names)", method, path, renamed),
			})
		}
	}
	return changes
}
