package sandbox

import (
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/admin"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// accounts is the Admin API's view of the Confluence store: the organization's users are the site's accounts.
type accounts struct{ store *confluence.Store }

var _ admin.Directory = accounts{}

func (a accounts) Account(accountID string) (admin.Account, bool) {
	u, ok := a.store.User(accountID)
	return admin.Account{Name: u.DisplayName, Email: u.Email, AccountType: u.AccountType, EmailHidden: u.EmailHidden,
		Active: u.Active}, ok
}

func (a accounts) GroupsOf(accountID string) []admin.Group {
	groups, _ := a.store.GroupsOf(accountID)
	out := make([]admin.Group, 0, len(groups))
	for _, g := range groups {
		out = append(out, admin.Group{ID: g.ID, Name: g.Name})
	}
	return out
}

// buildOrg builds the seed's organization over the store, resolving relative last-active days against now;
// a seed without one gets an Admin API that accepts no key.
func (seed Seed) buildOrg(store *confluence.Store, now time.Time) (*admin.Org, error) {
	if seed.Org == nil {
		return admin.Disabled(), nil
	}
	return admin.New(accounts{store}, *seed.Org, now)
}
