package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// frameworkServer is every RPC the framework's protocol 6 server answers, the optional ones included, so
// that wrapping it hides none of them.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// server is the framework's server, except that it reads csum_org_users itself. The framework processes a
// data source's new state after Read (a semantic-equality pass that turns every value into framework values
// and back, copies, walks) at a cost of hundreds of bytes per value: for 50,000 users with their product
// access, over half a gigabyte. Here the state goes from the domain's users to MessagePack directly.
// Schemas, validation and every other RPC stay the framework's.
type server struct {
	frameworkServer
	provider *csumProvider
}

// NewServer returns the provider's protocol 6 server, as tf6server.Serve expects; main and the tests serve
// it, so that they run the provider as Terraform meets it.
func NewServer(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		p := &csumProvider{version: version}
		fw, ok := providerserver.NewProtocol6(p)().(frameworkServer)
		if !ok {
			panic("the framework's server no longer answers every optional RPC; update frameworkServer")
		}
		return &server{frameworkServer: fw, provider: p}
	}
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if req.TypeName != "csum_org_users" {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}
	return readOrgUsersRPC(ctx, s.provider.configured.Load(), req), nil
}

// readOrgUsersRPC answers ReadDataSource for csum_org_users: the configuration decoded with the data source's
// schema, readOrgUsers, and its diagnostics in the protocol's form.
func readOrgUsersRPC(ctx context.Context, data *providerData, req *tfprotov6.ReadDataSourceRequest) *tfprotov6.ReadDataSourceResponse {
	var sresp datasource.SchemaResponse
	newOrgUsersDataSource().Schema(ctx, datasource.SchemaRequest{}, &sresp)
	var diags diagnostics
	resp := &tfprotov6.ReadDataSourceResponse{}
	raw, err := req.Config.Unmarshal(sresp.Schema.Type().TerraformType(ctx))
	if err != nil {
		diags.AddError("Could not read the configuration", "This is a bug in the provider: "+err.Error())
	} else {
		var state *tfprotov6.DynamicValue
		state, diags = readOrgUsers(ctx, data, tfsdk.Config{Schema: sresp.Schema, Raw: raw})
		resp.State = state
	}
	resp.Diagnostics = protoDiagnostics(diags)
	return resp
}

// protoDiagnostics converts diagnostics to the protocol's, with the attribute each names.
func protoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: d.Summary(), Detail: d.Detail()}
		if d.Severity() == diag.SeverityError {
			pd.Severity = tfprotov6.DiagnosticSeverityError
		}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = attributePath(withPath.Path())
		}
		out = append(out, pd)
	}
	return out
}

// attributePath is a diagnostic's path in the protocol's form.
func attributePath(p path.Path) *tftypes.AttributePath {
	out := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			out = out.WithAttributeName(string(s))
		case path.PathStepElementKeyString:
			out = out.WithElementKeyString(string(s))
		case path.PathStepElementKeyInt:
			out = out.WithElementKeyInt(int(s))
		default: // a set element: the set itself is the closest the protocol can name
			return out
		}
	}
	return out
}
