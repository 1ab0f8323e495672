package provider_test

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

func TestAccSpaceDataSources(t *testing.T) {
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	eng, _ := store.Space("ENG")
	group := func(name string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringExact(env.GroupID(t, name)), "name": knownvalue.StringExact(name)})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(`
data "csum_space" "eng" { key = "ENG" }
data "csum_space_groups" "eng" { space_key = data.csum_space.eng.key }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.csum_space.eng", tfjsonpath.New("id"), knownvalue.StringExact(strconv.FormatInt(eng.ID, 10))),
					statecheck.ExpectKnownValue("data.csum_space.eng", tfjsonpath.New("name"), knownvalue.StringExact("Engineering")),
					statecheck.ExpectKnownValue("data.csum_space.eng", tfjsonpath.New("type"), knownvalue.StringExact("global")),
					statecheck.ExpectKnownValue("data.csum_space_groups.eng", tfjsonpath.New("groups"),
						knownvalue.ListExact([]knownvalue.Check{group("eng-leads"), group("eng-readers"), group("eng-writers")})),
				},
			},
			{Config: env.Config(`data "csum_space" "x" { key = "NOPE" }`), ExpectError: regexp.MustCompile(`No such space`)},
		},
	})
}
