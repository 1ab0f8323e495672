// Package confluence is the sandbox's Confluence Cloud site: an in-memory store of users, groups, spaces,
// space permissions and space roles, and a faithful subset of the REST API over it (groups, members, users,
// spaces, space permissions, the space role mode, catalogue and assignments) with Cloud's authentication,
// licence check, paging and error bodies, served on the site URL and behind the OAuth gateway prefix
// /ex/confluence/{cloudId}. Package sandbox serves it beside the CSUM app and saves the store to its state
// file.
package confluence

import "net/http"

// Register adds the site to mux: every REST route behind authentication, and the discovery endpoints
// GET /_edge/tenant_info and GET /oauth/token/accessible-resources. Gateway requests reach the REST routes
// once ThroughGateway has turned them into site requests.
func Register(mux *http.ServeMux, store *Store, cloudID string) {
	mux.HandleFunc("GET /_edge/tenant_info", tenantInfo(cloudID))
	mux.HandleFunc("GET /oauth/token/accessible-resources", accessibleResources(store, cloudID))
	rt := newRouter(store)
	api := &confluenceAPI{store: store}
	api.registerGroups(rt)
	api.registerUsers(rt)
	api.registerSpaces(rt)
	api.registerRoles(rt)
	rt.install(mux)
}
