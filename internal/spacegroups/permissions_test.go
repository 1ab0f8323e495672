package spacegroups

import (
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
