package confluence

import (
	"errors"
	"html"
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
	// No GET here: Confluence has no v1 list and answers 405.
	rt.handle("POST", v1+"/space/{spaceKey}/permission", a.addPermission)
	rt.handle("DELETE", v1+"/space/{spaceKey}/permission/{id}", a.removePermission)
}

// spaceJSON is the v2 space object with every field Cloud serves without include-* flags.
type spaceJSON struct {
	ID                 string            `json:"id"`
	Key                string            `json:"key"`
	Name               string            `json:"name"`
	Type               string            `json:"type"`
	Status             string            `json:"status"`
	AuthorID           string            `json:"authorId"`
	CreatedAt          string            `json:"createdAt"`
	HomepageID         string            `json:"homepageId"`
	SpaceOwnerID       string            `json:"spaceOwnerId"`
	CurrentActiveAlias string            `json:"currentActiveAlias"`
	Description        any               `json:"description"`
	Icon               any               `json:"icon"`
	Links              map[string]string `json:"_links"`
}

// spaceView is what a v2 space read asks to see beyond the fixed fields.
type spaceView struct {
	descriptionFormat string // "", "plain" or "view"
	icon              bool
}

func parseSpaceView(q url.Values) (spaceView, error) {
	v := spaceView{descriptionFormat: q.Get("description-format"), icon: boolParam(q, "include-icon")}
	if v.descriptionFormat != "" && v.descriptionFormat != "plain" && v.descriptionFormat != "view" {
		return spaceView{}, errors.New("description-format must be plain or view")
	}
	return v, nil
}

// homepageOffset places the id of a space's (unserved) homepage apart from space ids.
const homepageOffset = 65536

func renderSpace(r *http.Request, sp Space, v spaceView) spaceJSON {
	id := strconv.FormatInt(sp.ID, 10)
	homepage := strconv.FormatInt(sp.ID+homepageOffset, 10)
	out := spaceJSON{ID: id, Key: sp.Key, Name: sp.Name, Type: sp.Type, Status: "current", AuthorID: sp.AuthorID,
		CreatedAt: sp.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z"), HomepageID: homepage,
		SpaceOwnerID: sp.AuthorID, CurrentActiveAlias: sp.Key,
		Links: map[string]string{"webui": "/spaces/" + sp.Key, "base": siteBase(r)}}
	switch v.descriptionFormat {
	case "plain":
		out.Description = map[string]any{"plain": map[string]string{"value": sp.Description, "representation": "plain"}}
	case "view":
		out.Description = map[string]any{"view": map[string]string{"value": "<p>" + html.EscapeString(sp.Description) + "</p>", "representation": "view"}}
	}
	if v.icon {
		icon := map[string]string{"path": "/wiki/download/attachments/" + homepage + "/space-icon.png"}
		if sp.Type == "global" {
			icon["apiDownloadLink"] = "/wiki/rest/api/content/" + homepage + "/child/attachment/space-icon.png/download"
		}
		out.Icon = icon
	}
	return out
}

// listSpaces returns, in id order, the spaces the caller can view that match keys and ids (comma-separated
// or repeated). Unknown keys simply match nothing.
func (a *confluenceAPI) listSpaces(w http.ResponseWriter, r *http.Request, caller User) {
	q := r.URL.Query()
	after, limit, err := parseCursorPage(q)
	var afterSpace int64
	if err == nil {
		afterSpace, err = afterID(after)
	}
	keys, ids := splitList(q["keys"]), splitList(q["ids"])
	if err == nil && (len(keys) > maxSpaceFilter || len(ids) > maxSpaceFilter) {
		err = errors.New("at most 250 keys and 250 ids")
	}
	view, viewErr := parseSpaceView(q)
	if err = errors.Join(err, viewErr); err != nil {
		v2Error(w, http.StatusBadRequest, err.Error())
		return
	}
	page, more := cursorPage(a.store.Spaces(), func(sp Space) bool { return sp.ID > afterSpace }, func(sp Space) bool {
		return (len(keys) == 0 || slices.Contains(keys, sp.Key)) &&
			(len(ids) == 0 || slices.Contains(ids, strconv.FormatInt(sp.ID, 10))) && a.store.CanView(caller.AccountID, sp.Key)
	}, limit)
	writeV2Page(w, r, page, more, spaceCursorKey, func(sp Space) spaceJSON { return renderSpace(r, sp, view) })
}

// spaceCursorKey names a space in a cursor: its id.
func spaceCursorKey(sp Space) string { return strconv.FormatInt(sp.ID, 10) }

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

// spaceByID resolves the v2 space id of the path; a malformed id answers 400, an unknown one 404.
func (a *confluenceAPI) spaceByID(w http.ResponseWriter, r *http.Request) (Space, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		v2Error(w, http.StatusBadRequest, "space id must be an integer")
		return Space{}, false
	}
	if sp, ok := a.store.SpaceByID(id); ok {
		return sp, true
	}
	v2Error(w, http.StatusNotFound, "")
	return Space{}, false
}

// visibleSpace resolves a v2 space id the caller can view; v2 answers 404, never 403, otherwise.
func (a *confluenceAPI) visibleSpace(w http.ResponseWriter, r *http.Request, caller User) (Space, bool) {
	sp, ok := a.spaceByID(w, r)
	if ok && !a.store.CanView(caller.AccountID, sp.Key) {
		v2Error(w, http.StatusNotFound, "")
		return Space{}, false
	}
	return sp, ok
}

func (a *confluenceAPI) getSpace(w http.ResponseWriter, r *http.Request, caller User) {
	view, err := parseSpaceView(r.URL.Query())
	if err != nil {
		v2Error(w, http.StatusBadRequest, err.Error())
		return
	}
	if sp, ok := a.visibleSpace(w, r, caller); ok {
		writeJSON(w, http.StatusOK, renderSpace(r, sp, view))
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

// listPermissions lists the space's individual permissions in every mode; roles are read separately.
func (a *confluenceAPI) listPermissions(w http.ResponseWriter, r *http.Request, caller User) {
	after, limit, err := parseCursorPage(r.URL.Query())
	var afterPerm int64
	if err == nil {
		afterPerm, err = afterID(after)
	}
	if err != nil {
		v2Error(w, http.StatusBadRequest, err.Error())
		return
	}
	sp, ok := a.visibleSpace(w, r, caller)
	if !ok {
		return
	}
	page, more := cursorPage(a.store.SpacePermissions(sp.Key), func(p SpacePermission) bool { return p.ID > afterPerm },
		nil, limit)
	writeV2Page(w, r, page, more, func(p SpacePermission) string { return strconv.FormatInt(p.ID, 10) },
		func(p SpacePermission) permissionV2JSON {
			return permissionV2JSON{ID: strconv.FormatInt(p.ID, 10),
				Principal: principalJSON{Type: p.SubjectType, ID: p.SubjectID},
				Operation: map[string]string{"key": p.Operation, "targetType": p.Target}}
		})
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
		v1Error(w, http.StatusBadRequest, excRbac, "Space permission updates that are not from RBAC are not supported in roles-only mode")
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
