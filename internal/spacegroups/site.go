// Package spacegroups is the space-group domain: which Confluence groups belong to a space, how a group's
// members move from one set to another (concurrently, bounded, settling lost answers by reading back), how
// its space permissions change, and the guards that keep a space administrable and protected accounts in
// their groups. It returns errors, never Terraform diagnostics, and reaches the APIs only through the small
// interfaces below, so that it can be tested with fakes.
package spacegroups

import (
	"context"
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

	mu          sync.Mutex
	spaces      map[string]confluence.Space     // by space key
	spaceGroups map[string][]csumapi.SpaceGroup // by space key, as the app lists them
	privileged  *string                         // the app's privileged user ("" when none); nil until read
	flight      singleflight.Group              // shares lookups made at the same time: per space, and the privileged user
}

// NewSite returns the domain of one provider configuration. confluence or app may be nil when not configured.
func NewSite(c Confluence, app App, protected []string) *Site {
	return &Site{confluence: c, app: app, protected: protected, writes: semaphore.NewWeighted(MemberWorkers),
		spaces: map[string]confluence.Space{}, spaceGroups: map[string][]csumapi.SpaceGroup{}}
}

// HasApp tells whether the CSUM Admin API is configured, so that group rules come from the app.
func (s *Site) HasApp() bool { return s.app != nil }

func (s *Site) cachedSpace(key string) (confluence.Space, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sp, ok := s.spaces[key]
	return sp, ok
}

func (s *Site) putSpace(sp confluence.Space) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.spaces[sp.Key] = sp
}

func (s *Site) cachedGroupsOf(spaceKey string) ([]csumapi.SpaceGroup, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.spaceGroups[spaceKey]
	return g, ok
}

// RememberGroupsOf records a space's groups as the app listed them, for the rest of the run.
func (s *Site) RememberGroupsOf(spaceKey string, groups []csumapi.SpaceGroup) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.spaceGroups[spaceKey] = groups
}

func (s *Site) cachedPrivilegedUser() (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.privileged == nil {
		return "", false
	}
	return *s.privileged, true
}

// RememberPrivilegedUser records the app's privileged user after a read or a write, so that membership
// changes later in the same run protect the account the app impersonates now.
func (s *Site) RememberPrivilegedUser(accountID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.privileged = &accountID
}
