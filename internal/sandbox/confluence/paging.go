package confluence

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// pageRule says how one v1 list endpoint reads start and limit.
type pageRule struct {
	defaultLimit int
	maxLimit     int
	rejectOver   bool // limit above maxLimit is a 400 (members) rather than silently capped (groups)
}

var (
	groupPaging  = pageRule{defaultLimit: 200, maxLimit: 200}
	memberPaging = pageRule{defaultLimit: 200, maxLimit: 200, rejectOver: true}
	// searchPaging: Confluence documents default 25 and "fixed system limits"; the sandbox caps at 1000.
	searchPaging = pageRule{defaultLimit: 25, maxLimit: 1000}
)

func (p pageRule) parse(q url.Values) (start, limit int, err error) {
	start, err = intParam(q, "start", 0)
	if err != nil || start < 0 {
		return 0, 0, errors.New("start must be a non-negative integer")
	}
	limit, err = intParam(q, "limit", p.defaultLimit)
	if err != nil || limit < 1 {
		return 0, 0, errors.New("limit must be a positive integer")
	}
	if limit > p.maxLimit {
		if p.rejectOver {
			return 0, 0, errors.New("limit must not exceed " + strconv.Itoa(p.maxLimit))
		}
		limit = p.maxLimit
	}
	return start, limit, nil
}

func intParam(q url.Values, name string, def int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	return strconv.Atoi(v)
}

func boolParam(q url.Values, name string) bool {
	b, _ := strconv.ParseBool(q.Get(name))
	return b
}

// window is the [start, start+limit) slice bounds of a list of n items.
func window(n, start, limit int) (int, int) {
	lo := min(start, n)
	return lo, min(n, lo+limit)
}

// siteBase is the site's wiki base URL as the client reached it ("http://127.0.0.1:PORT/wiki", or through
// the gateway "http://127.0.0.1:PORT/ex/confluence/{cloudId}/wiki").
func siteBase(r *http.Request) string { return "http://" + r.Host + gatewayBase(r) + "/wiki" }

// v1Page is Confluence's offset-paged envelope.
type v1Page struct {
	Results   any               `json:"results"`
	Start     int               `json:"start"`
	Limit     int               `json:"limit"`
	Size      int               `json:"size"`
	TotalSize *int              `json:"totalSize,omitempty"`
	Links     map[string]string `json:"_links"`
}

// newV1Page builds the envelope; _links.next (relative to _links.base) appears only when more items follow.
func newV1Page(r *http.Request, results any, size, start, limit, total int, withTotal bool) v1Page {
	base := siteBase(r)
	page := v1Page{Results: results, Start: start, Limit: limit, Size: size,
		Links: map[string]string{"base": base, "context": "/wiki", "self": "http://" + r.Host + gatewayBase(r) + r.URL.RequestURI()}}
	if withTotal {
		page.TotalSize = &total
	}
	if start+size < total {
		q := r.URL.Query()
		q.Set("start", strconv.Itoa(start+size))
		q.Set("limit", strconv.Itoa(limit))
		page.Links["next"] = strings.TrimPrefix(r.URL.Path, "/wiki") + "?" + q.Encode()
	}
	return page
}

// parseCursorPage reads v2 cursor paging: limit 1-250 (default 25), and cursor, an opaque token naming the
// key of the last item served ("" before the first page).
func parseCursorPage(q url.Values) (after string, limit int, err error) {
	limit, err = intParam(q, "limit", 25)
	if err != nil || limit < 1 || limit > 250 {
		return "", 0, errors.New("limit must be between 1 and 250")
	}
	if c := q.Get("cursor"); c != "" {
		raw, err := base64.RawURLEncoding.DecodeString(c)
		key, found := strings.CutPrefix(string(raw), "after:")
		if err != nil || !found || key == "" {
			return "", 0, errors.New("invalid cursor")
		}
		after = key
	}
	return after, limit, nil
}

// afterID reads a cursor key that is a numeric id; 0 before the first page.
func afterID(after string) (int64, error) {
	if after == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(after, 10, 64)
	if err != nil {
		return 0, errors.New("invalid cursor")
	}
	return id, nil
}

// cursorPage is one page of items in serving order: those past the cursor that keep (when not nil) accepts,
// at most limit; more says whether another follows.
func cursorPage[T any](items []T, past, keep func(T) bool, limit int) (page []T, more bool) {
	for _, item := range items {
		if !past(item) || (keep != nil && !keep(item)) {
			continue
		}
		if len(page) == limit {
			return page, true
		}
		page = append(page, item)
	}
	return page, false
}

// writeV2Page answers a v2 list: {results, _links} with the Link header, next naming the key of the page's
// last item.
func writeV2Page[T, R any](w http.ResponseWriter, r *http.Request, page []T, more bool, key func(T) string, render func(T) R) {
	results := make([]R, 0, len(page))
	last := ""
	for _, item := range page {
		results = append(results, render(item))
		last = key(item)
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": results, "_links": v2Links(w, r, more, last)})
}

// v2Links sets the Link header and returns the body's _links; next is present only when more items follow.
// next is relative to the host and, for a request through the gateway, keeps the gateway prefix.
func v2Links(w http.ResponseWriter, r *http.Request, more bool, lastKey string) map[string]string {
	base := siteBase(r)
	links := map[string]string{"base": base}
	if more {
		q := r.URL.Query()
		q.Set("cursor", base64.RawURLEncoding.EncodeToString([]byte("after:"+lastKey)))
		next := gatewayBase(r) + r.URL.Path + "?" + q.Encode()
		links["next"] = next
		w.Header().Set("Link", "<"+next+`>; rel="next", <`+base+`>; rel="base"`)
	}
	return links
}
