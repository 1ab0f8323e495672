package confluence

import (
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
