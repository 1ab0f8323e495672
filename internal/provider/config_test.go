package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
)

func TestCheckURL(t *testing.T) {
	cases := []struct {
		url  string
		want string // substring of the problem, "" for none
	}{
		{"https://example.atlassian.net", ""},
		{"https://csum.example.net/admin", ""},
		{"http://127.0.0.1:8899", ""},
		{"http://127.5.6.7", ""},
		{"http://localhost:1234/csum-admin", ""},
		{"http://[::1]:8080", ""},
		{"http://example.atlassian.net", "must use https"},
		{"http://10.0.0.1", "must use https"},
		{"ftp://example.net", "absolute http(s) URL"},
		{"example.atlassian.net", "absolute http(s) URL"},
		{"https://user:secret@example.net", "must not carry credentials"},
		{"https://example.net/?x=1", "query or fragment"},
	}
	for _, c := range cases {
		got := checkURL(c.url)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("checkURL(%q) = %q, want a problem containing %q", c.url, got, c.want)
		}
	}
}

func TestResolveUsesEnvironmentAndNamesTheVariable(t *testing.T) {
	t.Setenv(envSiteURL, "http://example.net")
	t.Setenv(envEmail, "admin@example.com")
	t.Setenv(envAPIToken, "")
	t.Setenv(envAppURL, "")
	t.Setenv(envAppAPIKey, "")
	m := providerModel{
		SiteURL: types.StringNull(), Email: types.StringNull(), APIToken: types.StringNull(),
		AppURL: types.StringNull(), AppAPIKey: types.StringValue("key-from-config"),
		ProtectedAccountIDs: types.SetNull(types.StringType),
	}
	s, diags := m.resolve(context.Background())
	if s.Email != "admin@example.com" || s.MaxRetries != defaultMaxRetries {
		t.Fatalf("settings not resolved from the environment and defaults: %+v", s)
	}
	wantOn := map[string]string{
		"site_url":  "CSUM_SITE_URL environment variable",
		"api_token": "CSUM_API_TOKEN",
		"app_url":   "CSUM_APP_URL",
	}
	if len(diags) != len(wantOn) {
		t.Fatalf("got %d diagnostics, want %d: %v", len(diags), len(wantOn), diags)
	}
	for _, d := range diags {
		wd, ok := d.(interface{ Path() path.Path })
		if !ok {
			t.Fatalf("diagnostic without an attribute path: %v", d)
		}
		attr := wd.Path().String()
		if want, ok := wantOn[attr]; !ok || !strings.Contains(d.Detail(), want) {
			t.Errorf("diagnostic on %s: %q, want it to mention %q", attr, d.Detail(), want)
		}
		if strings.Contains(d.Detail(), "key-from-config") {
			t.Errorf("a secret leaked into a diagnostic: %q", d.Detail())
		}
	}
}

func TestResolveWithoutCredentialsIsFine(t *testing.T) {
	for _, env := range []string{envSiteURL, envEmail, envAPIToken, envAppURL, envAppAPIKey} {
		t.Setenv(env, "")
	}
	m := providerModel{SiteURL: types.StringNull(), Email: types.StringNull(), APIToken: types.StringNull(),
		AppURL: types.StringNull(), AppAPIKey: types.StringNull(), ProtectedAccountIDs: types.SetNull(types.StringType)}
	if _, diags := m.resolve(context.Background()); diags.HasError() {
		t.Fatalf("no credentials at all must configure (csum_legacy_export needs none): %v", diags)
	}
	// Unknown values (known only at apply) are not reported as missing.
	m.Email = types.StringUnknown()
	m.SiteURL = types.StringValue("https://example.atlassian.net")
	if _, diags := m.resolve(context.Background()); diags.HasError() {
		t.Fatalf("an unknown email must not be reported at plan time: %v", diags)
	}
}

func TestSettingsPointerPath(t *testing.T) {
	cases := map[string]string{
		"/groupSettings/spaceGroupPattern":        "group_settings.space_group_pattern",
		"/groupSettings/groupBlocklist/3":         "group_settings.group_blocklist",
		"/userSettings/autoJoinGroupIds/0":        "user_settings.auto_join_group_ids",
		"/userSettings/userGroupFilterGroupId":    "user_settings.user_group_filter_group_id",
		"/generalSettings/auditRetentionDays":     "general_settings.audit_retention_days",
		"/groupSettings/spaceGroupPattern/prefix": "group_settings.space_group_pattern.prefix",
	}
	for pointer, want := range cases {
		if got := settingsPointerPath(pointer).String(); got != want {
			t.Errorf("settingsPointerPath(%q) = %q, want %q", pointer, got, want)
		}
	}
}

func TestSingletonClaims(t *testing.T) {
	var c singletonClaims
	if err := c.claim("csum_global_settings"); err != nil {
		t.Fatal(err)
	}
	if err := c.claim("csum_permission_schemes"); err != nil {
		t.Fatal(err)
	}
	if err := c.claim("csum_global_settings"); err == nil || !strings.Contains(err.Error(), "more than once") {
		t.Fatalf("a second claim must fail, got %v", err)
	}
}

func TestStatusExplanationNamesWhatIsMissing(t *testing.T) {
	m := privilegedUserModel{
		AccountID: types.StringValue("557058:abc"), DisplayName: types.StringValue("Bot"),
		Status: types.StringValue("LACKS_PERMISSIONS"), MissingPermissions: stringSet([]string{"SITE_ADMIN"}),
	}
	got := statusExplanation(m)
	for _, want := range []string{"557058:abc", "SITE_ADMIN", "site admin"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation %q does not mention %q", got, want)
		}
	}
	m.Status = types.StringValue(csumapi.PrivilegedUserNotFound)
	if got := statusExplanation(m); !strings.Contains(got, "no longer exists or is deactivated") {
		t.Errorf("USER_NOT_FOUND explanation: %q", got)
	}
}
