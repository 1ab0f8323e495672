package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// On a roles-only site (the demo seed's mode, as every new site's): create with a role, import, role to
// role, drift both ways (another role, and no role), destroy.
func TestAccSpaceGroup_roles(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	groupID := func() string { return groupIDByName(t, store, "eng-authors") }
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(spaceGroupAddr, plancheck.ResourceActionUpdate),
	}}
	var createdID string
	const roleWrites = "POST /wiki/api/v2/spaces/{id}/role-assignments"
	var writesBeforeDestroy int64
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy: func(*terraform.State) error {
			if _, ok := store.GroupByName("eng-authors"); ok {
				return fmt.Errorf("destroy left group eng-authors")
			}
			if role := groupRole(store, "ENG", createdID); role != "" {
				return fmt.Errorf("destroy left the group's role %q in ENG", role)
			}
			// Deleting a group drops its role too; destroy removes the role itself first, so that a failed
			// delete leaves no role behind that nobody manages.
			if n := env.Sandbox.Faults().Counts()[roleWrites] - writesBeforeDestroy; n != 1 {
				return fmt.Errorf("destroy wrote role assignments %d times, want 1 (the removal)", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: env.Config(roleGroupConfig("ENG", "authors", "collaborator")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spaceGroupAddr, tfjsonpath.New("role_id"), knownvalue.StringExact(roleID(t, store, "Collaborator"))),
					statecheck.ExpectKnownValue(spaceGroupAddr, tfjsonpath.New("permissions"), knownvalue.SetExact(nil)),
				},
				Check: func(s *terraform.State) error {
					createdID = groupID()
					return roleCheck(env, "ENG", "eng-authors", "Collaborator")(s)
				},
			},
			{ResourceName: spaceGroupAddr, ImportState: true, ImportStateId: "ENG/eng-authors", ImportStateVerify: true},
			{ // Role to role, in place.
				Config:           env.Config(roleGroupConfig("ENG", "authors", "Viewer")),
				ConfigPlanChecks: update,
				Check:            roleCheck(env, "ENG", "eng-authors", "Viewer"),
			},
			{ // Another role given outside Terraform shows in the plan and is put back.
				PreConfig:        func() { mustDo(t, store.AssignRole("ENG", "GROUP", groupID(), "Manager")) },
				Config:           env.Config(roleGroupConfig("ENG", "authors", "Viewer")),
				ConfigPlanChecks: update,
				Check:            roleCheck(env, "ENG", "eng-authors", "Viewer"),
			},
			{ // The role taken away outside Terraform is given back.
				PreConfig:        func() { mustDo(t, store.RemoveRole("ENG", "GROUP", groupID())) },
				Config:           env.Config(roleGroupConfig("ENG", "authors", "Viewer")),
				ConfigPlanChecks: update,
				Check: func(s *terraform.State) error {
					writesBeforeDestroy = env.Sandbox.Faults().Counts()[roleWrites]
					return roleCheck(env, "ENG", "eng-authors", "Viewer")(s)
				},
			},
		},
	})
}

// Each mode refuses at plan time what it cannot hold, on the attribute, saying what to write instead.
func TestAccSpaceGroup_modeRefusals(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	mode := func(m string) func() { return func() { mustDo(t, store.SetSpaceRoleMode(m)) } }
	literalRole := func(id string) string {
		return fmt.Sprintf(`
resource "csum_space_group" "this" {
  space_key = "ENG"
  name      = "authors"
  role_id   = %q
}`, id)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   mode(sandboxconfluence.RoleModeRoles),
				Config:      env.Config(spaceGroupConfig("ENG", "authors", []string{"read/space"})),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)roles only.*role_id.*csum_space_role`),
			},
			{
				PreConfig:   mode(sandboxconfluence.RoleModePreRoles),
				Config:      env.Config(literalRole(roleID(t, store, "Viewer"))),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)does not use space roles yet.*permissions.*opt`),
			},
			{
				PreConfig:   mode(sandboxconfluence.RoleModeTransition),
				Config:      env.Config(literalRole("00000000-0000-4000-8000-000000000000")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)No such space role.*Collaborator`),
			},
			{ // Both at once is refused whatever the mode.
				Config: env.Config(`
resource "csum_space_group" "this" {
  space_key   = "ENG"
  name        = "authors"
  role_id     = "` + roleID(t, store, "Viewer") + `"
  permissions = ["read/space"]
}`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`role or permissions, not both`),
			},
		},
	})
}

// On a site in transition, a group moves from permissions to a role and back. The role is assigned before
// any permission goes: when the role write fails, the group keeps its permissions, and the next apply
// finishes the move.
func TestAccSpaceGroup_permissionsToRoleOnTransition(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModeTransition))
	store := env.Sandbox.Store()
	perms := []string{"read/space", "create/page"}
	groupID := func() string { return groupIDByName(t, store, "eng-movers") }
	failRoleWrites := faults.Config{UnavailableEvery: 1, Only: `^POST .*/role-assignments$`}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(spaceGroupConfig("ENG", "movers", perms)),
				Check:  permissionsCheck(store, "ENG", "eng-movers", perms),
			},
			{
				PreConfig:   func() { env.Sandbox.Faults().Set(failRoleWrites) },
				Config:      env.Config(roleGroupConfig("ENG", "movers", "Collaborator")),
				ExpectError: regexp.MustCompile(`(?s)Some space access changes failed.*assign role`),
			},
			{
				PreConfig: func() {
					env.Sandbox.Faults().Set(faults.Config{})
					if got := groupPairs(store, "ENG", groupID()); len(got) != len(perms) {
						t.Errorf("after a failed role write the group holds %v, want its permissions %v kept", got, perms)
					}
				},
				Config: env.Config(roleGroupConfig("ENG", "movers", "Collaborator")),
				Check: resource.ComposeTestCheckFunc(
					roleCheck(env, "ENG", "eng-movers", "Collaborator"),
					permissionsCheck(store, "ENG", "eng-movers", nil),
				),
			},
			{ // And back: the permissions are granted before the role goes.
				Config: env.Config(spaceGroupConfig("ENG", "movers", perms)),
				Check: resource.ComposeTestCheckFunc(
					roleCheck(env, "ENG", "eng-movers", ""),
					permissionsCheck(store, "ENG", "eng-movers", perms),
				),
			},
			{ // A role given outside Terraform to a group configured with permissions shows in the plan.
				PreConfig: func() { mustDo(t, store.AssignRole("ENG", "GROUP", groupID(), "Viewer")) },
				Config:    env.Config(spaceGroupConfig("ENG", "movers", perms)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spaceGroupAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					roleCheck(env, "ENG", "eng-movers", ""),
					permissionsCheck(store, "ENG", "eng-movers", perms),
				),
			},
		},
	})
}

// The last-administrator guard covers roles: a group whose Admin role is the space's only administration
// cannot be moved to a lesser role or destroyed until someone else administers the space.
func TestAccLockout_lastAdministratorByRole(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	// The configured account keeps seeing OPS as a Viewer; every other administrator goes.
	onlyThisGroupAdministers := func() {
		admin := roleID(t, store, "Admin")
		keep := groupIDByName(t, store, "ops-keepers")
		for _, a := range store.RoleAssignments("OPS") {
			switch {
			case a.RoleID != admin || a.Principal.ID == keep:
			case a.Principal.Type == "USER":
				mustDo(t, store.AssignRole("OPS", a.Principal.Type, a.Principal.ID, "Viewer"))
			default:
				mustDo(t, store.RemoveRole("OPS", a.Principal.Type, a.Principal.ID))
			}
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(roleGroupConfig("OPS", "keepers", "Admin"))},
			{
				PreConfig:   onlyThisGroupAdministers,
				Config:      env.Config(roleGroupConfig("OPS", "keepers", "Viewer")),
				PlanOnly:    true,
				ExpectError: lastAdminRefused,
			},
			{Config: env.Config(""), PlanOnly: true, ExpectError: lastAdminRefused}, // destroy
			{ // Once another group administers OPS, the change goes through.
				PreConfig: func() { mustDo(t, store.AssignRole("OPS", "GROUP", groupIDByName(t, store, "ops-oncall"), "Admin")) },
				Config:    env.Config(roleGroupConfig("OPS", "keepers", "Viewer")),
				Check:     roleCheck(env, "OPS", "ops-keepers", "Viewer"),
			},
		},
	})
}
