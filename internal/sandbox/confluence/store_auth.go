package confluence

import (
	"crypto/subtle"
	"slices"
	"strings"
)

// TokenKind says which secret a basic-auth password is checked against: classic API tokens work on the
// site URL, scoped API tokens only through the api.atlassian.com gateway.
type TokenKind int

// Token kinds.
const (
	ClassicToken TokenKind = iota
	ScopedToken
)

// Authenticate checks basic-auth credentials: an active account with that email and API token (of kind).
func (s *Store) Authenticate(email, token string, kind TokenKind) (User, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.usersByMail[strings.ToLower(email)]
	if !ok {
		return User{}, false
	}
	u := s.users[id]
	want := u.APIToken
	if kind == ScopedToken {
		want = u.ScopedAPIToken
	}
	if !u.Active || want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(token)) != 1 {
		return User{}, false
	}
	return *u, true
}

// authenticateBearer checks an OAuth 2.0 access token: it must belong to an active account.
func (s *Store) authenticateBearer(token string) (User, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.usersByBearer[token]
	if !ok || token == "" || !s.users[id].Active {
		return User{}, false
	}
	return *s.users[id], true
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
