package legacy

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// legacyFile is a format-1 file with the given globalSettings and permissions members (JSON text).
func legacyFile(globalSettings, permissions string) string {
	return `{"exportVersion": 1, "globalSettings": {` + globalSettings + `}, "permissions": {` + permissions + `}}`
}

// currentFile is a valid format-2 file with one JSON member replaced by the given text.
func currentFile(old, replacement string) string {
	const valid = `{"formatVersion": 2,
 "settings": {
  "groupSettings": {"spaceGroupPattern": {"prefix": "SPACEKEY-", "suffix": ""}, "groupNameRegex": ".*",
   "allowSpaceGroupActions": true, "allowSpaceGroupMemberChanges": true, "maxUsersPerAction": 100,
   "maxGroupsPerAction": 10, "groupBlocklist": [], "allowRemoveSelfFromGlobalPermissionGroup": false},
  "userSettings": {"disabledUserVisibility": "FLAG", "userSearchEnabled": true,
   "personalSpaceAdministrationAllowed": false, "autoJoinGroupIds": [], "userGroupFilterGroupId": null},
  "generalSettings": {"showGroupInformation": true, "auditRetentionDays": 90}},
 "permissionSchemes": {"default": ["CREATE_GROUP"], "users": [{"accountId": "557058:abc", "operations": ["DELETE_GROUP"]}], "groups": []}}`
	if !strings.Contains(valid, old) {
		panic("currentFile: no " + old)
	}
	return strings.Replace(valid, old, replacement, 1)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name         string
		in           string
		path         string
		line, column int
		message      string // a part of the message that must be there
	}{
		{"empty", "", "", 0, 0, "empty"},
		{"only spaces", " \n\t ", "", 0, 0, "empty"},
		{"only a byte order mark", "\xEF\xBB\xBF", "", 0, 0, "empty"},
		{"not JSON", "exportVersion=1", "", 1, 1, "not valid JSON"},
		{"syntax error on a later line", "{\n  \"exportVersion\": 1,\n  \"globalSettings\": {,}\n}", "", 3, 22, "not valid JSON"},
		{"column after a byte order mark and wide characters", "\xEF\xBB\xBF{\"é\": x}", "", 1, 7, "not valid JSON"},
		{"truncated", "{\n\"exportVersion\": 1,", "", 2, 20, "ends in the middle"},
		{"data after the document", `{"exportVersion": 1} {}`, "", 1, 22, "more data"},
		{"an array", `[{"exportVersion": 1}]`, "", 0, 0, "an array, not an export document"},
		{"a string", `"exportVersion"`, "", 0, 0, "formatVersion\": 2"},
		{"no version key", `{"globalSettings": {}}`, "", 0, 0, "no exportVersion or formatVersion"},
		{"unknown legacy version", `{"exportVersion": 2}`, "/exportVersion", 0, 0, `"exportVersion": 1 (the deprecated CSUMCloud listing) and "formatVersion": 2`},
		{"unknown current version", `{"formatVersion": 3}`, "/formatVersion", 0, 0, "unknown format version 3"},
		{"current version as a string", `{"formatVersion": "2"}`, "/formatVersion", 0, 0, "understands"},
		{"both version keys", `{"exportVersion": 1, "formatVersion": 2}`, "", 0, 0, "both"},

		{"globalSettings not an object", `{"exportVersion": 1, "globalSettings": []}`, "/globalSettings", 0, 0, "must be an object"},
		{"integer in words", legacyFile(`"maxUserIdsPerAction": "lots"`, ""), "/globalSettings/maxUserIdsPerAction", 0, 0, `not "lots"`},
		{"fractional integer", legacyFile(`"maxGroupIdsPerAction": 1.5`, ""), "/globalSettings/maxGroupIdsPerAction", 0, 0, "whole number"},
		{"integer as boolean", legacyFile(`"maxGroupIdsPerAction": true`, ""), "/globalSettings/maxGroupIdsPerAction", 0, 0, "whole number"},
		{"boolean in words", legacyFile(`"spaceGroupActionsPermitted": "maybe"`, ""), "/globalSettings/spaceGroupActionsPermitted", 0, 0, "boolean"},
		{"boolean as number", legacyFile(`"userSearchEnabled": 1`, ""), "/globalSettings/userSearchEnabled", 0, 0, "boolean"},
		{"boolean as null", legacyFile(`"showGroupInformation": null`, ""), "/globalSettings/showGroupInformation", 0, 0, "not null"},
		{"prefix as number", legacyFile(`"groupPrefix": 5`, ""), "/globalSettings/groupPrefix", 0, 0, "string"},
		{"regex as array", legacyFile(`"groupNameAllowedCharacters": ["a"]`, ""), "/globalSettings/groupNameAllowedCharacters", 0, 0, "string"},
		{"ID list as number", legacyFile(`"groupBlocklist": 5`, ""), "/globalSettings/groupBlocklist", 0, 0, "list of group IDs"},
		{"ID list item as number", legacyFile(`"groupBlocklist": ["a", 5]`, ""), "/globalSettings/groupBlocklist/1", 0, 0, "group ID"},
		{"auto-join object without ID", legacyFile(`"autoJoinGroups": [{"groupName": "all-staff"}]`, ""), "/globalSettings/autoJoinGroups/0/groupId", 0, 0, "group ID"},
		{"group filter as string", legacyFile(`"userGroupFilter": "5f2c"`, ""), "/globalSettings/userGroupFilter", 0, 0, "or null"},
		{"unknown visibility", legacyFile(`"disabledUserVisibility": "greyedOut"`, ""), "/globalSettings/disabledUserVisibility", 0, 0, "showFlagged or hide"},
		{"current visibility in a legacy file", legacyFile(`"disabledUserVisibility": "FLAG"`, ""), "/globalSettings/disabledUserVisibility", 0, 0, "unknown value"},
		{"visibility as boolean", legacyFile(`"disabledUserVisibility": true`, ""), "/globalSettings/disabledUserVisibility", 0, 0, "unknown value true"},

		{"permissions not an object", `{"exportVersion": 1, "permissions": "all"}`, "/permissions", 0, 0, "object"},
		{"default scheme as list", legacyFile("", `"defaultSpaceAdmin": ["createGroup"]`), "/permissions/defaultSpaceAdmin", 0, 0, "object of booleans"},
		{"scheme value not boolean", legacyFile("", `"defaultSpaceAdmin": {"createGroup": "sometimes"}`), "/permissions/defaultSpaceAdmin/createGroup", 0, 0, "boolean"},
		{"user schemes as list", legacyFile("", `"userSchemes": []`), "/permissions/userSchemes", 0, 0, "keyed by ID"},
		{"group scheme as boolean", legacyFile("", `"groupSchemes": {"5f2c": true}`), "/permissions/groupSchemes/5f2c", 0, 0, "object of booleans"},
		{"scheme key escaped in path", legacyFile("", `"groupSchemes": {"a/b~c": {"addUsers": 3}}`), "/permissions/groupSchemes/a~1b~0c/addUsers", 0, 0, "boolean"},
		{"privileged user not an object", `{"exportVersion": 1, "privilegedUser": "csum-bot@example.com"}`, "/privilegedUser", 0, 0, "object"},
		{"privileged email not a string", `{"exportVersion": 1, "privilegedUser": {"email": 5}}`, "/privilegedUser/email", 0, 0, "string"},

		{"current: missing field", currentFile(`"maxGroupsPerAction": 10, `, ""), "/settings/groupSettings/maxGroupsPerAction", 0, 0, "missing"},
		{"current: missing document", currentFile(`"formatVersion": 2,`, `"formatVersion": 2, "x": {`) + "}", "/settings", 0, 0, "missing"},
		{"current: integer as string", currentFile(`"maxUsersPerAction": 100`, `"maxUsersPerAction": "100"`), "/settings/groupSettings/maxUsersPerAction", 0, 0, "whole number"},
		{"current: boolean in words", currentFile(`"userSearchEnabled": true`, `"userSearchEnabled": "yes"`), "/settings/userSettings/userSearchEnabled", 0, 0, "true or false"},
		{"current: comma string list", currentFile(`"groupBlocklist": []`, `"groupBlocklist": "a,b"`), "/settings/groupSettings/groupBlocklist", 0, 0, "array"},
		{"current: null list", currentFile(`"autoJoinGroupIds": []`, `"autoJoinGroupIds": null`), "/settings/userSettings/autoJoinGroupIds", 0, 0, "array"},
		{"current: filter as object", currentFile(`"userGroupFilterGroupId": null`, `"userGroupFilterGroupId": {"groupId": "a"}`), "/settings/userSettings/userGroupFilterGroupId", 0, 0, "string"},
		{"current: operations as object", currentFile(`"operations": ["DELETE_GROUP"]`, `"operations": {"deleteGroup": true}`), "/permissionSchemes/users/0/operations", 0, 0, "array"},
		{"current: operation not a string", currentFile(`"default": ["CREATE_GROUP"]`, `"default": ["CREATE_GROUP", 1]`), "/permissionSchemes/default/1", 0, 0, "string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse([]byte(tt.in))
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("Parse = %+v, %v; want an *Error", res, err)
			}
			if perr.Path != tt.path || perr.Line != tt.line || perr.Column != tt.column || !strings.Contains(perr.Message, tt.message) {
				t.Fatalf("error = %#v\nwant path %q, line %d, column %d, message containing %q", perr, tt.path, tt.line, tt.column, tt.message)
			}
			if res != nil {
				t.Fatalf("Parse returned a result with its error: %+v", res)
			}
		})
	}
}

func TestParseRefusesFilesOverTenMiB(t *testing.T) {
	big := legacyFile(`"groupNameAllowedCharacters": "`+strings.Repeat("a", MaxSize)+`"`, "")
	_, err := Parse([]byte(big))
	if err == nil || !strings.Contains(err.Error(), "10 MiB") {
		t.Fatalf("Parse(%d bytes) error = %v; want one naming the 10 MiB limit", len(big), err)
	}
	padded := append(bytes.Repeat([]byte(" "), MaxSize-len(`{"exportVersion":1}`)), `{"exportVersion":1}`...)
	if _, err := Parse(padded); err != nil {
		t.Fatalf("Parse(exactly MaxSize bytes) = %v; want it read", err)
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{Line: 3, Column: 7, Message: "bad"}, "line 3, column 7: bad"},
		{Error{Path: "/a/b", Message: "bad"}, "/a/b: bad"},
		{Error{Message: "bad"}, "bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q; want %q", got, tt.want)
		}
	}
}
