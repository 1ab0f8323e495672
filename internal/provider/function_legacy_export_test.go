package provider_test

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

func TestAccLegacyExportFunction_migratesIntoResources(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	content, _ := json.Marshal(legacySample(t, env, true))
	leads := env.GroupID(t, "eng-leads")
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{ // Errors come first: the post-test destroy runs with the last step's configuration.
				Config:      env.Config(`output "bad" { value = provider::csum::legacy_export("{\"exportVersion\": 1, \"globalSettings\": {\"disabledUserVisibility\": \"blink\"}}") }`),
				ExpectError: regexp.MustCompile(`(?s)Invalid function argument.*/globalSettings/disabledUserVisibility`),
			},
			{
				Config: env.Config(`
locals { old = provider::csum::legacy_export(` + string(content) + `) }

resource "csum_global_settings" "this" {
  group_settings   = local.old.group_settings
  user_settings    = local.old.user_settings
  general_settings = local.old.general_settings
}

resource "csum_permission_schemes" "this" {
  default_operations = local.old.default_operations
  user_schemes       = local.old.user_schemes
  group_schemes      = local.old.group_schemes
}

output "format" { value = local.old.format }
output "email" { value = local.old.legacy_privileged_user_email }
output "token_warned" {
  value = anytrue([for w in local.old.warnings : length(regexall("^/privilegedUser/apiToken: ", w)) > 0])
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("format", knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownOutputValue("email", knownvalue.StringExact("csum-bot@example.com")),
					statecheck.ExpectKnownOutputValue("token_warned", knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("csum_permission_schemes.this", tfjsonpath.New("group_schemes"), knownvalue.MapExact(map[string]knownvalue.Check{
						leads: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("MANAGE_SPACE_PERMISSIONS")}),
					})),
					stateLacks(legacyTestToken),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
