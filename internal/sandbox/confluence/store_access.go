package confluence

import (
	"iter"
	"slices"
)

// permissionsOfLocked yields every permission that reaches the account in the space under the site's mode:
// individual permissions (its own or its groups') unless the site is roles-only, and the permissions of the
// roles of its account, its groups and its access classes unless the site predates roles. A permission may
// be yielded more than once.
func (s *Store) permissionsOfLocked(accountID string, sp *spaceEntry) iter.Seq[string] {
	return func(yield func(string) bool) {
		groups := s.memberOf[accountID]
		reaches := func(subjectType, subjectID string) bool {
			_, member := groups[subjectID]
			return (subjectType == SubjectUser && subjectID == accountID) || (subjectType == SubjectGroup && member)
		}
		if s.roleMode != RoleModeRoles {
			for _, q := range sp.perms {
				if reaches(q.SubjectType, q.SubjectID) && !yield(q.Pair()) {
					return
				}
			}
		}
		if s.roleMode == RoleModePreRoles {
			return
		}
		var global map[string]bool
		for p, role := range sp.assigned {
			covered := reaches(subjectTypes[p.Type], p.ID)
			if p.Type == PrincipalAccessClass {
				if global == nil {
					global = s.globalPermsLocked(accountID)
				}
				covered = inAccessClass(p.ID, global)
			}
			if !covered {
				continue
			}
			for _, perm := range role.SpacePermissions {
				if !yield(perm) {
					return
				}
			}
		}
	}
}

// inAccessClass reports whether an authenticated account with these global permissions belongs to an
// access class. Anonymous access is for visitors who are not logged in, and the sandbox has no Jira Service
// Management projects.
func inAccessClass(class string, global map[string]bool) bool {
	switch class {
	case AccessAuthenticated:
		return true
	case AccessLicensed:
		return global[CanUse]
	case AccessProductAdmins:
		return global[ProductAdmin]
	}
	return false
}

// permissionsLocked is the set of permissions that reach the account in the space.
func (s *Store) permissionsLocked(accountID string, sp *spaceEntry) map[string]bool {
	held := map[string]bool{}
	for p := range s.permissionsOfLocked(accountID, sp) {
		held[p] = true
	}
	return held
}

// holdsLocked reports whether permission reaches the account in the space.
func (s *Store) holdsLocked(accountID, spaceKey, permission string) bool {
	sp, ok := s.spaces[spaceKey]
	if !ok {
		return false
	}
	for p := range s.permissionsOfLocked(accountID, sp) {
		if p == permission {
			return true
		}
	}
	return false
}

// SpacePermissionsOf returns the permissions that reach the account in the space under the site's mode,
// through individual permissions or roles, in the catalogue's order.
func (s *Store) SpacePermissionsOf(accountID, spaceKey string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sp, ok := s.spaces[spaceKey]
	if !ok {
		return nil
	}
	held := s.permissionsLocked(accountID, sp)
	return slices.DeleteFunc(slices.Clone(permissionIDs), func(p string) bool { return !held[p] })
}

// CanView reports whether the account may see the space (read/space, directly, through a group or a role).
func (s *Store) CanView(accountID, spaceKey string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.holdsLocked(accountID, spaceKey, "read/space")
}

// CanAdminister reports whether the account may change who can access the space: administer/space,
// directly, through a group or a role, or site admin.
func (s *Store) CanAdminister(accountID, spaceKey string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.canAdministerLocked(accountID, spaceKey)
}

func (s *Store) canAdministerLocked(accountID, spaceKey string) bool {
	return s.holdsLocked(accountID, spaceKey, "administer/space") || s.globalPermsLocked(accountID)[SiteAdmin]
}

// isAdminLocked reports a product or site admin, whom "grant what you have" does not bind.
func (s *Store) isAdminLocked(accountID string) bool {
	global := s.globalPermsLocked(accountID)
	return global[SiteAdmin] || global[ProductAdmin]
}
