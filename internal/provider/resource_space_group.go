package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

var (
	_ resource.ResourceWithConfigure        = &spaceGroupResource{}
	_ resource.ResourceWithConfigValidators = &spaceGroupResource{}
	_ resource.ResourceWithModifyPlan       = &spaceGroupResource{}
	_ resource.ResourceWithImportState      = &spaceGroupResource{}
	_ resource.ResourceWithIdentity         = &spaceGroupResource{}
	_ spaceGroupAPI                         = (*confluence.Client)(nil)
)

// spaceGroupAPI is what csum_space_group needs of Confluence: it creates, finds and deletes groups and
// changes their space access (permissions and role).
type spaceGroupAPI interface {
	spacegroups.GroupFinder
	spacegroups.AccessWriter
	CreateGroup(ctx context.Context, name string) (confluence.Group, error)
	DeleteGroup(ctx context.Context, groupID string) error
}

func newSpaceGroupResource() resource.Resource { return &spaceGroupResource{} }

type spaceGroupResource struct {
	data   *providerData
	client spaceGroupAPI // nil without site credentials
}

type spaceGroupModel struct {
	ID          types.String `tfsdk:"id"`
	SpaceKey    types.String `tfsdk:"space_key"`
	Name        types.String `tfsdk:"name"`
	Permissions types.Set    `tfsdk:"permissions"`
	RoleID      types.String `tfsdk:"role_id"`
	GroupName   types.String `tfsdk:"group_name"`
	GroupID     types.String `tfsdk:"group_id"`
}

func (r *spaceGroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_space_group"
}

func (r *spaceGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One space group: a Confluence group named under the app's space group pattern, with its " +
			"access to the space: a space role (`role_id`) or individual permissions (`permissions`), as the site's space " +
			"access mode allows. Create checks `name` against the app's group name regex, creates the group and gives it " +
			"its access; a group of that name that exists already is refused, naming the ID that imports it. A role or " +
			"permission changed in Confluence shows in `plan`. The group is tracked by ID: if it is renamed outside " +
			"Terraform, `group_name` shows the new name and `plan` warns, but nothing is replaced. " +
			"Destroy removes the group's role, then deletes the group, with its members and permissions everywhere. A " +
			"destroy, replacement or access change that would leave the space without anyone who can administer it is " +
			"refused at plan time (and checked again before writing), naming the space: give administration to another " +
			"group or user first.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       keep,
				MarkdownDescription: "`SPACEKEY/<groupId>`.",
			},
			"space_key": schema.StringAttribute{
				Required:            true,
				PlanModifiers:       replace,
				MarkdownDescription: "Key of the space, e.g. `ENG`. Changing it replaces the group.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name": schema.StringAttribute{
				Required:      true,
				PlanModifiers: replace,
				MarkdownDescription: "The group's name within the space, as a space admin types it in CSUM, e.g. `writers`. " +
					"It must match the app's group name regex. Changing it replaces the group.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 200)},
			},
			"permissions": schema.SetAttribute{
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "The group's individual permissions in the space as `operation/target` pairs: " +
					"`read/space`, `delete/space`, `export/space`, `administer/space`, `restrict_content/space`, `create/page`, " +
					"`create/blogpost`, `create/comment`, `create/attachment`, `delete/page`, `delete/blogpost`, " +
					"`delete/comment`, `delete/attachment`, `archive/page`. `read/space` is required whenever any other is " +
					"present. Default: none. Not on sites in the `ROLES` mode (use `role_id`); at most one of `permissions` " +
					"and `role_id`. Authoritative for this group in this space; updated in place.",
				Validators: []validator.Set{permissionSetValidator{}},
			},
			"role_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ID of the group's space role, e.g. from the `csum_space_role` data source. Role IDs " +
					"differ from site to site. Not on sites in the `PRE_ROLES` mode (use `permissions`, or have a site admin " +
					"opt in to space roles); at most one of `role_id` and `permissions`. Omitted: the group has no role. " +
					"Authoritative; updated in place. Moving a group from `permissions` to `role_id` assigns the role before " +
					"it removes the permissions, so the group never has less access in between.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"group_name": schema.StringAttribute{
				Computed:      true,
				PlanModifiers: keep,
				MarkdownDescription: "The Confluence group name: the pattern applied to `name`, lower-cased (`eng-writers` " +
					"under `SPACEKEY-`). Shows the current name if the group is renamed outside Terraform.",
			},
			"group_id": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       keep,
				MarkdownDescription: "The group's ID, for `csum_space_group_membership`, `csum_permission_schemes` and others.",
			},
		},
	}
}

func (r *spaceGroupResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = groupIdentitySchema(false)
}

func (r *spaceGroupResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{oneKindOfAccess{}}
}

func (r *spaceGroupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if r.data != nil && r.data.confluence != nil { // no typed nil: a nil client means none
		r.client = r.data.confluence
	}
}

// ModifyPlan checks that the site's space access mode can serve the planned access, checks a new group's
// name against the app's regex, fills in the group name it will get, and warns about a group renamed outside
// Terraform.
func (r *spaceGroupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return
	}
	if !req.State.Raw.IsNull() && r.client != nil {
		r.refuseAdministerLockout(ctx, req, resp)
	}
	if req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	var plan spaceGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.client != nil {
		r.data.refuseAccessTheSiteCannotServe(ctx, plan.Permissions, plan.RoleID, &resp.Diagnostics)
	}
	if plan.SpaceKey.IsUnknown() || plan.Name.IsUnknown() {
		return
	}
	rules, ok := r.data.groupRules(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	want := rules.Pattern.GroupName(plan.SpaceKey.ValueString(), plan.Name.ValueString())
	if req.State.Raw.IsNull() {
		if !rules.FromApp {
			resp.Diagnostics.AddWarning("Assuming the default space group pattern", noAppWarning)
		}
		checkGroupName(rules, plan.Name.ValueString(), &resp.Diagnostics)
		if r.client != nil {
			if _, err := r.data.site.Space(ctx, plan.SpaceKey.ValueString()); err != nil {
				resp.Diagnostics.AddAttributeError(path.Root("space_key"), "Could not find the space", err.Error())
			}
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("group_name"), want)...)
		return
	}
	if actual := plan.GroupName.ValueString(); plan.GroupName.IsNull() || actual == want {
		return
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("group_name"), "The group was renamed outside Terraform",
		fmt.Sprintf("Group %s is now named %q, not %q. Terraform keeps managing it by ID and does not rename it back; "+
			"rename it in Confluence, or replace it (terraform apply -replace), to restore the pattern.",
			plan.GroupID.ValueString(), plan.GroupName.ValueString(), want))
}

func (r *spaceGroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan spaceGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	spaceKey := plan.SpaceKey.ValueString()
	rules, ok := r.data.groupRules(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	if checkGroupName(rules, plan.Name.ValueString(), &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	space, err := r.data.site.Space(ctx, spaceKey)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("space_key"), "Could not find the space", err.Error())
		return
	}
	name := rules.Pattern.GroupName(spaceKey, plan.Name.ValueString())
	g, err := spacegroups.CreateGroup(ctx, c, name)
	if err != nil {
		importID := spaceKey + "/" + plan.Name.ValueString()
		hint := ""
		var exists *spacegroups.GroupExistsError
		var unknown *httpx.OutcomeUnknownError
		switch {
		case errors.As(err, &exists):
			hint = ": import it with the ID " + importID + " instead"
		case errors.As(err, &unknown):
			hint = ". Apply again; should the group show by then, that apply refuses it as existing: import it with " +
				"the ID " + importID
		}
		resp.Diagnostics.AddError("Could not create the group", fmt.Sprintf("Creating group %q: %s%s.", name, err, hint))
		return
	}
	// From here on the group exists: record it even if its access cannot be given, so that it is not orphaned.
	plan.ID = types.StringValue(spacegroups.ResourceID(spaceKey, g.ID))
	plan.GroupID, plan.GroupName = types.StringValue(g.ID), types.StringValue(g.Name)
	r.data.applyAccess(ctx, c, space, g.ID, spacegroups.GroupAccess{}, nil, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setGroupIdentity(ctx, resp.Identity, spaceKey, g.ID, nil, &resp.Diagnostics)
}

func (r *spaceGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state spaceGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	// Even a read that finds the group gone returns an identity: a state written before identity has none.
	setGroupIdentity(ctx, resp.Identity, state.SpaceKey.ValueString(), state.GroupID.ValueString(), nil, &resp.Diagnostics)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	g, err := r.data.site.CurrentGroup(ctx, state.SpaceKey.ValueString(), state.GroupID.ValueString())
	if httpx.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the group", err.Error())
		return
	}
	space, err := r.data.site.Space(ctx, state.SpaceKey.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Could not find the space", err.Error())
		return
	}
	access, err := r.data.site.Access(ctx, space, false)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the group's space access", err.Error())
		return
	}
	state.record(space.Key, g, access)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *spaceGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan spaceGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	setGroupIdentity(ctx, resp.Identity, plan.SpaceKey.ValueString(), plan.GroupID.ValueString(), nil, &resp.Diagnostics)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	space, err := r.data.site.Space(ctx, plan.SpaceKey.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("space_key"), "Could not find the space", err.Error())
		return
	}
	unlock := r.data.site.LockSpace(space.Key) // the check below and the writes see other groups' changes
	defer unlock()
	access, err := r.data.site.Access(ctx, space, true)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the group's space access", err.Error())
		return
	}
	current, ids := access.Group(plan.GroupID.ValueString())
	desired := plannedAccess(ctx, plan.Permissions, plan.RoleID, &resp.Diagnostics)
	// Checked at plan time too; the space may have changed since.
	if r.data.refuseLosingTheLastAdministrator(ctx, space.Key, plan.GroupID.ValueString(), current, &desired, "changing its access", &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	r.data.applyAccess(ctx, c, space, plan.GroupID.ValueString(), current, ids, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *spaceGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state spaceGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	groupID := state.GroupID.ValueString()
	unlock := r.data.site.LockSpace(state.SpaceKey.ValueString())
	defer unlock()
	// Confluence lets a group delete take the space's last administrator with it: refuse before writing.
	have := plannedAccess(ctx, state.Permissions, state.RoleID, &resp.Diagnostics)
	if r.data.refuseLastAdminister(ctx, state.SpaceKey.ValueString(), groupID, have, "deleting the group", &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	if role := state.RoleID.ValueString(); role != "" {
		space, err := r.data.site.Space(ctx, state.SpaceKey.ValueString())
		if err == nil {
			err = r.data.site.RemoveRole(ctx, c, space, groupID)
		}
		if err != nil && !httpx.IsNotFound(err) {
			resp.Diagnostics.AddError("Could not remove the group's space role",
				fmt.Sprintf("Removing role %s of group %q in space %s, before deleting the group: %s. Nothing was deleted.",
					role, state.GroupName.ValueString(), state.SpaceKey.ValueString(), err))
			return
		}
	}
	err := c.DeleteGroup(ctx, groupID)
	var unknown *httpx.OutcomeUnknownError
	if errors.As(err, &unknown) {
		readCtx, cancel := spacegroups.Settling(ctx)
		defer cancel()
		_, err = c.GetGroup(readCtx, groupID) // gone now means the delete went through
		if err == nil {
			err = unknown
		}
	}
	if err != nil && !httpx.IsNotFound(err) {
		resp.Diagnostics.AddError("Could not delete the group", fmt.Sprintf("Group %q: %s", state.GroupName.ValueString(), err))
	}
}

// ImportState accepts SPACEKEY/<groupId>, SPACEKEY/<name> (the name within the space, as in `name`) or
// SPACEKEY/<full group name>, or the identity {space_key, group_id}.
func (r *spaceGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := importIDOf(ctx, req, false, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ref, err := spacegroups.ParseImportID(id, false)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error()+".")
		return
	}
	if !configured(r.client, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	rules, ok := r.data.groupRules(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	g, err := r.data.site.FindByShortOrFullName(ctx, rules, ref)
	if err != nil {
		resp.Diagnostics.AddError("Could not find the group to import", err.Error())
		return
	}
	short, err := spacegroups.NameInSpace(rules.Pattern, ref.SpaceKey, g)
	if err != nil {
		resp.Diagnostics.AddError("The group does not belong to the space", err.Error()+".")
		return
	}
	for attr, v := range map[string]string{"id": spacegroups.ResourceID(ref.SpaceKey, g.ID), "space_key": ref.SpaceKey,
		"group_id": g.ID, "group_name": g.Name, "name": short} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), v)...)
	}
	setGroupIdentity(ctx, resp.Identity, ref.SpaceKey, g.ID, nil, &resp.Diagnostics)
}

// refuseAdministerLockout refuses, at plan time, a destroy, replacement or access change that leaves the
// group's space without anyone who can administer it.
func (r *spaceGroupResource) refuseAdministerLockout(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var state spaceGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	have := plannedAccess(ctx, state.Permissions, state.RoleID, &resp.Diagnostics)
	var planned *spacegroups.GroupAccess // nil: the group loses all access
	action := "destroying the group"
	if !req.Plan.Raw.IsNull() {
		action = "replacing the group"
		if !plannedReplacement(ctx, req.State.GetAttribute, req.Plan.GetAttribute, "space_key", "name") {
			var plan spaceGroupModel
			resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
			if !fullyKnown(ctx, plan.Permissions) || plan.RoleID.IsUnknown() {
				return
			}
			desired := plannedAccess(ctx, plan.Permissions, plan.RoleID, &resp.Diagnostics)
			planned, action = &desired, "changing its access"
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.refuseLosingTheLastAdministrator(ctx, state.SpaceKey.ValueString(), state.GroupID.ValueString(), have, planned, action, &resp.Diagnostics)
}

func checkGroupName(rules spacegroups.Rules, name string, diags *diagnostics) {
	if err := rules.CheckName(name); err != nil {
		diags.AddAttributeError(path.Root("name"), "The name does not match the app's group name regex", sentence(err.Error()))
	}
}

// record sets what Confluence holds of the group: its ID and current name, and its access in the space. A
// refresh and a listing with include_resource both record a group this way, so that a listed group imports
// with no change to plan.
func (m *spaceGroupModel) record(spaceKey string, g confluence.Group, access spacegroups.SpaceAccess) {
	held, _ := access.Group(g.ID)
	m.ID = types.StringValue(spacegroups.ResourceID(spaceKey, g.ID))
	m.SpaceKey, m.GroupID, m.GroupName = types.StringValue(spaceKey), types.StringValue(g.ID), types.StringValue(g.Name)
	m.Permissions, m.RoleID = accessValues(held)
}
