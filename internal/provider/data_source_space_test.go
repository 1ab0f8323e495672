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
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	eng, _ := store.Space("ENG")
	// The demo seed's site uses roles only: each group has its role and no individual permissions.
	group := func(name, role string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":          knownvalue.StringExact(env.GroupID(t, name)),
			"name":        knownvalue.StringExact(name),
			"role_id":     knownvalue.StringExact(roleID(t, store, role)),
			"permissions": knownvalue.SetExact(nil),
			"members":     knownvalue.Null(), // without include_members
		})
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
						knownvalue.ListExact([]knownvalue.Check{group("eng-leads", "Admin"), group("eng-readers", "Viewer"), group("eng-writers", "Collaborator")})),
				},
			},
			{Config: env.Config(`data "csum_space" "x" { key = "NOPE" }`), ExpectError: regexp.MustCompile(`No such space`)},
		},
	})
}
