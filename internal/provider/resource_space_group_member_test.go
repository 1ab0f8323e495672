package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

const memberAddr = "csum_space_group_member.this"

func memberConfig(space, groupName, account string) string {
	return fmt.Sprintf(`
resource "csum_space_group_member" "this" {
  space_key  = %q
  group_name = %q
  account_id = %q
}`, space, groupName, account)
}

func memberOf(store *sandboxconfluence.Store, groupID, account string, want bool) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := slices.Contains(store.Members(groupID), account); got != want {
			return fmt.Errorf("member %s of group %s: %v, want %v", account, groupID, got, want)
		}
		return nil
	}
}

func TestAccSpaceGroupMember_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	oncall := env.GroupID(t, "ops-oncall")
	account := env.AccountID(t, maya)
	others := store.Members(oncall)
	config := env.Config(memberConfig("OPS", "ops-oncall", account))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := memberOf(store, oncall, account, false)(s); err != nil {
				return err
			}
			return expectMembers(store, oncall, others) // additive: the others stay
		},
		Steps: []resource.TestStep{
			{Config: config, Check: memberOf(store, oncall, account, true)},
			{ResourceName: memberAddr, ImportState: true, ImportStateId: "OPS/ops-oncall/" + account, ImportStateVerify: true},
			{ResourceName: memberAddr, ImportState: true, ImportStateId: "OPS/" + oncall + "/" + account, ImportStateVerify: true},
			{ // Someone else added outside Terraform: not this resource's business.
				PreConfig:        func() { mustDo(t, store.AddMember(oncall, env.AccountID(t, dev))) },
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ // Removed outside Terraform: planned for creation again.
				PreConfig: func() {
					mustDo(t, store.RemoveMember(oncall, env.AccountID(t, dev)))
					mustDo(t, store.RemoveMember(oncall, account))
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionCreate),
				}},
				Check: memberOf(store, oncall, account, true),
			},
			{ // A renamed group keeps working: it is tracked by ID.
				PreConfig:        func() { mustDo(t, store.RenameGroup(oncall, "ops-pager")) },
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccSpaceGroupMember_deletedAccount(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	account := env.AccountID(t, kira)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(memberConfig("OPS", "ops-oncall", account))},
			{ // The account is deleted: refresh drops the membership, and creating it again names the account.
				PreConfig:   func() { mustDo(t, store.DeleteUser(account)) },
				Config:      env.Config(memberConfig("OPS", "ops-oncall", account)),
				ExpectError: regexp.MustCompile(`(?s)No such account.*` + regexp.QuoteMeta(account)),
			},
		},
	})
}

func TestAccSpaceGroupMember_protectedAccountIsNeverRemoved(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	oncall := env.GroupID(t, "ops-oncall")
	account := env.AccountID(t, jonas)
	protected := configWithProtected(env, []string{account}, memberConfig("OPS", "ops-oncall", account))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: protected},
			{
				Config:      protected,
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)Refusing to remove a protected account.*removed`),
				Check:       memberOf(store, oncall, account, true),
			},
			{ // Once no longer protected, destroy goes ahead.
				Config: env.Config(memberConfig("OPS", "ops-oncall", account)),
			},
		},
	})
	if err := memberOf(store, oncall, account, false)(nil); err != nil {
		t.Fatal(err)
	}
}

// A member of a group far larger than one page of members is found without reading the group's pages.
func TestAccSpaceGroupMember_groupOver200Members(t *testing.T) {
	t.Parallel()
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 520, Spaces: 1, GroupsPerSpace: 1, MembersPerGroup: 2, BigGroupMembers: 450})
	env := acctest.Start(t, acctest.WithSeed(seed))
	store := env.Sandbox.Store()
	big := env.GroupID(t, "s0000-big-group")
	before := store.Members(big)
	account := storeAccountsOutside(store, big, 1)[0]
	config := env.Config(memberConfig("S0000", "s0000-big-group", account))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy:             func(*terraform.State) error { return expectMembers(store, big, before) },
		Steps: []resource.TestStep{
			{Config: config, Check: memberOf(store, big, account, true)},
			{ResourceName: memberAddr, ImportState: true, ImportStateId: "S0000/s0000-big-group/" + account, ImportStateVerify: true},
			{ // Removed outside Terraform, among 450 others: planned for creation again.
				PreConfig: func() { mustDo(t, store.RemoveMember(big, account)) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionCreate),
				}},
				Check: memberOf(store, big, account, true),
			},
		},
	})
}

// With group_id given, a group renamed in Confluence is an update in place of group_name: no replacement,
// so no refusal for a protected account and nobody removed.
func TestAccSpaceGroupMember_protectedAccountSurvivesARename(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	oncall := env.GroupID(t, "ops-oncall")
	account := env.AccountID(t, jonas)
	byID := fmt.Sprintf(`
resource "csum_space_group_member" "this" {
  space_key  = "OPS"
  group_id   = %q
  account_id = %q
}`, oncall, account)
	both := fmt.Sprintf(`
resource "csum_space_group_member" "this" {
  space_key  = "OPS"
  group_id   = %q
  group_name = "ops-oncall"
  account_id = %q
}`, oncall, account)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: configWithProtected(env, []string{account}, byID)},
			{
				Config:           configWithProtected(env, []string{account}, both),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() { mustDo(t, store.RenameGroup(oncall, "ops-pager")) },
				Config:    configWithProtected(env, []string{account}, both),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: memberOf(store, oncall, account, true),
			},
			{ // Unprotected, so that the test's destroy may remove it.
				Config: env.Config(both),
			},
		},
	})
}
