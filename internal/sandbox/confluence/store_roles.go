package confluence

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Role types of the space role catalogue.
const (
	RoleTypeSystem = "SYSTEM"
	RoleTypeCustom = "CUSTOM"
)

// Principal types of a role assignment. The v1 permission API names the first two "user" and "group".
const (
	PrincipalUser        = "USER"
	PrincipalGroup       = "GROUP"
	PrincipalAccessClass = "ACCESS_CLASS"
)

// Access classes: the principal ids of ACCESS_CLASS assignments.
const (
	AccessAnonymous     = "anonymous-users"
	AccessJSMAdmins     = "jsm-project-admins"
	AccessAuthenticated = "authenticated-users"
	AccessLicensed      = "all-licensed-users"
	AccessProductAdmins = "all-product-admins"
)

var accessClasses = []string{AccessAnonymous, AccessJSMAdmins, AccessAuthenticated, AccessLicensed, AccessProductAdmins}

// Limits Confluence puts on custom roles.
const (
	maxCustomRoles  = 10
	maxRoleNameRune = 25
)

// permissionIDs are the space permissions the sandbox knows, in the order roles list them. Role permissions
// use the v1 operation/target pairs as their ids, so that both models speak of the same permissions.
var permissionIDs = []string{
	"read/space", "administer/space", "export/space", "restrict_content/space", "delete/space", "archive/page",
	"create/page", "create/blogpost", "create/comment", "create/attachment",
	"delete/page", "delete/blogpost", "delete/comment", "delete/attachment",
}

// SpaceRole is one role of the site's catalogue, as GET /wiki/api/v2/space-roles serves it.
type SpaceRole struct {
	ID               string   `json:"id"`
	Type             string   `json:"type"`
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	SpacePermissions []string `json:"spacePermissions"`
}

func (r *SpaceRole) snapshot() SpaceRole {
	c := *r
	c.SpacePermissions = slices.Clone(r.SpacePermissions)
	return c
}

// Principal is who a role is assigned to: an account ID, a group ID or an access class.
type Principal struct {
	Type string `json:"principalType"`
	ID   string `json:"principalId"`
}

// RoleAssignment is one principal's role in one space; an empty RoleID in a write removes the role.
type RoleAssignment struct {
	Principal Principal `json:"principal"`
	RoleID    string    `json:"roleId,omitempty"`
}

func comparePrincipals(a, b Principal) int {
	if c := strings.Compare(a.Type, b.Type); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// systemRoles are the four default roles every site has; their IDs are drawn per store.
func systemRoles() []*SpaceRole {
	without := func(drop ...string) []string {
		return slices.DeleteFunc(slices.Clone(permissionIDs), func(p string) bool { return slices.Contains(drop, p) })
	}
	return []*SpaceRole{
		{Name: "Admin", Description: "Has full control of the space, including its settings and who can access it.",
			SpacePermissions: slices.Clone(permissionIDs)},
		{Name: "Manager", Description: "Manages the space's content and features, but not who can access it.",
			SpacePermissions: without("administer/space")},
		{Name: "Collaborator", Description: "Creates, edits and deletes content in the space.",
			SpacePermissions: without("administer/space", "export/space", "restrict_content/space", "delete/space", "archive/page")},
		{Name: "Viewer", Description: "Views and comments on content in the space.",
			SpacePermissions: []string{"read/space", "create/comment"}},
	}
}

func newSystemRoles() []*SpaceRole {
	roles := systemRoles()
	for _, r := range roles {
		r.ID, r.Type = randomUUID(), RoleTypeSystem
	}
	return roles
}

// SpaceRoles returns the catalogue: the SYSTEM roles, then the CUSTOM ones in the order they were added.
func (s *Store) SpaceRoles() []SpaceRole {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]SpaceRole, 0, len(s.roles))
	for _, r := range s.roles {
		out = append(out, r.snapshot())
	}
	return out
}

// SpaceRole returns one role of the catalogue by ID.
func (s *Store) SpaceRole(id string) (SpaceRole, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if r, ok := s.roleByIDLocked(id); ok {
		return r.snapshot(), true
	}
	return SpaceRole{}, false
}

func (s *Store) roleByIDLocked(id string) (*SpaceRole, bool) {
	i := slices.IndexFunc(s.roles, func(r *SpaceRole) bool { return r.ID == id })
	if i < 0 {
		return nil, false
	}
	return s.roles[i], true
}

// roleLocked finds a role by ID, else by name: the store's callers may name roles, the API may not.
func (s *Store) roleLocked(ref string) (*SpaceRole, bool) {
	if r, ok := s.roleByIDLocked(ref); ok {
		return r, true
	}
	i := slices.IndexFunc(s.roles, func(r *SpaceRole) bool { return r.Name == ref })
	if i < 0 {
		return nil, false
	}
	return s.roles[i], true
}

// AddCustomRole adds a CUSTOM role to the catalogue with Confluence's limits: at most 10 custom roles, a name
// of 1 to 25 characters that no other role has, a description, and known permissions including read/space.
// Without an ID the role gets a random UUID.
func (s *Store) AddCustomRole(r SpaceRole) (SpaceRole, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	custom := 0
	for _, other := range s.roles {
		if other.Type == RoleTypeCustom {
			custom++
		}
		if strings.EqualFold(other.Name, r.Name) {
			return SpaceRole{}, fmt.Errorf("%w: a role named %q exists", ErrDuplicate, r.Name)
		}
		if r.ID != "" && other.ID == r.ID {
			return SpaceRole{}, fmt.Errorf("%w: role id %s", ErrDuplicate, r.ID)
		}
	}
	switch {
	case custom >= maxCustomRoles:
		return SpaceRole{}, fmt.Errorf("%w: a site has at most %d custom roles", ErrInvalid, maxCustomRoles)
	case r.Name == "" || utf8.RuneCountInString(r.Name) > maxRoleNameRune:
		return SpaceRole{}, fmt.Errorf("%w: role name %q must be 1 to %d characters", ErrInvalid, r.Name, maxRoleNameRune)
	case r.Description == "":
		return SpaceRole{}, fmt.Errorf("%w: role %q needs a description", ErrInvalid, r.Name)
	case !slices.Contains(r.SpacePermissions, "read/space"):
		return SpaceRole{}, fmt.Errorf("%w: role %q must include read/space", ErrInvalid, r.Name)
	}
	perms := map[string]bool{}
	for _, p := range r.SpacePermissions {
		if !slices.Contains(permissionIDs, p) {
			return SpaceRole{}, fmt.Errorf("%w: role %q: unknown space permission %q", ErrInvalid, r.Name, p)
		}
		perms[p] = true
	}
	stored := &SpaceRole{ID: r.ID, Type: RoleTypeCustom, Name: r.Name, Description: r.Description,
		SpacePermissions: slices.DeleteFunc(slices.Clone(permissionIDs), func(p string) bool { return !perms[p] })}
	if stored.ID == "" {
		stored.ID = randomUUID()
	}
	s.roles = append(s.roles, stored)
	return stored.snapshot(), nil
}

// RestoreSystemRoleIDs gives SYSTEM roles (by name) the IDs a saved model had; assignments follow their
// roles. Nothing changes unless every name is a SYSTEM role's and every role keeps a distinct ID.
func (s *Store) RestoreSystemRoleIDs(ids map[string]string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name := range ids {
		if !slices.ContainsFunc(s.roles, func(r *SpaceRole) bool { return r.Type == RoleTypeSystem && r.Name == name }) {
			return fmt.Errorf("%w: no SYSTEM role named %q", ErrInvalid, name)
		}
	}
	after := func(r *SpaceRole) string {
		if id, ok := ids[r.Name]; ok && r.Type == RoleTypeSystem {
			return id
		}
		return r.ID
	}
	taken := map[string]bool{}
	for _, r := range s.roles {
		id := after(r)
		if id == "" || taken[id] {
			return fmt.Errorf("%w: role id %q of %s", ErrInvalid, id, r.Name)
		}
		taken[id] = true
	}
	for _, r := range s.roles {
		r.ID = after(r)
	}
	return nil
}

// RoleAssignments returns a space's role assignments ordered by principal type and ID; nil for an unknown
// space.
func (s *Store) RoleAssignments(spaceKey string) []RoleAssignment {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if sp, ok := s.spaces[spaceKey]; ok {
		return sp.roleAssignments()
	}
	return nil
}

func (sp *spaceEntry) roleAssignments() []RoleAssignment {
	out := make([]RoleAssignment, 0, len(sp.assigned))
	for p, r := range sp.assigned {
		out = append(out, RoleAssignment{Principal: p, RoleID: r.ID})
	}
	slices.SortFunc(out, func(a, b RoleAssignment) int { return comparePrincipals(a.Principal, b.Principal) })
	return out
}

// AddRoleAssignment stores an assignment as a seed or a saved model has it (the role by ID or name), leaving
// the principal's individual permissions alone: a seed may give a principal both, so that moving the site
// between modes finds each model in place.
func (s *Store) AddRoleAssignment(spaceKey string, a RoleAssignment) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sp, ok := s.spaces[spaceKey]
	if !ok {
		return fmt.Errorf("%w: No space with key : %s", ErrNotFound, spaceKey)
	}
	if err := s.vetPrincipalLocked(a.Principal); err != nil {
		return err
	}
	role, ok := s.roleLocked(a.RoleID)
	if !ok {
		return fmt.Errorf("%w: no space role %q", ErrInvalid, a.RoleID)
	}
	sp.assigned[a.Principal] = role
	return nil
}

// AssignRole gives a principal (USER account ID, GROUP ID or ACCESS_CLASS) a role (by ID or name) in a
// space, as a space admin does in Confluence: it replaces the principal's previous role and removes its
// individual permissions in the space.
func (s *Store) AssignRole(spaceKey, principalType, principalID, role string) error {
	s.mu.RLock()
	if r, ok := s.roleLocked(role); ok {
		role = r.ID
	}
	s.mu.RUnlock()
	_, err := s.setRoleAssignments(spaceKey, "", []RoleAssignment{{Principal: Principal{principalType, principalID}, RoleID: role}})
	return err
}

// RemoveRole takes a principal's role in a space away; removing a role the principal does not hold is a
// no-op, as in Confluence.
func (s *Store) RemoveRole(spaceKey, principalType, principalID string) error {
	_, err := s.setRoleAssignments(spaceKey, "", []RoleAssignment{{Principal: Principal{principalType, principalID}}})
	return err
}

// setRoleAssignments applies a POST /spaces/{id}/role-assignments body entirely or not at all. Each entry
// with a role replaces its principal's role and drops the principal's individual permissions (a principal
// has a role or custom access, not both); an entry without one removes the principal's role. With a caller
// (an account ID) it also applies Confluence's access rules: ErrNotPermitted when the caller may not manage
// the space's access, or, on a roles-only site, grants a role with a permission the caller lacks and is no
// product or site admin. Neither removing nor downgrading the last admin is refused. It returns the entries
// as stored.
func (s *Store) setRoleAssignments(spaceKey, caller string, entries []RoleAssignment) ([]RoleAssignment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sp, ok := s.spaces[spaceKey]
	if !ok {
		return nil, fmt.Errorf("%w: No space with key : %s", ErrNotFound, spaceKey)
	}
	if caller != "" && !s.canAdministerLocked(caller, spaceKey) {
		return nil, fmt.Errorf("%w: may not manage access to space %s", ErrNotPermitted, spaceKey)
	}
	roles := make([]*SpaceRole, len(entries))
	seen := map[Principal]bool{}
	for i, e := range entries {
		if seen[e.Principal] {
			return nil, fmt.Errorf("%w: principal %s %s appears more than once", ErrInvalid, e.Principal.Type, e.Principal.ID)
		}
		seen[e.Principal] = true
		if err := s.vetPrincipalLocked(e.Principal); err != nil {
			return nil, err
		}
		if e.RoleID != "" {
			if roles[i], ok = s.roleByIDLocked(e.RoleID); !ok {
				return nil, fmt.Errorf("%w: no space role with id %q", ErrInvalid, e.RoleID)
			}
		}
	}
	if caller != "" && s.roleMode == RoleModeRoles && !s.isAdminLocked(caller) {
		held := s.permissionsLocked(caller, sp)
		for _, r := range roles {
			if r != nil && slices.ContainsFunc(r.SpacePermissions, func(p string) bool { return !held[p] }) {
				return nil, fmt.Errorf("%w: may not grant role %s with permissions the caller lacks", ErrNotPermitted, r.Name)
			}
		}
	}
	stored := make([]RoleAssignment, len(entries))
	for i, e := range entries {
		stored[i].Principal = e.Principal
		if roles[i] == nil {
			delete(sp.assigned, e.Principal)
			continue
		}
		sp.assigned[e.Principal] = roles[i]
		stored[i].RoleID = roles[i].ID
		if subject, individual := subjectTypes[e.Principal.Type]; individual {
			sp.perms = slices.DeleteFunc(sp.perms, func(q SpacePermission) bool {
				return q.SubjectType == subject && q.SubjectID == e.Principal.ID
			})
		}
	}
	return stored, nil
}

// subjectTypes maps the principal types that can also hold individual permissions to the v1 subject type.
var subjectTypes = map[string]string{PrincipalUser: SubjectUser, PrincipalGroup: SubjectGroup}

// vetPrincipalLocked checks that a principal's type is one of the API's and that the principal exists.
func (s *Store) vetPrincipalLocked(p Principal) error {
	var ok bool
	switch p.Type {
	case PrincipalUser:
		ok = s.users[p.ID] != nil
	case PrincipalGroup:
		ok = s.groups[p.ID] != nil
	case PrincipalAccessClass:
		ok = slices.Contains(accessClasses, p.ID)
	default:
		return fmt.Errorf("%w: principalType %q must be USER, GROUP or ACCESS_CLASS", ErrInvalid, p.Type)
	}
	if !ok {
		return fmt.Errorf("%w: no %s with id %q", ErrInvalid, strings.ToLower(p.Type), p.ID)
	}
	return nil
}

// dropPrincipal removes a deleted user's or group's role in every space.
func (s *Store) dropPrincipal(p Principal) {
	for _, sp := range s.spaces {
		delete(sp.assigned, p)
	}
}
