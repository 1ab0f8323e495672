// Package spacegroups is the space-group domain: which Confluence groups belong to a space, how a group's
// members move from one set to another (concurrently, bounded, settling lost answers by reading back), how
// its space permissions change, and the guards that keep a space administrable and protected accounts in
// their groups. It returns errors, never Terraform diagnostics, and reaches the APIs only through the small
// interfaces below, so that it can be tested with fakes.
package spacegroups

import (
	"context"
	"strings"
	"sync"

	"golang.org/x/sync/semaphore"
	"golang.org/x/sync/singleflight"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// SpaceFinder finds a space by key.
type SpaceFinder interface {
	SpaceByKey(ctx context.Context, key string) (confluence.Space, error)
}

// GroupFinder finds a group by ID or by its exact name.
type GroupFinder interface {
	GetGroup(ctx context.Context, groupID string) (confluence.Group, error)
	FindGroupByName(ctx context.Context, name string) (confluence.Group, error)
}

// AccountFinder looks accounts up in bulk.
type AccountFinder interface {
	BulkUsers(ctx context.Context, accountIDs []string) ([]confluence.User, error)
}

// MemberReader reads a group's members.
type MemberReader interface {
	AccountFinder
	Members(ctx context.Context, groupID string) ([]confluence.User, error)
	IsMember(ctx context.Context, groupID, accountID string) (bool, error)
}

// MemberWriter adds accounts to and removes them from a group.
type MemberWriter interface {
	AddMember(ctx context.Context, groupID, accountID string) error
	RemoveMember(ctx context.Context, groupID, accountID string) error
}

// Members is what member changes need: they write, and read back when an answer is lost.
type Members interface {
	MemberReader
	MemberWriter
}

// PermissionReader lists a space's permissions.
type PermissionReader interface {
	SpacePermissions(ctx context.Context, spaceID string) ([]confluence.SpacePermission, error)
}

// Permissions is what changing a group's space permissions needs.
type Permissions interface {
	PermissionReader
	AddSpacePermission(ctx context.Context, spaceKey, subjectType, subjectID, operation, target string) (int64, error)
	RemoveSpacePermission(ctx context.Context, spaceKey string, permissionID int64) error
}

// Confluence is everything the site's own lookups and guards read.
type Confluence interface {
	SpaceFinder
	GroupFinder
	PermissionReader
	RoleReader
}

// App is what the space-group domain reads of the CSUM app: its group rules, its list of a space's groups,
// and its privileged user.
type App interface {
	GetSettings(ctx context.Context) (csumdoc.Settings, int64, error)
	SpaceGroups(ctx context.Context, spaceKey string) (csumapi.SpaceGroups, error)
	GetPrivilegedUser(ctx context.Context) (csumapi.PrivilegedUser, error)
}

// Site is the space-group domain of one provider configuration: one Confluence site and, when configured,
// its CSUM app. It remembers, for one run of the provider, lookups that many space group resources repeat:
// a plan with a hundred memberships in one space asks for that space and its groups once, not a hundred
// times. Terraform starts the provider afresh for every command, so nothing here outlives a plan or an
// apply. It also bounds the membership writes in flight across every resource of the run.
type Site struct {
	confluence Confluence // nil without site credentials
	app        App        // nil without the CSUM Admin API
	protected  []string   // the provider's protected_account_ids
	writes     *semaphore.Weighted

	mu     sync.Mutex
	memo   map[string]any         // what the run has read, by what was asked
	spaces map[string]*sync.Mutex // held while a space's last administrator is checked and its access written
	flight singleflight.Group     // shares reads made at the same time
}

// NewSite returns the domain of one provider configuration. confluence or app may be nil when not configured.
func NewSite(c Confluence, app App, protected []string) *Site {
	return &Site{confluence: c, app: app, protected: protected, writes: semaphore.NewWeighted(MemberWorkers),
		memo: map[string]any{}, spaces: map[string]*sync.Mutex{}}
}

// HasApp tells whether the CSUM Admin API is configured, so that group rules come from the app.
func (s *Site) HasApp() bool { return s.app != nil }

// once returns what the run already read under key, or reads it; reads of one key made at the same time
// share one request, and failed reads are not remembered. fresh reads again, on its own: a read that must see
// a write just made cannot share a request that started before the write ended. The new value is
// remembered.
func once[T any](s *Site, key string, fresh bool, read func() (T, error)) (T, error) {
	if fresh {
		v, err := read()
		if err == nil {
			s.remember(key, v)
		}
		return v, err
	}
	if v, ok := s.recall(key); ok {
		t, _ := v.(T) // only values of T are remembered under key
		return t, nil
	}
	v, err, _ := s.flight.Do(key, func() (any, error) {
		if v, ok := s.recall(key); ok {
			return v, nil // read by a request that ended while this one was on its way
		}
		v, err := read()
		if err != nil {
			return nil, err
		}
		s.remember(key, v)
		return v, nil
	})
	t, _ := v.(T) // the zero value with an error
	return t, err
}

func (s *Site) recall(key string) (any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.memo[key]
	return v, ok
}

func (s *Site) remember(key string, v any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.memo[key] = v
}

// LockSpace serializes, within the run, the checks and writes that must see each other's effect on one
// space's access: two groups giving up administer/space at once must not both find the other still holding it.
func (s *Site) LockSpace(spaceKey string) (unlock func()) {
	s.mu.Lock()
	m, ok := s.spaces[spaceKey]
	if !ok {
		m = &sync.Mutex{}
		s.spaces[spaceKey] = m
	}
	s.mu.Unlock()
	m.Lock()
	return m.Unlock
}

// Memo keys: one per kind of read, and per space where the read is per space.
const (
	keyMode       = "mode"
	keyRoles      = "roles"
	keyRules      = "rules"
	keyPattern    = "pattern" // as the app's last list of a space's groups gave it
	keyPrivileged = "privileged-user"
)

func keySpace(spaceKey string) string    { return "space/" + spaceKey }
func keyGroupsOf(spaceKey string) string { return "groups/" + spaceKey }
func keySpaces(keys []string) string     { return "spaces/" + strings.Join(keys, ",") }
func keyAccess(spaceKey string) string   { return "access/" + spaceKey }

// RememberGroupsOf records a space's groups as the app listed them, for the rest of the run.
func (s *Site) RememberGroupsOf(spaceKey string, groups []csumapi.SpaceGroup) {
	s.remember(keyGroupsOf(spaceKey), groups)
}

// RememberPrivilegedUser records the app's privileged user after a read or a write, so that membership
// changes later in the same run protect the account the app impersonates now.
func (s *Site) RememberPrivilegedUser(accountID string) { s.remember(keyPrivileged, accountID) }

// RememberRules records the app's group rules after a write of its settings, so that space groups planned
// later in the same run follow them.
func (s *Site) RememberRules(settings csumdoc.Settings) {
	g := settings.GroupSettings
	s.remember(keyRules, Rules{Pattern: g.SpaceGroupPattern, NameRegex: g.GroupNameRegex, FromApp: true})
}
