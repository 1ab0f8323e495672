package sandbox

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

func TestRolesOnlyModeRefusesClassicPermissionWrites(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	s, err := Start(Options{StatePath: state})
	if err != nil {
		t.Fatal(err)
	}
	readers := groupID(t, s, "ops-readers")
	if mode := call(t, s, asViewer, "GET", "/wiki/api/v2/space-role-mode", nil).json(t); mode["mode"] != RoleModePreRoles {
		t.Fatalf("default mode = %v", mode)
	}
	// Classic writes work before the switch and during the transition.
	if err := s.Store().SetSpaceRoleMode(RoleModeTransition); err != nil {
		t.Fatal(err)
	}
	added := call(t, s, asAdmin, "POST", "/wiki/rest/api/space/OPS/permission", permBody("group", readers, "create", "page"))
	if added.status != 200 {
		t.Fatalf("add in ROLES_TRANSITION = %d %s", added.status, added.body)
	}
	id := int64(added.json(t)["id"].(float64))

	if err := s.Store().SetSpaceRoleMode(RoleModeRoles); err != nil {
		t.Fatal(err)
	}
	before := len(s.Store().SpacePermissions("OPS"))
	for _, write := range []struct{ method, path string }{
		{"POST", "/wiki/rest/api/space/OPS/permission"},
		{"DELETE", fmt.Sprintf("/wiki/rest/api/space/OPS/permission/%d", id)},
	} {
		r := call(t, s, asAdmin, write.method, write.path, permBody("group", readers, "delete", "page"))
		if r.status != 400 {
			t.Fatalf("%s in ROLES mode = %d %s", write.method, r.status, r.body)
		}
		assertV1Error(t, r, 400, "InvalidRbacOperationException")
		if !strings.Contains(string(r.body), "not supported in roles-only mode") {
			t.Errorf("message = %s", r.body)
		}
	}
	if after := len(s.Store().SpacePermissions("OPS")); after != before {
		t.Errorf("a refused write changed permissions: %d -> %d", before, after)
	}
	if mode := call(t, s, asViewer, "GET", "/wiki/api/v2/space-role-mode", nil).json(t); mode["mode"] != RoleModeRoles {
		t.Errorf("mode = %v", mode)
	}
	if err := s.Store().SetSpaceRoleMode("SOMETIMES"); err == nil {
		t.Error("an unknown mode was accepted")
	}
	// The mode is part of the saved model.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again := startSandbox(t, Options{StatePath: state})
	if again.Store().SpaceRoleMode() != RoleModeRoles {
		t.Errorf("mode after restart = %s", again.Store().SpaceRoleMode())
	}
}

func TestCreatedGroupIsAGroupObject(t *testing.T) {
	s := startSandbox(t, Options{})
	r := call(t, s, asAdmin, "POST", "/wiki/rest/api/group", map[string]string{"name": "Fresh-Group"})
	body := r.json(t)
	if r.status != 201 || body["type"] != "group" || body["name"] != "fresh-group" || body["id"] == "" ||
		body["usageType"] != "USERBASE_GROUP" || body["managedBy"] != "ADMINS" {
		t.Fatalf("create = %d %s", r.status, r.body)
	}
	got := call(t, s, asViewer, "GET", "/wiki/rest/api/group/by-id?id="+url.QueryEscape(body["id"].(string)), nil).json(t)
	if got["name"] != "fresh-group" || got["id"] != body["id"] {
		t.Errorf("read back %v", got)
	}
}

func TestAppAccountTypeIsServed(t *testing.T) {
	s := startSandbox(t, Options{})
	if err := s.Store().AddUser(User{AccountID: "557058:bot", DisplayName: "Some Bot", AccountType: "app", Active: true}); err != nil {
		t.Fatal(err)
	}
	bot := call(t, s, asViewer, "GET", "/wiki/rest/api/user?accountId=557058:bot", nil).json(t)
	if bot["accountType"] != "app" || bot["email"] != "" {
		t.Errorf("bot user = %v", bot)
	}
}
