package csumapi

import (
	"context"
	"fmt"
	"net/http"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// document is one of the app's revisioned documents, which the Admin API reads, replaces whole and resets
// at one path, and which carries its revision in the ETag.
type document[T any] struct {
	path string
	name string // as a conflict error calls it
}

var (
	settings = document[csumdoc.Settings]{path: "/v1/settings", name: "settings"}
	schemes  = document[csumdoc.PermissionSchemes]{path: "/v1/permission-schemes", name: "permission schemes"}
)

// get returns the document and its revision.
func (d document[T]) get(ctx context.Context, c *Client) (T, int64, error) {
	return d.send(ctx, c, http.MethodGet, nil, 0)
}

// put replaces the document whole. With ifMatch non-zero the write happens only if the document is still
// at that revision, else *ConflictError. A rule violation is a 422 *httpx.APIError listing every problem
// by JSON Pointer. Returns the stored document and its new revision.
func (d document[T]) put(ctx context.Context, c *Client, doc T, ifMatch int64) (T, int64, error) {
	return d.send(ctx, c, http.MethodPut, doc, ifMatch)
}

// reset puts the document back to the app's defaults, conditionally as put does.
func (d document[T]) reset(ctx context.Context, c *Client, ifMatch int64) (T, int64, error) {
	return d.send(ctx, c, http.MethodDelete, nil, ifMatch)
}

// send sends one request on the document and returns the document the app answers with and its revision.
func (d document[T]) send(ctx context.Context, c *Client, method string, body any, ifMatch int64) (T, int64, error) {
	var out T
	resp, err := c.do(ctx, d.name, method, d.path, body, &out, httpx.IfMatch(ifMatch))
	if err != nil {
		return out, 0, err
	}
	rev, err := httpx.Revision(resp)
	if err != nil {
		return out, 0, fmt.Errorf("%s %s: %w", method, d.path, err)
	}
	return out, rev, nil
}

// GetSettings returns the settings document and its revision.
func (c *Client) GetSettings(ctx context.Context) (csumdoc.Settings, int64, error) {
	return settings.get(ctx, c)
}

// PutSettings replaces the settings document, as document.put describes.
func (c *Client) PutSettings(ctx context.Context, doc csumdoc.Settings, ifMatch int64) (csumdoc.Settings, int64, error) {
	return settings.put(ctx, c, doc, ifMatch)
}

// ResetSettings puts the settings back to their defaults.
func (c *Client) ResetSettings(ctx context.Context, ifMatch int64) (csumdoc.Settings, int64, error) {
	return settings.reset(ctx, c, ifMatch)
}

// GetPermissionSchemes returns the permission schemes document and its revision.
func (c *Client) GetPermissionSchemes(ctx context.Context) (csumdoc.PermissionSchemes, int64, error) {
	return schemes.get(ctx, c)
}

// PutPermissionSchemes replaces the permission schemes, as document.put describes.
func (c *Client) PutPermissionSchemes(ctx context.Context, doc csumdoc.PermissionSchemes, ifMatch int64) (csumdoc.PermissionSchemes, int64, error) {
	return schemes.put(ctx, c, doc, ifMatch)
}

// ResetPermissionSchemes restores the default scheme and empties the user and group schemes.
func (c *Client) ResetPermissionSchemes(ctx context.Context, ifMatch int64) (csumdoc.PermissionSchemes, int64, error) {
	return schemes.reset(ctx, c, ifMatch)
}
