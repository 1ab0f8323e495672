package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

var (
	_ resource.ResourceWithConfigure   = &privilegedUserResource{}
	_ resource.ResourceWithImportState = &privilegedUserResource{}
	_ resource.ResourceWithModifyPlan  = &privilegedUserResource{}
)

const (
	privilegedUserType = "csum_privileged_user"
	privilegedUserID   = "privileged-user"
	legacyEmailKey     = "legacy_email"
)

func newPrivilegedUserResource() resource.Resource { return &privilegedUserResource{} }

type privilegedUserResource struct {
	data     *providerData
	app      privilegedUserAPI // nil without app credentials
	accounts accountGetter     // nil without site credentials
}

// privilegedUserAPI is what csum_privileged_user needs of the CSUM Admin API.
type privilegedUserAPI interface {
	GetPrivilegedUser(ctx context.Context) (csumapi.PrivilegedUser, error)
	PutPrivilegedUser(ctx context.Context, accountID string) (csumapi.PrivilegedUser, error)
	DeletePrivilegedUser(ctx context.Context) error
}

type privilegedUserModel struct {
	ID                 types.String `tfsdk:"id"`
	AccountID          types.String `tfsdk:"account_id"`
	DisplayName        types.String `tfsdk:"display_name"`
	Status             types.String `tfsdk:"status"`
	MissingPermissions types.Set    `tfsdk:"missing_permissions"`
	ValidatedAt        types.String `tfsdk:"validated_at"`
}

func (m *privilegedUserModel) set(u csumapi.PrivilegedUser) {
	m.ID = types.StringValue(privilegedUserID)
	m.AccountID = types.StringValue(derefOr(u.AccountID, ""))
	m.DisplayName = types.StringValue(derefOr(u.DisplayName, ""))
	m.Status = types.StringValue(u.Status)
	m.MissingPermissions = stringSet(u.MissingPermissions)
	m.ValidatedAt = types.StringValue(derefOr(u.ValidatedAt, ""))
}

func (r *privilegedUserResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_privileged_user"
}

func (r *privilegedUserResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account CSUM impersonates to do what a space admin may not do in Confluence: create and " +
			"delete groups and change their members. A singleton. The account must exist, be active, be a site admin and " +
			"\"can use\" Confluence; otherwise apply fails, naming each missing permission, and nothing is stored. Every " +
			"refresh re-validates the account and `plan` warns when it can no longer serve. Legacy email and API-token " +
			"credentials stopped working on " + legacyCutoff + ": when the app still holds them, `plan` warns and apply " +
			"removes them. Destroying the resource clears the privileged user: space admins can then no longer create or " +
			"delete space groups or change their members through CSUM until a new one is chosen.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Always `privileged-user`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"account_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Atlassian account ID of the privileged user, e.g. from the `csum_user` data source. " +
					"Changing it validates and stores the new account in place.",
				Validators: []validator.String{accountIDValidator()},
			},
			"display_name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The account's display name.",
			},
			"status": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "`VALID`, `LACKS_PERMISSIONS` (the account can no longer do what CSUM needs) or " +
					"`USER_NOT_FOUND` (gone or deactivated), as of the last refresh.",
			},
			"missing_permissions": schema.SetAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Permissions the account lacks: `SITE_ADMIN` and/or `CAN_USE`.",
			},
			"validated_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the app last validated the account (RFC 3339).",
			},
		},
	}
}

func (r *privilegedUserResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if r.data == nil {
		return
	}
	if r.data.app != nil { // no typed nil: a nil client means none
		r.app = r.data.app
	}
	if r.data.confluence != nil {
		r.accounts = r.data.confluence
	}
}

func (r *privilegedUserResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.app == nil {
		return
	}
	var account, stored types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("account_id"), &account)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("account_id"), &stored)...)
	}
	if r.accounts != nil && known(account) && !account.Equal(stored) {
		if _, err := r.accounts.GetUser(ctx, account.ValueString()); httpx.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("account_id"), "No such account",
				fmt.Sprintf("Confluence has no account %s, so it cannot be the privileged user.", account.ValueString()))
		}
	}
	var legacyEmail string
	if req.State.Raw.IsNull() {
		// Nothing read yet: ask the app whether legacy credentials are still there.
		if u, err := r.app.GetPrivilegedUser(ctx); err == nil && u.LegacyCredentials.Present {
			legacyEmail = derefOr(u.LegacyCredentials.Email, "unknown email")
		}
	} else {
		legacyEmail = readLegacyEmail(ctx, req.Private, &resp.Diagnostics)
		if legacyEmail != "" {
			// Only a write removes the legacy credentials: plan one even when the account is unchanged.
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("validated_at"), types.StringUnknown())...)
		}
		var state privilegedUserModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if s := state.Status.ValueString(); s != "" && s != csumapi.PrivilegedValid {
			resp.Diagnostics.AddAttributeWarning(path.Root("account_id"), "The privileged user can no longer serve",
				statusExplanation(state))
		}
	}
	if legacyEmail != "" {
		resp.Diagnostics.AddWarning("Legacy privileged-user credentials will be removed",
			fmt.Sprintf("The app still holds the email and API token of %s from the old setup. API-token credentials stopped "+
				"working on %s and cannot be converted; this apply chooses the account by ID and removes them.", legacyEmail, legacyCutoff))
	}
}

func (r *privilegedUserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.put(ctx, req.Plan.Get, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *privilegedUserResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	if !configured(r.app, r.data.appClient, &resp.Diagnostics) {
		return
	}
	u, err := r.app.GetPrivilegedUser(ctx)
	if err != nil {
		addAppError(&resp.Diagnostics, "read the privileged user", err, onAccountID)
		return
	}
	legacy := ""
	if u.LegacyCredentials.Present {
		legacy = derefOr(u.LegacyCredentials.Email, "unknown email")
	}
	resp.Diagnostics.Append(writeLegacyEmail(ctx, resp.Private, legacy)...)
	if u.Status == csumapi.PrivilegedNotConfigured || u.AccountID == nil {
		// Cleared outside Terraform: plan to choose the account again.
		resp.State.RemoveResource(ctx)
		return
	}
	var m privilegedUserModel
	m.set(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *privilegedUserResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.put(ctx, req.Plan.Get, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *privilegedUserResource) Delete(ctx context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !configured(r.app, r.data.appClient, &resp.Diagnostics) {
		return
	}
	err := r.app.DeletePrivilegedUser(ctx)
	if err != nil {
		_, _, err = readBack(ctx, err, privilegedUserReader(r.app), func(got csumapi.PrivilegedUser) bool { return got.AccountID == nil })
	}
	if err != nil {
		addAppError(&resp.Diagnostics, "clear the privileged user", err, onAccountID)
		return
	}
	r.data.site.RememberPrivilegedUser("") // later membership changes of this run protect nobody on its account
}

func (r *privilegedUserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importSingleton(ctx, privilegedUserType, privilegedUserID, req, resp)
}

// put chooses the planned account, which also removes legacy credentials, and keeps what the app stored.
func (r *privilegedUserResource) put(ctx context.Context, plan getter, state stateSetter, private privateState, diags *diagnostics) {
	if !configured(r.app, r.data.appClient, diags) {
		return
	}
	var m privilegedUserModel
	diags.Append(plan(ctx, &m)...)
	if diags.HasError() {
		return
	}
	u, err := r.app.PutPrivilegedUser(ctx, m.AccountID.ValueString())
	if err != nil {
		u, _, err = readBack(ctx, err, privilegedUserReader(r.app), func(got csumapi.PrivilegedUser) bool {
			return derefOr(got.AccountID, "") == m.AccountID.ValueString() && !got.LegacyCredentials.Present
		})
	}
	if err != nil {
		addPrivilegedUserError(diags, m.AccountID.ValueString(), err)
		return
	}
	m.set(u)
	diags.Append(state.Set(ctx, &m)...)
	diags.Append(private.SetKey(ctx, legacyEmailKey, nil)...)
	r.data.site.RememberPrivilegedUser(derefOr(u.AccountID, "")) // membership changes later in this run protect it
}

// privilegedUserReader reads the privileged user in the shape readBack expects (it has no revision).
func privilegedUserReader(app privilegedUserAPI) func(context.Context) (csumapi.PrivilegedUser, int64, error) {
	return func(ctx context.Context) (csumapi.PrivilegedUser, int64, error) {
		u, err := app.GetPrivilegedUser(ctx)
		return u, 0, err
	}
}

// The legacy email is kept in private state between refresh and plan, JSON-encoded as private state requires.
func writeLegacyEmail(ctx context.Context, private privateState, email string) diagnostics {
	if email == "" {
		return private.SetKey(ctx, legacyEmailKey, nil)
	}
	raw, _ := json.Marshal(email) // a string always encodes
	return private.SetKey(ctx, legacyEmailKey, raw)
}

func readLegacyEmail(ctx context.Context, private privateState, diags *diagnostics) string {
	raw, d := private.GetKey(ctx, legacyEmailKey)
	diags.Append(d...)
	var email string
	if len(raw) > 0 && json.Unmarshal(raw, &email) != nil {
		return ""
	}
	return email
}
