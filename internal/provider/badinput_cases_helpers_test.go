package provider_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

// Values too long for any attribute that holds a name or an ID.
var (
	hugeName    = strings.Repeat("n", 201)
	hugeAccount = "557058:" + strings.Repeat("a", 130)
)

// maxLabel is the longest label a member may have, in characters.
const maxLabel = 255

const (
	missingAccount = "557058:00000000-dead-4bad-8bad-000000000000"
	missingGroupID = "00000000-dead-4bad-8bad-000000000000"
	unknownRoleID  = "00000000-dead-4bad-8bad-0000000000a1"
)

// block renders one block of a kind ("resource", "data" or "provider") with a name made unique by i.
func block(i int, kind, typ, body string) string {
	if kind == "provider" {
		// A data source uses the aliased configuration, so that Terraform validates and configures it.
		return fmt.Sprintf("provider %q {\n  alias = \"bad%d\"\n%s\n}\n\ndata \"csum_space\" \"p%d\" {\n  provider = csum.bad%d\n  key = \"ENG\"\n}",
			typ, i, body, i, i)
	}
	return fmt.Sprintf("%s %q \"bad%d\" {\n%s\n}", kind, typ, i, body)
}

// numbered gives each case's block its index.
func numbered(cases []struct{ what, attr, kind, typ, body string }) []badInput {
	out := make([]badInput, len(cases))
	for i, c := range cases {
		out[i] = badInput{what: c.what, attr: c.attr, block: block(i, c.kind, c.typ, c.body)}
	}
	return out
}

// validationCases are wrong in shape: Terraform's validation rejects them before anything is read.
func validationCases(siteURL string) []badInput {
	provider := func(body string) string {
		return fmt.Sprintf("  site_url = %q\n  email = \"admin@example.com\"\n  api_token = \"t\"\n%s", siteURL, body)
	}
	return numbered([]struct{ what, attr, kind, typ, body string }{
		// Provider
		{"site_url not a URL", "site_url", "provider", "csum", `  site_url = "example.atlassian.net"`},
		{"site_url plain http to a remote host", "site_url", "provider", "csum", `  site_url = "http://example.atlassian.net"`},
		{"app_url with credentials in it", "app_url", "provider", "csum", provider(`  app_url = "https://u:p@csum.example.net"` + "\n" + `  app_api_key = "k"`)},
		{"email without api_token", "api_token", "provider", "csum", `  site_url = "https://example.atlassian.net"` + "\n" + `  email = "a@example.com"` + "\n" + `  api_token = ""`},
		{"max_retries huge", "max_retries", "provider", "csum", provider(`  max_retries = 1000`)},
		{"requests_per_second negative", "requests_per_second", "provider", "csum", provider(`  requests_per_second = -1`)},
		{"protected_account_ids wrong format", "protected_account_ids", "provider", "csum", provider(`  protected_account_ids = ["not an id"]`)},
		// csum_space_group
		{"space_key empty", "space_key", "resource", "csum_space_group", `  space_key = ""` + "\n" + `  name = "x"`},
		{"name empty", "name", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = ""`},
		{"name huge", "name", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = "` + hugeName + `"`},
		{"permission unknown", "permissions", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = "x"` + "\n" + `  permissions = ["read/space", "fly/space"]`},
		{"permission without read/space", "permissions", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = "x"` + "\n" + `  permissions = ["create/page"]`},
		{"permission empty string", "permissions", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = "x"` + "\n" + `  permissions = ["read/space", ""]`},
		{"role_id empty", "role_id", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = "x"` + "\n" + `  role_id = ""`},
		{"role_id and permissions", "permissions", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = "x"` + "\n" + `  role_id = "` + unknownRoleID + `"` + "\n" + `  permissions = ["read/space"]`},
		// csum_space_group_membership
		{"membership space_key empty", "space_key", "resource", "csum_space_group_membership", `  space_key = ""` + "\n" + `  group_name = "eng-leads"` + "\n" + `  members = {}`},
		{"membership without group", "group_name", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  members = {}`},
		{"membership group_name empty", "group_name", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  group_name = ""` + "\n" + `  members = {}`},
		{"membership group_id not an ID", "group_id", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  group_id = "eng-leads"` + "\n" + `  members = {}`},
		{"member ID wrong format", "members", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  group_name = "eng-leads"` + "\n" + `  members = { "alice anders" = "" }`},
		{"member ID huge", "members", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  group_name = "eng-leads"` + "\n" + `  members = { "` + hugeAccount + `" = "" }`},
		{"member ID empty", "members", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  group_name = "eng-leads"` + "\n" + `  members = { "" = "" }`},
		{"member label huge", "members", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  group_name = "eng-leads"` + "\n" + `  members = { "557058:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" = "` + strings.Repeat("é", maxLabel+1) + `" }`},
		// csum_space_group_member
		{"member account_id empty", "account_id", "resource", "csum_space_group_member", `  space_key = "OPS"` + "\n" + `  group_name = "ops-oncall"` + "\n" + `  account_id = ""`},
		{"member account_id wrong format", "account_id", "resource", "csum_space_group_member", `  space_key = "OPS"` + "\n" + `  group_name = "ops-oncall"` + "\n" + `  account_id = "maya@example.com"`},
		{"member space_key empty", "space_key", "resource", "csum_space_group_member", `  space_key = ""` + "\n" + `  group_name = "ops-oncall"` + "\n" + `  account_id = "` + missingAccount + `"`},
		// csum_privileged_user
		{"privileged account_id empty", "account_id", "resource", "csum_privileged_user", `  account_id = ""`},
		{"privileged account_id huge", "account_id", "resource", "csum_privileged_user", `  account_id = "` + hugeAccount + `"`},
		// csum_global_settings
		{"pattern without the SPACEKEY token", "space_group_pattern", "resource", "csum_global_settings", `  group_settings = { space_group_pattern = { prefix = "grp-" } }`},
		{"pattern prefix huge", "space_group_pattern", "resource", "csum_global_settings", `  group_settings = { space_group_pattern = { prefix = "SPACEKEY-` + strings.Repeat("x", 70) + `" } }`},
		{"group_name_regex invalid", "group_name_regex", "resource", "csum_global_settings", `  group_settings = { group_name_regex = "([a-z" }`},
		{"max_users_per_action zero", "max_users_per_action", "resource", "csum_global_settings", `  group_settings = { max_users_per_action = 0 }`},
		{"max_groups_per_action huge", "max_groups_per_action", "resource", "csum_global_settings", `  group_settings = { max_groups_per_action = 100000 }`},
		{"disabled_user_visibility unknown", "disabled_user_visibility", "resource", "csum_global_settings", `  user_settings = { disabled_user_visibility = "SHOUT" }`},
		{"auto_join_group_ids empty string", "auto_join_group_ids", "resource", "csum_global_settings", `  user_settings = { auto_join_group_ids = [""] }`},
		{"user_group_filter_group_id empty", "user_group_filter_group_id", "resource", "csum_global_settings", `  user_settings = { user_group_filter_group_id = "" }`},
		{"audit_retention_days huge", "audit_retention_days", "resource", "csum_global_settings", `  general_settings = { audit_retention_days = 100000 }`},
		// csum_permission_schemes
		{"default operation unknown", "default_operations", "resource", "csum_permission_schemes", `  default_operations = ["FLY"]`},
		{"user scheme key not an account", "user_schemes", "resource", "csum_permission_schemes", `  user_schemes = { "alice anders" = ["CREATE_GROUP"] }`},
		{"group scheme operation unknown", "group_schemes", "resource", "csum_permission_schemes", `  group_schemes = { "` + missingGroupID + `" = ["FLY"] }`},
		// Data sources
		{"csum_space key empty", "key", "data", "csum_space", `  key = ""`},
		{"csum_space_groups space_key empty", "space_key", "data", "csum_space_groups", `  space_key = ""`},
		{"csum_space_role name empty", "name", "data", "csum_space_role", `  name = ""`},
		{"csum_space_role id and name", "id", "data", "csum_space_role", `  id = "` + unknownRoleID + `"` + "\n" + `  name = "Viewer"`},
		{"csum_user account_id wrong format", "account_id", "data", "csum_user", `  account_id = "alice anders"`},
		{"csum_user query huge", "query", "data", "csum_user", `  query = "` + hugeName + `"`},
		{"csum_user account_id and query", "account_id", "data", "csum_user", `  account_id = "` + missingAccount + `"` + "\n" + `  query = "alice"`},
		{"csum_legacy_export path empty", "path", "data", "csum_legacy_export", `  path = ""`},
		{"csum_legacy_export neither path nor content", "path", "data", "csum_legacy_export", ``},
	})
}

// serverCases are well formed but name what does not exist, or clash: the provider must refuse them at
// plan time by asking the sandbox, which it only reads.
func serverCases(t *testing.T, env *acctest.Env) []badInput {
	maya := env.AccountID(t, maya)
	viewer := roleID(t, env.Sandbox.Store(), "Viewer")
	cases := numbered([]struct{ what, attr, kind, typ, body string }{
		{"space group in a space that does not exist", "space_key", "resource", "csum_space_group", `  space_key = "NOPE"` + "\n" + `  name = "x"`},
		{"space group with a role in a space that does not exist", "space_key", "resource", "csum_space_group", `  space_key = "NOPE"` + "\n" + `  name = "x"` + "\n" + `  role_id = "` + viewer + `"`},
		{"space group role that does not exist", "role_id", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = "x"` + "\n" + `  role_id = "` + unknownRoleID + `"`},
		{"space group permissions on a roles-only site", "permissions", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = "x"` + "\n" + `  permissions = ["read/space"]`},
		{"space group name against the app's regex", "name", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = "Not Allowed!"`},
		{"membership of a group that does not exist", "group_name", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  group_name = "eng-nobody"` + "\n" + `  members = {}`},
		{"membership of a group ID that does not exist", "group_id", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  group_id = "` + missingGroupID + `"` + "\n" + `  members = {}`},
		{"membership of another space's group", "space_key", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  group_name = "ops-oncall"` + "\n" + `  members = {}`},
		{"membership in a space that does not exist", "space_key", "resource", "csum_space_group_membership", `  space_key = "NOPE"` + "\n" + `  group_name = "eng-leads"` + "\n" + `  members = {}`},
		{"membership adding an account that does not exist", "members", "resource", "csum_space_group_membership", `  space_key = "ENG"` + "\n" + `  group_name = "eng-readers"` + "\n" + `  members = { "` + missingAccount + `" = "Nobody" }`},
		{"member of a group that does not exist", "group_id", "resource", "csum_space_group_member", `  space_key = "OPS"` + "\n" + `  group_id = "` + missingGroupID + `"` + "\n" + `  account_id = "` + maya + `"`},
		{"member account that does not exist", "account_id", "resource", "csum_space_group_member", `  space_key = "OPS"` + "\n" + `  group_name = "ops-oncall"` + "\n" + `  account_id = "` + missingAccount + `"`},
		{"privileged user that does not exist", "account_id", "resource", "csum_privileged_user", `  account_id = "` + missingAccount + `"`},
		{"csum_space that does not exist", "key", "data", "csum_space", `  key = "NOPE"`},
		{"csum_space_groups of a space that does not exist", "space_key", "data", "csum_space_groups", `  space_key = "NOPE"`},
		{"csum_space_role named like no role", "name", "data", "csum_space_role", `  name = "Overlord"`},
		{"csum_space_role ID that does not exist", "id", "data", "csum_space_role", `  id = "` + unknownRoleID + `"`},
		{"csum_user that does not exist", "account_id", "data", "csum_user", `  account_id = "` + missingAccount + `"`},
		{"csum_legacy_export file that does not exist", "path", "data", "csum_legacy_export", `  path = "/nonexistent/legacy-export.json"`},
		{"csum_legacy_export content not JSON", "content", "data", "csum_legacy_export", `  content = "{not json"`},
	})
	// A singleton declared twice: one of the two blocks gets the error.
	for _, typ := range []string{"csum_global_settings", "csum_permission_schemes"} {
		cases = append(cases, badInput{what: "two " + typ, block: block(100, "resource", typ, "") + "\n\n" + block(101, "resource", typ, "")})
	}
	return cases
}

// siteModeCases are well formed but ask a site without space roles (PRE_ROLES) for a role: the provider
// must refuse them at plan time, saying how an admin opts in.
func siteModeCases(t *testing.T, env *acctest.Env) []badInput {
	viewer := roleID(t, env.Sandbox.Store(), "Viewer")
	return numbered([]struct{ what, attr, kind, typ, body string }{
		{"space group role on a site without roles", "role_id", "resource", "csum_space_group", `  space_key = "ENG"` + "\n" + `  name = "x"` + "\n" + `  role_id = "` + viewer + `"`},
		{"csum_space_role on a site without roles", "", "data", "csum_space_role", `  name = "Viewer"`},
	})
}

// appRegexSettings is the app's settings with a strict group name regex, so that a name can break it.
func appRegexSettings(env *acctest.Env) {
	doc, _ := env.Sandbox.App().Settings()
	doc.GroupSettings.GroupNameRegex = "[a-z0-9-]+"
	env.Sandbox.App().SetSettings(doc)
}
