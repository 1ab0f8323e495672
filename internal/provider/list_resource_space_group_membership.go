package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

func newSpaceGroupMembershipList() list.ListResource {
	return &spaceGroupList{
		typeName: "_space_group_membership",
		description: "Lists the memberships of space groups for `terraform query` (Terraform 1.14+): one result per group " +
			"of the spaces given, or of every space the caller can see, displayed as `SPACEKEY / group name` and " +
			"identified by `{space_key, group_id}`. `terraform query -generate-config-out` writes a " +
			"`csum_space_group_membership` block, with every member labelled with their display name, and an import " +
			"block for each. Without `include_resource` no member is read: the spaces come in one listing and the groups " +
			"once per space (once for the whole site without `app_url`). With it (which `-generate-config-out` implies), " +
			"each listed group's members are read too, page by page, and never those of groups beyond `limit`.",
		state: listedMembership,
	}
}

// listedMembership fills a result with the state of csum_space_group_membership that an import of the group
// records: its members labelled with their display names.
func listedMembership(ctx context.Context, l *spaceGroupList, found spacegroups.Found, result *list.ListResult) {
	members, err := spacegroups.ReadMembers(ctx, l.client, found.Group.ID, nil)
	if err != nil {
		result.Diagnostics.AddError("Could not read the group's members",
			fmt.Sprintf("Group %q (%s) of space %s: %s.", found.Group.Name, found.Group.ID, found.Space.Key, err))
		return
	}
	var state membershipModel
	// The null timeouts block of a new result, with its type: import leaves it null too.
	result.Diagnostics.Append(result.Resource.GetAttribute(ctx, path.Root("timeouts"), &state.Timeouts)...)
	state.record(found.Space.Key, found.Group.ID, types.StringValue(found.Group.Name), members)
	result.Diagnostics.Append(result.Resource.Set(ctx, &state)...)
}
