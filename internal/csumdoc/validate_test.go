package csumdoc

import (
	"fmt"
	"strings"
	"testing"
)

// want lists expected problems as {path, part of the message} pairs.
type want [][2]string

// wantProblems checks that got holds exactly the expected problems, in any order.
func wantProblems(t *testing.T, got Problems, expected want) {
	t.Helper()
	if len(got) != len(expected) {
		t.Errorf("%d problems, want %d: %+v", len(got), len(expected), got)
	}
	for _, e := range expected {
		found := false
		for _, p := range got {
			found = found || (p.Path == e[0] && strings.Contains(p.Message, e[1]))
		}
		if !found {
			t.Errorf("no problem at %s containing %q in %+v", e[0], e[1], got)
		}
	}
}

func ids(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("g-%04d", i)
	}
	return out
}

func TestDefaultsAreValid(t *testing.T) {
	if p := DefaultSettings().Validate(); len(p) != 0 {
		t.Errorf("DefaultSettings().Validate() = %+v", p)
	}
	if p := DefaultPermissionSchemes().Validate(); len(p) != 0 {
		t.Errorf("DefaultPermissionSchemes().Validate() = %+v", p)
	}
}

func TestSettingsValidate(t *testing.T) {
	empty := " "
	tests := []struct {
		name   string
		change func(*Settings)
		want   want
	}{
		{"suffix pattern", func(s *Settings) { s.GroupSettings.SpaceGroupPattern = Pattern{Prefix: "", Suffix: "-SPACEKEY"} }, nil},
		{"token inside a prefix", func(s *Settings) {
			s.GroupSettings.SpaceGroupPattern = Pattern{Prefix: "wiki-SPACEKEY-", Suffix: "_x.y"}
		}, nil},
		{"empty pattern", func(s *Settings) { s.GroupSettings.SpaceGroupPattern = Pattern{} },
			want{{"/groupSettings/spaceGroupPattern", "both be empty"}, {"/groupSettings/spaceGroupPattern", "exactly once"}}},
		{"pattern without token", func(s *Settings) { s.GroupSettings.SpaceGroupPattern = Pattern{Prefix: "team-"} },
			want{{"/groupSettings/spaceGroupPattern", "exactly once"}}},
		{"token twice across the two", func(s *Settings) {
			s.GroupSettings.SpaceGroupPattern = Pattern{Prefix: "SPACEKEY-", Suffix: "-SPACEKEY"}
		},
			want{{"/groupSettings/spaceGroupPattern", "exactly once"}}},
		{"lower-case token is not the token", func(s *Settings) { s.GroupSettings.SpaceGroupPattern = Pattern{Prefix: "spacekey-"} },
			want{{"/groupSettings/spaceGroupPattern", "exactly once"}}},
		{"prefix too long", func(s *Settings) { s.GroupSettings.SpaceGroupPattern.Prefix = "SPACEKEY-" + strings.Repeat("a", 56) },
			want{{"/groupSettings/spaceGroupPattern", "prefix must be at most 64"}}},
		{"prefix of exactly 64", func(s *Settings) { s.GroupSettings.SpaceGroupPattern.Prefix = "SPACEKEY-" + strings.Repeat("a", 55) }, nil},
		{"bad characters named once each", func(s *Settings) { s.GroupSettings.SpaceGroupPattern.Suffix = "-Ab C" },
			want{{"/groupSettings/spaceGroupPattern", `suffix may contain only a-z 0-9 - _ . besides the SPACEKEY token, not "A", " ", "C"`}}},
		{"invalid regex", func(s *Settings) { s.GroupSettings.GroupNameRegex = "[a-z" },
			want{{"/groupSettings/groupNameRegex", "not a valid RE2"}}},
		{"regex too long", func(s *Settings) { s.GroupSettings.GroupNameRegex = strings.Repeat("a", 257) },
			want{{"/groupSettings/groupNameRegex", "at most 256"}}},
		{"Perl-only regex", func(s *Settings) { s.GroupSettings.GroupNameRegex = `(?=a)b` },
			want{{"/groupSettings/groupNameRegex", "RE2"}}},
		{"per-action limits at their bounds", func(s *Settings) { s.GroupSettings.MaxUsersPerAction, s.GroupSettings.MaxGroupsPerAction = 1, 1000 }, nil},
		{"per-action limits outside", func(s *Settings) { s.GroupSettings.MaxUsersPerAction, s.GroupSettings.MaxGroupsPerAction = 0, 1001 },
			want{{"/groupSettings/maxUsersPerAction", "between 1 and 1000, not 0"}, {"/groupSettings/maxGroupsPerAction", "not 1001"}}},
		{"blocklist of 200", func(s *Settings) { s.GroupSettings.GroupBlocklist = ids(200) }, nil},
		{"blocklist of 201", func(s *Settings) { s.GroupSettings.GroupBlocklist = ids(201) },
			want{{"/groupSettings/groupBlocklist", "at most 200 group IDs, not 201"}}},
		{"blocklist blank and repeated", func(s *Settings) { s.GroupSettings.GroupBlocklist = []string{"a", "", "a"} },
			want{{"/groupSettings/groupBlocklist/1", "empty string"}, {"/groupSettings/groupBlocklist/2", "duplicate group ID a"}}},
		{"unknown visibility", func(s *Settings) { s.UserSettings.DisabledUserVisibility = "flag" },
			want{{"/userSettings/disabledUserVisibility", `not "flag"`}}},
		{"HIDE", func(s *Settings) { s.UserSettings.DisabledUserVisibility = VisibilityHide }, nil},
		{"auto-join of 51", func(s *Settings) { s.UserSettings.AutoJoinGroupIDs = ids(51) },
			want{{"/userSettings/autoJoinGroupIds", "at most 50 group IDs, not 51"}}},
		{"auto-join repeated", func(s *Settings) { s.UserSettings.AutoJoinGroupIDs = []string{"a", "b", "b"} },
			want{{"/userSettings/autoJoinGroupIds/2", "duplicate"}}},
		{"blank group filter", func(s *Settings) { s.UserSettings.UserGroupFilterGroupID = &empty },
			want{{"/userSettings/userGroupFilterGroupId", "or null"}}},
		{"audit retention bounds", func(s *Settings) { s.GeneralSettings.AuditRetentionDays = 3650 }, nil},
		{"audit retention outside", func(s *Settings) { s.GeneralSettings.AuditRetentionDays = 0 },
			want{{"/generalSettings/auditRetentionDays", "between 1 and 3650"}}},
		{"several problems at once", func(s *Settings) {
			s.GroupSettings.SpaceGroupPattern = Pattern{Prefix: "X"}
			s.GroupSettings.MaxGroupsPerAction = -5
			s.UserSettings.AutoJoinGroupIDs = []string{"g", "g"}
			s.GeneralSettings.AuditRetentionDays = 4000
		}, want{
			{"/groupSettings/spaceGroupPattern", "exactly once"},
			{"/groupSettings/spaceGroupPattern", `prefix may contain only a-z 0-9 - _ . besides the SPACEKEY token, not "X"`},
			{"/groupSettings/maxGroupsPerAction", "not -5"},
			{"/userSettings/autoJoinGroupIds/1", "duplicate"},
			{"/generalSettings/auditRetentionDays", "not 4000"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.change(&s)
			wantProblems(t, s.Validate(), tt.want)
		})
	}
}

func TestPermissionSchemesValidate(t *testing.T) {
	tests := []struct {
		name string
		doc  PermissionSchemes
		want want
	}{
		{"every operation once", PermissionSchemes{Default: Operations}, nil},
		{"empty default", PermissionSchemes{Default: []string{}}, nil},
		{"unknown and repeated operations", PermissionSchemes{Default: []string{"CREATE_GROUP", "create_group", "CREATE_GROUP"}},
			want{{"/default/1", `unknown operation "create_group"`}, {"/default/2", "duplicate operation CREATE_GROUP"}}},
		{"50 user and group schemes", PermissionSchemes{Users: userSchemes(50), Groups: groupSchemes(50)}, nil},
		{"51 user and group schemes", PermissionSchemes{Users: userSchemes(51), Groups: groupSchemes(51)},
			want{{"/users", "at most 50 user schemes"}, {"/groups", "at most 50 group schemes"}}},
		{"account IDs", PermissionSchemes{Users: []UserScheme{
			{AccountID: "557058:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"},
			{AccountID: "bob@example.com"},
			{AccountID: ""},
			{AccountID: strings.Repeat("a", 129)},
			{AccountID: "557058:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", Operations: []string{"NOPE"}},
		}}, want{
			{"/users/1/accountId", "not an account ID"},
			{"/users/2/accountId", "not an account ID"},
			{"/users/3/accountId", "not an account ID"},
			{"/users/4/accountId", "a second scheme"},
			{"/users/4/operations/0", "unknown operation"},
		}},
		{"group IDs", PermissionSchemes{Groups: []GroupScheme{
			{GroupID: "g"}, {GroupID: " "}, {GroupID: "g", Operations: []string{"ADD_MEMBERS", "ADD_MEMBERS"}},
		}}, want{
			{"/groups/1/groupId", "empty string"},
			{"/groups/2/groupId", "a second scheme"},
			{"/groups/2/operations/1", "duplicate operation"},
		}},
		{"repeats in sorted order", PermissionSchemes{
			Users:  []UserScheme{{AccountID: "557058:a"}, {AccountID: "557058:b"}, {AccountID: "557058:b"}, {AccountID: "557058:c"}},
			Groups: []GroupScheme{{GroupID: "a"}, {GroupID: "a"}, {GroupID: "a"}},
		}, want{
			{"/users/2/accountId", "a second scheme"},
			{"/groups/1/groupId", "a second scheme"},
			{"/groups/2/groupId", "a second scheme"},
		}},
		{"a repeated invalid ID is reported as invalid only", PermissionSchemes{Users: []UserScheme{{AccountID: "bob@example.com"}, {AccountID: "bob@example.com"}}},
			want{{"/users/0/accountId", "not an account ID"}, {"/users/1/accountId", "not an account ID"}}},
		{"unknown operations are not duplicates", PermissionSchemes{Default: []string{"FLY", "FLY", "ADD_MEMBERS", "REMOVE_MEMBERS", "ADD_MEMBERS"}},
			want{{"/default/0", "unknown operation"}, {"/default/1", "unknown operation"}, {"/default/4", "duplicate operation ADD_MEMBERS"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantProblems(t, tt.doc.Validate(), tt.want) })
	}
}

func userSchemes(n int) []UserScheme {
	out := make([]UserScheme, n)
	for i := range out {
		out[i] = UserScheme{AccountID: fmt.Sprintf("557058:%04d", i), Operations: []string{OpAddMembers}}
	}
	return out
}

func groupSchemes(n int) []GroupScheme {
	out := make([]GroupScheme, n)
	for i := range out {
		out[i] = GroupScheme{GroupID: fmt.Sprintf("g-%04d", i), Operations: []string{OpAddMembers}}
	}
	return out
}

func TestValidAccountID(t *testing.T) {
	tests := map[string]bool{
		"557058:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b": true,
		"5b10ac8d82e05b22cc7d4ef5":                    true,
		strings.Repeat("a", 128):                      true,
		strings.Repeat("a", 129):                      false,
		"":                                            false,
		"bob@example.com":                             false,
		"557058:abc def":                              false,
		"557058:abc\n":                                false,
	}
	for id, want := range tests {
		if got := ValidAccountID(id); got != want {
			t.Errorf("ValidAccountID(%q) = %v; want %v", id, got, want)
		}
	}
}
