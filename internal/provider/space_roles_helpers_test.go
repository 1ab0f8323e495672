package provider_test

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// roleGroupConfig is a space group with the role the csum_space_role data source finds by name.
func roleGroupConfig(space, name, role string) string {
	return fmt.Sprintf(`
data "csum_space_role" "this" {
  name = %q
}

resource "csum_space_group" "this" {
  space_key = %q
  name      = %q
  role_id   = data.csum_space_role.this.id
}`, role, space, name)
}

// roleID is the ID of a role of the sandbox's catalogue, by name.
func roleID(t *testing.T, store *sandboxconfluence.Store, name string) string {
	t.Helper()
	for _, r := range store.SpaceRoles() {
		if r.Name == name {
			return r.ID
		}
	}
	t.Fatalf("the sandbox has no space role %q", name)
	return ""
}

// groupRole is the name of the role a group holds in a space, or "" for none.
func groupRole(store *sandboxconfluence.Store, space, groupID string) string {
	names := map[string]string{}
	for _, r := range store.SpaceRoles() {
		names[r.ID] = r.Name
	}
	for _, a := range store.RoleAssignments(space) {
		if a.Principal.Type == "GROUP" && a.Principal.ID == groupID {
			return names[a.RoleID]
		}
	}
	return ""
}

// roleCheck checks the role a group holds in a space, by name ("" for none).
func roleCheck(env *acctest.Env, space, groupName, want string) func(*terraform.State) error {
	return func(*terraform.State) error {
		store := env.Sandbox.Store()
		g, ok := store.GroupByName(groupName)
		if !ok {
			return fmt.Errorf("no group %q in the sandbox", groupName)
		}
		if got := groupRole(store, space, g.ID); got != want {
			return fmt.Errorf("group %s holds role %q in %s, want %q", groupName, got, space, want)
		}
		return nil
	}
}

// roleGroupsConfig is one csum_space_group per short name in a space, each with the role (by name) the map
// gives it, found by a csum_space_role data source per role.
func roleGroupsConfig(space string, groups map[string]string) string {
	var b strings.Builder
	roles := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(groups)) {
		role := groups[name]
		roles[role] = true
		fmt.Fprintf(&b, `
resource "csum_space_group" %q {
  space_key = %q
  name      = %q
  role_id   = data.csum_space_role.%s.id
}
`, resourceLabel(name), space, name, resourceLabel(role))
	}
	for _, role := range slices.Sorted(maps.Keys(roles)) {
		fmt.Fprintf(&b, "\ndata \"csum_space_role\" %q {\n  name = %q\n}\n", resourceLabel(role), role)
	}
	return b.String()
}

// resourceLabel turns a group or role name into a block label: "down-old" into "down_old".
func resourceLabel(name string) string { return strings.ToLower(strings.ReplaceAll(name, "-", "_")) }

// rolesCheck checks the role of each group of a space, by short name, under the default pattern ("" for
// none).
func rolesCheck(env *acctest.Env, space string, groups map[string]string) error {
	for name, role := range groups {
		if err := roleCheck(env, space, strings.ToLower(space)+"-"+name, role)(nil); err != nil {
			return err
		}
	}
	return nil
}

// groupIDsByName returns the IDs of those of a space's groups, by short name, that exist.
func groupIDsByName(store *sandboxconfluence.Store, space string, groups map[string]string) []string {
	var ids []string
	for name := range groups {
		if g, ok := store.GroupByName(strings.ToLower(space) + "-" + name); ok {
			ids = append(ids, g.ID)
		}
	}
	return ids
}

// configAs is the provider block with another account's credentials, followed by hcl.
func configAs(env *acctest.Env, c acctest.Creds, hcl string) string {
	creds := env.Seed.Credentials
	block := strings.Replace(env.ProviderBlock(), strconv.Quote(creds.Email), strconv.Quote(c.Email), 1)
	return strings.Replace(block, strconv.Quote(creds.APIToken), strconv.Quote(c.Token), 1) + hcl
}
