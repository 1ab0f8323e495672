package sandbox

import (
	"crypto/subtle"
	"slices"
	"strings"
)

// authenticate checks basic-auth credentials: an active account with that email and API token.
func (s *Store) authenticate(email, token string) (User, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.usersByMail[strings.ToLower(email)]
	if !ok {
		return User{}, false
	}
	u := s.users[id]
	if !u.Active || u.APIToken == "" || subtle.ConstantTimeCompare([]byte(u.APIToken), []byte(token)) != 1 {
		return User{}, false
	}
	return *u, true
}

func sortUsers(users []User) {
	slices.SortFunc(users, func(a, b User) int { return strings.Compare(a.AccountID, b.AccountID) })
}

func (s *Store) spacesByIDLocked() []*spaceEntry {
	out := make([]*spaceEntry, 0, len(s.spaces))
	for _, sp := range s.spaces {
		out = append(out, sp)
	}
	slices.SortFunc(out, func(a, b *spaceEntry) int { return cmpInt(a.ID, b.ID) })
	return out
}
