package adminapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// PageSize is the number of users the search asks for per page. Atlassian documents a default of 50 and no
// maximum; 100 is the largest the sandbox allows. A smaller page from the server costs requests, never users,
// because paging follows links.next only.
const PageSize = 100

// UserQuery narrows a users search.
type UserQuery struct {
	// Statuses keeps users whose status is one of these (active, suspended, not_invited, deactivated,
	// for_deletion); empty keeps every user.
	Statuses []string
}

// User is an organization user as the search returns it with its product access.
type User struct {
	AccountID        string
	AccountType      string
	Status           string // active, suspended, not_invited, deactivated or for_deletion
	AccountStatus    string
	MembershipStatus string
	Name             string
	Email            string // "" when the API does not show it
	ProductAccess    []ProductAccess
}

// ProductAccess is a user's access to one product instance (a site) and when the user last used it.
type ProductAccess struct {
	Key        string    // confluence, jira-software, ...
	ID         string    // the product instance
	LastActive time.Time // zero when the user never used it
}

type searchRequest struct {
	Cursor string   `json:"cursor,omitempty"`
	Limit  int      `json:"limit"`
	Status []string `json:"status,omitempty"`
	Expand []string `json:"expand"`
}

type userJSON struct {
	AccountID        string `json:"accountId"`
	AccountType      string `json:"accountType"`
	Status           string `json:"status"`
	AccountStatus    string `json:"accountStatus"`
	MembershipStatus string `json:"membershipStatus"`
	Name             string `json:"name"`
	Email            string `json:"email"`
	ProductAccess    []struct {
		Key                 string `json:"key"`
		ID                  string `json:"id"`
		LastActiveTimestamp string `json:"lastActiveTimestamp"`
	} `json:"productAccess"`
}

// SearchUsers reads every user of one directory ("-" for all the key administers) that matches q, with its
// product access, in as few requests as the API allows: POST /admin/v2/orgs/{orgId}/directories/
// {directoryId}/users/search with expand productAccess, PageSize users a page, following links.next. The
// search changes nothing, so each page is retried as a read is. It returns every user or an error, never
// part of the list.
func (c *Client) SearchUsers(ctx context.Context, directoryID string, q UserQuery) ([]User, error) {
	path := "/admin/v2/orgs/" + url.PathEscape(c.org) + "/directories/" + url.PathEscape(directoryID) + "/users/search"
	req := searchRequest{Limit: PageSize, Status: q.Statuses, Expand: []string{"productAccess"}}
	var out []User
	for range maxPages {
		var page listPage[userJSON]
		if _, err := c.http.Do(ctx, http.MethodPost, path, nil, req, &page, httpx.AsRead()); err != nil {
			return nil, err
		}
		for _, u := range page.Data {
			user, err := u.user()
			if err != nil {
				return nil, err
			}
			out = append(out, user)
		}
		next, err := nextCursor(page.Links, req.Cursor, "searching the users of directory "+directoryID)
		if err != nil {
			return nil, err
		}
		if next == "" {
			return out, nil
		}
		req.Cursor = next
	}
	return nil, fmt.Errorf("searching users: more than %d pages", maxPages)
}

// user converts one user of a page. A timestamp it cannot read is an error: taking it for "never active"
// would make an active user look inactive.
func (u userJSON) user() (User, error) {
	out := User{AccountID: u.AccountID, AccountType: u.AccountType, Status: u.Status, AccountStatus: u.AccountStatus,
		MembershipStatus: u.MembershipStatus, Name: u.Name, Email: u.Email}
	if len(u.ProductAccess) > 0 {
		out.ProductAccess = make([]ProductAccess, 0, len(u.ProductAccess))
	}
	for _, p := range u.ProductAccess {
		pa := ProductAccess{Key: p.Key, ID: p.ID}
		if p.LastActiveTimestamp != "" {
			at, err := parseTimestamp(p.LastActiveTimestamp)
			if err != nil {
				return User{}, fmt.Errorf("user %s, product %s: unreadable lastActiveTimestamp %q", u.AccountID, p.Key, p.LastActiveTimestamp)
			}
			pa.LastActive = at
		}
		out.ProductAccess = append(out.ProductAccess, pa)
	}
	return out, nil
}

// timestampLayouts are the ISO-8601 forms the Admin API's timestamps are read in: RFC 3339 (with or without
// fractions), the same with a numeric zone without a colon, and a date alone.
var timestampLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02"}

func parseTimestamp(s string) (time.Time, error) {
	var err error
	for _, layout := range timestampLayouts {
		var at time.Time
		if at, err = time.Parse(layout, s); err == nil {
			return at.UTC(), nil
		}
	}
	return time.Time{}, err
}
