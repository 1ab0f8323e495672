package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

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
	_ resource.ResourceWithConfigure   = &spaceGroupResource{}
	_ resource.ResourceWithModifyPlan  = &spaceGroupResource{}
	_ resource.ResourceWithImportState = &spaceGroupResource{}
	_ spaceGroupAPI                    = (*confluence.Client)(nil)
)

// spaceGroupAPI is what csum_space_group needs of Confluence: it creates, finds and deletes groups and
// changes their space permissions.
type spaceGroupAPI interface {
	spacegroups.GroupFinder
	spacegroups.Permissions
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
			"permissions in the space. Create checks `name` against the app's group name regex, creates the group and " +
			"grants the permissions. Permissions changed in Confluence show in `plan`. The group is tracked by ID: if it " +
			"is renamed outside Terraform, `group_name` shows the new name and `plan` warns, but nothing is replaced. " +
			"Destroy deletes the group, with its members and permissions everywhere. A destroy, replacement or permission " +
			"change that would take away the last `administer/space` of the space is refused at plan time (and checked again " +
			"before the group is deleted), naming the space: grant it to another group or user first.",
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
				MarkdownDescription: "The group's permissions in the space as `operation/target` pairs: `read/space`, " +
					"`delete/space`, `export/space`, `administer/space`, `restrict_content/space`, `create/page`, " +
					"`create/blogpost`, `create/comment`, `create/attachment`, `delete/page`, `delete/blogpost`, " +
					"`delete/comment`, `delete/attachment`, `archive/page`. `read/space` is required whenever any other is " +
					"present. Default: none. Authoritative for this group in this space; updated in place.",
				Validators: []validator.Set{permissionSetValidator{}},
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

func (r *spaceGroupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if r.data != nil && r.data.confluence != nil { // no typed nil: a nil client means none
		r.client = r.data.confluence
	}
}

// ModifyPlan checks a new group's name against the app's regex, fills in the group name it will get, and
// warns about a group renamed outside Terraform.
func (r *spaceGroupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return
	}
	if !req.State.Raw.IsNull() && r.data.confluence != nil {
		r.refuseAdministerLockout(ctx, req, resp)
	}
	if req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	var plan spaceGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.SpaceKey.IsUnknown() || plan.Name.IsUnknown() {
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
		if r.data.confluence != nil {
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
	if resp.Diagnostics.HasError() || !confluenceConfigured(c, r.data, &resp.Diagnostics) {
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
	g, err := c.CreateGroup(ctx, name)
	var unknown *httpx.OutcomeUnknownError
	if errors.As(err, &unknown) {
		g, err = c.FindGroupByName(ctx, name) // the answer was lost: the group tells whether it was created
	}
	if err != nil {
		hint := ""
		if _, found := c.FindGroupByName(ctx, name); found == nil {
			hint = fmt.Sprintf(" The group already exists: import it with the ID %s/%s instead.", spaceKey, plan.Name.ValueString())
		}
		resp.Diagnostics.AddError("Could not create the group", fmt.Sprintf("Creating group %q: %s.%s", name, err, hint))
		return
	}
	// From here on the group exists: record it even if a grant fails, so that it is not orphaned.
	plan.ID = types.StringValue(spacegroups.ResourceID(spaceKey, g.ID))
	plan.GroupID, plan.GroupName = types.StringValue(g.ID), types.StringValue(g.Name)
	applyPermissions(ctx, c, space, g.ID, nil, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *spaceGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state spaceGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.client
	if resp.Diagnostics.HasError() || !confluenceConfigured(c, r.data, &resp.Diagnostics) {
		return
	}
	g, err := c.GetGroup(ctx, state.GroupID.ValueString())
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
	perms, err := spacegroups.GroupPermissions(ctx, c, space.ID, g.ID)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the group's space permissions", err.Error())
		return
	}
	state.GroupName, state.Permissions = types.StringValue(g.Name), stringSet(slices.Collect(maps.Keys(perms)))
	state.ID = types.StringValue(spacegroups.ResourceID(space.Key, g.ID))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *spaceGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan spaceGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c := r.client
	if resp.Diagnostics.HasError() || !confluenceConfigured(c, r.data, &resp.Diagnostics) {
		return
	}
	space, err := r.data.site.Space(ctx, plan.SpaceKey.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("space_key"), "Could not find the space", err.Error())
		return
	}
	current, err := spacegroups.GroupPermissions(ctx, c, space.ID, plan.GroupID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Could not read the group's space permissions", err.Error())
		return
	}
	var desired []string
	resp.Diagnostics.Append(plan.Permissions.ElementsAs(ctx, &desired, false)...)
	if spacegroups.LosesAdminister(slices.Collect(maps.Keys(current)), desired) {
		// Checked at plan time too; the space may have changed since.
		if r.data.refuseLastAdminister(ctx, space.Key, plan.GroupID.ValueString(), "removing it", &resp.Diagnostics); resp.Diagnostics.HasError() {
			return
		}
	}
	applyPermissions(ctx, c, space, plan.GroupID.ValueString(), current, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *spaceGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state spaceGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.client
	if resp.Diagnostics.HasError() || !confluenceConfigured(c, r.data, &resp.Diagnostics) {
		return
	}
	// Confluence lets a group delete take the space's last administer/space with it: refuse before writing.
	if r.data.refuseLastAdminister(ctx, state.SpaceKey.ValueString(), state.GroupID.ValueString(), "deleting the group", &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	err := c.DeleteGroup(ctx, state.GroupID.ValueString())
	var unknown *httpx.OutcomeUnknownError
	if errors.As(err, &unknown) {
		_, err = c.GetGroup(ctx, state.GroupID.ValueString()) // gone now means the delete went through
		if err == nil {
			err = unknown
		}
	}
	if err != nil && !httpx.IsNotFound(err) {
		resp.Diagnostics.AddError("Could not delete the group", fmt.Sprintf("Group %q: %s", state.GroupName.ValueString(), err))
	}
}

// ImportState accepts SPACEKEY/<groupId>, SPACEKEY/<name> (the name within the space, as in `name`) or
// SPACEKEY/<full group name>.
func (r *spaceGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ref, err := spacegroups.ParseImportID(req.ID, false)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error()+".")
		return
	}
	if r.data.confluenceClient(&resp.Diagnostics) == nil {
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
	short, ok := rules.Pattern.ShortName(ref.SpaceKey, g.Name)
	if !ok {
		notInSpace := &spacegroups.NotInSpaceError{SpaceKey: ref.SpaceKey, Group: g}
		resp.Diagnostics.AddError("The group does not belong to the space", notInSpace.Error()+".")
		return
	}
	for attr, v := range map[string]string{"id": spacegroups.ResourceID(ref.SpaceKey, g.ID), "space_key": ref.SpaceKey,
		"group_id": g.ID, "group_name": g.Name, "name": short} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), v)...)
	}
}

// refuseAdministerLockout refuses, at plan time, a destroy, replacement or permission update that takes
// away the last administer/space of the group's space.
func (r *spaceGroupResource) refuseAdministerLockout(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var state spaceGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	var have, planned []string
	resp.Diagnostics.Append(state.Permissions.ElementsAs(ctx, &have, false)...)
	action := "destroying the group"
	if !req.Plan.Raw.IsNull() {
		action = "replacing the group"
		if !plannedReplacement(ctx, req.State.GetAttribute, req.Plan.GetAttribute, "space_key", "name") {
			var plan spaceGroupModel
			resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
			if !fullyKnown(ctx, plan.Permissions) {
				return
			}
			resp.Diagnostics.Append(plan.Permissions.ElementsAs(ctx, &planned, false)...)
			action = "removing it"
		}
	}
	if resp.Diagnostics.HasError() || !spacegroups.LosesAdminister(have, planned) {
		return
	}
	r.data.refuseLastAdminister(ctx, state.SpaceKey.ValueString(), state.GroupID.ValueString(), action, &resp.Diagnostics)
}

// applyPermissions moves the group's permissions from current (pair -> permission ID) to the planned set
// and records in plan.Permissions what Confluence holds afterwards, even after a failure.
func applyPermissions(ctx context.Context, c spacegroups.Permissions, space confluence.Space, groupID string,
	current map[string]int64, plan *spaceGroupModel, diags *diagnostics) {
	var desired []string
	diags.Append(plan.Permissions.ElementsAs(ctx, &desired, false)...)
	held, failed, err := spacegroups.ApplyPermissions(ctx, c, space, groupID, current, desired)
	if err != nil {
		diags.AddError("Could not read the group's space permissions back", err.Error())
		return
	}
	plan.Permissions = stringSet(held)
	if len(failed) > 0 {
		diags.AddAttributeError(path.Root("permissions"), "Some space permission changes failed",
			fmt.Sprintf("In space %s, for group %s; state records what the group holds now:%s", space.Key, groupID, bulletList(failed)))
	}
}

func checkGroupName(rules spacegroups.Rules, name string, diags *diagnostics) {
	if err := rules.CheckName(name); err != nil {
		diags.AddAttributeError(path.Root("name"), "The name does not match the app's group name regex", sentence(err.Error()))
	}
}
