package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

func TestAccDataSourceSpaceRoles(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	viewer := roleID(t, store, "Viewer")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(`
data "csum_space_roles" "all" {}

data "csum_space_role" "by_name" {
  name = "vIEWER"
}

data "csum_space_role" "by_id" {
  id = data.csum_space_role.by_name.id
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.csum_space_roles.all", tfjsonpath.New("mode"), knownvalue.StringExact("ROLES")),
					statecheck.ExpectKnownValue("data.csum_space_roles.all", tfjsonpath.New("roles"), knownvalue.ListPartial(map[int]knownvalue.Check{
						0: knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Admin"), "type": knownvalue.StringExact("SYSTEM")}),
					})),
					statecheck.ExpectKnownValue("data.csum_space_role.by_name", tfjsonpath.New("id"), knownvalue.StringExact(viewer)),
					statecheck.ExpectKnownValue("data.csum_space_role.by_name", tfjsonpath.New("name"), knownvalue.StringExact("Viewer")),
					statecheck.ExpectKnownValue("data.csum_space_role.by_id", tfjsonpath.New("permissions"), knownvalue.SetPartial([]knownvalue.Check{
						knownvalue.StringExact("read/space"),
					})),
				},
			},
			{
				Config:      env.Config(`data "csum_space_role" "x" { name = "Owner" }`),
				ExpectError: regexp.MustCompile(`(?s)No space role has the name "Owner".*Collaborator`),
			},
			{
				PreConfig:   func() { mustDo(t, store.SetSpaceRoleMode(sandboxconfluence.RoleModePreRoles)) },
				Config:      env.Config(`data "csum_space_role" "x" { name = "Viewer" }`),
				ExpectError: regexp.MustCompile(`does not use space roles yet`),
			},
		},
	})
}
