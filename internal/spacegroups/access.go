package spacegroups

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// RoleReader reads the site's space access mode, its role catalogue and a space's role assignments.
type RoleReader interface {
	SpaceRoleMode(ctx context.Context) (string, error)
	SpaceRoles(ctx context.Context) ([]confluence.SpaceRole, error)
	SpaceRoleAssignments(ctx context.Context, spaceID string) ([]confluence.RoleAssignment, error)
}

// RoleWriter writes a space's role assignments.
type RoleWriter interface {
	SetSpaceRoleAssignments(ctx context.Context, spaceID string, entries []confluence.RoleAssignment) error
}

// SpaceAccess is who may do what in one space, as read together: the individual permissions (on sites
// that still have them) and the role assignments (on sites that have roles).
type SpaceAccess struct {
	Mode        string
	Permissions []confluence.SpacePermission
	Roles       []confluence.RoleAssignment
}

// GroupAccess is one group's access in a space: its individual permissions and its role ("" for none).
type GroupAccess struct {
	Permissions []string // "operation/target" pairs, sorted
	RoleID      string
}

// Group returns one group's access, with the ID of each of its permissions.
func (a SpaceAccess) Group(groupID string) (GroupAccess, map[string]int64) {
	ids := map[string]int64{}
	for _, p := range a.Permissions {
		if p.SubjectType == confluence.SubjectGroup && p.SubjectID == groupID {
			ids[p.Operation+"/"+p.Target] = p.ID
		}
	}
	ga := GroupAccess{Permissions: slices.Sorted(maps.Keys(ids))}
	for _, r := range a.Roles {
		if r.Principal.Type == confluence.PrincipalGroup && r.Principal.ID == groupID {
			ga.RoleID = r.RoleID
		}
	}
	return ga, ids
}

// HasPermissions tells whether the mode lets a site hold individual permissions.
func HasPermissions(mode string) bool { return mode != confluence.ModeRoles }

// HasRoles tells whether the mode lets a site assign roles.
func HasRoles(mode string) bool { return mode != confluence.ModePreRoles }

// Mode reads the site's space access mode, once per run: a migration can move a site to another mode, so it
// is never kept longer. A site that does not know the mode endpoint (404) has no roles: it is PRE_ROLES.
// Were that wrong, nothing is lost: Confluence refuses the permission writes of a roles-only site.
func (s *Site) Mode(ctx context.Context) (string, error) {
	mode, err := once(s, keyMode, false, func() (string, error) {
		mode, err := s.confluence.SpaceRoleMode(ctx)
		if httpx.IsStatus(err, http.StatusNotFound) {
			return confluence.ModePreRoles, nil
		}
		if err != nil {
			return "", fmt.Errorf("reading the site's space access mode: %w", err)
		}
		switch mode {
		case confluence.ModePreRoles, confluence.ModeRolesTransition, confluence.ModeRoles:
			return mode, nil
		}
		return "", fmt.Errorf("the site answered an unknown space access mode %q", mode)
	})
	return mode, err
}

// Roles reads the site's role catalogue, once per run.
func (s *Site) Roles(ctx context.Context) ([]confluence.SpaceRole, error) {
	return once(s, keyRoles, false, func() ([]confluence.SpaceRole, error) {
		roles, err := s.confluence.SpaceRoles(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading the site's space roles: %w", err)
		}
		return roles, nil
	})
}

// Role finds a role of the catalogue by ID.
func (s *Site) Role(ctx context.Context, roleID string) (confluence.SpaceRole, bool, error) {
	roles, err := s.Roles(ctx)
	if err != nil {
		return confluence.SpaceRole{}, false, err
	}
	i := slices.IndexFunc(roles, func(r confluence.SpaceRole) bool { return r.ID == roleID })
	if i < 0 {
		return confluence.SpaceRole{}, false, nil
	}
	return roles[i], true, nil
}

// Access reads a space's access: what the site's mode lets it hold, once per space and run. Resources of one
// space planned together share one read. fresh reads again, as checks right before a write must.
func (s *Site) Access(ctx context.Context, space confluence.Space, fresh bool) (SpaceAccess, error) {
	return once(s, keyAccess(space.Key), fresh, func() (SpaceAccess, error) {
		mode, err := s.Mode(ctx)
		if err != nil {
			return SpaceAccess{}, err
		}
		a := SpaceAccess{Mode: mode}
		if HasPermissions(mode) {
			if a.Permissions, err = s.confluence.SpacePermissions(ctx, space.ID); err != nil {
				return SpaceAccess{}, fmt.Errorf("reading the permissions of space %s: %w", space.Key, err)
			}
		}
		if HasRoles(mode) {
			if a.Roles, err = s.confluence.SpaceRoleAssignments(ctx, space.ID); err != nil {
				return SpaceAccess{}, fmt.Errorf("reading the role assignments of space %s: %w", space.Key, err)
			}
		}
		return a, nil
	})
}
