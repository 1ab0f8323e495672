package confluence

import "slices"

// MembersPage returns one page of a group's members in account-ID order, the total count, and whether the
// group exists. Cloud leaves deactivated (suspended) accounts out of a group's member list, with nothing to
// say so, although they are still members (user/memberof lists the group). The page is a slice of the sorted
// member index, stepping over the few deactivated members, so that paging through a large group stays linear.
func (s *Store) MembersPage(groupID string, start, limit int) ([]User, int, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g, ok := s.groups[groupID]
	if !ok {
		return nil, 0, false
	}
	hidden := s.inactiveIndexes(g)
	lo, hi := window(len(g.members)-len(hidden), start, limit)
	// i is the index in g.members of the lo-th listed member: lo plus the hidden members before it.
	i, h := lo, 0
	for ; h < len(hidden) && hidden[h] <= i; h++ {
		i++
	}
	page := make([]User, 0, hi-lo)
	for ; len(page) < hi-lo; i++ {
		if h < len(hidden) && hidden[h] == i {
			h++
			continue
		}
		page = append(page, *s.users[g.members[i]])
	}
	return page, len(g.members) - len(hidden), true
}

// inactiveIndexes returns, in order, the indexes in g.members of deactivated accounts, looking up whichever
// of the two is shorter: the deactivated accounts in the members, or the members among them.
func (s *Store) inactiveIndexes(g *group) []int {
	var out []int
	if len(s.inactive) < len(g.members) {
		for id := range s.inactive {
			if i, found := slices.BinarySearch(g.members, id); found {
				out = append(out, i)
			}
		}
		slices.Sort(out)
		return out
	}
	for i, id := range g.members {
		if _, ok := s.inactive[id]; ok {
			out = append(out, i)
		}
	}
	return out
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
