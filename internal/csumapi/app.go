package csumapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// Status returns the app's name, version and current revisions; a cheap credentials check.
func (c *Client) Status(ctx context.Context) (Status, error) {
	var s Status
	_, err := c.do(ctx, "status", http.MethodGet, "/v1/status", nil, nil, &s)
	return s, err
}

// Export returns the whole configuration as a format-2 export document (never the privileged user).
func (c *Client) Export(ctx context.Context) (csumdoc.Export, error) {
	var doc csumdoc.Export
	_, err := c.do(ctx, "export", http.MethodGet, "/v1/config/export", nil, nil, &doc)
	return doc, err
}

// Import applies a format-2 export document. In strict mode any problem is a 422 *httpx.APIError with
// every problem listed and nothing applied; in lenient mode missing users and groups are skipped and
// reported in the result.
func (c *Client) Import(ctx context.Context, doc csumdoc.Export, opts ImportOptions) (ImportResult, error) {
	query := url.Values{}
	if opts.PermissionSchemes != "" {
		query.Set("permissionSchemes", opts.PermissionSchemes)
	}
	if opts.Mode != "" {
		query.Set("mode", opts.Mode)
	}
	var result ImportResult
	_, err := c.do(ctx, "configuration", http.MethodPost, "/v1/config/import", query, doc, &result)
	return result, err
}

const privilegedUserPath = "/v1/privileged-user"

// GetPrivilegedUser returns the privileged user, validated afresh by the app.
func (c *Client) GetPrivilegedUser(ctx context.Context) (PrivilegedUser, error) {
	var u PrivilegedUser
	_, err := c.do(ctx, "privileged user", http.MethodGet, privilegedUserPath, nil, nil, &u)
	return u, err
}

// PutPrivilegedUser chooses the privileged user. An account that does not exist or lacks a permission is
// a 422 *httpx.APIError (code PRIVILEGED_USER_INVALID) whose Details name each problem; nothing is stored.
func (c *Client) PutPrivilegedUser(ctx context.Context, accountID string) (PrivilegedUser, error) {
	var u PrivilegedUser
	_, err := c.do(ctx, "privileged user", http.MethodPut, privilegedUserPath, nil, map[string]string{"accountId": accountID}, &u)
	return u, err
}

// DeletePrivilegedUser clears the privileged user and any legacy credentials; clearing twice is fine.
func (c *Client) DeletePrivilegedUser(ctx context.Context) error {
	_, err := c.do(ctx, "privileged user", http.MethodDelete, privilegedUserPath, nil, nil, nil)
	return err
}

// SpaceGroups returns the groups that belong to a space under the current pattern. An unknown space is a
// 404 (httpx.IsNotFound).
func (c *Client) SpaceGroups(ctx context.Context, spaceKey string) (SpaceGroups, error) {
	var groups SpaceGroups
	_, err := c.do(ctx, "space groups", http.MethodGet, "/v1/spaces/"+url.PathEscape(spaceKey)+"/groups", nil, nil, &groups)
	return groups, err
}

// Audit returns one page of the audit log, newest first. limit 0 leaves the app's default (50); pass the
// previous page's Next as cursor to read on.
func (c *Client) Audit(ctx context.Context, limit int, cursor string) (AuditPage, error) {
	query := url.Values{}
	if limit > 0 {
		query.Set("limit", strconv.Itoa(limit))
	}
	if cursor != "" {
		query.Set("cursor", cursor)
	}
	var page AuditPage
	_, err := c.do(ctx, "audit log", http.MethodGet, "/v1/audit", query, nil, &page)
	return page, err
}
