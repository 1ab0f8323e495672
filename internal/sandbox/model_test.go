package sandbox_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// TestConfluenceAndAppShareOneModel changes Confluence through its routes and watches the app's rules and
// answers follow: deleted groups fail validation, space groups track creations and deletions, and the
// privileged user is judged by its current site-admin membership.
func TestConfluenceAndAppShareOneModel(t *testing.T) {
	s := acctest.StartSandbox(t)
	key := func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+s.Sandbox.AppAPIKey()) }
	writers := s.GroupID(t, "eng-writers")
	automation := s.AccountID(t, "automation@example.com")

	settings := csumdoc.DefaultSettings()
	settings.UserSettings.AutoJoinGroupIDs = []string{writers}
	if r := s.Send(t, key, "PUT", sandbox.AppPrefix+"/v1/settings", settings); r.Status != 200 {
		t.Fatalf("PUT settings naming an existing group = %d %s", r.Status, r.Body)
	}
	if r := s.Send(t, key, "PUT", sandbox.AppPrefix+"/v1/privileged-user", map[string]string{"accountId": automation}); r.Status != 200 {
		t.Fatalf("PUT privileged user = %d %s", r.Status, r.Body)
	}
	if r := s.Call(t, acctest.Admin, "DELETE", "/wiki/rest/api/group/by-id?id="+writers, nil); r.Status != 204 {
		t.Fatalf("delete group = %d", r.Status)
	}
	if r := s.Call(t, acctest.Admin, "POST", "/wiki/rest/api/group", map[string]string{"name": "eng-authors"}); r.Status != 201 {
		t.Fatalf("create group = %d", r.Status)
	}
	siteAdmins := s.GroupID(t, "site-admins")
	if r := s.Call(t, acctest.Admin, "DELETE", "/wiki/rest/api/group/userByGroupId?groupId="+siteAdmins+"&accountId="+automation, nil); r.Status != 204 {
		t.Fatalf("remove member = %d", r.Status)
	}

	again := s.Send(t, key, "PUT", sandbox.AppPrefix+"/v1/settings", settings)
	if again.Status != 422 || !strings.Contains(string(again.Body), `"path":"/userSettings/autoJoinGroupIds/0"`) {
		t.Errorf("PUT settings naming the deleted group = %d %s", again.Status, again.Body)
	}
	var names []string
	for _, g := range s.Send(t, key, "GET", sandbox.AppPrefix+"/v1/spaces/ENG/groups", nil).JSON(t)["results"].([]any) {
		names = append(names, g.(map[string]any)["name"].(string))
	}
	if slices.Contains(names, "eng-writers") || !slices.Contains(names, "eng-authors") {
		t.Errorf("ENG space groups = %v; want eng-authors and not the deleted eng-writers", names)
	}
	privileged := s.Send(t, key, "GET", sandbox.AppPrefix+"/v1/privileged-user", nil).JSON(t)
	if privileged["status"] != "LACKS_PERMISSIONS" {
		t.Errorf("privileged user after leaving site-admins = %v", privileged)
	}
}
