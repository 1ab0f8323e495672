package keeper

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccKeeperKeepsTheMap checks that csumbench_map keeps what it is given, through a create, an update and
// a plan with nothing to change, since the benchmarks compare the csum provider against it.
func TestAccKeeperKeepsTheMap(t *testing.T) {
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"csumbench": providerserver.NewProtocol6WithError(keeperProvider{}),
	}
	step := func(members string, want map[string]knownvalue.Check) resource.TestStep {
		return resource.TestStep{
			Config: `resource "csumbench_map" "m" { members = ` + members + ` }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("csumbench_map.m", tfjsonpath.New("members"), knownvalue.MapExact(want)),
			},
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			step(`{ a = "", b = "Bob" }`, map[string]knownvalue.Check{"a": knownvalue.StringExact(""), "b": knownvalue.StringExact("Bob")}),
			step(`{ a = "", b = "Bob", c = "" }`, map[string]knownvalue.Check{
				"a": knownvalue.StringExact(""), "b": knownvalue.StringExact("Bob"), "c": knownvalue.StringExact(""),
			}),
			{
				Config:           `resource "csumbench_map" "m" { members = { a = "", b = "Bob", c = "" } }`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
