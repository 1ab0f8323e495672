package spacegroups

import (
	"context"
	"fmt"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// AdministerSpace is the permission that lets anyone change a space's access at all. A role administers a
// space when its permissions include it.
const AdministerSpace = "administer/space"

// LosesAdminister reports whether going from the group's access have to planned takes away its ability to
// administer the space: through administer/space (which needs read/space, whose removal removes every
// other permission with it) or through a role that includes it.
func (s *Site) LosesAdminister(ctx context.Context, have, planned GroupAccess) (bool, error) {
	before, err := s.administers(ctx, have)
	if err != nil || !before {
		return false, err
	}
	after, err := s.administers(ctx, planned)
	return !after, err
}

func (s *Site) administers(ctx context.Context, ga GroupAccess) (bool, error) {
	if slices.Contains(ga.Permissions, AdministerSpace) && slices.Contains(ga.Permissions, ReadSpace) {
		return true, nil
	}
	return s.roleAdministers(ctx, ga.RoleID)
}

func (s *Site) roleAdministers(ctx context.Context, roleID string) (bool, error) {
	if roleID == "" {
		return false, nil
	}
	role, ok, err := s.Role(ctx, roleID)
	return ok && slices.Contains(role.SpacePermissions, AdministerSpace), err
}

// LastAdministerError says that a change would take away the only administrator of a space.
type LastAdministerError struct {
	SpaceKey, GroupID, Action string
}

func (e *LastAdministerError) Error() string {
	return fmt.Sprintf("group %s holds the only administer/space permission of space %s (given directly or through a "+
		"space role): %s would leave nobody able to manage the space's access; give administer/space, or a role that "+
		"includes it, to another group or user in space %s first", e.GroupID, e.SpaceKey, e.Action, e.SpaceKey)
}

// CheckLastAdminister returns a *LastAdministerError when the group is the only principal that can
// administer the space, so that taking that away (a revoke, a role change, or deleting the group, which
// Confluence allows even for the last admin) would leave nobody able to manage the space's access. It reads
// the space's access now; callers hold LockSpace from the check to the write, so that two groups giving up
// administration together cannot both pass. Any other error says the check could not be made, and so does a
// space the configured account cannot see: Confluence answers alike for a deleted space and for one the
// account has no access to, and in the second case the group may well be its last administrator.
func (s *Site) CheckLastAdminister(ctx context.Context, spaceKey, groupID, action string) error {
	space, err := s.Space(ctx, spaceKey)
	if httpx.IsNotFound(err) {
		return fmt.Errorf("space %s cannot be seen by the configured account (it was deleted, or the account has no "+
			"access to it), so it cannot be checked that %s leaves anyone able to administer it; if the space was "+
			"deleted, stop managing the group with a removed block or terraform state rm: %w", spaceKey, action, err)
	}
	if err != nil {
		return fmt.Errorf("space %s: %w", spaceKey, err)
	}
	access, err := s.Access(ctx, space, true)
	if err != nil {
		return err
	}
	holds, others, err := s.administrators(ctx, access, groupID)
	if err != nil {
		return err
	}
	if holds && !others {
		return &LastAdministerError{SpaceKey: spaceKey, GroupID: groupID, Action: action}
	}
	return nil
}

// administrators tells whether the group administers the space, and whether any other principal does.
func (s *Site) administrators(ctx context.Context, a SpaceAccess, groupID string) (holds, others bool, err error) {
	isGroup := func(subjectType, id, groupType string) bool { return subjectType == groupType && id == groupID }
	for _, p := range a.Permissions {
		if p.Operation+"/"+p.Target != AdministerSpace {
			continue
		}
		if isGroup(p.SubjectType, p.SubjectID, confluence.SubjectGroup) {
			holds = true
		} else {
			others = true
		}
	}
	for _, r := range a.Roles {
		admin, err := s.roleAdministers(ctx, r.RoleID)
		if err != nil {
			return false, false, err
		}
		if !admin {
			continue
		}
		if isGroup(r.Principal.Type, r.Principal.ID, confluence.PrincipalGroup) {
			holds = true
		} else {
			others = true
		}
	}
	return holds, others, nil
}
