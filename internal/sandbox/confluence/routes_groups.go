package confluence

import (
	"errors"
	"net/http"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

const v1 = "/wiki/rest/api"

// confluenceAPI holds the Confluence handlers over one store.
type confluenceAPI struct{ store *Store }

func (a *confluenceAPI) registerGroups(rt *router) {
	rt.handle("GET", v1+"/group", a.listGroups)
	rt.handle("POST", v1+"/group", a.createGroup)
	rt.handle("GET", v1+"/group/picker", a.pickGroups)
	rt.handle("GET", v1+"/group/by-id", a.getGroup)
	rt.handle("DELETE", v1+"/group/by-id", a.deleteGroup)
	rt.handle("GET", v1+"/group/{groupId}/membersByGroupId", a.listMembers)
	rt.handle("POST", v1+"/group/userByGroupId", a.addMember)
	rt.handle("DELETE", v1+"/group/userByGroupId", a.removeMember)

	// The by-name routes Atlassian removed answer 410 GoneException.
	rt.handle("DELETE", v1+"/group", gone)
	rt.handle("GET", v1+"/group/{groupName}", gone)
	rt.handle("GET", v1+"/group/by-name", gone)
	rt.handle("GET", v1+"/group/member", gone)
	rt.handle("GET", v1+"/group/{groupName}/member", gone)
	rt.handle("POST", v1+"/group/user", gone)
	rt.handle("DELETE", v1+"/group/user", gone)
}

func (a *confluenceAPI) listGroups(w http.ResponseWriter, r *http.Request, _ User) {
	start, limit, err := groupPaging.parse(r.URL.Query())
	if err != nil {
		v1BadRequest(w, err.Error())
		return
	}
	a.writeGroupPage(w, r, a.store.Groups(), start, limit, false)
}

func (a *confluenceAPI) pickGroups(w http.ResponseWriter, r *http.Request, _ User) {
	q := r.URL.Query()
	query := strings.ToLower(strings.TrimSpace(q.Get("query")))
	if query == "" {
		v1BadRequest(w, "query parameter is required")
		return
	}
	start, limit, err := groupPaging.parse(q)
	if err != nil {
		v1BadRequest(w, err.Error())
		return
	}
	var matches []Group
	for _, g := range a.store.Groups() {
		if strings.Contains(g.Name, query) {
			matches = append(matches, g)
		}
	}
	a.writeGroupPage(w, r, matches, start, limit, boolParam(q, "shouldReturnTotalSize"))
}

func (a *confluenceAPI) writeGroupPage(w http.ResponseWriter, r *http.Request, groups []Group, start, limit int, withTotal bool) {
	lo, hi := window(len(groups), start, limit)
	writeJSON(w, http.StatusOK, newV1Page(r, renderGroups(r, groups[lo:hi]), hi-lo, start, limit, len(groups), withTotal))
}

func (a *confluenceAPI) getGroup(w http.ResponseWriter, r *http.Request, _ User) {
	id := r.URL.Query().Get("id")
	if id == "" {
		v1BadRequest(w, "id parameter is required")
		return
	}
	g, ok := a.store.GroupByID(id)
	if !ok {
		v1NotFound(w, "No group found with id : "+id)
		return
	}
	writeJSON(w, http.StatusOK, renderGroup(r, g))
}

// requireSiteAdmin answers 403 unless the caller is a site admin, as every group write needs.
func (a *confluenceAPI) requireSiteAdmin(w http.ResponseWriter, caller User) bool {
	if a.store.HasGlobalPermission(caller.AccountID, SiteAdmin) {
		return true
	}
	v1Forbidden(w, "User "+caller.AccountID+" is not permitted to manage groups: site administrator permission is required")
	return false
}

func (a *confluenceAPI) createGroup(w http.ResponseWriter, r *http.Request, caller User) {
	if !a.requireSiteAdmin(w, caller) {
		return
	}
	var body struct {
		Name string `json:"name"`
	}
	if err := decodeBody(r, &body); err != nil {
		v1BadRequest(w, err.Error())
		return
	}
	g, err := a.store.CreateGroup(body.Name)
	switch {
	case errors.Is(err, ErrDuplicate):
		v1BadRequest(w, "A group with name '"+NormalGroupName(body.Name)+"' already exists")
	case err != nil:
		v1BadRequest(w, "Invalid group name: "+err.Error())
	default:
		writeJSON(w, http.StatusCreated, renderGroup(r, g))
	}
}

func (a *confluenceAPI) deleteGroup(w http.ResponseWriter, r *http.Request, caller User) {
	if !a.requireSiteAdmin(w, caller) {
		return
	}
	id := r.URL.Query().Get("id")
	if id == "" {
		v1BadRequest(w, "id parameter is required")
		return
	}
	if err := a.store.DeleteGroup(id); err != nil {
		v1NotFound(w, "No group found with id : "+id)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// listMembers keeps deactivated users in the list, flagged accountStatus "inactive", rather than omitting
// them as field reports say Cloud does for suspended users: the provider must see who is in a group.
func (a *confluenceAPI) listMembers(w http.ResponseWriter, r *http.Request, _ User) {
	q := r.URL.Query()
	start, limit, err := memberPaging.parse(q)
	if err != nil {
		v1BadRequest(w, err.Error())
		return
	}
	// An unknown group is an empty page, not a 404, as on Cloud.
	members, total, _ := a.store.MembersPage(r.PathValue("groupId"), start, limit)
	writeJSON(w, http.StatusOK, newV1Page(r, renderUsers(r, members), len(members), start, limit, total,
		boolParam(q, "shouldReturnTotalSize")))
}

func (a *confluenceAPI) addMember(w http.ResponseWriter, r *http.Request, caller User) {
	if !a.requireSiteAdmin(w, caller) {
		return
	}
	groupID := r.URL.Query().Get("groupId")
	var body struct {
		AccountID string `json:"accountId"`
	}
	if err := decodeBody(r, &body); err != nil {
		v1BadRequest(w, err.Error())
		return
	}
	if !a.checkMemberRequest(w, groupID, body.AccountID) {
		return
	}
	if err := a.store.AddMember(groupID, body.AccountID); err != nil {
		v1NotFound(w, errMessage(err)) // lost a race with a delete
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func (a *confluenceAPI) removeMember(w http.ResponseWriter, r *http.Request, caller User) {
	if !a.requireSiteAdmin(w, caller) {
		return
	}
	q := r.URL.Query()
	groupID, accountID := q.Get("groupId"), q.Get("accountId")
	if !a.checkMemberRequest(w, groupID, accountID) {
		return
	}
	if err := a.store.RemoveMember(groupID, accountID); err != nil {
		v1NotFound(w, errMessage(err))
		return
	}
	w.WriteHeader(http.StatusNoContent) // also when the user was not a member
}

// checkMemberRequest answers 400 for missing or malformed ids and 404 for an unknown group or user.
func (a *confluenceAPI) checkMemberRequest(w http.ResponseWriter, groupID, accountID string) bool {
	switch {
	case groupID == "":
		v1BadRequest(w, "groupId parameter is required")
	case accountID == "":
		v1BadRequest(w, "accountId is required")
	case !csumdoc.ValidAccountID(accountID):
		v1BadRequest(w, "Invalid accountId")
	default:
		if _, ok := a.store.GroupByID(groupID); !ok {
			v1NotFound(w, "No group found with id : "+groupID)
			return false
		}
		if _, ok := a.store.User(accountID); !ok {
			v1NotFound(w, "No user found with accountId : "+accountID)
			return false
		}
		return true
	}
	return false
}
