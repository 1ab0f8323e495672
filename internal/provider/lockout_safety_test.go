package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// lastAdminRefused is the plan-time refusal, which must name the space.
var lastAdminRefused = regexp.MustCompile(`(?s)Refusing to remove the last space administrator.*only\s+administer/space\s+permission\s+of\s+space\s+OPS`)

// revokeAdminister removes every administer/space of a space except those of the given group, out of band.
func revokeAdminister(t *testing.T, store *sandboxconfluence.Store, space, keepGroupID string) {
	t.Helper()
	for _, p := range store.SpacePermissions(space) {
		if p.Operation == "administer" && p.Target == "space" && p.SubjectID != keepGroupID {
			mustDo(t, store.RemoveSpacePermission(space, p.ID))
		}
	}
}

// groupIDByName returns the ID of a group the test created.
func groupIDByName(t *testing.T, store *sandboxconfluence.Store, name string) string {
	t.Helper()
	g, ok := store.GroupByName(name)
	if !ok {
		t.Fatalf("no group %q", name)
	}
	return g.ID
}

// TestAccLockout_lastSpaceAdministrator makes a managed space group the only holder of administer/space in
// OPS, then tries every way of taking it away: revoking it, revoking read/space (which takes everything),
// replacing the group and destroying it. Each is refused at plan time, naming the space, and nothing
// changes. Once another group administers the space again, the same changes go through.
func TestAccLockout_lastSpaceAdministrator(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles))
	store := env.Sandbox.Store()
	admins := []string{"read/space", "administer/space"}
	var groupID string
	var before map[string]string
	refused := func(config string) resource.TestStep {
		return resource.TestStep{Config: env.Config(config), PlanOnly: true, ExpectError: lastAdminRefused}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy: func(*terraform.State) error {
			if _, ok := store.GroupByName("ops-admins"); ok {
				return fmt.Errorf("the group was not deleted")
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: env.Config(spaceGroupConfig("OPS", "admins", admins)),
				Check: func(*terraform.State) error {
					groupID = groupIDByName(t, store, "ops-admins")
					revokeAdminister(t, store, "OPS", groupID)
					before = siteSnapshot(env.Sandbox)
					return nil
				},
			},
			refused(spaceGroupConfig("OPS", "admins", []string{"read/space", "create/page"})),
			refused(spaceGroupConfig("OPS", "admins", nil)),
			refused(spaceGroupConfig("OPS", "renamed", admins)),
			refused(""), // destroy
			{
				PreConfig: func() {
					expectOnlyChanges(t, before, env.Sandbox, func(string) bool { return false })
					ops, _ := store.GroupByName("confluence-admins")
					_, err := store.AddSpacePermission("OPS", "group", ops.ID, "administer", "space")
					mustDo(t, err)
				},
				Config: env.Config(spaceGroupConfig("OPS", "admins", []string{"read/space"})),
				Check:  permissionsCheck(store, "OPS", "ops-admins", []string{"read/space"}),
			},
		},
	})
}

// TestAccLockout_deleteRechecksAdministrators plans a destroy while another group still administers the
// space, then takes that group's administer/space away before the saved plan is applied: the delete checks
// again before writing and refuses, so the space keeps its administrator.
func TestAccLockout_deleteRechecksAdministrators(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles))
	store := env.Sandbox.Store()
	cli := newTFCLI(t, env, spaceGroupConfig("OPS", "admins", []string{"read/space", "administer/space"}))
	cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	groupID := groupIDByName(t, store, "ops-admins")
	cli.mustRun("plan", "-destroy", "-out=destroy.tfplan", "-input=false", "-no-color")
	revokeAdminister(t, store, "OPS", groupID)
	out, err := cli.run("apply", "-input=false", "-no-color", "destroy.tfplan")
	if err == nil || !lastAdminRefused.MatchString(out) {
		t.Fatalf("applying the stale destroy plan should be refused, naming OPS (%v):\n%s", err, out)
	}
	if _, ok := store.GroupByID(groupID); !ok {
		t.Fatal("the group holding the last administer/space was deleted")
	}
	if got := groupPairs(store, "OPS", groupID); !slices.Contains(got, "administer/space") {
		t.Fatalf("the group lost administer/space: %v", got)
	}
}

// TestAccLockout_membershipDestroyRemovesOnlyItsMembers destroys an authoritative membership without a
// refresh, after someone joined the group outside Terraform: only the members recorded in state leave,
// except the protected account and the app's privileged user; the newcomer and every other group stay.
func TestAccLockout_membershipDestroyRemovesOnlyItsMembers(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	leads := env.GroupID(t, "eng-leads")
	managed := accounts(t, env, alice, carla, bob, dev)
	protected, privileged, newcomer := managed[0], managed[1], env.AccountID(t, erin)
	env.Sandbox.App().SetPrivilegedUser(privileged)
	cli := newTFCLI(t, env, "")
	cli.write(configWithProtected(env, []string{protected}, membershipByID("ENG", leads, managed)))
	cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	mustDo(t, store.AddMember(leads, newcomer))
	before := siteSnapshot(env.Sandbox)

	out := cli.mustRun("destroy", "-refresh=false", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, "Protected accounts stay in the group") {
		t.Errorf("the destroy plan did not warn about the protected accounts:\n%s", out)
	}
	if err := expectMembers(store, leads, []string{protected, privileged, newcomer}); err != nil {
		t.Fatal(err)
	}
	expectOnlyChanges(t, before, env.Sandbox, keyMentions(leads))
}

// TestAccLockout_privilegedUserMemberIsNeverRemoved refuses to destroy a csum_space_group_member that
// holds the app's privileged user, although the account is not in protected_account_ids.
func TestAccLockout_privilegedUserMemberIsNeverRemoved(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	oncall := env.GroupID(t, "ops-oncall")
	account := env.AccountID(t, maya)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(memberConfig("OPS", "ops-oncall", account)),
				Check: func(*terraform.State) error {
					env.Sandbox.App().SetPrivilegedUser(account)
					return nil
				},
			},
			{
				Config:      env.Config(""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Refusing to remove a protected account.*` + regexp.QuoteMeta(account)),
				Check:       memberOf(store, oncall, account, true),
			},
			{ // Replacing it (another account) would remove it too.
				Config:      env.Config(memberConfig("OPS", "ops-oncall", env.AccountID(t, liam))),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Refusing to remove a protected account.*` + regexp.QuoteMeta(account)),
			},
			{ // Another privileged user: the membership may go.
				PreConfig: func() { env.Sandbox.App().SetPrivilegedUser(env.AccountID(t, "automation@example.com")) },
				Config:    env.Config(""),
				Check:     memberOf(store, oncall, account, false),
			},
		},
	})
}
