package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Routes the adoption of a site reads besides those of a plan of space groups.
const (
	routeSpaceGroups = "GET /csum-admin/v1/spaces/{spaceKey}/groups"
	spacePageSize    = 250 // the largest page of the spaces listing
)

// The site the adoption scenarios adopt: the shape of scenario 2.
const (
	adoptSpaces, adoptGroupsPerSpace, adoptMembers = 200, 4, 60
	adoptGroups                                    = adoptSpaces * adoptGroupsPerSpace
)

// adoptionSite is a roles-only site of 200 spaces with 4 groups of 60 members each.
func adoptionSite() sandbox.Seed {
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 2000, Spaces: adoptSpaces, GroupsPerSpace: adoptGroupsPerSpace, MembersPerGroup: adoptMembers})
	seed.SpaceRoleMode = confluence.RoleModeRoles
	return seed
}

// siteRead is the least one read of the whole site asks: the app's settings (the group pattern) and the
// site's mode once, the spaces in pages, each space's groups from the app and its role assignments once,
// and each group's members (60 fit in one page).
func siteRead() map[string]int64 {
	return map[string]int64{routeSettings: 1, routeRoleMode: 1, routeSpaceLookup: (adoptSpaces + spacePageSize - 1) / spacePageSize,
		routeSpaceGroups: adoptSpaces, routeAssignments: adoptSpaces, routeMembers: adoptGroups}
}

// 12. Adopting that site as the guide "Adopting an existing site" does on every CLI: the snapshot
// configuration reads the site once; its output becomes space-groups.json; the for_each configuration's
// apply imports 800 space groups and 800 memberships; a plan follows. The guide's own files are applied.
func adoptWithForEach(ctx context.Context, tools Tools) ([]Row, error) {
	return adopt(ctx, tools, "12", "for_each path", "snapshot (apply)", "import 800 space groups and 800 memberships (apply)", siteRead(), func(w *workspace) (step, error) {
		if err := w.useExample(filepath.Join(tools.Examples, "guides", "adopting", "snapshot")); err != nil {
			return step{}, err
		}
		snapshot, err := w.apply(ctx)
		if err != nil {
			return snapshot, err
		}
		groups, err := w.output(ctx, "space_groups")
		if err == nil {
			err = w.useExample(filepath.Join(tools.Examples, "guides", "adopting", "for-each"))
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(w.dir, "space-groups.json"), groups, 0o644)
		}
		return snapshot, err
	})
}

// 13. Adopting the same site with `terraform query -generate-config-out` over the guide's query file
// (Terraform 1.14+), then an apply of the generated import blocks, then a plan. Without a Terraform 1.14+
// CLI (-query-terraform) there is nothing to measure, and no row.
func adoptWithQuery(ctx context.Context, tools Tools) ([]Row, error) {
	if tools.QueryTerraform == "" {
		return nil, nil
	}
	tools.Terraform = tools.QueryTerraform
	// The listing reads the site once, with no need of the app's settings: the app's list of each space's
	// groups carries the pattern.
	read := siteRead()
	delete(read, routeSettings)
	return adopt(ctx, tools, "13", "query path", "terraform query -generate-config-out", "import the generated 1,600 blocks (apply)", read, func(w *workspace) (step, error) {
		if err := w.useExample(filepath.Join(tools.Examples, "guides", "adopting", "query")); err != nil {
			return step{}, err
		}
		return w.terraform(ctx, []int{0}, "query", "-generate-config-out=adopted.tf")
	})
}

// adopt measures one path of adoption on the site: discover, which leaves the configuration with its import
// blocks and is held to discovered, then the apply that imports the 1,600 resources and the plan after it,
// each held to what a plan of the 1,600 resources reads: what a plan of the 800 groups reads (scenario 9)
// and each group's members.
func adopt(ctx context.Context, tools Tools, number, path, discovery, imports string, discovered map[string]int64, discover func(*workspace) (step, error)) ([]Row, error) {
	w, err := newWorkspace(tools, "adopt-"+number, adoptionSite())
	if err != nil {
		return nil, err
	}
	defer w.Close()
	w.setFaults(faults.Config{Latency: latency})
	found, err := discover(w)
	if err != nil {
		return nil, err
	}
	imported, err := w.apply(ctx)
	if err != nil {
		return nil, err
	}
	plan, err := w.planNoChanges(ctx)
	if err != nil {
		return nil, err
	}
	perResource := spaceGroupReads(byRole, adoptSpaces, 1)
	perResource[routeMembers] = adoptGroups
	name := fmt.Sprintf("%s. adopt, %s: ", number, path)
	first := name + discovery
	if number == "12" { // the first row of the two scenarios says what is adopted
		first = fmt.Sprintf("12. adopt %d spaces x %d groups x %d members, %s: %s", adoptSpaces, adoptGroupsPerSpace, adoptMembers, path, discovery)
	}
	return []Row{
		adoptionRow(first, found, discovered),
		adoptionRow(name+imports, imported, perResource),
		adoptionRow(name+"the plan after", plan, perResource),
	}, nil
}

// adoptionRow compares a step's requests with the least it can ask, route by route.
func adoptionRow(name string, s step, least map[string]int64) Row {
	over := overReads(s.Counts, least)
	measured := fmt.Sprintf("%d requests; none over", total(s.Counts))
	if len(over) > 0 {
		measured = fmt.Sprintf("%d requests; over: %s", total(s.Counts), strings.Join(over, ", "))
	}
	return Row{Scenario: name, Requests: s.Counts, Minimum: fmt.Sprintf("%d (%s)", total(least), describeReads(least)),
		Wall: s.Wall, PeakRSS: s.PeakRSS, Measured: measured, Target: "per route at most the minimum", Pass: len(over) == 0}
}
