package provider_test

import (
	"fmt"
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
