package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

var (
	_ datasource.DataSourceWithConfigure        = &spaceRoleDataSource{}
	_ datasource.DataSourceWithConfigValidators = &spaceRoleDataSource{}
)

func newSpaceRoleDataSource() datasource.DataSource { return &spaceRoleDataSource{} }

type spaceRoleDataSource struct{ data *providerData }

type spaceRoleModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Type        types.String `tfsdk:"type"`
	Description types.String `tfsdk:"description"`
	Permissions types.Set    `tfsdk:"permissions"`
}

func (d *spaceRoleDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_space_role"
}

func (d *spaceRoleDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One space role of the site, by `id` or by `name`, so that `csum_space_group.role_id` need " +
			"not hold an ID pasted by hand: role IDs differ from site to site. A name must match exactly one role " +
			"(case-insensitive); otherwise the error lists the site's roles. Role names follow the language of the " +
			"configured account.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "The role's ID. Exactly one of `id` and `name`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "The role's name, e.g. `Collaborator`, case-insensitive. Exactly one of `id` and `name`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"type": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`SYSTEM` (Admin, Manager, Collaborator, Viewer) or `CUSTOM`.",
			},
			"description": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The role's description.",
			},
			"permissions": schema.SetAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The space permissions the role grants.",
			},
		},
	}
}

func (d *spaceRoleDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *spaceRoleDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *spaceRoleDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m spaceRoleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || d.data.confluenceClient(&resp.Diagnostics) == nil {
		return
	}
	mode, err := d.data.site.Mode(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the site's space access mode", err.Error())
		return
	}
	if !spacegroups.HasRoles(mode) {
		resp.Diagnostics.AddError("This site does not use space roles yet",
			"The site is in the PRE_ROLES space access mode, so it has no space roles. A Confluence admin can opt the site "+
				"in to space roles (Confluence administration, New features); until then, give space groups permissions.")
		return
	}
	roles, err := d.data.site.Roles(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the site's space roles", err.Error())
		return
	}
	attr, matches := "id", matchRoles(roles, func(r confluence.SpaceRole) bool { return r.ID == m.ID.ValueString() })
	if !m.Name.IsNull() {
		attr, matches = "name", matchRoles(roles, func(r confluence.SpaceRole) bool { return strings.EqualFold(r.Name, m.Name.ValueString()) })
	}
	if len(matches) != 1 {
		what := fmt.Sprintf("No space role has the %s %q", attr, m.ID.ValueString()+m.Name.ValueString())
		if len(matches) > 1 {
			what = fmt.Sprintf("%d space roles are named %q; use id instead", len(matches), m.Name.ValueString())
		}
		resp.Diagnostics.AddAttributeError(path.Root(attr), "The role must match exactly one space role",
			what+". The site's roles:"+bulletList(describeRoles(roles)))
		return
	}
	r := matches[0]
	m.ID, m.Name, m.Type, m.Description = types.StringValue(r.ID), types.StringValue(r.Name), types.StringValue(r.Type), types.StringValue(r.Description)
	m.Permissions = stringSet(r.SpacePermissions)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func matchRoles(roles []confluence.SpaceRole, match func(confluence.SpaceRole) bool) []confluence.SpaceRole {
	var out []confluence.SpaceRole
	for _, r := range roles {
		if match(r) {
			out = append(out, r)
		}
	}
	return out
}
