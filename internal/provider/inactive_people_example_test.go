package provider_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

const inactivePeopleExampleDir = "../../examples/inactive-people"

// The guide's example imports eng-writers and keeps only its writers who used Confluence in the last 90
// days: Bob (120 days) and Erin (never) leave the group, the others stay, and a second plan is empty.
func TestAccInactivePeopleExample(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	writers := env.GroupID(t, "eng-writers")
	bob, erin := env.AccountIDNamed(t, "Bob Baker"), env.AccountIDNamed(t, "Erin Evans")
	stay := []string{env.AccountIDNamed(t, "Alice Anders"), env.AccountIDNamed(t, "Carla Chen"), env.AccountIDNamed(t, "Dev Desai")}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(exampleConfig(t, inactivePeopleExampleDir, inactivePeopleExampleDir)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("csum_space_group_membership.writers", plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("left_out_as_inactive", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("Bob Baker"), knownvalue.StringExact("Erin Evans")})),
			},
			Check: func(*terraform.State) error {
				members := store.Members(writers)
				for _, id := range stay {
					if !slices.Contains(members, id) {
						return fmt.Errorf("an active writer %s left eng-writers: %v", id, members)
					}
				}
				if slices.Contains(members, bob) || slices.Contains(members, erin) {
					return fmt.Errorf("an inactive writer is still in eng-writers: %v", members)
				}
				return nil
			},
		}},
	})
}
