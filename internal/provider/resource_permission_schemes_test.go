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

const schemesAddr = "csum_permission_schemes.this"

func TestAccPermissionSchemes_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	app := env.Sandbox.App()
	alice := env.AccountID(t, "alice.anders@example.com")
	leads := env.GroupID(t, "eng-leads")
	full := `
resource "csum_permission_schemes" "this" {
  default_operations = ["CREATE_GROUP", "ADD_MEMBERS"]
  user_schemes  = { "` + alice + `" = ["DELETE_GROUP", "RENAME_GROUP"] }
  group_schemes = { "` + leads + `" = ["MANAGE_SPACE_PERMISSIONS"] }
}`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy: func(*terraform.State) error {
			doc, _ := app.PermissionSchemes()
			if len(doc.Users) != 0 || len(doc.Groups) != 0 || len(doc.Default) != len(csumdoc.DefaultOperations()) {
				return fmt.Errorf("destroy did not reset the schemes: %+v", doc)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: env.Config(`resource "csum_permission_schemes" "this" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(schemesAddr, tfjsonpath.New("default_operations"), knownvalue.SetSizeExact(5)),
					statecheck.ExpectKnownValue(schemesAddr, tfjsonpath.New("user_schemes"), knownvalue.MapSizeExact(0)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: env.Config(full),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(schemesAddr, tfjsonpath.New("user_schemes").AtMapKey(alice),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("DELETE_GROUP"), knownvalue.StringExact("RENAME_GROUP")})),
				},
				Check: func(*terraform.State) error {
					doc, _ := app.PermissionSchemes()
					if len(doc.Users) != 1 || doc.Users[0].AccountID != alice || len(doc.Groups) != 1 || doc.Groups[0].GroupID != leads {
						return fmt.Errorf("the app did not receive the schemes: %+v", doc)
					}
					return nil
				},
			},
			{ResourceName: schemesAddr, ImportState: true, ImportStateId: "permission-schemes", ImportStateVerify: true},
			{ // A scheme added on the System Admin page shows in plan and is removed by apply.
				PreConfig: func() {
					doc, _ := app.PermissionSchemes()
					doc.Users = append(doc.Users, csumdoc.UserScheme{AccountID: env.AccountID(t, "bob.baker@example.com"), Operations: []string{csumdoc.OpDeleteGroup}})
					app.SetPermissionSchemes(doc)
				},
				Config: env.Config(full),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(schemesAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if doc, _ := app.PermissionSchemes(); len(doc.Users) != 1 {
						return fmt.Errorf("the out-of-band scheme was not removed: %+v", doc.Users)
					}
					return nil
				},
			},
		},
	})
}

func TestAccPermissionSchemes_validation(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	alice := env.AccountID(t, "alice.anders@example.com")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{ // Plan time: unknown operations and malformed account IDs, each on its attribute.
				Config: env.Config(`
resource "csum_permission_schemes" "this" {
  default_operations = ["CREATE_GROUP", "FLY"]
  user_schemes = { "not an id!" = ["DELETE_GROUP"] }
}`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)default_operations: unknown operation "FLY".*user_schemes\["not an id!"\]`),
			},
			{ // Apply time: accounts and groups that do not exist, reported by the app on their map keys.
				Config: env.Config(`
resource "csum_permission_schemes" "this" {
  user_schemes  = { "` + alice + `" = ["DELETE_GROUP"], "557058:00000000-dead-beef-0000-000000000000" = ["DELETE_GROUP"] }
  group_schemes = { "00000000-0000-0000-0000-000000000000" = ["CREATE_GROUP"] }
}`),
				ExpectError: regexp.MustCompile(`(?s)user_schemes\["557058:00000000-dead-beef-0000-000000000000"\].*group_schemes\["00000000-0000-0000-0000-000000000000"\]`),
			},
		},
	})
}

func TestAccPermissionSchemes_concurrentChangeIsNotOverwritten(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	app := env.Sandbox.App()
	bob := env.AccountID(t, "bob.baker@example.com")
	configured := env.Config(`resource "csum_permission_schemes" "this" { default_operations = ["CREATE_GROUP"] }`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(`resource "csum_permission_schemes" "a" {}` + "\n" + `resource "csum_permission_schemes" "b" {}`),
				ExpectError: regexp.MustCompile(`declares it more than once`),
			},
			{Config: env.Config(`resource "csum_permission_schemes" "this" {}`)},
			{
				// A scheme is saved on the System Admin page between Terraform's refresh and its write.
				PreConfig: func() {
					app.BeforeNextWrite(func() {
						doc, _ := app.PermissionSchemes()
						doc.Users = append(doc.Users, csumdoc.UserScheme{AccountID: bob, Operations: []string{csumdoc.OpDeleteGroup}})
						app.SetPermissionSchemes(doc)
					})
				},
				Config:      configured,
				ExpectError: regexp.MustCompile(`changed outside Terraform`),
			},
			{
				// The concurrent change survived the refused write; a fresh plan shows it and apply replaces it.
				PreConfig: func() {
					if doc, _ := app.PermissionSchemes(); len(doc.Users) != 1 || doc.Users[0].AccountID != bob {
						t.Fatalf("the concurrent change was overwritten: %+v", doc.Users)
					}
				},
				Config: configured,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(schemesAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					doc, _ := app.PermissionSchemes()
					if len(doc.Users) != 0 || len(doc.Default) != 1 || doc.Default[0] != csumdoc.OpCreateGroup {
						return fmt.Errorf("apply after refresh did not write the configuration: %+v", doc)
					}
					return nil
				},
			},
		},
	})
}

// TestAccPermissionSchemes_removedAfterOutsideChange removes the resource after a change on the System
// Admin page, which the destroy's refresh reads: the reset goes through (on Terraform 1.11 too, which plans
// the destroy of a removed resource before refreshing it). A change made between that plan and the reset
// is still refused.
func TestAccPermissionSchemes_removedAfterOutsideChange(t *testing.T) {
	env := acctest.Start(t)
	app := env.Sandbox.App()
	bob := env.AccountID(t, "bob.baker@example.com")
	addBob := func() {
		doc, _ := app.PermissionSchemes()
		doc.Users = append(doc.Users, csumdoc.UserScheme{AccountID: bob, Operations: []string{csumdoc.OpDeleteGroup}})
		app.SetPermissionSchemes(doc)
	}
	configured := env.Config(`resource "csum_permission_schemes" "this" { default_operations = ["CREATE_GROUP"] }`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: configured},
			{
				PreConfig:   func() { app.BeforeNextWrite(addBob) },
				Config:      env.Config(``),
				ExpectError: regexp.MustCompile(`changed outside Terraform`),
			},
			{
				Config: env.Config(``),
				Check: func(*terraform.State) error {
					if doc, _ := app.PermissionSchemes(); len(doc.Users) != 0 || len(doc.Default) != len(csumdoc.DefaultOperations()) {
						return fmt.Errorf("removing the resource did not reset the schemes: %+v", doc)
					}
					return nil
				},
			},
		},
	})
}
