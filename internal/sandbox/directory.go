package sandbox

import (
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/app"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// directory is the app half's view of the Confluence store.
type directory struct{ store *confluence.Store }

var _ app.Directory = directory{}

func toAppGroup(g confluence.Group) app.Group {
	return app.Group{ID: g.ID, Name: g.Name, GlobalPermission: g.HasGlobalAdmin()}
}

func (d directory) GroupByID(id string) (app.Group, bool) {
	g, ok := d.store.GroupByID(id)
	return toAppGroup(g), ok
}

func (d directory) Groups() []app.Group {
	groups := d.store.Groups()
	out := make([]app.Group, 0, len(groups))
	for _, g := range groups {
		out = append(out, toAppGroup(g))
	}
	return out
}

func (d directory) User(accountID string) (app.User, bool) {
	u, ok := d.store.User(accountID)
	if !ok {
		return app.User{}, false
	}
	return app.User{AccountID: u.AccountID, DisplayName: u.DisplayName, Email: u.Email, Active: u.Active,
		SiteAdmin: d.store.HasGlobalPermission(accountID, confluence.SiteAdmin),
		CanUse:    d.store.HasGlobalPermission(accountID, confluence.CanUse)}, true
}

func (d directory) SpaceExists(key string) bool {
	_, ok := d.store.Space(key)
	return ok
}
