package confluence_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

func TestV2Spaces(t *testing.T) {
	s := acctest.StartSandbox(t, acctest.WithSeed(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 5, Spaces: 120})))
	byKeys := s.Call(t, acctest.Admin, "GET", "/wiki/api/v2/spaces?keys=S0003,S0001,NOPE", nil).JSON(t)
	var keys []string
	for _, r := range byKeys["results"].([]any) {
		sp := r.(map[string]any)
		if _, isString := sp["id"].(string); !isString {
			t.Errorf("space id must be a JSON string: %v", sp["id"])
		}
		keys = append(keys, sp["key"].(string))
	}
	if strings.Join(keys, ",") != "S0001,S0003" {
		t.Errorf("keys lookup = %v (want id order, unknown key ignored)", keys)
	}
	if r := s.Call(t, acctest.Admin, "GET", "/wiki/api/v2/spaces?keys=NOPE", nil).JSON(t); len(r["results"].([]any)) != 0 {
		t.Errorf("unknown key = %v", r)
	}

	var all []string
	pages := 0
	for next := "/wiki/api/v2/spaces?limit=50"; next != ""; pages++ {
		r := s.Call(t, acctest.Admin, "GET", next, nil)
		body := r.JSON(t)
		for _, sp := range body["results"].([]any) {
			all = append(all, sp.(map[string]any)["key"].(string))
		}
		next, _ = body["_links"].(map[string]any)["next"].(string)
		if link := r.Header.Get("Link"); (next == "") != (link == "") || (next != "" && !strings.HasPrefix(link, "<"+next+`>; rel="next"`)) {
			t.Errorf("Link header %q does not match _links.next %q", link, next)
		}
	}
	if pages != 3 || len(all) != 120 || all[0] != "S0000" || all[119] != "S0119" {
		t.Errorf("paged %d spaces in %d pages", len(all), pages)
	}

	sp, _ := s.Sandbox.Store().Space("S0002")
	id := strconv.FormatInt(sp.ID, 10)
	tests := []struct {
		name   string
		c      acctest.Creds
		path   string
		status int
	}{
		{"get by id", acctest.Admin, "/wiki/api/v2/spaces/" + id, 200},
		{"get unknown id", acctest.Admin, "/wiki/api/v2/spaces/1", 404},
		{"get non-numeric id", acctest.Admin, "/wiki/api/v2/spaces/ENG", 400},
		{"limit 0", acctest.Admin, "/wiki/api/v2/spaces?limit=0", 400},
		{"limit 251", acctest.Admin, "/wiki/api/v2/spaces?limit=251", 400},
		{"bad cursor", acctest.Admin, "/wiki/api/v2/spaces?cursor=not-a-cursor", 400},
		{"unknown v2 path", acctest.Admin, "/wiki/api/v2/nothing", 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Call(t, tc.c, "GET", tc.path, nil)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if tc.status >= 400 {
				assertV2Error(t, r, tc.status)
			}
		})
	}
}

func TestSpacesVisibleOnlyWithReadPermission(t *testing.T) {
	s := acctest.StartSandbox(t)
	body := s.Call(t, acctest.Viewer, "GET", "/wiki/api/v2/spaces", nil).JSON(t)
	var keys []string
	for _, r := range body["results"].([]any) {
		keys = append(keys, r.(map[string]any)["key"].(string))
	}
	// Vera reads ENG (eng-readers) and MKT (all-staff), not OPS.
	if strings.Join(keys, ",") != "ENG,MKT" {
		t.Errorf("viewer sees %v", keys)
	}
	ops, _ := s.Sandbox.Store().Space("OPS")
	r := s.Call(t, acctest.Viewer, "GET", fmt.Sprintf("/wiki/api/v2/spaces/%d/permissions", ops.ID), nil)
	if r.Status != 404 {
		t.Errorf("permissions of an invisible space = %d, want 404", r.Status)
	}
}

func TestSpacePermissionWrites(t *testing.T) {
	aliceCreds := acctest.Creds{Email: "alice.anders@example.com", Token: "alice-token"}
	s := acctest.StartSandbox(t, acctest.WithSeed(demoSeedWithToken(aliceCreds)), acctest.WithSpaceRoleMode(confluence.RoleModePreRoles))
	readers := s.GroupID(t, "ops-readers")    // holds read/space in OPS
	outsiders := s.GroupID(t, "eng-readers")  // holds nothing in OPS
	alice := s.AccountID(t, aliceCreds.Email) // ENG admin through eng-leads, not a site admin
	const ops = "/wiki/rest/api/space/OPS/permission"
	tests := []struct {
		name      string
		c         acctest.Creds
		method    string
		path      string
		body      any
		status    int
		exception string
	}{
		{"missing read/space first", acctest.Admin, "POST", ops, permBody("group", outsiders, "create", "page"), 400, "BadRequestException"},
		{"duplicate", acctest.Admin, "POST", ops, permBody("group", readers, "read", "space"), 400, "BadRequestException"},
		{"invalid pair", acctest.Admin, "POST", ops, permBody("group", readers, "purge_version", "space"), 400, "BadRequestException"},
		{"unknown target", acctest.Admin, "POST", ops, permBody("group", readers, "read", "universe"), 400, "BadRequestException"},
		{"unknown group", acctest.Admin, "POST", ops, permBody("group", "00000000-0000-4000-8000-000000000000", "read", "space"), 400, "BadRequestException"},
		{"group by name is refused", acctest.Admin, "POST", ops, permBody("group", "ops-readers", "read", "space"), 400, "BadRequestException"},
		{"unknown user", acctest.Admin, "POST", ops, permBody("user", "557058:ghost", "read", "space"), 400, "BadRequestException"},
		{"bad subject type", acctest.Admin, "POST", ops, permBody("role", readers, "read", "space"), 400, "BadRequestException"},
		{"unknown space", acctest.Admin, "POST", "/wiki/rest/api/space/NOPE/permission", permBody("group", readers, "read", "space"), 404, "NotFoundException"},
		{"viewer is no space admin", acctest.Viewer, "POST", ops, permBody("group", readers, "create", "page"), 403, "PermissionException"},
		{"space admin of another space", aliceCreds, "POST", ops, permBody("user", alice, "read", "space"), 403, "PermissionException"},
		{"space admin through a group", aliceCreds, "POST", "/wiki/rest/api/space/ENG/permission", permBody("user", alice, "read", "space"), 200, ""},
		{"no v1 list", acctest.Admin, "GET", ops, nil, 405, "MethodNotAllowedException"},
		{"delete unknown id", acctest.Admin, "DELETE", ops + "/1", nil, 404, "NotFoundException"},
		{"delete non-numeric id", acctest.Admin, "DELETE", ops + "/x", nil, 404, "NotFoundException"},
		{"unknown v1 path", acctest.Admin, "GET", "/wiki/rest/api/nothing", nil, 404, "NotFoundException"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Call(t, tc.c, tc.method, tc.path, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if tc.exception != "" {
				assertV1Error(t, r, tc.status, tc.exception)
			}
		})
	}
}

func TestSpacePermissionAddCascadeAndLastAdmin(t *testing.T) {
	s := acctest.StartSandbox(t, acctest.WithSpaceRoleMode(confluence.RoleModePreRoles))
	readers := s.GroupID(t, "ops-readers")
	post := func(op, target string) int64 {
		r := s.Call(t, acctest.Admin, "POST", "/wiki/rest/api/space/OPS/permission", permBody("group", readers, op, target))
		body := r.JSON(t)
		if r.Status != 200 {
			t.Fatalf("add %s/%s = %d %s", op, target, r.Status, r.Body)
		}
		subject := body["subject"].(map[string]any)
		if subject["identifier"] != readers || body["operation"].(map[string]any)["target"] != target {
			t.Errorf("echo = %s", r.Body)
		}
		return int64(body["id"].(float64)) // an integer in v1
	}
	create := post("create", "page")
	admin := post("administer", "space")
	if len(readerGrants(s, readers)) != 3 {
		t.Fatalf("grants = %v", readerGrants(s, readers))
	}
	// v2 lists the same ids as strings, with principal and targetType.
	opsSpace, _ := s.Sandbox.Store().Space("OPS")
	listed := s.Call(t, acctest.Admin, "GET", fmt.Sprintf("/wiki/api/v2/spaces/%d/permissions?limit=250", opsSpace.ID), nil).JSON(t)
	found := false
	for _, p := range listed["results"].([]any) {
		p := p.(map[string]any)
		if p["id"] == strconv.FormatInt(create, 10) {
			found = p["principal"].(map[string]any)["id"] == readers && p["operation"].(map[string]any)["targetType"] == "page"
		}
	}
	if !found {
		t.Errorf("v2 listing lacks permission %d: %v", create, listed["results"])
	}

	if r := s.Call(t, acctest.Admin, "DELETE", fmt.Sprintf("/wiki/rest/api/space/OPS/permission/%d", admin), nil); r.Status != 204 {
		t.Fatalf("delete administer = %d %s", r.Status, r.Body)
	}
	var read int64
	for _, p := range readerGrants(s, readers) {
		if p.Pair() == "read/space" {
			read = p.ID
		}
	}
	if r := s.Call(t, acctest.Admin, "DELETE", fmt.Sprintf("/wiki/rest/api/space/OPS/permission/%d", read), nil); r.Status != 204 {
		t.Fatalf("delete read = %d %s", r.Status, r.Body)
	}
	if left := readerGrants(s, readers); len(left) != 0 {
		t.Errorf("read/space delete did not cascade: %v", left)
	}

	// confluence-admins holds the only administer/space of OPS: neither it nor its read/space may go.
	for _, p := range s.Sandbox.Store().SpacePermissions("OPS") {
		if p.SubjectID == s.GroupID(t, "confluence-admins") {
			r := s.Call(t, acctest.Admin, "DELETE", fmt.Sprintf("/wiki/rest/api/space/OPS/permission/%d", p.ID), nil)
			if r.Status != 400 {
				t.Errorf("removing %s of the last admin = %d, want 400", p.Pair(), r.Status)
			}
			assertV1Error(t, r, 400, "BadRequestException")
		}
	}
}

func readerGrants(s *acctest.Env, groupID string) []confluence.SpacePermission {
	var out []confluence.SpacePermission
	for _, p := range s.Sandbox.Store().SpacePermissions("OPS") {
		if p.SubjectID == groupID {
			out = append(out, p)
		}
	}
	return out
}

func TestV2PermissionPaging(t *testing.T) {
	s := acctest.StartSandbox(t, acctest.WithSeed(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 10, Spaces: 1, GroupsPerSpace: 30, MembersPerGroup: 2})))
	sp, _ := s.Sandbox.Store().Space("S0000")
	want := len(s.Sandbox.Store().SpacePermissions("S0000")) // 2 admin grants + 2 per group
	var ids []string
	for next := fmt.Sprintf("/wiki/api/v2/spaces/%d/permissions", sp.ID); next != ""; {
		r := s.Call(t, acctest.Admin, "GET", next, nil)
		body := r.JSON(t)
		for _, p := range body["results"].([]any) {
			ids = append(ids, p.(map[string]any)["id"].(string))
		}
		next, _ = body["_links"].(map[string]any)["next"].(string)
		if next != "" && !strings.Contains(r.Header.Get("Link"), `rel="next"`) {
			t.Error("next page without a Link header")
		}
	}
	if len(ids) != want || want != 62 {
		t.Errorf("listed %d of %d permissions", len(ids), want)
	}
	for i := 1; i < len(ids); i++ {
		a, _ := strconv.ParseInt(ids[i-1], 10, 64)
		b, _ := strconv.ParseInt(ids[i], 10, 64)
		if a >= b {
			t.Fatalf("ids not ascending and unique at %d: %s, %s", i, ids[i-1], ids[i])
		}
	}
}

// TestV2SpaceObject checks every field of the v2 space object against the types clients (confluence.js, and
// providers that require authorId) insist on.
func TestV2SpaceObject(t *testing.T) {
	s := acctest.StartSandbox(t)
	eng := spaceIDOf(t, s, "ENG")
	admin := s.AccountID(t, acctest.AdminEmail)
	space := s.Call(t, acctest.Admin, "GET", "/wiki/api/v2/spaces/"+eng, nil).JSON(t)
	for _, field := range []string{"id", "key", "name", "type", "status", "authorId", "createdAt", "homepageId", "spaceOwnerId", "currentActiveAlias"} {
		if v, ok := space[field].(string); !ok || v == "" {
			t.Errorf("%s = %#v, want a non-empty string", field, space[field])
		}
	}
	if space["id"] != eng || space["key"] != "ENG" || space["type"] != "global" || space["status"] != "current" ||
		space["authorId"] != admin || space["spaceOwnerId"] != admin || space["currentActiveAlias"] != "ENG" {
		t.Errorf("space = %v", space)
	}
	if _, err := time.Parse(time.RFC3339, space["createdAt"].(string)); err != nil {
		t.Errorf("createdAt: %v", err)
	}
	if _, err := strconv.ParseInt(space["homepageId"].(string), 10, 64); err != nil {
		t.Errorf("homepageId: %v", err)
	}
	for _, field := range []string{"description", "icon"} {
		if v, has := space[field]; !has || v != nil {
			t.Errorf("%s = %#v, want null unless asked for", field, v)
		}
	}
	if links := space["_links"].(map[string]any); links["webui"] != "/spaces/ENG" || links["base"] != s.Sandbox.URL()+"/wiki" {
		t.Errorf("_links = %v", links)
	}

	plain := s.Call(t, acctest.Admin, "GET", "/wiki/api/v2/spaces/"+eng+"?description-format=plain&include-icon=true", nil).JSON(t)
	desc := plain["description"].(map[string]any)["plain"].(map[string]any)
	if desc["representation"] != "plain" || !strings.HasPrefix(desc["value"].(string), "Design notes") {
		t.Errorf("plain description = %v", plain["description"])
	}
	if icon, ok := plain["icon"].(map[string]any); !ok || !strings.HasPrefix(icon["path"].(string), "/wiki/") {
		t.Errorf("icon = %v", plain["icon"])
	}
	listed := s.Call(t, acctest.Admin, "GET", "/wiki/api/v2/spaces?keys=ENG&description-format=view", nil).JSON(t)["results"].([]any)[0].(map[string]any)
	if view := listed["description"].(map[string]any)["view"].(map[string]any); view["representation"] != "view" || !strings.HasPrefix(view["value"].(string), "<p>") {
		t.Errorf("view description in the list = %v", listed["description"])
	}
	if listed["authorId"] != admin || listed["homepageId"] != space["homepageId"] {
		t.Errorf("listed space = %v", listed)
	}
	for _, path := range []string{"/wiki/api/v2/spaces/" + eng + "?description-format=storage", "/wiki/api/v2/spaces?description-format=html"} {
		if r := s.Call(t, acctest.Admin, "GET", path, nil); r.Status != 400 {
			t.Errorf("%s = %d", path, r.Status)
		}
	}
}
