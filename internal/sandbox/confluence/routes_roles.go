package confluence

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

func (a *confluenceAPI) registerRoles(rt *router) {
	rt.handle("GET", v2+"/space-role-mode", a.spaceRoleMode)
	rt.handle("GET", v2+"/space-roles", a.listRoles)
	rt.handle("GET", v2+"/space-roles/{id}", a.getRole)
	rt.handle("GET", v2+"/spaces/{id}/role-assignments", a.listRoleAssignments)
	rt.handle("POST", v2+"/spaces/{id}/role-assignments", a.setRoleAssignments)
}

func (a *confluenceAPI) spaceRoleMode(w http.ResponseWriter, _ *http.Request, _ User) {
	writeJSON(w, http.StatusOK, map[string]string{"mode": a.store.SpaceRoleMode()})
}

// rolesAvailable answers 404 on a site that predates roles: the role endpoints are "available on tenants
// with Role-Based Access Control" only, and 404 is the one answer they document for a refused call.
func (a *confluenceAPI) rolesAvailable(w http.ResponseWriter) bool {
	if a.store.SpaceRoleMode() == RoleModePreRoles {
		v2Error(w, http.StatusNotFound, "")
		return false
	}
	return true
}

// roleFilter is what a role or assignment list is narrowed to.
type roleFilter struct {
	roleType  string     // "", SYSTEM or CUSTOM
	principal *Principal // principal-type and principal-id, which come in pairs
}

func parseRoleFilter(q url.Values) (roleFilter, error) {
	f := roleFilter{roleType: q.Get("role-type")}
	if f.roleType != "" && f.roleType != RoleTypeSystem && f.roleType != RoleTypeCustom {
		return roleFilter{}, errors.New("role-type must be SYSTEM or CUSTOM")
	}
	pType, pID := q.Get("principal-type"), q.Get("principal-id")
	switch {
	case pType == "" && pID == "":
	case pType == "" || pID == "":
		return roleFilter{}, errors.New("principal-id and principal-type must be given together")
	case pType != PrincipalUser && pType != PrincipalGroup && pType != PrincipalAccessClass:
		return roleFilter{}, errors.New("principal-type must be USER, GROUP or ACCESS_CLASS")
	default:
		f.principal = &Principal{Type: pType, ID: pID}
	}
	return f, nil
}

// roleListQuery reads the paging and filters of a role or assignment list, answering when the site has no
// roles or the query is bad.
func (a *confluenceAPI) roleListQuery(w http.ResponseWriter, r *http.Request) (after string, limit int, f roleFilter, ok bool) {
	if !a.rolesAvailable(w) {
		return "", 0, roleFilter{}, false
	}
	q := r.URL.Query()
	after, limit, err := parseCursorPage(q)
	f, filterErr := parseRoleFilter(q)
	if err = errors.Join(err, filterErr); err != nil {
		v2Error(w, http.StatusBadRequest, err.Error())
		return "", 0, roleFilter{}, false
	}
	return after, limit, f, true
}

type spaceRoleJSON struct {
	SpaceRole
	Links map[string]string `json:"_links,omitempty"`
}

// listRoles serves the catalogue in its order. Every role is available to every principal in every space,
// so space-id only checks that the caller can view the space, and the principal pair only that it is valid.
func (a *confluenceAPI) listRoles(w http.ResponseWriter, r *http.Request, caller User) {
	after, limit, filter, ok := a.roleListQuery(w, r)
	if !ok {
		return
	}
	if id := r.URL.Query().Get("space-id"); id != "" {
		spaceID, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			v2Error(w, http.StatusBadRequest, "space-id must be an integer")
			return
		}
		if sp, ok := a.store.SpaceByID(spaceID); !ok || !a.store.CanView(caller.AccountID, sp.Key) {
			v2Error(w, http.StatusNotFound, "")
			return
		}
	}
	roles := a.store.SpaceRoles()
	start := 0
	if after != "" {
		i := slices.IndexFunc(roles, func(role SpaceRole) bool { return role.ID == after })
		if i < 0 {
			v2Error(w, http.StatusBadRequest, "invalid cursor")
			return
		}
		start = i + 1
	}
	page, more := cursorPage(roles[start:], func(SpaceRole) bool { return true },
		func(role SpaceRole) bool { return filter.roleType == "" || role.Type == filter.roleType }, limit)
	writeV2Page(w, r, page, more, func(role SpaceRole) string { return role.ID },
		func(role SpaceRole) spaceRoleJSON { return spaceRoleJSON{SpaceRole: role} })
}

func (a *confluenceAPI) getRole(w http.ResponseWriter, r *http.Request, _ User) {
	if !a.rolesAvailable(w) {
		return
	}
	role, ok := a.store.SpaceRole(r.PathValue("id"))
	if !ok {
		v2Error(w, http.StatusNotFound, "")
		return
	}
	writeJSON(w, http.StatusOK, spaceRoleJSON{SpaceRole: role, Links: map[string]string{"base": siteBase(r)}})
}

// principalKey orders and pages assignments as comparePrincipals does: the type has no colon.
func principalKey(a RoleAssignment) string { return a.Principal.Type + ":" + a.Principal.ID }

func (a *confluenceAPI) listRoleAssignments(w http.ResponseWriter, r *http.Request, caller User) {
	after, limit, filter, ok := a.roleListQuery(w, r)
	if !ok {
		return
	}
	afterType, afterPrincipal, found := strings.Cut(after, ":")
	if after != "" && !found {
		v2Error(w, http.StatusBadRequest, "invalid cursor")
		return
	}
	cursor := Principal{Type: afterType, ID: afterPrincipal}
	sp, ok := a.visibleSpace(w, r, caller)
	if !ok {
		return
	}
	roleTypes := map[string]string{}
	for _, role := range a.store.SpaceRoles() {
		roleTypes[role.ID] = role.Type
	}
	roleID := r.URL.Query().Get("role-id")
	page, more := cursorPage(a.store.RoleAssignments(sp.Key),
		func(ra RoleAssignment) bool { return after == "" || comparePrincipals(ra.Principal, cursor) > 0 },
		func(ra RoleAssignment) bool {
			return (roleID == "" || ra.RoleID == roleID) && (filter.roleType == "" || roleTypes[ra.RoleID] == filter.roleType) &&
				(filter.principal == nil || ra.Principal == *filter.principal)
		}, limit)
	writeV2Page(w, r, page, more, principalKey, func(ra RoleAssignment) RoleAssignment { return ra })
}

// maxRoleAssignmentBody is the 5 MB above which Confluence answers a role assignment write with 413.
const maxRoleAssignmentBody = 5 << 20

// roleAssignmentEntry is one element of a POST body; pointers tell a missing field from an empty one.
type roleAssignmentEntry struct {
	Principal *struct {
		Type *string `json:"principalType"`
		ID   *string `json:"principalId"`
	} `json:"principal"`
	RoleID *string `json:"roleId"`
}

// setRoleAssignments applies a JSON array of assignments (a role for a principal) and removals (a principal
// without roleId), all or nothing. Only space admins and site admins may; everyone else, like an unknown
// space, gets 404, and so does a grant that "grant what you have" refuses on a roles-only site.
func (a *confluenceAPI) setRoleAssignments(w http.ResponseWriter, r *http.Request, caller User) {
	if !a.rolesAvailable(w) {
		return
	}
	var body []roleAssignmentEntry
	if err := decodeArray(r, maxRoleAssignmentBody, &body); err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, errBodyTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		v2Error(w, status, err.Error())
		return
	}
	entries := make([]RoleAssignment, 0, len(body))
	for i, e := range body {
		if e.Principal == nil || e.Principal.Type == nil || e.Principal.ID == nil {
			v2Error(w, http.StatusBadRequest, "entry "+strconv.Itoa(i)+": principal with principalType and principalId is required")
			return
		}
		if e.RoleID != nil && *e.RoleID == "" {
			v2Error(w, http.StatusBadRequest, "entry "+strconv.Itoa(i)+": roleId must not be empty")
			return
		}
		entry := RoleAssignment{Principal: Principal{Type: *e.Principal.Type, ID: *e.Principal.ID}}
		if e.RoleID != nil {
			entry.RoleID = *e.RoleID
		}
		entries = append(entries, entry)
	}
	sp, ok := a.spaceByID(w, r)
	if !ok {
		return
	}
	stored, err := a.store.setRoleAssignments(sp.Key, caller.AccountID, entries)
	switch {
	case errors.Is(err, ErrInvalid):
		v2Error(w, http.StatusBadRequest, errMessage(err))
	case err != nil:
		v2Error(w, http.StatusNotFound, "")
	default:
		writeJSON(w, http.StatusOK, map[string]any{"results": stored, "_links": map[string]string{}})
	}
}
