package spacegroups

import (
	"context"
	"fmt"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// AdministerSpace is the permission that lets anyone change a space's permissions at all.
const AdministerSpace = "administer/space"

// LosesAdminister reports whether going from the permissions in state to the planned ones takes
// administer/space away from the group: removing it, or removing read/space, which removes every other
// permission with it.
func LosesAdminister(have, planned []string) bool {
	if !slices.Contains(have, AdministerSpace) {
		return false
	}
	return !slices.Contains(planned, AdministerSpace) || !slices.Contains(planned, ReadSpace)
}

// LastAdministerError says that a change would take away the only administer/space of a space.
type LastAdministerError struct {
	SpaceKey, GroupID, Action string
}

func (e *LastAdministerError) Error() string {
	return fmt.Sprintf("group %s holds the only administer/space permission of space %s: %s would leave nobody able to "+
		"manage the space's permissions; grant administer/space in space %s to another group or user first",
		e.GroupID, e.SpaceKey, e.Action, e.SpaceKey)
}

// CheckLastAdminister returns a *LastAdministerError when the group holds the only administer/space of the
// space, so that taking it away (a revoke, or deleting the group, which Confluence allows even for the last
// admin) would leave nobody able to manage the space's permissions. It reads the space's permissions now;
// any other error says the check could not be made. A space that does not exist has no administrators to
// lose.
func (s *Site) CheckLastAdminister(ctx context.Context, spaceKey, groupID, action string) error {
	space, err := s.Space(ctx, spaceKey)
	if httpx.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("space %s: %w", spaceKey, err)
	}
	perms, err := s.confluence.SpacePermissions(ctx, space.ID)
	if err != nil {
		return fmt.Errorf("space %s: %w", spaceKey, err)
	}
	isAdmin := func(p confluence.SpacePermission) bool { return p.Operation+"/"+p.Target == AdministerSpace }
	thisGroup := func(p confluence.SpacePermission) bool {
		return p.SubjectType == confluence.SubjectGroup && p.SubjectID == groupID
	}
	holds := slices.ContainsFunc(perms, func(p confluence.SpacePermission) bool { return isAdmin(p) && thisGroup(p) })
	others := slices.ContainsFunc(perms, func(p confluence.SpacePermission) bool { return isAdmin(p) && !thisGroup(p) })
	if holds && !others {
		return &LastAdministerError{SpaceKey: spaceKey, GroupID: groupID, Action: action}
	}
	return nil
}
