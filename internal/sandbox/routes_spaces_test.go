package sandbox

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestV2Spaces(t *testing.T) {
	s := startSandbox(t, Options{Seed: GenerateSeed(GenerateOptions{Users: 5, Spaces: 120})})
	byKeys := call(t, s, asAdmin, "GET", "/wiki/api/v2/spaces?keys=S0003,S0001,NOPE", nil).json(t)
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
	if r := call(t, s, asAdmin, "GET", "/wiki/api/v2/spaces?keys=NOPE", nil).json(t); len(r["results"].([]any)) != 0 {
		t.Errorf("unknown key = %v", r)
	}

	var all []string
	pages := 0
	for next := "/wiki/api/v2/spaces?limit=50"; next != ""; pages++ {
		r := call(t, s, asAdmin, "GET", next, nil)
		body := r.json(t)
		for _, sp := range body["results"].([]any) {
			all = append(all, sp.(map[string]any)["key"].(string))
		}
		next, _ = body["_links"].(map[string]any)["next"].(string)
		if link := r.header.Get("Link"); (next == "") != (link == "") || (next != "" && !strings.HasPrefix(link, "<"+next+`>; rel="next"`)) {
			t.Errorf("Link header %q does not match _links.next %q", link, next)
		}
	}
	if pages != 3 || len(all) != 120 || all[0] != "S0000" || all[119] != "S0119" {
		t.Errorf("paged %d spaces in %d pages", len(all), pages)
	}

	sp, _ := s.Store().Space("S0002")
	id := strconv.FormatInt(sp.ID, 10)
	tests := []struct {
		name   string
		c      creds
		path   string
		status int
	}{
		{"get by id", asAdmin, "/wiki/api/v2/spaces/" + id, 200},
		{"get unknown id", asAdmin, "/wiki/api/v2/spaces/1", 404},
		{"get non-numeric id", asAdmin, "/wiki/api/v2/spaces/ENG", 400},
		{"limit 0", asAdmin, "/wiki/api/v2/spaces?limit=0", 400},
		{"limit 251", asAdmin, "/wiki/api/v2/spaces?limit=251", 400},
		{"bad cursor", asAdmin, "/wiki/api/v2/spaces?cursor=not-a-cursor", 400},
		{"unknown v2 path", asAdmin, "/wiki/api/v2/nothing", 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, tc.c, "GET", tc.path, nil)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if tc.status >= 400 {
				assertV2Error(t, r, tc.status)
			}
		})
	}
}

func assertV2Error(t *testing.T, r response, status int) {
	t.Helper()
	errs, ok := r.json(t)["errors"].([]any)
	if !ok || len(errs) != 1 {
		t.Fatalf("not a v2 error body: %s", r.body)
	}
	e := errs[0].(map[string]any)
	if e["status"] != float64(status) || e["code"] == "" || e["title"] == "" {
		t.Errorf("v2 error = %v", e)
	}
	if _, has := e["detail"]; !has {
		t.Errorf("v2 error without detail key: %v", e)
	}
}

func assertV1Error(t *testing.T, r response, status int, exception string) {
	t.Helper()
	body := r.json(t)
	data, ok := body["data"].(map[string]any)
	if !ok || body["statusCode"] != float64(status) || body["reason"] == "" {
		t.Fatalf("not a full v1 error body: %s", r.body)
	}
	for _, key := range []string{"authorized", "valid", "allowedInReadOnlyMode", "errors", "successful"} {
		if _, has := data[key]; !has {
			t.Errorf("data.%s missing: %s", key, r.body)
		}
	}
	if !strings.HasPrefix(body["message"].(string), "com.atlassian.confluence.api.service.exceptions."+exception+": ") {
		t.Errorf("message %q does not name %s", body["message"], exception)
	}
}

func TestSpacesVisibleOnlyWithReadPermission(t *testing.T) {
	s := startSandbox(t, Options{})
	body := call(t, s, asViewer, "GET", "/wiki/api/v2/spaces", nil).json(t)
	var keys []string
	for _, r := range body["results"].([]any) {
		keys = append(keys, r.(map[string]any)["key"].(string))
	}
	// Vera reads ENG (eng-readers) and MKT (all-staff), not OPS.
	if strings.Join(keys, ",") != "ENG,MKT" {
		t.Errorf("viewer sees %v", keys)
	}
	ops, _ := s.Store().Space("OPS")
	r := call(t, s, asViewer, "GET", fmt.Sprintf("/wiki/api/v2/spaces/%d/permissions", ops.ID), nil)
	if r.status != 404 {
		t.Errorf("permissions of an invisible space = %d, want 404", r.status)
	}
}

func permBody(subjectType, id, op, target string) map[string]any {
	return map[string]any{"subject": map[string]string{"type": subjectType, "identifier": id},
		"operation": map[string]string{"key": op, "target": target}}
}

func TestSpacePermissionWrites(t *testing.T) {
	s := startSandbox(t, Options{})
	readers := groupID(t, s, "ops-readers")              // holds read/space in OPS
	outsiders := groupID(t, s, "eng-readers")            // holds nothing in OPS
	alice := accountOf(t, s, "alice.anders@example.com") // ENG admin through eng-leads, not a site admin
	aliceCreds := creds{"alice.anders@example.com", "alice-token"}
	mustSetToken(t, s, alice, aliceCreds.token)
	const ops = "/wiki/rest/api/space/OPS/permission"
	tests := []struct {
		name      string
		c         creds
		method    string
		path      string
		body      any
		status    int
		exception string
	}{
		{"missing read/space first", asAdmin, "POST", ops, permBody("group", outsiders, "create", "page"), 400, "BadRequestException"},
		{"duplicate", asAdmin, "POST", ops, permBody("group", readers, "read", "space"), 400, "BadRequestException"},
		{"invalid pair", asAdmin, "POST", ops, permBody("group", readers, "purge_version", "space"), 400, "BadRequestException"},
		{"unknown target", asAdmin, "POST", ops, permBody("group", readers, "read", "universe"), 400, "BadRequestException"},
		{"unknown group", asAdmin, "POST", ops, permBody("group", "00000000-0000-4000-8000-000000000000", "read", "space"), 400, "BadRequestException"},
		{"group by name is refused", asAdmin, "POST", ops, permBody("group", "ops-readers", "read", "space"), 400, "BadRequestException"},
		{"unknown user", asAdmin, "POST", ops, permBody("user", "557058:ghost", "read", "space"), 400, "BadRequestException"},
		{"bad subject type", asAdmin, "POST", ops, permBody("role", readers, "read", "space"), 400, "BadRequestException"},
		{"unknown space", asAdmin, "POST", "/wiki/rest/api/space/NOPE/permission", permBody("group", readers, "read", "space"), 404, "NotFoundException"},
		{"viewer is no space admin", asViewer, "POST", ops, permBody("group", readers, "create", "page"), 403, "PermissionException"},
		{"space admin of another space", aliceCreds, "POST", ops, permBody("user", alice, "read", "space"), 403, "PermissionException"},
		{"space admin through a group", aliceCreds, "POST", "/wiki/rest/api/space/ENG/permission", permBody("user", alice, "read", "space"), 200, ""},
		{"no v1 list", asAdmin, "GET", ops, nil, 405, "MethodNotAllowedException"},
		{"delete unknown id", asAdmin, "DELETE", ops + "/1", nil, 404, "NotFoundException"},
		{"delete non-numeric id", asAdmin, "DELETE", ops + "/x", nil, 404, "NotFoundException"},
		{"unknown v1 path", asAdmin, "GET", "/wiki/rest/api/nothing", nil, 404, "NotFoundException"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, tc.c, tc.method, tc.path, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if tc.exception != "" {
				assertV1Error(t, r, tc.status, tc.exception)
			}
		})
	}
}

func mustSetToken(t *testing.T, s *Server, accountID, token string) {
	t.Helper()
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	s.store.users[accountID].APIToken = token
}

func TestSpacePermissionAddCascadeAndLastAdmin(t *testing.T) {
	s := startSandbox(t, Options{})
	readers := groupID(t, s, "ops-readers")
	post := func(op, target string) int64 {
		r := call(t, s, asAdmin, "POST", "/wiki/rest/api/space/OPS/permission", permBody("group", readers, op, target))
		body := r.json(t)
		if r.status != 200 {
			t.Fatalf("add %s/%s = %d %s", op, target, r.status, r.body)
		}
		subject := body["subject"].(map[string]any)
		if subject["identifier"] != readers || body["operation"].(map[string]any)["target"] != target {
			t.Errorf("echo = %s", r.body)
		}
		return int64(body["id"].(float64)) // an integer in v1
	}
	create := post("create", "page")
	admin := post("administer", "space")
	if len(readerGrants(s, readers)) != 3 {
		t.Fatalf("grants = %v", readerGrants(s, readers))
	}
	// v2 lists the same ids as strings, with principal and targetType.
	opsSpace, _ := s.Store().Space("OPS")
	listed := call(t, s, asAdmin, "GET", fmt.Sprintf("/wiki/api/v2/spaces/%d/permissions?limit=250", opsSpace.ID), nil).json(t)
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

	if r := call(t, s, asAdmin, "DELETE", fmt.Sprintf("/wiki/rest/api/space/OPS/permission/%d", admin), nil); r.status != 204 {
		t.Fatalf("delete administer = %d %s", r.status, r.body)
	}
	var read int64
	for _, p := range readerGrants(s, readers) {
		if p.pair() == "read/space" {
			read = p.ID
		}
	}
	if r := call(t, s, asAdmin, "DELETE", fmt.Sprintf("/wiki/rest/api/space/OPS/permission/%d", read), nil); r.status != 204 {
		t.Fatalf("delete read = %d %s", r.status, r.body)
	}
	if left := readerGrants(s, readers); len(left) != 0 {
		t.Errorf("read/space delete did not cascade: %v", left)
	}

	// confluence-admins holds the only administer/space of OPS: neither it nor its read/space may go.
	for _, p := range s.Store().SpacePermissions("OPS") {
		if p.SubjectID == groupID(t, s, "confluence-admins") {
			r := call(t, s, asAdmin, "DELETE", fmt.Sprintf("/wiki/rest/api/space/OPS/permission/%d", p.ID), nil)
			if r.status != 400 {
				t.Errorf("removing %s of the last admin = %d, want 400", p.pair(), r.status)
			}
			assertV1Error(t, r, 400, "BadRequestException")
		}
	}
}

func readerGrants(s *Server, groupID string) []SpacePermission {
	var out []SpacePermission
	for _, p := range s.Store().SpacePermissions("OPS") {
		if p.SubjectID == groupID {
			out = append(out, p)
		}
	}
	return out
}

func TestV2PermissionPaging(t *testing.T) {
	s := startSandbox(t, Options{Seed: GenerateSeed(GenerateOptions{Users: 10, Spaces: 1, GroupsPerSpace: 30, MembersPerGroup: 2})})
	sp, _ := s.Store().Space("S0000")
	want := len(s.Store().SpacePermissions("S0000")) // 2 admin grants + 2 per group
	var ids []string
	for next := fmt.Sprintf("/wiki/api/v2/spaces/%d/permissions", sp.ID); next != ""; {
		r := call(t, s, asAdmin, "GET", next, nil)
		body := r.json(t)
		for _, p := range body["results"].([]any) {
			ids = append(ids, p.(map[string]any)["id"].(string))
		}
		next, _ = body["_links"].(map[string]any)["next"].(string)
		if next != "" && !strings.Contains(r.header.Get("Link"), `rel="next"`) {
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
