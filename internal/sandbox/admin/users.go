package admin

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

// Page sizes of the users search: 50 unless asked (documented), at most 100 (not documented; see FIDELITY.md).
const (
	defaultUserPage = 50
	MaxUserPage     = 100
)

// Values the search's filters and expansions accept.
var (
	userStatuses       = []string{"active", "suspended", "not_invited", "deactivated", "for_deletion"}
	accountStatuses    = []string{"active", "inactive", "closed"}
	membershipStatuses = []string{MembershipActive, MembershipSuspended, MembershipNone}
	expansions         = []string{"platformRoles", "counts.resources", "productAccess", "groups"}
)

// searchRequest is the body of POST .../users/search. Every field the API documents is known, so that an
// unknown one is refused rather than ignored; the ones the sandbox does not emulate are refused when set.
type searchRequest struct {
	Cursor           string            `json:"cursor,omitempty"`
	Limit            *int              `json:"limit,omitempty"`
	AccountIDs       []string          `json:"accountIds,omitempty"`
	DirectoryIDs     []string          `json:"directoryIds,omitempty"`
	ResourceIDs      []string          `json:"resourceIds,omitempty"`
	GroupIDs         []string          `json:"groupIds,omitempty"`
	MFAEnabled       *bool             `json:"mfaEnabled,omitempty"`
	ClaimStatus      string            `json:"claimStatus,omitempty"`
	Status           []string          `json:"status,omitempty"`
	AccountStatus    []string          `json:"accountStatus,omitempty"`
	MembershipStatus []string          `json:"membershipStatus,omitempty"`
	RoleIDs          []string          `json:"roleIds,omitempty"`
	EmailDomains     []string          `json:"emailDomains,omitempty"`
	SearchTerm       string            `json:"searchTerm,omitempty"`
	Emails           []string          `json:"emails,omitempty"`
	Expand           []string          `json:"expand,omitempty"`
	SortBy           []json.RawMessage `json:"sortBy,omitempty"`
}

// cursorState is what a cursor carries: the search it continues (whose other parameters are then
// discarded, as the API documents) and the last account ID served.
type cursorState struct {
	Directory string        `json:"d"`
	After     string        `json:"a"`
	Query     searchRequest `json:"q"`
}

// searchUsers answers POST /v2/orgs/{orgId}/directories/{directoryId}/users/search.
func (o *Org) searchUsers(w http.ResponseWriter, r *http.Request, rt route) {
	req, ok := decodeSearch(w, r)
	if !ok {
		return
	}
	state := cursorState{Directory: rt.dirID, Query: req}
	if req.Cursor != "" {
		if state, ok = decodeCursor(req.Cursor); !ok {
			writeError(w, r, false, http.StatusBadRequest, codeBadRequest, "Invalid page cursor", "The cursor is not valid.")
			return
		}
	}
	q := state.Query
	if problem := q.check(); problem != "" {
		badRequest(w, r, problem)
		return
	}
	dirs, status, problem := o.searchedDirectories(state.Directory, q.DirectoryIDs)
	if problem != "" {
		writeError(w, r, false, status, codeUnknownResource, "Unknown Resource", problem)
		return
	}
	limit := defaultUserPage
	if q.Limit != nil {
		limit = *q.Limit
	}
	page, last, more := o.matching(state.After, limit, dirs, q)
	links := pageLinks{}
	if more {
		next := state
		next.After = last
		links.Next = encodeCursor(next)
	}
	if req.Cursor != "" {
		links.Self = req.Cursor
	}
	writeJSON(w, http.StatusOK, struct {
		Data  []userJSON `json:"data"`
		Links pageLinks  `json:"links"`
	}{Data: page, Links: links})
}

// decodeSearch reads the request body strictly: JSON only, every field known.
func decodeSearch(w http.ResponseWriter, r *http.Request) (searchRequest, bool) {
	var req searchRequest
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, r, false, http.StatusUnsupportedMediaType, codeUnsupportedMedia, "Unsupported Media Type",
			"The request body must be application/json.")
		return req, false
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		badRequest(w, r, "The request body could not be read.")
		return req, false
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return req, true
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		badRequest(w, r, "The request body is not a valid search: "+err.Error())
		return req, false
	}
	return req, true
}

// check returns what is wrong with a search, or "".
func (q searchRequest) check() string {
	switch {
	case q.Limit != nil && (*q.Limit < 1 || *q.Limit > MaxUserPage):
		return fmt.Sprintf("limit must be from 1 to %d.", MaxUserPage)
	case q.SearchTerm != "" && len(q.Emails) > 0:
		return "searchTerm and emails are mutually exclusive."
	case q.ClaimStatus != "" && q.ClaimStatus != "managed" && q.ClaimStatus != "unmanaged":
		return "claimStatus must be managed or unmanaged."
	case len(q.ResourceIDs) > 0 || len(q.RoleIDs) > 0 || q.MFAEnabled != nil || len(q.SortBy) > 0:
		return "resourceIds, roleIds, mfaEnabled and sortBy are not emulated by the sandbox."
	}
	for _, c := range []struct {
		field          string
		given, allowed []string
	}{
		{"status", q.Status, userStatuses}, {"accountStatus", q.AccountStatus, accountStatuses},
		{"membershipStatus", q.MembershipStatus, membershipStatuses}, {"expand", q.Expand, expansions},
	} {
		for _, v := range c.given {
			if !slices.Contains(c.allowed, v) {
				return fmt.Sprintf("%s %q is not one of %s.", c.field, v, strings.Join(c.allowed, ", "))
			}
		}
	}
	return ""
}

// searchedDirectories resolves the path's directory ("-" for every directory of the organization) and the
// body's directoryIds into the set searched.
func (o *Org) searchedDirectories(pathID string, bodyIDs []string) (map[string]bool, int, string) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	set := map[string]bool{}
	for _, d := range o.directories {
		if pathID == "-" || pathID == d.ID {
			set[d.ID] = true
		}
	}
	if len(set) == 0 {
		return nil, http.StatusNotFound, "No directory with ID " + pathID + " in this organization."
	}
	if len(bodyIDs) == 0 {
		return set, 0, ""
	}
	narrowed := map[string]bool{}
	for _, id := range bodyIDs {
		if !o.hasDirectory(id) {
			return nil, http.StatusNotFound, "No directory with ID " + id + " in this organization."
		}
		if set[id] {
			narrowed[id] = true
		}
	}
	return narrowed, 0, ""
}

// matching returns up to limit users after the account ID after, in account-ID order, with the last one
// served and whether more follow.
func (o *Org) matching(after string, limit int, dirs map[string]bool, q searchRequest) ([]userJSON, string, bool) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	i := sort.SearchStrings(o.order, after)
	if i < len(o.order) && o.order[i] == after {
		i++
	}
	page := make([]userJSON, 0, min(limit, len(o.order)-i))
	last := ""
	for ; i < len(o.order); i++ {
		id := o.order[i]
		m := o.users[id]
		acc, ok := o.dir.Account(id)
		if !ok || !o.matches(id, m, acc, dirs, q) {
			continue
		}
		if len(page) == limit {
			return page, last, true
		}
		page = append(page, o.userJSON(id, m, acc, q.Expand))
		last = id
	}
	return page, last, false
}

func (o *Org) matches(id string, m *member, acc Account, dirs map[string]bool, q searchRequest) bool {
	if !slices.ContainsFunc(m.directories, func(d string) bool { return dirs[d] }) {
		return false
	}
	email := strings.ToLower(acc.Email)
	domain := email[strings.LastIndexByte(email, '@')+1:]
	switch {
	case len(q.AccountIDs) > 0 && !slices.Contains(q.AccountIDs, id),
		len(q.Status) > 0 && !slices.Contains(q.Status, compositeStatus(m, acc)),
		len(q.AccountStatus) > 0 && !slices.Contains(q.AccountStatus, accountStatus(acc)),
		len(q.MembershipStatus) > 0 && !slices.Contains(q.MembershipStatus, m.membership),
		q.ClaimStatus != "" && q.ClaimStatus != m.claim,
		len(q.EmailDomains) > 0 && !slices.ContainsFunc(q.EmailDomains, func(d string) bool { return strings.EqualFold(d, domain) }),
		len(q.Emails) > 0 && !slices.ContainsFunc(q.Emails, func(e string) bool { return strings.EqualFold(e, acc.Email) }),
		q.SearchTerm != "" && !strings.Contains(strings.ToLower(acc.Name), strings.ToLower(q.SearchTerm)) &&
			!strings.Contains(email, strings.ToLower(q.SearchTerm)):
		return false
	}
	if len(q.GroupIDs) > 0 {
		return slices.ContainsFunc(o.dir.GroupsOf(id), func(g Group) bool { return slices.Contains(q.GroupIDs, g.ID) })
	}
	return true
}

// compositeStatus is the user's status as the API composes it from the account and the membership.
func compositeStatus(m *member, acc Account) string {
	switch {
	case !acc.Active:
		return "deactivated"
	case m.membership == MembershipSuspended:
		return "suspended"
	case m.membership == MembershipNone:
		return "not_invited"
	}
	return "active"
}

func accountStatus(acc Account) string {
	if acc.Active {
		return "active"
	}
	return "inactive"
}

type productAccessJSON struct {
	Key                 string `json:"key"`
	ID                  string `json:"id"`
	LastActiveTimestamp string `json:"lastActiveTimestamp,omitempty"`
}

type userGroupJSON struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
}

type userJSON struct {
	AccountID        string               `json:"accountId"`
	AccountType      string               `json:"accountType"`
	Status           string               `json:"status"`
	AccountStatus    string               `json:"accountStatus"`
	MembershipStatus string               `json:"membershipStatus"`
	Name             string               `json:"name"`
	Email            string               `json:"email,omitempty"`
	ClaimStatus      string               `json:"claimStatus"`
	ProductAccess    *[]productAccessJSON `json:"productAccess,omitempty"`
	Groups           *[]userGroupJSON     `json:"groups,omitempty"`
}

// userJSON renders a user; productAccess and groups only when expanded. A product never used has no
// lastActiveTimestamp.
func (o *Org) userJSON(id string, m *member, acc Account, expand []string) userJSON {
	u := userJSON{AccountID: id, AccountType: acc.AccountType, Status: compositeStatus(m, acc),
		AccountStatus: accountStatus(acc), MembershipStatus: m.membership, Name: acc.Name, ClaimStatus: m.claim}
	if u.AccountType == "" {
		u.AccountType = "atlassian"
	}
	if !acc.EmailHidden {
		u.Email = acc.Email
	}
	if slices.Contains(expand, "productAccess") {
		products := make([]productAccessJSON, 0, len(m.access))
		for _, a := range m.access {
			pa := productAccessJSON{Key: a.key, ID: a.id}
			if !a.lastActive.IsZero() {
				pa.LastActiveTimestamp = a.lastActive.Format(time.RFC3339)
			}
			products = append(products, pa)
		}
		u.ProductAccess = &products
	}
	if slices.Contains(expand, "groups") {
		groups := []userGroupJSON{}
		for _, g := range o.dir.GroupsOf(id) {
			groups = append(groups, userGroupJSON{ID: g.ID, Name: g.Name})
		}
		u.Groups = &groups
	}
	return u
}

func encodeCursor(s cursorState) string {
	b, _ := json.Marshal(s) // plain data: cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(c string) (cursorState, bool) {
	var s cursorState
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || json.Unmarshal(raw, &s) != nil || s.Directory == "" {
		return cursorState{}, false
	}
	return s, true
}
