// Package keeper is a provider built on terraform-plugin-framework whose one resource, csumbench_map, keeps a
// map of strings and makes no request: what Terraform and the framework together cost for a map of that size,
// with nothing of the csum provider's own work. The benchmarks set a large group's figures against it.
//
// Its resource hands the framework's raw values back unchanged, so that none of its cost is Go code of its
// own; the framework still decodes, checks and encodes every value as it does for any provider.
package keeper

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/frameworklogs"
)

// Source is the provider's source address, for a dev_overrides entry.
const Source = "registry.terraform.io/csum-tools/csumbench"

// Serve serves the provider to the Terraform CLI that started this process, with the framework's logs
// treated as the csum provider treats them.
func Serve(ctx context.Context) error {
	frameworklogs.QuietWhenUnread()
	return providerserver.Serve(ctx, func() provider.Provider { return keeperProvider{} }, providerserver.ServeOpts{Address: Source})
}

type keeperProvider struct{}

func (keeperProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "csumbench"
}

func (keeperProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (keeperProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (keeperProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return mapResource{} }}
}

func (keeperProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// mapResource is csumbench_map: a required map of strings, members, kept as configured.
type mapResource struct{}

func (mapResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_map"
}

func (mapResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"members": schema.MapAttribute{ElementType: types.StringType, Required: true},
	}}
}

func (mapResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}

// Read keeps the state: the framework's response starts as the prior state.
func (mapResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (mapResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (mapResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
