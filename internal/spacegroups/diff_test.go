package spacegroups

import (
	"slices"
	"testing"
)

func TestDiffSets(t *testing.T) {
	cases := []struct {
		name                string
		current, desired    []string
		wantAdd, wantRemove []string
	}{
		{"equal", []string{"a", "b"}, []string{"b", "a"}, nil, nil},
		{"add only", []string{"a"}, []string{"c", "a", "b"}, []string{"b", "c"}, nil},
		{"remove only", []string{"a", "b"}, nil, nil, []string{"a", "b"}},
		{"both", []string{"a", "b"}, []string{"b", "c"}, []string{"c"}, []string{"a"}},
		{"duplicates count once", []string{"a", "a"}, []string{"b", "b"}, []string{"b"}, []string{"a"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			add, remove := Diff(tc.current, tc.desired)
			if !slices.Equal(add, tc.wantAdd) || !slices.Equal(remove, tc.wantRemove) {
				t.Fatalf("Diff(%v, %v) = %v, %v; want %v, %v", tc.current, tc.desired, add, remove, tc.wantAdd, tc.wantRemove)
			}
		})
	}
}

func TestProtectedAmong(t *testing.T) {
	protected := map[string]string{"p1": "listed", "p2": "privileged"}
	got := ProtectedAmong([]string{"x", "p2", "p1"}, protected)
	if want := []string{"p2 (privileged)", "p1 (listed)"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if got := ProtectedAmong([]string{"x"}, protected); got != nil {
		t.Fatalf("unprotected accounts reported: %v", got)
	}
}

func TestDiffMembersIgnoresLabels(t *testing.T) {
	add, remove := DiffMembers(Roster{"a": "Alice", "b": "Bob"}, Roster{"b": "Robert", "c": ""})
	if !slices.Equal(add, []string{"c"}) || !slices.Equal(remove, []string{"a"}) {
		t.Fatalf("DiffMembers = %v, %v; want [c], [a]: a new label is no change of member", add, remove)
	}
	if add, remove := DiffMembers(nil, Roster{}); add != nil || remove != nil {
		t.Fatalf("two empty rosters: %v, %v", add, remove)
	}
}
