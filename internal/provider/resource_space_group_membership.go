package provider

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

var (
	_ resource.ResourceWithConfigure        = &membershipResource{}
	_ resource.ResourceWithConfigValidators = &membershipResource{}
	_ resource.ResourceWithModifyPlan       = &membershipResource{}
	_ resource.ResourceWithImportState      = &membershipResource{}
	_ resource.ResourceWithIdentity         = &membershipResource{}
	_ resource.ResourceWithUpgradeState     = &membershipResource{}
	_ spacegroups.Members                   = (*confluence.Client)(nil)
)

// maxMemberLabel is the longest label of a member, in characters.
const maxMemberLabel = 255

// defaultMembershipTimeout is generous because a large group changes one account per request.
const defaultMembershipTimeout = 30 * time.Minute

// planCheckLimit is how many added accounts a plan looks up (100 per request); beyond it, apply does it.
// Terraform plans every resource again just before applying it, so within this limit an update relies on
// that plan's lookup, made moments before from the same state, instead of repeating it.
const planCheckLimit = 2000

// checkedAtPlan tells whether ModifyPlan looked up the n accounts a plan adds.
func checkedAtPlan(n int) bool { return n <= planCheckLimit }

func newSpaceGroupMembershipResource() resource.Resource { return &membershipResource{} }

type membershipResource struct {
	data   *providerData
	client spacegroups.Members // nil without site credentials
}

type membershipModel struct {
	ID        types.String   `tfsdk:"id"`
	SpaceKey  types.String   `tfsdk:"space_key"`
	GroupID   types.String   `tfsdk:"group_id"`
	GroupName types.String   `tfsdk:"group_name"`
	Members   types.Map      `tfsdk:"members"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

func (r *membershipResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_space_group_membership"
}

func (r *membershipResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := membershipGroupAttributes()
	attrs["id"] = schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: "`SPACEKEY/<groupId>`.",
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs["members"] = schema.MapAttribute{
		Required:    true,
		ElementType: types.StringType,
		MarkdownDescription: "Every member of the group: a map from account ID to a label; `{}` for none. The label is for " +
			"the people who read the configuration and the plan (a name, or `\"\"`; at most 255 characters): it is never sent " +
			"to Confluence, and a change of labels alone is an update in place that makes no request. Authoritative: accounts " +
			"added in Confluence or CSUM outside Terraform show in `plan`, labelled with their display name, and are removed by " +
			"`apply`, and missing ones are added back. Protected accounts (the provider's `protected_account_ids` and the app's " +
			"privileged user) are never removed: a plan that would remove one is refused. An account that does not exist is an " +
			"error at plan time. Updated in place.",
		Validators: []validator.Map{
			mapvalidator.KeysAre(accountIDValidator()),
			mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(maxMemberLabel)),
		},
	}
	resp.Schema = schema.Schema{
		Version: 1, // 0 held members as a set of account IDs
		MarkdownDescription: "The complete member set of one space group (authoritative). Create refuses a group that " +
			"already has members outside `members`: import it first (`SPACEKEY/<group name or groupId>`), so that nobody is " +
			"removed silently. Changes run concurrently within the provider's pacing; when some fail, state records exactly " +
			"the members the group then has and the error lists every failed account. Destroy removes the members recorded " +
			"in state, except protected accounts, and keeps the group. Do not manage one group with both this resource and " +
			"`csum_space_group_member`: they would undo each other.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *membershipResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = groupIdentitySchema(false)
}

func (r *membershipResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return groupReferenceValidators()
}

func (r *membershipResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if r.data != nil && r.data.confluence != nil { // no typed nil: a nil client means none
		r.client = r.data.confluence
	}
}

// ModifyPlan refuses, before anything changes, a plan that would remove a protected account or add one that
// does not exist, and checks a new membership's group.
func (r *membershipResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil || r.data.confluence == nil {
		return
	}
	var state membershipModel // null members when there is no prior state
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if req.Plan.Raw.IsNull() {
		protected, ok := r.data.protectedAccounts(ctx, &resp.Diagnostics)
		if kept := spacegroups.ProtectedAmong(memberIDs(state.Members), protected); ok && len(kept) > 0 {
			resp.Diagnostics.AddWarning("Protected accounts stay in the group",
				"Destroying this membership removes its members except these protected accounts:"+bulletList(kept))
		}
		return
	}
	var plan membershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Members.IsUnknown() {
		return
	}
	// The keys of a known map are known, whatever its labels: they are all the checks below need.
	add, remove := spacegroups.DiffMembers(rosterOf(state.Members), rosterOf(plan.Members))
	if len(remove) > 0 {
		protected, ok := r.data.protectedAccounts(ctx, &resp.Diagnostics)
		if refused := spacegroups.ProtectedAmong(remove, protected); ok && len(refused) > 0 {
			resp.Diagnostics.AddAttributeError(path.Root("members"), "The plan would remove protected accounts",
				"This provider never removes a protected account from a group. Add these back to members:"+bulletList(refused))
		}
	}
	if len(add) > 0 && checkedAtPlan(len(add)) {
		refuseMissingAccounts(ctx, r.data.confluence, add, &resp.Diagnostics)
	}
	if req.State.Raw.IsNull() {
		if !r.data.site.HasApp() {
			resp.Diagnostics.AddWarning("Assuming the default space group pattern", noAppWarning)
		}
		r.data.checkPlannedGroup(ctx, req.Config.GetAttribute, &resp.Diagnostics)
	}
}

func (r *membershipResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan membershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	spaceKey := plan.SpaceKey.ValueString()
	g, ok := r.data.resolveSpaceGroup(ctx, spaceKey, plan.GroupID.ValueString(), plan.GroupName.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	current, err := spacegroups.ReadMembers(ctx, c, g.ID, nil)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the group's members", err.Error())
		return
	}
	desired := rosterOf(plan.Members)
	add, outside := spacegroups.DiffMembers(current, desired)
	if len(outside) > 0 {
		resp.Diagnostics.AddError("The group already has other members",
			fmt.Sprintf("Group %q already has %d members that members does not list. This resource owns the whole member set "+
				"and never removes people it did not know about: import it first (terraform import with ID %s/%s, or an "+
				"import block), then review the plan. The unlisted members:%s", g.Name, len(outside), spaceKey, g.ID,
				bulletList(namedMembers(outside, current))))
		return
	}
	if refuseMissingAccounts(ctx, c, add, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	now, failures, err := r.data.site.ApplyMemberChanges(ctx, c, g.ID, current, desired)
	if err != nil || len(failures) > 0 {
		// No state: the next apply creates again, and finds only configured members in the group.
		addMembershipFailure(&resp.Diagnostics, g, err, failures)
		return
	}
	plan.ID = types.StringValue(spacegroups.ResourceID(spaceKey, g.ID))
	plan.GroupID, plan.GroupName = types.StringValue(g.ID), types.StringValue(cmp.Or(plan.GroupName.ValueString(), g.Name))
	plan.Members = memberMap(now)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, groupRefKey, []byte(groupRefOf(ctx, req.Config.GetAttribute)))...)
	setGroupIdentity(ctx, resp.Identity, spaceKey, g.ID, nil, &resp.Diagnostics)
}

func (r *membershipResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state membershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	setGroupIdentity(ctx, resp.Identity, state.SpaceKey.ValueString(), state.GroupID.ValueString(), nil, &resp.Diagnostics)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	g, err := r.data.site.CurrentGroup(ctx, state.SpaceKey.ValueString(), state.GroupID.ValueString())
	if httpx.IsNotFound(err) {
		resp.State.RemoveResource(ctx) // the group is gone, and its members with it
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the group", err.Error())
		return
	}
	known := rosterOf(state.Members)
	now, err := spacegroups.ReadMembers(ctx, c, g.ID, known)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the group's members", err.Error())
		return
	}
	name := shownGroupName(ctx, req.Private, state.GroupName, g.Name, &resp.Diagnostics)
	if state.holds(g.ID, name, known, now) {
		return // the response already holds the prior state; encoding a large map again costs time for nothing
	}
	state.record(state.SpaceKey.ValueString(), g.ID, name, now)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *membershipResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state membershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	setGroupIdentity(ctx, resp.Identity, state.SpaceKey.ValueString(), state.GroupID.ValueString(), nil, &resp.Diagnostics)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	current, desired := rosterOf(state.Members), rosterOf(plan.Members)
	add, remove := spacegroups.DiffMembers(current, desired)
	if len(remove) > 0 {
		protected, ok := r.data.protectedAccounts(ctx, &resp.Diagnostics)
		if refused := spacegroups.ProtectedAmong(remove, protected); ok && len(refused) > 0 {
			// The plan refuses this; the privileged user may have changed since.
			resp.Diagnostics.AddAttributeError(path.Root("members"), "Refusing to remove protected accounts", "Nothing was changed:"+bulletList(refused))
		}
		if resp.Diagnostics.HasError() {
			return
		}
	}
	// The plan made just before this update, from the same state, looked these accounts up.
	if !checkedAtPlan(len(add)) {
		if refuseMissingAccounts(ctx, c, add, &resp.Diagnostics); resp.Diagnostics.HasError() {
			return
		}
	}
	g := confluence.Group{ID: state.GroupID.ValueString(), Name: state.GroupName.ValueString()}
	now, failures, err := r.data.site.ApplyMemberChanges(ctx, c, g.ID, current, desired)
	if err != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...) // unknown outcome: the next refresh reads the truth
		addMembershipFailure(&resp.Diagnostics, g, err, nil)
		return
	}
	plan.Members = memberMap(now)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, groupRefKey, []byte(groupRefOf(ctx, req.Config.GetAttribute)))...)
	addMembershipFailure(&resp.Diagnostics, g, nil, failures)
}

func (r *membershipResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state membershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	protected, ok := r.data.protectedAccounts(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	current := rosterOf(state.Members)
	kept := spacegroups.Roster{}
	for id, label := range current {
		if _, ok := protected[id]; ok {
			kept[id] = label
		}
	}
	g := confluence.Group{ID: state.GroupID.ValueString(), Name: state.GroupName.ValueString()}
	_, failures, err := r.data.site.ApplyMemberChanges(ctx, c, g.ID, current, kept)
	addMembershipFailure(&resp.Diagnostics, g, err, failures)
}

func (r *membershipResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.data.importGroupReference(ctx, req, resp, false)
}

// record sets what Confluence holds of the membership: the group and its members. A refresh and a listing
// with include_resource both record a membership this way, so that a listed membership imports with no
// change to plan.
func (m *membershipModel) record(spaceKey, groupID string, groupName types.String, members spacegroups.Roster) {
	m.ID = types.StringValue(spacegroups.ResourceID(spaceKey, groupID))
	m.SpaceKey, m.GroupID, m.GroupName = types.StringValue(spaceKey), types.StringValue(groupID), groupName
	m.Members = memberMap(members)
}

// holds reports whether m, whose members are known, already records the group and its members as read (an
// import's first read has neither the resource's ID nor a members map yet).
func (m membershipModel) holds(groupID string, groupName types.String, known, members spacegroups.Roster) bool {
	return m.ID.ValueString() == spacegroups.ResourceID(m.SpaceKey.ValueString(), groupID) &&
		m.GroupID.ValueString() == groupID && m.GroupName.Equal(groupName) &&
		!m.Members.IsNull() && maps.Equal(known, members)
}

// addMembershipFailure reports a failed membership change: every account that did not change, with why.
func addMembershipFailure(diags *diagnostics, g confluence.Group, err error, failures []string) {
	switch {
	case err != nil:
		diags.AddError("Could not change the group's members", fmt.Sprintf("Group %q (%s): %s", g.Name, g.ID, err))
	case len(failures) > 0:
		diags.AddError("Some membership changes failed",
			fmt.Sprintf("%d changes to group %q (%s) did not take effect; the others did, and state records the members "+
				"the group has now. Run apply again to retry the rest:%s", len(failures), g.Name, g.ID, bulletList(failures)))
	}
}

// withTimeout bounds ctx by the configured timeout (or the default).
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diagnostics), diags *diagnostics) (context.Context, context.CancelFunc, bool) {
	d, dd := get(ctx, defaultMembershipTimeout)
	diags.Append(dd...)
	if dd.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, true
}

// refuseMissingAccounts adds an error on members listing the accounts to add that Confluence does not know.
func refuseMissingAccounts(ctx context.Context, c spacegroups.AccountFinder, add []string, diags *diagnostics) {
	missing, err := spacegroups.MissingAccounts(ctx, c, add)
	if err != nil {
		diags.AddError("Could not check the accounts to add", err.Error())
		return
	}
	if len(missing) > 0 {
		diags.AddAttributeError(path.Root("members"), "Accounts do not exist",
			"Confluence has no account with these IDs (deleted, or mistyped); remove them from members:"+bulletList(missing))
	}
}
