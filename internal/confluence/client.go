// Package confluence is a typed client for the parts of the Confluence Cloud REST API the provider uses:
// users, groups and group members (v1), spaces and space permissions (v2 reads, v1 writes).
package confluence

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

const (
	v1 = "/wiki/rest/api"
	v2 = "/wiki/api/v2"

	// maxV1Page is the largest page v1 group and member lists allow (a larger limit is a 400).
	maxV1Page = 200
	// maxV2Page is the largest page v2 lists allow.
	maxV2Page = 250
	// maxBulkUsers is how many account IDs one bulk user lookup may carry.
	maxBulkUsers = 100
)

// Config holds what is needed to reach one Confluence Cloud site.
type Config struct {
	SiteURL  string // https://example.atlassian.net
	Email    string
	APIToken string
	httpx.Common
}

// Client calls Confluence with basic auth (email and API token). It is safe for concurrent use.
type Client struct {
	http *httpx.Client
}

// New builds a client for one site.
func New(cfg Config) (*Client, error) {
	hc, err := httpx.New(httpx.Config{BaseURL: cfg.SiteURL, Auth: httpx.BasicAuth(cfg.Email, cfg.APIToken), Common: cfg.Common})
	if err != nil {
		return nil, fmt.Errorf("confluence site URL: %w", err)
	}
	return &Client{http: hc}, nil
}

// get reads one JSON document.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	_, err := c.http.Do(ctx, http.MethodGet, path, query, nil, out)
	return err
}

// writeV1 sends a v1 write. v1 enforces XSRF protection on writes unless told the caller is not a browser.
func (c *Client) writeV1(ctx context.Context, method, path string, query url.Values, body, out any) error {
	_, err := c.http.Do(ctx, method, path, query, body, out, httpx.WithHeader("X-Atlassian-Token", "no-check"))
	return err
}

// NotFoundError says that a user, group or space does not exist or is not visible to the caller.
// errors.Is(err, httpx.ErrNotFound) matches it; Err is the API error behind it, if any.
type NotFoundError struct {
	Kind string // "user", "group", "space"
	Key  string // what was looked up
	Err  error
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("%s %q not found in Confluence (or not visible to the configured account)", e.Kind, e.Key)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *NotFoundError) Is(target error) bool { return target == httpx.ErrNotFound }
func (e *NotFoundError) Unwrap() error        { return e.Err }

// notFoundOn turns the statuses listed into a NotFoundError for kind/key; other errors pass through.
func notFoundOn(err error, kind, key string, statuses ...int) error {
	for _, s := range statuses {
		if httpx.IsStatus(err, s) {
			return &NotFoundError{Kind: kind, Key: key, Err: err}
		}
	}
	return err
}

// cqlString quotes s as a CQL string literal.
func cqlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
