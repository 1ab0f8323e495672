package csumdoc

import (
	"slices"
	"testing"
)

func TestPointerEscapesAndSplitPointerUnescapes(t *testing.T) {
	tests := []struct {
		segments []any
		want     string
	}{
		{[]any{"groupSettings", "groupBlocklist", 3}, "/groupSettings/groupBlocklist/3"},
		{[]any{"users", "a/b"}, "/users/a~1b"},
		{[]any{"x~y"}, "/x~0y"},
		{[]any{"~1"}, "/~01"}, // must not read back as "/"
		{[]any{"/~"}, "/~1~0"},
		{[]any{""}, "/"},
		{[]any{"a", ""}, "/a/"},
		{nil, ""},
	}
	for _, tt := range tests {
		got := Pointer(tt.segments...)
		if got != tt.want {
			t.Errorf("Pointer(%q) = %q; want %q", tt.segments, got, tt.want)
		}
		var wantSegments []string
		for _, s := range tt.segments {
			switch v := s.(type) {
			case string:
				wantSegments = append(wantSegments, v)
			case int:
				wantSegments = append(wantSegments, itoa(v))
			}
		}
		if back := SplitPointer(got); !slices.Equal(back, wantSegments) {
			t.Errorf("SplitPointer(%q) = %q; want %q", got, back, wantSegments)
		}
	}
}

func TestRefsPointIntoTheirDocuments(t *testing.T) {
	filter := "f"
	s := DefaultSettings()
	s.GroupSettings.GroupBlocklist = []string{"b0", "b1"}
	s.UserSettings.AutoJoinGroupIDs = []string{"a0"}
	s.UserSettings.UserGroupFilterGroupID = &filter
	want := []Ref{
		{"/groupSettings/groupBlocklist/0", "b0"}, {"/groupSettings/groupBlocklist/1", "b1"},
		{"/userSettings/autoJoinGroupIds/0", "a0"}, {"/userSettings/userGroupFilterGroupId", "f"},
	}
	if got := s.GroupIDRefs(); !slices.Equal(got, want) {
		t.Errorf("Settings.GroupIDRefs = %v; want %v", got, want)
	}
	p := PermissionSchemes{
		Users:  []UserScheme{{AccountID: "u0"}, {AccountID: "u1"}},
		Groups: []GroupScheme{{GroupID: "g0"}},
	}
	if got, want := p.AccountRefs(), []Ref{{"/users/0/accountId", "u0"}, {"/users/1/accountId", "u1"}}; !slices.Equal(got, want) {
		t.Errorf("AccountRefs = %v; want %v", got, want)
	}
	if got, want := p.GroupIDRefs(), []Ref{{"/groups/0/groupId", "g0"}}; !slices.Equal(got, want) {
		t.Errorf("PermissionSchemes.GroupIDRefs = %v; want %v", got, want)
	}
}
