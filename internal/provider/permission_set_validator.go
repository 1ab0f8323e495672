package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// permissionSetValidator checks a permissions set at plan time with spacegroups.PermissionProblems.
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
	for _, p := range spacegroups.PermissionProblems(perms) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid space permissions", p+".")
	}
}
