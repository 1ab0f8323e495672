package spacegroups

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// AccessWriter is what changing a group's space access needs.
type AccessWriter interface {
	Permissions
	RoleWriter
}

// ApplyAccess moves a group's access in a space from current (with the ID of each current permission) to
// desired, in the order that never leaves the group with less access in between: a new role first, then
// the individual permissions, and last the removal of a role no longer wanted. A step that fails stops the
// steps that would take access away after it. Writes whose answer was lost count by what the space shows;
// nothing is sent twice. It then reads the access back and returns what the group holds, with one line per
// change that did not take effect; an error means the read-back failed.
func (s *Site) ApplyAccess(ctx context.Context, c AccessWriter, space confluence.Space, groupID string,
	current GroupAccess, ids map[string]int64, desired GroupAccess) (GroupAccess, []string, error) {
	mode, err := s.Mode(ctx)
	if err != nil {
		return GroupAccess{}, nil, err
	}
	var failed []string
	if desired.RoleID != "" && desired.RoleID != current.RoleID {
		if err := s.setRole(ctx, c, space, groupID, desired.RoleID); err != nil {
			failed = append(failed, "assign role "+desired.RoleID+": "+roleWriteError(err))
		}
	}
	if len(failed) == 0 && HasPermissions(mode) {
		failed = changePermissions(ctx, c, space, groupID, ids, desired.Permissions)
	}
	if len(failed) == 0 && desired.RoleID == "" && current.RoleID != "" {
		if err := s.setRole(ctx, c, space, groupID, ""); err != nil {
			failed = append(failed, "remove role "+current.RoleID+": "+roleWriteError(err))
		}
	}
	readCtx, cancel := Settling(ctx)
	defer cancel()
	access, err := s.Access(readCtx, space, true)
	if err != nil {
		return GroupAccess{}, nil, err
	}
	held, _ := access.Group(groupID)
	if held.RoleID == desired.RoleID && slices.Equal(held.Permissions, sortedCopy(desired.Permissions)) {
		return held, nil, nil // done, including writes whose answer was lost but which took effect
	}
	if len(failed) == 0 {
		failed = append(failed, "Confluence holds "+describeAccess(held)+" after the changes")
	}
	return held, failed, nil
}

// RemoveRole takes the group's role in a space away, as destroying the group does before deleting it.
func (s *Site) RemoveRole(ctx context.Context, c RoleWriter, space confluence.Space, groupID string) error {
	return s.setRole(ctx, c, space, groupID, "")
}

// setRole gives the group roleID in the space, or takes its role away when roleID is "". A write whose answer
// was lost is settled by reading the space's assignments: done if they show it, else failed, never repeated.
func (s *Site) setRole(ctx context.Context, c RoleWriter, space confluence.Space, groupID, roleID string) error {
	entry := confluence.RoleAssignment{Principal: confluence.Principal{Type: confluence.PrincipalGroup, ID: groupID}, RoleID: roleID}
	err := c.SetSpaceRoleAssignments(ctx, space.ID, []confluence.RoleAssignment{entry})
	var unknown *httpx.OutcomeUnknownError
	if !errors.As(err, &unknown) {
		return err
	}
	readCtx, cancel := Settling(ctx)
	defer cancel()
	access, readErr := s.Access(readCtx, space, true)
	if readErr != nil {
		return fmt.Errorf("%w; reading the space's role assignments to learn whether it took effect failed too: %v", err, readErr)
	}
	if held, _ := access.Group(groupID); held.RoleID != roleID {
		return fmt.Errorf("the answer was lost and space %s does not show the change", space.Key)
	}
	return nil
}

// roleWriteError explains a refused role write. Confluence answers 404 both for a space that is gone and for
// a caller who may not manage the space's access, and says nothing more.
func roleWriteError(err error) string {
	if httpx.IsNotFound(err) {
		return err.Error() + " (the space is gone, or the configured account may not manage the space's access: " +
			"it needs to be a space admin of the space, or a Confluence admin)"
	}
	return err.Error()
}

func sortedCopy(values []string) []string { return slices.Sorted(slices.Values(values)) }

func describeAccess(ga GroupAccess) string {
	role := "no role"
	if ga.RoleID != "" {
		role = "role " + ga.RoleID
	}
	if len(ga.Permissions) == 0 {
		return role + " and no individual permissions"
	}
	return role + " and the permissions " + joinQuoted(ga.Permissions)
}
