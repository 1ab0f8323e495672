package csumapi

import (
	"context"
	"net/http"
)

// Privileged-user status values.
const (
	PrivilegedNotConfigured    = "NOT_CONFIGURED"
	PrivilegedValid            = "VALID"
	PrivilegedLacksPermissions = "LACKS_PERMISSIONS"
	PrivilegedUserNotFound     = "USER_NOT_FOUND"
)

// LegacyCredentials reports the email/API-token credentials older app versions stored; they no longer work.
type LegacyCredentials struct {
	Present bool    `json:"present"`
	Email   *string `json:"email"`
}

// PrivilegedUser is the account CSUM impersonates, re-validated by the app on every read.
type PrivilegedUser struct {
	AccountID          *string           `json:"accountId"` // nil when NOT_CONFIGURED
	DisplayName        *string           `json:"displayName"`
	Status             string            `json:"status"`
	MissingPermissions []string          `json:"missingPermissions"`
	ValidatedAt        *string           `json:"validatedAt"`
	LegacyCredentials  LegacyCredentials `json:"legacyCredentials"`
}

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
