package provider_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Accounts of the demo seed the space group tests use, by email.
const (
	alice = "alice.anders@example.com"
	bob   = "bob.baker@example.com"
	carla = "carla.chen@example.com"
	dev   = "dev.desai@example.com"
	erin  = "erin.evans@example.com"
	jonas = "jonas.jansen@example.com"
	kira  = "kira.koval@example.com"
	liam  = "liam.lopez@example.com"
	maya  = "maya.mehta@example.com"
)

// accounts maps seed emails to account IDs.
func accounts(t *testing.T, env *acctest.Env, emails ...string) []string {
	t.Helper()
	ids := make([]string, 0, len(emails))
	for _, e := range emails {
		ids = append(ids, env.AccountID(t, e))
	}
	return ids
}

// hclList renders strings as an HCL list literal.
func hclList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// hclMembers renders account IDs as a members map, each labelled "".
func hclMembers(ids []string) string {
	labels := make(map[string]string, len(ids))
	for _, id := range ids {
		labels[id] = ""
	}
	return hclLabels(labels)
}

// hclLabels renders a members map literal, one member per line in the order of account IDs.
func hclLabels(members map[string]string) string {
	if len(members) == 0 {
		return "{}"
	}
	var b strings.Builder
	b.WriteString("{\n")
	for _, id := range slices.Sorted(maps.Keys(members)) {
		fmt.Fprintf(&b, "    %s = %s\n", strconv.Quote(id), strconv.Quote(members[id]))
	}
	b.WriteString("  }")
	return b.String()
}

// displayNames labels accounts with their display names in the sandbox, as refresh and import label the
// members they find.
func displayNames(t *testing.T, store *sandboxconfluence.Store, ids []string) map[string]string {
	t.Helper()
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		u, ok := store.User(id)
		if !ok {
			t.Fatalf("the sandbox has no account %s", id)
		}
		out[id] = u.DisplayName
	}
	return out
}

// expectRefreshedMember fails unless the refreshed state a plan starts from holds account id among the
// members of addr, labelled label.
type expectRefreshedMember struct{ addr, id, label string }

func (c expectRefreshedMember) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr || rc.Change == nil {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		members, _ := before["members"].(map[string]any)
		if got, ok := members[c.id]; !ok || got != c.label {
			resp.Error = fmt.Errorf("%s: the plan starts from members %v, want %s labelled %q", c.addr, members, c.id, c.label)
		}
		return
	}
	resp.Error = fmt.Errorf("the plan has no change for %s", c.addr)
}

// configWithProtected is the provider block with protected_account_ids, followed by hcl.
func configWithProtected(env *acctest.Env, protected []string, hcl string) string {
	block := env.ProviderBlock()
	i := strings.LastIndex(block, "}")
	return block[:i] + "  protected_account_ids = " + hclList(protected) + "\n" + block[i:] + hcl
}

// expectMembers checks the sandbox's members of a group against want, in any order.
func expectMembers(store *sandboxconfluence.Store, groupID string, want []string) error {
	got := store.Members(groupID)
	w := slices.Sorted(slices.Values(want))
	if !slices.Equal(got, w) {
		return fmt.Errorf("group %s has members %v, want %v", groupID, got, w)
	}
	return nil
}

func membersCheck(store *sandboxconfluence.Store, groupID string, want []string) func(*terraform.State) error {
	return func(*terraform.State) error { return expectMembers(store, groupID, want) }
}

// faultCount adds up the injected faults of one kind (a faults.Suffix...) across routes.
func faultCount(inj *faults.Injector, suffix string) int64 {
	var n int64
	for key, c := range inj.Counts() {
		if strings.HasSuffix(key, suffix) {
			n += c
		}
	}
	return n
}

// configWithoutApp is the provider block without the CSUM Admin API, followed by hcl: the space group
// resources then assume the default pattern.
func configWithoutApp(env *acctest.Env, hcl string) string {
	var kept []string
	for _, line := range strings.Split(env.ProviderBlock(), "\n") {
		if !strings.Contains(line, "app_url") && !strings.Contains(line, "app_api_key") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n") + hcl
}
