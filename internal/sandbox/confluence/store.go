package confluence

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Global permissions a group can carry.
const (
	SiteAdmin    = "SITE_ADMIN"
	ProductAdmin = "PRODUCT_ADMIN"
	CanUse       = "CAN_USE"
)

// Errors the store returns; handlers map them to Confluence status codes.
var (
	ErrNotFound  = errors.New("not found")
	ErrDuplicate = errors.New("already exists")
	ErrInvalid   = errors.New("invalid")
	ErrLastAdmin = errors.New("would remove the last space administrator")
	// ErrNotPermitted is a caller who may not do what he asks; the v2 API answers it with 404.
	ErrNotPermitted = errors.New("not permitted")
)

// User is a Confluence account. APIToken is the basic-auth secret: never logged and never served.
type User struct {
	AccountID   string `json:"accountId"`
	DisplayName string `json:"displayName"`
	Email       string `json:"email"`
	AccountType string `json:"accountType,omitempty"`
	Active      bool   `json:"active"`
	// EmailHidden serves the email as "", as Cloud does under restrictive profile visibility.
	EmailHidden bool   `json:"emailHidden,omitempty"`
	APIToken    string `json:"apiToken,omitempty"`
	// ScopedAPIToken is a scoped API token: basic auth (email + token) accepted only through the
	// /ex/confluence/{cloudId} gateway, as Atlassian requires of scoped tokens. Never served.
	ScopedAPIToken string `json:"scopedApiToken,omitempty"`
	// AccessToken is an OAuth 2.0 (3LO) access token acting as this user: Bearer auth accepted only through
	// the gateway. Never served.
	AccessToken string `json:"accessToken,omitempty"`
}

// Group is a Confluence group as the store hands it out.
type Group struct {
	ID                string   `json:"id"`
	Name              string   `json:"name"`
	GlobalPermissions []string `json:"globalPermissions,omitempty"`
}

// HasGlobalAdmin reports whether the group carries SITE_ADMIN or PRODUCT_ADMIN; such groups never belong
// to a space in CSUM's eyes.
func (g Group) HasGlobalAdmin() bool {
	return slices.Contains(g.GlobalPermissions, SiteAdmin) || slices.Contains(g.GlobalPermissions, ProductAdmin)
}

// Space is a Confluence space.
type Space struct {
	ID   int64
	Key  string
	Name string
	Type string // one of the v2 space types; default global
	// Description is plain text, served only when a read asks for a description format.
	Description string
	// AuthorID is the account that created the space, served as authorId and spaceOwnerId; it may name an
	// account that no longer exists, as it does on Cloud.
	AuthorID  string
	CreatedAt time.Time
}

// group is the stored form: members are kept both as a set (membership tests) and as a sorted slice
// (pages are slices of it, so reading a 20,000-member group page by page stays linear).
type group struct {
	Group
	memberSet map[string]struct{}
	members   []string
}

// Store is the Confluence half of the sandbox model. All methods are safe for concurrent use.
type Store struct {
	mu            sync.RWMutex
	users         map[string]*User    // by account ID
	usersByMail   map[string]string   // lower-cased email -> account ID
	usersByBearer map[string]string   // OAuth access token -> account ID
	inactive      map[string]struct{} // account IDs of deactivated users, which member lists leave out
	groups        map[string]*group   // by ID
	groupNames    map[string]string   // lower-cased name -> ID
	sorted        []*group            // groups by name; nil when it must be rebuilt
	memberOf      map[string]map[string]struct{}
	spaces        map[string]*spaceEntry // by key
	spaceIDs      map[int64]string
	nextSpaceID   int64
	nextPermID    int64
	roleMode      string       // space role mode
	roles         []*SpaceRole // the role catalogue: SYSTEM roles, then CUSTOM ones
	newGroupID    func(name string) string
	stable        *stableIDs // nil unless UseStableIDs
}

// NewStore returns an empty store of a roles-only site, as every new Confluence site is, with the four SYSTEM
// roles under random IDs. Group IDs of groups created later are random UUIDs.
func NewStore() *Store {
	return &Store{
		users:         map[string]*User{},
		usersByMail:   map[string]string{},
		usersByBearer: map[string]string{},
		inactive:      map[string]struct{}{},
		groups:        map[string]*group{},
		groupNames:    map[string]string{},
		memberOf:      map[string]map[string]struct{}{},
		spaces:        map[string]*spaceEntry{},
		spaceIDs:      map[int64]string{},
		nextSpaceID:   firstSpaceID,
		nextPermID:    firstPermissionID,
		roleMode:      RoleModeRoles,
		roles:         newSystemRoles(),
		newGroupID:    func(string) string { return randomUUID() },
	}
}

func compareNames(a, b string) int { return strings.Compare(a, b) }

// NormalGroupName is how Confluence stores a group name: lower case, surrounding spaces dropped.
func NormalGroupName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

func validGroupName(name string) error {
	if name == "" || len(name) > 255 || strings.ContainsAny(name, "\x00\r\n\t") {
		return fmt.Errorf("%w: group name must be 1 to 255 printable characters", ErrInvalid)
	}
	return nil
}

// AddUser stores a new account.
func (s *Store) AddUser(u User) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addUserLocked(u)
}

func (s *Store) addUserLocked(u User) error {
	if u.AccountID == "" {
		return fmt.Errorf("%w: user without accountId", ErrInvalid)
	}
	if _, ok := s.users[u.AccountID]; ok {
		return fmt.Errorf("%w: user %s", ErrDuplicate, u.AccountID)
	}
	mail := strings.ToLower(u.Email)
	if _, ok := s.usersByMail[mail]; ok && mail != "" {
		return fmt.Errorf("%w: email of user %s", ErrDuplicate, u.AccountID)
	}
	if _, ok := s.usersByBearer[u.AccessToken]; ok && u.AccessToken != "" {
		return fmt.Errorf("%w: access token of user %s", ErrDuplicate, u.AccountID)
	}
	if mail != "" {
		s.usersByMail[mail] = u.AccountID
	}
	if u.AccessToken != "" {
		s.usersByBearer[u.AccessToken] = u.AccountID
	}
	if u.AccountType == "" {
		u.AccountType = "atlassian"
	}
	s.users[u.AccountID] = &u
	if !u.Active {
		s.inactive[u.AccountID] = struct{}{}
	}
	return nil
}

// User returns a copy of one account.
func (s *Store) User(accountID string) (User, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.users[accountID]
	if !ok {
		return User{}, false
	}
	return *u, true
}

// SetUserActive deactivates or reactivates an account; memberships are kept, as Confluence keeps them.
func (s *Store) SetUserActive(accountID string, active bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[accountID]
	if !ok {
		return fmt.Errorf("%w: user %s", ErrNotFound, accountID)
	}
	u.Active = active
	if active {
		delete(s.inactive, accountID)
	} else {
		s.inactive[accountID] = struct{}{}
	}
	return nil
}

// DeleteUser removes an account with its memberships, space permissions and roles.
func (s *Store) DeleteUser(accountID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[accountID]
	if !ok {
		return fmt.Errorf("%w: user %s", ErrNotFound, accountID)
	}
	for gid := range s.memberOf[accountID] {
		s.groups[gid].remove(accountID)
	}
	delete(s.memberOf, accountID)
	delete(s.usersByMail, strings.ToLower(u.Email))
	delete(s.usersByBearer, u.AccessToken)
	delete(s.users, accountID)
	delete(s.inactive, accountID)
	s.dropSubjectPermissions(SubjectUser, accountID)
	s.dropPrincipal(Principal{Type: PrincipalUser, ID: accountID})
	return nil
}

// CreateGroup creates a group; the name is stored lower-cased and must be unique.
func (s *Store) CreateGroup(name string) (Group, error) {
	return s.AddGroup(Group{Name: name})
}

// AddGroup stores a group with its global permissions, keeping its ID; a group without one gets a random
// UUID, as CreateGroup gives it.
func (s *Store) AddGroup(g Group) (Group, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, name := g.ID, NormalGroupName(g.Name)
	if err := validGroupName(name); err != nil {
		return Group{}, err
	}
	if _, ok := s.groupNames[name]; ok {
		return Group{}, fmt.Errorf("%w: group %s", ErrDuplicate, name)
	}
	if id == "" {
		id = s.newGroupID(name)
	}
	if _, ok := s.groups[id]; ok {
		return Group{}, fmt.Errorf("%w: group id %s", ErrDuplicate, id)
	}
	stored := &group{Group: Group{ID: id, Name: name}, memberSet: map[string]struct{}{}}
	if err := stored.setGlobalPermissions(g.GlobalPermissions); err != nil {
		return Group{}, err
	}
	s.groups[id] = stored
	s.groupNames[name] = id
	s.sorted = nil
	return stored.snapshot(), nil
}

// DeleteGroup removes a group, its memberships, its space permissions and its roles.
func (s *Store) DeleteGroup(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups[id]
	if !ok {
		return fmt.Errorf("%w: group %s", ErrNotFound, id)
	}
	for _, m := range g.members {
		delete(s.memberOf[m], id)
	}
	delete(s.groups, id)
	delete(s.groupNames, g.Name)
	s.sorted = nil
	s.dropSubjectPermissions(SubjectGroup, id)
	s.dropPrincipal(Principal{Type: PrincipalGroup, ID: id})
	return nil
}

// RenameGroup changes a group's name (Confluence group names are mutable); the ID stays.
func (s *Store) RenameGroup(id, newName string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups[id]
	if !ok {
		return fmt.Errorf("%w: group %s", ErrNotFound, id)
	}
	newName = NormalGroupName(newName)
	if err := validGroupName(newName); err != nil {
		return err
	}
	if other, ok := s.groupNames[newName]; ok && other != id {
		return fmt.Errorf("%w: group %s", ErrDuplicate, newName)
	}
	delete(s.groupNames, g.Name)
	g.Name = newName
	s.groupNames[newName] = id
	s.sorted = nil
	return nil
}

// SetGroupGlobalPermissions replaces the global permissions a group carries.
func (s *Store) SetGroupGlobalPermissions(groupID string, perms ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups[groupID]
	if !ok {
		return fmt.Errorf("%w: group %s", ErrNotFound, groupID)
	}
	return g.setGlobalPermissions(perms)
}

func (g *group) setGlobalPermissions(perms []string) error {
	clean := []string{}
	for _, p := range perms {
		if p != SiteAdmin && p != ProductAdmin && p != CanUse {
			return fmt.Errorf("%w: global permission %q", ErrInvalid, p)
		}
		if !slices.Contains(clean, p) {
			clean = append(clean, p)
		}
	}
	slices.Sort(clean)
	g.GlobalPermissions = clean
	return nil
}

func (g *group) snapshot() Group {
	c := g.Group
	c.GlobalPermissions = slices.Clone(g.GlobalPermissions)
	return c
}

// GroupByID returns one group.
func (s *Store) GroupByID(id string) (Group, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g, ok := s.groups[id]
	if !ok {
		return Group{}, false
	}
	return g.snapshot(), true
}

// GroupByName returns one group by name, compared case-insensitively as Confluence does.
func (s *Store) GroupByName(name string) (Group, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.groupNames[NormalGroupName(name)]
	if !ok {
		return Group{}, false
	}
	return s.groups[id].snapshot(), true
}

// Groups returns every group sorted by name.
func (s *Store) Groups() []Group {
	s.mu.Lock() // may rebuild the sorted index
	defer s.mu.Unlock()
	out := make([]Group, 0, len(s.groups))
	for _, g := range s.sortedLocked() {
		out = append(out, g.snapshot())
	}
	return out
}

func (s *Store) sortedLocked() []*group {
	if s.sorted == nil {
		s.sorted = make([]*group, 0, len(s.groups))
		for _, g := range s.groups {
			s.sorted = append(s.sorted, g)
		}
		slices.SortFunc(s.sorted, func(a, b *group) int { return compareNames(a.Name, b.Name) })
	}
	return s.sorted
}

// AddMember puts an account into a group; adding an existing member is a no-op.
func (s *Store) AddMember(groupID, accountID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups[groupID]
	if !ok {
		return fmt.Errorf("%w: group %s", ErrNotFound, groupID)
	}
	if _, ok := s.users[accountID]; !ok {
		return fmt.Errorf("%w: user %s", ErrNotFound, accountID)
	}
	if _, ok := g.memberSet[accountID]; ok {
		return nil
	}
	g.memberSet[accountID] = struct{}{}
	i, _ := slices.BinarySearch(g.members, accountID)
	g.members = slices.Insert(g.members, i, accountID)
	if s.memberOf[accountID] == nil {
		s.memberOf[accountID] = map[string]struct{}{}
	}
	s.memberOf[accountID][groupID] = struct{}{}
	return nil
}

// RemoveMember takes an account out of a group; removing a non-member is a no-op.
func (s *Store) RemoveMember(groupID, accountID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups[groupID]
	if !ok {
		return fmt.Errorf("%w: group %s", ErrNotFound, groupID)
	}
	if _, ok := s.users[accountID]; !ok {
		return fmt.Errorf("%w: user %s", ErrNotFound, accountID)
	}
	g.remove(accountID)
	delete(s.memberOf[accountID], groupID)
	return nil
}

func (g *group) remove(accountID string) {
	if _, ok := g.memberSet[accountID]; !ok {
		return
	}
	delete(g.memberSet, accountID)
	if i, found := slices.BinarySearch(g.members, accountID); found {
		g.members = slices.Delete(g.members, i, i+1)
	}
}

// Members returns the account IDs of a group, sorted; nil for an unknown group.
func (s *Store) Members(groupID string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if g, ok := s.groups[groupID]; ok {
		return slices.Clone(g.members)
	}
	return nil
}

// globalPermsLocked is the union of the global permissions of the account's groups.
func (s *Store) globalPermsLocked(accountID string) map[string]bool {
	perms := map[string]bool{}
	for gid := range s.memberOf[accountID] {
		for _, p := range s.groups[gid].GlobalPermissions {
			perms[p] = true
		}
	}
	return perms
}

// HasGlobalPermission reports whether one of the account's groups carries perm.
func (s *Store) HasGlobalPermission(accountID, perm string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.globalPermsLocked(accountID)[perm]
}
