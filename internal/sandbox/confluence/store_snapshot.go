package confluence

import "slices"

// Snapshot is the whole store at one moment, every object with its ID: what saving the model needs. It is
// taken under one lock, so that no member or grant names an object the snapshot lacks.
type Snapshot struct {
	SpaceRoleMode string
	Roles         []SpaceRole    // the catalogue, SYSTEM roles first
	Users         []User         // by account ID
	Groups        []GroupMembers // by name
	Spaces        []SpaceGrants  // by ID
	// NextPermissionID is the ID the next grant gets; grants deleted since keep theirs out of reuse.
	NextPermissionID int64
}

// SystemRoleIDs maps the name of each SYSTEM role to its ID, which a saved model keeps.
func (m Snapshot) SystemRoleIDs() map[string]string {
	ids := map[string]string{}
	for _, r := range m.Roles {
		if r.Type == RoleTypeSystem {
			ids[r.Name] = r.ID
		}
	}
	return ids
}

// GroupMembers is a group with the account IDs of its members, sorted.
type GroupMembers struct {
	Group
	Members []string
}

// SpaceGrants is a space with its permissions in ID order and its role assignments in principal order.
type SpaceGrants struct {
	Space
	Permissions     []SpacePermission
	RoleAssignments []RoleAssignment
}

// Snapshot copies the whole store.
func (s *Store) Snapshot() Snapshot {
	s.mu.Lock() // may rebuild the sorted index
	defer s.mu.Unlock()
	out := Snapshot{SpaceRoleMode: s.roleMode, NextPermissionID: s.nextPermID}
	for _, r := range s.roles {
		out.Roles = append(out.Roles, r.snapshot())
	}
	for _, u := range s.users {
		out.Users = append(out.Users, *u)
	}
	sortUsers(out.Users)
	for _, g := range s.sortedLocked() {
		out.Groups = append(out.Groups, GroupMembers{Group: g.snapshot(), Members: append([]string(nil), g.members...)})
	}
	for _, sp := range s.spacesByIDLocked() {
		out.Spaces = append(out.Spaces, SpaceGrants{Space: sp.Space, Permissions: slices.Clone(sp.perms),
			RoleAssignments: sp.roleAssignments()})
	}
	return out
}

// RaiseNextPermissionID keeps permission IDs from being reused after a restart, even those of deleted grants.
func (s *Store) RaiseNextPermissionID(next int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextPermID = max(s.nextPermID, next)
}
