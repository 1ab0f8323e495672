package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

const privilegedAddr = "csum_privileged_user.this"

func TestAccPrivilegedUser_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	automation := env.AccountID(t, "automation@example.com")
	admin := env.AccountID(t, "admin@example.com")
	config := func(id string) string {
		return env.Config(`resource "csum_privileged_user" "this" { account_id = "` + id + `" }`)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy: func(*terraform.State) error {
			if u := privilegedUser(t, env); u != "" {
				return fmt.Errorf("destroy left privileged user %s", u)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // The demo app still holds legacy credentials: plan warns, apply removes them.
				Config: config(automation),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(privilegedAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(privilegedAddr, tfjsonpath.New("status"), knownvalue.StringExact("VALID")),
					statecheck.ExpectKnownValue(privilegedAddr, tfjsonpath.New("missing_permissions"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(privilegedAddr, tfjsonpath.New("display_name"), knownvalue.NotNull()),
				},
				Check: func(*terraform.State) error {
					if snap := env.Sandbox.App().Snapshot(); snap.LegacyCredentials != nil {
						return fmt.Errorf("legacy credentials were not removed")
					}
					return nil
				},
			},
			{ResourceName: privilegedAddr, ImportState: true, ImportStateId: "privileged-user", ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"validated_at"}},
			{ // Legacy credentials restored out of band (an old install's data): refresh survives them, plan
				// shows an update although the account is unchanged, and apply removes them.
				PreConfig: func() { env.Sandbox.App().SetLegacyCredentials("csum-bot@example.com", "old-api-token") },
				Config:    config(automation),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(privilegedAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if snap := env.Sandbox.App().Snapshot(); snap.LegacyCredentials != nil {
						return fmt.Errorf("legacy credentials were not removed by the update")
					}
					return nil
				},
			},
			{ // Changed on the System Admin page: plan shows the change back.
				PreConfig: func() { env.Sandbox.App().SetPrivilegedUser(admin) },
				Config:    config(automation),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(privilegedAddr, plancheck.ResourceActionUpdate),
				}},
			},
			{ // The account loses site admin out of band: the next plan warns, naming SITE_ADMIN.
				PreConfig: func() {
					g, _ := store.GroupByName("site-admins")
					if err := store.RemoveMember(g.ID, automation); err != nil {
						t.Fatal(err)
					}
				},
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(privilegedAddr, "status", "LACKS_PERMISSIONS"),
					resource.TestCheckTypeSetElemAttr(privilegedAddr, "missing_permissions.*", "SITE_ADMIN"),
					resource.TestCheckResourceAttr(privilegedAddr, "missing_permissions.#", "1"),
				),
			},
		},
	})
}

func TestAccPrivilegedUser_refusedAccounts(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	cases := []struct {
		email, id string
		want      string
	}{
		{email: "viewer@example.com", want: `(?s)refused account.*SITE_ADMIN.*site admin.*nothing was stored|(?s)SITE_ADMIN.*grant site admin`},
		{email: "dora@example.com", want: `(?i)deactivated|does not exist|not found|no such account`},
		{id: "557058:00000000-0000-0000-0000-000000000000", want: `(?i)does not exist|not found|no such account`},
		{id: "bad id with spaces", want: `must be an Atlassian account ID`},
	}
	for _, c := range cases {
		id := c.id
		if c.email != "" {
			id = env.AccountID(t, c.email)
		}
		t.Run(strings.SplitN(id, ":", 2)[0]+c.email, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: providerFactories,
				Steps: []resource.TestStep{{
					Config:      env.Config(`resource "csum_privileged_user" "this" { account_id = "` + id + `" }`),
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
			if got := privilegedUser(t, env); got != "" {
				t.Fatalf("a refused account was stored: %s", got)
			}
		})
	}
}

func TestAccUserDataSource(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	alice := env.AccountID(t, "alice.anders@example.com")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(`data "csum_user" "none" { query = "Zebedee" }`), ExpectError: regexp.MustCompile(`No user's name starts with "Zebedee"`)},
			{Config: env.Config(`data "csum_user" "many" { query = "a" }`), ExpectError: regexp.MustCompile(`(?s)users match "a".*\(557058:`)},
			{Config: env.Config(`data "csum_user" "both" {
  query      = "Alice"
  account_id = "` + alice + `"
}`), ExpectError: regexp.MustCompile(`(?i)only one|exactly one`)},
			{
				Config: env.Config(`
data "csum_user" "by_name" { query = "Alice" }
data "csum_user" "by_id"   { account_id = "` + alice + `" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.csum_user.by_name", tfjsonpath.New("account_id"), knownvalue.StringExact(alice)),
					statecheck.ExpectKnownValue("data.csum_user.by_id", tfjsonpath.New("email"), knownvalue.StringExact("alice.anders@example.com")),
				},
			},
		},
	})
}

// A privileged user changed in an apply is protected by the memberships that apply changes after it. The
// plan, made while another account was privileged, allows removing the new one from a group. In the apply,
// a first membership change reads (and keeps for the run) the privileged user before the write; the
// membership changed after the write must see the new account, not that kept value, and refuse.
func TestAccPrivilegedUser_newAccountIsProtectedLaterInTheSameApply(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	oncall, readers := env.GroupID(t, "ops-oncall"), env.GroupID(t, "ops-readers")
	admin := env.AccountID(t, "admin@example.com")
	onCallers, reading := store.Members(oncall), store.Members(readers)
	config := func(privileged string, oncallMembers, readerMembers []string) string {
		return env.Config(fmt.Sprintf(`
resource "csum_space_group_membership" "readers" {
  space_key  = "OPS"
  group_name = "ops-readers"
  members    = %s
}
resource "csum_privileged_user" "this" {
  account_id = %q
  depends_on = [csum_space_group_membership.readers]
}
resource "csum_space_group_membership" "oncall" {
  space_key  = "OPS"
  group_name = "ops-oncall"
  members    = %s
  depends_on = [csum_privileged_user.this]
}`, hclMembers(readerMembers), privileged, hclMembers(oncallMembers)))
	}
	withAdmin := append(slices.Clone(onCallers), admin)
	grownReaders := append(slices.Clone(reading), env.AccountID(t, liam))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: config(env.AccountID(t, "automation@example.com"), withAdmin, reading)},
			{
				Config:      config(admin, onCallers, grownReaders),
				ExpectError: regexp.MustCompile(`(?s)(would remove|Refusing to remove) protected accounts.*` + regexp.QuoteMeta(admin)),
				Check:       memberOf(store, oncall, admin, true),
			},
			{ // The refusal changed nothing in the group; the readers and the privileged user were written.
				PreConfig: func() {
					if got := privilegedUser(t, env); got != admin {
						t.Errorf("privileged user is %s, want %s", got, admin)
					}
					if err := memberOf(store, oncall, admin, true)(nil); err != nil {
						t.Error(err)
					}
					if err := memberOf(store, readers, env.AccountID(t, liam), true)(nil); err != nil {
						t.Error(err)
					}
				},
				Config: config(admin, withAdmin, grownReaders),
			},
		},
	})
}
