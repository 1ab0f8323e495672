package provider_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

const migrationExampleDir = "../../examples/migration"

func TestAccMigrationExample(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	app := env.Sandbox.App()
	automation := env.AccountID(t, "automation@example.com")
	leads := env.GroupID(t, "eng-leads")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(exampleConfig(t, migrationExampleDir, migrationExampleDir)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("legacy_privileged_user_email", knownvalue.StringExact("csum-bot@example.com")),
				statecheck.ExpectKnownOutputValue("migration_warnings", knownvalue.NotNull()),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(*terraform.State) error {
				s, _ := app.Settings()
				if len(s.UserSettings.AutoJoinGroupIDs) != 1 || len(s.GroupSettings.GroupBlocklist) != 1 {
					return fmt.Errorf("the example's settings did not reach the app: %+v", s)
				}
				p, _ := app.PermissionSchemes()
				if len(p.Users) != 2 || len(p.Groups) != 1 || p.Groups[0].GroupID != leads {
					return fmt.Errorf("the example's schemes did not reach the app: %+v", p)
				}
				if snap := app.Snapshot(); snap.PrivilegedUser != automation || snap.LegacyCredentials != nil {
					return fmt.Errorf("privileged user is %q (legacy credentials %v), want the automation user %q and no legacy credentials",
						snap.PrivilegedUser, snap.LegacyCredentials != nil, automation)
				}
				return nil
			},
		}},
	})
}

// The documentation examples of the data source and the function read the migration example's file.
func TestAccLegacyExportDocExamples(t *testing.T) {
	t.Parallel()
	cases := []struct {
		dir    string
		checks []tfversion.TerraformVersionCheck
	}{
		{"../../examples/data-sources/csum_legacy_export", nil},
		{"../../examples/functions/legacy_export", []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.dir), func(t *testing.T) {
			env := acctest.Start(t)
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   c.checks,
				ProtoV6ProviderFactories: providerFactories,
				Steps: []resource.TestStep{{
					Config: env.Config(exampleConfig(t, c.dir, migrationExampleDir)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownOutputValue("migration_warnings", knownvalue.ListSizeExact(2)),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				}},
			})
		})
	}
}
