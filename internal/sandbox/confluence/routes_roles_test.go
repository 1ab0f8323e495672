package confluence_test

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestSpaceRoleCatalogue(t *testing.T) {
	seed := sandbox.DemoSeed()
	seed.CustomSpaceRoles = []sandbox.SeedRole{{Name: "Publisher", Description: "Publishes blog posts.",
		Permissions: []string{"create/blogpost", "read/space"}}}
	s := acctest.StartSandbox(t, acctest.WithSeed(seed))
	list := s.Call(t, acctest.Viewer, "GET", "/wiki/api/v2/space-roles", nil).JSON(t)
	perms := map[string][]string{}
	var order []string
	for _, r := range list["results"].([]any) {
		role := r.(map[string]any)
		name := role["name"].(string)
		order = append(order, name)
		for _, p := range role["spacePermissions"].([]any) {
			perms[name] = append(perms[name], p.(string))
		}
		wantType := "SYSTEM"
		if name == "Publisher" {
			wantType = "CUSTOM"
		}
		if !uuidPattern.MatchString(role["id"].(string)) || role["type"] != wantType || role["description"] == "" {
			t.Errorf("role %v", role)
		}
	}
	if !slices.Equal(order, []string{"Admin", "Manager", "Collaborator", "Viewer", "Publisher"}) {
		t.Fatalf("catalogue = %v", order)
	}
	if !slices.Contains(perms["Admin"], "administer/space") || !slices.Contains(perms["Admin"], "read/space") {
		t.Errorf("Admin = %v", perms["Admin"])
	}
	if manager := slices.DeleteFunc(slices.Clone(perms["Admin"]), func(p string) bool { return p == "administer/space" }); !slices.Equal(perms["Manager"], manager) {
		t.Errorf("Manager = %v, want Admin without administer/space", perms["Manager"])
	}
	collaborator := []string{"read/space", "create/page", "create/blogpost", "create/comment", "create/attachment",
		"delete/page", "delete/blogpost", "delete/comment", "delete/attachment"}
	if !slices.Equal(perms["Collaborator"], collaborator) {
		t.Errorf("Collaborator = %v", perms["Collaborator"])
	}
	if !slices.Equal(perms["Viewer"], []string{"read/space", "create/comment"}) || !slices.Equal(perms["Publisher"], []string{"read/space", "create/blogpost"}) {
		t.Errorf("Viewer = %v, Publisher = %v", perms["Viewer"], perms["Publisher"])
	}
	// SYSTEM role ids differ from site to site.
	other := roleIDs(acctest.StartSandbox(t))
	for name, id := range roleIDs(s) {
		if other[name] == id {
			t.Errorf("%s has the same id %s in two sandboxes", name, id)
		}
	}

	var paged []string
	for next := "/wiki/api/v2/space-roles?limit=2"; next != ""; {
		r := s.Call(t, acctest.Viewer, "GET", next, nil)
		body := r.JSON(t)
		paged = append(paged, names(body["results"])...)
		next, _ = body["_links"].(map[string]any)["next"].(string)
		if (next == "") != (r.Header.Get("Link") == "") {
			t.Errorf("Link header %q with next %q", r.Header.Get("Link"), next)
		}
	}
	if !slices.Equal(paged, order) {
		t.Errorf("paged %v", paged)
	}

	eng, ops := spaceIDOf(t, s, "ENG"), spaceIDOf(t, s, "OPS")
	readers := s.GroupID(t, "eng-readers")
	tests := []struct {
		name  string
		query string
		want  []string // names; nil for an error
		code  int
	}{
		{"custom only", "role-type=CUSTOM", []string{"Publisher"}, 200},
		{"system only", "role-type=SYSTEM", order[:4], 200},
		{"of a visible space", "space-id=" + eng, order, 200},
		{"for a principal", "principal-type=GROUP&principal-id=" + readers, order, 200},
		{"unknown role type", "role-type=BUILTIN", nil, 400},
		{"principal id alone", "principal-id=" + readers, nil, 400},
		{"principal type alone", "principal-type=GROUP", nil, 400},
		{"unknown principal type", "principal-type=TEAM&principal-id=x", nil, 400},
		{"limit 0", "limit=0", nil, 400},
		{"limit 251", "limit=251", nil, 400},
		{"bad cursor", "cursor=nope", nil, 400},
		{"space id not a number", "space-id=ENG", nil, 400},
		{"unknown space", "space-id=1", nil, 404},
		{"space the caller cannot view", "space-id=" + ops, nil, 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Call(t, acctest.Viewer, "GET", "/wiki/api/v2/space-roles?"+tc.query, nil)
			if r.Status != tc.code {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.code, r.Body)
			}
			if tc.code != 200 {
				assertV2Error(t, r, tc.code)
				return
			}
			if got := names(r.JSON(t)["results"]); !slices.Equal(got, tc.want) {
				t.Errorf("roles %v, want %v", got, tc.want)
			}
		})
	}

	viewer := roleIDs(s)["Viewer"]
	one := s.Call(t, acctest.Viewer, "GET", "/wiki/api/v2/space-roles/"+viewer, nil).JSON(t)
	if one["name"] != "Viewer" || one["id"] != viewer || one["_links"].(map[string]any)["base"] != s.Sandbox.URL()+"/wiki" {
		t.Errorf("role by id = %v", one)
	}
	if r := s.Call(t, acctest.Viewer, "GET", "/wiki/api/v2/space-roles/00000000-0000-4000-8000-000000000000", nil); r.Status != 404 {
		t.Errorf("unknown role = %d", r.Status)
	}
	// Role create is not emulated.
	r := s.Call(t, acctest.Admin, "POST", "/wiki/api/v2/space-roles", map[string]any{"name": "X", "description": "x", "spacePermissions": []string{"read/space"}})
	if r.Status != 405 {
		t.Errorf("role create = %d", r.Status)
	}
	assertV2Error(t, r, 405)
}

func TestRoleEndpointsOnASiteWithoutRoles(t *testing.T) {
	s := acctest.StartSandbox(t, acctest.WithSpaceRoleMode(confluence.RoleModePreRoles))
	eng := spaceIDOf(t, s, "ENG")
	before := s.Sandbox.Store().RoleAssignments("ENG")
	for _, call := range []struct {
		method, path string
		body         any
	}{
		{"GET", "/wiki/api/v2/space-roles", nil},
		{"GET", "/wiki/api/v2/space-roles/" + roleIDs(s)["Viewer"], nil},
		{"GET", "/wiki/api/v2/spaces/" + eng + "/role-assignments", nil},
		{"POST", "/wiki/api/v2/spaces/" + eng + "/role-assignments", []any{assign("GROUP", s.GroupID(t, "eng-readers"), roleIDs(s)["Admin"])}},
	} {
		r := s.Call(t, acctest.Admin, call.method, call.path, call.body)
		if r.Status != 404 {
			t.Errorf("%s %s = %d %s", call.method, call.path, r.Status, r.Body)
		}
		assertV2Error(t, r, 404)
	}
	if !slices.Equal(s.Sandbox.Store().RoleAssignments("ENG"), before) {
		t.Error("a refused write changed the assignments")
	}
	if r := s.Call(t, acctest.Admin, "GET", "/wiki/api/v2/space-role-mode", nil).JSON(t); r["mode"] != "PRE_ROLES" {
		t.Errorf("mode = %v", r)
	}
}

func TestRoleAssignmentList(t *testing.T) {
	s := acctest.StartSandbox(t)
	roles := roleIDs(s)
	eng := "/wiki/api/v2/spaces/" + spaceIDOf(t, s, "ENG") + "/role-assignments"
	admin := s.AccountID(t, acctest.AdminEmail)
	held := map[string]string{} // principal id -> role name
	roleNames := map[string]string{}
	for name, id := range roles {
		roleNames[id] = name
	}
	for _, r := range s.Call(t, acctest.Viewer, "GET", eng, nil).JSON(t)["results"].([]any) {
		a := r.(map[string]any)
		p := a["principal"].(map[string]any)
		held[p["principalId"].(string)] = roleNames[a["roleId"].(string)]
	}
	want := map[string]string{admin: "Admin", s.GroupID(t, "confluence-admins"): "Admin", s.GroupID(t, "eng-leads"): "Admin",
		s.GroupID(t, "eng-writers"): "Collaborator", s.GroupID(t, "eng-readers"): "Viewer"}
	if len(held) != len(want) {
		t.Fatalf("ENG assignments %v", held)
	}
	for id, name := range want {
		if held[id] != name {
			t.Errorf("%s holds %q, want %s", id, held[id], name)
		}
	}

	var pages []int
	total := 0
	for next := eng + "?limit=2"; next != ""; {
		body := s.Call(t, acctest.Viewer, "GET", next, nil).JSON(t)
		n := len(body["results"].([]any))
		pages, total = append(pages, n), total+n
		next, _ = body["_links"].(map[string]any)["next"].(string)
	}
	if !slices.Equal(pages, []int{2, 2, 1}) || total != 5 {
		t.Errorf("pages of %v", pages)
	}

	readers := s.GroupID(t, "eng-readers")
	tests := []struct {
		name  string
		c     acctest.Creds
		path  string
		code  int
		count int
	}{
		{"by role", acctest.Viewer, eng + "?role-id=" + roles["Admin"], 200, 3},
		{"by role type", acctest.Viewer, eng + "?role-type=CUSTOM", 200, 0},
		{"by principal", acctest.Viewer, eng + "?principal-type=GROUP&principal-id=" + readers, 200, 1},
		{"principal type must match", acctest.Viewer, eng + "?principal-type=USER&principal-id=" + readers, 200, 0},
		{"principal id alone", acctest.Viewer, eng + "?principal-id=" + readers, 400, 0},
		{"bad role type", acctest.Viewer, eng + "?role-type=x", 400, 0},
		{"limit 251", acctest.Viewer, eng + "?limit=251", 400, 0},
		{"bad cursor", acctest.Viewer, eng + "?cursor=bm9wZQ", 400, 0},
		{"space the caller cannot view", acctest.Viewer, "/wiki/api/v2/spaces/" + spaceIDOf(t, s, "OPS") + "/role-assignments", 404, 0},
		{"unknown space", acctest.Admin, "/wiki/api/v2/spaces/1/role-assignments", 404, 0},
		{"space id not a number", acctest.Admin, "/wiki/api/v2/spaces/ENG/role-assignments", 400, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Call(t, tc.c, "GET", tc.path, nil)
			if r.Status != tc.code {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.code, r.Body)
			}
			if tc.code != 200 {
				assertV2Error(t, r, tc.code)
			} else if n := len(r.JSON(t)["results"].([]any)); n != tc.count {
				t.Errorf("%d results, want %d", n, tc.count)
			}
		})
	}
}

func TestSetRoleAssignments(t *testing.T) {
	s := acctest.StartSandbox(t)
	roles := roleIDs(s)
	ops := "/wiki/api/v2/spaces/" + spaceIDOf(t, s, "OPS") + "/role-assignments"
	readers := s.GroupID(t, "ops-readers") // Viewer in OPS
	unchanged := s.Sandbox.Store().RoleAssignments("OPS")
	tests := []struct {
		name string
		c    acctest.Creds
		path string
		body any
		code int
	}{
		{"an object, not an array", acctest.Admin, ops, map[string]any{"roleAssignments": []any{}}, 400},
		{"not JSON", acctest.Admin, ops, "[{", 400},
		{"no principal", acctest.Admin, ops, []any{map[string]any{"roleId": roles["Viewer"]}}, 400},
		{"no principal id", acctest.Admin, ops, []any{map[string]any{"principal": map[string]string{"principalType": "GROUP"}}}, 400},
		{"empty role id", acctest.Admin, ops, []any{map[string]any{"principal": map[string]string{"principalType": "GROUP", "principalId": readers}, "roleId": ""}}, 400},
		{"unknown role", acctest.Admin, ops, []any{assign("GROUP", readers, "00000000-0000-4000-8000-000000000000")}, 400},
		{"role by name", acctest.Admin, ops, []any{assign("GROUP", readers, "Collaborator")}, 400},
		{"lower-case principal type", acctest.Admin, ops, []any{assign("group", readers, roles["Collaborator"])}, 400},
		{"unknown group", acctest.Admin, ops, []any{assign("GROUP", "00000000-0000-4000-8000-000000000000", roles["Viewer"])}, 400},
		{"unknown user", acctest.Admin, ops, []any{assign("USER", "557058:ghost", roles["Viewer"])}, 400},
		{"unknown access class", acctest.Admin, ops, []any{assign("ACCESS_CLASS", "everyone", roles["Viewer"])}, 400},
		{"one principal twice", acctest.Admin, ops, []any{assign("GROUP", readers, roles["Collaborator"]), assign("GROUP", readers, "")}, 400},
		{"one bad entry refuses all", acctest.Admin, ops, []any{assign("GROUP", readers, roles["Collaborator"]), assign("USER", "557058:ghost", roles["Viewer"])}, 400},
		{"unknown space", acctest.Admin, "/wiki/api/v2/spaces/1/role-assignments", []any{assign("GROUP", readers, roles["Viewer"])}, 404},
		{"space id not a number", acctest.Admin, "/wiki/api/v2/spaces/OPS/role-assignments", []any{}, 400},
		{"caller may not manage access", acctest.Viewer, ops, []any{assign("GROUP", readers, roles["Collaborator"])}, 404},
		{"over 5 MB", acctest.Admin, ops, "[" + strings.Repeat(" ", 5<<20) + "]", 413},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Call(t, tc.c, "POST", tc.path, tc.body)
			if r.Status != tc.code {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.code, r.Body)
			}
			assertV2Error(t, r, tc.code)
			if got := s.Sandbox.Store().RoleAssignments("OPS"); !slices.Equal(got, unchanged) {
				t.Errorf("a refused write changed OPS: %v", got)
			}
		})
	}

	held := func(groupID string) string {
		for _, a := range s.Sandbox.Store().RoleAssignments("OPS") {
			if a.Principal.ID == groupID {
				return a.RoleID
			}
		}
		return ""
	}
	up := s.Call(t, acctest.Admin, "POST", ops, []any{assign("GROUP", readers, roles["Collaborator"])})
	body := up.JSON(t)
	echo := body["results"].([]any)
	if up.Status != 200 || len(echo) != 1 || echo[0].(map[string]any)["roleId"] != roles["Collaborator"] || len(body["_links"].(map[string]any)) != 0 {
		t.Fatalf("upsert = %d %s", up.Status, up.Body)
	}
	if held(readers) != roles["Collaborator"] || len(s.Sandbox.Store().RoleAssignments("OPS")) != len(unchanged) {
		t.Errorf("the new role did not replace the old one: %v", s.Sandbox.Store().RoleAssignments("OPS"))
	}
	for range 2 { // removal is idempotent
		r := s.Call(t, acctest.Admin, "POST", ops, []any{assign("GROUP", readers, "")})
		removed := r.JSON(t)["results"].([]any)[0].(map[string]any)
		if _, has := removed["roleId"]; r.Status != 200 || has || held(readers) != "" {
			t.Fatalf("removal = %d %s", r.Status, r.Body)
		}
	}
	// A role for an access class reaches everyone in it: Vera may now view OPS.
	if r := s.Call(t, acctest.Admin, "POST", ops, []any{assign("ACCESS_CLASS", confluence.AccessLicensed, roles["Viewer"])}); r.Status != 200 {
		t.Fatalf("access class = %d %s", r.Status, r.Body)
	}
	if r := s.Call(t, acctest.Viewer, "GET", ops, nil); r.Status != 200 {
		t.Errorf("licensed user reading OPS after its Viewer role = %d", r.Status)
	}
}

func TestGrantWhatYouHave(t *testing.T) {
	alice := acctest.Creds{Email: "alice.anders@example.com", Token: "alice-token"}
	bob := acctest.Creds{Email: "bob.baker@example.com", Token: "bob-token"}
	automation := acctest.Creds{Email: "automation@example.com", Token: "sandbox-automation-token"} // site admin, no role in OPS
	seed := demoSeedWithToken(alice)
	for i, u := range seed.Users {
		if u.Email == bob.Email {
			seed.Users[i].APIToken = bob.Token
		}
	}
	seed.CustomSpaceRoles = []sandbox.SeedRole{{Name: "Access Keeper", Description: "Decides who may see the space.",
		Permissions: []string{"read/space", "administer/space"}}}
	s := acctest.StartSandbox(t, acctest.WithSeed(seed))
	store := s.Sandbox.Store()
	mustDo(t, store.AssignRole("OPS", "USER", s.AccountID(t, alice.Email), "Access Keeper"))
	mustDo(t, store.AssignRole("OPS", "USER", s.AccountID(t, bob.Email), "Manager"))
	roles := roleIDs(s)
	ops := "/wiki/api/v2/spaces/" + spaceIDOf(t, s, "OPS") + "/role-assignments"
	readers := s.GroupID(t, "eng-readers")
	tests := []struct {
		name string
		mode string
		c    acctest.Creds
		body []any
		code int
	}{
		{"a role with a permission the caller lacks", confluence.RoleModeRoles, alice, []any{assign("GROUP", readers, roles["Viewer"])}, 404},
		{"a role within the caller's permissions", confluence.RoleModeRoles, alice, []any{assign("GROUP", readers, roles["Access Keeper"])}, 200},
		{"removal", confluence.RoleModeRoles, alice, []any{assign("GROUP", readers, "")}, 200},
		{"a manager may not manage access", confluence.RoleModeRoles, bob, []any{assign("GROUP", readers, roles["Viewer"])}, 404},
		{"site admins are exempt", confluence.RoleModeRoles, automation, []any{assign("GROUP", readers, roles["Admin"])}, 200},
		{"no such rule during the transition", confluence.RoleModeTransition, alice, []any{assign("GROUP", readers, roles["Viewer"])}, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mustDo(t, store.SetSpaceRoleMode(tc.mode))
			before := store.RoleAssignments("OPS")
			r := s.Call(t, tc.c, "POST", ops, tc.body)
			if r.Status != tc.code {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.code, r.Body)
			}
			if tc.code != 200 {
				assertV2Error(t, r, tc.code)
				if !slices.Equal(store.RoleAssignments("OPS"), before) {
					t.Error("a refused write changed OPS")
				}
			}
		})
	}
}

func TestRolesAndIndividualPermissionsDuringTheTransition(t *testing.T) {
	s := acctest.StartSandbox(t, acctest.WithSpaceRoleMode(confluence.RoleModeTransition))
	store := s.Sandbox.Store()
	roles := roleIDs(s)
	writers, readers := s.GroupID(t, "eng-writers"), s.GroupID(t, "eng-readers")
	individual := func(groupID string) int {
		n := 0
		for _, p := range store.SpacePermissions("ENG") {
			if p.SubjectID == groupID {
				n++
			}
		}
		return n
	}
	if individual(writers) != 5 {
		t.Fatalf("eng-writers has %d individual permissions in ENG", individual(writers))
	}
	// A role replaces a principal's custom access.
	eng := spaceIDOf(t, s, "ENG")
	if r := s.Call(t, acctest.Admin, "POST", "/wiki/api/v2/spaces/"+eng+"/role-assignments", []any{assign("GROUP", writers, roles["Viewer"])}); r.Status != 200 {
		t.Fatalf("assign = %d %s", r.Status, r.Body)
	}
	if individual(writers) != 0 {
		t.Errorf("eng-writers kept %d individual permissions next to its role", individual(writers))
	}
	for _, p := range s.Call(t, acctest.Admin, "GET", "/wiki/api/v2/spaces/"+eng+"/permissions?limit=250", nil).JSON(t)["results"].([]any) {
		if p.(map[string]any)["principal"].(map[string]any)["id"] == writers {
			t.Errorf("v2 permissions still list eng-writers: %v", p)
		}
	}
	// A classic grant to a principal with a role is accepted; it then has both.
	if r := s.Call(t, acctest.Admin, "POST", "/wiki/rest/api/space/ENG/permission", permBody("group", readers, "create", "page")); r.Status != 200 {
		t.Fatalf("classic grant next to a role = %d %s", r.Status, r.Body)
	}
	vera := s.AccountID(t, acctest.ViewerEmail) // in eng-readers: Viewer role, read/space and now create/page
	tests := []struct {
		mode string
		want []string
	}{
		{confluence.RoleModeTransition, []string{"read/space", "create/page", "create/comment"}},
		{confluence.RoleModeRoles, []string{"read/space", "create/comment"}},
		{confluence.RoleModePreRoles, []string{"read/space", "create/page"}},
	}
	for _, tc := range tests {
		mustDo(t, store.SetSpaceRoleMode(tc.mode))
		if got := store.SpacePermissionsOf(vera, "ENG"); !slices.Equal(got, tc.want) {
			t.Errorf("%s: Vera holds %v in ENG, want %v", tc.mode, got, tc.want)
		}
	}
}

func TestRoleWritesMayLeaveASpaceWithoutAdmin(t *testing.T) {
	s := acctest.StartSandbox(t)
	roles := roleIDs(s)
	ops := "/wiki/api/v2/spaces/" + spaceIDOf(t, s, "OPS") + "/role-assignments"
	admins := []any{assign("USER", s.AccountID(t, acctest.AdminEmail), ""), assign("GROUP", s.GroupID(t, "confluence-admins"), roles["Viewer"])}
	if r := s.Call(t, acctest.Admin, "POST", ops, admins); r.Status != 200 {
		t.Fatalf("removing and downgrading every Admin = %d %s", r.Status, r.Body)
	}
	for _, a := range s.Sandbox.Store().RoleAssignments("OPS") {
		if a.RoleID == roles["Admin"] {
			t.Errorf("Admin left: %v", a)
		}
	}
	// The site admin still manages the space's access, without seeing it.
	if r := s.Call(t, acctest.Admin, "POST", ops, []any{assign("GROUP", s.GroupID(t, "confluence-admins"), roles["Admin"])}); r.Status != 200 {
		t.Errorf("site admin restoring an Admin = %d %s", r.Status, r.Body)
	}
}

func TestStoreRoleAPI(t *testing.T) {
	s := acctest.StartSandbox(t)
	store := s.Sandbox.Store()
	roles := roleIDs(s)
	oncall := s.GroupID(t, "ops-oncall")
	roleOf := func(key, principalID string) string {
		for _, a := range store.RoleAssignments(key) {
			if a.Principal.ID == principalID {
				return a.RoleID
			}
		}
		return ""
	}
	mustDo(t, store.AssignRole("OPS", confluence.PrincipalGroup, oncall, "Manager"))
	if roleOf("OPS", oncall) != roles["Manager"] {
		t.Errorf("by name: %v", store.RoleAssignments("OPS"))
	}
	mustDo(t, store.AssignRole("OPS", confluence.PrincipalGroup, oncall, roles["Viewer"]))
	if roleOf("OPS", oncall) != roles["Viewer"] {
		t.Errorf("by id: %v", store.RoleAssignments("OPS"))
	}
	mustDo(t, store.RemoveRole("OPS", confluence.PrincipalGroup, oncall))
	mustDo(t, store.RemoveRole("OPS", confluence.PrincipalGroup, oncall))
	if roleOf("OPS", oncall) != "" {
		t.Error("role not removed")
	}
	for name, err := range map[string]error{
		"unknown role":    store.AssignRole("OPS", confluence.PrincipalGroup, oncall, "Overlord"),
		"unknown group":   store.AssignRole("OPS", confluence.PrincipalGroup, "nope", "Viewer"),
		"unknown space":   store.AssignRole("NOPE", confluence.PrincipalGroup, oncall, "Viewer"),
		"bad type":        store.AssignRole("OPS", "TEAM", oncall, "Viewer"),
		"too many custom": addCustomRoles(store, 11),
		"restore unknown": store.RestoreSystemRoleIDs(map[string]string{"Overlord": "x"}),
		"restore twice":   store.RestoreSystemRoleIDs(map[string]string{"Admin": "x", "Viewer": "x"}),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	got := roleIDs(s)
	maps.DeleteFunc(got, func(name, _ string) bool { return roles[name] == "" }) // the custom roles added above
	if !maps.Equal(got, roles) {
		t.Errorf("a refused restore changed role ids: %v, want %v", got, roles)
	}
	// Deleting a group takes its roles with it.
	mustDo(t, store.DeleteGroup(s.GroupID(t, "ops-readers")))
	if len(store.RoleAssignments("OPS")) != 2 { // the admin user and confluence-admins
		t.Errorf("OPS after deleting ops-readers: %v", store.RoleAssignments("OPS"))
	}
}

// addCustomRoles adds n custom roles, stopping at the first error.
func addCustomRoles(store *confluence.Store, n int) error {
	for i := range n {
		if _, err := store.AddCustomRole(confluence.SpaceRole{Name: "Role " + string(rune('A'+i)), Description: "d",
			SpacePermissions: []string{"read/space"}}); err != nil {
			return err
		}
	}
	return nil
}
