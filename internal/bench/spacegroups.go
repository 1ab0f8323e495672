package bench

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Routes a plan of csum_space_group resources reads, in the sandbox's counts.
const (
	routeGetGroup       = "GET /wiki/rest/api/group/by-id"
	routeSpaceLookup    = "GET /wiki/api/v2/spaces"
	routeAssignments    = "GET /wiki/api/v2/spaces/{id}/role-assignments"
	routePermissions    = "GET /wiki/api/v2/spaces/{id}/permissions"
	routeSettings       = "GET /csum-admin/v1/settings"
	routeRoleMode       = "GET /wiki/api/v2/space-role-mode"
	routeRoleCatalogue  = "GET /wiki/api/v2/space-roles"
	accessPageSize      = 250 // the largest page of a space's permissions or role assignments
	collaboratorRoleRef = "${data.csum_space_role.collaborator.id}"
)

// groupAccess is how a generated space group's access is configured: with the Collaborator role on a
// roles-only site, or with the individual permissions the generator gives it on a site without roles.
type groupAccess struct {
	name  string // in the scenario's name
	mode  string // the site's space access mode
	label string // for the rows
	route string // the route that lists a space's access in this mode
}

var (
	byRole       = groupAccess{name: "roles", mode: confluence.RoleModeRoles, label: "roles, ROLES site", route: routeAssignments}
	byPermission = groupAccess{name: "permissions", mode: confluence.RoleModePreRoles, label: "permissions, PRE_ROLES site", route: routePermissions}
)

// spaceGroupConfig manages every space group of a generated seed with csum_space_group, as the seed gave
// them their access: the Collaborator role (found by name with csum_space_role) or read/space and create/page.
func spaceGroupConfig(seed sandbox.Seed, access groupAccess) (cfg map[string]any, imports []map[string]string) {
	resources := map[string]any{}
	for _, g := range seed.Groups {
		space, ok := spaceOfGroup(g.Name)
		if !ok {
			continue
		}
		r := map[string]any{"space_key": space, "name": strings.TrimPrefix(g.Name, strings.ToLower(space)+"-")}
		if access.mode == confluence.RoleModeRoles {
			r["role_id"] = collaboratorRoleRef
		} else {
			r["permissions"] = []string{"read/space", "create/page"}
		}
		resources[resourceName(g.Name)] = r
		// The full group name: an import that costs one lookup.
		imports = append(imports, map[string]string{"to": "csum_space_group." + resourceName(g.Name), "id": space + "/" + g.Name})
	}
	cfg = map[string]any{
		"terraform": map[string]any{"required_providers": map[string]any{"csum": map[string]any{"source": "csum-tools/csum"}}},
		"resource":  map[string]any{"csum_space_group": resources},
	}
	if access.mode == confluence.RoleModeRoles {
		cfg["data"] = map[string]any{"csum_space_role": map[string]any{"collaborator": map[string]any{"name": "Collaborator"}}}
	}
	return cfg, imports
}

// spaceGroupWorkspace starts a sandbox from seed in the access's mode, brings every generated space group
// under Terraform with one apply of import blocks (the setup), and switches the sandbox's latency on.
func spaceGroupWorkspace(ctx context.Context, tools Tools, name string, seed sandbox.Seed, access groupAccess) (*workspace, error) {
	seed.SpaceRoleMode = access.mode
	cfg, imports := spaceGroupConfig(seed, access)
	setup := maps.Clone(cfg)
	setup["import"] = imports
	w, _, err := importedWorkspace(ctx, tools, name, seed, cfg, setup)
	if err != nil {
		return nil, err
	}
	w.setFaults(faults.Config{Latency: latency})
	return w, nil
}

// spaceGroupReads is the least a plan of space groups reads, by route: the app's settings (the group
// pattern), the site's mode and, where roles are configured, its role catalogue, once each; each space once
// by key, its access (role assignments or permissions) once per page, and its groups from the app once, to
// see that each group exists and what it is called now.
func spaceGroupReads(access groupAccess, spaces, accessPages int) map[string]int64 {
	least := map[string]int64{routeSettings: 1, routeRoleMode: 1, routeSpaceLookup: int64(spaces),
		access.route: int64(spaces * accessPages), routeSpaceGroups: int64(spaces)}
	if access.mode == confluence.RoleModeRoles {
		least[routeRoleCatalogue] = 1
	}
	return least
}

// overReads lists the routes read more often than least allows, and any route least does not name.
func overReads(counts, least map[string]int64) []string {
	var over []string
	for _, route := range slices.Sorted(maps.Keys(counts)) {
		if counts[route] > least[route] {
			over = append(over, fmt.Sprintf("%s %d (at most %d)", route, counts[route], least[route]))
		}
	}
	return over
}

// 7. Plan of 800 space groups (200 spaces x 4), with roles on a roles-only site or with permissions on a
// site without roles, at -parallelism 1, 10 and 50.
func planManySpaceGroups(access groupAccess) Scenario {
	name := "space-groups-800-" + access.name
	return Scenario{name, func(ctx context.Context, tools Tools) ([]Row, error) {
		const spaces, groups = 200, 4
		seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 200, Spaces: spaces, GroupsPerSpace: groups, MembersPerGroup: 5})
		w, err := spaceGroupWorkspace(ctx, tools, name, seed, access)
		if err != nil {
			return nil, err
		}
		defer w.Close()
		least := spaceGroupReads(access, spaces, 1)
		var rows []Row
		for _, parallelism := range []int{1, 10, 50} {
			s, err := w.planNoChanges(ctx, fmt.Sprintf("-parallelism=%d", parallelism))
			if err != nil {
				return nil, err
			}
			over := overReads(s.Counts, least)
			measured := fmt.Sprintf("%d requests; none over", total(s.Counts))
			if len(over) > 0 {
				measured = fmt.Sprintf("%d requests; over: %s", total(s.Counts), strings.Join(over, ", "))
			}
			rows = append(rows, Row{
				Scenario: fmt.Sprintf("9. plan 800 space groups (%s), -parallelism=%d", access.label, parallelism),
				Requests: s.Counts, Minimum: fmt.Sprintf("%d (%s)", total(least), describeReads(least)),
				Wall: s.Wall, PeakRSS: s.PeakRSS, Measured: measured,
				Target: "per route at most the minimum", Pass: len(over) == 0,
			})
		}
		return rows, nil
	}}
}

// 8. Plan of 50 space groups in one space whose access runs to two pages (200 users hold it one by one).
func planOneSpaceGroups(access groupAccess) Scenario {
	name := "space-groups-50-" + access.name
	return Scenario{name, func(ctx context.Context, tools Tools) ([]Row, error) {
		const groups, users = 50, 200
		seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: users, Spaces: 1, GroupsPerSpace: groups, MembersPerGroup: 5, UsersPerSpace: users})
		w, err := spaceGroupWorkspace(ctx, tools, name, seed, access)
		if err != nil {
			return nil, err
		}
		defer w.Close()
		entries := len(seed.Spaces[0].RoleAssignments)
		if access.mode != confluence.RoleModeRoles {
			entries = len(seed.Spaces[0].Permissions)
		}
		least := spaceGroupReads(access, 1, (entries+accessPageSize-1)/accessPageSize)
		s, err := w.planNoChanges(ctx)
		if err != nil {
			return nil, err
		}
		minimum, n := total(least), total(s.Counts)
		limit := minimum + minimum/10
		return []Row{{
			Scenario: fmt.Sprintf("10. plan 50 space groups in one space (%s)", access.label), Requests: s.Counts,
			Minimum: fmt.Sprintf("%d (%s)", minimum, describeReads(least)), Wall: s.Wall, PeakRSS: s.PeakRSS,
			Measured: fmt.Sprintf("%d requests (%+.1f%%)", n, 100*float64(n-minimum)/float64(minimum)),
			Target:   fmt.Sprintf("at most %d (+10%%)", limit), Pass: n <= limit,
		}}, nil
	}}
}

// describeReads names the reads of a minimum: "200 group lists + 200 space lookups + ... + 1 mode read".
func describeReads(least map[string]int64) string {
	names := []struct{ route, what string }{
		{routeSpaceGroups, "group list"}, {routeGetGroup, "group"}, {routeMembers, "member page"}, {routeSpaceLookup, "space lookup"}, {routeAssignments, "assignment page"},
		{routePermissions, "permission page"}, {routeSettings, "settings read"}, {routeRoleMode, "mode read"},
		{routeRoleCatalogue, "catalogue read"},
	}
	var parts []string
	for _, n := range names {
		if c, ok := least[n.route]; ok {
			plural := map[bool]string{true: "", false: "s"}[c == 1]
			parts = append(parts, fmt.Sprintf("%d %s%s", c, n.what, plural))
		}
	}
	return strings.Join(parts, " + ")
}
