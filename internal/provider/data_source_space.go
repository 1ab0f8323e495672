package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

var _ datasource.DataSourceWithConfigure = &spaceDataSource{}

func newSpaceDataSource() datasource.DataSource { return &spaceDataSource{} }

type spaceDataSource struct{ data *providerData }

type spaceModel struct {
	Key  types.String `tfsdk:"key"`
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
	Type types.String `tfsdk:"type"`
}

func (d *spaceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_space"
}

func (d *spaceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Confluence space by key. A space the configured account cannot view is reported as missing.",
		Attributes: map[string]schema.Attribute{
			"key": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The space key, e.g. `ENG`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The numeric space ID (as a string), as the v2 API uses it.",
			},
			"name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The space's name.",
			},
			"type": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`global`, `personal`, `collaboration`, `knowledge_base` and so on.",
			},
		},
	}
}

func (d *spaceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *spaceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m spaceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || d.data.confluenceClient(&resp.Diagnostics) == nil {
		return
	}
	s, err := d.data.site.Space(ctx, m.Key.ValueString())
	if httpx.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("key"), "No such space", err.Error()+".")
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the space", err.Error())
		return
	}
	m.ID, m.Name, m.Type = types.StringValue(s.ID), types.StringValue(s.Name), types.StringValue(s.Type)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
