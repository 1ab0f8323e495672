package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

// Without app_url the default pattern SPACEKEY- decides which groups belong to a space.
func TestAccSpaceGroupsWithoutApp(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	readers := env.GroupID(t, "eng-readers")
	members := store.Members(readers)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config: configWithoutApp(env, membershipByName("ENG", "eng-readers", members)+`
data "csum_space_groups" "ops" { space_key = "OPS" }
resource "csum_space_group" "this" {
  space_key = "MKT"
  name      = "Design"
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.csum_space_groups.ops", tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("ops-oncall")),
					statecheck.ExpectKnownValue("data.csum_space_groups.ops", tfjsonpath.New("groups"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(spaceGroupAddr, tfjsonpath.New("group_name"), knownvalue.StringExact("mkt-design")),
				},
				Check: membersCheck(store, readers, members),
			},
			{
				Config:      configWithoutApp(env, membershipByName("OPS", "all-staff", nil)),
				ExpectError: regexp.MustCompile(`is not a group of\s+space OPS`),
			},
		},
	})
}
