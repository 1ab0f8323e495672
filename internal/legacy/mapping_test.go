package legacy

import (
	"reflect"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

func TestLegacySettingsMapping(t *testing.T) {
	filter := "f-1"
	tests := []struct {
		name     string
		settings string
		field    func(csumdoc.Settings) any
		want     any
	}{
		{"prefix token in braces", `"groupPrefix": "{SPACEKEY}-"`, func(s csumdoc.Settings) any { return s.GroupSettings.SpaceGroupPattern.Prefix }, "SPACEKEY-"},
		{"suffix token with dollar", `"groupPrefix": "wiki-", "groupSuffix": "-${SPACEKEY}"`, func(s csumdoc.Settings) any { return s.GroupSettings.SpaceGroupPattern.Suffix }, "-SPACEKEY"},
		{"regex", `"groupNameAllowedCharacters": "[a-z]+"`, func(s csumdoc.Settings) any { return s.GroupSettings.GroupNameRegex }, "[a-z]+"},
		{"space group actions off", `"spaceGroupActionsPermitted": "OFF"`, func(s csumdoc.Settings) any { return s.GroupSettings.AllowSpaceGroupActions }, false},
		{"member changes no", `"spaceGroupAddRemoveUsersPermitted": "no"`, func(s csumdoc.Settings) any { return s.GroupSettings.AllowSpaceGroupMemberChanges }, false},
		{"max users as padded string", `"maxUserIdsPerAction": " 250 "`, func(s csumdoc.Settings) any { return s.GroupSettings.MaxUsersPerAction }, int64(250)},
		{"max groups as number", `"maxGroupIdsPerAction": 7`, func(s csumdoc.Settings) any { return s.GroupSettings.MaxGroupsPerAction }, int64(7)},
		{"blocklist sorted and deduplicated", `"groupBlocklist": "c, a,c"`, func(s csumdoc.Settings) any { return s.GroupSettings.GroupBlocklist }, []string{"a", "c"}},
		{"remove self yes", `"allowRemoveCurrentUserFromGlobalPermissionGroup": "Yes"`, func(s csumdoc.Settings) any { return s.GroupSettings.AllowRemoveSelfFromGlobalPermissionGroup }, true},
		{"showFlagged to FLAG", `"disabledUserVisibility": "showFlagged"`, func(s csumdoc.Settings) any { return s.UserSettings.DisabledUserVisibility }, csumdoc.VisibilityFlag},
		{"hide to HIDE", `"disabledUserVisibility": "hide"`, func(s csumdoc.Settings) any { return s.UserSettings.DisabledUserVisibility }, csumdoc.VisibilityHide},
		{"visibility in another case", `"disabledUserVisibility": "ShowFlagged"`, func(s csumdoc.Settings) any { return s.UserSettings.DisabledUserVisibility }, csumdoc.VisibilityFlag},
		{"user search false", `"userSearchEnabled": false`, func(s csumdoc.Settings) any { return s.UserSettings.UserSearchEnabled }, false},
		{"personal spaces on", `"personalSpaceAdministrationAllowed": "on"`, func(s csumdoc.Settings) any { return s.UserSettings.PersonalSpaceAdministrationAllowed }, true},
		{"auto-join objects", `"autoJoinGroups": [{"groupId": "g2", "groupName": "b"}, {"groupId": "g1", "groupName": "a"}]`, func(s csumdoc.Settings) any { return s.UserSettings.AutoJoinGroupIDs }, []string{"g1", "g2"}},
		{"group filter object", `"userGroupFilter": {"groupId": "f-1", "groupName": "users"}`, func(s csumdoc.Settings) any { return s.UserSettings.UserGroupFilterGroupID }, &filter},
		{"group filter null", `"userGroupFilter": null`, func(s csumdoc.Settings) any { return s.UserSettings.UserGroupFilterGroupID }, (*string)(nil)},
		{"show group information TRUE", `"showGroupInformation": "TRUE"`, func(s csumdoc.Settings) any { return s.GeneralSettings.ShowGroupInformation }, true},
		{"audit retention default", ``, func(s csumdoc.Settings) any { return s.GeneralSettings.AuditRetentionDays }, int64(csumdoc.DefaultAuditDays)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse([]byte(legacyFile(tt.settings, "")))
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.field(res.Settings); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %#v; want %#v", got, tt.want)
			}
		})
	}
}

func TestLegacyPermissionsMapping(t *testing.T) {
	tests := []struct {
		name        string
		permissions string
		want        csumdoc.PermissionSchemes
	}{
		{"every operation key", `"defaultSpaceAdmin": {"createGroup": true, "deleteGroup": true, "renameGroup": true, "addUsers": true, "removeUsers": true, "editSpacePermissions": true}`,
			csumdoc.PermissionSchemes{Default: csumdoc.Operations, Users: []csumdoc.UserScheme{}, Groups: []csumdoc.GroupScheme{}}},
		{"missing keys are false, words are booleans", `"defaultSpaceAdmin": {"addUsers": "yes", "removeUsers": "No"}`,
			csumdoc.PermissionSchemes{Default: []string{csumdoc.OpAddMembers}, Users: []csumdoc.UserScheme{}, Groups: []csumdoc.GroupScheme{}}},
		{"default scheme granting nothing stays empty", `"defaultSpaceAdmin": {}`,
			csumdoc.PermissionSchemes{Default: []string{}, Users: []csumdoc.UserScheme{}, Groups: []csumdoc.GroupScheme{}}},
		{"user and group schemes sorted by ID", `"defaultSpaceAdmin": {}, "userSchemes": {"b": {"renameGroup": true}, "a": {"editSpacePermissions": "on", "createGroup": true}}, "groupSchemes": {"g": {"removeUsers": true}}`,
			csumdoc.PermissionSchemes{Default: []string{},
				Users: []csumdoc.UserScheme{
					{AccountID: "a", Operations: []string{csumdoc.OpCreateGroup, csumdoc.OpManageSpacePermissions}},
					{AccountID: "b", Operations: []string{csumdoc.OpRenameGroup}}},
				Groups: []csumdoc.GroupScheme{{GroupID: "g", Operations: []string{csumdoc.OpRemoveMembers}}}}},
		{"a scheme granting nothing is dropped", `"defaultSpaceAdmin": {}, "userSchemes": {"a": {"addUsers": false}, "b": {"addUsers": true}}`,
			csumdoc.PermissionSchemes{Default: []string{},
				Users:  []csumdoc.UserScheme{{AccountID: "b", Operations: []string{csumdoc.OpAddMembers}}},
				Groups: []csumdoc.GroupScheme{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse([]byte(legacyFile("", tt.permissions)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.PermissionSchemes, tt.want) {
				t.Fatalf("got  %+v\nwant %+v", res.PermissionSchemes, tt.want)
			}
		})
	}
}

func TestMissingPermissionsGiveTheDefaultSchemes(t *testing.T) {
	for _, in := range []string{`{"exportVersion": 1}`, legacyFile("", `"userSchemes": {}, "groupSchemes": {}`)} {
		res, err := Parse([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if want := csumdoc.DefaultPermissionSchemes(); !reflect.DeepEqual(res.PermissionSchemes, want) {
			t.Errorf("Parse(%s) schemes = %+v; want the defaults %+v", in, res.PermissionSchemes, want)
		}
	}
}

func TestCurrentFormatIsNormalised(t *testing.T) {
	in := currentFile(`"users": [{"accountId": "557058:abc", "operations": ["DELETE_GROUP"]}]`,
		`"users": [{"accountId": "z", "operations": ["ADD_MEMBERS", "CREATE_GROUP"]}, {"accountId": "a", "operations": []}, {"accountId": "z", "operations": ["CREATE_GROUP", "RENAME_GROUP"]}]`)
	res, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []csumdoc.UserScheme{
		{AccountID: "a", Operations: []string{}},
		{AccountID: "z", Operations: []string{csumdoc.OpCreateGroup, csumdoc.OpRenameGroup, csumdoc.OpAddMembers}},
	}
	if res.Format != 2 || !reflect.DeepEqual(res.PermissionSchemes.Users, want) {
		t.Fatalf("format %d, users %+v; want format 2 and %+v", res.Format, res.PermissionSchemes.Users, want)
	}
	if !hasWarning(res.Warnings, "/permissionSchemes/users/2/accountId", "second scheme") {
		t.Fatalf("the repeated scheme was merged without a warning:\n%s", warningList(res.Warnings))
	}
}
