package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

func newSpaceGroupList() list.ListResource {
	return &spaceGroupList{
		typeName: "_space_group",
		description: "Lists space groups for `terraform query` (Terraform 1.14+): one result per group of the spaces given, " +
			"or of every space the caller can see, displayed as `SPACEKEY / group name` and identified by " +
			"`{space_key, group_id}`. `terraform query -generate-config-out` writes a `csum_space_group` block and an " +
			"import block for each. Without `include_resource` it reads the spaces in one listing and the groups once " +
			"per space (once for the whole site without `app_url`); with it, the site's space access mode once and each space's " +
			"access once per space.",
		state: listedSpaceGroup,
	}
}

// listedSpaceGroup fills a result with the state of csum_space_group that an import of the group records.
func listedSpaceGroup(ctx context.Context, l *spaceGroupList, found spacegroups.Found, result *list.ListResult) {
	pattern, err := l.data.site.Pattern(ctx) // as the listing of the space's groups gave it
	if err != nil {
		result.Diagnostics.AddError("Could not read the space group pattern", sentence(err.Error()))
		return
	}
	name, err := spacegroups.NameInSpace(pattern, found.Space.Key, found.Group)
	if err != nil {
		result.Diagnostics.AddError("The group does not belong to the space", sentence(err.Error()))
		return
	}
	access, err := l.data.site.Access(ctx, found.Space, false)
	if err != nil {
		result.Diagnostics.AddError("Could not read the group's space access", sentence(err.Error()))
		return
	}
	state := spaceGroupModel{Name: types.StringValue(name)}
	state.record(found.Space.Key, found.Group, access)
	result.Diagnostics.Append(result.Resource.Set(ctx, &state)...)
}
