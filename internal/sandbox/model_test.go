package sandbox

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// TestConfluenceAndAppShareOneModel changes Confluence through its routes and watches the app's rules and
// answers follow: deleted groups fail validation, space groups track creations and deletions, and the
// privileged user is judged by its current site-admin membership.
func TestConfluenceAndAppShareOneModel(t *testing.T) {
	s := startSandbox(t, Options{})
	key := func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+s.AppAPIKey()) }
	writers := groupID(t, s, "eng-writers")
	automation := accountOf(t, s, "automation@example.com")

	settings := csumdoc.DefaultSettings()
	settings.UserSettings.AutoJoinGroupIDs = []string{writers}
	if r := send(t, s, key, "PUT", AppPrefix+"/v1/settings", settings); r.status != 200 {
		t.Fatalf("PUT settings naming an existing group = %d %s", r.status, r.body)
	}
	if r := send(t, s, key, "PUT", AppPrefix+"/v1/privileged-user", map[string]string{"accountId": automation}); r.status != 200 {
		t.Fatalf("PUT privileged user = %d %s", r.status, r.body)
	}
	if r := call(t, s, asAdmin, "DELETE", "/wiki/rest/api/group/by-id?id="+writers, nil); r.status != 204 {
		t.Fatalf("delete group = %d", r.status)
	}
	if r := call(t, s, asAdmin, "POST", "/wiki/rest/api/group", map[string]string{"name": "eng-authors"}); r.status != 201 {
		t.Fatalf("create group = %d", r.status)
	}
	siteAdmins := groupID(t, s, "site-admins")
	if r := call(t, s, asAdmin, "DELETE", "/wiki/rest/api/group/userByGroupId?groupId="+siteAdmins+"&accountId="+automation, nil); r.status != 204 {
		t.Fatalf("remove member = %d", r.status)
	}

	again := send(t, s, key, "PUT", AppPrefix+"/v1/settings", settings)
	if again.status != 422 || !strings.Contains(string(again.body), `"path":"/userSettings/autoJoinGroupIds/0"`) {
		t.Errorf("PUT settings naming the deleted group = %d %s", again.status, again.body)
	}
	var names []string
	for _, g := range send(t, s, key, "GET", AppPrefix+"/v1/spaces/ENG/groups", nil).json(t)["results"].([]any) {
		names = append(names, g.(map[string]any)["name"].(string))
	}
	if slices.Contains(names, "eng-writers") || !slices.Contains(names, "eng-authors") {
		t.Errorf("ENG space groups = %v; want eng-authors and not the deleted eng-writers", names)
	}
	privileged := send(t, s, key, "GET", AppPrefix+"/v1/privileged-user", nil).json(t)
	if privileged["status"] != "LACKS_PERMISSIONS" {
		t.Errorf("privileged user after leaving site-admins = %v", privileged)
	}
}
