package provider_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/provider"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// The provider's server answers every optional RPC the framework's does.
func TestServerHidesNoOptionalRPC(t *testing.T) {
	s := provider.NewServer("test")()
	if _, ok := s.(tfprotov6.ListResourceServer); !ok {
		t.Error("list resources hidden")
	}
	if _, ok := s.(tfprotov6.ActionServer); !ok {
		t.Error("actions hidden")
	}
	if _, ok := s.(tfprotov6.StateStoreServer); !ok {
		t.Error("state stores hidden")
	}
}

// The server reads csum_org_users itself; the state, and the diagnostics with the attribute they name, are
// the same as the framework's Read of the data source gives after all its processing.
func TestServerReadsOrgUsersAsTheFrameworkDoes(t *testing.T) {
	srv := acctest.StartSandbox(t, acctest.WithSeed(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 120}))).Sandbox
	ours := configured(t, provider.NewServer("test")(), srv)
	framework := configured(t, providerserver.NewProtocol6(provider.New("test")())(), srv)
	for name, args := range map[string]map[string]tftypes.Value{
		"everyone": {"warning_after_days": tftypes.NewValue(tftypes.Number, 60)},
		"inactive active users": {"inactive_for_days": tftypes.NewValue(tftypes.Number, 90),
			"status": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "active")})},
		"unknown product": {"product": tftypes.NewValue(tftypes.String, "confluance")},
	} {
		t.Run(name, func(t *testing.T) {
			a, typ := readOrgUsers(t, ours, args)
			b, _ := readOrgUsers(t, framework, args)
			if len(a.Diagnostics) != len(b.Diagnostics) {
				t.Fatalf("diagnostics differ: %v and %v", a.Diagnostics, b.Diagnostics)
			}
			for i := range a.Diagnostics {
				x, y := a.Diagnostics[i], b.Diagnostics[i]
				if x.Severity != y.Severity || x.Summary != y.Summary || x.Detail != y.Detail || !x.Attribute.Equal(y.Attribute) {
					t.Errorf("diagnostic %d differs:\n%+v\n%+v", i, x, y)
				}
			}
			if len(a.Diagnostics) > 0 {
				if a.State != nil || a.Diagnostics[0].Attribute.String() != `AttributeName("product")` {
					t.Errorf("a state with errors, or an error on %v", a.Diagnostics[0].Attribute)
				}
				return
			}
			x, errA := a.State.Unmarshal(typ)
			y, errB := b.State.Unmarshal(typ)
			if errA != nil || errB != nil || !x.Equal(y) {
				t.Fatalf("states differ (%v, %v):\n%v\n%v", errA, errB, x, y)
			}
			var attrs map[string]tftypes.Value
			var users map[string]tftypes.Value
			if err := x.As(&attrs); err != nil || attrs["users"].As(&users) != nil || len(users) == 0 {
				t.Fatalf("no users in the state: %v", x)
			}
		})
	}
}

// configured is a server configured for the sandbox's organization.
func configured(t *testing.T, s tfprotov6.ProviderServer, srv *sandbox.Server) tfprotov6.ProviderServer {
	t.Helper()
	ctx := context.Background()
	schema, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := objectValue(t, schema.Provider.ValueType(), map[string]tftypes.Value{
		"org_id":        tftypes.NewValue(tftypes.String, srv.OrgID()),
		"admin_api_key": tftypes.NewValue(tftypes.String, srv.AdminAPIKey()),
		"admin_api_url": tftypes.NewValue(tftypes.String, srv.AdminURL()),
	})
	resp, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: cfg})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
	return s
}

// readOrgUsers reads csum_org_users with the arguments given (the others null).
func readOrgUsers(t *testing.T, s tfprotov6.ProviderServer, args map[string]tftypes.Value) (*tfprotov6.ReadDataSourceResponse, tftypes.Type) {
	t.Helper()
	ctx := context.Background()
	schema, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schema.DataSourceSchemas["csum_org_users"].ValueType()
	resp, err := s.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "csum_org_users", Config: objectValue(t, typ, args)})
	if err != nil {
		t.Fatal(err)
	}
	return resp, typ
}

// objectValue encodes an object of typ with the attributes given and every other one null.
func objectValue(t *testing.T, typ tftypes.Type, attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	all := map[string]tftypes.Value{}
	for name, at := range typ.(tftypes.Object).AttributeTypes {
		all[name] = tftypes.NewValue(at, nil)
		if v, ok := attrs[name]; ok {
			all[name] = v
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, all))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}
