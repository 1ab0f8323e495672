package admin

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
)

// Page sizes of the directory list: 20 unless asked, at most 100 (not documented; see FIDELITY.md).
const (
	defaultDirectoryPage = 20
	maxDirectoryPage     = 100
)

type orgLinks struct {
	Self string `json:"self"`
}

type orgAttributes struct {
	Name string `json:"name"`
}

type orgJSON struct {
	ID         string        `json:"id"`
	Type       string        `json:"type"`
	Attributes orgAttributes `json:"attributes"`
	Links      orgLinks      `json:"links"`
}

// pageLinks are the links of a page: cursors in v2 (an absent next means the last page).
type pageLinks struct {
	Self string `json:"self,omitempty"`
	Prev string `json:"prev,omitempty"`
	Next string `json:"next,omitempty"`
}

func (o *Org) orgJSON() orgJSON {
	return orgJSON{ID: o.id, Type: "orgs", Attributes: orgAttributes{Name: o.name},
		Links: orgLinks{Self: "/admin/v1/orgs/" + o.id}}
}

// listOrgs answers GET /v1/orgs: the organizations the key belongs to, which in the sandbox is always one,
// so there is never a next page. A cursor the sandbox did not hand out is refused.
func (o *Org) listOrgs(w http.ResponseWriter, r *http.Request, _ route) {
	if c := r.URL.Query().Get("cursor"); c != "" {
		writeError(w, r, true, http.StatusBadRequest, codeBadRequest, "Invalid page cursor", "The cursor is not valid: "+c)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Data  []orgJSON `json:"data"`
		Links pageLinks `json:"links"`
	}{Data: []orgJSON{o.orgJSON()}, Links: pageLinks{Self: "/admin/v1/orgs"}})
}

// getOrg answers GET /v1/orgs/{orgId}.
func (o *Org) getOrg(w http.ResponseWriter, _ *http.Request, _ route) {
	writeJSON(w, http.StatusOK, struct {
		Data orgJSON `json:"data"`
	}{Data: o.orgJSON()})
}

type directoryJSON struct {
	DirectoryID string `json:"directoryId"`
	Name        string `json:"name"`
	Icon        string `json:"icon,omitempty"`
}

// listDirectories answers GET /v2/orgs/{orgId}/directories with cursor paging.
func (o *Org) listDirectories(w http.ResponseWriter, r *http.Request, _ route) {
	q := r.URL.Query()
	limit, ok := pageLimit(q.Get("limit"), defaultDirectoryPage, maxDirectoryPage)
	if !ok {
		badRequest(w, r, "limit must be a whole number from 1 to "+strconv.Itoa(maxDirectoryPage))
		return
	}
	start := 0
	if c := q.Get("cursor"); c != "" {
		if start, ok = decodeOffset(c); !ok {
			writeError(w, r, false, http.StatusBadRequest, codeBadRequest, "Invalid page cursor", "The cursor is not valid.")
			return
		}
	}
	o.mu.RLock()
	all := o.directories
	o.mu.RUnlock()
	start = min(start, len(all))
	end := min(start+limit, len(all))
	page := make([]directoryJSON, 0, end-start)
	for _, d := range all[start:end] {
		page = append(page, directoryJSON{DirectoryID: d.ID, Name: d.Name})
	}
	links := pageLinks{Self: encodeOffset(start)}
	if end < len(all) {
		links.Next = encodeOffset(end)
	}
	writeJSON(w, http.StatusOK, struct {
		Data  []directoryJSON `json:"data"`
		Links pageLinks       `json:"links"`
	}{Data: page, Links: links})
}

// pageLimit reads a limit parameter: def when empty, otherwise a whole number from 1 to most.
func pageLimit(s string, def, most int) (int, bool) {
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= most
}

func encodeOffset(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(n)))
}

func decodeOffset(c string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, false
	}
	s, ok := strings.CutPrefix(string(raw), "offset:")
	n, err := strconv.Atoi(s)
	return n, ok && err == nil && n >= 0
}
