package sandbox

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestAuthentication(t *testing.T) {
	s := startSandbox(t, Options{})
	if err := s.Store().SetUserActive(accountOf(t, s, "automation@example.com"), false); err != nil {
		t.Fatal(err)
	}
	viewer := accountOf(t, s, viewerEmail)
	unlicensed := creds{"unlicensed@example.com", "t0ken"}
	if err := s.Store().AddUser(User{AccountID: "557058:unlicensed", Email: unlicensed.email, Active: true, APIToken: unlicensed.token}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		c       creds
		path    string
		status  int
		message string
	}{
		{"no credentials", asNobody, "/wiki/rest/api/group", 401, "Client must be authenticated"},
		{"wrong token", creds{adminEmail, "nope"}, "/wiki/rest/api/group", 401, "Client must be authenticated"},
		{"unknown email", creds{"who@example.com", adminToken}, "/wiki/rest/api/group", 401, "Client must be authenticated"},
		{"deactivated user", creds{"automation@example.com", "sandbox-automation-token"}, "/wiki/rest/api/group", 401, ""},
		{"no CAN_USE", unlicensed, "/wiki/rest/api/user/current", 403, "Current user not permitted to use Confluence"},
		{"no CAN_USE on v2", unlicensed, "/wiki/api/v2/spaces", 403, "Current user not permitted to use Confluence"},
		{"licensed user", asViewer, "/wiki/rest/api/user/current", 200, ""},
		{"email is case-insensitive", creds{strings.ToUpper(adminEmail), adminToken}, "/wiki/rest/api/group", 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, tc.c, "GET", tc.path, nil)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if tc.status >= 400 {
				body := r.json(t)
				if body["statusCode"] != float64(tc.status) || !strings.Contains(body["message"].(string), tc.message) {
					t.Errorf("short error body = %s", r.body)
				}
				if _, full := body["data"]; full {
					t.Errorf("expected the short form, got %s", r.body)
				}
			}
		})
	}
	if r := call(t, s, asNobody, "GET", "/wiki/api/v2/spaces", nil); r.status != 401 || !strings.Contains(string(r.body), `"code":"UNAUTHORIZED"`) {
		t.Errorf("v2 401 = %d %s", r.status, r.body)
	}
	if r := call(t, s, asViewer, "GET", "/wiki/rest/api/user/current", nil); r.json(t)["accountId"] != viewer {
		t.Errorf("current user = %s", r.body)
	}
}

func TestGroupListAndPicker(t *testing.T) {
	s := startSandbox(t, Options{})
	all := s.Store().Groups()
	r := call(t, s, asViewer, "GET", "/wiki/rest/api/group?limit=3", nil)
	body := r.json(t)
	got := names(body["results"])
	if want := []string{all[0].Name, all[1].Name, all[2].Name}; !slices.Equal(got, want) {
		t.Fatalf("first page %v, want %v", got, want)
	}
	if !slices.IsSorted(got) {
		t.Errorf("not sorted by name: %v", got)
	}
	links := body["_links"].(map[string]any)
	if links["next"] != "/rest/api/group?limit=3&start=3" || links["base"] != s.URL()+"/wiki" {
		t.Errorf("links = %v", links)
	}
	if _, has := body["totalSize"]; has {
		t.Error("group list must not report totalSize")
	}
	last := call(t, s, asViewer, "GET", fmt.Sprintf("/wiki/rest/api/group?start=%d&limit=3", len(all)-2), nil).json(t)
	if last["size"] != float64(2) || last["_links"].(map[string]any)["next"] != nil {
		t.Errorf("last page = %v", last)
	}
	if capped := call(t, s, asViewer, "GET", "/wiki/rest/api/group?limit=5000", nil).json(t); capped["limit"] != float64(200) {
		t.Errorf("limit not capped at 200: %v", capped["limit"])
	}

	pick := call(t, s, asViewer, "GET", "/wiki/rest/api/group/picker?query=ENG-&shouldReturnTotalSize=true", nil).json(t)
	if got := names(pick["results"]); !slices.Equal(got, []string{"eng-leads", "eng-readers", "eng-writers"}) || pick["totalSize"] != float64(3) {
		t.Errorf("picker = %v total %v", got, pick["totalSize"])
	}
	if r := call(t, s, asViewer, "GET", "/wiki/rest/api/group/picker", nil); r.status != 400 {
		t.Errorf("picker without query = %d", r.status)
	}
	if r := call(t, s, asViewer, "GET", "/wiki/rest/api/group?start=-1", nil); r.status != 400 {
		t.Errorf("negative start = %d", r.status)
	}
}

func TestGroupCreateGetDelete(t *testing.T) {
	s := startSandbox(t, Options{})
	writers := groupID(t, s, "eng-writers")
	tests := []struct {
		name   string
		c      creds
		method string
		path   string
		body   any
		status int
	}{
		{"create", asAdmin, "POST", "/wiki/rest/api/group", map[string]string{"name": "ENG-New"}, 201},
		{"duplicate name, any case", asAdmin, "POST", "/wiki/rest/api/group", map[string]string{"name": "eng-new"}, 400},
		{"empty name", asAdmin, "POST", "/wiki/rest/api/group", map[string]string{"name": " "}, 400},
		{"no body", asAdmin, "POST", "/wiki/rest/api/group", nil, 400},
		{"not JSON", asAdmin, "POST", "/wiki/rest/api/group", "{name", 400},
		{"non-admin create", asViewer, "POST", "/wiki/rest/api/group", map[string]string{"name": "x"}, 403},
		{"get", asViewer, "GET", "/wiki/rest/api/group/by-id?id=" + writers, nil, 200},
		{"get unknown", asViewer, "GET", "/wiki/rest/api/group/by-id?id=00000000-0000-4000-8000-000000000000", nil, 404},
		{"get without id", asViewer, "GET", "/wiki/rest/api/group/by-id", nil, 400},
		{"non-admin delete", asViewer, "DELETE", "/wiki/rest/api/group/by-id?id=" + writers, nil, 403},
		{"delete", asAdmin, "DELETE", "/wiki/rest/api/group/by-id?id=" + writers, nil, 204},
		{"delete again", asAdmin, "DELETE", "/wiki/rest/api/group/by-id?id=" + writers, nil, 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, tc.c, tc.method, tc.path, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
		})
	}
	created, ok := s.Store().GroupByName("eng-new")
	if !ok || created.Name != "eng-new" {
		t.Fatalf("created group stored as %+v, want the lower-cased name", created)
	}
	// Deleting eng-writers took its memberships and its ENG permissions with it.
	alice := accountOf(t, s, "alice.anders@example.com")
	groups, _ := s.Store().GroupsOf(alice)
	for _, g := range groups {
		if g.ID == writers {
			t.Error("membership survived group delete")
		}
	}
	for _, p := range s.Store().SpacePermissions("ENG") {
		if p.SubjectID == writers {
			t.Errorf("permission %d survived group delete", p.ID)
		}
	}
}

func TestGoneByNameRoutes(t *testing.T) {
	s := startSandbox(t, Options{})
	for _, route := range []string{
		"GET /wiki/rest/api/group/eng-writers",
		"GET /wiki/rest/api/group/by-name?name=eng-writers",
		"DELETE /wiki/rest/api/group?name=eng-writers",
		"GET /wiki/rest/api/group/member?name=eng-writers",
		"GET /wiki/rest/api/group/eng-writers/member",
		"POST /wiki/rest/api/group/user?name=eng-writers",
		"DELETE /wiki/rest/api/group/user?name=eng-writers",
	} {
		method, path, _ := strings.Cut(route, " ")
		r := call(t, s, asAdmin, method, path, nil)
		body := r.json(t)
		if r.status != 410 || body["statusCode"] != float64(410) || body["reason"] != "Gone" ||
			body["message"] != "com.atlassian.confluence.api.service.exceptions.GoneException: This deprecated endpoint has been removed." {
			t.Errorf("%s = %d %s", route, r.status, r.body)
		}
	}
	if _, ok := s.Store().GroupByName("eng-writers"); !ok {
		t.Error("a removed route changed data")
	}
}

func TestMembersPaging(t *testing.T) {
	seed := GenerateSeed(GenerateOptions{Users: 450, Spaces: 1, BigGroupMembers: 450})
	s := startSandbox(t, Options{Seed: seed})
	big := groupID(t, s, "s0000-big-group")
	path := "/rest/api/group/" + big + "/membersByGroupId"
	var seen []string
	var sizes []float64
	for next := path; next != ""; {
		body := call(t, s, asAdmin, "GET", "/wiki"+next, nil).json(t)
		sizes = append(sizes, body["size"].(float64))
		for _, u := range body["results"].([]any) {
			seen = append(seen, u.(map[string]any)["accountId"].(string))
		}
		if _, has := body["totalSize"]; has {
			t.Error("totalSize without shouldReturnTotalSize")
		}
		next, _ = body["_links"].(map[string]any)["next"].(string)
	}
	if !slices.Equal(sizes, []float64{200, 200, 50}) {
		t.Errorf("page sizes %v", sizes)
	}
	if !slices.Equal(seen, s.Store().Members(big)) {
		t.Errorf("paged %d members, not the group's %d in order", len(seen), len(s.Store().Members(big)))
	}
	withTotal := call(t, s, asAdmin, "GET", "/wiki"+path+"?limit=10&start=445&shouldReturnTotalSize=true", nil).json(t)
	if withTotal["totalSize"] != float64(450) || withTotal["size"] != float64(5) {
		t.Errorf("tail page = %v", withTotal)
	}
	tests := []struct {
		query  string
		status int
	}{{"?limit=201", 400}, {"?limit=0", 400}, {"?limit=abc", 400}, {"?start=-5", 400}, {"?limit=200", 200}}
	for _, tc := range tests {
		if r := call(t, s, asAdmin, "GET", "/wiki"+path+tc.query, nil); r.status != tc.status {
			t.Errorf("%s = %d, want %d", tc.query, r.status, tc.status)
		}
	}
	unknown := call(t, s, asAdmin, "GET", "/wiki/rest/api/group/no-such-group/membersByGroupId", nil)
	if body := unknown.json(t); unknown.status != 200 || body["size"] != float64(0) || len(body["results"].([]any)) != 0 {
		t.Errorf("unknown group = %d %s", unknown.status, unknown.body)
	}
}

func TestDeactivatedMembersAreLeftOutButStayMembers(t *testing.T) {
	s := startSandbox(t, Options{})
	writers := groupID(t, s, "eng-writers")
	dora := accountOf(t, s, "dora@example.com")
	if !slices.Contains(s.Store().Members(writers), dora) {
		t.Fatal("the demo seed no longer has the deactivated account in eng-writers")
	}
	body := call(t, s, asAdmin, "GET", "/wiki/rest/api/group/"+writers+"/membersByGroupId", nil).json(t)
	for _, u := range body["results"].([]any) {
		if u.(map[string]any)["accountId"] == dora {
			t.Fatal("a deactivated member is listed")
		}
	}
	groups := call(t, s, asAdmin, "GET", "/wiki/rest/api/user/memberof?accountId="+dora, nil).json(t)
	for _, g := range groups["results"].([]any) {
		if g.(map[string]any)["id"] == writers {
			return
		}
	}
	t.Error("user/memberof of the deactivated account does not list the group")
}

func TestMemberAddRemove(t *testing.T) {
	s := startSandbox(t, Options{})
	oncall := groupID(t, s, "ops-oncall")
	vera := accountOf(t, s, viewerEmail)
	add := func(group string) string {
		return "/wiki/rest/api/group/userByGroupId?groupId=" + url.QueryEscape(group)
	}
	remove := func(group, account string) string {
		return "/wiki/rest/api/group/userByGroupId?groupId=" + url.QueryEscape(group) + "&accountId=" + url.QueryEscape(account)
	}
	tests := []struct {
		name   string
		c      creds
		method string
		path   string
		body   any
		status int
	}{
		{"add", asAdmin, "POST", add(oncall), map[string]string{"accountId": vera}, 201},
		{"add again is idempotent", asAdmin, "POST", add(oncall), map[string]string{"accountId": vera}, 201},
		{"add to unknown group", asAdmin, "POST", add("nope"), map[string]string{"accountId": vera}, 404},
		{"add unknown account", asAdmin, "POST", add(oncall), map[string]string{"accountId": "557058:ghost"}, 404},
		{"add malformed account", asAdmin, "POST", add(oncall), map[string]string{"accountId": "bad id!"}, 400},
		{"add without accountId", asAdmin, "POST", add(oncall), map[string]string{}, 400},
		{"add without groupId", asAdmin, "POST", "/wiki/rest/api/group/userByGroupId", map[string]string{"accountId": vera}, 400},
		{"add as non-admin", asViewer, "POST", add(oncall), map[string]string{"accountId": vera}, 403},
		{"remove as non-admin", asViewer, "DELETE", remove(oncall, vera), nil, 403},
		{"remove", asAdmin, "DELETE", remove(oncall, vera), nil, 204},
		{"remove a non-member", asAdmin, "DELETE", remove(oncall, vera), nil, 204},
		{"remove from unknown group", asAdmin, "DELETE", remove("nope", vera), nil, 404},
		{"remove unknown user", asAdmin, "DELETE", remove(oncall, "557058:ghost"), nil, 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, tc.c, tc.method, tc.path, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if r.status == 201 && len(r.body) != 0 {
				t.Errorf("201 must have an empty body, got %s", r.body)
			}
			if tc.name == "add again is idempotent" && len(s.Store().Members(oncall)) != 4 {
				t.Errorf("members = %v", s.Store().Members(oncall))
			}
		})
	}
	if slices.Contains(s.Store().Members(oncall), vera) {
		t.Error("removed member still in the group")
	}
}
