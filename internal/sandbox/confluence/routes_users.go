package confluence

import (
	"net/http"
	"strings"
)

// maxBulkUsers is the 2026 spec's cap on accountId values in one /user/bulk call.
const maxBulkUsers = 100

func (a *confluenceAPI) registerUsers(rt *router) {
	rt.handle("GET", v1+"/user", a.getUser)
	rt.handle("GET", v1+"/user/current", a.currentUser)
	rt.handle("GET", v1+"/user/bulk", a.bulkUsers)
	rt.handle("GET", v1+"/user/memberof", a.memberOf)
	rt.handle("GET", v1+"/search/user", a.searchUsers)
}

func (a *confluenceAPI) getUser(w http.ResponseWriter, r *http.Request, _ User) {
	id := r.URL.Query().Get("accountId")
	if id == "" {
		v1BadRequest(w, "accountId parameter is required")
		return
	}
	u, ok := a.store.User(id)
	if !ok {
		v1NotFound(w, "No user found with accountId : "+id)
		return
	}
	writeJSON(w, http.StatusOK, renderUser(r, u))
}

func (a *confluenceAPI) currentUser(w http.ResponseWriter, r *http.Request, caller User) {
	writeJSON(w, http.StatusOK, renderUser(r, caller))
}

func (a *confluenceAPI) bulkUsers(w http.ResponseWriter, r *http.Request, _ User) {
	ids := r.URL.Query()["accountId"]
	if len(ids) == 0 || len(ids) > maxBulkUsers {
		v1BadRequest(w, "between 1 and 100 accountId parameters are required")
		return
	}
	var found []User
	for _, id := range ids {
		if u, ok := a.store.User(id); ok {
			found = append(found, u) // unknown ids are left out, not an error
		}
	}
	writeJSON(w, http.StatusOK, newV1Page(r, renderBulkUsers(r, found), len(found), 0, maxBulkUsers, len(found), false))
}

func (a *confluenceAPI) memberOf(w http.ResponseWriter, r *http.Request, _ User) {
	q := r.URL.Query()
	id := q.Get("accountId")
	if id == "" {
		v1BadRequest(w, "accountId parameter is required")
		return
	}
	start, limit, err := groupPaging.parse(q)
	if err != nil {
		v1BadRequest(w, err.Error())
		return
	}
	groups, ok := a.store.GroupsOf(id)
	if !ok {
		v1NotFound(w, "No user found with accountId : "+id)
		return
	}
	a.writeGroupPage(w, r, groups, start, limit, false)
}

type searchResult struct {
	User         userJSON `json:"user"`
	Title        string   `json:"title"`
	Excerpt      string   `json:"excerpt"`
	URL          string   `json:"url"`
	EntityType   string   `json:"entityType"`
	IconCSSClass string   `json:"iconCssClass"`
	LastModified string   `json:"lastModified"`
	Breadcrumbs  []any    `json:"breadcrumbs"`
}

type searchPage struct {
	v1Page
	CQLQuery       string `json:"cqlQuery"`
	SearchDuration int    `json:"searchDuration"`
}

// searchUsers serves user-search CQL. sitePermissionTypeFilter "none" (the default) returns licensed users
// only, i.e. holders of CAN_USE; "all" returns everyone; the sandbox has no guests, so
// "externalCollaborator" returns nobody.
func (a *confluenceAPI) searchUsers(w http.ResponseWriter, r *http.Request, _ User) {
	q := r.URL.Query()
	cql := q.Get("cql")
	match, err := parseUserCQL(cql)
	if err != nil {
		v1BadRequest(w, "Could not parse cql : "+cql+" ("+err.Error()+")")
		return
	}
	start, limit, err := searchPaging.parse(q)
	if err != nil {
		v1BadRequest(w, err.Error())
		return
	}
	filter := strings.ToLower(q.Get("sitePermissionTypeFilter"))
	if filter != "" && filter != "none" && filter != "all" && filter != "externalcollaborator" {
		v1BadRequest(w, "sitePermissionTypeFilter must be all, externalCollaborator or none")
		return
	}
	var hits []User
	for _, u := range a.store.Users() {
		licensed := a.store.HasGlobalPermission(u.AccountID, CanUse)
		wanted := filter == "all" || (filter != "externalcollaborator" && licensed)
		if wanted && match(u) {
			hits = append(hits, u)
		}
	}
	lo, hi := window(len(hits), start, limit)
	results := make([]searchResult, 0, hi-lo)
	for _, u := range hits[lo:hi] {
		results = append(results, searchResult{User: renderUser(r, u), Title: u.DisplayName,
			URL: "/people/" + u.AccountID, EntityType: "user", LastModified: "2026-01-01T00:00:00.000Z",
			Breadcrumbs: []any{}})
	}
	page := newV1Page(r, results, len(results), start, limit, len(hits), true)
	writeJSON(w, http.StatusOK, searchPage{v1Page: page, CQLQuery: cql})
}
