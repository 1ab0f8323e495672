package confluence

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

const (
	// searchPageSize is the page size for user search; its default (25) would cost many requests.
	searchPageSize = 100
	// bulkUserRequests bounds the user/bulk requests in flight for one lookup: checking the 1,000 accounts a
	// plan adds takes ten requests, and four at a time wait three round trips instead of ten. The client's
	// pacing applies across them.
	bulkUserRequests = 4
)

// GetUser returns one user. An unknown account ID gives a *NotFoundError: Confluence answers 404, or
// 400 for an ID it cannot even parse.
func (c *Client) GetUser(ctx context.Context, accountID string) (User, error) {
	var u User
	err := c.get(ctx, v1+"/user", url.Values{"accountId": {accountID}}, &u)
	return u, notFoundOn(err, "user", accountID, http.StatusNotFound, http.StatusBadRequest)
}

// UsersByName returns the users whose full or public name starts with query (a prefix match), all pages
// of a user CQL search.
func (c *Client) UsersByName(ctx context.Context, query string) ([]User, error) {
	params := url.Values{"cql": {"user.fullname~" + cqlString(query)}, "limit": {strconv.Itoa(searchPageSize)}}
	hits, err := httpx.CollectOffset[struct {
		User User `json:"user"`
	}](ctx, c.http, v1+"/search/user", params)
	users := make([]User, 0, len(hits))
	for _, h := range hits {
		users = append(users, h.User)
	}
	return users, err
}

// BulkUsers returns the users with the given account IDs, asking for at most 100 per request and running
// up to bulkUserRequests of those requests at once. Unknown IDs are simply absent from the result.
func (c *Client) BulkUsers(ctx context.Context, accountIDs []string) ([]User, error) {
	chunks := slices.Collect(slices.Chunk(accountIDs, maxBulkUsers))
	pages := make([][]User, len(chunks))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(bulkUserRequests)
	for i, chunk := range chunks {
		g.Go(func() error {
			var err error
			pages[i], err = httpx.CollectOffset[User](ctx, c.http, v1+"/user/bulk", url.Values{"accountId": chunk})
			return err
		})
	}
	err := g.Wait()
	return slices.Concat(pages...), err
}
