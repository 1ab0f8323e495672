package bench

import (
	"slices"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

func TestSpaceGroupConfig(t *testing.T) {
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 10, Spaces: 2, GroupsPerSpace: 2})
	for _, access := range []groupAccess{byRole, byPermission} {
		cfg, imports := spaceGroupConfig(seed, access)
		res := cfg["resource"].(map[string]any)["csum_space_group"].(map[string]any)
		if len(res) != 4 || len(imports) != 4 {
			t.Fatalf("%s: %d resources and %d imports, want one of each per space group", access.name, len(res), len(imports))
		}
		r := res["g_s0001_group_1"].(map[string]any)
		if r["space_key"] != "S0001" || r["name"] != "group-1" {
			t.Errorf("%s: resource %+v", access.name, r)
		}
		_, hasData := cfg["data"]
		if role, perms := r["role_id"], r["permissions"]; access == byRole && (role != collaboratorRoleRef || perms != nil || !hasData) ||
			access == byPermission && (role != nil || !slices.Equal(perms.([]string), []string{"read/space", "create/page"}) || hasData) {
			t.Errorf("%s: access %v %v (data source: %v)", access.name, role, perms, hasData)
		}
		if i := slices.IndexFunc(imports, func(m map[string]string) bool { return m["to"] == "csum_space_group.g_s0001_group_1" }); i < 0 || imports[i]["id"] != "S0001/s0001-group-1" {
			t.Errorf("%s: imports %v", access.name, imports)
		}
	}
}

func TestSpaceGroupReads(t *testing.T) {
	least := spaceGroupReads(byRole, 200, 2)
	if total(least) != 200+200+400+3 {
		t.Errorf("minimum %v", least)
	}
	if got := describeReads(least); got != "200 group lists + 200 space lookups + 400 assignment pages + 1 settings read + 1 mode read + 1 catalogue read" {
		t.Errorf("described as %q", got)
	}
	one := spaceGroupReads(byPermission, 1, 2)
	if got := describeReads(one); got != "1 group list + 1 space lookup + 2 permission pages + 1 settings read + 1 mode read" {
		t.Errorf("described as %q; a plan with permissions only has no need of the role catalogue", got)
	}
	over := overReads(map[string]int64{routeSpaceGroups: 200, routeSpaceLookup: 201, "GET /other": 1}, least)
	if want := []string{"GET /other 1 (at most 0)", routeSpaceLookup + " 201 (at most 200)"}; !slices.Equal(over, want) {
		t.Errorf("over = %v, want %v", over, want)
	}
}
