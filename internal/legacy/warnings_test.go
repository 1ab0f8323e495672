package legacy

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// hasWarning reports whether ws holds a warning at path whose message contains part.
func hasWarning(ws []Warning, path, part string) bool {
	return slices.ContainsFunc(ws, func(w Warning) bool { return w.Path == path && strings.Contains(w.Message, part) })
}

func manySchemes(n int, idFormat string) string {
	entries := make([]string, n)
	for i := range entries {
		entries[i] = fmt.Sprintf(`"`+idFormat+`": {"addUsers": true}`, i)
	}
	return strings.Join(entries, ", ")
}

func manyIDs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(`"group-%03d"`, i)
	}
	return strings.Join(ids, ", ")
}

func TestParseWarnings(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		path    string
		message string
	}{
		{"unknown top-level key", `{"exportVersion": 1, "licence": "x"}`, "/licence", "no equivalent"},
		{"unknown setting", legacyFile(`"themeColour": "#fff"`, ""), "/globalSettings/themeColour", "no equivalent"},
		{"unknown permissions key", legacyFile("", `"requests": {}`), "/permissions/requests", "no equivalent"},
		{"unknown operation in a scheme", legacyFile("", `"defaultSpaceAdmin": {"archiveSpace": true}`), "/permissions/defaultSpaceAdmin/archiveSpace", "no equivalent"},
		{"unknown key of the group filter", legacyFile(`"userGroupFilter": {"groupId": "a", "colour": 1}`, ""), "/globalSettings/userGroupFilter/colour", "no equivalent"},
		{"unknown key of privilegedUser, value unread", `{"exportVersion": 1, "privilegedUser": {"password": "p"}}`, "/privilegedUser/password", "no equivalent"},
		{"missing setting with its default", legacyFile(`"groupPrefix": "SPACEKEY-"`, ""), "/globalSettings/maxUserIdsPerAction", "maxUsersPerAction takes its default 100"},
		{"missing suffix with its default", legacyFile(`"groupPrefix": "SPACEKEY-"`, ""), "/globalSettings/groupSuffix", `default ""`},
		{"missing visibility with its default", legacyFile("", ""), "/globalSettings/disabledUserVisibility", `default "FLAG"`},
		{"missing group filter with its default", legacyFile("", ""), "/globalSettings/userGroupFilter", "default null"},
		{"no globalSettings at all", `{"exportVersion": 1}`, "/globalSettings/showGroupInformation", "default true"},
		{"audit retention has no legacy setting", legacyFile("", ""), "/globalSettings", "auditRetentionDays; the default 90"},
		{"missing permissions", `{"exportVersion": 1}`, "/permissions", "default scheme (CREATE_GROUP, DELETE_GROUP, RENAME_GROUP, ADD_MEMBERS, REMOVE_MEMBERS)"},
		{"missing default scheme", legacyFile("", `"userSchemes": {}`), "/permissions/defaultSpaceAdmin", "default scheme"},
		{"privileged user email", `{"exportVersion": 1, "privilegedUser": {"email": "bot@example.com"}}`, "/privilegedUser/email", "csum_privileged_user"},
		{"privileged user email names the cut-off date", `{"exportVersion": 1, "privilegedUser": {"email": "bot@example.com"}}`, "/privilegedUser/email", "8 December 2025"},
		{"API token", `{"exportVersion": 1, "privilegedUser": {"apiToken": "x"}}`, "/privilegedUser/apiToken", "ignored"},
		{"API token to revoke", `{"exportVersion": 1, "privilegedUser": {"apiToken": "x"}}`, "/privilegedUser/apiToken", "Revoke"},
		{"user scheme granting nothing", legacyFile("", `"userSchemes": {"557058:a": {"deleteGroup": false}}`), "/permissions/userSchemes/557058:a", "dropped"},
		{"empty group scheme", legacyFile("", `"groupSchemes": {"g1": {}}`), "/permissions/groupSchemes/g1", "dropped"},
		{"51 user schemes", legacyFile("", `"userSchemes": {`+manySchemes(51, "557058:%03d")+`}`), "/permissions/userSchemes", "at most 50 user schemes"},
		{"51 group schemes", legacyFile("", `"groupSchemes": {`+manySchemes(51, "g-%03d")+`}`), "/permissions/groupSchemes", "at most 50 group schemes"},
		{"51 auto-join groups", legacyFile(`"autoJoinGroups": [`+manyIDs(51)+`]`, ""), "/globalSettings/autoJoinGroups", "at most 50"},
		{"invalid account ID kept, pointed at by key", legacyFile("", `"userSchemes": {"bob@example.com": {"addUsers": true}}`), "/permissions/userSchemes/bob@example.com", "not an account ID"},
		{"rule broken by a legacy value", legacyFile(`"maxUserIdsPerAction": "0"`, ""), "/globalSettings/maxUserIdsPerAction", "between 1 and 1000, not 0"},
		{"invalid regex", legacyFile(`"groupNameAllowedCharacters": "[a-z"`, ""), "/globalSettings/groupNameAllowedCharacters", "RE2"},
		{"pattern without token", legacyFile(`"groupPrefix": "team-", "groupSuffix": ""`, ""), "/globalSettings", "SPACEKEY token exactly once"},
		{"empty group filter ID", legacyFile(`"userGroupFilter": {"groupId": " "}`, ""), "/globalSettings/userGroupFilter", "null"},

		{"current: unknown field", currentFile(`"auditRetentionDays": 90`, `"auditRetentionDays": 90, "colour": "red"`), "/settings/generalSettings/colour", "no equivalent"},
		{"current: broken rule", currentFile(`"auditRetentionDays": 90`, `"auditRetentionDays": 0`), "/settings/generalSettings/auditRetentionDays", "between 1 and 3650"},
		{"current: duplicate ID at its index in the file", currentFile(`"groupBlocklist": []`, `"groupBlocklist": ["b", "a", "b"]`), "/settings/groupSettings/groupBlocklist/2", "duplicate"},
		{"current: unknown operation", currentFile(`"default": ["CREATE_GROUP"]`, `"default": ["CREATE_GROUP", "FLY"]`), "/permissionSchemes/default/1", "unknown operation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !hasWarning(res.Warnings, tt.path, tt.message) {
				t.Fatalf("no warning at %s containing %q in:\n%s", tt.path, tt.message, warningList(res.Warnings))
			}
		})
	}
}

func warningList(ws []Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.String() + "\n")
	}
	return b.String()
}

func TestEveryMissingLegacySettingIsReported(t *testing.T) {
	legacyKeys := []string{"groupPrefix", "groupSuffix", "groupNameAllowedCharacters", "spaceGroupActionsPermitted",
		"spaceGroupAddRemoveUsersPermitted", "maxUserIdsPerAction", "maxGroupIdsPerAction", "groupBlocklist",
		"allowRemoveCurrentUserFromGlobalPermissionGroup", "disabledUserVisibility", "userSearchEnabled",
		"personalSpaceAdministrationAllowed", "autoJoinGroups", "userGroupFilter", "showGroupInformation"}
	res, err := Parse([]byte(legacyFile("", `"defaultSpaceAdmin": {}`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range legacyKeys {
		if !hasWarning(res.Warnings, "/globalSettings/"+key, "takes its default") {
			t.Errorf("no default warning for %s", key)
		}
	}
	if want := csumdoc.DefaultSettings(); fmt.Sprint(res.Settings) != fmt.Sprint(want) {
		t.Errorf("settings of an empty globalSettings = %+v; want the defaults %+v", res.Settings, want)
	}
}

func TestQuietCasesGiveNoWarning(t *testing.T) {
	res, err := Parse([]byte(legacyFile("", `"defaultSpaceAdmin": {"createGroup": true}`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Path, "/permissions") || w.Path == "/exportVersion" {
			t.Errorf("unexpected warning %s: missing userSchemes/groupSchemes mean none, quietly", w)
		}
	}
}

func TestLimitsAreKeptNotCut(t *testing.T) {
	res, err := Parse([]byte(legacyFile(`"autoJoinGroups": "`+strings.ReplaceAll(manyIDs(60), `"`, "")+`"`,
		`"userSchemes": {`+manySchemes(51, "557058:%03d")+`}`)))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Settings.UserSettings.AutoJoinGroupIDs); n != 60 {
		t.Errorf("kept %d auto-join groups; want all 60", n)
	}
	if n := len(res.PermissionSchemes.Users); n != 51 {
		t.Errorf("kept %d user schemes; want all 51", n)
	}
}

func TestWarningsAreSortedByPath(t *testing.T) {
	res, err := Parse([]byte(`{"exportVersion": 1, "zz": 1, "aa": 2, "privilegedUser": {"email": "a@b.c"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSortedFunc(res.Warnings, func(a, b Warning) int { return strings.Compare(a.Path, b.Path) }) {
		t.Fatalf("warnings not sorted by path:\n%s", warningList(res.Warnings))
	}
}
