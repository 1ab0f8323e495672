package spacegroups

import (
	"context"
	"errors"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// fakeSpace is one space's permissions behind the Confluence methods the permission logic uses. refuse
// refuses a grant of the pair; lose applies the grant of the pair but loses its answer; drop loses a role
// write before it is applied.
type fakeSpace struct {
	mode          string
	modeErr       error
	space         confluence.Space
	perms         []confluence.SpacePermission
	roles         []confluence.SpaceRole
	assigned      map[string]string // group ID -> role ID
	nextID        int64
	refuse, lose  map[string]bool // by permission pair, or by role ID for role writes
	drop          map[string]bool // by role ID
	grants, reads int
	roleWrites    int
	// interrupt, when set, is called as the grant of interruptAt is applied, whose answer is then lost: the
	// run is stopped while the write is on its way, as when Terraform is interrupted.
	interrupt   func()
	interruptAt string
}

func newFakeSpace(perms ...confluence.SpacePermission) *fakeSpace {
	return &fakeSpace{mode: confluence.ModeRolesTransition, space: confluence.Space{ID: "1", Key: "ENG"}, perms: perms, nextID: 100,
		roles: []confluence.SpaceRole{
			{ID: "r-admin", Name: "Admin", SpacePermissions: []string{ReadSpace, AdministerSpace}},
			{ID: "r-viewer", Name: "Viewer", SpacePermissions: []string{ReadSpace}},
		},
		assigned: map[string]string{}, refuse: map[string]bool{}, lose: map[string]bool{}, drop: map[string]bool{}}
}

func (f *fakeSpace) SpaceRoleMode(context.Context) (string, error) { return f.mode, f.modeErr }

func (f *fakeSpace) SpaceRoles(context.Context) ([]confluence.SpaceRole, error) { return f.roles, nil }

func (f *fakeSpace) SpaceRoleAssignments(ctx context.Context, _ string) ([]confluence.RoleAssignment, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // as the client does: a request of a context that ended is not sent
	}
	f.reads++
	var out []confluence.RoleAssignment
	for group, role := range f.assigned {
		out = append(out, confluence.RoleAssignment{Principal: confluence.Principal{Type: confluence.PrincipalGroup, ID: group}, RoleID: role})
	}
	return out, nil
}

// SetSpaceRoleAssignments assigns as Confluence does in roles transition: a role replaces the group's
// individual permissions.
func (f *fakeSpace) SetSpaceRoleAssignments(_ context.Context, _ string, entries []confluence.RoleAssignment) error {
	f.roleWrites++
	for _, e := range entries {
		if f.refuse[e.RoleID] {
			return errors.New("400 Bad Request: refused")
		}
		if f.drop[e.RoleID] {
			return &httpx.OutcomeUnknownError{Method: "POST", Path: "/role-assignments", Err: errors.New("connection reset")}
		}
	}
	for _, e := range entries {
		if e.RoleID == "" {
			delete(f.assigned, e.Principal.ID)
			continue
		}
		f.assigned[e.Principal.ID] = e.RoleID
		f.perms = slices.DeleteFunc(f.perms, func(p confluence.SpacePermission) bool { return p.SubjectID == e.Principal.ID })
	}
	for _, e := range entries {
		if f.lose[e.RoleID] {
			return &httpx.OutcomeUnknownError{Method: "POST", Path: "/role-assignments", Err: errors.New("connection reset")}
		}
	}
	return nil
}

func groupPerm(id int64, groupID, pair string) confluence.SpacePermission {
	op, target := splitPermission(pair)
	return confluence.SpacePermission{ID: id, SubjectType: confluence.SubjectGroup, SubjectID: groupID, Operation: op, Target: target}
}

func (f *fakeSpace) SpaceByKey(_ context.Context, key string) (confluence.Space, error) {
	if key != f.space.Key {
		return confluence.Space{}, &confluence.NotFoundError{Kind: "space", Key: key}
	}
	return f.space, nil
}

func (f *fakeSpace) GetGroup(context.Context, string) (confluence.Group, error) {
	return confluence.Group{}, errors.New("not used")
}

func (f *fakeSpace) FindGroupByName(context.Context, string) (confluence.Group, error) {
	return confluence.Group{}, errors.New("not used")
}

func (f *fakeSpace) SpacePermissions(ctx context.Context, _ string) ([]confluence.SpacePermission, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.reads++
	return slices.Clone(f.perms), nil
}

func (f *fakeSpace) AddSpacePermission(ctx context.Context, _, _, subjectID, operation, target string) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	f.grants++
	pair := operation + "/" + target
	if pair == f.interruptAt && f.interrupt != nil {
		f.interrupt()
		f.lose[pair] = true
	}
	if f.refuse[pair] {
		return 0, errors.New("400 Bad Request: refused")
	}
	f.nextID++
	f.perms = append(f.perms, groupPerm(f.nextID, subjectID, pair))
	if f.lose[pair] {
		return 0, &httpx.OutcomeUnknownError{Method: "POST", Path: "/permission", Err: errors.New("connection reset")}
	}
	return f.nextID, nil
}

func (f *fakeSpace) RemoveSpacePermission(_ context.Context, _ string, id int64) error {
	f.perms = slices.DeleteFunc(f.perms, func(p confluence.SpacePermission) bool { return p.ID == id })
	return nil
}
