package provider_test

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/provider"
)

// listClient calls the provider's list resources over the protocol, as Terraform does, with no CLI.
type listClient struct {
	t      *testing.T
	server tfprotov6.ProviderServer
	schema *tfprotov6.GetProviderSchemaResponse
	ids    *tfprotov6.GetResourceIdentitySchemasResponse
}

// newListClient serves the provider configured for env's site (and its app unless withoutApp), retrying no
// request, so that a fault the sandbox injects fails the request it hits.
func newListClient(t *testing.T, env *acctest.Env, withoutApp bool) *listClient {
	t.Helper()
	ctx := context.Background()
	s := provider.NewServer("test")()
	schema, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := s.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	attrs := map[string]tftypes.Value{
		"site_url": str(env.Sandbox.URL()), "email": str(env.Seed.Credentials.Email),
		"api_token": str(env.Seed.Credentials.APIToken), "max_retries": tftypes.NewValue(tftypes.Number, 0),
	}
	if !withoutApp {
		attrs["app_url"], attrs["app_api_key"] = str(env.Sandbox.AppURL()), str(env.Sandbox.AppAPIKey())
	}
	resp, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: objectValue(t, schema.Provider.ValueType(), attrs)})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
	return &listClient{t: t, server: s, schema: schema, ids: ids}
}

// listed is one result of a listing, decoded.
type listed struct {
	DisplayName string
	Identity    map[string]string
	State       map[string]tftypes.Value // nil without include_resource
	Diagnostics []*tfprotov6.Diagnostic
}

// list lists typeName in the spaces of keys (every space when nil) and decodes every result.
func (c *listClient) list(typeName string, keys []string, includeResource bool, limit int64) []listed {
	c.t.Helper()
	config := map[string]tftypes.Value{}
	if keys != nil {
		elems := make([]tftypes.Value, len(keys))
		for i, k := range keys {
			elems[i] = tftypes.NewValue(tftypes.String, k)
		}
		config["space_keys"] = tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
	}
	listSchema, ok := c.schema.ListResourceSchemas[typeName]
	if !ok {
		c.t.Fatalf("the provider has no list resource %s", typeName)
	}
	lister, ok := c.server.(tfprotov6.ListResourceServer)
	if !ok {
		c.t.Fatal("the server answers no ListResource")
	}
	stream, err := lister.ListResource(context.Background(), &tfprotov6.ListResourceRequest{
		TypeName: typeName, Config: objectValue(c.t, listSchema.ValueType(), config), IncludeResource: includeResource, Limit: limit,
	})
	if err != nil {
		c.t.Fatal(err)
	}
	var out []listed
	for r := range stream.Results {
		l := listed{DisplayName: r.DisplayName, Diagnostics: r.Diagnostics}
		if r.Identity != nil && r.Identity.IdentityData != nil {
			l.Identity = map[string]string{}
			for name, v := range c.decode(r.Identity.IdentityData, c.ids.IdentitySchemas[typeName].ValueType()) {
				var s string
				if err := v.As(&s); err != nil {
					c.t.Fatal(err)
				}
				l.Identity[name] = s
			}
		}
		if r.Resource != nil {
			l.State = c.decode(r.Resource, c.schema.ResourceSchemas[typeName].ValueType())
		}
		out = append(out, l)
	}
	return out
}

// imported is the state that the managed resource of typeName records for identity: its import by identity
// followed by the refresh Terraform makes after an import.
func (c *listClient) imported(typeName string, identity map[string]string) map[string]tftypes.Value {
	c.t.Helper()
	ctx := context.Background()
	attrs := map[string]tftypes.Value{}
	for name, v := range identity {
		attrs[name] = tftypes.NewValue(tftypes.String, v)
	}
	id := &tfprotov6.ResourceIdentityData{IdentityData: objectValue(c.t, c.ids.IdentitySchemas[typeName].ValueType(), attrs)}
	imp, err := c.server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: typeName, Identity: id})
	if err != nil || len(imp.Diagnostics) > 0 || len(imp.ImportedResources) != 1 {
		c.t.Fatalf("import %s %v: %v %v", typeName, identity, err, imp.Diagnostics)
	}
	r := imp.ImportedResources[0]
	read, err := c.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{
		TypeName: typeName, CurrentState: r.State, Private: r.Private, CurrentIdentity: r.Identity,
	})
	if err != nil || len(read.Diagnostics) > 0 {
		c.t.Fatalf("read %s %v after import: %v %v", typeName, identity, err, read.Diagnostics)
	}
	return c.decode(read.NewState, c.schema.ResourceSchemas[typeName].ValueType())
}

func (c *listClient) decode(dv *tfprotov6.DynamicValue, typ tftypes.Type) map[string]tftypes.Value {
	c.t.Helper()
	v, err := dv.Unmarshal(typ)
	if err != nil {
		c.t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		c.t.Fatal(err)
	}
	return attrs
}

// resultNames are the display names of results, in order.
func resultNames(results []listed) []string {
	names := make([]string, len(results))
	for i, r := range results {
		names[i] = r.DisplayName
	}
	return names
}

// diagnosticText is every diagnostic of the results, one per line, with its severity.
func diagnosticText(results []listed) string {
	var b strings.Builder
	for _, r := range results {
		for _, d := range r.Diagnostics {
			b.WriteString(strings.ToLower(d.Severity.String()) + ": " + d.Summary + ": " + d.Detail + "\n")
		}
	}
	return b.String()
}

// hasError tells whether a result carries an error.
func (l listed) hasError() bool {
	for _, d := range l.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// stringAttr is a string attribute of a decoded state ("" when null).
func stringAttr(t *testing.T, state map[string]tftypes.Value, name string) string {
	t.Helper()
	var s *string
	if err := state[name].As(&s); err != nil {
		t.Fatal(err)
	}
	if s == nil {
		return ""
	}
	return *s
}

// mapAttr is a map of strings of a decoded state.
func mapAttr(t *testing.T, state map[string]tftypes.Value, name string) map[string]string {
	t.Helper()
	var m map[string]tftypes.Value
	if err := state[name].As(&m); err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		var s string
		if err := v.As(&s); err != nil {
			t.Fatal(err)
		}
		out[k] = s
	}
	return out
}

// setAttr is a set of strings of a decoded state (nil when null).
func setAttr(t *testing.T, state map[string]tftypes.Value, name string) []string {
	t.Helper()
	var elems []tftypes.Value
	if err := state[name].As(&elems); err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(elems))
	for _, v := range elems {
		var s string
		if err := v.As(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func tfValuesEqual(a, b tftypes.Value) bool { return a.Equal(b) }

// writeQuery writes the query file of the working directory, beside its configuration.
func (c *tfCLI) writeQuery(hcl string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.dir, "discover.tfquery.hcl"), []byte(hcl), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// skipBelowQuery skips a test whose CLI has no `terraform query` (Terraform before 1.14, and OpenTofu), as
// tfversion.SkipBelow(tfversion.Version1_14_0) does for resource.Test, saying which CLI it found.
func skipBelowQuery(t *testing.T, c *tfCLI) {
	t.Helper()
	if c.command("query", "-help").Run() == nil {
		return
	}
	version, _ := c.command("version").Output()
	found := ""
	for _, line := range strings.Split(string(version), "\n") {
		if strings.HasPrefix(line, "Terraform v") || strings.HasPrefix(line, "OpenTofu v") {
			found = line
		}
	}
	t.Skipf("%s has no terraform query, which list resources need (Terraform 1.14+): set TF_ACC_TERRAFORM_PATH "+
		"to a Terraform 1.14+ CLI to run this test", cmp.Or(found, c.bin))
}
