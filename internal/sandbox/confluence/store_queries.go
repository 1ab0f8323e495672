package confluence

import "slices"

// MembersPage returns one page of a group's members in account-ID order, the total count, and whether the
// group exists. It slices the sorted member index, so paging through a large group stays linear.
func (s *Store) MembersPage(groupID string, start, limit int) ([]User, int, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g, ok := s.groups[groupID]
	if !ok {
		return nil, 0, false
	}
	// Cloud leaves deactivated (suspended) accounts out of a group's member list, with nothing to say so,
	// although they are still members (user/memberof lists the group).
	listed := make([]string, 0, len(g.members))
	for _, id := range g.members {
		if s.users[id].Active {
			listed = append(listed, id)
		}
	}
	lo, hi := window(len(listed), start, limit)
	page := make([]User, 0, hi-lo)
	for _, id := range listed[lo:hi] {
		page = append(page, *s.users[id])
	}
	return page, len(listed), true
}

// GroupsOf returns the groups an account belongs to, sorted by name, and whether the account exists.
func (s *Store) GroupsOf(accountID string) ([]Group, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, ok := s.users[accountID]; !ok {
		return nil, false
	}
	out := []Group{}
	for gid := range s.memberOf[accountID] {
		out = append(out, s.groups[gid].snapshot())
	}
	slices.SortFunc(out, func(a, b Group) int { return compareNames(a.Name, b.Name) })
	return out, true
}

// Users returns every account sorted by account ID.
func (s *Store) Users() []User {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]User, 0, len(s.users))
	for _, u := range s.users {
		out = append(out, *u)
	}
	sortUsers(out)
	return out
}
