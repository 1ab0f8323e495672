package provider_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
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

// exampleConfig joins an example's .tf files, leaving out versions.tf (its required_providers source and
// credential-less provider block are for real use; the test serves the provider in-process and configures
// it for the sandbox). path.module becomes dataDir, where the example's data files are.
func exampleConfig(t *testing.T, dir, dataDir string) string {
	t.Helper()
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .tf files in %s: %v", dir, err)
	}
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		if filepath.Base(f) == "versions.tf" {
			continue
		}
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.ReplaceAll(string(text), "${path.module}", abs))
		b.WriteString("\n")
	}
	return b.String()
}

func TestAccMigrationExample(t *testing.T) {
	env := acctest.Start(t)
	app := env.Sandbox.App()
	automation := env.AccountID(t, "automation@example.com")
	leads := env.GroupID(t, "eng-leads")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
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
					return errorf("the example's settings did not reach the app: %+v", s)
				}
				p, _ := app.PermissionSchemes()
				if len(p.Users) != 2 || len(p.Groups) != 1 || p.Groups[0].GroupID != leads {
					return errorf("the example's schemes did not reach the app: %+v", p)
				}
				if snap := app.Snapshot(); snap.PrivilegedUser != automation || snap.LegacyCredentials != nil {
					return errorf("privileged user is %q (legacy credentials %v), want the automation user %q and no legacy credentials",
						snap.PrivilegedUser, snap.LegacyCredentials != nil, automation)
				}
				return nil
			},
		}},
	})
}

// The documentation examples of the data source and the function read the migration example's file.
func TestAccLegacyExportDocExamples(t *testing.T) {
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
				ProtoV6ProviderFactories: acctest.ProviderFactories,
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
