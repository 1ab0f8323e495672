package provider_test

import (
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// TestAccBadInput_rejectedByValidation gives every attribute of the provider, every resource and every
// data source wrong values (empty, huge, wrong format, unknown enum, conflicting or missing attributes) in
// one configuration. One plan must report an error on each block, naming the attribute, and the sandbox
// must see no request at all.
func TestAccBadInput_rejectedByValidation(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	found, cases := expectPlanRefusesEach(t, env, validationCases(env.Sandbox.URL()))
	t.Logf("%d wrong values tried, %d rejected at validation naming their attribute", cases, found)
}

// expectPlanRefusesEach plans a configuration of all the cases at once and fails unless each gets an error
// naming its attribute and nothing is written to the sandbox. It returns how many were refused, of how many.
func expectPlanRefusesEach(t *testing.T, env *acctest.Env, cases []badInput) (int, int) {
	t.Helper()
	config, spans := badInputConfig(env.ProviderBlock(), cases)
	cli := newTFCLI(t, env, "")
	cli.write(config)
	before := siteSnapshot(env.Sandbox)
	env.Sandbox.Faults().ResetCounts()
	found := expectDiagnosticPerCase(t, cases, spans, planDiagnostics(t, cli))
	if writes := writeCounts(env.Sandbox.Faults()); len(writes) > 0 {
		t.Errorf("a refused plan wrote to the sandbox: %v", writes)
	}
	expectOnlyChanges(t, before, env.Sandbox, func(string) bool { return false })
	return found, len(cases)
}

// TestAccBadInput_refusedAtPlan names spaces, groups, accounts, space roles and files that do not exist,
// gives a space group permissions on a roles-only site (the demo seed's mode), breaks the app's group name
// regex and declares singletons twice, all in one configuration. One plan must refuse each on the right
// attribute, reading the sandbox but never writing to it.
func TestAccBadInput_refusedAtPlan(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	appRegexSettings(env)
	found, cases := expectPlanRefusesEach(t, env, serverCases(t, env))
	t.Logf("%d references to missing or clashing objects tried, %d refused at plan naming their attribute", cases, found)
}

// TestAccBadInput_refusedBySiteMode asks a site that has no space roles yet (PRE_ROLES) for a role, by ID in
// a space group and by name in csum_space_role. One plan must refuse both, reading the sandbox but never
// writing to it; the refusals of a roles-only site are among TestAccBadInput_refusedAtPlan's.
func TestAccBadInput_refusedBySiteMode(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles))
	found, cases := expectPlanRefusesEach(t, env, siteModeCases(t, env))
	t.Logf("%d roles asked of a site without roles, %d refused at plan naming their attribute", cases, found)
}

// TestAccBadInput_refusedByTheApp gives the app's documents references it alone can check (a blocklisted
// group and a user scheme account that do not exist). The app refuses each document whole at apply; the
// errors name the attribute and nothing changes.
func TestAccBadInput_refusedByTheApp(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	cases := []badInput{
		{what: "group_blocklist naming a group that does not exist", attr: "group_blocklist",
			block: `resource "csum_global_settings" "this" {` + "\n" + `  group_settings = { group_blocklist = ["` + missingGroupID + `"] }` + "\n}"},
		{what: "user scheme for an account that does not exist", attr: "user_schemes",
			block: `resource "csum_permission_schemes" "this" {` + "\n" + `  user_schemes = { "` + missingAccount + `" = ["DELETE_GROUP"] }` + "\n}"},
	}
	config, spans := badInputConfig(env.ProviderBlock(), cases)
	cli := newTFCLI(t, env, "")
	cli.write(config)
	before := siteSnapshot(env.Sandbox)
	found := expectDiagnosticPerCase(t, cases, spans, planDiagnostics(t, cli, "apply", "-auto-approve"))
	t.Logf("%d references only the app can check tried, %d refused at apply naming their attribute", len(cases), found)
	expectOnlyChanges(t, before, env.Sandbox, func(string) bool { return false })
	if _, ok := cli.stateAttributes("csum_global_settings", "this"); ok {
		t.Error("a refused document was recorded in state")
	}
}
