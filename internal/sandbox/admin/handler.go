package admin

import (
	"crypto/subtle"
	"net/http"
	"slices"
	"strings"
)

// route is one endpoint: its template (for request counts), the scope a scoped key needs, and its handler.
type route struct {
	template string
	method   string
	scope    string // "" when any valid key may call it
	orgID    string // the {orgId} of the path, "" for routes without one
	dirID    string // the {directoryId} of the path, "" for routes without one
	serve    func(w http.ResponseWriter, r *http.Request, rt route)
}

// Route templates, as request counts name them (relative to the base path /admin).
const (
	routeOrgs        = "/v1/orgs"
	routeOrg         = "/v1/orgs/{orgId}"
	routeDirectories = "/v2/orgs/{orgId}/directories"
	routeUserSearch  = "/v2/orgs/{orgId}/directories/{directoryId}/users/search"
)

func (o *Org) serve(w http.ResponseWriter, r *http.Request) {
	v1 := strings.HasPrefix(r.URL.Path, "/v1/")
	key, ok := o.authenticate(r)
	if !ok {
		// The answer never repeats what was presented: a key must not travel back into logs.
		w.Header().Set("WWW-Authenticate", `Bearer realm="api.atlassian.com"`)
		writeError(w, r, v1, http.StatusUnauthorized, codeUnauthenticated, "Unauthenticated",
			"The request has no valid organization API key; send Authorization: Bearer <API key>.")
		return
	}
	rt, found := o.match(r.URL.Path)
	if !found {
		writeError(w, r, v1, http.StatusNotFound, codeUnknownResource, "Unknown Resource", "No such endpoint: "+r.URL.Path)
		return
	}
	if r.Method != rt.method {
		w.Header().Set("Allow", rt.method)
		writeError(w, r, v1, http.StatusMethodNotAllowed, codeMethodNotSupported, "Method Not Supported",
			r.Method+" is not supported here; use "+rt.method+".")
		return
	}
	if rt.orgID != "" && rt.orgID != o.id {
		writeError(w, r, v1, http.StatusNotFound, codeOrgNotFound, "Organization not found",
			"No organization with ID "+rt.orgID+" is visible to this API key.")
		return
	}
	if rt.scope != "" && len(key.Scopes) > 0 && !slices.Contains(key.Scopes, rt.scope) {
		writeError(w, r, v1, http.StatusForbidden, codeForbidden, "Forbidden",
			"The API key does not have the scope this operation needs: "+rt.scope+".")
		return
	}
	rt.serve(w, r, rt)
}

// authenticate finds the organization API key presented as Bearer, comparing in constant time.
func (o *Org) authenticate(r *http.Request) (SeedKey, bool) {
	scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !found || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return SeedKey{}, false
	}
	o.mu.RLock()
	defer o.mu.RUnlock()
	for _, k := range o.keys {
		if subtle.ConstantTimeCompare([]byte(token), []byte(k.Key)) == 1 {
			return k, true
		}
	}
	return SeedKey{}, false
}

// match finds the endpoint of a path.
func (o *Org) match(path string) (route, bool) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case path == routeOrgs:
		return route{template: routeOrgs, method: http.MethodGet, serve: o.listOrgs}, true
	case len(parts) == 3 && parts[0] == "v1" && parts[1] == "orgs" && parts[2] != "":
		return route{template: routeOrg, method: http.MethodGet, scope: ScopeReadOrgs, orgID: parts[2], serve: o.getOrg}, true
	case len(parts) == 4 && parts[0] == "v2" && parts[1] == "orgs" && parts[2] != "" && parts[3] == "directories":
		return route{template: routeDirectories, method: http.MethodGet, scope: ScopeReadDirectories, orgID: parts[2],
			serve: o.listDirectories}, true
	case len(parts) == 7 && parts[0] == "v2" && parts[1] == "orgs" && parts[2] != "" && parts[3] == "directories" &&
		parts[4] != "" && parts[5] == "users" && parts[6] == "search":
		return route{template: routeUserSearch, method: http.MethodPost, scope: ScopeReadUsers, orgID: parts[2],
			dirID: parts[4], serve: o.searchUsers}, true
	}
	return route{}, false
}

// RouteTemplate names the endpoint a path (relative to /admin) is for, with the IDs as placeholders, so that
// request counts group by endpoint; an unknown path is returned as it is.
func RouteTemplate(path string) string {
	var o Org
	if rt, ok := o.match(path); ok {
		return rt.template
	}
	return path
}
