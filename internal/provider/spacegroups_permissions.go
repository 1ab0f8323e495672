package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// readSpace is the permission every other space permission depends on: Confluence refuses any grant to a
// subject without it, and removing it removes all of the subject's permissions in the space.
const readSpace = "read/space"

// validPermissions are the operation/target pairs Confluence accepts in a v1 space permission write.
var validPermissions = []string{
	"read/space", "delete/space", "export/space", "administer/space", "restrict_content/space",
	"create/page", "create/blogpost", "create/comment", "create/attachment",
	"delete/page", "delete/blogpost", "delete/comment", "delete/attachment",
	"archive/page",
}

// splitPermission splits "create/page" into its operation and target.
func splitPermission(p string) (operation, target string) {
	operation, target, _ = strings.Cut(p, "/")
	return operation, target
}

// permissionProblems returns what is wrong with a permission set, independent of any server: unknown
// pairs, and other permissions without read/space.
func permissionProblems(perms []string) []string {
	var problems []string
	for _, p := range perms {
		if !slices.Contains(validPermissions, p) {
			problems = append(problems, "\""+p+"\" is not a space permission Confluence grants; use one of: "+strings.Join(validPermissions, ", "))
		}
	}
	if len(perms) > 0 && !slices.Contains(perms, readSpace) {
		problems = append(problems, "every other space permission needs \"read/space\" (Confluence refuses them without it): add \"read/space\"")
	}
	return problems
}

// orderGrants puts read/space first, because Confluence refuses any other grant before it.
func orderGrants(add []string) []string {
	out := slices.Clone(add)
	slices.SortStableFunc(out, func(a, b string) int { return boolRank(b == readSpace) - boolRank(a == readSpace) })
	return out
}

// orderRevokes removes read/space last; and when read/space goes, only it is removed, because Confluence
// then removes every other permission of the group in the space by itself.
func orderRevokes(remove []string) []string {
	if slices.Contains(remove, readSpace) {
		return []string{readSpace}
	}
	return slices.Clone(remove)
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// permissionSetValidator checks a permissions set at plan time with permissionProblems.
type permissionSetValidator struct{}

func (permissionSetValidator) Description(context.Context) string {
	return "valid operation/target pairs, including read/space whenever any other is present"
}

func (v permissionSetValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (permissionSetValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || !fullyKnown(ctx, req.ConfigValue) {
		return
	}
	var perms []string
	resp.Diagnostics.Append(req.ConfigValue.ElementsAs(ctx, &perms, false)...)
	for _, p := range permissionProblems(perms) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid space permissions", p+".")
	}
}
