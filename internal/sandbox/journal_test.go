package sandbox_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// TestJournalRecordsWhatEachWriteChanged makes writes of every kind through the routes and reads the journal
// back: each write that changed something, with exactly the facts it changed; refused writes and reads are
// not there, and a write whose answer was lost after it was applied is.
func TestJournalRecordsWhatEachWriteChanged(t *testing.T) {
	s := acctest.StartSandbox(t, acctest.WithJournal())
	key := func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+s.Sandbox.AppAPIKey()) }
	writers := s.GroupID(t, "eng-writers")
	bob := accountOutside(t, s, writers)
	addBob := "/wiki/rest/api/group/userByGroupId?groupId=" + writers
	if r := s.Call(t, acctest.Admin, "POST", addBob, map[string]string{"accountId": bob}); r.Status != 201 {
		t.Fatalf("add member = %d %s", r.Status, r.Body)
	}
	if r := s.Call(t, acctest.Admin, "POST", addBob, map[string]string{"accountId": "557058:nobody"}); r.Status < 400 {
		t.Fatalf("adding an unknown account = %d, want an error", r.Status)
	}
	s.Call(t, acctest.Admin, "GET", "/wiki/rest/api/group/"+writers+"/membersByGroupId", nil)
	settings := csumdoc.DefaultSettings()
	settings.GeneralSettings.AuditRetentionDays = 30
	if r := s.Send(t, key, "PUT", sandbox.AppPrefix+"/v1/settings", settings); r.Status != 200 {
		t.Fatalf("PUT settings = %d %s", r.Status, r.Body)
	}
	s.Sandbox.Faults().Set(faults.Config{DropEvery: 1, DropWrites: true})
	removeBob := "/wiki/rest/api/group/userByGroupId?groupId=" + writers + "&accountId=" + bob
	req, _ := http.NewRequest("DELETE", s.Sandbox.URL()+removeBob, nil)
	req.SetBasicAuth(acctest.AdminEmail, acctest.AdminToken)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the dropped delete was answered %d", resp.StatusCode)
	}
	s.Sandbox.Faults().Set(faults.Config{})

	writes, next := s.Sandbox.Journal(0)
	if next != 3 || len(writes) != 3 {
		t.Fatalf("journal has %d writes (next %d), want 3: %+v", len(writes), next, writes)
	}
	want := []sandbox.Write{
		{Seq: 1, Method: "POST", Path: "/wiki/rest/api/group/userByGroupId", Status: 201,
			Changes: []sandbox.Change{{Key: "member " + writers + " " + bob, After: "member"}}},
		{Seq: 2, Method: "PUT", Path: "/csum-admin/v1/settings", Status: 200,
			Changes: []sandbox.Change{{Key: "app settings generalSettings.auditRetentionDays", Before: "90", After: "30"}}},
		{Seq: 3, Method: "DELETE", Path: "/wiki/rest/api/group/userByGroupId", Status: 204,
			Changes: []sandbox.Change{{Key: "member " + writers + " " + bob, Before: "member"}}},
	}
	for i := range want {
		if !reflect.DeepEqual(writes[i], want[i]) {
			t.Errorf("write %d = %+v\nwant %+v", i+1, writes[i], want[i])
		}
	}
	var page struct {
		Writes []sandbox.Write `json:"writes"`
		Next   int             `json:"next"`
	}
	if err := json.Unmarshal(s.Call(t, acctest.Nobody, "GET", "/_sandbox/journal?since=2", nil).Body, &page); err != nil {
		t.Fatal(err)
	}
	if page.Next != 3 || len(page.Writes) != 1 || page.Writes[0].Seq != 3 {
		t.Errorf("GET /_sandbox/journal?since=2 = %+v, want write 3 alone", page)
	}
	if r := s.Call(t, acctest.Nobody, "GET", "/_sandbox/journal?since=soon", nil); r.Status != 400 {
		t.Errorf("a bad since = %d, want 400", r.Status)
	}
}

// accountOutside returns an active account that is not a member of the group.
func accountOutside(t *testing.T, s *acctest.Env, groupID string) string {
	t.Helper()
	members := s.Sandbox.Store().Members(groupID)
	for _, u := range s.Sandbox.Store().Users() {
		if u.Active && !slices.Contains(members, u.AccountID) {
			return u.AccountID
		}
	}
	t.Fatalf("every account is a member of %s", groupID)
	return ""
}

func TestJournalIsOffByDefault(t *testing.T) {
	s := acctest.StartSandbox(t)
	if r := s.Call(t, acctest.Admin, "POST", "/wiki/rest/api/group", map[string]string{"name": "eng-new"}); r.Status != 201 {
		t.Fatalf("create group = %d", r.Status)
	}
	if writes, next := s.Sandbox.Journal(0); len(writes) != 0 || next != 0 {
		t.Errorf("journal without Options.Journal: %v, %d", writes, next)
	}
}

// Facts name every group, member, grant, role and document field, and never a credential.
func TestFactsLeaveCredentialsOut(t *testing.T) {
	s := acctest.StartSandbox(t)
	facts := s.Sandbox.Facts()
	for _, want := range []string{"group " + s.GroupID(t, "eng-writers"), "app settings groupSettings.groupNameRegex",
		"app legacy credentials", "site space role mode", "user " + s.AccountID(t, "bob.baker@example.com")} {
		if facts[want] == "" {
			t.Errorf("no fact %q", want)
		}
	}
	for k, v := range facts {
		if v == "" {
			t.Errorf("fact %q is empty", k)
		}
		for _, secret := range []string{acctest.AdminToken, s.Sandbox.AppAPIKey(), "sandbox-legacy-token"} {
			if strings.Contains(k+v, secret) {
				t.Errorf("fact %q = %q holds a credential", k, v)
			}
		}
	}
}

// Two sandboxes with stable IDs that create the same groups and grants in opposite orders assign the
// same IDs; a group made again after a delete gets a new one.
func TestStableIDsFollowWhatTheyIdentify(t *testing.T) {
	ids := func(order []string) map[string]string {
		s := acctest.StartSandbox(t, acctest.WithStableIDs(), acctest.WithSpaceRoleMode("PRE_ROLES"))
		out := map[string]string{}
		for _, name := range order {
			r := s.Call(t, acctest.Admin, "POST", "/wiki/rest/api/group", map[string]string{"name": name})
			if r.Status != 201 {
				t.Fatalf("create %s = %d %s", name, r.Status, r.Body)
			}
			out[name] = s.GroupID(t, name)
		}
		for _, name := range order {
			r := s.Call(t, acctest.Admin, "POST", "/wiki/rest/api/space/ENG/permission", permBody("group", out[name], "read", "space"))
			if r.Status != 200 {
				t.Fatalf("grant %s = %d %s", name, r.Status, r.Body)
			}
			out["grant "+name] = fmt.Sprint(r.JSON(t)["id"])
		}
		for _, role := range s.Sandbox.Store().SpaceRoles() {
			out["role "+role.Name] = role.ID
		}
		first := out["eng-a"]
		if r := s.Call(t, acctest.Admin, "DELETE", "/wiki/rest/api/group/by-id?id="+first, nil); r.Status != 204 {
			t.Fatalf("delete = %d", r.Status)
		}
		s.Call(t, acctest.Admin, "POST", "/wiki/rest/api/group", map[string]string{"name": "eng-a"})
		if again := s.GroupID(t, "eng-a"); again == first {
			t.Errorf("eng-a made again kept its old ID %s", first)
		} else {
			out["eng-a again"] = again
		}
		return out
	}
	a, b := ids([]string{"eng-a", "eng-b", "eng-c"}), ids([]string{"eng-c", "eng-b", "eng-a"})
	for k, v := range a {
		if b[k] != v {
			t.Errorf("%s: %s in one run, %s in the other", k, v, b[k])
		}
	}
	if a["role Admin"] == "" {
		t.Error("no Admin role")
	}
}
