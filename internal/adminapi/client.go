// Package adminapi is a typed client for the parts of the Atlassian organization Admin API
// (api.atlassian.com/admin) the provider uses: the organizations an API key sees, the organization's
// directories, and the v2 users search with each user's product access and last activity.
package adminapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// DefaultURL is where Atlassian serves the Admin API; its paths start with /admin.
const DefaultURL = "https://api.atlassian.com"

// maxPages stops a server that keeps answering with a next cursor from looping forever.
const maxPages = 100000

// Config holds what is needed to reach one organization.
type Config struct {
	BaseURL string // DefaultURL, or the sandbox's URL
	OrgID   string
	APIKey  string // an organization API key, sent as Bearer and masked in logs and errors
	httpx.Common
}

// Client calls the Admin API of one organization. It is safe for concurrent use.
type Client struct {
	http *httpx.Client
	org  string
}

// New builds a client. It fails only on a malformed base URL.
func New(cfg Config) (*Client, error) {
	hc, err := httpx.New(httpx.Config{BaseURL: cfg.BaseURL, Auth: httpx.BearerToken(cfg.APIKey), Common: cfg.Common})
	if err != nil {
		return nil, fmt.Errorf("admin_api_url: %w", err)
	}
	return &Client{http: hc, org: cfg.OrgID}, nil
}

// OrgID is the organization the client reads.
func (c *Client) OrgID() string { return c.org }

// links are the paging links of an Admin API list; next is absent or null on the last page.
type links struct {
	Next *string `json:"next"`
}

// nextCursor returns the cursor of the next page, or "" on the last one. The Admin API documents links.next
// as a cursor; a v1 endpoint that answers with a URL carries the cursor in its query, which is used then.
// A cursor equal to the previous one would loop, so it is an error.
func nextCursor(l links, previous, what string) (string, error) {
	if l.Next == nil || *l.Next == "" {
		return "", nil
	}
	next := *l.Next
	if u, err := url.Parse(next); err == nil && u.Query().Has("cursor") {
		next = u.Query().Get("cursor")
	}
	if next == previous {
		return "", fmt.Errorf("%s: the Admin API answered the same next cursor twice; stopping rather than looping", what)
	}
	return next, nil
}

// listPage is one page of an Admin API list.
type listPage[T any] struct {
	Data  []T   `json:"data"`
	Links links `json:"links"`
}

// getList reads every page of the list at path, sending the cursor of each next page as a query parameter.
func getList[T any](ctx context.Context, c *Client, path, what string) ([]T, error) {
	var out []T
	cursor := ""
	for range maxPages {
		q := url.Values{}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page listPage[T]
		if _, err := c.http.Do(ctx, http.MethodGet, path, q, nil, &page); err != nil {
			return nil, err
		}
		out = append(out, page.Data...)
		next, err := nextCursor(page.Links, cursor, what)
		if err != nil || next == "" {
			return out, err
		}
		cursor = next
	}
	return nil, fmt.Errorf("%s: more than %d pages", what, maxPages)
}

// Org is an organization the API key belongs to.
type Org struct {
	ID   string
	Name string
}

type orgJSON struct {
	ID         string `json:"id"`
	Attributes struct {
		Name string `json:"name"`
	} `json:"attributes"`
}

// Orgs lists the organizations the API key belongs to (GET /admin/v1/orgs), every page of them.
func (c *Client) Orgs(ctx context.Context) ([]Org, error) {
	listed, err := getList[orgJSON](ctx, c, "/admin/v1/orgs", "listing organizations")
	if err != nil {
		return nil, err
	}
	out := make([]Org, len(listed))
	for i, o := range listed {
		out[i] = Org{ID: o.ID, Name: o.Attributes.Name}
	}
	return out, nil
}

// Directory is one directory of the organization.
type Directory struct {
	ID   string `json:"directoryId"`
	Name string `json:"name"`
}

// Directories lists the organization's directories (GET /admin/v2/orgs/{orgId}/directories), every page.
func (c *Client) Directories(ctx context.Context) ([]Directory, error) {
	return getList[Directory](ctx, c, "/admin/v2/orgs/"+url.PathEscape(c.org)+"/directories", "listing directories")
}
