package csumapi

import (
	"context"
	"net/http"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// Pattern is the space group pattern, as csumdoc defines it.
type Pattern = csumdoc.Pattern

const (
	settingsPath = "/v1/settings"
	schemesPath  = "/v1/permission-schemes"

	settingsDoc = "settings"
	schemesDoc  = "permission schemes"
)

// GetSettings returns the settings document and its revision.
func (c *Client) GetSettings(ctx context.Context) (csumdoc.Settings, int64, error) {
	var doc csumdoc.Settings
	rev, err := c.revisioned(ctx, settingsDoc, http.MethodGet, settingsPath, nil, 0, &doc)
	return doc, rev, err
}

// PutSettings replaces the settings document whole. With ifMatch non-zero the write happens only if the
// document is still at that revision, else *ConflictError. A rule violation is a 422 *httpx.APIError
// listing every problem by JSON Pointer. Returns the stored document and its new revision.
func (c *Client) PutSettings(ctx context.Context, doc csumdoc.Settings, ifMatch int64) (csumdoc.Settings, int64, error) {
	var stored csumdoc.Settings
	rev, err := c.revisioned(ctx, settingsDoc, http.MethodPut, settingsPath, doc, ifMatch, &stored)
	return stored, rev, err
}

// ResetSettings puts the settings back to their defaults (conditionally, as PutSettings).
func (c *Client) ResetSettings(ctx context.Context, ifMatch int64) (csumdoc.Settings, int64, error) {
	var stored csumdoc.Settings
	rev, err := c.revisioned(ctx, settingsDoc, http.MethodDelete, settingsPath, nil, ifMatch, &stored)
	return stored, rev, err
}

// GetPermissionSchemes returns the permission schemes document and its revision.
func (c *Client) GetPermissionSchemes(ctx context.Context) (csumdoc.PermissionSchemes, int64, error) {
	var doc csumdoc.PermissionSchemes
	rev, err := c.revisioned(ctx, schemesDoc, http.MethodGet, schemesPath, nil, 0, &doc)
	return doc, rev, err
}

// PutPermissionSchemes replaces the permission schemes whole, as PutSettings does for settings.
func (c *Client) PutPermissionSchemes(ctx context.Context, doc csumdoc.PermissionSchemes, ifMatch int64) (csumdoc.PermissionSchemes, int64, error) {
	var stored csumdoc.PermissionSchemes
	rev, err := c.revisioned(ctx, schemesDoc, http.MethodPut, schemesPath, doc, ifMatch, &stored)
	return stored, rev, err
}

// ResetPermissionSchemes restores the default scheme and empties the user and group schemes.
func (c *Client) ResetPermissionSchemes(ctx context.Context, ifMatch int64) (csumdoc.PermissionSchemes, int64, error) {
	var stored csumdoc.PermissionSchemes
	rev, err := c.revisioned(ctx, schemesDoc, http.MethodDelete, schemesPath, nil, ifMatch, &stored)
	return stored, rev, err
}
