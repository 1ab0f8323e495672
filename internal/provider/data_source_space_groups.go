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

	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

var _ datasource.DataSourceWithConfigure = &spaceGroupsDataSource{}

func newSpaceGroupsDataSource() datasource.DataSource { return &spaceGroupsDataSource{} }

type spaceGroupsDataSource struct{ data *providerData }

type spaceGroupsModel struct {
	SpaceKey types.String `tfsdk:"space_key"`
	Groups   types.List   `tfsdk:"groups"`
}

var spaceGroupObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{"id": types.StringType, "name": types.StringType}}

func (d *spaceGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_space_groups"
}

func (d *spaceGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The groups that belong to a space under the CSUM space group pattern, as the app sees " +
			"them (blocklisted groups and groups with a global permission left out). Without `app_url` the provider " +
			"assumes the default pattern `SPACEKEY-`, lists every group to find them, and warns.",
		Attributes: map[string]schema.Attribute{
			"space_key": schema.StringAttribute{Required: true, MarkdownDescription: "The space key, e.g. `ENG`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"groups": schema.ListAttribute{Computed: true, ElementType: spaceGroupObjectType,
				MarkdownDescription: "The space's groups sorted by name, each with `id` and `name`."},
		},
	}
}

func (d *spaceGroupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *spaceGroupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m spaceGroupsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := m.SpaceKey.ValueString()
	var groups []csumapi.SpaceGroup
	if d.data != nil && d.data.app != nil {
		listed, err := d.data.app.SpaceGroups(ctx, key)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("space_key"), "Could not list the space's groups", err.Error())
			return
		}
		d.data.lookups.putGroupsOf(key, listed.Results)
		groups = listed.Results
	} else {
		c := d.data.confluenceClient(&resp.Diagnostics)
		if c == nil {
			return
		}
		resp.Diagnostics.AddWarning("Assuming the default space group pattern", noAppWarning)
		if _, err := d.data.lookupSpace(ctx, c, key); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("space_key"), "Could not find the space", err.Error())
			return
		}
		all, err := c.ListGroups(ctx)
		if err != nil {
			resp.Diagnostics.AddError("Could not list the groups", err.Error())
			return
		}
		pattern := csumdoc.DefaultSettings().GroupSettings.SpaceGroupPattern
		for _, g := range all {
			if pattern.Belongs(key, g.Name) {
				groups = append(groups, csumapi.SpaceGroup{ID: g.ID, Name: g.Name})
			}
		}
	}
	elems := make([]attr.Value, 0, len(groups))
	for _, g := range groups {
		elems = append(elems, types.ObjectValueMust(spaceGroupObjectType.AttrTypes,
			map[string]attr.Value{"id": types.StringValue(g.ID), "name": types.StringValue(g.Name)}))
	}
	m.Groups = types.ListValueMust(spaceGroupObjectType, elems)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
