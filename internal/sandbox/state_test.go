package sandbox_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

func TestStateFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	srv, err := sandbox.Start(sandbox.Options{StatePath: path, SpaceRoleMode: confluence.RoleModePreRoles})
	if err != nil {
		t.Fatal(err)
	}
	first := &acctest.Env{Sandbox: srv}
	created := first.Call(t, acctest.Admin, "POST", "/wiki/rest/api/group", map[string]string{"name": "ops-night"}).JSON(t)
	id := created["id"].(string)
	vera := first.AccountID(t, acctest.ViewerEmail)
	if r := first.Call(t, acctest.Admin, "POST", "/wiki/rest/api/group/userByGroupId?groupId="+id, map[string]string{"accountId": vera}); r.Status != 201 {
		t.Fatalf("add member = %d", r.Status)
	}
	perm := first.Call(t, acctest.Admin, "POST", "/wiki/rest/api/space/OPS/permission", permBody("group", id, "read", "space")).JSON(t)
	permID := int64(perm["id"].(float64))
	if r := first.Call(t, acctest.Admin, "DELETE", "/wiki/rest/api/space/OPS/permission/"+jsonNumber(permID), nil); r.Status != 204 {
		t.Fatalf("delete permission = %d", r.Status)
	}
	first.Sandbox.App().SetPrivilegedUser(first.AccountID(t, "automation@example.com"))
	lastActive := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := first.Sandbox.Admin().SetLastActive(vera, "confluence", lastActive); err != nil {
		t.Fatal(err)
	}

	// Every successful write was saved already: the file reflects them before Close.
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(saved, []byte(`"ops-night"`)) || !bytes.Contains(saved, []byte(`"privilegedUser"`)) {
		t.Fatalf("state file misses the writes")
	}
	if bytes.Contains(saved, []byte("sandbox-legacy-token")) {
		t.Error("state file holds the legacy app token")
	}
	if err := first.Sandbox.Close(); err != nil {
		t.Fatal(err)
	}

	// A different seed is ignored once the state file exists.
	second := acctest.StartSandbox(t, acctest.WithStatePath(path), acctest.WithSeed(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 1})))
	g, ok := second.Sandbox.Store().GroupByName("ops-night")
	if !ok || g.ID != id || !slices.Equal(second.Sandbox.Store().Members(id), []string{vera}) {
		t.Fatalf("restored group %+v members %v", g, second.Sandbox.Store().Members(id))
	}
	if _, ok := second.Sandbox.Store().GroupByName("eng-writers"); !ok {
		t.Error("demo data lost")
	}
	if got := second.Sandbox.App().Snapshot().PrivilegedUser; got != second.AccountID(t, "automation@example.com") {
		t.Errorf("app state not restored: privileged user %q", got)
	}
	// The organization comes back as it was, with its relative times made absolute.
	if second.Sandbox.OrgID() != first.Sandbox.OrgID() || !orgLastActive(second.Sandbox, vera).Equal(lastActive) {
		t.Errorf("organization not restored: org %q, last activity %v", second.Sandbox.OrgID(), orgLastActive(second.Sandbox, vera))
	}
	// Permission ids are never reused, even for a grant deleted before the restart.
	again := second.Call(t, acctest.Admin, "POST", "/wiki/rest/api/space/OPS/permission", permBody("group", id, "read", "space")).JSON(t)
	if int64(again["id"].(float64)) <= permID {
		t.Errorf("permission id %v reused after restart (deleted %d)", again["id"], permID)
	}
	if r := second.Call(t, acctest.Admin, "GET", "/wiki/rest/api/user/current", nil); r.Status != 200 {
		t.Errorf("seed credentials lost: %d", r.Status)
	}
}

func TestStateFileErrors(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`{"sandboxStateVersion": 1, "typo": true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := sandbox.Start(sandbox.Options{StatePath: broken}); err == nil || !strings.Contains(err.Error(), "typo") {
		t.Errorf("broken state file: %v", err)
	}
	if _, err := sandbox.Start(sandbox.Options{StatePath: filepath.Join(dir, "missing-dir", "state.json")}); err == nil {
		t.Error("an unwritable state path must fail at start")
	}
}

func TestFailedWritesAreNotSaved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := acctest.StartSandbox(t, acctest.WithStatePath(path))
	before, _ := os.Stat(path)
	if r := s.Call(t, acctest.Viewer, "POST", "/wiki/rest/api/group", map[string]string{"name": "x"}); r.Status != 403 {
		t.Fatalf("status %d", r.Status)
	}
	after, _ := os.Stat(path)
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("a refused write rewrote the state file")
	}
}

func TestConcurrentRequests(t *testing.T) {
	s := acctest.StartSandbox(t, acctest.WithStatePath(filepath.Join(t.TempDir(), "state.json")))
	oncall := s.GroupID(t, "ops-oncall")
	users := s.Sandbox.Store().Users()
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Add(2)
		go func() {
			defer wg.Done()
			r := s.Call(t, acctest.Admin, "POST", "/wiki/rest/api/group/userByGroupId?groupId="+oncall, map[string]string{"accountId": u.AccountID})
			if r.Status != http.StatusCreated {
				t.Errorf("add %d = %d", i, r.Status)
			}
		}()
		go func() {
			defer wg.Done()
			s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/group/"+oncall+"/membersByGroupId", nil)
		}()
	}
	wg.Wait()
	if got := len(s.Sandbox.Store().Members(oncall)); got != len(users) {
		t.Errorf("members = %d, want %d", got, len(users))
	}
}

func TestStateKeepsSpaceRoles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	seed := sandbox.DemoSeed()
	seed.CustomSpaceRoles = []sandbox.SeedRole{{Name: "Editor", Description: "Edits pages.", Permissions: []string{"read/space", "create/page"}}}
	srv, err := sandbox.Start(sandbox.Options{Seed: seed, StatePath: path, SpaceRoleMode: confluence.RoleModeTransition})
	if err != nil {
		t.Fatal(err)
	}
	first := &acctest.Env{Sandbox: srv}
	roles := srv.Store().SpaceRoles()
	eng, _ := srv.Store().Space("ENG")
	body := []any{map[string]any{"principal": map[string]string{"principalType": "GROUP", "principalId": first.GroupID(t, "eng-readers")},
		"roleId": roles[4].ID}}
	if r := first.Call(t, acctest.Admin, "POST", "/wiki/api/v2/spaces/"+jsonNumber(eng.ID)+"/role-assignments", body); r.Status != 200 {
		t.Fatalf("assign = %d %s", r.Status, r.Body)
	}
	assigned := srv.Store().RoleAssignments("ENG")
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}

	second := acctest.StartSandbox(t, acctest.WithStatePath(path))
	store := second.Sandbox.Store()
	if got := store.SpaceRoles(); !reflect.DeepEqual(got, roles) {
		t.Errorf("catalogue after restart\n%v\nwant\n%v", got, roles)
	}
	if got := store.RoleAssignments("ENG"); !slices.Equal(got, assigned) {
		t.Errorf("assignments after restart\n%v\nwant\n%v", got, assigned)
	}
	if store.SpaceRoleMode() != confluence.RoleModeTransition {
		t.Errorf("mode after restart %s", store.SpaceRoleMode())
	}
	if sp, _ := store.Space("ENG"); sp != eng {
		t.Errorf("space after restart %+v, want %+v", sp, eng)
	}
}
