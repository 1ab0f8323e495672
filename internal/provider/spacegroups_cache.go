package provider

import (
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
)

// spaceGroupCache remembers, for one run of the provider, lookups that many space group resources repeat:
// a plan with a hundred memberships in one space should ask for that space and its groups once, not a
// hundred times. Terraform starts the provider afresh for every command, so nothing here outlives a plan or
// an apply.
type spaceGroupCache struct {
	mu          sync.Mutex
	spaces      map[string]confluence.Space     // by space key
	spaceGroups map[string][]csumapi.SpaceGroup // by space key, as the app lists them
	privileged  *string                         // the app's privileged user ("" when none); nil until read
	flight      singleflight.Group              // shares lookups made at the same time: per space, and the privileged user
}

func newSpaceGroupCache() *spaceGroupCache {
	return &spaceGroupCache{spaces: map[string]confluence.Space{}, spaceGroups: map[string][]csumapi.SpaceGroup{}}
}

func (c *spaceGroupCache) space(key string) (confluence.Space, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.spaces[key]
	return s, ok
}

func (c *spaceGroupCache) putSpace(s confluence.Space) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.spaces[s.Key] = s
}

func (c *spaceGroupCache) groupsOf(spaceKey string) ([]csumapi.SpaceGroup, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	g, ok := c.spaceGroups[spaceKey]
	return g, ok
}

func (c *spaceGroupCache) putGroupsOf(spaceKey string, groups []csumapi.SpaceGroup) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.spaceGroups[spaceKey] = groups
}

func (c *spaceGroupCache) privilegedUser() (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.privileged == nil {
		return "", false
	}
	return *c.privileged, true
}

func (c *spaceGroupCache) putPrivilegedUser(accountID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.privileged = &accountID
}
