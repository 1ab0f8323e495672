package confluence_test

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

func TestRolesOnlyModeRefusesClassicPermissionWrites(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	srv, err := sandbox.Start(sandbox.Options{StatePath: state})
	if err != nil {
		t.Fatal(err)
	}
	s := &acctest.Env{Sandbox: srv}
	readers := s.GroupID(t, "ops-readers")
	// The demo site is roles-only, as every new site is.
	if mode := s.Call(t, acctest.Viewer, "GET", "/wiki/api/v2/space-role-mode", nil).JSON(t); mode["mode"] != confluence.RoleModeRoles {
		t.Fatalf("default mode = %v", mode)
	}
	seeded := s.Sandbox.Store().SpacePermissions("OPS")[0].ID
	refused := func(when string) {
		t.Helper()
		before := len(s.Sandbox.Store().SpacePermissions("OPS"))
		for _, write := range []struct{ method, path string }{
			{"POST", "/wiki/rest/api/space/OPS/permission"},
			{"DELETE", fmt.Sprintf("/wiki/rest/api/space/OPS/permission/%d", seeded)},
		} {
			r := s.Call(t, acctest.Admin, write.method, write.path, permBody("group", readers, "delete", "page"))
			if r.Status != 400 {
				t.Fatalf("%s %s = %d %s", write.method, when, r.Status, r.Body)
			}
			assertV1Error(t, r, 400, "InvalidRbacOperationException")
			if !strings.Contains(string(r.Body), "InvalidRbacOperationException: Space permission updates that are not from RBAC are not supported in roles-only mode") {
				t.Errorf("message = %s", r.Body)
			}
		}
		if after := len(s.Sandbox.Store().SpacePermissions("OPS")); after != before {
			t.Errorf("a refused write changed permissions: %d -> %d", before, after)
		}
	}
	refused("in ROLES")

	// Classic writes work during the transition and before roles.
	for _, mode := range []string{confluence.RoleModeTransition, confluence.RoleModePreRoles} {
		if err := s.Sandbox.Store().SetSpaceRoleMode(mode); err != nil {
			t.Fatal(err)
		}
		added := s.Call(t, acctest.Admin, "POST", "/wiki/rest/api/space/OPS/permission", permBody("group", readers, "create", "page"))
		if added.Status != 200 {
			t.Fatalf("add in %s = %d %s", mode, added.Status, added.Body)
		}
		id := int64(added.JSON(t)["id"].(float64))
		if r := s.Call(t, acctest.Admin, "DELETE", fmt.Sprintf("/wiki/rest/api/space/OPS/permission/%d", id), nil); r.Status != 204 {
			t.Fatalf("delete in %s = %d %s", mode, r.Status, r.Body)
		}
		if got := s.Call(t, acctest.Viewer, "GET", "/wiki/api/v2/space-role-mode", nil).JSON(t); got["mode"] != mode {
			t.Errorf("mode = %v, want %s", got, mode)
		}
	}

	if err := s.Sandbox.Store().SetSpaceRoleMode(confluence.RoleModeRoles); err != nil {
		t.Fatal(err)
	}
	refused("after moving back to ROLES")
	if err := s.Sandbox.Store().SetSpaceRoleMode("SOMETIMES"); err == nil {
		t.Error("an unknown mode was accepted")
	}
	// The mode is part of the saved model.
	if err := s.Sandbox.Store().SetSpaceRoleMode(confluence.RoleModeTransition); err != nil {
		t.Fatal(err)
	}
	if err := s.Sandbox.Close(); err != nil {
		t.Fatal(err)
	}
	again := acctest.StartSandbox(t, acctest.WithStatePath(state))
	if again.Sandbox.Store().SpaceRoleMode() != confluence.RoleModeTransition {
		t.Errorf("mode after restart = %s", again.Sandbox.Store().SpaceRoleMode())
	}
}

func TestCreatedGroupIsAGroupObject(t *testing.T) {
	s := acctest.StartSandbox(t)
	r := s.Call(t, acctest.Admin, "POST", "/wiki/rest/api/group", map[string]string{"name": "Fresh-Group"})
	body := r.JSON(t)
	if r.Status != 201 || body["type"] != "group" || body["name"] != "fresh-group" || body["id"] == "" ||
		body["usageType"] != "USERBASE_GROUP" || body["managedBy"] != "ADMINS" {
		t.Fatalf("create = %d %s", r.Status, r.Body)
	}
	got := s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/group/by-id?id="+url.QueryEscape(body["id"].(string)), nil).JSON(t)
	if got["name"] != "fresh-group" || got["id"] != body["id"] {
		t.Errorf("read back %v", got)
	}
}

func TestAppAccountTypeIsServed(t *testing.T) {
	s := acctest.StartSandbox(t)
	if err := s.Sandbox.Store().AddUser(confluence.User{AccountID: "557058:bot", DisplayName: "Some Bot", AccountType: "app", Active: true}); err != nil {
		t.Fatal(err)
	}
	bot := s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/user?accountId=557058:bot", nil).JSON(t)
	if bot["accountType"] != "app" || bot["email"] != "" {
		t.Errorf("bot user = %v", bot)
	}
}
