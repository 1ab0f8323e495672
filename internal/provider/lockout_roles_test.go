package provider_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// onlyGroupAdministers leaves the group the only principal that can administer the space: every other
// principal holding the Admin role or administer/space is given the Viewer role instead, which also takes
// its individual permissions away, so the configured account keeps seeing the space.
func onlyGroupAdministers(t *testing.T, store *sandboxconfluence.Store, space, groupName string) {
	t.Helper()
	admin, keep := roleID(t, store, "Admin"), groupIDByName(t, store, groupName)
	for _, a := range store.RoleAssignments(space) {
		if a.RoleID == admin && a.Principal.ID != keep {
			mustDo(t, store.AssignRole(space, a.Principal.Type, a.Principal.ID, "Viewer"))
		}
	}
	for _, p := range store.SpacePermissions(space) {
		if p.Operation+"/"+p.Target == "administer/space" && p.SubjectID != keep {
			mustDo(t, store.AssignRole(space, strings.ToUpper(p.SubjectType), p.SubjectID, "Viewer"))
		}
	}
}

// TestAccLockout_roleChangesRecheckAdministrators saves a plan that destroys a group holding the Admin role,
// and then one that moves it to Viewer, each while another group still administers the space; then every
// other administrator goes. Applying the saved plan is refused: the delete and the update check again
// before writing, so the space keeps its administrator and nothing changes. A new plan of the move is
// refused on role_id.
func TestAccLockout_roleChangesRecheckAdministrators(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	cli := newTFCLI(t, env, roleGroupConfig("OPS", "keepers", "Admin"))
	cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	oncall := groupIDByName(t, store, "ops-oncall")
	for _, stale := range []struct {
		what, role string
		plan       []string
	}{
		{"destroy", "Admin", []string{"plan", "-destroy"}},
		{"move to Viewer", "Viewer", []string{"plan"}},
	} {
		mustDo(t, store.AssignRole("OPS", "GROUP", oncall, "Admin"))
		cli.write(env.Config(roleGroupConfig("OPS", "keepers", stale.role)))
		cli.mustRun(append(stale.plan, "-out=stale.tfplan", "-input=false", "-no-color")...)
		onlyGroupAdministers(t, store, "OPS", "ops-keepers")
		before := siteSnapshot(env.Sandbox)
		out, err := cli.run("apply", "-input=false", "-no-color", "stale.tfplan")
		if err == nil || !lastAdminRefused.MatchString(out) {
			t.Errorf("applying the stale plan (%s) should be refused, naming OPS (%v):\n%s", stale.what, err, out)
		}
		if err := roleCheck(env, "OPS", "ops-keepers", "Admin")(nil); err != nil {
			t.Fatalf("%s: the group holding the space's only administration lost it: %v", stale.what, err)
		}
		expectOnlyChanges(t, before, env.Sandbox, func(string) bool { return false })
	}
	diags := planDiagnostics(t, cli)
	if len(diags) != 1 || !lastAdminRefused.MatchString(diags[0].Summary+": "+diags[0].Detail) ||
		diags[0].Snippet == nil || !strings.Contains(diags[0].Snippet.Code, "role_id") {
		t.Errorf("the plan should be refused once, on role_id, naming OPS:\n%s", describeDiagnostics(diags))
	}
}

// TestAccLockout_lastAdministratorAcrossModels makes a group whose Admin role is a transition site's only
// administration, then tries to move it to permissions without administer/space, to no access, to a new
// name (a replacement) and to nothing (destroy): each is refused at plan time and nothing changes. Moving it
// to permissions with administer/space goes through, as it keeps the space administered; giving that
// permission up (for less, or for the Viewer role) is refused in turn until another group administers the
// space through a role.
func TestAccLockout_lastAdministratorAcrossModels(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModeTransition))
	store := env.Sandbox.Store()
	admins := []string{"read/space", "administer/space"}
	var before map[string]string
	refused := func(config string) resource.TestStep {
		return resource.TestStep{Config: env.Config(config), PlanOnly: true, ExpectError: lastAdminRefused}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(roleGroupConfig("OPS", "keepers", "Admin")),
				Check: func(*terraform.State) error {
					onlyGroupAdministers(t, store, "OPS", "ops-keepers")
					before = siteSnapshot(env.Sandbox)
					return nil
				},
			},
			refused(spaceGroupConfig("OPS", "keepers", []string{"read/space", "create/page"})),
			refused(spaceGroupConfig("OPS", "keepers", nil)),
			refused(roleGroupConfig("OPS", "renamed", "Admin")),
			refused(""), // destroy
			{ // From the Admin role to administer/space: the group administers the space throughout.
				PreConfig: func() { expectOnlyChanges(t, before, env.Sandbox, func(string) bool { return false }) },
				Config:    env.Config(spaceGroupConfig("OPS", "keepers", admins)),
				Check: resource.ComposeTestCheckFunc(
					roleCheck(env, "OPS", "ops-keepers", ""),
					permissionsCheck(store, "OPS", "ops-keepers", admins),
				),
			},
			refused(spaceGroupConfig("OPS", "keepers", []string{"read/space"})),
			refused(roleGroupConfig("OPS", "keepers", "Viewer")),
			{ // Another group administers OPS through a role: administer/space may go.
				PreConfig: func() { mustDo(t, store.AssignRole("OPS", "GROUP", groupIDByName(t, store, "ops-oncall"), "Admin")) },
				Config:    env.Config(roleGroupConfig("OPS", "keepers", "Viewer")),
				Check: resource.ComposeTestCheckFunc(
					roleCheck(env, "OPS", "ops-keepers", "Viewer"),
					permissionsCheck(store, "OPS", "ops-keepers", nil),
				),
			},
		},
	})
}
