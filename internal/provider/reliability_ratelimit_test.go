package provider_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Several memberships applied at once (Terraform's -parallelism) share one small rate limit on the site,
// 5 requests a second against 16 writes in flight: the provider must slow to what the site lets through,
// so that no add runs out of retries.
func TestAccSpaceGroupMembership_manyGroupsUnderOneRateLimit(t *testing.T) {
	t.Parallel()
	const groups, adds = 4, 20
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: groups * adds, Spaces: 1, GroupsPerSpace: groups})
	env := acctest.Start(t, acctest.WithSeed(seed))
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	users := store.Users()
	var hcl, grown strings.Builder
	want := map[string][]string{}
	for g := range groups {
		name := fmt.Sprintf("s0000-group-%d", g)
		var members []string
		for _, u := range users[g*adds : (g+1)*adds] {
			members = append(members, u.AccountID)
		}
		want[env.GroupID(t, name)] = members
		writeMembership(&hcl, "S0000", name, nil)
		writeMembership(&grown, "S0000", name, members)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(hcl.String())},
			{
				PreConfig: func() { inj.Set(faults.Config{RateLimitRPS: 5, RetryAfter: time.Second}) },
				Config:    env.Config(grown.String()),
				Check: func(*terraform.State) error {
					inj.Set(faults.Config{})
					if faultCount(inj, faults.SuffixRateLimited) == 0 {
						return fmt.Errorf("no 429 was answered, so the test proves nothing")
					}
					for id, members := range want {
						if err := expectMembers(store, id, members); err != nil {
							return err
						}
					}
					return nil
				},
			},
		},
	})
}

// A plan that reads many memberships at once (Terraform's -parallelism) under a small rate limit: every
// read must get through, however many of them the site answers 429.
func TestAccSpaceGroupMembership_manyReadsUnderOneRateLimit(t *testing.T) {
	t.Parallel()
	const spaces, groups, members = 10, 3, 5
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 200, Spaces: spaces, GroupsPerSpace: groups, MembersPerGroup: members})
	env := acctest.Start(t, acctest.WithSeed(seed))
	store, inj := env.Sandbox.Store(), env.Sandbox.Faults()
	var hcl strings.Builder
	for s := range spaces {
		for g := range groups {
			name := fmt.Sprintf("s%04d-group-%d", s, g)
			writeMembership(&hcl, fmt.Sprintf("S%04d", s), name, store.Members(env.GroupID(t, name)))
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(hcl.String())},
			{
				PreConfig:          func() { inj.Set(faults.Config{RateLimitRPS: 5, RetryAfter: time.Second}) },
				Config:             env.Config(hcl.String()),
				PlanOnly:           true,
				ExpectNonEmptyPlan: false,
			},
			{
				PreConfig: func() {
					if faultCount(inj, faults.SuffixRateLimited) == 0 {
						t.Error("no 429 was answered, so the test proves nothing")
					}
					inj.Set(faults.Config{})
				},
				Config:   env.Config(hcl.String()),
				PlanOnly: true,
			},
		},
	})
}

// writeMembership adds a csum_space_group_membership named after the group to a configuration.
func writeMembership(hcl *strings.Builder, space, group string, members []string) {
	fmt.Fprintf(hcl, "resource \"csum_space_group_membership\" %q {\n  space_key  = %q\n  group_name = %q\n  members    = %s\n}\n",
		strings.ReplaceAll(group, "-", "_"), space, group, hclMembers(members))
}
