package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// legacyCutoff is the day the app's legacy email and API-token credentials stopped working.
const legacyCutoff = "8 December 2025"

// permissionGrants says what gives an account each permission the app checks, for diagnostics.
var permissionGrants = map[string]string{
	"SITE_ADMIN": "site admin (membership of a group with the site admin role, such as site-admins): needed to search, create and delete groups and change their members",
	"CAN_USE":    "\"can use\" Confluence (product access, such as membership of confluence-users): needed to read groups and members",
}

func statusExplanation(m privilegedUserModel) string {
	switch m.Status.ValueString() {
	case csumapi.PrivilegedUserNotFound:
		return fmt.Sprintf("Account %s no longer exists or is deactivated, so CSUM cannot create or delete space groups or "+
			"change their members. Choose another account_id.", m.AccountID.ValueString())
	default:
		var missing []string
		_ = m.MissingPermissions.ElementsAs(context.Background(), &missing, false)
		return fmt.Sprintf("Account %s (%s) lacks %s. Grant %s, or choose another account_id.",
			m.AccountID.ValueString(), m.DisplayName.ValueString(), strings.Join(missing, " and "), describeGrants(missing))
	}
}

func describeGrants(perms []string) string {
	parts := make([]string, 0, len(perms))
	for _, p := range perms {
		if g, ok := permissionGrants[p]; ok {
			parts = append(parts, p+": "+g)
		} else {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}

// addPrivilegedUserError explains a refused account: each problem the app found, with what grants a
// missing permission.
func addPrivilegedUserError(diags *diagnostics, accountID string, err error) {
	var apiErr *httpx.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnprocessableEntity {
		addAppError(diags, "set the privileged user", err, onAccountID)
		return
	}
	var lines []string
	for _, d := range apiErr.Details {
		line := "- " + d.Message
		for perm, grant := range permissionGrants {
			if strings.Contains(d.Message, perm) {
				line += " (grant " + grant + ")"
			}
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = append(lines, "- "+apiErr.Message)
	}
	diags.AddAttributeError(path.Root("account_id"), "The account cannot be the privileged user",
		fmt.Sprintf("The app refused account %s, and nothing was stored:\n%s", accountID, strings.Join(lines, "\n")))
}

// onAccountID puts every error of the privileged user's API on account_id, its only setting.
func onAccountID(string) path.Path { return path.Root("account_id") }
