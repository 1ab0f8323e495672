package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Write routes of the sandbox, as its request counts name them.
const (
	routeAddMember     = "POST /wiki/rest/api/group/userByGroupId"
	routeUserBulk      = "GET /wiki/rest/api/user/bulk"
	routeRemoveMember  = "DELETE /wiki/rest/api/group/userByGroupId"
	routeCreateGroup   = "POST /wiki/rest/api/group"
	routeAddPermission = "POST /wiki/rest/api/space/{spaceKey}/permission"
	routeAppWrite      = "PUT " + appPrefix // every document's PUT, summed by writeCounts
	routeAppDelete     = "DELETE " + appPrefix
	appPrefix          = "/csum-admin/"
)

// reliabilityConfig is one configuration touching every kind of write: a new space group with three grants,
// an authoritative membership that adds accounts, two additive members and the app's settings.
func reliabilityConfig(leads, extra []string) string {
	return fmt.Sprintf(`
resource "csum_space_group" "this" {
  space_key   = "ENG"
  name        = "reliability"
  permissions = ["read/space", "create/page", "create/comment"]
}

resource "csum_space_group_membership" "this" {
  space_key  = "ENG"
  group_name = "eng-leads"
  members    = %s
}

resource "csum_space_group_member" "one" {
  space_key  = "OPS"
  group_name = "ops-readers"
  account_id = %q
}

resource "csum_space_group_member" "two" {
  space_key  = "OPS"
  group_name = "ops-readers"
  account_id = %q
}

resource "csum_global_settings" "this" {
  general_settings = { audit_retention_days = 120 }
}
`, hclMembers(leads), extra[0], extra[1])
}

// stateSet returns a set attribute of a resource in the test state.
func stateSet(s *terraform.State, addr, attr string) []string {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return nil
	}
	var out []string
	for k, v := range rs.Primary.Attributes {
		if rest, ok := strings.CutPrefix(k, attr+"."); ok && rest != "#" && rest != "%" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// stateMapKeys returns the keys of a map attribute of a resource in the test state, sorted.
func stateMapKeys(s *terraform.State, addr, attr string) []string {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return nil
	}
	var out []string
	for k := range rs.Primary.Attributes {
		if key, ok := strings.CutPrefix(k, attr+"."); ok && key != "%" {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}

// TestAccReliability_lostAnswersAreReadBack loses the answer of every second write after the sandbox
// applied it. Every resource must learn the outcome by reading, never by sending the write again: each
// write route is hit exactly as often as there are changes, the apply succeeds, state matches the sandbox,
// the next plan is empty, and nothing outside the configuration changed.
func TestAccReliability_lostAnswersAreReadBack(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles))
	store, inj, app := env.Sandbox.Store(), env.Sandbox.Faults(), env.Sandbox.App()
	leads, readers := env.GroupID(t, "eng-leads"), env.GroupID(t, "ops-readers")
	members := append(store.Members(leads), accounts(t, env, bob, dev, erin, jonas)...)
	extra := storeAccountsOutside(store, readers, 2)
	before := siteSnapshot(env.Sandbox)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { inj.Set(faults.Config{DropEvery: 2, DropWrites: true}) },
			Config:    env.Config(reliabilityConfig(members, extra)),
			Check: func(s *terraform.State) error {
				inj.Set(faults.Config{})
				counts := writeCounts(inj)
				t.Logf("writes whose answer was lost after they were applied: %d", faultCount(inj, faults.SuffixDropped))
				if counts[routeAddMember+faults.SuffixDropped] == 0 {
					return fmt.Errorf("no member add lost its answer, so the test proves nothing: %v", counts)
				}
				want := map[string]int64{routeAddMember: 6, routeCreateGroup: 1, routeAddPermission: 3, routeAppWrite: 1}
				for route, n := range want {
					if counts[route] != n {
						return fmt.Errorf("%s was applied %d times, want %d (a lost answer must be read back, not repeated): %v", route, counts[route], n, counts)
					}
				}
				g, ok := store.GroupByName("eng-reliability")
				if !ok {
					return fmt.Errorf("the space group was not created")
				}
				if got, want := stateSet(s, spaceGroupAddr, "permissions"), groupPairs(store, "ENG", g.ID); !slices.Equal(got, want) {
					return fmt.Errorf("state permissions %v, sandbox %v", got, want)
				}
				if got := stateMapKeys(s, membershipAddr, "members"); !slices.Equal(got, store.Members(leads)) {
					return fmt.Errorf("state members %v, sandbox %v", got, store.Members(leads))
				}
				if err := expectMembers(store, leads, members); err != nil {
					return err
				}
				if doc, _ := app.Settings(); doc.GeneralSettings.AuditRetentionDays != 120 {
					return fmt.Errorf("audit retention is %d, want 120", doc.GeneralSettings.AuditRetentionDays)
				}
				expectOnlyChanges(t, before, env.Sandbox, keyMentions(g.ID, leads, readers, "app settings"))
				return expectMembersInclude(store, readers, extra)
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// expectMembersInclude checks that every account in want is a member of the group.
func expectMembersInclude(store interface{ Members(string) []string }, groupID string, want []string) error {
	got := store.Members(groupID)
	for _, id := range want {
		if !slices.Contains(got, id) {
			return fmt.Errorf("group %s lacks %s: %v", groupID, id, got)
		}
	}
	return nil
}

// TestAccReliability_readFaultsAndLatency refreshes and plans through 503s, 429s, dropped connections
// and a latency spike: reads are retried, the plan stays empty and nothing is written.
func TestAccReliability_readFaultsAndLatency(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles))
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	leads, readers := env.GroupID(t, "eng-leads"), env.GroupID(t, "ops-readers")
	members := append(store.Members(leads), accounts(t, env, bob)...)
	extra := storeAccountsOutside(store, readers, 2)
	config := env.Config(reliabilityConfig(members, extra))
	var before map[string]string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					before = siteSnapshot(env.Sandbox)
					inj.ResetCounts()
					inj.Set(faults.Config{Latency: 150 * time.Millisecond, DropEvery: 4, UnavailableEvery: 7, RateLimitEvery: 9})
				},
				Config:   config,
				PlanOnly: true, // fails on any planned change
			},
			{
				PreConfig: func() {
					inj.Set(faults.Config{})
					counts := inj.Counts()
					t.Logf("read faults injected: %d dropped, %d 503, %d 429, with 150ms latency on every request",
						faultCount(inj, faults.SuffixDropped), faultCount(inj, faults.SuffixUnavailable), faultCount(inj, faults.SuffixRateLimited))
					if faultCount(inj, faults.SuffixDropped) == 0 || faultCount(inj, faults.SuffixUnavailable) == 0 || faultCount(inj, faults.SuffixRateLimited) == 0 {
						t.Errorf("not every kind of read fault was injected, so the test proves less than it says: %v", counts)
					}
					if writes := writeCounts(inj); len(writes) > 0 {
						t.Errorf("a plan wrote: %v", writes)
					}
					expectOnlyChanges(t, before, env.Sandbox, func(string) bool { return false })
				},
				Config:   config,
				PlanOnly: true,
			},
		},
	})
}

// TestAccReliability_writesDroppedBeforeApplied closes the connection of every fourth request before the
// sandbox handles it. Member adds that were never applied are reported, never repeated; the state file
// records exactly what the group holds, and the next apply (without faults) adds only the rest.
func TestAccReliability_writesDroppedBeforeApplied(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	readers := env.GroupID(t, "mkt-readers")
	current := store.Members(readers)
	adds := storeAccountsOutside(store, readers, 12)
	grown := append(slices.Clone(current), adds...)
	cli := newTFCLI(t, env, membershipByID("MKT", readers, current))
	cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color")

	before := siteSnapshot(env.Sandbox)
	inj.ResetCounts()
	inj.Set(faults.Config{DropEvery: 4})
	cli.write(env.Config(membershipByID("MKT", readers, grown)))
	out, err := cli.run("apply", "-auto-approve", "-input=false", "-no-color")
	inj.Set(faults.Config{})
	lostMessage := regexp.MustCompile(`(?s)Some membership changes failed.*add 557058:\S+: the answer was lost and\s+the\s+group\s+does\s+not\s+show\s+the\s+change`)
	if err == nil || !lostMessage.MatchString(out) {
		t.Fatalf("the apply should fail naming the adds whose answer was lost (%v):\n%s", err, out)
	}
	counts := writeCounts(inj)
	applied, lost := counts[routeAddMember], counts[routeAddMember+faults.SuffixDropped]
	t.Logf("of %d adds, %d applied and %d dropped before the sandbox saw them; %d requests dropped in all", len(adds), applied, lost, faultCount(inj, faults.SuffixDropped))
	if lost == 0 || applied+lost != int64(len(adds)) {
		t.Errorf("%d adds applied and %d lost, want %d attempts in all with some lost (one per account, none repeated)", applied, lost, len(adds))
	}
	if got := cli.stateMemberIDs("csum_space_group_membership", "this"); !slices.Equal(got, store.Members(readers)) {
		t.Errorf("after the failed apply, state records members %v but the group has %v", got, store.Members(readers))
	}
	expectOnlyChanges(t, before, env.Sandbox, keyMentions(readers))

	cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	if err := expectMembers(store, readers, grown); err != nil {
		t.Error(err)
	}
	cli.expectNoChanges()
}

// TestAccReliability_appWritesLostAnswers loses the answer of every write to the CSUM app after the app
// applied it: settings, permission schemes and the privileged user each learn the outcome by reading, and
// each document is written once.
func TestAccReliability_appWritesLostAnswers(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	inj, app := env.Sandbox.Faults(), env.Sandbox.App()
	automation := env.AccountID(t, "automation@example.com")
	config := env.Config(`
resource "csum_global_settings" "this" {
  general_settings = { audit_retention_days = 120 }
}

resource "csum_permission_schemes" "this" {
  default_operations = ["CREATE_GROUP", "ADD_MEMBERS"]
}

resource "csum_privileged_user" "this" {
  account_id = "` + automation + `"
}
`)
	before := siteSnapshot(env.Sandbox)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy: func(*terraform.State) error {
			inj.Set(faults.Config{})
			counts := writeCounts(inj)
			if counts[routeAppDelete] != 3 || counts[routeAppDelete+faults.SuffixDropped] != 3 {
				return fmt.Errorf("want each of the three documents reset once with its answer lost: %v", counts)
			}
			if u := privilegedUser(t, env); u != "" {
				return fmt.Errorf("destroy left privileged user %s", u)
			}
			return expectDefaultSettings(app.Settings())
		},
		Steps: []resource.TestStep{{
			PreConfig: func() { inj.Set(faults.Config{DropEvery: 1, DropWrites: true}) },
			Config:    config,
			Check: func(*terraform.State) error {
				inj.Set(faults.Config{})
				counts := writeCounts(inj)
				t.Logf("app writes whose answer was lost after they were applied: %d", counts[routeAppWrite+faults.SuffixDropped])
				if counts[routeAppWrite] != 3 || counts[routeAppWrite+faults.SuffixDropped] != 3 {
					return fmt.Errorf("want each of the three documents written once with its answer lost: %v", counts)
				}
				if doc, _ := app.Settings(); doc.GeneralSettings.AuditRetentionDays != 120 {
					return fmt.Errorf("audit retention is %d, want 120", doc.GeneralSettings.AuditRetentionDays)
				}
				if u := privilegedUser(t, env); u != automation {
					return fmt.Errorf("privileged user %q, want %s", u, automation)
				}
				expectOnlyChanges(t, before, env.Sandbox, keyMentions("app "))
				// The destroy that ends the test loses every answer too.
				inj.ResetCounts()
				inj.Set(faults.Config{DropEvery: 1, DropWrites: true})
				return nil
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// TestAccReliability_accessReadBackFails grants a new space group its permissions while every read of the
// space's permissions fails. The grants go through, but what the group holds cannot be read back: state
// must then record the group with the access it had before (none), not the planned access, which may not
// all have been granted. The next apply reads the truth and converges.
func TestAccReliability_accessReadBackFails(t *testing.T) {
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles))
	inj := env.Sandbox.Faults()
	cli := newTFCLI(t, env, `
resource "csum_space_group" "this" {
  space_key   = "ENG"
  name        = "unread"
  permissions = ["read/space", "create/page"]
}`)
	inj.Set(faults.Config{UnavailableEvery: 1, Only: `^GET /wiki/rest/api/space/ENG/permission$|^GET /wiki/api/v2/spaces/[0-9]+/permissions$`})
	out, err := cli.run("apply", "-auto-approve", "-input=false", "-no-color")
	inj.Set(faults.Config{})
	if err == nil || !strings.Contains(out, "Could not read the group's space access back") {
		t.Fatalf("the apply should fail reading the access back (%v):\n%s", err, out)
	}
	attrs, ok := cli.stateAttributes("csum_space_group", "this")
	if !ok {
		t.Fatalf("state does not record the group the apply created:\n%s", out)
	}
	if perms, _ := attrs["permissions"].([]any); len(perms) != 0 {
		t.Fatalf("state records permissions %v that were never read back", perms)
	}
	cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	cli.expectNoChanges()
}
