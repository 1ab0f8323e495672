package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

const spaceGroupAddr = "csum_space_group.this"

func spaceGroupConfig(space, name string, perms []string) string {
	return fmt.Sprintf(`
resource "csum_space_group" "this" {
  space_key   = %q
  name        = %q
  permissions = %s
}`, space, name, hclList(perms))
}

// groupPairs returns the group's permissions in a space as sorted operation/target pairs.
func groupPairs(store *sandboxconfluence.Store, space, groupID string) []string {
	var pairs []string
	for _, p := range store.SpacePermissions(space) {
		if p.SubjectType == "group" && p.SubjectID == groupID {
			pairs = append(pairs, p.Operation+"/"+p.Target)
		}
	}
	slices.Sort(pairs)
	return pairs
}

func permissionsCheck(store *sandboxconfluence.Store, space, groupName string, want []string) func(*terraform.State) error {
	return func(*terraform.State) error {
		g, ok := store.GroupByName(groupName)
		if !ok {
			return fmt.Errorf("no group %q in the sandbox", groupName)
		}
		if got := groupPairs(store, space, g.ID); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			return fmt.Errorf("group %s holds %v in %s, want %v", groupName, got, space, want)
		}
		return nil
	}
}

func TestAccSpaceGroup_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles))
	store := env.Sandbox.Store()
	first := []string{"read/space", "create/page"}
	second := []string{"read/space", "create/comment", "delete/page"}
	groupID := func() string { g, _ := store.GroupByName("eng-testers"); return g.ID }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy: func(*terraform.State) error {
			if _, ok := store.GroupByName("eng-testers"); ok {
				return fmt.Errorf("destroy left group eng-testers")
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: env.Config(spaceGroupConfig("ENG", "testers", first)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(spaceGroupAddr, tfjsonpath.New("group_name"), knownvalue.StringExact("eng-testers")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spaceGroupAddr, tfjsonpath.New("group_name"), knownvalue.StringExact("eng-testers")),
				},
				Check: permissionsCheck(store, "ENG", "eng-testers", first),
			},
			{ResourceName: spaceGroupAddr, ImportState: true, ImportStateId: "ENG/testers", ImportStateVerify: true},
			{ResourceName: spaceGroupAddr, ImportState: true, ImportStateIdFunc: func(*terraform.State) (string, error) {
				return "ENG/" + groupID(), nil
			}, ImportStateVerify: true},
			{ // Add and remove permissions in place.
				Config: env.Config(spaceGroupConfig("ENG", "testers", second)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spaceGroupAddr, plancheck.ResourceActionUpdate),
				}},
				Check: permissionsCheck(store, "ENG", "eng-testers", second),
			},
			{ // A permission granted outside Terraform shows in the plan and is removed.
				PreConfig: func() {
					_, err := store.AddSpacePermission("ENG", "group", groupID(), "export", "space")
					mustDo(t, err)
				},
				Config: env.Config(spaceGroupConfig("ENG", "testers", second)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spaceGroupAddr, plancheck.ResourceActionUpdate),
				}},
				Check: permissionsCheck(store, "ENG", "eng-testers", second),
			},
			{ // read/space removed outside Terraform takes every other permission with it; apply grants them again.
				PreConfig: func() {
					for _, p := range store.SpacePermissions("ENG") {
						if p.SubjectID == groupID() && p.Operation == "read" {
							mustDo(t, store.RemoveSpacePermission("ENG", p.ID))
						}
					}
				},
				Config: env.Config(spaceGroupConfig("ENG", "testers", second)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spaceGroupAddr, plancheck.ResourceActionUpdate),
				}},
				Check: permissionsCheck(store, "ENG", "eng-testers", second),
			},
			{ // Renamed outside Terraform: still managed by ID, with no replacement; group_name shows the new name.
				PreConfig:        func() { mustDo(t, store.RenameGroup(groupID(), "eng-qa")) },
				Config:           env.Config(spaceGroupConfig("ENG", "testers", second)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spaceGroupAddr, tfjsonpath.New("group_name"), knownvalue.StringExact("eng-qa")),
				},
			},
			{ // Deleted outside Terraform: planned for creation again.
				PreConfig: func() {
					g, _ := store.GroupByName("eng-qa")
					mustDo(t, store.DeleteGroup(g.ID))
				},
				Config: env.Config(spaceGroupConfig("ENG", "testers", second)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spaceGroupAddr, plancheck.ResourceActionCreate),
				}},
				Check: permissionsCheck(store, "ENG", "eng-testers", second),
			},
			{ // Dropping read/space with everything else: one removal, Confluence cascades.
				Config: env.Config(spaceGroupConfig("ENG", "testers", nil)),
				Check:  permissionsCheck(store, "ENG", "eng-testers", nil),
			},
		},
	})
}

func TestAccSpaceGroup_planTimeValidation(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	app := env.Sandbox.App()
	cases := []struct {
		name, config string
		want         string
	}{
		{"read/space missing", spaceGroupConfig("ENG", "x", []string{"create/page"}), `needs "read/space"`},
		{"unknown pair", spaceGroupConfig("ENG", "x", []string{"read/space", "purge/space"}), `"purge/space" is not a\s+space permission`},
		{"name outside the regex", spaceGroupConfig("ENG", "Bad_Name", nil), `(?s)must match the group name regex.*\[a-z\]\+`},
	}
	doc, _ := app.Settings()
	doc.GroupSettings.GroupNameRegex = "[a-z]+"
	app.SetSettings(doc)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: providerFactories,
				Steps:                    []resource.TestStep{{Config: env.Config(tc.config), PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}

func TestAccSpaceGroup_existingGroupSaysImport(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config(spaceGroupConfig("ENG", "writers", nil)),
			ExpectError: regexp.MustCompile(`(?s)already exists.*import\s+it\s+with\s+the\s+ID\s+ENG/writers`),
		}},
	})
}

func TestAccSpaceGroup_rateLimitStormAndPartialFailure(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles))
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	first := []string{"read/space", "create/page", "create/blogpost", "create/comment"}
	second := append(slices.Clone(first), "delete/page", "delete/blogpost", "delete/comment", "export/space")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{ // Every second request answered 429: creation and grants wait and finish.
				PreConfig: func() { inj.Set(faults.Config{RateLimitEvery: 2}) },
				Config:    env.Config(spaceGroupConfig("OPS", "storm", first)),
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						if faultCount(inj, faults.SuffixRateLimited) == 0 {
							return fmt.Errorf("no 429 was injected, so the step proves nothing")
						}
						return nil
					},
					permissionsCheck(store, "OPS", "ops-storm", first),
				),
			},
			{ // Writes answered 503 are not repeated: some grants fail, and the error lists them.
				PreConfig:   func() { inj.Set(faults.Config{UnavailableEvery: 2}) },
				Config:      env.Config(spaceGroupConfig("OPS", "storm", second)),
				ExpectError: regexp.MustCompile(`(?s)Some space permission changes failed.*grant .*503`),
			},
			{ // State recorded what the group held: the next apply grants the rest.
				PreConfig: func() {
					inj.Set(faults.Config{})
					g, _ := store.GroupByName("ops-storm")
					if got := len(groupPairs(store, "OPS", g.ID)); got == len(first) || got == len(second) {
						t.Errorf("the faults did not make a partial apply: the group holds %d permissions", got)
					}
				},
				Config: env.Config(spaceGroupConfig("OPS", "storm", second)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(spaceGroupAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: permissionsCheck(store, "OPS", "ops-storm", second),
			},
		},
	})
}

// TestAccSpaceGroup_lostCreateNeverShows drops the create before Confluence sees it: after looking for the
// group for a few seconds the apply fails, saying what to do should the group show later; nothing is in
// state, and the next apply creates the group.
func TestAccSpaceGroup_lostCreateNeverShows(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	inj, store := env.Sandbox.Faults(), env.Sandbox.Store()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { inj.Set(faults.Config{DropEvery: 1, Only: `^POST /wiki/rest/api/group$`}) },
				Config:      env.Config(spaceGroupConfig("ENG", "dropped", nil)),
				ExpectError: regexp.MustCompile(`(?s)did not show.*Apply again.*import\s+it\s+with\s+the\s+ID\s+ENG/dropped`),
			},
			{
				PreConfig: func() {
					if _, ok := store.GroupByName("eng-dropped"); ok {
						t.Fatal("a create dropped before the server saw it made the group")
					}
					inj.Set(faults.Config{})
				},
				Config: env.Config(spaceGroupConfig("ENG", "dropped", nil)),
				Check:  resource.TestCheckResourceAttr("csum_space_group.this", "group_name", "eng-dropped"),
			},
		},
	})
}
