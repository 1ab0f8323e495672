package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

// The example's import block with for_each adopts every group of ENG and OPS into csum_space_group
// resources written from the same map: the import changes nothing, and the plan after it is empty.
func TestAccSpaceGroupsImportForEach(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	hcl := readExample(t, "data-sources", "csum_space_groups", "import-for-each.tf")
	writers := `csum_space_group.this["ENG/eng-writers"]`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{
			tfversion.SkipBelow(tfversion.Version1_7_0), // import blocks with for_each
		},
		Steps: []resource.TestStep{{
			Config: env.Config(hcl),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(writers, plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(`csum_space_group.this["OPS/ops-oncall"]`, plancheck.ResourceActionNoop),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.csum_space_groups.adopted", tfjsonpath.New("by_key").AtMapKey("ENG/eng-writers"),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"space_key":  knownvalue.StringExact("ENG"),
						"group_id":   knownvalue.StringExact(env.GroupID(t, "eng-writers")),
						"group_name": knownvalue.StringExact("eng-writers"),
						"name":       knownvalue.StringExact("writers"),
						"role_id":    knownvalue.NotNull(),
					})),
				statecheck.ExpectKnownValue("data.csum_space_groups.adopted", tfjsonpath.New("groups"), knownvalue.Null()),
				statecheck.CompareValuePairs(writers, tfjsonpath.New("group_id"),
					"data.csum_space_groups.adopted", tfjsonpath.New("by_key").AtMapKey("ENG/eng-writers").AtMapKey("group_id"), compare.ValuesSame()),
			},
		}, {
			// Managed no more, and kept in Confluence; this also leaves no for_each instances in state, which the
			// test framework cannot read after the last step.
			Config: env.Config(`
removed {
  from = csum_space_group.this
  lifecycle {
    destroy = false
  }
}`),
		}},
	})
}

// Without space_key or space_keys, every space the caller can see: the spaces are listed in one request and
// each space's access is read once. An unknown key among space_keys is an error that names it.
func TestAccSpaceGroupsEverySpace(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	counts := env.Sandbox.Faults()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: counts.ResetCounts,
				Config:    env.Config(`data "csum_space_groups" "all" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					// ENG's three groups, OPS's two and MKT's two.
					statecheck.ExpectKnownValue("data.csum_space_groups.all", tfjsonpath.New("by_key"), knownvalue.MapSizeExact(7)),
					statecheck.ExpectKnownValue("data.csum_space_groups.all", tfjsonpath.New("by_key").AtMapKey("MKT/mkt-editors").AtMapKey("name"),
						knownvalue.StringExact("editors")),
				},
				Check: func(*terraform.State) error {
					// Every read (each Terraform command reads the data source) lists the spaces in one request and
					// reads the role assignments of each of the three spaces once.
					c := counts.Counts()
					lists, roles := c["GET /wiki/api/v2/spaces"], c["GET /wiki/api/v2/spaces/{id}/role-assignments"]
					if lists == 0 || roles != 3*lists {
						return fmt.Errorf("%d space listings and %d role assignment reads, want 3 reads per listing", lists, roles)
					}
					return nil
				},
			},
			{
				Config:      env.Config(`data "csum_space_groups" "some" { space_keys = ["ENG", "NOPE"] }`),
				ExpectError: regexp.MustCompile(`No space with the key NOPE, or the caller cannot see it`),
			},
		},
	})
}

// include_members reads each group's members once, labelled with their display names, in the shape of
// csum_space_group_membership.members; without it no member is read.
func TestAccSpaceGroupsIncludeMembers(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	counts := env.Sandbox.Faults()
	alice := env.AccountIDNamed(t, "Alice Anders")
	const route = "GET /wiki/rest/api/group/{groupId}/membersByGroupId"
	memberReads := func(want func(reads, listings int64) bool, what string) func(*terraform.State) error {
		return func(*terraform.State) error {
			c := counts.Counts()
			if !want(c[route], c["GET /wiki/api/v2/spaces"]) {
				return fmt.Errorf("%d member reads for %d reads of the data source: want %s", c[route], c["GET /wiki/api/v2/spaces"], what)
			}
			return nil
		}
	}
	writers := tfjsonpath.New("by_key").AtMapKey("ENG/eng-writers").AtMapKey("members")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: counts.ResetCounts,
				Config:    env.Config(`data "csum_space_groups" "eng" { space_keys = ["ENG"] }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.csum_space_groups.eng", writers, knownvalue.Null()),
				},
				Check: memberReads(func(reads, _ int64) bool { return reads == 0 }, "none"),
			},
			{
				PreConfig: counts.ResetCounts,
				Config: env.Config(`
data "csum_space_groups" "eng" {
  space_keys      = ["ENG"]
  include_members = true
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.csum_space_groups.eng", writers.AtMapKey(alice), knownvalue.StringExact("Alice Anders")),
					statecheck.ExpectKnownValue("data.csum_space_groups.eng", tfjsonpath.New("by_key").AtMapKey("ENG/eng-leads").AtMapKey("members"),
						knownvalue.MapSizeExact(2)),
				},
				// ENG has three groups, each of one member page.
				Check: memberReads(func(reads, listings int64) bool { return listings > 0 && reads == 3*listings }, "3 per read"),
			},
		},
	})
}
