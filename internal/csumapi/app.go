package csumapi

import (
	"context"
	"net/http"
	"net/url"
)

const privilegedUserPath = "/v1/privileged-user"

// GetPrivilegedUser returns the privileged user, validated afresh by the app.
func (c *Client) GetPrivilegedUser(ctx context.Context) (PrivilegedUser, error) {
	var u PrivilegedUser
	_, err := c.do(ctx, "privileged user", http.MethodGet, privilegedUserPath, nil, &u)
	return u, err
}

// PutPrivilegedUser chooses the privileged user. An account that does not exist or lacks a permission is
// a 422 *httpx.APIError (code PRIVILEGED_USER_INVALID) whose Details name each problem; nothing is stored.
func (c *Client) PutPrivilegedUser(ctx context.Context, accountID string) (PrivilegedUser, error) {
	var u PrivilegedUser
	_, err := c.do(ctx, "privileged user", http.MethodPut, privilegedUserPath, map[string]string{"accountId": accountID}, &u)
	return u, err
}

// DeletePrivilegedUser clears the privileged user and any legacy credentials; clearing twice is fine.
func (c *Client) DeletePrivilegedUser(ctx context.Context) error {
	_, err := c.do(ctx, "privileged user", http.MethodDelete, privilegedUserPath, nil, nil)
	return err
}

// SpaceGroups returns the groups that belong to a space under the current pattern. An unknown space is a
// 404 (httpx.IsNotFound).
func (c *Client) SpaceGroups(ctx context.Context, spaceKey string) (SpaceGroups, error) {
	var groups SpaceGroups
	_, err := c.do(ctx, "space groups", http.MethodGet, "/v1/spaces/"+url.PathEscape(spaceKey)+"/groups", nil, &groups)
	return groups, err
}
