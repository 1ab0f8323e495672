package provider_test

import (
	"fmt"
	"regexp"
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

const settingsAddr = "csum_global_settings.this"

func TestAccGlobalSettings_defaultsImportDriftDestroy(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	app := env.Sandbox.App()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy: func(*terraform.State) error {
			return expectDefaultSettings(app.Settings())
		},
		Steps: []resource.TestStep{
			{ // From defaults: an empty block manages the whole document.
				Config: env.Config(`resource "csum_global_settings" "this" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(settingsAddr, tfjsonpath.New("group_settings").AtMapKey("group_name_regex"), knownvalue.StringExact(".*")),
					statecheck.ExpectKnownValue(settingsAddr, tfjsonpath.New("user_settings").AtMapKey("user_group_filter_group_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(settingsAddr, tfjsonpath.New("general_settings").AtMapKey("audit_retention_days"), knownvalue.Int64Exact(90)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName: settingsAddr, ImportState: true, ImportStateId: "global", ImportStateVerify: true,
			},
			{ // A change on the System Admin page shows in plan, and apply puts it back.
				PreConfig: func() {
					doc, _ := app.Settings()
					doc.GroupSettings.MaxUsersPerAction = 7
					doc.UserSettings.DisabledUserVisibility = csumdoc.VisibilityHide
					app.SetSettings(doc)
				},
				Config: env.Config(`resource "csum_global_settings" "this" {}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(settingsAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(settingsAddr, tfjsonpath.New("group_settings").AtMapKey("max_users_per_action"), knownvalue.Int64Exact(100)),
				}},
				Check: func(*terraform.State) error { return expectDefaultSettings(app.Settings()) },
			},
		},
	})
}

func TestAccGlobalSettings_fullConfigAndUpdates(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	app := env.Sandbox.App()
	allStaff := env.GroupID(t, "all-staff")
	readers := env.GroupID(t, "eng-readers")
	full := `
resource "csum_global_settings" "this" {
  group_settings = {
    space_group_pattern = { prefix = "SPACEKEY-", suffix = "-grp" }
    group_name_regex    = "[a-z0-9-]+"
    max_users_per_action = 50
    group_blocklist      = ["` + readers + `"]
  }
  user_settings = {
    disabled_user_visibility   = "HIDE"
    auto_join_group_ids        = ["` + allStaff + `"]
    user_group_filter_group_id = "` + allStaff + `"
  }
  general_settings = { audit_retention_days = 365 }
}`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(full),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(settingsAddr, tfjsonpath.New("group_settings").AtMapKey("space_group_pattern").AtMapKey("suffix"), knownvalue.StringExact("-grp")),
					statecheck.ExpectKnownValue(settingsAddr, tfjsonpath.New("group_settings").AtMapKey("allow_space_group_actions"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(settingsAddr, tfjsonpath.New("user_settings").AtMapKey("auto_join_group_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(allStaff)})),
				},
				Check: func(*terraform.State) error {
					doc, _ := app.Settings()
					if doc.GroupSettings.MaxUsersPerAction != 50 || doc.GeneralSettings.AuditRetentionDays != 365 ||
						doc.UserSettings.UserGroupFilterGroupID == nil || *doc.UserSettings.UserGroupFilterGroupID != allStaff {
						return fmt.Errorf("the app did not receive the configuration: %+v", doc)
					}
					return nil
				},
			},
			{ResourceName: settingsAddr, ImportState: true, ImportStateId: "global", ImportStateVerify: true},
			{ // Update each block in place; the filter group goes back to null.
				Config: env.Config(`
resource "csum_global_settings" "this" {
  group_settings   = { allow_space_group_actions = false }
  user_settings    = { user_search_enabled = false }
  general_settings = { show_group_information = false }
}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(settingsAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					doc, _ := app.Settings()
					if doc.GroupSettings.AllowSpaceGroupActions || doc.UserSettings.UserSearchEnabled || doc.GeneralSettings.ShowGroupInformation ||
						doc.UserSettings.UserGroupFilterGroupID != nil || len(doc.GroupSettings.GroupBlocklist) != 0 {
						return fmt.Errorf("update did not reach the app: %+v", doc)
					}
					return nil
				},
			},
		},
	})
}

func TestAccGlobalSettings_planTimeValidation(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(`
resource "csum_global_settings" "this" {
  group_settings = {
    space_group_pattern  = { prefix = "Team_", suffix = "" }
    group_name_regex     = "[a-z"
    max_users_per_action = 0
  }
  general_settings = { audit_retention_days = 4000 }
}`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)group_settings.space_group_pattern.*SPACEKEY token.*group_settings.group_name_regex.*RE2.*max_users_per_action.*between 1 and 1000.*audit_retention_days`),
			},
			{ // Rules that need the server come back at apply, on the attribute they concern.
				Config: env.Config(`
resource "csum_global_settings" "this" {
  group_settings = { group_blocklist = ["00000000-0000-0000-0000-000000000000"] }
  user_settings  = { auto_join_group_ids = ["11111111-1111-1111-1111-111111111111"] }
}`),
				ExpectError: regexp.MustCompile(`(?s)group_settings.group_blocklist.*user_settings.auto_join_group_ids|user_settings.auto_join_group_ids.*group_settings.group_blocklist`),
			},
		},
	})
}

func TestAccGlobalSettings_concurrentChangeIsNotOverwritten(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	app := env.Sandbox.App()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(`resource "csum_global_settings" "this" {}`)},
			{
				// Someone saves the System Admin page between Terraform's refresh and its write.
				PreConfig: func() {
					env.Sandbox.App().BeforeNextWrite(func() {
						doc, _ := app.Settings()
						doc.GeneralSettings.AuditRetentionDays = 30
						app.SetSettings(doc)
					})
				},
				Config:      env.Config(`resource "csum_global_settings" "this" { general_settings = { audit_retention_days = 120 } }`),
				ExpectError: regexp.MustCompile(`changed outside Terraform`),
			},
			{
				// The concurrent change survived; a fresh plan shows it and applying restores the configuration.
				PreConfig: func() {
					if doc, _ := app.Settings(); doc.GeneralSettings.AuditRetentionDays != 30 {
						t.Fatalf("the concurrent change was overwritten: audit_retention_days = %d", doc.GeneralSettings.AuditRetentionDays)
					}
				},
				Config: env.Config(`resource "csum_global_settings" "this" { general_settings = { audit_retention_days = 120 } }`),
				Check: func(*terraform.State) error {
					if doc, _ := app.Settings(); doc.GeneralSettings.AuditRetentionDays != 120 {
						return fmt.Errorf("apply after refresh did not write: %d", doc.GeneralSettings.AuditRetentionDays)
					}
					return nil
				},
			},
		},
	})
}

func TestAccGlobalSettings_singleton(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(`
resource "csum_global_settings" "a" {}
resource "csum_global_settings" "b" {}`),
				ExpectError: regexp.MustCompile(`declares it more than once`),
			},
			{
				Config:        env.Config(`resource "csum_global_settings" "this" {}`),
				ResourceName:  settingsAddr,
				ImportState:   true,
				ImportStateId: "settings",
				ExpectError:   regexp.MustCompile(`import it with the ID "global"`),
			},
		},
	})
}

// TestAccGlobalSettings_removedAfterOutsideChange removes the resource from the configuration after a
// change on the System Admin page. The refresh reads the change, so the reset to the defaults is no
// concurrent change: it must go through, on Terraform 1.11 too, which plans the destroy of a removed
// resource before refreshing it (found by the fault soak, seed 6).
func TestAccGlobalSettings_removedAfterOutsideChange(t *testing.T) {
	env := acctest.Start(t)
	app := env.Sandbox.App()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(`resource "csum_global_settings" "this" { general_settings = { audit_retention_days = 30 } }`)},
			{
				PreConfig: func() {
					doc, _ := app.Settings()
					doc.GroupSettings.MaxUsersPerAction = 7
					app.SetSettings(doc)
				},
				Config: env.Config(``),
				Check:  func(*terraform.State) error { return expectDefaultSettings(app.Settings()) },
			},
		},
	})
}
