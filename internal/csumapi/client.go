// Package csumapi is a typed client for the parts of the CSUM Admin API v1 the provider uses: the app's
// settings, permission schemes, privileged user and space groups.
package csumapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// Config holds what is needed to reach the app's Admin API.
type Config struct {
	AppURL string // e.g. https://csum.example.net/admin; paths such as /v1/settings are relative to it
	APIKey string
	httpx.Common
}

// Client calls the Admin API with the bearer key. It is safe for concurrent use.
type Client struct {
	http *httpx.Client
}

// New builds a client.
func New(cfg Config) (*Client, error) {
	hc, err := httpx.New(httpx.Config{BaseURL: cfg.AppURL, Auth: httpx.BearerToken(cfg.APIKey), Common: cfg.Common})
	if err != nil {
		return nil, fmt.Errorf("CSUM app URL: %w", err)
	}
	return &Client{http: hc}, nil
}

// ErrConflict matches (errors.Is) a write refused because the document changed since it was read.
var ErrConflict = errors.New("changed by someone else since it was last read")

// ConflictError is a 412: the revision given in If-Match is no longer current, and nothing was changed.
type ConflictError struct {
	Document string // "settings", "permission schemes"
	Err      *httpx.APIError
}

// Error says what to do first and then, for the record, which request the app refused and why.
func (e *ConflictError) Error() string {
	msg := fmt.Sprintf("the CSUM %s were %s (revision mismatch); nothing was changed: refresh and apply again", e.Document, ErrConflict)
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

func (e *ConflictError) Is(target error) bool { return target == ErrConflict }
func (e *ConflictError) Unwrap() error        { return e.Err }

// do sends one request and turns a 412 into a *ConflictError for document. A 422 stays an
// *httpx.APIError whose Details carry JSON Pointers into the request document.
func (c *Client) do(ctx context.Context, document, method, path string, body, out any, opts ...httpx.Option) (*http.Response, error) {
	resp, err := c.http.Do(ctx, method, path, nil, body, out, opts...)
	var apiErr *httpx.APIError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusPreconditionFailed {
		return resp, &ConflictError{Document: document, Err: apiErr}
	}
	return resp, err
}
