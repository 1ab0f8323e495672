package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// Resource identity (Terraform 1.12+, OpenTofu 1.12+) names a space group by what never changes in its life:
// the space key and the group ID. A rename in CSUM creates a new group, so the group's name is no part of it.

// groupIdentity identifies csum_space_group and csum_space_group_membership.
type groupIdentity struct {
	SpaceKey types.String `tfsdk:"space_key"`
	GroupID  types.String `tfsdk:"group_id"`
}

// memberIdentity identifies csum_space_group_member: one account in one space group.
type memberIdentity struct {
	SpaceKey  types.String `tfsdk:"space_key"`
	GroupID   types.String `tfsdk:"group_id"`
	AccountID types.String `tfsdk:"account_id"`
}

// groupIdentitySchema is the identity schema of a space group, with account_id when withAccount.
func groupIdentitySchema(withAccount bool) identityschema.Schema {
	attrs := map[string]identityschema.Attribute{
		"space_key": identityschema.StringAttribute{RequiredForImport: true, Description: "Key of the space, e.g. `ENG`."},
		"group_id":  identityschema.StringAttribute{RequiredForImport: true, Description: "The group's ID."},
	}
	if withAccount {
		attrs["account_id"] = identityschema.StringAttribute{RequiredForImport: true, Description: "Account ID of the member."}
	}
	return identityschema.Schema{Attributes: attrs}
}

// setGroupIdentity records the identity of a space group, or of one of its members when account is given.
func setGroupIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, spaceKey, groupID string, account *string, diags *diagnostics) {
	if identity == nil {
		return
	}
	if account == nil {
		diags.Append(identity.Set(ctx, groupIdentity{types.StringValue(spaceKey), types.StringValue(groupID)})...)
		return
	}
	diags.Append(identity.Set(ctx, memberIdentity{types.StringValue(spaceKey), types.StringValue(groupID), types.StringValue(*account)})...)
}

// importIDOf returns the import ID of an import by ID, or the equal ID SPACEKEY/<groupId>[/<accountId>]
// of an import by identity, so that both take one path.
func importIDOf(ctx context.Context, req resource.ImportStateRequest, withAccount bool, diags *diagnostics) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	if withAccount {
		var id memberIdentity
		if diags.Append(req.Identity.Get(ctx, &id)...); diags.HasError() {
			return ""
		}
		return spacegroups.ResourceID(id.SpaceKey.ValueString(), id.GroupID.ValueString()) + "/" + id.AccountID.ValueString()
	}
	var id groupIdentity
	if diags.Append(req.Identity.Get(ctx, &id)...); diags.HasError() {
		return ""
	}
	return spacegroups.ResourceID(id.SpaceKey.ValueString(), id.GroupID.ValueString())
}
