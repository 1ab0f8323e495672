package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/adminapi"
)

func clearAdminEnv(t *testing.T) {
	for _, env := range []string{envOrgID, envAdminAPIKey, envAdminAPIURL} {
		t.Setenv(env, "")
	}
}

// The Admin API attributes come from the configuration or the environment, default to Atlassian's URL, and
// a value missing its partner is reported on the missing attribute, naming its environment variable.
func TestResolveAdminAPI(t *testing.T) {
	clearAdminEnv(t)
	t.Setenv(envOrgID, "org-from-env")
	m := providerModel{AdminAPIKey: types.StringValue("key-from-config")}
	s, diags := m.resolve(context.Background())
	if diags.HasError() || s.OrgID != "org-from-env" || s.AdminAPIKey != "key-from-config" || s.AdminAPIURL != adminapi.DefaultURL {
		t.Fatalf("settings %+v, diagnostics %v", s, diags)
	}

	cases := []struct {
		name     string
		model    providerModel
		env      map[string]string
		attr     string
		mentions string
	}{
		{"org_id without a key", providerModel{OrgID: types.StringValue("o")}, nil, "admin_api_key", "CSUM_ADMIN_API_KEY"},
		{"a key without org_id", providerModel{}, map[string]string{envAdminAPIKey: "k"}, "org_id", "CSUM_ORG_ID"},
		{"a URL alone", providerModel{AdminAPIURL: types.StringValue("https://api.atlassian.com")}, nil, "org_id", "admin_api_url is set"},
		{"plain http", providerModel{OrgID: types.StringValue("o"), AdminAPIKey: types.StringValue("k")},
			map[string]string{envAdminAPIURL: "http://api.atlassian.com"}, "admin_api_url", "CSUM_ADMIN_API_URL environment variable) must use https"},
		{"an org_id with a slash", providerModel{OrgID: types.StringValue("a/b"), AdminAPIKey: types.StringValue("k")}, nil, "org_id", "not an organization ID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clearAdminEnv(t)
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			_, diags := c.model.resolve(context.Background())
			found := false
			for _, d := range diags {
				wd, ok := d.(interface{ Path() path.Path })
				if ok && wd.Path().String() == c.attr && strings.Contains(d.Detail(), c.mentions) {
					found = true
				}
				if strings.Contains(d.Detail(), "k\"") {
					t.Errorf("the key shows in a diagnostic: %q", d.Detail())
				}
			}
			if !found {
				t.Errorf("no diagnostic on %s mentioning %q: %v", c.attr, c.mentions, diags)
			}
		})
	}

	// A loopback URL (the sandbox) may use http; unknown values are left for apply.
	clearAdminEnv(t)
	m = providerModel{OrgID: types.StringUnknown(), AdminAPIKey: types.StringValue("k"), AdminAPIURL: types.StringValue("http://127.0.0.1:8080/")}
	if s, diags := m.resolve(context.Background()); diags.HasError() || s.AdminAPIURL != "http://127.0.0.1:8080" {
		t.Errorf("settings %+v, diagnostics %v", s, diags)
	}
}
