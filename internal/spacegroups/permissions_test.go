package spacegroups

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

func TestPermissionProblems(t *testing.T) {
	cases := []struct {
		name  string
		perms []string
		want  []string // substrings, one per expected problem
	}{
		{"none", nil, nil},
		{"read only", []string{"read/space"}, nil},
		{"every valid pair", ValidPermissions, nil},
		{"missing read/space", []string{"create/page"}, []string{`needs "read/space"`}},
		{"unknown pair", []string{"read/space", "purge/space"}, []string{`"purge/space" is not`}},
		{"valid key, wrong target", []string{"read/space", "archive/space"}, []string{`"archive/space" is not`}},
		{"both", []string{"update/page"}, []string{`"update/page" is not`, `needs "read/space"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := PermissionProblems(tc.perms)
			if len(got) != len(tc.want) {
				t.Fatalf("problems %q, want %d", got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %q does not contain %q", got[i], w)
				}
			}
		})
	}
}

func TestPermissionOrdering(t *testing.T) {
	if got := orderGrants([]string{"create/page", "read/space", "delete/page"}); got[0] != ReadSpace || len(got) != 3 {
		t.Fatalf("grants %v: read/space must come first", got)
	}
	if got := orderRevokes([]string{"create/page", "delete/page"}); !slices.Equal(got, []string{"create/page", "delete/page"}) {
		t.Fatalf("revokes without read/space changed: %v", got)
	}
	if got := orderRevokes([]string{"create/page", "read/space"}); !slices.Equal(got, []string{ReadSpace}) {
		t.Fatalf("revoking read/space cascades, so only it is sent; got %v", got)
	}
	if op, target := splitPermission("restrict_content/space"); op != "restrict_content" || target != "space" {
		t.Fatalf("split: %q %q", op, target)
	}
}

// apply runs ApplyAccess from what the fake holds now.
func apply(t *testing.T, f *fakeSpace, groupID string, desired GroupAccess) (GroupAccess, []string) {
	t.Helper()
	site := NewSite(f, nil, nil)
	access, err := site.Access(context.Background(), f.space, false)
	if err != nil {
		t.Fatal(err)
	}
	current, ids := access.Group(groupID)
	held, failed, err := site.ApplyAccess(context.Background(), f, f.space, groupID, current, ids, desired)
	if err != nil {
		t.Fatal(err)
	}
	return held, failed
}

func TestApplyAccessGrantsReadSpaceFirstAndReadsBack(t *testing.T) {
	f := newFakeSpace(groupPerm(1, "g", "read/space"), groupPerm(2, "g", "delete/page"), groupPerm(3, "other", "create/page"))
	held, failed := apply(t, f, "g", GroupAccess{Permissions: []string{"read/space", "create/page"}})
	if want := []string{"create/page", "read/space"}; len(failed) != 0 || !slices.Equal(held.Permissions, want) {
		t.Fatalf("held %v, failed %v; want %v", held, failed, want)
	}
	if others, _ := GroupPermissions(context.Background(), f, "1", "other"); len(others) != 1 {
		t.Fatalf("another group's permissions changed: %v", others)
	}
}

// A grant of read/space whose answer was lost but which took effect counts as done, and the grants after
// it go on; a refused read/space stops the others, which Confluence would refuse anyway.
func TestApplyAccessSettlesALostReadSpaceGrant(t *testing.T) {
	f := newFakeSpace()
	f.lose["read/space"] = true
	held, failed := apply(t, f, "g", GroupAccess{Permissions: []string{"read/space", "create/page"}})
	if len(failed) != 0 || !slices.Equal(held.Permissions, []string{"create/page", "read/space"}) {
		t.Fatalf("held %v, failed %v", held, failed)
	}

	f = newFakeSpace()
	f.refuse["read/space"] = true
	held, failed = apply(t, f, "g", GroupAccess{Permissions: []string{"read/space", "create/page"}})
	if len(held.Permissions) != 0 || len(failed) != 1 || !strings.Contains(failed[0], "grant read/space") || f.grants != 1 {
		t.Fatalf("held %v, failed %v, %d grants; want one refused grant and nothing else sent", held, failed, f.grants)
	}
}

// An interrupted run still reads back what its writes did: the grant under way when the run was stopped
// took effect and counts, the grants not sent yet fail, and the group's access is what Confluence holds. A
// read-back that stopped with the run would leave the caller recording the planned access instead (found by
// the fault soak, seed 6).
func TestApplyAccessReadsBackAfterAnInterrupt(t *testing.T) {
	f := newFakeSpace()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f.interrupt, f.interruptAt = cancel, "read/space"
	held, failed, err := NewSite(f, nil, nil).ApplyAccess(ctx, f, f.space, "g", GroupAccess{}, nil,
		GroupAccess{Permissions: []string{"read/space", "create/page"}})
	if err != nil {
		t.Fatalf("ApplyAccess: %v", err)
	}
	if !slices.Equal(held.Permissions, []string{"read/space"}) || len(failed) != 1 || !strings.Contains(failed[0], "grant create/page") {
		t.Fatalf("held %v, failed %v; want read/space held and the grant of create/page failed", held, failed)
	}
}

// Moving from permissions to a role assigns the role before any permission is removed, and moving back
// grants the permissions before the role goes: a refused first step leaves the group's access as it was.
func TestApplyAccessNeverTakesAccessAwayBeforeGivingTheNew(t *testing.T) {
	f := newFakeSpace(groupPerm(1, "g", "read/space"), groupPerm(2, "g", "create/page"))
	f.refuse["r-viewer"] = true
	held, failed := apply(t, f, "g", GroupAccess{RoleID: "r-viewer"})
	if len(failed) != 1 || !strings.Contains(failed[0], "assign role r-viewer") || len(held.Permissions) != 2 {
		t.Fatalf("a refused role took permissions away: held %v, failed %v", held, failed)
	}

	delete(f.refuse, "r-viewer")
	held, failed = apply(t, f, "g", GroupAccess{RoleID: "r-viewer"})
	if len(failed) != 0 || held.RoleID != "r-viewer" || len(held.Permissions) != 0 {
		t.Fatalf("permissions to role: held %v, failed %v", held, failed)
	}

	f.refuse["read/space"] = true
	held, failed = apply(t, f, "g", GroupAccess{Permissions: []string{"read/space"}})
	if len(failed) != 1 || held.RoleID != "r-viewer" {
		t.Fatalf("a refused grant took the role away: held %v, failed %v", held, failed)
	}
	delete(f.refuse, "read/space")
	held, failed = apply(t, f, "g", GroupAccess{Permissions: []string{"read/space"}})
	if len(failed) != 0 || held.RoleID != "" || !slices.Equal(held.Permissions, []string{"read/space"}) {
		t.Fatalf("role to permissions: held %v, failed %v", held, failed)
	}
}

func TestApplyAccessSettlesALostRoleWrite(t *testing.T) {
	f := newFakeSpace()
	f.lose["r-admin"] = true
	held, failed := apply(t, f, "g", GroupAccess{RoleID: "r-admin"})
	if len(failed) != 0 || held.RoleID != "r-admin" {
		t.Fatalf("held %v, failed %v; a lost answer of a write that took effect counts as done", held, failed)
	}
}

// A role write lost before Confluence applied it is reported as such, once the assignments read back show
// it did not happen, and is not sent again.
func TestApplyAccessReportsALostRoleWriteThatDidNotTakeEffect(t *testing.T) {
	f := newFakeSpace()
	f.drop["r-admin"] = true
	held, failed := apply(t, f, "g", GroupAccess{RoleID: "r-admin"})
	want := []string{"assign role r-admin: the answer was lost and space ENG does not show the change"}
	if held.RoleID != "" || !slices.Equal(failed, want) || f.roleWrites != 1 {
		t.Fatalf("held %v, failed %q after %d role writes; want no role and %q after one", held, failed, f.roleWrites, want)
	}
}

func TestLosesAdminister(t *testing.T) {
	site := NewSite(newFakeSpace(), nil, nil)
	admin := GroupAccess{Permissions: []string{ReadSpace, AdministerSpace}}
	cases := []struct {
		have, planned GroupAccess
		want          bool
	}{
		{admin, admin, false},
		{admin, GroupAccess{Permissions: []string{ReadSpace}}, true},
		{admin, GroupAccess{Permissions: []string{AdministerSpace}}, true}, // without read/space, Confluence removes everything
		{admin, GroupAccess{}, true},
		{admin, GroupAccess{RoleID: "r-admin"}, false},
		{GroupAccess{RoleID: "r-admin"}, GroupAccess{RoleID: "r-viewer"}, true},
		{GroupAccess{RoleID: "r-viewer"}, GroupAccess{}, false},
		{GroupAccess{Permissions: []string{ReadSpace}}, GroupAccess{}, false},
	}
	for _, tc := range cases {
		got, err := site.LosesAdminister(context.Background(), tc.have, tc.planned)
		if err != nil || got != tc.want {
			t.Errorf("LosesAdminister(%v, %v) = %v, %v; want %v", tc.have, tc.planned, got, err, tc.want)
		}
	}
}

func TestCheckLastAdminister(t *testing.T) {
	ctx := context.Background()
	f := newFakeSpace(groupPerm(1, "g", "read/space"), groupPerm(2, "g", "administer/space"))
	site := NewSite(f, nil, nil)
	var last *LastAdministerError
	if err := site.CheckLastAdminister(ctx, "ENG", "g", "deleting the group"); !errors.As(err, &last) || last.SpaceKey != "ENG" {
		t.Fatalf("the only administrator: %v, want a LastAdministerError", err)
	}
	if err := site.CheckLastAdminister(ctx, "ENG", "other", "deleting the group"); err != nil {
		t.Fatalf("a group that is not an administrator: %v", err)
	}
	f.assigned["admins"] = "r-admin"
	if err := site.CheckLastAdminister(ctx, "ENG", "g", "deleting the group"); err != nil {
		t.Fatalf("another group administers through its role: %v", err)
	}
	delete(f.assigned, "admins")
	f.assigned["g"] = "r-admin"
	f.perms = nil
	if err := site.CheckLastAdminister(ctx, "ENG", "g", "removing its role"); !errors.As(err, &last) {
		t.Fatalf("the only administrator, through its role: %v, want a LastAdministerError", err)
	}
	f.perms = append(f.perms, groupPerm(3, "admins", "administer/space"))
	if err := site.CheckLastAdminister(ctx, "ENG", "g", "deleting the group"); err != nil {
		t.Fatalf("another administrator remains: %v", err)
	}
	if err := site.CheckLastAdminister(ctx, "GONE", "g", "deleting the group"); err == nil || errors.As(err, &last) ||
		!strings.Contains(err.Error(), "cannot be seen") {
		t.Fatalf("a space the account cannot see: %v, want an error that says the check cannot be made", err)
	}
}

// A site without the mode endpoint has no roles; any other failure to read the mode is an error.
func TestModeOfASiteWithoutTheEndpoint(t *testing.T) {
	f := newFakeSpace()
	f.modeErr = &httpx.APIError{Status: http.StatusNotFound}
	if mode, err := NewSite(f, nil, nil).Mode(context.Background()); err != nil || mode != confluence.ModePreRoles {
		t.Fatalf("mode = %q, %v; want PRE_ROLES", mode, err)
	}
	f.modeErr = &httpx.APIError{Status: http.StatusUnauthorized}
	if _, err := NewSite(f, nil, nil).Mode(context.Background()); err == nil {
		t.Fatal("a 401 must be an error")
	}
	f.modeErr, f.mode = nil, "SOMETHING_NEW"
	if _, err := NewSite(f, nil, nil).Mode(context.Background()); err == nil {
		t.Fatal("an unknown mode must be an error")
	}
}
