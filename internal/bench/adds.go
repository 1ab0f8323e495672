package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// addWorkspace is a sandbox with one space and empty groups, whose first group is managed (empty) by a
// csum_space_group_membership.
func addWorkspace(ctx context.Context, tools Tools, name string, users, groups int) (*workspace, membership, error) {
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: users, Spaces: 1, GroupsPerSpace: groups})
	managed := membership{SpaceKey: "S0000", GroupName: "s0000-group-0"}
	w, _, err := preparedWorkspace(ctx, tools, name, seed, []membership{managed})
	return w, managed, err
}

// applyAdds configures n members for the managed group and applies; okCodes are the exit codes accepted.
func applyAdds(ctx context.Context, w *workspace, m membership, n int, okCodes ...int) (step, error) {
	ids, err := userIDs(w.seed, n)
	if err != nil {
		return step{}, err
	}
	m.Members = ids
	if err := w.writeConfig(membershipConfig([]membership{m})); err != nil {
		return step{}, err
	}
	return w.terraform(ctx, okCodes, "apply", "-auto-approve")
}

func (w *workspace) memberCount(groupName string) int {
	g, ok := w.sandbox.Store().GroupByName(groupName)
	if !ok {
		return -1
	}
	return len(w.sandbox.Store().Members(g.ID))
}

// 3. Apply adding 1,000 members to one group with 20 ms per request, against the same adds one by one;
// 4. the same adds to a group that already has 20,000 members, against row 3 measured in the same run.
func addManyMembers(ctx context.Context, tools Tools) ([]Row, error) {
	row, err := addToEmptyGroup(ctx, tools)
	if err != nil {
		return nil, err
	}
	large, err := addToLargeGroup(ctx, tools, row.Wall)
	if err != nil {
		return []Row{row}, err
	}
	return []Row{row, large}, nil
}

func addToEmptyGroup(ctx context.Context, tools Tools) (Row, error) {
	const adds = 1000
	w, m, err := addWorkspace(ctx, tools, "add-1000", adds, 2)
	if err != nil {
		return Row{}, err
	}
	defer w.Close()
	w.setFaults(faults.Config{Latency: latency})
	s, err := applyAdds(ctx, w, m, adds, 0)
	if err != nil {
		return Row{}, err
	}
	// The same apply again changes nothing: what Terraform costs whatever the provider does.
	floor, err := w.apply(ctx)
	if err != nil {
		return Row{}, err
	}
	serial, err := serialAdds(ctx, w, "s0000-group-1", adds)
	if err != nil {
		return Row{}, err
	}
	checks, err := terraformChecks(ctx, w, m.GroupName)
	if err != nil {
		return Row{}, err
	}
	speedup := serial.Seconds() / s.Wall.Seconds()
	added := s.Counts[routeAddMember]
	return Row{
		Scenario: "3. apply 1,000 member adds, 20 ms latency", Requests: s.Counts,
		Minimum: fmt.Sprintf("%d adds", adds), Wall: s.Wall, PeakRSS: s.PeakRSS,
		Measured: fmt.Sprintf("%d adds, %d in the group; %.1fx faster than one by one (%s); the same apply with "+
			"nothing to change takes %s, and Terraform's own two checks of the 1,000 members %s of it "+
			"(measured in a second, traced apply)", added, w.memberCount(m.GroupName), speedup, formatDuration(serial),
			formatDuration(floor.Wall), formatDuration(checks)),
		Target: fmt.Sprintf("exactly %d adds; at least 6x faster", adds),
		Pass:   added == adds && w.memberCount(m.GroupName) == adds && speedup >= 6,
	}, nil
}

func addToLargeGroup(ctx context.Context, tools Tools, reference time.Duration) (Row, error) {
	const members, adds = 20_000, 1000
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: members + adds, Spaces: 1, BigGroupMembers: members})
	w, _, err := seededWorkspace(ctx, tools, "add-1000-to-20k", seed)
	if err != nil {
		return Row{}, err
	}
	defer w.Close()
	// The seed's first 20,000 ordinary users are the group's members: configure them and 1,000 more.
	m := membership{SpaceKey: "S0000", GroupName: "s0000-big-group"}
	s, err := applyAdds(ctx, w, m, members+adds, 0)
	if err != nil {
		return Row{}, err
	}
	added, inGroup := s.Counts[routeAddMember], w.memberCount(m.GroupName)
	alone, err := holderAdds(ctx, tools, "add-1000-to-20k-alone", terraformAlone, members, adds)
	if err != nil {
		return Row{}, err
	}
	framework, err := holderAdds(ctx, tools, "add-1000-to-20k-framework", frameworkAlone, members, adds)
	if err != nil {
		return Row{}, err
	}
	ratio := s.Wall.Seconds() / reference.Seconds()
	least := floor{framework: framework.Wall, waits: pageWaits(members) + addWaits(adds)}
	return Row{
		Scenario: "4. apply 1,000 member adds to a group of 20,000, 20 ms latency", Requests: s.Counts,
		Minimum: fmt.Sprintf("%d adds (and %d member pages to refresh)", adds, memberPages(members)), Wall: s.Wall, PeakRSS: s.PeakRSS,
		Measured: fmt.Sprintf("%d adds, %d in the group; %.1fx the wall time of row 3 (%s); Terraform by itself "+
			"adding 1,000 keys to a terraform_data holding a map of 20,000 takes %s, %.1fx row 3; a framework "+
			"provider that only keeps such a map, with no request, %s, %.1fx row 3; %s row 3", added, inGroup, ratio,
			formatDuration(reference), formatDuration(alone.Wall), alone.Wall.Seconds()/reference.Seconds(),
			formatDuration(framework.Wall), framework.Wall.Seconds()/reference.Seconds(),
			least.describe(fmt.Sprintf("the refresh's pages and the adds wait, %d at a time,", spacegroups.MemberWorkers), reference)),
		Target: fmt.Sprintf("exactly %d adds; at most 3x row 3", adds),
		Pass:   added == adds && inGroup == members+adds && ratio <= 3,
	}, nil
}

// 5. Apply creating a membership of 5,000 members on an empty group with 20 ms per request, against the
// same adds one by one.
func createLargeMembership(ctx context.Context, tools Tools) ([]Row, error) {
	const adds = 5000
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: adds, Spaces: 1, GroupsPerSpace: 2})
	w, err := newWorkspace(tools, "create-5000", seed)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	w.setFaults(faults.Config{Latency: latency})
	m := membership{SpaceKey: "S0000", GroupName: "s0000-group-0"}
	s, err := applyAdds(ctx, w, m, adds, 0)
	if err != nil {
		return nil, err
	}
	serial, err := serialAdds(ctx, w, "s0000-group-1", adds)
	if err != nil {
		return nil, err
	}
	speedup := serial.Seconds() / s.Wall.Seconds()
	added, inGroup := s.Counts[routeAddMember], w.memberCount(m.GroupName)
	return []Row{{
		Scenario: "5. apply creating a membership of 5,000 members, 20 ms latency", Requests: s.Counts,
		Minimum: fmt.Sprintf("%d adds", adds), Wall: s.Wall, PeakRSS: s.PeakRSS,
		Measured: fmt.Sprintf("%d adds, %d in the group; %.1fx faster than one by one (%s)", added, inGroup, speedup,
			formatDuration(serial)),
		Target: fmt.Sprintf("exactly %d adds; at least 8x faster", adds),
		Pass:   added == adds && inGroup == adds && speedup >= 8,
	}}, nil
}

// serialAdds adds the same accounts to another empty group one request after another, with the provider's
// own Confluence client: the baseline the concurrent apply is compared with.
func serialAdds(ctx context.Context, w *workspace, groupName string, n int) (time.Duration, error) {
	g, ok := w.sandbox.Store().GroupByName(groupName)
	if !ok {
		return 0, fmt.Errorf("the sandbox has no group %s", groupName)
	}
	ids, err := userIDs(w.seed, n)
	if err != nil {
		return 0, err
	}
	c, err := confluence.New(confluence.Config{SiteURL: w.sandbox.URL(), Email: w.seed.Credentials.Email,
		APIToken: w.seed.Credentials.APIToken, Common: httpx.Common{MaxRetries: 5}})
	if err != nil {
		return 0, err
	}
	started := time.Now()
	for _, id := range ids {
		if err := c.AddMember(ctx, g.ID, id); err != nil {
			return 0, fmt.Errorf("serial add: %w", err)
		}
	}
	elapsed := time.Since(started)
	if got := w.memberCount(groupName); got != n {
		return 0, fmt.Errorf("after %d serial adds the group has %d members", n, got)
	}
	return elapsed, nil
}

// 6. With the sandbox limiting to 20 requests per second (429 and Retry-After above it), apply 500 adds.
func addUnderRateLimit(ctx context.Context, tools Tools) ([]Row, error) {
	const adds, rps = 500, 20
	w, m, err := addWorkspace(ctx, tools, "rate-limit", adds, 1)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	w.setFaults(faults.Config{RateLimitRPS: rps, RetryAfter: time.Second})
	s, err := applyAdds(ctx, w, m, adds, 0, 1)
	if err != nil {
		return nil, err
	}
	// The limiter lets a burst of one second's worth through, then rps per second.
	allowed := rps + rps*s.Wall.Seconds()
	done := served(s.Counts)
	share := float64(done) / allowed
	inGroup := w.memberCount(m.GroupName)
	return []Row{{
		Scenario: "6. apply 500 member adds, sandbox limit 20 req/s", Requests: s.Counts,
		Minimum: fmt.Sprintf("%.1f s at 20 req/s", float64(done-rps)/rps),
		Wall:    s.Wall, PeakRSS: s.PeakRSS,
		Measured: fmt.Sprintf("exit %d, %d in the group; %.1f req/s served, %.0f%% of allowed; %d answered 429",
			s.ExitCode, inGroup, float64(done)/s.Wall.Seconds(), 100*share, total(s.Counts)-done),
		Target: "no failure; at least 80% of allowed",
		Pass:   s.ExitCode == 0 && inGroup == adds && share >= 0.8,
	}}, nil
}
