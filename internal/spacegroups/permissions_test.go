package spacegroups

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
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

func TestApplyPermissionsGrantsReadSpaceFirstAndReadsBack(t *testing.T) {
	f := newFakeSpace(groupPerm(1, "g", "read/space"), groupPerm(2, "g", "delete/page"), groupPerm(3, "other", "create/page"))
	current, _ := GroupPermissions(context.Background(), f, "1", "g")
	held, failed, err := ApplyPermissions(context.Background(), f, f.space, "g", current, []string{"read/space", "create/page"})
	if err != nil || len(failed) != 0 {
		t.Fatalf("err %v, failed %v", err, failed)
	}
	if want := []string{"create/page", "read/space"}; !slices.Equal(held, want) {
		t.Fatalf("held %v, want %v", held, want)
	}
	if others, _ := GroupPermissions(context.Background(), f, "1", "other"); len(others) != 1 {
		t.Fatalf("another group's permissions changed: %v", others)
	}
}

// A grant of read/space whose answer was lost but which took effect counts as done, and the grants after
// it go on; a refused read/space stops the others, which Confluence would refuse anyway.
func TestApplyPermissionsSettlesALostReadSpaceGrant(t *testing.T) {
	f := newFakeSpace()
	f.lose["read/space"] = true
	held, failed, err := ApplyPermissions(context.Background(), f, f.space, "g", nil, []string{"read/space", "create/page"})
	if err != nil || len(failed) != 0 || !slices.Equal(held, []string{"create/page", "read/space"}) {
		t.Fatalf("held %v, failed %v, err %v", held, failed, err)
	}

	f = newFakeSpace()
	f.refuse["read/space"] = true
	held, failed, err = ApplyPermissions(context.Background(), f, f.space, "g", nil, []string{"read/space", "create/page"})
	if err != nil || len(held) != 0 || len(failed) != 1 || !strings.Contains(failed[0], "grant read/space") || f.grants != 1 {
		t.Fatalf("held %v, failed %v, err %v, %d grants; want one refused grant and nothing else sent", held, failed, err, f.grants)
	}
}

func TestLosesAdminister(t *testing.T) {
	admin := []string{ReadSpace, AdministerSpace}
	cases := []struct {
		have, planned []string
		want          bool
	}{
		{admin, admin, false},
		{admin, []string{ReadSpace}, true},
		{admin, []string{AdministerSpace}, true}, // without read/space, Confluence removes everything
		{admin, nil, true},
		{[]string{ReadSpace}, nil, false},
	}
	for _, tc := range cases {
		if got := LosesAdminister(tc.have, tc.planned); got != tc.want {
			t.Errorf("LosesAdminister(%v, %v) = %v, want %v", tc.have, tc.planned, got, tc.want)
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
	f.perms = append(f.perms, groupPerm(3, "admins", "administer/space"))
	if err := site.CheckLastAdminister(ctx, "ENG", "g", "deleting the group"); err != nil {
		t.Fatalf("another administrator remains: %v", err)
	}
	if err := site.CheckLastAdminister(ctx, "GONE", "g", "deleting the group"); err != nil {
		t.Fatalf("a space that does not exist has no administrators to lose: %v", err)
	}
}
