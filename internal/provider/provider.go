// Package provider implements the csum Terraform provider: its configuration, resources, data sources and
// functions. Resources reach the APIs only through the small interfaces in services.go.
package provider

import (
	"context"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ provider.ProviderWithValidateConfig = &csumProvider{}
	_ provider.ProviderWithFunctions      = &csumProvider{}
	_ provider.ProviderWithListResources  = &csumProvider{}
)

type csumProvider struct {
	version string
	// configured is the data of the last Configure, for the RPCs the server answers itself (server.go).
	configured atomic.Pointer[providerData]
}

// New returns a constructor of the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &csumProvider{version: version} }
}

func (p *csumProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "csum"
	resp.Version = p.version
}

func (p *csumProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Confluence Cloud space groups, their members and space permissions, and the " +
			"configuration of the Custom Space User Management (CSUM) app.",
		Attributes: map[string]schema.Attribute{
			"site_url": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Base URL of the Confluence Cloud site, e.g. `https://example.atlassian.net`. " +
					"Must use `https`, except for loopback hosts (the sandbox). Environment: `CSUM_SITE_URL`. " +
					"Needed by every resource and data source except `csum_legacy_export`.",
			},
			"email": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Email of the Atlassian account whose API token is used. Needed with `site_url` and " +
					"`api_token`. Environment: `CSUM_EMAIL`.",
			},
			"api_token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Atlassian API token of that account (id.atlassian.com, Security, API tokens). " +
					"Group writes need a site admin; space permission writes need space admin. " +
					"Environment: `CSUM_API_TOKEN`. Never logged or stored in state.",
			},
			"app_url": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Base URL of the CSUM Admin API, e.g. `https://csum.example.net/admin`. Needed by " +
					"`csum_global_settings`, `csum_permission_schemes` and `csum_privileged_user`; without it the " +
					"space group resources assume the default pattern `SPACEKEY-`. Environment: `CSUM_APP_URL`.",
			},
			"app_api_key": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Admin API key created by a System Admin on the CSUM configuration page. " +
					"Needed with `app_url`. Environment: `CSUM_APP_API_KEY`. Never logged or stored in state.",
			},
			"org_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ID of the Atlassian organization whose users `csum_org_users` reads (in the URL of " +
					"admin.atlassian.com, `/o/<org_id>/`). Needed with `admin_api_key`; without both, the rest of the " +
					"provider works as before. Environment: `CSUM_ORG_ID`.",
			},
			"admin_api_key": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Organization API key of the Atlassian Admin API, created by an organization admin in " +
					"admin.atlassian.com, Settings, API keys: without scopes, or with the read scopes of directories and " +
					"users. Not a site API token. Needed with `org_id`. Environment: `CSUM_ADMIN_API_KEY`. Never logged or " +
					"stored in state.",
			},
			"admin_api_url": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Base URL of the Atlassian Admin API. Default `https://api.atlassian.com`. Must use " +
					"`https`, except for loopback hosts (the sandbox). Environment: `CSUM_ADMIN_API_URL`.",
			},
			"protected_account_ids": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Account IDs that this provider never removes from any group, in addition to the " +
					"app's current privileged user. A plan that would remove one is refused, and `csum_org_users` leaves " +
					"them out unless `include_protected` is set. Default: none besides the privileged user.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(accountIDValidator())},
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "How many times one request is retried: reads on 429, 500, 502, 503, 504 and transport " +
					"errors, writes only on 429 (which means they were not applied). Default `5`.",
				Validators: []validator.Int64{int64validator.Between(0, 50)},
			},
			"requests_per_second": schema.Float64Attribute{
				Optional: true,
				MarkdownDescription: "Client-side pacing shared by every resource of the run, in requests per second. " +
					"`0` (the default) means no pacing beyond what the API asks for: its `Retry-After`, and after a 429 the rate the " +
					"site answered over the last second, raised again by a quarter each second without a 429.",
				Validators: []validator.Float64{float64validator.AtLeast(0)},
			},
		},
	}
}

func (p *csumProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	_, diags := m.resolve(ctx)
	resp.Diagnostics.Append(diags...)
}

func (p *csumProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, diags := m.resolve(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	data := newProviderData(s, p.version)
	p.configured.Store(data)
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

func (p *csumProvider) Resources(_ context.Context) []func() resource.Resource {
	return resourceConstructors
}

func (p *csumProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return dataSourceConstructors
}

func (p *csumProvider) ListResources(_ context.Context) []func() list.ListResource {
	return listResourceConstructors
}

func (p *csumProvider) Functions(_ context.Context) []func() function.Function {
	return functionConstructors
}
