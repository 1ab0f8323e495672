package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/csum-tools/terraform-provider-csum/internal/adminapi"
	"github.com/csum-tools/terraform-provider-csum/internal/orgusers"
)

var (
	_ datasource.DataSourceWithConfigure      = &orgUsersDataSource{}
	_ datasource.DataSourceWithValidateConfig = &orgUsersDataSource{}
	_ orgUsersAPI                             = (*adminapi.Client)(nil)
)

// orgUsersAPI is what csum_org_users needs of the Atlassian Admin API: the organization's directories and
// their users, and the organizations of the key to tell an unknown org_id from a key without rights.
type orgUsersAPI interface {
	orgusers.Admin
}

func newOrgUsersDataSource() datasource.DataSource { return &orgUsersDataSource{} }

type orgUsersDataSource struct {
	data *providerData
}

type orgUsersModel struct {
	Product          types.String `tfsdk:"product"`
	InactiveForDays  types.Int64  `tfsdk:"inactive_for_days"`
	WarningAfterDays types.Int64  `tfsdk:"warning_after_days"`
	Status           types.Set    `tfsdk:"status"`
	IncludeProtected types.Bool   `tfsdk:"include_protected"`
	Users            types.Map    `tfsdk:"users"`
}

// defaultProduct is the product whose activity counts unless product says otherwise.
const defaultProduct = "confluence"

// productKeyPattern is the shape of the Admin API's product keys (confluence, jira-software, ...).
var productKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9-]{0,63}$`)

var (
	orgUserAccessType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"key": types.StringType, "id": types.StringType, "last_active": types.StringType,
	}}
	orgUserType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name": types.StringType, "email": types.StringType, "status": types.StringType, "last_active": types.StringType,
		"inactivity": types.StringType, "product_access": types.ListType{ElemType: orgUserAccessType},
	}}
)

func (d *orgUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_org_users"
}

func (d *orgUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The users of the Atlassian organization, from the organization Admin API, with their status " +
			"and when each last used a product, measured against inactivity thresholds as the User Account Manager app " +
			"does. Needs the provider's `org_id` and `admin_api_key`. Protected accounts (`protected_account_ids` and the " +
			"CSUM app's privileged user) are left out unless `include_protected` is set. The users are read in as few " +
			"requests as the Admin API allows: one list of directories, then one search request per 100 users of each " +
			"directory, with their product access. Atlassian's activity data lags up to a day. A read that fails part way " +
			"(rate limits that outlast the retries, lost connections) fails the plan: the list is never partial.",
		Attributes: map[string]schema.Attribute{
			"product": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "The product whose last activity counts, as the Admin API names it: `confluence` (the " +
					"default), `jira-software`, `jira-servicedesk`, ... A product that no user of the organization has and " +
					"that the Admin API is not known to report is an error, since it would make every user look never active.",
				Validators: []validator.String{stringvalidator.RegexMatches(productKeyPattern,
					"must be a product key of lower-case letters, digits and dashes, such as confluence or jira-software")},
			},
			"inactive_for_days": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Keep only the users who have not used `product` for at least this many days "+
					"(their `inactivity` is then `overdue`). A user who never used it counts as inactive. From 1 to %d. "+
					"Default: every user.", orgusers.MaxDays),
				Validators: []validator.Int64{int64validator.Between(1, orgusers.MaxDays)},
			},
			"warning_after_days": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Days without using `product` after which a user's `inactivity` is `warning`. "+
					"Less than `inactive_for_days` when both are set. From 1 to %d.", orgusers.MaxDays),
				Validators: []validator.Int64{int64validator.Between(1, orgusers.MaxDays)},
			},
			"status": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Keep only users with one of these statuses: `active`, `suspended` (access suspended in " +
					"the organization's directories), `not_invited`, `deactivated` (the Atlassian account is deactivated), " +
					"`for_deletion`. Default: every status.",
				Validators: []validator.Set{setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(orgusers.Statuses...))},
			},
			"include_protected": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also list the protected accounts: the provider's `protected_account_ids` and the CSUM " +
					"app's privileged user. Default `false`, so that a membership filtered by this data source never drops " +
					"an account the provider protects (it would refuse the plan).",
			},
			"users": schema.MapNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The users kept, keyed by account ID.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{Computed: true, MarkdownDescription: "Full name."},
					"email": schema.StringAttribute{Computed: true,
						MarkdownDescription: "Email address, or null when the Admin API does not show it."},
					"status": schema.StringAttribute{Computed: true,
						MarkdownDescription: "`active`, `suspended`, `not_invited`, `deactivated` or `for_deletion`."},
					"last_active": schema.StringAttribute{Computed: true,
						MarkdownDescription: "When the user last used `product` (RFC 3339, the latest of its sites), or null when never."},
					"inactivity": schema.StringAttribute{Computed: true,
						MarkdownDescription: "`active`, `warning` (past `warning_after_days`) or `overdue` (past " +
							"`inactive_for_days`); null when neither threshold is set."},
					"product_access": schema.ListNestedAttribute{Computed: true,
						MarkdownDescription: "Every product site the user may use, sorted by key and ID.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"key": schema.StringAttribute{Computed: true, MarkdownDescription: "Product key, e.g. `confluence`."},
							"id":  schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the product's site."},
							"last_active": schema.StringAttribute{Computed: true,
								MarkdownDescription: "Last activity there (RFC 3339), or null when never."},
						}}},
				}},
			},
		},
	}
}

func (d *orgUsersDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m orgUsersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.WarningAfterDays.IsUnknown() || m.InactiveForDays.IsUnknown() {
		return
	}
	if err := thresholds(m).Check(); errors.Is(err, orgusers.ErrWarningOrder) {
		resp.Diagnostics.AddAttributeError(path.Root("warning_after_days"), "Warning threshold not before the overdue one",
			fmt.Sprintf("warning_after_days (%d) must be less than inactive_for_days (%d): a user is a warning first, then overdue.",
				m.WarningAfterDays.ValueInt64(), m.InactiveForDays.ValueInt64()))
	}
}

func (d *orgUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// Read is the framework's way to the data source. The provider's server (NewServer) answers
// ReadDataSource for csum_org_users itself, with the same readOrgUsers, so as to skip the framework's
// processing of a state that may hold tens of thousands of users (see readOrgUsersRPC).
func (d *orgUsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	state, diags := readOrgUsers(ctx, d.data, req.Config)
	resp.Diagnostics.Append(diags...)
	if state == nil {
		return
	}
	raw, err := state.Unmarshal(req.Config.Raw.Type())
	if err != nil {
		resp.Diagnostics.AddError("Could not store the organization's users", "This is a bug in the provider: "+err.Error())
		return
	}
	resp.State.Raw = raw
}

// readOrgUsers reads the data source's configuration, the protected accounts and the organization's users,
// and returns the state encoded as Terraform's protocol carries it, or nil with the diagnostics.
func readOrgUsers(ctx context.Context, data *providerData, config tfsdk.Config) (*tfprotov6.DynamicValue, diagnostics) {
	var diags diagnostics
	client := data.adminClient(&diags)
	if client == nil {
		return nil, diags
	}
	var m orgUsersModel
	diags.Append(config.Get(ctx, &m)...)
	if diags.HasError() {
		return nil, diags
	}
	if m.Product.IsNull() {
		m.Product = types.StringValue(defaultProduct)
	}
	q := orgusers.Query{Product: m.Product.ValueString(), Thresholds: thresholds(m), IncludeProtected: m.IncludeProtected.ValueBool()}
	diags.Append(setStrings(ctx, &q.Statuses, m.Status)...)
	if !q.IncludeProtected {
		var ok bool
		if q.Protected, ok = data.protectedAccounts(ctx, &diags); !ok {
			return nil, diags
		}
	}
	if diags.HasError() {
		return nil, diags
	}
	users, err := orgusers.Read(ctx, client, q, time.Now())
	if err != nil {
		addOrgUsersError(err, client.OrgID(), &diags)
		return nil, diags
	}
	state, err := encodeOrgUsersState(ctx, config, m, users)
	if err != nil {
		diags.AddError("Could not store the organization's users", "This is a bug in the provider: "+err.Error())
		return nil, diags
	}
	return state, diags
}

// thresholds are the model's thresholds; an attribute left out is 0, which the domain reads as not set.
func thresholds(m orgUsersModel) orgusers.Thresholds {
	return orgusers.Thresholds{WarningAfterDays: int(m.WarningAfterDays.ValueInt64()), InactiveForDays: int(m.InactiveForDays.ValueInt64())}
}

// addOrgUsersError reports a failed read on what caused it: the provider's credential or organization, the
// product, or the Admin API itself.
func addOrgUsersError(err error, orgID string, diags *diagnostics) {
	var (
		credential *orgusers.CredentialError
		unknownOrg *orgusers.UnknownOrgError
		product    *orgusers.UnknownProductError
	)
	switch {
	case errors.As(err, &credential):
		diags.AddError("The Atlassian Admin API refused admin_api_key",
			sentence(credential.Error())+" Set admin_api_key in the provider block or CSUM_ADMIN_API_KEY.")
	case errors.As(err, &unknownOrg):
		diags.AddError("Unknown org_id",
			sentence(unknownOrg.Error())+" Set org_id in the provider block or CSUM_ORG_ID to one of them.")
	case errors.As(err, &product):
		diags.AddAttributeError(path.Root("product"), "Unknown product", sentence(product.Error()))
	default:
		diags.AddError("Could not read the organization's users",
			fmt.Sprintf("%s. Nothing was read: a partial list is never used. When the Admin API kept answering 429, "+
				"read the users less often (see the guide on inactive people) or lower requests_per_second. (organization %s)",
				err.Error(), orgID))
	}
}
