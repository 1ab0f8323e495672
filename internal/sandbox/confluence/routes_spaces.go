package confluence

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

const v2 = "/wiki/api/v2"

// maxSpaceFilter is the cap on keys or ids in one v2 /spaces call.
const maxSpaceFilter = 250

func (a *confluenceAPI) registerSpaces(rt *router) {
	rt.handle("GET", v2+"/spaces", a.listSpaces)
	rt.handle("GET", v2+"/spaces/{id}", a.getSpace)
	rt.handle("GET", v2+"/spaces/{id}/permissions", a.listPermissions)
	rt.handle("GET", v2+"/space-role-mode", a.spaceRoleMode)
	// No GET here: Confluence has no v1 list and answers 405.
	rt.handle("POST", v1+"/space/{spaceKey}/permission", a.addPermission)
	rt.handle("DELETE", v1+"/space/{spaceKey}/permission/{id}", a.removePermission)
}

// v2 cursor paging: limit 1-250 (default 25), cursor an opaque token naming the last id served.
func parseCursorPage(q url.Values) (after int64, limit int, err error) {
	limit, err = intParam(q, "limit", 25)
	if err != nil || limit < 1 || limit > 250 {
		return 0, 0, errors.New("limit must be between 1 and 250")
	}
	if c := q.Get("cursor"); c != "" {
		raw, decodeErr := base64.RawURLEncoding.DecodeString(c)
		after, err = strconv.ParseInt(strings.TrimPrefix(string(raw), "after:"), 10, 64)
		if decodeErr != nil || err != nil || !strings.HasPrefix(string(raw), "after:") {
			return 0, 0, errors.New("invalid cursor")
		}
	}
	return after, limit, nil
}

// v2Links sets the Link header and returns the body's _links; next is present only when more items follow.
// next is relative to the host and, for a request through the gateway, keeps the gateway prefix.
func v2Links(w http.ResponseWriter, r *http.Request, more bool, lastID int64) map[string]string {
	base := siteBase(r)
	links := map[string]string{"base": base}
	if more {
		q := r.URL.Query()
		q.Set("cursor", base64.RawURLEncoding.EncodeToString([]byte("after:"+strconv.FormatInt(lastID, 10))))
		next := gatewayBase(r) + r.URL.Path + "?" + q.Encode()
		links["next"] = next
		w.Header().Set("Link", "<"+next+`>; rel="next", <`+base+`>; rel="base"`)
	}
	return links
}

type spaceJSON struct {
	ID                 string            `json:"id"`
	Key                string            `json:"key"`
	Name               string            `json:"name"`
	Type               string            `json:"type"`
	Status             string            `json:"status"`
	CurrentActiveAlias string            `json:"currentActiveAlias"`
	Description        any               `json:"description"`
	Icon               any               `json:"icon"`
	Links              map[string]string `json:"_links"`
}

func renderSpace(sp Space) spaceJSON {
	return spaceJSON{ID: strconv.FormatInt(sp.ID, 10), Key: sp.Key, Name: sp.Name, Type: sp.Type,
		Status: "current", CurrentActiveAlias: sp.Key, Links: map[string]string{"webui": "/spaces/" + sp.Key}}
}

// listSpaces returns, in id order, the spaces the caller can view that match keys and ids (comma-separated
// or repeated). Unknown keys simply match nothing.
func (a *confluenceAPI) listSpaces(w http.ResponseWriter, r *http.Request, caller User) {
	q := r.URL.Query()
	after, limit, err := parseCursorPage(q)
	keys, ids := splitList(q["keys"]), splitList(q["ids"])
	if err == nil && (len(keys) > maxSpaceFilter || len(ids) > maxSpaceFilter) {
		err = errors.New("at most 250 keys and 250 ids")
	}
	if err != nil {
		v2Error(w, http.StatusBadRequest, err.Error())
		return
	}
	results := []spaceJSON{}
	more := false
	for _, sp := range a.store.Spaces() {
		if sp.ID <= after || !a.store.CanView(caller.AccountID, sp.Key) ||
			(len(keys) > 0 && !slices.Contains(keys, sp.Key)) || (len(ids) > 0 && !slices.Contains(ids, strconv.FormatInt(sp.ID, 10))) {
			continue
		}
		if len(results) == limit {
			more = true
			break
		}
		results = append(results, renderSpace(sp))
	}
	last := int64(0)
	if len(results) > 0 {
		last, _ = strconv.ParseInt(results[len(results)-1].ID, 10, 64)
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": results, "_links": v2Links(w, r, more, last)})
}

func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// visibleSpace resolves a v2 space id the caller can view; v2 answers 404, never 403, otherwise.
func (a *confluenceAPI) visibleSpace(w http.ResponseWriter, r *http.Request, caller User) (Space, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		v2Error(w, http.StatusBadRequest, "space id must be an integer")
		return Space{}, false
	}
	for _, sp := range a.store.Spaces() {
		if sp.ID == id && a.store.CanView(caller.AccountID, sp.Key) {
			return sp, true
		}
	}
	v2Error(w, http.StatusNotFound, "")
	return Space{}, false
}

func (a *confluenceAPI) getSpace(w http.ResponseWriter, r *http.Request, caller User) {
	if sp, ok := a.visibleSpace(w, r, caller); ok {
		writeJSON(w, http.StatusOK, renderSpace(sp))
	}
}

type principalJSON struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

type permissionV2JSON struct {
	ID        string            `json:"id"`
	Principal principalJSON     `json:"principal"`
	Operation map[string]string `json:"operation"`
}

func (a *confluenceAPI) listPermissions(w http.ResponseWriter, r *http.Request, caller User) {
	after, limit, err := parseCursorPage(r.URL.Query())
	if err != nil {
		v2Error(w, http.StatusBadRequest, err.Error())
		return
	}
	sp, ok := a.visibleSpace(w, r, caller)
	if !ok {
		return
	}
	results := []permissionV2JSON{}
	more, last := false, int64(0)
	for _, p := range a.store.SpacePermissions(sp.Key) {
		if p.ID <= after {
			continue
		}
		if len(results) == limit {
			more = true
			break
		}
		last = p.ID
		results = append(results, permissionV2JSON{ID: strconv.FormatInt(p.ID, 10),
			Principal: principalJSON{Type: p.SubjectType, ID: p.SubjectID},
			Operation: map[string]string{"key": p.Operation, "targetType": p.Target}})
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": results, "_links": v2Links(w, r, more, last)})
}

type subjectJSON struct {
	Type       string `json:"type"`
	Identifier string `json:"identifier"`
}

type operationJSON struct {
	Key    string `json:"key"`
	Target string `json:"target"`
}

type permissionV1JSON struct {
	ID        int64             `json:"id,omitempty"`
	Subject   subjectJSON       `json:"subject"`
	Operation operationJSON     `json:"operation"`
	Links     map[string]string `json:"_links,omitempty"`
}

func (a *confluenceAPI) spaceRoleMode(w http.ResponseWriter, _ *http.Request, _ User) {
	writeJSON(w, http.StatusOK, map[string]string{"mode": a.store.SpaceRoleMode()})
}

// spaceForWrite answers 404 for an unknown space, 403 for a caller who is neither space admin nor site
// admin, and 400 InvalidRbacOperationException on a site in roles-only mode.
func (a *confluenceAPI) spaceForWrite(w http.ResponseWriter, r *http.Request, caller User) (string, bool) {
	key := r.PathValue("spaceKey")
	if _, ok := a.store.Space(key); !ok {
		v1NotFound(w, "No space with key : "+key)
		return "", false
	}
	if !a.store.CanAdminister(caller.AccountID, key) {
		v1Forbidden(w, "User "+caller.AccountID+" is not permitted to administer space "+key)
		return "", false
	}
	if a.store.SpaceRoleMode() == RoleModeRoles {
		v1Error(w, http.StatusBadRequest, excRbac, "space permission updates that are not from RBAC are not supported in roles-only mode")
		return "", false
	}
	return key, true
}

// addPermission takes group subjects by group ID only; Confluence's interim acceptance of group names is
// deliberately not emulated, so a client sending names fails here first.
func (a *confluenceAPI) addPermission(w http.ResponseWriter, r *http.Request, caller User) {
	key, ok := a.spaceForWrite(w, r, caller)
	if !ok {
		return
	}
	var body permissionV1JSON
	if err := decodeBody(r, &body); err != nil {
		v1BadRequest(w, err.Error())
		return
	}
	id, err := a.store.AddSpacePermission(key, body.Subject.Type, body.Subject.Identifier, body.Operation.Key,
		body.Operation.Target)
	if err != nil {
		v1BadRequest(w, errMessage(err))
		return
	}
	body.ID = id
	body.Links = map[string]string{"base": siteBase(r), "context": "/wiki"}
	writeJSON(w, http.StatusOK, body)
}

func (a *confluenceAPI) removePermission(w http.ResponseWriter, r *http.Request, caller User) {
	key, ok := a.spaceForWrite(w, r, caller)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		v1NotFound(w, "No permission with id "+r.PathValue("id"))
		return
	}
	err = a.store.RemoveSpacePermission(key, id)
	switch {
	case errors.Is(err, ErrLastAdmin):
		v1BadRequest(w, "Cannot remove the last administer permission of space "+key)
	case err != nil:
		v1NotFound(w, "No permission with id "+strconv.FormatInt(id, 10)+" in space "+key)
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}
