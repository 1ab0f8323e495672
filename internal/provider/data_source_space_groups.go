package provider

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

var (
	_ datasource.DataSourceWithConfigure = &spaceGroupsDataSource{}
	_ spaceGroupsAPI                     = (*confluence.Client)(nil)
)

func newSpaceGroupsDataSource() datasource.DataSource { return &spaceGroupsDataSource{} }

type spaceGroupsDataSource struct {
	data   *providerData
	client spaceGroupsAPI // nil without site credentials
}

// spaceGroupsAPI is what csum_space_groups needs of Confluence: the spaces and the groups of the site, and
// the groups' members when they are asked for.
type spaceGroupsAPI interface {
	spacegroups.GroupLister
	spacegroups.SpaceLister
	spacegroups.MemberReader
}

type spaceGroupsModel struct {
	SpaceKey       types.String `tfsdk:"space_key"`
	SpaceKeys      types.Set    `tfsdk:"space_keys"`
	IncludeMembers types.Bool   `tfsdk:"include_members"`
	Groups         types.List   `tfsdk:"groups"`
	ByKey          types.Map    `tfsdk:"by_key"`
}

var spaceGroupObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":          types.StringType,
	"name":        types.StringType,
	"role_id":     types.StringType,
	"permissions": types.SetType{ElemType: types.StringType},
	"members":     types.MapType{ElemType: types.StringType},
}}

// spaceGroupEntryType is one group of by_key: what a csum_space_group block (or its import) needs.
var spaceGroupEntryType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"space_key":   types.StringType,
	"group_id":    types.StringType,
	"group_name":  types.StringType,
	"name":        types.StringType,
	"role_id":     types.StringType,
	"permissions": types.SetType{ElemType: types.StringType},
	"members":     types.MapType{ElemType: types.StringType},
}}

// accessReaders is how many spaces' access a read of many spaces reads at once.
const accessReaders = 4

func (d *spaceGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_space_groups"
}

func (d *spaceGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The groups that belong to one space, several, or every space the caller can see, under the " +
			"CSUM space group pattern, as the app sees them (blocklisted groups and groups with a global permission left " +
			"out). `by_key` is made for `import { for_each = ... }` blocks (Terraform 1.7+, OpenTofu 1.7+), which bring " +
			"every group of a site under Terraform with one import block. Without `app_url` the provider assumes the " +
			"default pattern `SPACEKEY-`, lists every group of the site (once) to find them, and warns.",
		Attributes: map[string]schema.Attribute{
			"space_key": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "One space key, e.g. `ENG`. At most one of `space_key` and `space_keys`; with neither, every space the caller can see.",
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.ConflictsWith(path.MatchRoot("space_keys")),
				},
			},
			"include_members": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also read each group's members (one paged member listing per group) into `members`: " +
					"account ID to display name, the shape of `csum_space_group_membership.members`. Without it `members` is " +
					"null. Needs Confluence credentials.",
			},
			"space_keys": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Several space keys, e.g. `[\"ENG\", \"OPS\"]`. A key of a space that does not exist, " +
					"or that the caller cannot see, is an error. Needs the provider's Confluence credentials, as reading every space does.",
				Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"groups": schema.ListAttribute{
				Computed:    true,
				ElementType: spaceGroupObjectType,
				MarkdownDescription: "With `space_key`: the space's groups sorted by name, each with `id`, `name` (the " +
					"Confluence group name), and its access to the space: `role_id` (null without a role) and `permissions` " +
					"(its individual permissions), and `members` with `include_members`. The access is null when the provider " +
					"has no Confluence credentials. Null with `space_keys` or for every space: use `by_key`.",
			},
			"by_key": schema.MapAttribute{
				Computed:    true,
				ElementType: spaceGroupEntryType,
				MarkdownDescription: "Every group found, keyed `SPACEKEY/<group name>` (e.g. `ENG/eng-writers`, which is " +
					"also an import ID of `csum_space_group` and `csum_space_group_membership`), each with `space_key`, " +
					"`group_id`, `group_name` (the Confluence group name), `name` (the group's name within the space, as " +
					"`csum_space_group.name`), `role_id` and `permissions` (as in `groups`).",
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
		if !configured(d.client, d.data.confluenceClient, &resp.Diagnostics) {
			return
		}
		resp.Diagnostics.AddWarning("Assuming the default space group pattern", noAppWarning)
	}
	rules, ok := d.data.groupRules(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	var spaces []confluence.Space
	var bySpace map[string][]csumapi.SpaceGroup
	if single := m.SpaceKey.ValueString(); single != "" {
		groups, err := d.data.site.ListSpaceGroups(ctx, d.client, single)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("space_key"), "Could not list the space's groups", sentence(err.Error()))
			return
		}
		spaces, bySpace = []confluence.Space{{Key: single}}, map[string][]csumapi.SpaceGroup{single: groups}
		if d.client != nil {
			if spaces[0], err = d.data.site.Space(ctx, single); err != nil {
				resp.Diagnostics.AddAttributeError(path.Root("space_key"), "Could not read the space's access", sentence(err.Error()))
				return
			}
		}
	} else {
		if !configured(d.client, d.data.confluenceClient, &resp.Diagnostics) {
			return
		}
		var keys []string
		resp.Diagnostics.Append(m.SpaceKeys.ElementsAs(ctx, &keys, false)...)
		var err error
		if spaces, err = d.data.site.Spaces(ctx, d.client, keys); err == nil {
			bySpace, err = d.data.site.SpaceGroupsOf(ctx, d.client, spaceKeys(spaces))
		}
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("space_keys"), "Could not list the spaces' groups", sentence(err.Error()))
			return
		}
	}
	access, err := d.spacesAccess(ctx, spaces, bySpace)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the spaces' access", sentence(err.Error()))
		return
	}
	members, ok := d.members(ctx, m.IncludeMembers.ValueBool(), bySpace, &resp.Diagnostics)
	if !ok {
		return
	}
	m.Groups = types.ListNull(spaceGroupObjectType)
	entries := map[string]attr.Value{}
	for _, sp := range spaces {
		var list []attr.Value
		for _, g := range bySpace[sp.Key] {
			perms, role := types.SetNull(types.StringType), types.StringNull()
			if a, ok := access[sp.Key]; ok {
				held, _ := a.Group(g.ID)
				perms, role = accessValues(held)
			}
			list = append(list, types.ObjectValueMust(spaceGroupObjectType.AttrTypes, map[string]attr.Value{
				"id": types.StringValue(g.ID), "name": types.StringValue(g.Name), "role_id": role, "permissions": perms,
				"members": members(g.ID),
			}))
			short, _ := rules.Pattern.ShortName(sp.Key, g.Name)
			entries[spacegroups.ResourceID(sp.Key, g.Name)] = types.ObjectValueMust(spaceGroupEntryType.AttrTypes, map[string]attr.Value{
				"space_key": types.StringValue(sp.Key), "group_id": types.StringValue(g.ID), "group_name": types.StringValue(g.Name),
				"name": types.StringValue(short), "role_id": role, "permissions": perms, "members": members(g.ID),
			})
		}
		if !m.SpaceKey.IsNull() {
			m.Groups = types.ListValueMust(spaceGroupObjectType, list)
		}
	}
	m.ByKey = types.MapValueMust(spaceGroupEntryType, entries)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// spacesAccess reads the access of each space that has groups, once per space and a few spaces at once; none
// without Confluence credentials.
func (d *spaceGroupsDataSource) spacesAccess(ctx context.Context, spaces []confluence.Space, bySpace map[string][]csumapi.SpaceGroup) (map[string]spacegroups.SpaceAccess, error) {
	out := map[string]spacegroups.SpaceAccess{}
	if d.client == nil {
		return out, nil
	}
	var mu sync.Mutex
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(accessReaders)
	for _, sp := range spaces {
		if len(bySpace[sp.Key]) == 0 {
			continue
		}
		g.Go(func() error {
			a, err := d.data.site.Access(ctx, sp, false)
			mu.Lock()
			defer mu.Unlock()
			out[sp.Key] = a
			return err
		})
	}
	return out, g.Wait()
}

// members reads the members of every group found when include is set, and returns each group's as a map
// value: null when they were not asked for.
func (d *spaceGroupsDataSource) members(ctx context.Context, include bool, bySpace map[string][]csumapi.SpaceGroup, diags *diagnostics) (func(groupID string) types.Map, bool) {
	none := func(string) types.Map { return types.MapNull(types.StringType) }
	if !include {
		return none, true
	}
	if !configured(d.client, d.data.confluenceClient, diags) {
		return none, false
	}
	var ids []string
	for _, groups := range bySpace {
		for _, g := range groups {
			ids = append(ids, g.ID)
		}
	}
	rosters, err := spacegroups.ReadRosters(ctx, d.client, ids)
	if err != nil {
		diags.AddAttributeError(path.Root("include_members"), "Could not read the groups' members", sentence(err.Error()))
		return none, false
	}
	return func(groupID string) types.Map { return memberMap(rosters[groupID]) }, true
}

func spaceKeys(spaces []confluence.Space) []string {
	keys := make([]string, len(spaces))
	for i, sp := range spaces {
		keys[i] = sp.Key
	}
	return keys
}
