package spacegroups

import (
	"context"
	"fmt"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// GroupLookupError says that the configured group could not be found or read. ByID tells whether the
// configuration named it by ID (else by name), so that the error lands on that attribute.
type GroupLookupError struct {
	ByID  bool
	Group string // the ID or the name, as configured
	Err   error
}

func (e *GroupLookupError) Error() string {
	what := fmt.Sprintf("named %q", e.Group)
	if e.ByID {
		what = "with ID " + e.Group
	}
	if e.NotFound() {
		return fmt.Sprintf("Confluence has no group %s (or the configured account cannot see it)", what)
	}
	return fmt.Sprintf("looking up the group %s: %s", what, e.Err)
}

func (e *GroupLookupError) Unwrap() error { return e.Err }

// NotFound tells whether Confluence answered that there is no such group.
func (e *GroupLookupError) NotFound() bool { return httpx.IsNotFound(e.Err) }

// NameMismatchError says that group_id and group_name name different groups.
type NameMismatchError struct {
	GroupID, Configured, Actual string
}

func (e *NameMismatchError) Error() string {
	return fmt.Sprintf("group %s is named %q, not %q; give only group_id, or the group's current name", e.GroupID, e.Actual, e.Configured)
}

// NotInSpaceError says that a group is not one of a space's groups.
type NotInSpaceError struct {
	SpaceKey string
	Group    confluence.Group
}

func (e *NotInSpaceError) Error() string {
	return fmt.Sprintf("group %q (%s) is not a group of space %s: its name does not follow the space group pattern "+
		"for %s, or the app excludes it (blocklisted, or it carries a global permission such as site admin). "+
		"This provider only manages the members of a space's own groups", e.Group.Name, e.Group.ID, e.SpaceKey, e.SpaceKey)
}

// ResolveGroup finds the configured group (by ID when one is given, else by name; both may be given, and
// must then agree) and checks that it is one of the space's groups. Its errors are a *GroupLookupError, a
// *NameMismatchError, or the error of CheckGroupInSpace.
//
// A group the app lists for the space (one request per space and run) needs no request of its own; any
// other is looked up, which tells a group that does not exist from one of another space.
func (s *Site) ResolveGroup(ctx context.Context, spaceKey, groupID, groupName string) (confluence.Group, error) {
	if g, ok := s.listedGroup(ctx, spaceKey, func(sg csumapi.SpaceGroup) bool {
		return (groupID == "" || sg.ID == groupID) && (groupName == "" || sg.Name == groupName)
	}); ok {
		return g, nil
	}
	g, err := FindGroup(ctx, s.confluence, groupID, groupName)
	if err != nil {
		ref := &GroupLookupError{ByID: groupID != "", Group: groupName, Err: err}
		if ref.ByID {
			ref.Group = groupID
		}
		return confluence.Group{}, ref
	}
	if groupID != "" && groupName != "" && g.Name != groupName {
		return confluence.Group{}, &NameMismatchError{GroupID: groupID, Configured: groupName, Actual: g.Name}
	}
	if err := s.CheckGroupInSpace(ctx, spaceKey, g); err != nil {
		return confluence.Group{}, err
	}
	return g, nil
}

// ImportedGroup resolves the group of an import ID: by ID when it looks like one, else by its full name. It
// tells whether the ID named the group by ID.
func (s *Site) ImportedGroup(ctx context.Context, ref Ref) (g confluence.Group, byID bool, err error) {
	if LooksLikeGroupID(ref.Group) {
		g, err = s.ResolveGroup(ctx, ref.SpaceKey, ref.Group, "")
		return g, true, err
	}
	g, err = s.ResolveGroup(ctx, ref.SpaceKey, "", ref.Group)
	return g, false, err
}

// FindByShortOrFullName finds the group an import of csum_space_group names: by ID, by the name within the
// space (as in `name`), or by the full group name. A name that already follows the space's pattern is
// looked up as a full name first, so the import IDs that -generate-config-out and the discovery data
// source write cost one lookup.
//
// A group the app lists for the space is found in that list, with no request of its own.
func (s *Site) FindByShortOrFullName(ctx context.Context, rules Rules, ref Ref) (confluence.Group, error) {
	full := rules.Pattern.GroupName(ref.SpaceKey, ref.Group)
	if g, ok := s.listedGroup(ctx, ref.SpaceKey, func(sg csumapi.SpaceGroup) bool {
		return sg.ID == ref.Group || sg.Name == ref.Group || sg.Name == full
	}); ok {
		return g, nil
	}
	if LooksLikeGroupID(ref.Group) {
		return s.confluence.GetGroup(ctx, ref.Group)
	}
	names := []string{full, ref.Group}
	if rules.Pattern.Belongs(ref.SpaceKey, ref.Group) {
		names[0], names[1] = names[1], names[0]
	}
	g, err := s.confluence.FindGroupByName(ctx, names[0])
	if httpx.IsNotFound(err) {
		return s.confluence.FindGroupByName(ctx, names[1])
	}
	return g, err
}
