package provider_test

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

// The steps and checks of the guide example's tests.

// guideGroups is the configuration of the guide's groups (groups.tf) as it is at one step.
func guideGroups(t *testing.T, env *acctest.Env, step string) string {
	t.Helper()
	return env.Config(readExample(t, "guides", "space-roles", "groups", step+".tf"))
}

// guideStart reaches the guide's starting point, the groups of 1-permissions.tf, creating the authors before
// the reviewers: groups of one space created in the same apply can read their access back while the other
// group's permission writes are half done, and then report a failed change.
func guideStart(t *testing.T, env *acctest.Env, check resource.TestCheckFunc) []resource.TestStep {
	t.Helper()
	reviewers := regexp.MustCompile(`(?m)^resource "csum_space_group" "reviewers" \{`)
	return []resource.TestStep{
		{Config: withoutBlock(t, guideGroups(t, env, "1-permissions"), reviewers)},
		{
			Config:           guideGroups(t, env, "1-permissions"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            check,
		},
	}
}

// guideDiscovery applies the guide's discovery configuration in a working directory of its own, as the
// guide says to, and checks its outputs.
func guideDiscovery(t *testing.T, env *acctest.Env, outputs map[string]knownvalue.Check) func(*terraform.State) error {
	return func(*terraform.State) error {
		dir := filepath.Join(examplesDir, "guides", "space-roles", "discovery")
		var checks []statecheck.StateCheck
		for name, check := range outputs {
			checks = append(checks, statecheck.ExpectKnownOutputValue(name, check))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: providerFactories,
			Steps: []resource.TestStep{{
				Config:            env.Config(exampleConfig(t, dir, dir)),
				ConfigStateChecks: checks,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			}},
		})
		return nil
	}
}

// guidePlan expects the plan to update exactly the groups named, and to leave the other one alone.
func guidePlan(updated ...string) resource.ConfigPlanChecks {
	var checks []plancheck.PlanCheck
	for _, addr := range []string{guideAuthors, guideReviewers} {
		action := plancheck.ResourceActionNoop
		for _, u := range updated {
			if u == addr {
				action = plancheck.ResourceActionUpdate
			}
		}
		checks = append(checks, plancheck.ExpectResourceAction(addr, action))
	}
	return resource.ConfigPlanChecks{
		PreApply:             checks,
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}
