package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

var (
	_ datasource.DataSourceWithConfigure = &spaceGroupsDataSource{}
	_ spacegroups.GroupLister            = (*confluence.Client)(nil)
)

func newSpaceGroupsDataSource() datasource.DataSource { return &spaceGroupsDataSource{} }

type spaceGroupsDataSource struct {
	data   *providerData
	client spacegroups.GroupLister // nil without site credentials
}

type spaceGroupsModel struct {
	SpaceKey types.String `tfsdk:"space_key"`
	Groups   types.List   `tfsdk:"groups"`
}

var spaceGroupObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":          types.StringType,
	"name":        types.StringType,
	"role_id":     types.StringType,
	"permissions": types.SetType{ElemType: types.StringType},
}}

func (d *spaceGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_space_groups"
}

func (d *spaceGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The groups that belong to a space under the CSUM space group pattern, as the app sees " +
			"them (blocklisted groups and groups with a global permission left out). Without `app_url` the provider " +
			"assumes the default pattern `SPACEKEY-`, lists every group to find them, and warns.",
		Attributes: map[string]schema.Attribute{
			"space_key": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The space key, e.g. `ENG`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"groups": schema.ListAttribute{
				Computed:    true,
				ElementType: spaceGroupObjectType,
				MarkdownDescription: "The space's groups sorted by name, each with `id`, `name`, and its access to the " +
					"space: `role_id` (null without a role) and `permissions` (its individual permissions). The access is " +
					"null when the provider has no Confluence credentials.",
			},
		},
	}
}

func (d *spaceGroupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if d.data != nil && d.data.confluence != nil { // no typed nil: a nil client means none
		d.client = d.data.confluence
	}
}

func (d *spaceGroupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m spaceGroupsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !d.data.site.HasApp() { // then every group of the site is read
		if !confluenceConfigured(d.client, d.data, &resp.Diagnostics) {
			return
		}
		resp.Diagnostics.AddWarning("Assuming the default space group pattern", noAppWarning)
	}
	groups, err := d.data.site.ListSpaceGroups(ctx, d.client, m.SpaceKey.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("space_key"), "Could not list the space's groups", sentence(err.Error()))
		return
	}
	var access *spacegroups.SpaceAccess
	if d.client != nil {
		space, err := d.data.site.Space(ctx, m.SpaceKey.ValueString())
		var a spacegroups.SpaceAccess
		if err == nil {
			a, err = d.data.site.Access(ctx, space, false)
		}
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("space_key"), "Could not read the space's access", sentence(err.Error()))
			return
		}
		access = &a
	}
	elems := make([]attr.Value, 0, len(groups))
	for _, g := range groups {
		perms, role := types.SetNull(types.StringType), types.StringNull()
		if access != nil {
			held, _ := access.Group(g.ID)
			perms, role = accessValues(held)
		}
		elems = append(elems, types.ObjectValueMust(spaceGroupObjectType.AttrTypes, map[string]attr.Value{
			"id":          types.StringValue(g.ID),
			"name":        types.StringValue(g.Name),
			"role_id":     role,
			"permissions": perms,
		}))
	}
	m.Groups = types.ListValueMust(spaceGroupObjectType, elems)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
