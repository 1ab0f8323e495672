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

// The example of the guide "Moving space groups from permissions to roles" (examples/guides/space-roles),
// applied step by step as the guide walks a site through the move.

const (
	guideAuthors   = "csum_space_group.authors"
	guideReviewers = "csum_space_group.reviewers"
)

var (
	guideAuthorPermissions   = []string{"create/attachment", "create/blogpost", "create/comment", "create/page", "read/space"}
	guideReviewerPermissions = []string{"create/comment", "read/space"}
)

// On a site in the ROLES_TRANSITION mode: read the mode and the closest role of each group, move one group,
// repair a role changed in Confluence, move the other, and find nothing to change once the site is
// roles-only.
func TestAccSpaceRolesGuide(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModeTransition))
	store := env.Sandbox.Store()
	authorsID := func() string { return groupIDByName(t, store, "eng-authors") }
	closest := func(role string, adds ...string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"role": knownvalue.StringExact(role),
			"adds": knownvalue.ListExact(stringChecks(adds...)),
		})
	}
	// Where the move starts: the groups have individual permissions. Steps 1 and 2 of the guide: the mode, and
	// the closest role for each group's permissions.
	start := guideStart(t, env, resource.ComposeTestCheckFunc(
		permissionsCheck(store, "ENG", "eng-authors", guideAuthorPermissions),
		permissionsCheck(store, "ENG", "eng-reviewers", guideReviewerPermissions),
		guideDiscovery(t, env, map[string]knownvalue.Check{
			"space_access_mode": knownvalue.StringExact(sandboxconfluence.RoleModeTransition),
			"closest_roles": knownvalue.MapPartial(map[string]knownvalue.Check{
				"eng-authors":   closest("Collaborator", "delete/attachment", "delete/blogpost", "delete/comment", "delete/page"),
				"eng-reviewers": closest("Viewer"),
			}),
		}),
	))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: append(start, []resource.TestStep{
			{ // Step 3: the authors get the Collaborator role; their permissions go after it.
				Config:           guideGroups(t, env, "2-authors-on-a-role"),
				ConfigPlanChecks: guidePlan(guideAuthors),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(guideAuthors, tfjsonpath.New("role_id"), knownvalue.StringExact(roleID(t, store, "Collaborator"))),
					statecheck.ExpectKnownValue(guideAuthors, tfjsonpath.New("permissions"), knownvalue.SetExact(nil)),
				},
				Check: resource.ComposeTestCheckFunc(
					roleCheck(env, "ENG", "eng-authors", "Collaborator"),
					permissionsCheck(store, "ENG", "eng-authors", nil),
					permissionsCheck(store, "ENG", "eng-reviewers", guideReviewerPermissions),
				),
			},
			{ // Drift: a space admin gives the authors another role in Confluence; the plan shows it, apply puts
				// the configured role back.
				PreConfig:        func() { assignRoleInConfluence(t, env, "ENG", authorsID(), "Manager") },
				Config:           guideGroups(t, env, "2-authors-on-a-role"),
				ConfigPlanChecks: guidePlan(guideAuthors),
				Check:            roleCheck(env, "ENG", "eng-authors", "Collaborator"),
			},
			{ // Step 4: the reviewers follow; no group of the configuration has permissions left.
				Config:           guideGroups(t, env, "3-roles"),
				ConfigPlanChecks: guidePlan(guideReviewers),
				Check: resource.ComposeTestCheckFunc(
					roleCheck(env, "ENG", "eng-reviewers", "Viewer"),
					permissionsCheck(store, "ENG", "eng-reviewers", nil),
					guideDiscovery(t, env, map[string]knownvalue.Check{
						"closest_roles": mapWithout{"eng-authors", "eng-reviewers"},
					}),
				),
			},
			{ // Step 5: a Confluence admin moves the site to roles only; the plan has nothing to change.
				PreConfig: func() { mustDo(t, store.SetSpaceRoleMode(sandboxconfluence.RoleModeRoles)) },
				Config:    guideGroups(t, env, "3-roles"),
				PlanOnly:  true,
			},
		}...),
	})
}

// On a site in the PRE_ROLES mode, as the guide says: there are no roles to choose from and a role is refused
// at plan time, so the groups keep their permissions; once a Confluence admin opts the site in to roles, the
// same configuration plans without changes and the move can start.
func TestAccSpaceRolesGuide_preRoles(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles))
	store := env.Sandbox.Store()
	start := guideStart(t, env, guideDiscovery(t, env, map[string]knownvalue.Check{
		"space_access_mode": knownvalue.StringExact(sandboxconfluence.RoleModePreRoles),
		"closest_roles": knownvalue.MapPartial(map[string]knownvalue.Check{
			"eng-authors": knownvalue.Null(), "eng-reviewers": knownvalue.Null(),
		}),
	}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: append(start, []resource.TestStep{
			{
				Config:      guideGroups(t, env, "2-authors-on-a-role"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`does not use space roles yet`),
			},
			{ // The opt-in moves the site to ROLES_TRANSITION; the groups keep their permissions.
				PreConfig: func() { mustDo(t, store.SetSpaceRoleMode(sandboxconfluence.RoleModeTransition)) },
				Config:    guideGroups(t, env, "1-permissions"),
				PlanOnly:  true,
			},
		}...),
	})
}
