package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// routeSetRoles is the role assignment write, as the sandbox's request counts name it; onlyRoleWrites aims a
// fault schedule at it alone.
const (
	routeSetRoles  = "POST /wiki/api/v2/spaces/{id}/role-assignments"
	onlyRoleWrites = `^POST .*/role-assignments$`
)

// TestAccReliability_roleWritesRateLimited creates four space groups with a role while every second role
// write is answered 429: each write is retried after Retry-After, the apply succeeds, and each group's role
// was written once.
func TestAccReliability_roleWritesRateLimited(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	groups := map[string]string{"rate-a": "Collaborator", "rate-b": "Collaborator", "rate-c": "Viewer", "rate-d": "Viewer"}
	before := siteSnapshot(env.Sandbox)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				inj.ResetCounts()
				inj.Set(faults.Config{RateLimitEvery: 2, RetryAfter: time.Second, Only: onlyRoleWrites})
			},
			Config: env.Config(roleGroupsConfig("ENG", groups)),
			Check: func(*terraform.State) error {
				inj.Set(faults.Config{})
				counts := writeCounts(inj)
				t.Logf("role writes answered 429 and retried: %d", counts[routeSetRoles+faults.SuffixRateLimited])
				if counts[routeSetRoles+faults.SuffixRateLimited] == 0 {
					return fmt.Errorf("no role write was answered 429, so the test proves nothing: %v", counts)
				}
				if counts[routeSetRoles] != int64(len(groups)) {
					return fmt.Errorf("role writes served %d times, want once per group (%d): %v", counts[routeSetRoles], len(groups), counts)
				}
				if err := rolesCheck(env, "ENG", groups); err != nil {
					return err
				}
				expectOnlyChanges(t, before, env.Sandbox, keyMentions(groupIDsByName(store, "ENG", groups)...))
				return nil
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// TestAccReliability_roleWritesLostAnswers loses the answer of every role write after the sandbox applied
// it: a group created with a role, a group moved to another role, and then the destroy that takes both
// roles away. Each is settled by reading the space's assignments, never by writing again: the role write
// route is hit once per change, the apply and the destroy succeed, and the plan after the apply is empty.
func TestAccReliability_roleWritesLostAnswers(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	loseRoleAnswers := func() {
		inj.ResetCounts()
		inj.Set(faults.Config{DropEvery: 1, DropWrites: true, Only: onlyRoleWrites})
	}
	expectEachOnceAndLost := func(what string, n int64) error {
		inj.Set(faults.Config{})
		counts := writeCounts(inj)
		if counts[routeSetRoles] != n || counts[routeSetRoles+faults.SuffixDropped] != n {
			return fmt.Errorf("%s: want %d role writes, each applied once with its answer lost (a lost answer is read back, not repeated): %v", what, n, counts)
		}
		return nil
	}
	first := map[string]string{"lost-old": "Viewer"}
	final := map[string]string{"lost-old": "Collaborator", "lost-new": "Manager"}
	var before map[string]string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		CheckDestroy: func(*terraform.State) error {
			if err := expectEachOnceAndLost("destroy", 2); err != nil {
				return err
			}
			for name := range final {
				if _, ok := store.GroupByName("eng-" + name); ok {
					return fmt.Errorf("destroy left group eng-%s", name)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: env.Config(roleGroupsConfig("ENG", first))},
			{
				PreConfig: func() {
					before = siteSnapshot(env.Sandbox)
					loseRoleAnswers()
				},
				Config: env.Config(roleGroupsConfig("ENG", final)),
				Check: func(*terraform.State) error {
					if err := expectEachOnceAndLost("apply", 2); err != nil {
						return err
					}
					if err := rolesCheck(env, "ENG", final); err != nil {
						return err
					}
					expectOnlyChanges(t, before, env.Sandbox, keyMentions(groupIDsByName(store, "ENG", final)...))
					loseRoleAnswers() // and so does the destroy that ends the test
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccReliability_roleWritesNotApplied fails every role write of an apply that creates a group with a
// role and moves another group to a new role: first with 503 (a write is not retried then), then with the
// connection dropped before the sandbox saw the write (its answer lost; the assignments read back show it
// did not happen). Each apply fails naming, per group, the role not assigned and why; the new group exists
// without a role, the other keeps its old one, state records exactly that, and nothing else changed.
// Terraform marks a group whose create failed tainted, so the next plan replaces it (the second fault
// meets a new group again). The last apply, without faults, assigns both roles and converges.
func TestAccReliability_roleWritesNotApplied(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	cli := newTFCLI(t, env, roleGroupsConfig("ENG", map[string]string{"down-old": "Viewer"}))
	cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	viewer, collaborator := roleID(t, store, "Viewer"), roleID(t, store, "Collaborator")
	final := map[string]string{"down-old": "Collaborator", "down-new": "Collaborator"}
	cli.write(env.Config(roleGroupsConfig("ENG", final)))
	before := siteSnapshot(env.Sandbox)

	for _, fault := range []struct {
		name   string
		cfg    faults.Config
		suffix string
		reason string
	}{
		{"503", faults.Config{UnavailableEvery: 1, Only: onlyRoleWrites}, faults.SuffixUnavailable, `503`},
		{"dropped before the write", faults.Config{DropEvery: 1, Only: onlyRoleWrites}, faults.SuffixDropped,
			`the\s+answer\s+was\s+lost\s+and\s+space\s+ENG\s+does\s+not\s+show\s+the\s+change`},
	} {
		inj.ResetCounts()
		inj.Set(fault.cfg)
		out, err := cli.run("apply", "-auto-approve", "-input=false", "-no-color")
		inj.Set(faults.Config{})
		failed := regexp.MustCompile(`(?s)Some space access changes failed.*assign\s+role\s+` + collaborator + `:.*` + fault.reason)
		if err == nil || !failed.MatchString(out) || strings.Count(out, "Some space access changes failed") != 2 {
			t.Fatalf("%s: the apply should fail for each group, naming the role not assigned and why (%v):\n%s", fault.name, err, out)
		}
		if counts := writeCounts(inj); counts[routeSetRoles+fault.suffix] != 2 || counts[routeSetRoles] != 0 {
			t.Errorf("%s: want 2 role writes, each answered %s once and none applied or repeated: %v", fault.name, fault.suffix, counts)
		}
		oldID, newID := groupIDByName(t, store, "eng-down-old"), groupIDByName(t, store, "eng-down-new")
		if err := rolesCheck(env, "ENG", map[string]string{"down-old": "Viewer", "down-new": ""}); err != nil {
			t.Errorf("%s: %v", fault.name, err)
		}
		for name, want := range map[string]string{"down_old": viewer, "down_new": ""} {
			attrs, _ := cli.stateAttributes("csum_space_group", name)
			if got, _ := attrs["role_id"].(string); got != want {
				t.Errorf("%s: state records role %q for %s, want %q: what the group holds", fault.name, got, name, want)
			}
		}
		expectOnlyChanges(t, before, env.Sandbox, keyMentions(oldID, newID))
		// Terraform keeps the group created by a failed create, tainted: the next apply replaces it.
		plan, _ := cli.run("plan", "-input=false", "-no-color")
		// OpenTofu words it "so it must be replaced".
		if !regexp.MustCompile(`csum_space_group.down_new is tainted, so (it )?must be replaced`).MatchString(plan) ||
			!strings.Contains(plan, "csum_space_group.down_old will be updated in-place") {
			t.Errorf("%s: the next plan should replace the new group and update the other in place:\n%s", fault.name, plan)
		}
	}

	cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	if err := rolesCheck(env, "ENG", final); err != nil {
		t.Error(err)
	}
	cli.expectNoChanges()
}

// TestAccReliability_roleWriteRefusedToNonAdmin changes a group's role as an account that may not manage
// the space's access (the demo seed's viewer: licensed, neither site nor space admin). Confluence answers
// the role write 404, as it does for a space that is gone; the apply fails saying both, the group keeps its
// role, state records it, and nothing else changed.
func TestAccReliability_roleWriteRefusedToNonAdmin(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	cli := newTFCLI(t, env, roleGroupsConfig("ENG", map[string]string{"guarded": "Viewer"}))
	cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	viewer := roleID(t, store, "Viewer")
	cli.write(configAs(env, acctest.Viewer, roleGroupsConfig("ENG", map[string]string{"guarded": "Collaborator"})))
	before := siteSnapshot(env.Sandbox)
	inj.ResetCounts()

	out, err := cli.run("apply", "-auto-approve", "-input=false", "-no-color")
	refused := regexp.MustCompile(`(?s)Some space access changes failed.*assign\s+role\s+` + roleID(t, store, "Collaborator") +
		`:.*404.*the\s+configured\s+account\s+may\s+not\s+manage\s+the\s+space's\s+access`)
	if err == nil || !refused.MatchString(out) {
		t.Fatalf("the apply should fail, naming the role write Confluence refused and why it may have (%v):\n%s", err, out)
	}
	if counts := writeCounts(inj); len(counts) != 1 || counts[routeSetRoles] != 1 {
		t.Errorf("want one role write (refused) and no other write: %v", counts)
	}
	if err := rolesCheck(env, "ENG", map[string]string{"guarded": "Viewer"}); err != nil {
		t.Error(err)
	}
	if attrs, _ := cli.stateAttributes("csum_space_group", "guarded"); attrs["role_id"] != viewer {
		t.Errorf("state records role %v, want the role the group kept (%s)", attrs["role_id"], viewer)
	}
	expectOnlyChanges(t, before, env.Sandbox, func(string) bool { return false })
}
