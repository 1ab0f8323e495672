package confluence

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// Space access modes of a site (GET /wiki/api/v2/space-role-mode). A site moves from PRE_ROLES (individual
// permissions only) through ROLES_TRANSITION (both) to ROLES (roles only), and a migration can move it back.
const (
	ModePreRoles        = "PRE_ROLES"
	ModeRolesTransition = "ROLES_TRANSITION"
	ModeRoles           = "ROLES"
)

// Principal types of a role assignment.
const (
	PrincipalUser        = "USER"
	PrincipalGroup       = "GROUP"
	PrincipalAccessClass = "ACCESS_CLASS"
)

// SpaceRole is one role of the site's catalogue. IDs differ from site to site and names are localized, so
// roles are matched by ID.
type SpaceRole struct {
	ID               string   `json:"id"`
	Type             string   `json:"type"` // SYSTEM or CUSTOM
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	SpacePermissions []string `json:"spacePermissions"`
}

// Principal is who a role is assigned to.
type Principal struct {
	Type string `json:"principalType"`
	ID   string `json:"principalId"`
}

// RoleAssignment gives a principal a role in a space. Written without RoleID, it removes the principal's
// role.
type RoleAssignment struct {
	Principal Principal `json:"principal"`
	RoleID    string    `json:"roleId,omitempty"`
}

// SpaceRoleMode returns the site's space access mode: ModePreRoles, ModeRolesTransition or ModeRoles.
func (c *Client) SpaceRoleMode(ctx context.Context) (string, error) {
	var out struct {
		Mode string `json:"mode"`
	}
	if err := c.get(ctx, v2+"/space-role-mode", nil, &out); err != nil {
		return "", err
	}
	return out.Mode, nil
}

// SpaceRoles returns the site's role catalogue, system and custom roles, 250 per request.
func (c *Client) SpaceRoles(ctx context.Context) ([]SpaceRole, error) {
	return httpx.CollectCursor[SpaceRole](ctx, c.http, v2+"/space-roles", url.Values{"limit": {strconv.Itoa(maxV2Page)}})
}

// SpaceRoleAssignments returns every role assignment of a space (by numeric space id), 250 per request.
// Confluence answers 404 both for a space that does not exist and for a caller who may not view it.
func (c *Client) SpaceRoleAssignments(ctx context.Context, spaceID string) ([]RoleAssignment, error) {
	path := v2 + "/spaces/" + url.PathEscape(spaceID) + "/role-assignments"
	out, err := httpx.CollectCursor[RoleAssignment](ctx, c.http, path, url.Values{"limit": {strconv.Itoa(maxV2Page)}})
	return out, notFoundOn(err, "space", spaceID, http.StatusNotFound)
}

// SetSpaceRoleAssignments writes role assignments of a space: each entry with a RoleID gives its principal
// that role (replacing any other), each without removes the principal's role. Confluence applies the whole
// array or none of it, and answers 404 when the caller may not manage the space's roles. On an
// *httpx.OutcomeUnknownError, re-read with SpaceRoleAssignments.
func (c *Client) SetSpaceRoleAssignments(ctx context.Context, spaceID string, entries []RoleAssignment) error {
	path := v2 + "/spaces/" + url.PathEscape(spaceID) + "/role-assignments"
	_, err := c.http.Do(ctx, http.MethodPost, path, nil, entries, nil)
	return err
}
