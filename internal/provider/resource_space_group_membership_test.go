package provider_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

const membershipAddr = "csum_space_group_membership.this"

// membershipByName configures the authoritative membership of a group named by name, its members labelled "".
func membershipByName(space, group string, members []string) string {
	return membershipOf(space, "group_name", group, hclMembers(members))
}

func membershipByID(space, groupID string, members []string) string {
	return membershipOf(space, "group_id", groupID, hclMembers(members))
}

// membershipOf configures the authoritative membership of a group named by groupAttr (group_name or
// group_id), with members given as an HCL expression.
func membershipOf(space, groupAttr, group, members string) string {
	return fmt.Sprintf(`
resource "csum_space_group_membership" "this" {
  space_key = %q
  %s = %q
  members = %s
}`, space, groupAttr, group, members)
}

func TestAccSpaceGroupMembership_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	leads := env.GroupID(t, "eng-leads")
	initial := accounts(t, env, alice, carla, bob)
	changed := accounts(t, env, alice, bob, dev)
	erinID := env.AccountID(t, erin)
	// Labelled with display names, as import labels members, so that the imports below match what was applied.
	named := func(ids []string) string {
		return membershipOf("ENG", "group_name", "eng-leads", hclLabels(displayNames(t, store, ids)))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy:             func(*terraform.State) error { return expectMembers(store, leads, nil) },
		Steps: []resource.TestStep{
			{ // Over a group whose members are all configured: adds the missing one.
				Config: env.Config(named(initial)),
				Check:  membersCheck(store, leads, initial),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(membershipAddr, tfjsonpath.New("group_id"), knownvalue.StringExact(leads)),
					statecheck.ExpectKnownValue(membershipAddr, tfjsonpath.New("id"), knownvalue.StringExact("ENG/"+leads)),
					statecheck.ExpectKnownValue(membershipAddr, tfjsonpath.New("members").AtMapKey(initial[0]), knownvalue.StringExact("Alice Anders")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			// Import labels every member with its display name.
			{ResourceName: membershipAddr, ImportState: true, ImportStateId: "ENG/eng-leads", ImportStateVerify: true},
			{ResourceName: membershipAddr, ImportState: true, ImportStateId: "ENG/" + leads, ImportStateVerify: true},
			{ // Add and remove in one apply.
				Config: env.Config(named(changed)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(membershipAddr, plancheck.ResourceActionUpdate),
				}},
				Check: membersCheck(store, leads, changed),
			},
			{ // Changes made outside Terraform, both ways, show in the plan and are undone; the plan names
				// the account it removes by its display name.
				PreConfig: func() {
					mustDo(t, store.AddMember(leads, erinID))
					mustDo(t, store.RemoveMember(leads, env.AccountID(t, bob)))
				},
				Config: env.Config(named(changed)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(membershipAddr, plancheck.ResourceActionUpdate),
					expectRefreshedMember{membershipAddr, erinID, "Erin Evans"},
				}},
				Check: membersCheck(store, leads, changed),
			},
			{ // A rename in Confluence breaks nothing: the group is tracked by ID.
				PreConfig: func() { mustDo(t, store.RenameGroup(leads, "eng-team-leads")) },
				Config:    env.Config(named(changed)),
				PlanOnly:  true,
			},
			{ // Switching to group_id for the same group is no change.
				Config:   env.Config(membershipOf("ENG", "group_id", leads, hclLabels(displayNames(t, store, changed)))),
				PlanOnly: true,
			},
			{ // New labels alone: an update in place that asks Confluence nothing.
				PreConfig: func() { inj.ResetCounts() },
				Config:    env.Config(membershipByID("ENG", leads, changed)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(membershipAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(membershipAddr, tfjsonpath.New("members"), knownvalue.MapExact(map[string]knownvalue.Check{
						changed[0]: knownvalue.StringExact(""), changed[1]: knownvalue.StringExact(""), changed[2]: knownvalue.StringExact(""),
					})),
				},
				Check: func(*terraform.State) error {
					if writes := writeCounts(inj); len(writes) > 0 {
						return fmt.Errorf("a change of labels wrote to Confluence: %v", writes)
					}
					if n := inj.Counts()[routeUserBulk]; n > 0 {
						return fmt.Errorf("a change of labels looked %d account pages up", n)
					}
					return expectMembers(store, leads, changed)
				},
			},
		},
	})
}

// Labels may be unknown until apply; the members are checked at plan time all the same.
func TestAccSpaceGroupMembership_labelsKnownOnlyAtApply(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	leads := env.GroupID(t, "eng-leads")
	members := accounts(t, env, alice, carla)
	config := func(second string) string {
		return env.Config(fmt.Sprintf(`
resource "terraform_data" "label" {
  input = "Alice, labelled at apply"
}
resource "csum_space_group_membership" "this" {
  space_key  = "ENG"
  group_name = "eng-leads"
  members = {
    %q = terraform_data.label.output
    %q = "Carla Chen"
  }
}`, members[0], second))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		ExternalProviders:        map[string]resource.ExternalProvider{"terraform": {Source: "terraform.io/builtin/terraform"}},
		Steps: []resource.TestStep{
			{
				Config:      config(missingAccount),
				ExpectError: regexp.MustCompile(`(?s)Accounts do not exist.*` + regexp.QuoteMeta(missingAccount)),
			},
			{
				Config: config(members[1]),
				Check:  membersCheck(store, leads, members),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(membershipAddr, tfjsonpath.New("members").AtMapKey(members[0]), knownvalue.StringExact("Alice, labelled at apply")),
				},
			},
		},
	})
}

// State written while members was a set of account IDs upgrades to the map, each member labelled "", so
// that a configuration rewritten as { for id in ... : id => "" } plans no change.
func TestAccSpaceGroupMembership_upgradesStateWrittenAsASet(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	leads := env.GroupID(t, "eng-leads")
	stored, ids := storedMembershipV0(t)
	var attrs struct {
		GroupID string `json:"group_id"`
	}
	if err := json.Unmarshal(stored, &attrs); err != nil || attrs.GroupID != leads {
		t.Fatalf("%s is a membership of group %q, the sandbox's eng-leads is %s (%v)", membershipStateV0, attrs.GroupID, leads, err)
	}
	for _, id := range ids {
		mustDo(t, store.AddMember(leads, id)) // as the apply that wrote the state left the group
	}
	cli := newTFCLI(t, env, fmt.Sprintf(`
locals {
  leads = %s
}
resource "csum_space_group_membership" "this" {
  space_key  = "ENG"
  group_name = "eng-leads"
  members    = { for id in local.leads : id => "" }
  timeouts {
    update = "1h"
  }
}`, hclList(ids)))
	cli.writeState(t, membershipStateV0)
	cli.expectNoChanges()
	cli.mustRun("apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color")
	got, ok := cli.stateAttributes("csum_space_group_membership", "this")
	members, _ := got["members"].(map[string]any)
	if !ok || len(members) != len(ids) {
		t.Fatalf("after the upgrade, state holds members %v, want %v labelled \"\"", got["members"], ids)
	}
	for _, id := range ids {
		if label, ok := members[id]; !ok || label != "" {
			t.Errorf("member %s upgraded to %v, want \"\"", id, label)
		}
	}
	if err := expectMembers(store, leads, ids); err != nil {
		t.Error(err)
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestAccSpaceGroupMembership_refusesGroupWithOtherMembers(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	writers := env.GroupID(t, "eng-writers")
	before := store.Members(writers)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config(membershipByName("ENG", "eng-writers", accounts(t, env, alice))),
			ExpectError: regexp.MustCompile(`(?s)already has other members.*import it first`),
			Check:       membersCheck(store, writers, before),
		}},
	})
	if err := expectMembers(store, writers, before); err != nil {
		t.Fatal("a refused create changed the group: ", err)
	}
}

func TestAccSpaceGroupMembership_groupOutsideSpace(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config(membershipByName("ENG", "ops-oncall", nil)),
			ExpectError: regexp.MustCompile(`is not a group of\s+space ENG`),
		}},
	})
}

func TestAccSpaceGroupMembership_protectedAccount(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	leads := env.GroupID(t, "eng-leads")
	both := accounts(t, env, alice, carla)
	protected := both[:1]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		// Destroy removes the members in state except the protected one.
		CheckDestroy: func(*terraform.State) error { return expectMembers(store, leads, protected) },
		Steps: []resource.TestStep{
			{Config: configWithProtected(env, protected, membershipByName("ENG", "eng-leads", both))},
			{
				Config:      configWithProtected(env, protected, membershipByName("ENG", "eng-leads", both[1:])),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)would remove protected accounts.*` + regexp.QuoteMeta(protected[0])),
			},
			{ // The privileged user of the app is protected too.
				PreConfig:   func() { env.Sandbox.App().SetPrivilegedUser(both[1]) },
				Config:      configWithProtected(env, protected, membershipByName("ENG", "eng-leads", protected)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)` + regexp.QuoteMeta(both[1]) + `.*privileged\s+user`),
			},
			{
				PreConfig: func() { env.Sandbox.App().SetPrivilegedUser("") },
				Config:    configWithProtected(env, protected, membershipByName("ENG", "eng-leads", both)),
			},
		},
	})
}

func TestAccSpaceGroupMembership_deletedAccount(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	oncall := env.GroupID(t, "ops-oncall")
	all := accounts(t, env, jonas, kira, liam)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(membershipByID("OPS", oncall, all))},
			{ // Deleted outside: the plan names it instead of failing half-way through apply.
				PreConfig:   func() { mustDo(t, store.DeleteUser(all[1])) },
				Config:      env.Config(membershipByID("OPS", oncall, all)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Accounts do not exist.*` + regexp.QuoteMeta(all[1])),
			},
			{ // Dropping it from the configuration is then no change.
				Config:           env.Config(membershipByID("OPS", oncall, []string{all[0], all[2]})),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// storeAccounts returns the first n ordinary accounts of a generated seed that are not in group.
func storeAccountsOutside(store *sandboxconfluence.Store, groupID string, n int) []string {
	in := map[string]bool{}
	for _, id := range store.Members(groupID) {
		in[id] = true
	}
	var out []string
	for _, u := range store.Users() {
		if !in[u.AccountID] && u.APIToken == "" && len(out) < n {
			out = append(out, u.AccountID)
		}
	}
	return out
}

func TestAccSpaceGroupMembership_rateLimitStorm(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	readers := env.GroupID(t, "ops-readers")
	current := store.Members(readers)
	grown := append(append([]string{}, current...), storeAccountsOutside(store, readers, 10)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(membershipByID("OPS", readers, current))},
			{
				PreConfig: func() { inj.Set(faults.Config{RateLimitEvery: 3}) },
				Config:    env.Config(membershipByID("OPS", readers, grown)),
				Check: func(s *terraform.State) error {
					inj.Set(faults.Config{})
					if faultCount(inj, faults.SuffixRateLimited) == 0 {
						return fmt.Errorf("no 429 was injected, so the test proves nothing")
					}
					return expectMembers(store, readers, grown)
				},
			},
		},
	})
}

func TestAccSpaceGroupMembership_partialFailure(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	readers := env.GroupID(t, "mkt-readers")
	current := store.Members(readers)
	grown := append(append([]string{}, current...), storeAccountsOutside(store, readers, 12)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(membershipByID("MKT", readers, current))},
			{ // Writes answered 503 are not repeated (they are not safe to repeat): some adds fail.
				PreConfig:   func() { inj.Set(faults.Config{UnavailableEvery: 4}) },
				Config:      env.Config(membershipByID("MKT", readers, grown)),
				ExpectError: regexp.MustCompile(`(?s)Some membership changes failed.*add 557058:.*503`),
			},
			{ // State recorded what the group held: the next plan adds only the rest, and apply finishes.
				PreConfig: func() {
					inj.Set(faults.Config{})
					if got := len(store.Members(readers)); got == len(current) || got == len(grown) {
						t.Errorf("the faults did not make a partial apply: the group has %d members", got)
					}
				},
				Config: env.Config(membershipByID("MKT", readers, grown)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(membershipAddr, plancheck.ResourceActionUpdate),
				}},
				Check: membersCheck(store, readers, grown),
			},
		},
	})
}

func TestAccSpaceGroupMembership_paginationOver200(t *testing.T) {
	t.Parallel()
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 520, Spaces: 1, GroupsPerSpace: 1, MembersPerGroup: 2, BigGroupMembers: 450})
	env := acctest.Start(t, acctest.WithSeed(seed))
	store := env.Sandbox.Store()
	big := env.GroupID(t, "s0000-big-group")
	members := store.Members(big)
	if len(members) != 450 {
		t.Fatalf("the generated group has %d members, want 450", len(members))
	}
	changed := append(append([]string{}, members[5:]...), storeAccountsOutside(store, big, 5)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{ // Every page is read: a group of 450 matches a configuration of 450 with nothing to change.
				Config: env.Config(membershipByName("S0000", "s0000-big-group", members)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(membershipAddr, tfjsonpath.New("members"), knownvalue.MapSizeExact(450)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: env.Config(membershipByName("S0000", "s0000-big-group", changed)),
				Check:  membersCheck(store, big, changed),
			},
		},
	})
}

func TestAccSpaceGroupMembership_timeoutKeepsWhatWasDone(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	readers := env.GroupID(t, "eng-readers")
	current := store.Members(readers)
	grown := append(append([]string{}, current...), storeAccountsOutside(store, readers, 40)...)
	withTimeouts := func(members []string, update string) string {
		return env.Config(fmt.Sprintf(`
resource "csum_space_group_membership" "this" {
  space_key = "ENG"
  group_id  = %q
  members   = %s
  timeouts { update = %q }
}`, readers, hclMembers(members), update))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: withTimeouts(current, "10m")},
			{ // Each add takes a second and the update may take half of one: the first adds are cut off in
				// flight (the sandbox may still apply them), and the rest are never sent.
				PreConfig:   func() { inj.Set(faults.Config{Latency: time.Second}) },
				Config:      withTimeouts(grown, "500ms"),
				ExpectError: regexp.MustCompile(`(?s)Some membership changes failed.*timeout ran out.*timeouts block`),
			},
			{ // The resource stays in state, updated in place: the next apply adds only the rest.
				PreConfig: func() {
					inj.Set(faults.Config{})
					if got := len(store.Members(readers)); got == len(grown) {
						t.Errorf("the timeout did not stop the apply: all %d members were added", got)
					}
				},
				Config: withTimeouts(grown, "10m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(membershipAddr, plancheck.ResourceActionUpdate),
				}},
				Check: membersCheck(store, readers, grown),
			},
		},
	})
}

// Configurations written by `terraform plan -generate-config-out` name the group by both ID and name.
func TestAccSpaceGroupMembership_groupByIDAndName(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	writers := env.GroupID(t, "eng-writers")
	members := store.Members(writers)
	both := func(name string) string {
		return env.Config(fmt.Sprintf(`
resource "csum_space_group_membership" "this" {
  space_key  = "ENG"
  group_id   = %q
  group_name = %q
  members    = %s
}`, writers, name, hclMembers(members)))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{ // Both given, naming different groups: refused at plan time, on group_name.
				Config:      both("eng-readers"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)group_name.*is named "eng-writers", not\s+"eng-readers"`),
			},
			// Created by ID alone, group_name shows the current name; adding that name to the configuration
			// (as generated configuration does) changes nothing.
			{Config: env.Config(membershipByID("ENG", writers, members))},
			{Config: both("eng-writers"), ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			}},
			{ // Renamed in Confluence: the configured name is recorded in place, nothing is replaced or removed.
				PreConfig: func() { mustDo(t, store.RenameGroup(writers, "eng-authors")) },
				Config:    both("eng-writers"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(membershipAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: membersCheck(store, writers, members),
			},
		},
	})
}

// Confluence leaves deactivated accounts out of a group's member list; they are still members.
func TestAccSpaceGroupMembership_deactivatedMemberStays(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	oncall := env.GroupID(t, "ops-oncall")
	members := store.Members(oncall)
	if len(members) < 2 {
		t.Fatalf("ops-oncall has %d members, want at least 2", len(members))
	}
	sleepy := members[0]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(membershipByID("OPS", oncall, members))},
			{ // Deactivated out of band: not drift, nothing to add back.
				PreConfig:        func() { mustDo(t, store.SetUserActive(sleepy, false)) },
				Config:           env.Config(membershipByID("OPS", oncall, members)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ // Dropping the account from the configuration removes it from the group.
				Config: env.Config(membershipByID("OPS", oncall, members[1:])),
				Check:  membersCheck(store, oncall, members[1:]),
			},
		},
	})
}

// A create whose writes partly fail keeps no state; the next apply creates again, finds in the group only
// members the configuration lists (those the failed apply added), and adds the rest.
func TestAccSpaceGroupMembership_partialCreateConvergesNextApply(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	readers := env.GroupID(t, "mkt-readers")
	grown := append(append([]string{}, store.Members(readers)...), storeAccountsOutside(store, readers, 12)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{ // Writes answered 503 are not repeated: some adds fail, and the create records nothing.
				PreConfig:   func() { inj.Set(faults.Config{UnavailableEvery: 4}) },
				Config:      env.Config(membershipByID("MKT", readers, grown)),
				ExpectError: regexp.MustCompile(`(?s)Some membership changes failed.*add 557058:.*503`),
			},
			{
				PreConfig: func() {
					inj.Set(faults.Config{})
					if got := len(store.Members(readers)); got == len(grown) {
						t.Errorf("the faults did not make a partial create: all %d members were added", got)
					}
				},
				Config: env.Config(membershipByID("MKT", readers, grown)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(membershipAddr, plancheck.ResourceActionCreate),
				}},
				Check: membersCheck(store, readers, grown),
			},
		},
	})
}
