package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

var _ datasource.DataSourceWithConfigure = &spaceRolesDataSource{}

func newSpaceRolesDataSource() datasource.DataSource { return &spaceRolesDataSource{} }

type spaceRolesDataSource struct{ data *providerData }

type spaceRolesModel struct {
	Mode  types.String `tfsdk:"mode"`
	Roles types.List   `tfsdk:"roles"`
}

// spaceRoleObjectType is one role as csum_space_roles lists it.
var spaceRoleObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":          types.StringType,
	"name":        types.StringType,
	"type":        types.StringType,
	"description": types.StringType,
	"permissions": types.SetType{ElemType: types.StringType},
}}

func (d *spaceRolesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_space_roles"
}

func (d *spaceRolesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The site's space access mode and its space roles, system and custom. Role IDs differ from " +
			"site to site and role names follow the caller's language, so configurations take a role's `id` from here or " +
			"from `csum_space_role`. On a site in the `PRE_ROLES` mode, `roles` is empty.",
		Attributes: map[string]schema.Attribute{
			"mode": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "The site's space access mode: `PRE_ROLES` (individual permissions only), " +
					"`ROLES_TRANSITION` (both) or `ROLES` (roles only, the mode of every site created since November 2025).",
			},
			"roles": schema.ListAttribute{
				Computed:    true,
				ElementType: spaceRoleObjectType,
				MarkdownDescription: "The roles in the order Confluence lists them, each with `id`, `name`, `type` " +
					"(`SYSTEM` or `CUSTOM`), `description` and `permissions` (the space permissions the role grants).",
			},
		},
	}
}

func (d *spaceRolesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *spaceRolesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if d.data.confluenceClient(&resp.Diagnostics) == nil {
		return
	}
	mode, err := d.data.site.Mode(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the site's space access mode", err.Error())
		return
	}
	var roles []confluence.SpaceRole
	if spacegroups.HasRoles(mode) {
		if roles, err = d.data.site.Roles(ctx); err != nil {
			resp.Diagnostics.AddError("Could not read the site's space roles", err.Error())
			return
		}
	}
	elems := make([]attr.Value, 0, len(roles))
	for _, r := range roles {
		elems = append(elems, spaceRoleObject(r))
	}
	m := spaceRolesModel{Mode: types.StringValue(mode), Roles: types.ListValueMust(spaceRoleObjectType, elems)}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func spaceRoleObject(r confluence.SpaceRole) attr.Value {
	return types.ObjectValueMust(spaceRoleObjectType.AttrTypes, map[string]attr.Value{
		"id":          types.StringValue(r.ID),
		"name":        types.StringValue(r.Name),
		"type":        types.StringValue(r.Type),
		"description": types.StringValue(r.Description),
		"permissions": stringSet(r.SpacePermissions),
	})
}
