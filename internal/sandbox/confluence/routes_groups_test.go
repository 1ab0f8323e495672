package confluence_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

func TestAuthentication(t *testing.T) {
	s := acctest.StartSandbox(t)
	if err := s.Sandbox.Store().SetUserActive(s.AccountID(t, "automation@example.com"), false); err != nil {
		t.Fatal(err)
	}
	viewer := s.AccountID(t, acctest.ViewerEmail)
	unlicensed := acctest.Creds{Email: "unlicensed@example.com", Token: "t0ken"}
	if err := s.Sandbox.Store().AddUser(confluence.User{AccountID: "557058:unlicensed", Email: unlicensed.Email, Active: true, APIToken: unlicensed.Token}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		c       acctest.Creds
		path    string
		status  int
		message string
	}{
		{"no credentials", acctest.Nobody, "/wiki/rest/api/group", 401, "Client must be authenticated"},
		{"wrong token", acctest.Creds{Email: acctest.AdminEmail, Token: "nope"}, "/wiki/rest/api/group", 401, "Client must be authenticated"},
		{"unknown email", acctest.Creds{Email: "who@example.com", Token: acctest.AdminToken}, "/wiki/rest/api/group", 401, "Client must be authenticated"},
		{"deactivated user", acctest.Creds{Email: "automation@example.com", Token: "sandbox-automation-token"}, "/wiki/rest/api/group", 401, ""},
		{"no CAN_USE", unlicensed, "/wiki/rest/api/user/current", 403, "Current user not permitted to use Confluence"},
		{"no CAN_USE on v2", unlicensed, "/wiki/api/v2/spaces", 403, "Current user not permitted to use Confluence"},
		{"licensed user", acctest.Viewer, "/wiki/rest/api/user/current", 200, ""},
		{"email is case-insensitive", acctest.Creds{Email: strings.ToUpper(acctest.AdminEmail), Token: acctest.AdminToken}, "/wiki/rest/api/group", 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Call(t, tc.c, "GET", tc.path, nil)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if tc.status >= 400 {
				body := r.JSON(t)
				if body["statusCode"] != float64(tc.status) || !strings.Contains(body["message"].(string), tc.message) {
					t.Errorf("short error body = %s", r.Body)
				}
				if _, full := body["data"]; full {
					t.Errorf("expected the short form, got %s", r.Body)
				}
			}
		})
	}
	if r := s.Call(t, acctest.Nobody, "GET", "/wiki/api/v2/spaces", nil); r.Status != 401 || !strings.Contains(string(r.Body), `"code":"UNAUTHORIZED"`) {
		t.Errorf("v2 401 = %d %s", r.Status, r.Body)
	}
	if r := s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/user/current", nil); r.JSON(t)["accountId"] != viewer {
		t.Errorf("current user = %s", r.Body)
	}
}

func TestGroupListAndPicker(t *testing.T) {
	s := acctest.StartSandbox(t)
	all := s.Sandbox.Store().Groups()
	r := s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/group?limit=3", nil)
	body := r.JSON(t)
	got := names(body["results"])
	if want := []string{all[0].Name, all[1].Name, all[2].Name}; !slices.Equal(got, want) {
		t.Fatalf("first page %v, want %v", got, want)
	}
	if !slices.IsSorted(got) {
		t.Errorf("not sorted by name: %v", got)
	}
	links := body["_links"].(map[string]any)
	if links["next"] != "/rest/api/group?limit=3&start=3" || links["base"] != s.Sandbox.URL()+"/wiki" {
		t.Errorf("links = %v", links)
	}
	if _, has := body["totalSize"]; has {
		t.Error("group list must not report totalSize")
	}
	last := s.Call(t, acctest.Viewer, "GET", fmt.Sprintf("/wiki/rest/api/group?start=%d&limit=3", len(all)-2), nil).JSON(t)
	if last["size"] != float64(2) || last["_links"].(map[string]any)["next"] != nil {
		t.Errorf("last page = %v", last)
	}
	if capped := s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/group?limit=5000", nil).JSON(t); capped["limit"] != float64(200) {
		t.Errorf("limit not capped at 200: %v", capped["limit"])
	}

	pick := s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/group/picker?query=ENG-&shouldReturnTotalSize=true", nil).JSON(t)
	if got := names(pick["results"]); !slices.Equal(got, []string{"eng-leads", "eng-readers", "eng-writers"}) || pick["totalSize"] != float64(3) {
		t.Errorf("picker = %v total %v", got, pick["totalSize"])
	}
	if r := s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/group/picker", nil); r.Status != 400 {
		t.Errorf("picker without query = %d", r.Status)
	}
	if r := s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/group?start=-1", nil); r.Status != 400 {
		t.Errorf("negative start = %d", r.Status)
	}
}

func TestGroupCreateGetDelete(t *testing.T) {
	s := acctest.StartSandbox(t)
	writers := s.GroupID(t, "eng-writers")
	tests := []struct {
		name   string
		c      acctest.Creds
		method string
		path   string
		body   any
		status int
	}{
		{"create", acctest.Admin, "POST", "/wiki/rest/api/group", map[string]string{"name": "ENG-New"}, 201},
		{"duplicate name, any case", acctest.Admin, "POST", "/wiki/rest/api/group", map[string]string{"name": "eng-new"}, 400},
		{"empty name", acctest.Admin, "POST", "/wiki/rest/api/group", map[string]string{"name": " "}, 400},
		{"no body", acctest.Admin, "POST", "/wiki/rest/api/group", nil, 400},
		{"not JSON", acctest.Admin, "POST", "/wiki/rest/api/group", "{name", 400},
		{"non-admin create", acctest.Viewer, "POST", "/wiki/rest/api/group", map[string]string{"name": "x"}, 403},
		{"get", acctest.Viewer, "GET", "/wiki/rest/api/group/by-id?id=" + writers, nil, 200},
		{"get unknown", acctest.Viewer, "GET", "/wiki/rest/api/group/by-id?id=00000000-0000-4000-8000-000000000000", nil, 404},
		{"get without id", acctest.Viewer, "GET", "/wiki/rest/api/group/by-id", nil, 400},
		{"non-admin delete", acctest.Viewer, "DELETE", "/wiki/rest/api/group/by-id?id=" + writers, nil, 403},
		{"delete", acctest.Admin, "DELETE", "/wiki/rest/api/group/by-id?id=" + writers, nil, 204},
		{"delete again", acctest.Admin, "DELETE", "/wiki/rest/api/group/by-id?id=" + writers, nil, 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Call(t, tc.c, tc.method, tc.path, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
		})
	}
	created, ok := s.Sandbox.Store().GroupByName("eng-new")
	if !ok || created.Name != "eng-new" {
		t.Fatalf("created group stored as %+v, want the lower-cased name", created)
	}
	// Deleting eng-writers took its memberships and its ENG permissions with it.
	alice := s.AccountID(t, "alice.anders@example.com")
	groups, _ := s.Sandbox.Store().GroupsOf(alice)
	for _, g := range groups {
		if g.ID == writers {
			t.Error("membership survived group delete")
		}
	}
	for _, p := range s.Sandbox.Store().SpacePermissions("ENG") {
		if p.SubjectID == writers {
			t.Errorf("permission %d survived group delete", p.ID)
		}
	}
}

func TestGoneByNameRoutes(t *testing.T) {
	s := acctest.StartSandbox(t)
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
		r := s.Call(t, acctest.Admin, method, path, nil)
		body := r.JSON(t)
		if r.Status != 410 || body["statusCode"] != float64(410) || body["reason"] != "Gone" ||
			body["message"] != "com.atlassian.confluence.api.service.exceptions.GoneException: This deprecated endpoint has been removed." {
			t.Errorf("%s = %d %s", route, r.Status, r.Body)
		}
	}
	if _, ok := s.Sandbox.Store().GroupByName("eng-writers"); !ok {
		t.Error("a removed route changed data")
	}
}

func TestMembersPaging(t *testing.T) {
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 450, Spaces: 1, BigGroupMembers: 450})
	s := acctest.StartSandbox(t, acctest.WithSeed(seed))
	big := s.GroupID(t, "s0000-big-group")
	path := "/rest/api/group/" + big + "/membersByGroupId"
	var seen []string
	var sizes []float64
	for next := path; next != ""; {
		body := s.Call(t, acctest.Admin, "GET", "/wiki"+next, nil).JSON(t)
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
	if !slices.Equal(seen, s.Sandbox.Store().Members(big)) {
		t.Errorf("paged %d members, not the group's %d in order", len(seen), len(s.Sandbox.Store().Members(big)))
	}
	withTotal := s.Call(t, acctest.Admin, "GET", "/wiki"+path+"?limit=10&start=445&shouldReturnTotalSize=true", nil).JSON(t)
	if withTotal["totalSize"] != float64(450) || withTotal["size"] != float64(5) {
		t.Errorf("tail page = %v", withTotal)
	}
	tests := []struct {
		query  string
		status int
	}{{"?limit=201", 400}, {"?limit=0", 400}, {"?limit=abc", 400}, {"?start=-5", 400}, {"?limit=200", 200}}
	for _, tc := range tests {
		if r := s.Call(t, acctest.Admin, "GET", "/wiki"+path+tc.query, nil); r.Status != tc.status {
			t.Errorf("%s = %d, want %d", tc.query, r.Status, tc.status)
		}
	}
	unknown := s.Call(t, acctest.Admin, "GET", "/wiki/rest/api/group/no-such-group/membersByGroupId", nil)
	if body := unknown.JSON(t); unknown.Status != 200 || body["size"] != float64(0) || len(body["results"].([]any)) != 0 {
		t.Errorf("unknown group = %d %s", unknown.Status, unknown.Body)
	}
}

func TestDeactivatedMembersAreLeftOutButStayMembers(t *testing.T) {
	s := acctest.StartSandbox(t)
	writers := s.GroupID(t, "eng-writers")
	dora := s.AccountID(t, "dora@example.com")
	if !slices.Contains(s.Sandbox.Store().Members(writers), dora) {
		t.Fatal("the demo seed no longer has the deactivated account in eng-writers")
	}
	body := s.Call(t, acctest.Admin, "GET", "/wiki/rest/api/group/"+writers+"/membersByGroupId", nil).JSON(t)
	for _, u := range body["results"].([]any) {
		if u.(map[string]any)["accountId"] == dora {
			t.Fatal("a deactivated member is listed")
		}
	}
	groups := s.Call(t, acctest.Admin, "GET", "/wiki/rest/api/user/memberof?accountId="+dora, nil).JSON(t)
	for _, g := range groups["results"].([]any) {
		if g.(map[string]any)["id"] == writers {
			return
		}
	}
	t.Error("user/memberof of the deactivated account does not list the group")
}

func TestMemberAddRemove(t *testing.T) {
	s := acctest.StartSandbox(t)
	oncall := s.GroupID(t, "ops-oncall")
	vera := s.AccountID(t, acctest.ViewerEmail)
	add := func(group string) string {
		return "/wiki/rest/api/group/userByGroupId?groupId=" + url.QueryEscape(group)
	}
	remove := func(group, account string) string {
		return "/wiki/rest/api/group/userByGroupId?groupId=" + url.QueryEscape(group) + "&accountId=" + url.QueryEscape(account)
	}
	tests := []struct {
		name   string
		c      acctest.Creds
		method string
		path   string
		body   any
		status int
	}{
		{"add", acctest.Admin, "POST", add(oncall), map[string]string{"accountId": vera}, 201},
		{"add again is idempotent", acctest.Admin, "POST", add(oncall), map[string]string{"accountId": vera}, 201},
		{"add to unknown group", acctest.Admin, "POST", add("nope"), map[string]string{"accountId": vera}, 404},
		{"add unknown account", acctest.Admin, "POST", add(oncall), map[string]string{"accountId": "557058:ghost"}, 404},
		{"add malformed account", acctest.Admin, "POST", add(oncall), map[string]string{"accountId": "bad id!"}, 400},
		{"add without accountId", acctest.Admin, "POST", add(oncall), map[string]string{}, 400},
		{"add without groupId", acctest.Admin, "POST", "/wiki/rest/api/group/userByGroupId", map[string]string{"accountId": vera}, 400},
		{"add as non-admin", acctest.Viewer, "POST", add(oncall), map[string]string{"accountId": vera}, 403},
		{"remove as non-admin", acctest.Viewer, "DELETE", remove(oncall, vera), nil, 403},
		{"remove", acctest.Admin, "DELETE", remove(oncall, vera), nil, 204},
		{"remove a non-member", acctest.Admin, "DELETE", remove(oncall, vera), nil, 204},
		{"remove from unknown group", acctest.Admin, "DELETE", remove("nope", vera), nil, 404},
		{"remove unknown user", acctest.Admin, "DELETE", remove(oncall, "557058:ghost"), nil, 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Call(t, tc.c, tc.method, tc.path, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if r.Status == 201 && len(r.Body) != 0 {
				t.Errorf("201 must have an empty body, got %s", r.Body)
			}
			if tc.name == "add again is idempotent" && len(s.Sandbox.Store().Members(oncall)) != 4 {
				t.Errorf("members = %v", s.Sandbox.Store().Members(oncall))
			}
		})
	}
	if slices.Contains(s.Sandbox.Store().Members(oncall), vera) {
		t.Error("removed member still in the group")
	}
}
