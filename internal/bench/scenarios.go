package bench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Scenario is one measurement of the suite.
type Scenario struct {
	Name string // short, for -only
	Run  func(ctx context.Context, tools Tools) ([]Row, error)
}

// Scenarios are the suite, in the order of the issue that set the targets.
var Scenarios = []Scenario{
	{"refresh-20k", refreshLargeGroup},
	{"plan-800", planManyMemberships},
	{"add-1000", addManyMembers},
	{"create-5000", createLargeMembership},
	{"rate-limit", addUnderRateLimit},
	{"memory-100k", refreshManyMemberships},
	{"legacy-10mib", readLegacyExport},
	planManySpaceGroups(byRole),
	planManySpaceGroups(byPermission),
	planOneSpaceGroups(byRole),
	planOneSpaceGroups(byPermission),
	{"org-users-50k", readOrgUsers},
	{"adopt-for-each", adoptWithForEach},
	{"adopt-query", adoptWithQuery},
}

// latency is what the sandbox adds to every request in the measured steps: a round trip to Atlassian.
const latency = 20 * time.Millisecond

// Route names in the sandbox's counts.
const (
	routeMembers   = "GET /wiki/rest/api/group/{groupId}/membersByGroupId"
	routeAddMember = "POST /wiki/rest/api/group/userByGroupId"
)

// preparedWorkspace starts a sandbox from seed and brings the memberships under Terraform with one apply of
// import blocks (the setup, without faults).
func preparedWorkspace(ctx context.Context, tools Tools, name string, seed sandbox.Seed, ms []membership) (*workspace, step, error) {
	cfg := membershipConfig(ms)
	return importedWorkspace(ctx, tools, name, seed, cfg, withImports(cfg, ms))
}

// seededWorkspace is a prepared workspace whose memberships are every seeded group with its members, with
// the sandbox's latency switched on for the measured steps.
func seededWorkspace(ctx context.Context, tools Tools, name string, seed sandbox.Seed) (*workspace, step, error) {
	w, setup, err := preparedWorkspace(ctx, tools, name, seed, seededMemberships(seed))
	if err != nil {
		return nil, setup, err
	}
	w.setFaults(faults.Config{Latency: latency})
	return w, setup, nil
}

func (w *workspace) applyConfig(ctx context.Context, cfg map[string]any) (step, error) {
	if err := w.writeConfig(cfg); err != nil {
		return step{}, err
	}
	return w.apply(ctx)
}

// 1. Refresh one space group of 20,000 members, against the same plan for a group of 1,000 members, and
// against Terraform by itself and a framework provider that only keeps a map, each planning as many keys; the
// five take turns.
func refreshLargeGroup(ctx context.Context, tools Tools) ([]Row, error) {
	const members, small, plans = 20_000, 1_000, 5
	var ws []*workspace
	defer func() {
		for _, w := range ws {
			w.Close()
		}
	}()
	for _, open := range []func() (*workspace, error){
		func() (*workspace, error) { return refreshWorkspace(ctx, tools, "refresh-20k", members) },
		func() (*workspace, error) { return refreshWorkspace(ctx, tools, "refresh-1k", small) },
		func() (*workspace, error) {
			return holderIDsWorkspace(ctx, tools, "refresh-20k-alone", terraformAlone, members)
		},
		func() (*workspace, error) {
			return holderIDsWorkspace(ctx, tools, "refresh-1k-alone", terraformAlone, small)
		},
		func() (*workspace, error) {
			return holderIDsWorkspace(ctx, tools, "refresh-20k-framework", frameworkAlone, members)
		},
	} {
		w, err := open()
		if err != nil {
			return nil, err
		}
		ws = append(ws, w)
	}
	medians, err := medianPlans(ctx, ws, plans)
	if err != nil {
		return nil, err
	}
	s, base, alone, aloneBase, framework := medians[0], medians[1], medians[2], medians[3], medians[4]
	pages := s.Counts[routeMembers]
	others := total(s.Counts) - pages
	wantPages := int64(memberPages(members))
	growth := s.Wall.Seconds() / base.Wall.Seconds()
	least := floor{framework: framework.Wall, waits: pageWaits(members)}
	return []Row{{
		Scenario: "1. refresh a group of 20,000 members (plan)", Requests: s.Counts,
		Minimum: fmt.Sprintf("%d member pages", wantPages), Wall: s.Wall, PeakRSS: s.PeakRSS,
		Measured: fmt.Sprintf("%d member pages + %d other; %.1fx the wall time of the same plan for 1,000 members (%s); "+
			"Terraform by itself planning a terraform_data holding a map of as many keys takes %s, %.1fx its %s for "+
			"1,000; a framework provider that only keeps such a map, with no request, takes %s, %.1fx this "+
			"provider's plan of 1,000; %s this provider's plan of 1,000 (medians of %d plans)", pages, others, growth,
			formatDuration(base.Wall), formatDuration(alone.Wall), alone.Wall.Seconds()/aloneBase.Wall.Seconds(),
			formatDuration(aloneBase.Wall), formatDuration(framework.Wall), framework.Wall.Seconds()/base.Wall.Seconds(),
			least.describe(fmt.Sprintf("the pages wait, %d at a time,", confluence.MemberPageRequests), base.Wall), plans),
		Target: fmt.Sprintf("%d pages + at most 3 other; at most 8x the plan for 1,000 members", wantPages),
		Pass:   pages == wantPages && others <= 3 && growth <= 8,
	}}, nil
}

// refreshWorkspace manages one space group of members, with nothing to change.
func refreshWorkspace(ctx context.Context, tools Tools, name string, members int) (*workspace, error) {
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: members, Spaces: 1, BigGroupMembers: members})
	w, _, err := seededWorkspace(ctx, tools, name, seed)
	return w, err
}

// 2. Plan of 800 membership resources (200 spaces x 4 groups x 60 members), groups given by name.
func planManyMemberships(ctx context.Context, tools Tools) ([]Row, error) {
	const spaces, groups = 200, 4
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 2000, Spaces: spaces, GroupsPerSpace: groups, MembersPerGroup: 60})
	w, _, err := seededWorkspace(ctx, tools, "plan-800", seed)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	minimum := int64(spaces*groups + spaces) // one member read per resource, one lookup per space
	limit := minimum + minimum/10
	var rows []Row
	for _, parallelism := range []int{1, 10, 50} {
		s, err := w.planNoChanges(ctx, fmt.Sprintf("-parallelism=%d", parallelism))
		if err != nil {
			return nil, err
		}
		n := total(s.Counts)
		rows = append(rows, Row{
			Scenario: fmt.Sprintf("2. plan 800 memberships, -parallelism=%d", parallelism), Requests: s.Counts,
			Minimum: fmt.Sprintf("%d (800 member reads + 200 space lookups)", minimum), Wall: s.Wall, PeakRSS: s.PeakRSS,
			Measured: fmt.Sprintf("%d requests (%+.1f%%)", n, 100*float64(n-minimum)/float64(minimum)),
			Target:   fmt.Sprintf("at most %d (+10%%)", limit), Pass: n <= limit,
		})
	}
	return rows, nil
}

func total(counts map[string]int64) int64 {
	var n int64
	for _, c := range counts {
		n += c
	}
	return n
}

// served counts the requests the sandbox answered itself, leaving out those a fault answered.
func served(counts map[string]int64) int64 {
	var n int64
	for route, c := range counts {
		if !strings.HasSuffix(route, "]") {
			n += c
		}
	}
	return n
}
