package spacegroups

import (
	"context"
	"errors"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// fakeSpace is one space's permissions behind the Confluence methods the permission logic uses. refuse
// refuses a grant of the pair; lose applies the grant of the pair but loses its answer.
type fakeSpace struct {
	space         confluence.Space
	perms         []confluence.SpacePermission
	nextID        int64
	refuse, lose  map[string]bool
	grants, reads int
}

func newFakeSpace(perms ...confluence.SpacePermission) *fakeSpace {
	return &fakeSpace{space: confluence.Space{ID: "1", Key: "ENG"}, perms: perms, nextID: 100,
		refuse: map[string]bool{}, lose: map[string]bool{}}
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

func (f *fakeSpace) SpacePermissions(context.Context, string) ([]confluence.SpacePermission, error) {
	f.reads++
	return slices.Clone(f.perms), nil
}

func (f *fakeSpace) AddSpacePermission(_ context.Context, _, _, subjectID, operation, target string) (int64, error) {
	f.grants++
	pair := operation + "/" + target
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
