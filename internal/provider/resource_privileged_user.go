package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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

const (
	privilegedUserID = "privileged-user"
	legacyEmailKey   = "legacy_email"

	statusValid         = "VALID"
	statusNotConfigured = "NOT_CONFIGURED"
	statusUserNotFound  = "USER_NOT_FOUND"
	legacyCutoff        = "8 December 2025"
)

// permissionGrants says what gives an account each permission the app checks, for diagnostics.
var permissionGrants = map[string]string{
	"SITE_ADMIN": "site admin (membership of a group with the site admin role, such as site-admins): needed to search, create and delete groups and change their members",
	"CAN_USE":    "\"can use\" Confluence (product access, such as membership of confluence-users): needed to read groups and members",
}

var (
	_ resource.ResourceWithConfigure   = &privilegedUserResource{}
	_ resource.ResourceWithImportState = &privilegedUserResource{}
	_ resource.ResourceWithModifyPlan  = &privilegedUserResource{}
)

func newPrivilegedUserResource() resource.Resource { return &privilegedUserResource{} }

type privilegedUserResource struct{ data *providerData }

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
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
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
				Computed: true, MarkdownDescription: "Always `privileged-user`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"account_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Atlassian account ID of the privileged user, e.g. from the `csum_user` data source. " +
					"Changing it validates and stores the new account in place.",
				Validators: []validator.String{stringvalidator.RegexMatches(accountIDRegexp,
					"must be an Atlassian account ID (1 to 128 characters of A-Z a-z 0-9 : -), such as 557058:0f1e2d3c-...")},
			},
			"display_name": computed("The account's display name."),
			"status": computed("`VALID`, `LACKS_PERMISSIONS` (the account can no longer do what CSUM needs) or " +
				"`USER_NOT_FOUND` (gone or deactivated), as of the last refresh."),
			"missing_permissions": schema.SetAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Permissions the account lacks: `SITE_ADMIN` and/or `CAN_USE`."},
			"validated_at": computed("When the app last validated the account (RFC 3339)."),
		},
	}
}

func (r *privilegedUserResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (r *privilegedUserResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil || r.data.app == nil {
		return
	}
	var account, stored types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("account_id"), &account)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("account_id"), &stored)...)
	}
	if r.data.confluence != nil && known(account) && !account.Equal(stored) {
		if _, err := r.data.confluence.GetUser(ctx, account.ValueString()); httpx.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("account_id"), "No such account",
				fmt.Sprintf("Confluence has no account %s, so it cannot be the privileged user.", account.ValueString()))
		}
	}
	var legacyEmail string
	if req.State.Raw.IsNull() {
		// Nothing read yet: ask the app whether legacy credentials are still there.
		if u, err := r.data.app.GetPrivilegedUser(ctx); err == nil && u.LegacyCredentials.Present {
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
		if s := state.Status.ValueString(); s != "" && s != statusValid {
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

func statusExplanation(m privilegedUserModel) string {
	switch m.Status.ValueString() {
	case statusUserNotFound:
		return fmt.Sprintf("Account %s no longer exists or is deactivated, so CSUM cannot create or delete space groups or "+
			"change their members. Choose another account_id.", m.AccountID.ValueString())
	default:
		var missing []string
		_ = m.MissingPermissions.ElementsAs(context.Background(), &missing, false)
		return fmt.Sprintf("Account %s (%s) lacks %s. Grant %s, or choose another account_id.",
			m.AccountID.ValueString(), m.DisplayName.ValueString(), strings.Join(missing, " and "), describeGrants(missing))
	}
}

func describeGrants(perms []string) string {
	parts := make([]string, 0, len(perms))
	for _, p := range perms {
		if g, ok := permissionGrants[p]; ok {
			parts = append(parts, p+": "+g)
		} else {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}

func (r *privilegedUserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.put(ctx, req.Plan.Get, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *privilegedUserResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.put(ctx, req.Plan.Get, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *privilegedUserResource) put(ctx context.Context, get getter, state stateSetter, private privateState, diags *diagnostics) {
	app := r.data.appClient(diags)
	if app == nil {
		return
	}
	var m privilegedUserModel
	diags.Append(get(ctx, &m)...)
	if diags.HasError() {
		return
	}
	u, err := app.PutPrivilegedUser(ctx, m.AccountID.ValueString())
	if err != nil {
		u, _, err = readBack(ctx, err, privilegedUserReader(app), func(got csumapi.PrivilegedUser) bool {
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
	r.data.lookups.putPrivilegedUser(derefOr(u.AccountID, "")) // membership changes later in this run protect it
}

// addPrivilegedUserError explains a refused account: each problem the app found, with what grants a
// missing permission.
func addPrivilegedUserError(diags *diagnostics, accountID string, err error) {
	var apiErr *httpx.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnprocessableEntity {
		addAppError(diags, "set the privileged user", err, func(string) path.Path { return path.Root("account_id") })
		return
	}
	var lines []string
	for _, d := range apiErr.Details {
		line := "- " + d.Message
		for perm, grant := range permissionGrants {
			if strings.Contains(d.Message, perm) {
				line += " (grant " + grant + ")"
			}
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = append(lines, "- "+apiErr.Message)
	}
	diags.AddAttributeError(path.Root("account_id"), "The account cannot be the privileged user",
		fmt.Sprintf("The app refused account %s, and nothing was stored:\n%s", accountID, strings.Join(lines, "\n")))
}

func (r *privilegedUserResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	app := r.data.appClient(&resp.Diagnostics)
	if app == nil {
		return
	}
	u, err := app.GetPrivilegedUser(ctx)
	if err != nil {
		addAppError(&resp.Diagnostics, "read the privileged user", err, func(string) path.Path { return path.Root("account_id") })
		return
	}
	legacy := ""
	if u.LegacyCredentials.Present {
		legacy = derefOr(u.LegacyCredentials.Email, "unknown email")
	}
	resp.Diagnostics.Append(writeLegacyEmail(ctx, resp.Private, legacy)...)
	if u.Status == statusNotConfigured || u.AccountID == nil {
		// Cleared outside Terraform: plan to choose the account again.
		resp.State.RemoveResource(ctx)
		return
	}
	var m privilegedUserModel
	m.set(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *privilegedUserResource) Delete(ctx context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	app := r.data.appClient(&resp.Diagnostics)
	if app == nil {
		return
	}
	err := app.DeletePrivilegedUser(ctx)
	if err != nil {
		_, _, err = readBack(ctx, err, privilegedUserReader(app), func(got csumapi.PrivilegedUser) bool { return got.AccountID == nil })
	}
	if err != nil {
		addAppError(&resp.Diagnostics, "clear the privileged user", err, func(string) path.Path { return path.Root("account_id") })
		return
	}
	r.data.lookups.putPrivilegedUser("") // later membership changes of this run protect nobody on its account
}

func (r *privilegedUserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID != privilegedUserID {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("csum_privileged_user is a singleton: import it with the ID %q, not %q.", privilegedUserID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), privilegedUserID)...)
}

// privilegedUserReader reads the privileged user in the shape readBack expects (it has no revision).
func privilegedUserReader(app appAPI) func(context.Context) (csumapi.PrivilegedUser, int64, error) {
	return func(ctx context.Context) (csumapi.PrivilegedUser, int64, error) {
		u, err := app.GetPrivilegedUser(ctx)
		return u, 0, err
	}
}
