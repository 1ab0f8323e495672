package provider_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

const legacyAddr = "data.csum_legacy_export.old"

func TestAccLegacyExport_migratesIntoResources(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	app := env.Sandbox.App()
	file := filepath.Join(t.TempDir(), "legacy-export.json")
	if err := os.WriteFile(file, []byte(legacySample(t, env, false)), 0o600); err != nil {
		t.Fatal(err)
	}
	allStaff, leads, alice := env.GroupID(t, "all-staff"), env.GroupID(t, "eng-leads"), env.AccountID(t, "alice.anders@example.com")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(`data "csum_legacy_export" "old" { path = "` + file + `" }` + migrationConfig),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(legacyAddr, tfjsonpath.New("format"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(legacyAddr, tfjsonpath.New("legacy_privileged_user_email"), knownvalue.StringExact("csum-bot@example.com")),
				statecheck.ExpectKnownValue(legacyAddr, tfjsonpath.New("warnings"), knownvalue.ListPartial(map[int]knownvalue.Check{
					0: knownvalue.StringRegexp(regexp.MustCompile(`^/`)),
				})),
				statecheck.ExpectKnownOutputValue("warnings", knownvalue.ListPartial(map[int]knownvalue.Check{})),
				statecheck.ExpectKnownValue(legacyAddr, tfjsonpath.New("settings_json"), knownvalue.StringRegexp(regexp.MustCompile(`"formatVersion": 2`))),
				statecheck.ExpectKnownValue("csum_permission_schemes.this", tfjsonpath.New("user_schemes"), knownvalue.MapExact(map[string]knownvalue.Check{
					alice: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("DELETE_GROUP")}),
				})),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(*terraform.State) error {
				s, _ := app.Settings()
				if s.GroupSettings.SpaceGroupPattern.Prefix != "SPACEKEY-" || s.GroupSettings.MaxUsersPerAction != 50 ||
					s.UserSettings.DisabledUserVisibility != csumdoc.VisibilityHide || s.GeneralSettings.ShowGroupInformation ||
					len(s.UserSettings.AutoJoinGroupIDs) != 1 || s.UserSettings.AutoJoinGroupIDs[0] != allStaff {
					return fmt.Errorf("the app did not receive the legacy settings: %+v", s)
				}
				p, _ := app.PermissionSchemes()
				if len(p.Groups) != 1 || p.Groups[0].GroupID != leads || len(p.Users) != 1 {
					return fmt.Errorf("the app did not receive the legacy schemes: %+v", p)
				}
				return nil
			},
		}},
	})
}

func TestAccLegacyExport_noCredentialsAndTokenKeptOutOfState(t *testing.T) {
	env := acctest.Start(t) // only for its seeded IDs: this configuration never reaches the sandbox
	noCredentials(t)
	content, err := json.Marshal(legacySample(t, env, true))
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "csum" {}

data "csum_legacy_export" "old" { content = ` + string(content) + ` }

output "email" { value = data.csum_legacy_export.old.legacy_privileged_user_email }

output "token_warned" {
  value = anytrue([for w in data.csum_legacy_export.old.warnings : length(regexall("^/privilegedUser/apiToken: .*ignored", w)) > 0])
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("email", knownvalue.StringExact("csum-bot@example.com")),
				statecheck.ExpectKnownValue(legacyAddr, tfjsonpath.New("content"), knownvalue.Null()),
				statecheck.ExpectKnownOutputValue("token_warned", knownvalue.Bool(true)),
				stateLacks(legacyTestToken),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

func TestAccLegacyExport_badFiles(t *testing.T) {
	env := acctest.Start(t)
	noCredentials(t)
	dir := t.TempDir()
	syntax := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(syntax, []byte("{\n  \"exportVersion\": 1,\n  \"globalSettings\": {,\n}"), 0o600); err != nil {
		t.Fatal(err)
	}
	wrongKind := strings.Replace(legacySample(t, env, false), `" 50 "`, `"lots"`, 1)
	quoted, _ := json.Marshal(wrongKind)
	steps := []resource.TestStep{
		{Config: `data "csum_legacy_export" "old" { path = "` + syntax + `" }`,
			ExpectError: regexp.MustCompile(`(?s)Cannot read the export file.*broken.json: line 3,\s+column\s+22:\s+not\s+valid\s+JSON`)},
		{Config: `data "csum_legacy_export" "old" { content = ` + string(quoted) + ` }`,
			ExpectError: regexp.MustCompile(`/globalSettings/maxUserIdsPerAction`)},
		{Config: `data "csum_legacy_export" "old" { content = "{\"formatVersion\": 3}" }`,
			ExpectError: regexp.MustCompile(`(?s)/formatVersion.*exportVersion.*1`)},
		{Config: `data "csum_legacy_export" "old" { path = "` + filepath.Join(dir, "missing.json") + `" }`,
			ExpectError: regexp.MustCompile(`(?s)Cannot read the export file.*missing.json: no such\s+file`)},
		{Config: `data "csum_legacy_export" "old" {}`,
			ExpectError: regexp.MustCompile(`(?s)Missing Attribute Configuration.*path.*content`)},
	}
	for i := range steps {
		steps[i].Config = `provider "csum" {}` + "\n" + steps[i].Config
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: providerFactories, Steps: steps})
}
