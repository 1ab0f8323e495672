package provider_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

// The quickstart (examples/quickstart), as `make demo` runs it on the demo seed's roles-only site: applied
// with an empty second plan; then changed in Confluence outside Terraform (a member added, the group's role
// changed), planned with exactly that drift, repaired by apply, and planned again without changes.
func TestAccQuickstartExample(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	dir := filepath.Join(examplesDir, "quickstart")
	hcl := exampleConfig(t, dir, dir)
	config := env.Config(hcl)
	const group, membership = "csum_space_group.docs", "csum_space_group_membership.docs"
	alice, bob := env.AccountID(t, "alice.anders@example.com"), env.AccountID(t, "bob.baker@example.com")
	carla := env.AccountID(t, "carla.chen@example.com")
	docsID := func() string { return groupIDByName(t, store, "eng-docs") }
	inConfluence := resource.ComposeTestCheckFunc(
		roleCheck(env, "ENG", "eng-docs", "Collaborator"),
		func(*terraform.State) error {
			got := store.Members(docsID())
			if want := []string{alice, bob}; !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
				return fmt.Errorf("eng-docs has the members %v, want %v", got, want)
			}
			return nil
		},
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: outputChecks(hcl, map[string]knownvalue.Check{"docs_group": knownvalue.StringExact("eng-docs in ENG: Collaborator, 2 members")}),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:             inConfluence,
			},
			{
				PreConfig: func() {
					addMemberInConfluence(t, env, docsID(), carla)
					assignRoleInConfluence(t, env, "ENG", docsID(), "Viewer")
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						onlyUpdates{group, membership},
						change{group, "role_id", knownvalue.StringExact(roleID(t, store, "Viewer")), knownvalue.StringExact(roleID(t, store, "Collaborator"))},
						// Carla, added in Confluence, is labelled with her display name, so the plan names her.
						change{membership, "members",
							knownvalue.MapExact(map[string]knownvalue.Check{
								alice: knownvalue.StringExact("Alice Anders"), bob: knownvalue.StringExact("Bob Baker"),
								carla: knownvalue.StringExact("Carla Chen"),
							}),
							knownvalue.MapExact(map[string]knownvalue.Check{
								alice: knownvalue.StringExact("Alice Anders"), bob: knownvalue.StringExact("Bob Baker"),
							})},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: inConfluence,
			},
		},
	})
}
