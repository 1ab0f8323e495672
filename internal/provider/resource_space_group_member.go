package provider

import (
	"cmp"
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

var (
	_ resource.ResourceWithConfigure        = &memberResource{}
	_ resource.ResourceWithConfigValidators = &memberResource{}
	_ resource.ResourceWithModifyPlan       = &memberResource{}
	_ resource.ResourceWithImportState      = &memberResource{}
	_ resource.ResourceWithIdentity         = &memberResource{}
	_ memberAPI                             = (*confluence.Client)(nil)
)

// memberAPI is what csum_space_group_member needs of Confluence: one account, one group and its members.
type memberAPI interface {
	spacegroups.Members
	spacegroups.GroupFinder
	accountGetter
}

func newSpaceGroupMemberResource() resource.Resource { return &memberResource{} }

type memberResource struct {
	data   *providerData
	client memberAPI // nil without site credentials
}

type memberModel struct {
	ID        types.String `tfsdk:"id"`
	SpaceKey  types.String `tfsdk:"space_key"`
	GroupID   types.String `tfsdk:"group_id"`
	GroupName types.String `tfsdk:"group_name"`
	AccountID types.String `tfsdk:"account_id"`
}

// setIdentity records the identity of the membership m holds. A read sets it even when it finds the
// membership gone: a state written before identity has none.
func (m memberModel) setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, diags *diagnostics) {
	account := m.AccountID.ValueString()
	setGroupIdentity(ctx, identity, m.SpaceKey.ValueString(), m.GroupID.ValueString(), &account, diags)
}

func (r *memberResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_space_group_member"
}

func (r *memberResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := membershipGroupAttributes()
	attrs["id"] = schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: "`SPACEKEY/<groupId>/<accountId>`.",
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs["account_id"] = schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "Account ID of the member. It must exist. Changing it replaces the resource.",
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Validators:          []validator.String{accountIDValidator()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One account in one space group (additive): other members of the group are left alone. " +
			"When the account leaves the group outside Terraform, `plan` adds it back. Destroy removes the account from " +
			"the group (an account or group that no longer exists counts as removed), except a protected account " +
			"(`protected_account_ids` or the app's privileged user): destroying that is refused. Do not manage one group " +
			"with both this resource and `csum_space_group_membership`: they would undo each other.",
		Attributes: attrs,
	}
}

func (r *memberResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = groupIdentitySchema(true)
}

func (r *memberResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return groupReferenceValidators()
}

func (r *memberResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if r.data != nil && r.data.confluence != nil { // no typed nil: a nil client means none
		r.client = r.data.confluence
	}
}

// ModifyPlan refuses to destroy (or replace) the membership of a protected account, and checks a new one.
func (r *memberResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil || r.data.confluence == nil {
		return
	}
	if req.State.Raw.IsNull() {
		if !req.Plan.Raw.IsNull() {
			if !r.data.site.HasApp() {
				resp.Diagnostics.AddWarning("Assuming the default space group pattern", noAppWarning)
			}
			r.data.checkPlannedGroup(ctx, req.Config.GetAttribute, &resp.Diagnostics)
			var account types.String
			resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("account_id"), &account)...)
			if known(account) {
				refuseMissingAccount(ctx, r.data.confluence, account.ValueString(), &resp.Diagnostics)
			}
		}
		return
	}
	var state memberModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	replaceOn := []string{"space_key", "group_id", "account_id"}
	var groupID types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("group_id"), &groupID)...)
	if groupID.IsNull() {
		replaceOn = append(replaceOn, "group_name") // with group_id given, a new name is an update in place
	}
	replacing := !req.Plan.Raw.IsNull() && plannedReplacement(ctx, req.State.GetAttribute, req.Plan.GetAttribute, replaceOn...)
	if resp.Diagnostics.HasError() || (!req.Plan.Raw.IsNull() && !replacing) {
		return
	}
	protected, ok := r.data.protectedAccounts(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	if refused := spacegroups.ProtectedAmong([]string{state.AccountID.ValueString()}, protected); len(refused) > 0 {
		resp.Diagnostics.AddError("Refusing to remove a protected account",
			fmt.Sprintf("This plan would remove %s from group %q, and this provider never removes a protected account. "+
				"To stop managing the membership without removing it, use a `removed` block with `lifecycle { destroy = false }` "+
				"(or terraform state rm).", refused[0], state.GroupName.ValueString()))
	}
}

func (r *memberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan memberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	g, ok := r.data.resolveSpaceGroup(ctx, plan.SpaceKey.ValueString(), plan.GroupID.ValueString(), plan.GroupName.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	account := plan.AccountID.ValueString()
	if refuseMissingAccount(ctx, c, account, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	if err := r.data.site.AddOne(ctx, c, g.ID, account); err != nil {
		resp.Diagnostics.AddError("Could not add the member", fmt.Sprintf("Adding %s to group %q: %s", account, g.Name, err))
		return
	}
	plan.ID = types.StringValue(spacegroups.ResourceID(plan.SpaceKey.ValueString(), g.ID) + "/" + account)
	plan.GroupID, plan.GroupName = types.StringValue(g.ID), types.StringValue(cmp.Or(plan.GroupName.ValueString(), g.Name))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, groupRefKey, []byte(groupRefOf(ctx, req.Config.GetAttribute)))...)
	setGroupIdentity(ctx, resp.Identity, plan.SpaceKey.ValueString(), g.ID, &account, &resp.Diagnostics)
}

func (r *memberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state memberModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	state.setIdentity(ctx, resp.Identity, &resp.Diagnostics)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	g, err := c.GetGroup(ctx, state.GroupID.ValueString())
	if err == nil {
		var in bool
		in, err = c.IsMember(ctx, g.ID, state.AccountID.ValueString())
		if err == nil && !in {
			err = httpx.ErrNotFound
		}
	}
	if httpx.IsNotFound(err) {
		resp.State.RemoveResource(ctx) // the group, the account or the membership is gone: plan adds it again
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the membership", err.Error())
		return
	}
	state.GroupName = shownGroupName(ctx, req.Private, state.GroupName, g.Name, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only records a new group_name for a group pinned by group_id: every other change replaces the
// resource.
func (r *memberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan memberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	plan.setIdentity(ctx, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, groupRefKey, []byte(groupRefOf(ctx, req.Config.GetAttribute)))...)
}

func (r *memberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state memberModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.client
	if resp.Diagnostics.HasError() || !configured(c, r.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	groupID, account := state.GroupID.ValueString(), state.AccountID.ValueString()
	protected, ok := r.data.protectedAccounts(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	if why, ok := protected[account]; ok {
		resp.Diagnostics.AddError("Refusing to remove a protected account", fmt.Sprintf("%s is %s.", account, why))
		return
	}
	if err := r.data.site.RemoveOne(ctx, c, groupID, account); err != nil {
		resp.Diagnostics.AddError("Could not remove the member", fmt.Sprintf("Removing %s from group %q: %s", account, state.GroupName.ValueString(), err))
	}
}

func (r *memberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if ref, ok := r.data.importGroupReference(ctx, req, resp, true); ok {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("account_id"), ref.AccountID)...)
	}
}

// refuseMissingAccount adds an error on account_id when Confluence has no such account.
func refuseMissingAccount(ctx context.Context, c accountGetter, account string, diags *diagnostics) {
	if _, err := c.GetUser(ctx, account); err != nil {
		if httpx.IsNotFound(err) {
			diags.AddAttributeError(path.Root("account_id"), "No such account", fmt.Sprintf("Confluence has no account %s.", account))
		} else {
			diags.AddError("Could not look the account up", err.Error())
		}
	}
}
