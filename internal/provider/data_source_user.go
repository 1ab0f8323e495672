package provider

import (
	"context"
	"errors"
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
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

var (
	_ datasource.DataSourceWithConfigure        = &userDataSource{}
	_ datasource.DataSourceWithConfigValidators = &userDataSource{}
	_ userFinder                                = (*confluence.Client)(nil)
)

// userFinder is what csum_user needs of Confluence: an account by ID, or accounts by name.
type userFinder interface {
	accountGetter
	UsersByName(ctx context.Context, query string) ([]confluence.User, error)
}

func newUserDataSource() datasource.DataSource { return &userDataSource{} }

type userDataSource struct {
	data   *providerData
	client userFinder // nil without site credentials
}

type userModel struct {
	AccountID     types.String `tfsdk:"account_id"`
	Query         types.String `tfsdk:"query"`
	DisplayName   types.String `tfsdk:"display_name"`
	Email         types.String `tfsdk:"email"`
	AccountType   types.String `tfsdk:"account_type"`
	AccountStatus types.String `tfsdk:"account_status"`
}

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One Confluence user, by account ID or by a name search that must match exactly one user, so " +
			"that account IDs need not be pasted by hand. Zero or several matches is an error that lists the candidates.",
		Attributes: map[string]schema.Attribute{
			"account_id": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Atlassian account ID to look up. Exactly one of `account_id` and `query`.",
				Validators:          []validator.String{accountIDValidator()},
			},
			"query": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Start of the user's full name (or of any word of it), case-insensitive. It must match " +
					"exactly one user.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 200)},
			},
			"display_name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The user's display name.",
			},
			"email": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The email, or empty when the user's profile hides it.",
			},
			"account_type": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`atlassian`, `app` (a bot) or `customer`.",
			},
			"account_status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`active`, `inactive` or `closed`, when Confluence reports it.",
			},
		},
	}
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("account_id"), path.MatchRoot("query")),
	}
}

func (d *userDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if d.data != nil && d.data.confluence != nil { // no typed nil: a nil client means none
		d.client = d.data.confluence
	}
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := d.client
	if !configured(c, d.data.confluenceClient, &resp.Diagnostics) {
		return
	}
	var m userModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var u confluence.User
	if id := m.AccountID.ValueString(); id != "" {
		var err error
		u, err = c.GetUser(ctx, id)
		if errors.Is(err, httpx.ErrNotFound) {
			resp.Diagnostics.AddAttributeError(path.Root("account_id"), "No such user",
				fmt.Sprintf("Confluence has no user with account ID %q.", id))
			return
		}
		if err != nil {
			resp.Diagnostics.AddError("Could not read the user", err.Error())
			return
		}
	} else {
		q := m.Query.ValueString()
		users, err := c.UsersByName(ctx, q)
		if err != nil {
			resp.Diagnostics.AddError("Could not search users", err.Error())
			return
		}
		if len(users) != 1 {
			resp.Diagnostics.AddAttributeError(path.Root("query"), "The query must match exactly one user", describeMatches(q, users))
			return
		}
		u = users[0]
	}
	m.AccountID = types.StringValue(u.AccountID)
	m.DisplayName = types.StringValue(u.DisplayName)
	m.Email = types.StringValue(u.Email)
	m.AccountType = types.StringValue(u.AccountType)
	m.AccountStatus = types.StringValue(u.AccountStatus)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// describeMatches lists the candidates of an ambiguous search, so the user can pick an account ID.
func describeMatches(query string, users []confluence.User) string {
	if len(users) == 0 {
		return fmt.Sprintf("No user's name starts with %q. Check the spelling, or look the user up by account_id.", query)
	}
	const shown = 20
	lines := make([]string, 0, shown)
	for i, u := range users {
		if i == shown {
			lines = append(lines, fmt.Sprintf("... and %d more", len(users)-shown))
			break
		}
		lines = append(lines, fmt.Sprintf("- %s (%s)", u.DisplayName, u.AccountID))
	}
	return fmt.Sprintf("%d users match %q; narrow the query or use account_id:\n%s", len(users), query, strings.Join(lines, "\n"))
}
