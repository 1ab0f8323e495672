package provider_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// TestAccReliability_concurrentMembersOfOneGroup applies twelve csum_space_group_member resources on one
// group at once (Terraform runs ten at a time) while the sandbox rate-limits: every account ends up a
// member, each resource is in state, the next plan is empty, and destroy takes out exactly those twelve.
// Run with -race, it also checks the provider's shared state (pacing, caches, clients) for data races.
func TestAccReliability_concurrentMembersOfOneGroup(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	readers := env.GroupID(t, "eng-readers")
	original := store.Members(readers)
	added := storeAccountsOutside(store, readers, 12)
	config := env.Config(fmt.Sprintf(`
locals {
  accounts = %s
}

resource "csum_space_group_member" "many" {
  count      = length(local.accounts)
  space_key  = "ENG"
  group_id   = %q
  account_id = local.accounts[count.index]
}`, hclList(added), readers))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy: func(*terraform.State) error {
			return expectMembers(store, readers, original)
		},
		Steps: []resource.TestStep{{
			PreConfig: func() { inj.Set(faults.Config{RateLimitEvery: 20}) },
			Config:    config,
			Check: func(s *terraform.State) error {
				inj.Set(faults.Config{})
				t.Logf("requests answered 429: %d", faultCount(inj, faults.SuffixRateLimited))
				if faultCount(inj, faults.SuffixRateLimited) == 0 {
					return fmt.Errorf("no request was rate-limited, so the test proves less than it says")
				}
				if err := expectMembers(store, readers, append(slices.Clone(original), added...)); err != nil {
					return err
				}
				for i, id := range added {
					rs, ok := s.RootModule().Resources[fmt.Sprintf("csum_space_group_member.many.%d", i)]
					if !ok || rs.Primary.Attributes["account_id"] != id || rs.Primary.Attributes["group_id"] != readers {
						return fmt.Errorf("state lacks the membership of %s", id)
					}
				}
				return nil
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}
