package confluence

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Numbering of new spaces and permissions; the values only look like real Confluence ids.
const (
	firstSpaceID      = 98305
	firstPermissionID = 33619969
)

// Subject types of a space permission.
const (
	SubjectUser  = "user"
	SubjectGroup = "group"
)

// Space role modes a site is in (GET /wiki/api/v2/space-role-mode). PRE_ROLES knows individual
// permissions only, ROLES_TRANSITION both models, ROLES (every new site) roles only: there every classic v1
// space permission write is refused and individual permissions grant nothing.
const (
	RoleModePreRoles   = "PRE_ROLES"
	RoleModeTransition = "ROLES_TRANSITION"
	RoleModeRoles      = "ROLES"
)

// SetSpaceRoleMode moves the site to another space role mode. Individual permissions and role assignments
// stay stored in every mode, so that moving back finds them.
func (s *Store) SetSpaceRoleMode(mode string) error {
	if mode != RoleModePreRoles && mode != RoleModeTransition && mode != RoleModeRoles {
		return fmt.Errorf("%w: space role mode %q is not PRE_ROLES, ROLES_TRANSITION or ROLES", ErrInvalid, mode)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.roleMode = mode
	return nil
}

// SpaceRoleMode is the site's space role mode.
func (s *Store) SpaceRoleMode() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.roleMode
}

// validPairs are the operation/target pairs Confluence accepts on a v1 permission write.
var validPairs = func() map[string]bool {
	pairs := map[string]bool{}
	for _, p := range permissionIDs {
		pairs[p] = true
	}
	return pairs
}()

// ValidPermissionPair reports whether operation/target is a pair Confluence accepts on a v1 write.
func ValidPermissionPair(operation, target string) bool { return validPairs[operation+"/"+target] }

// SpacePermission is one grant of one operation in one space to one user or group.
type SpacePermission struct {
	ID          int64  `json:"id"`
	SubjectType string `json:"subjectType"` // "user" or "group"
	SubjectID   string `json:"subjectId"`   // account ID or group ID
	Operation   string `json:"operation"`
	Target      string `json:"target"`
}

// Pair is the grant's "operation/target", as seeds and the set of valid pairs write it.
func (p SpacePermission) Pair() string { return p.Operation + "/" + p.Target }

type spaceEntry struct {
	Space
	perms    []SpacePermission // ascending by ID, since IDs only grow
	assigned map[Principal]*SpaceRole
}

// spaceTypes are the types a v2 space can have.
var spaceTypes = []string{"global", "collaboration", "knowledge_base", "personal", "system", "onboarding", "xflow_sample_space"}

// Defaults of a space added without them. formerAuthorID stands for a creator whose account is gone.
var (
	formerAuthorID   = "557058:" + StableUUID("user", "former-author")
	defaultCreatedAt = time.Date(2025, time.April, 1, 10, 0, 0, 0, time.UTC)
)

// AddSpace stores a space; a zero ID is assigned, and a missing type, name, author or creation time is
// defaulted.
func (s *Store) AddSpace(sp Space) (Space, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sp.Key == "" || strings.ToUpper(sp.Key) != sp.Key {
		return Space{}, fmt.Errorf("%w: space key %q must be non-empty upper case", ErrInvalid, sp.Key)
	}
	if _, ok := s.spaces[sp.Key]; ok {
		return Space{}, fmt.Errorf("%w: space %s", ErrDuplicate, sp.Key)
	}
	if sp.ID == 0 {
		sp.ID = s.nextSpaceID
	}
	if _, ok := s.spaceIDs[sp.ID]; ok {
		return Space{}, fmt.Errorf("%w: space id %d", ErrDuplicate, sp.ID)
	}
	s.nextSpaceID = max(s.nextSpaceID, sp.ID+1)
	if sp.Type == "" {
		sp.Type = "global"
	}
	if !slices.Contains(spaceTypes, sp.Type) {
		return Space{}, fmt.Errorf("%w: space type %q is not one of %s", ErrInvalid, sp.Type, strings.Join(spaceTypes, ", "))
	}
	if sp.Name == "" {
		sp.Name = sp.Key
	}
	if sp.AuthorID == "" {
		sp.AuthorID = formerAuthorID
	}
	if sp.CreatedAt.IsZero() {
		sp.CreatedAt = defaultCreatedAt
	}
	s.spaces[sp.Key] = &spaceEntry{Space: sp, assigned: map[Principal]*SpaceRole{}}
	s.spaceIDs[sp.ID] = sp.Key
	return sp, nil
}

// Space returns a space by key.
func (s *Store) Space(key string) (Space, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sp, ok := s.spaces[key]
	if !ok {
		return Space{}, false
	}
	return sp.Space, true
}

// SpaceByID returns a space by its numeric ID.
func (s *Store) SpaceByID(id int64) (Space, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if key, ok := s.spaceIDs[id]; ok {
		return s.spaces[key].Space, true
	}
	return Space{}, false
}

// Spaces returns every space sorted by ID.
func (s *Store) Spaces() []Space {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Space, 0, len(s.spaces))
	for _, sp := range s.spacesByIDLocked() {
		out = append(out, sp.Space)
	}
	return out
}

// AddSpacePermission grants operation/target in a space to a user or group (subjectID = account ID or group
// ID), with Confluence's rules: a valid pair, a known subject, no duplicate, read/space first.
func (s *Store) AddSpacePermission(spaceKey, subjectType, subjectID, operation, target string) (int64, error) {
	return s.AddPermission(spaceKey, SpacePermission{SubjectType: subjectType, SubjectID: subjectID,
		Operation: operation, Target: target})
}

// AddPermission grants p in a space with the rules of AddSpacePermission. A non-zero p.ID is kept, so that a
// saved model comes back with the same IDs; a zero one is assigned.
func (s *Store) AddPermission(spaceKey string, p SpacePermission) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sp, ok := s.spaces[spaceKey]
	if !ok {
		return 0, fmt.Errorf("%w: No space with key : %s", ErrNotFound, spaceKey)
	}
	if !validPairs[p.Pair()] {
		return 0, fmt.Errorf("%w: operation %s is not valid for target %s", ErrInvalid, p.Operation, p.Target)
	}
	switch p.SubjectType {
	case SubjectUser:
		if _, ok := s.users[p.SubjectID]; !ok {
			return 0, fmt.Errorf("%w: No user found with accountId %s", ErrInvalid, p.SubjectID)
		}
	case SubjectGroup:
		if _, ok := s.groups[p.SubjectID]; !ok {
			return 0, fmt.Errorf("%w: No group found with id %s", ErrInvalid, p.SubjectID)
		}
	default:
		return 0, fmt.Errorf("%w: subject type must be user or group", ErrInvalid)
	}
	hasRead := false
	for _, q := range sp.perms {
		if q.SubjectType != p.SubjectType || q.SubjectID != p.SubjectID {
			continue
		}
		if q.Pair() == p.Pair() {
			return 0, fmt.Errorf("%w: Permission already exists", ErrDuplicate)
		}
		hasRead = hasRead || q.Pair() == "read/space"
	}
	if !hasRead && p.Pair() != "read/space" {
		return 0, fmt.Errorf("%w: 'read space' permission must be granted before %s/%s", ErrInvalid, p.Operation, p.Target)
	}
	if p.ID == 0 {
		p.ID = s.newPermissionIDLocked(spaceKey, p)
	}
	s.nextPermID = max(s.nextPermID, p.ID+1)
	i, _ := slices.BinarySearchFunc(sp.perms, p.ID, func(q SpacePermission, id int64) int { return cmpInt(q.ID, id) })
	sp.perms = slices.Insert(sp.perms, i, p)
	return p.ID, nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// RemoveSpacePermission deletes a grant. Deleting a subject's read/space removes all that subject's grants in
// the space; a delete that would leave the space without any administer/space fails with ErrLastAdmin.
func (s *Store) RemoveSpacePermission(spaceKey string, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sp, ok := s.spaces[spaceKey]
	if !ok {
		return fmt.Errorf("%w: No space with key : %s", ErrNotFound, spaceKey)
	}
	i := slices.IndexFunc(sp.perms, func(q SpacePermission) bool { return q.ID == id })
	if i < 0 {
		return fmt.Errorf("%w: No permission with id %d in space %s", ErrNotFound, id, spaceKey)
	}
	victim := sp.perms[i]
	gone := func(q SpacePermission) bool { return q.ID == id }
	if victim.Pair() == "read/space" {
		gone = func(q SpacePermission) bool {
			return q.SubjectType == victim.SubjectType && q.SubjectID == victim.SubjectID
		}
	}
	kept := slices.DeleteFunc(slices.Clone(sp.perms), gone)
	hadAdmin := slices.ContainsFunc(sp.perms, isAdminGrant)
	if hadAdmin && !slices.ContainsFunc(kept, isAdminGrant) {
		return fmt.Errorf("%w: Cannot remove the last administer permission of space %s", ErrLastAdmin, spaceKey)
	}
	sp.perms = kept
	return nil
}

func isAdminGrant(q SpacePermission) bool { return q.Pair() == "administer/space" }

// SpacePermissions returns a space's grants in ID order; nil for an unknown space.
func (s *Store) SpacePermissions(spaceKey string) []SpacePermission {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if sp, ok := s.spaces[spaceKey]; ok {
		return slices.Clone(sp.perms)
	}
	return nil
}

// dropSubjectPermissions removes every grant of a deleted user or group, in every space. The last-admin
// rule does not apply: Confluence lets a space lose its admins this way.
func (s *Store) dropSubjectPermissions(subjectType, subjectID string) {
	for _, sp := range s.spaces {
		sp.perms = slices.DeleteFunc(sp.perms, func(q SpacePermission) bool {
			return q.SubjectType == subjectType && q.SubjectID == subjectID
		})
	}
}
