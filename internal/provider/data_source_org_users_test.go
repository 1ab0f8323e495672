package provider_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// The demo organization measured against 60 and 90 days of inactivity in Confluence: who is overdue, who
// never used it, who is protected, and what each user carries.
func TestAccOrgUsers_inactivity(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	automation := env.AccountIDNamed(t, "CSUM Automation")
	bob, erin, xena := env.AccountIDNamed(t, "Bob Baker"), env.AccountIDNamed(t, "Erin Evans"), env.AccountIDNamed(t, "Xena Xu")
	env.Sandbox.App().SetPrivilegedUser(automation)
	overdue := []string{"Bob Baker", "Dora Departed", "Erin Evans", "Grace Green", "Hiro Hayashi", "Liam Lopez",
		"Quinn Quarles", "Sam Singh", "Val Varga", "Yusuf Yilmaz"}
	user := func(name string) tfjsonpath.Path {
		return tfjsonpath.New("users").AtMapKey(env.AccountIDNamed(t, name))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				// The privileged user (never active: a bot) and protected_account_ids (Hiro) are left out.
				Config: configWithProtected(env, []string{env.AccountIDNamed(t, "Hiro Hayashi")},
					orgUsersBlock("inactive", "  inactive_for_days  = 90\n  warning_after_days = 60")+
						orgUsersBlock("everyone", "  include_protected  = true\n  warning_after_days = 60")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.csum_org_users.inactive", tfjsonpath.New("users"),
						namesExactly(t, env, without(overdue, "Hiro Hayashi")...)),
					statecheck.ExpectKnownValue("data.csum_org_users.inactive", tfjsonpath.New("product"), knownvalue.StringExact("confluence")),
					statecheck.ExpectKnownValue("data.csum_org_users.inactive", tfjsonpath.New("users").AtMapKey(bob),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("Bob Baker"), "email": knownvalue.StringExact("bob.baker@example.com"),
							"status": knownvalue.StringExact("active"), "inactivity": knownvalue.StringExact("overdue"),
							"last_active": knownvalue.StringRegexp(regexp.MustCompile(`^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
							"product_access": knownvalue.ListExact([]knownvalue.Check{
								knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("confluence"),
									"id": knownvalue.StringExact(env.Sandbox.CloudID()), "last_active": knownvalue.NotNull()}),
								knownvalue.ObjectPartial(map[string]knownvalue.Check{"key": knownvalue.StringExact("jira-software")}),
							}),
						})),
					// Never used Confluence: inactive, with no last activity there, though active in Jira.
					statecheck.ExpectKnownValue("data.csum_org_users.inactive", tfjsonpath.New("users").AtMapKey(erin).AtMapKey("last_active"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.csum_org_users.inactive", user("Dora Departed").AtMapKey("status"), knownvalue.StringExact("deactivated")),
					statecheck.ExpectKnownValue("data.csum_org_users.inactive", user("Yusuf Yilmaz").AtMapKey("status"), knownvalue.StringExact("suspended")),
					statecheck.ExpectKnownValue("data.csum_org_users.everyone", tfjsonpath.New("users").AtMapKey(automation).AtMapKey("inactivity"), knownvalue.StringExact("warning")),
					statecheck.ExpectKnownValue("data.csum_org_users.everyone", user("Dev Desai").AtMapKey("inactivity"), knownvalue.StringExact("warning")),
					statecheck.ExpectKnownValue("data.csum_org_users.everyone", user("Alice Anders").AtMapKey("inactivity"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue("data.csum_org_users.everyone", tfjsonpath.New("users").AtMapKey(xena).AtMapKey("email"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.csum_org_users.everyone", tfjsonpath.New("users"), knownvalue.MapSizeExact(len(env.Seed.Org.Users))),
				},
			},
			{
				// Activity changes show at the next read; statuses are filtered; without thresholds there is
				// no inactivity.
				PreConfig: func() {
					if err := env.Sandbox.Admin().SetLastActive(bob, "confluence", time.Now()); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.Config(orgUsersBlock("inactive", "  inactive_for_days = 90\n  status = [\"active\"]") +
					orgUsersBlock("jira", "  product = \"jira-software\"")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.csum_org_users.inactive", tfjsonpath.New("users"),
						namesExactly(t, env, "Grace Green", "Hiro Hayashi", "Liam Lopez", "Quinn Quarles", "Sam Singh", "Val Varga", "Erin Evans")),
					statecheck.ExpectKnownValue("data.csum_org_users.jira", user("Alice Anders").AtMapKey("inactivity"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.csum_org_users.jira", user("Carla Chen").AtMapKey("last_active"), knownvalue.Null()),
				},
			},
		},
	})
}

func without(names []string, drop string) []string {
	var out []string
	for _, n := range names {
		if n != drop {
			out = append(out, n)
		}
	}
	return out
}

// Wrong values of the provider's Admin API attributes and of the data source's arguments are refused at
// plan, each naming its attribute, before any request reaches the Admin API.
func TestAccOrgUsers_badInputRejectedByValidation(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	cases := numbered([]struct{ what, attr, kind, typ, body string }{
		{"org_id without admin_api_key", "admin_api_key", "provider", "csum", `  org_id = "5a1b7c3e"`},
		{"admin_api_key without org_id", "org_id", "provider", "csum", `  admin_api_key = "k"`},
		{"admin_api_url alone", "org_id", "provider", "csum", `  admin_api_url = "https://api.atlassian.com"`},
		{"admin_api_url plain http to a remote host", "admin_api_url", "provider", "csum",
			"  org_id = \"o\"\n  admin_api_key = \"k\"\n  admin_api_url = \"http://api.atlassian.com\""},
		{"org_id a path", "org_id", "provider", "csum", "  org_id = \"o/../x\"\n  admin_api_key = \"k\""},
		{"inactive_for_days negative", "inactive_for_days", "data", "csum_org_users", `  inactive_for_days = -30`},
		{"inactive_for_days zero", "inactive_for_days", "data", "csum_org_users", `  inactive_for_days = 0`},
		{"inactive_for_days absurd", "inactive_for_days", "data", "csum_org_users", `  inactive_for_days = 100000`},
		{"warning_after_days negative", "warning_after_days", "data", "csum_org_users", `  warning_after_days = -1`},
		{"warning after overdue", "warning_after_days", "data", "csum_org_users", "  warning_after_days = 90\n  inactive_for_days = 60"},
		{"status unknown", "status", "data", "csum_org_users", `  status = ["sleeping"]`},
		{"status empty", "status", "data", "csum_org_users", `  status = []`},
		{"product not a key", "product", "data", "csum_org_users", `  product = "Confluence Cloud"`},
	})
	found, n := expectPlanRefusesEach(t, env, cases)
	if got := adminRequests(env); got != 0 {
		t.Errorf("%d requests reached the Admin API for a configuration refused at validation", got)
	}
	t.Logf("%d wrong values tried, %d rejected at validation naming their attribute", n, found)
}

// Credentials and organizations the Admin API refuses, and a product nobody has: each fails the plan with a
// diagnostic naming the credential, the organization or the attribute, and never with a list.
func TestAccOrgUsers_refusedAtPlan(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	read := orgUsersBlock("all", "  include_protected = true")
	adminLines := []string{"org_id", "admin_api_key", "admin_api_url"}
	steps := []resource.TestStep{
		{Config: providerWith(env, "", adminLines, read), ExpectError: errorSaying("The Atlassian Admin API is not configured", "CSUM_ADMIN_API_KEY")},
		{Config: providerWith(env, `  admin_api_key = "not-the-org-key-4Zt"`, []string{"admin_api_key"}, read),
			ExpectError: errorSaying("refused admin_api_key", "does not accept the organization API key", "401")},
		{Config: providerWith(env, `  admin_api_key = "sandbox-org-scoped-key"`, []string{"admin_api_key"}, read),
			ExpectError: errorSaying("refused admin_api_key", "may not read the organization's users", "read:users:admin")},
		{Config: providerWith(env, `  org_id = "0c0c0c0c-0000-4000-8000-000000000000"`, []string{"org_id"}, read),
			ExpectError: errorSaying("Unknown org_id", `sees no organization "0c0c0c0c-0000-4000-8000-000000000000"`, env.Sandbox.OrgID()+" (Example Org)")},
		{Config: env.Config(orgUsersBlock("typo", `  product = "confluance"`)),
			ExpectError: errorSaying("Unknown product", `"confluance"`, "Products in use: confluence, jira-software")},
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: providerFactories, Steps: steps})
}

// Faults while reading: retries get the whole list through dropped connections mid-paging; a 429 storm or
// drops that outlast the retries fail the plan rather than give part of the list.
func TestAccOrgUsers_faults(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t, acctest.WithSeed(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 249})))
	read := orgUsersBlock("all", "  include_protected = true")
	withRetries := func(n string) string { return providerWith(env, "  max_retries = "+n, nil, read) }
	everyone := statecheck.ExpectKnownValue("data.csum_org_users.all", tfjsonpath.New("users"), knownvalue.MapSizeExact(250))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:         func() { env.Sandbox.Faults().Set(faults.Config{DropEvery: 3}) },
				Config:            withRetries("3"),
				ConfigStateChecks: []statecheck.StateCheck{everyone},
				Check: func(*terraform.State) error {
					return expectDroppedAndServed(env, 3)
				},
			},
			{
				// The third request, the second page, is dropped and not retried.
				PreConfig:   func() { env.Sandbox.Faults().Set(faults.Config{DropEvery: 3}) },
				Config:      withRetries("0"),
				ExpectError: errorSaying("Could not read the organization's users", "users/search", "Nothing was read"),
			},
			{
				PreConfig:   func() { env.Sandbox.Faults().Set(faults.Config{RateLimitEvery: 1}) },
				Config:      withRetries("1"),
				ExpectError: errorSaying("Could not read the organization's users", "429 Too Many Requests", "less often"),
			},
			{
				PreConfig:         func() { env.Sandbox.Faults().Set(faults.Config{}) },
				Config:            withRetries("0"),
				ConfigStateChecks: []statecheck.StateCheck{everyone},
			},
		},
	})
}

// The organization API key never shows in the logs (TF_LOG=trace for Terraform and the provider), the
// state, the output or a diagnostic, whether the Admin API accepts it or refuses it.
func TestAccOrgUsers_keyNeverLeaves(t *testing.T) {
	env := acctest.Start(t)
	dir := t.TempDir()
	providerLog, cliLog := filepath.Join(dir, "provider.log"), filepath.Join(dir, "terraform.log")
	t.Setenv("TF_LOG", "trace") // the provider, served in this process, logs through the same variables
	t.Setenv("TF_LOG_PATH", providerLog)
	read := orgUsersBlock("inactive", "  inactive_for_days = 90") + "\noutput \"inactive\" {\n  value = keys(data.csum_org_users.inactive.users)\n}\n"
	cli := newTFCLI(t, env, read, "TF_LOG=trace", "TF_LOG_PATH="+cliLog)
	var seen strings.Builder
	seen.WriteString(cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color"))
	seen.WriteString(cli.mustRun("show", "-json"))
	refused := "refused-org-key-that-must-not-leak-8Qw"
	cli.write(providerWith(env, `  admin_api_key = "`+refused+`"`, []string{"admin_api_key"}, read))
	out, err := cli.run("plan", "-input=false", "-no-color")
	if err == nil || !errorSaying("refused admin_api_key").MatchString(out) {
		t.Errorf("a refused key should fail the plan naming admin_api_key (%v):\n%s", err, out)
	}
	seen.WriteString(out)

	places := map[string]string{"terraform output": seen.String()}
	for name, file := range map[string]string{"provider log": providerLog, "terraform log": cliLog,
		"state": filepath.Join(cli.dir, "terraform.tfstate")} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		places[name] = string(data)
	}
	if !strings.Contains(places["provider log"], "users/search") || !strings.Contains(places["state"], "Bob Baker") {
		t.Fatal("the provider log holds no Admin API request, or the state no user: the test would prove nothing")
	}
	for place, text := range places {
		for _, secret := range []string{env.Sandbox.AdminAPIKey(), refused} {
			if strings.Contains(text, secret) {
				t.Errorf("the key %q leaked into the %s", secret, place)
			}
		}
	}
}
