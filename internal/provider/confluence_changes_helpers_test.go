package provider_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

// Changes made in Confluence outside Terraform, through the sandbox's REST API with the demo admin's
// credentials, as a space admin would make them in Confluence (and as `make demo` does with curl).

// assignRoleInConfluence gives a group a role in a space, the role found by name.
func assignRoleInConfluence(t *testing.T, env *acctest.Env, spaceKey, groupID, roleName string) {
	t.Helper()
	store := env.Sandbox.Store()
	space, ok := store.Space(spaceKey)
	if !ok {
		t.Fatalf("the sandbox has no space %s", spaceKey)
	}
	entry := map[string]any{
		"principal": map[string]string{"principalType": "GROUP", "principalId": groupID},
		"roleId":    roleID(t, store, roleName),
	}
	path := fmt.Sprintf("/wiki/api/v2/spaces/%d/role-assignments", space.ID)
	if resp := env.Call(t, acctest.Admin, http.MethodPost, path, []any{entry}); resp.Status != http.StatusOK {
		t.Fatalf("POST %s: %d %s", path, resp.Status, resp.Body)
	}
}

// addMemberInConfluence adds an account to a group.
func addMemberInConfluence(t *testing.T, env *acctest.Env, groupID, accountID string) {
	t.Helper()
	path := "/wiki/rest/api/group/userByGroupId?groupId=" + url.QueryEscape(groupID)
	resp := env.Call(t, acctest.Admin, http.MethodPost, path, map[string]string{"accountId": accountID})
	if resp.Status != http.StatusCreated {
		t.Fatalf("POST %s: %d %s", path, resp.Status, resp.Body)
	}
}

// removeMemberInConfluence removes an account from a group.
func removeMemberInConfluence(t *testing.T, env *acctest.Env, groupID, accountID string) {
	t.Helper()
	path := "/wiki/rest/api/group/userByGroupId?groupId=" + url.QueryEscape(groupID) + "&accountId=" + url.QueryEscape(accountID)
	if resp := env.Call(t, acctest.Admin, http.MethodDelete, path, nil); resp.Status != http.StatusNoContent {
		t.Fatalf("DELETE %s: %d %s", path, resp.Status, resp.Body)
	}
}
