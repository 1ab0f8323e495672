package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

// legacyTestToken stands for an API token that early legacy builds exported; it must never reach state.
const legacyTestToken = "ATATT3xFfGF0-legacy-token-that-must-not-leak-91kQ"

// legacySample is an untidy legacy export whose group and account IDs exist in the sandbox's demo seed, so
// that its settings and schemes apply. With withToken it also carries privilegedUser.apiToken.
func legacySample(t *testing.T, env *acctest.Env, withToken bool) string {
	t.Helper()
	token := ""
	if withToken {
		token = `, "apiToken": "` + legacyTestToken + `"`
	}
	r := strings.NewReplacer(
		"ALL_STAFF", env.GroupID(t, "all-staff"),
		"ENG_READERS", env.GroupID(t, "eng-readers"),
		"ENG_LEADS", env.GroupID(t, "eng-leads"),
		"ALICE", env.AccountID(t, "alice.anders@example.com"),
		"BOB", env.AccountID(t, "bob.baker@example.com"),
		"TOKEN", token,
	)
	return r.Replace(`{
  "exportVersion": 1,
  "appKey": "csum-cloud-legacy",
  "exportedAt": "2025-09-30T08:15:00.000Z",
  "globalSettings": {
    "groupPrefix": "{SPACEKEY}-",
    "groupSuffix": "",
    "groupNameAllowedCharacters": "[a-z0-9-]+",
    "spaceGroupActionsPermitted": "Yes",
    "spaceGroupAddRemoveUsersPermitted": true,
    "maxUserIdsPerAction": " 50 ",
    "maxGroupIdsPerAction": 10,
    "groupBlocklist": "ENG_READERS, ",
    "allowRemoveCurrentUserFromGlobalPermissionGroup": "off",
    "disabledUserVisibility": "hide",
    "userSearchEnabled": "yes",
    "personalSpaceAdministrationAllowed": "no",
    "autoJoinGroups": [ { "groupId": "ALL_STAFF", "groupName": "all-staff" } ],
    "userGroupFilter": { "groupId": "ALL_STAFF", "groupName": "all-staff" },
    "showGroupInformation": "NO",
    "themeColour": "#0052cc"
  },
  "permissions": {
    "defaultSpaceAdmin": { "createGroup": true, "renameGroup": true, "addUsers": true, "removeUsers": true },
    "userSchemes":  { "ALICE": { "deleteGroup": true }, "BOB": { "deleteGroup": false } },
    "groupSchemes": { "ENG_LEADS": { "editSpacePermissions": true } }
  },
  "privilegedUser": { "email": "csum-bot@example.com"TOKEN }
}`)
}

// migrationConfig feeds every output of the data source to the two singleton resources.
const migrationConfig = `
resource "csum_global_settings" "this" {
  group_settings   = data.csum_legacy_export.old.group_settings
  user_settings    = data.csum_legacy_export.old.user_settings
  general_settings = data.csum_legacy_export.old.general_settings
}

resource "csum_permission_schemes" "this" {
  default_operations = data.csum_legacy_export.old.default_operations
  user_schemes       = data.csum_legacy_export.old.user_schemes
  group_schemes      = data.csum_legacy_export.old.group_schemes
}

output "warnings" { value = data.csum_legacy_export.old.warnings }
`

// noCredentials clears the provider's environment, so only the empty provider block configures it.
func noCredentials(t *testing.T) {
	for _, v := range []string{"CSUM_SITE_URL", "CSUM_EMAIL", "CSUM_API_TOKEN", "CSUM_APP_URL", "CSUM_APP_API_KEY"} {
		t.Setenv(v, "")
	}
}

// stateLacks fails when the text occurs anywhere in the state's JSON, sensitive values included.
type stateLacks string

func (s stateLacks) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if strings.Contains(string(raw), string(s)) {
		resp.Error = fmt.Errorf("the state holds a secret it must never hold")
	}
}
