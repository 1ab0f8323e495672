package httpx

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// mask replaces each configured secret in s.
func (c *Client) mask(s string) string {
	for _, secret := range c.auth.secrets {
		s = strings.ReplaceAll(s, secret, "***")
	}
	return s
}

// logRequest writes one debug entry per request: method, path (never the query), status, duration and
// attempts. Headers are never logged, and every configured secret is masked in the message and fields.
func (c *Client) logRequest(ctx context.Context, state *attemptState, path string, resp *http.Response, took time.Duration, err error) {
	ctx = tflog.MaskMessageStrings(ctx, c.auth.secrets...)
	ctx = tflog.MaskAllFieldValuesStrings(ctx, c.auth.secrets...)
	fields := map[string]any{
		"method":      state.method,
		"path":        path,
		"duration_ms": took.Milliseconds(),
		"attempts":    state.attempts,
		"retries":     max(state.attempts-1, 0),
	}
	if resp != nil {
		fields["status"] = resp.StatusCode
	}
	if err != nil {
		// Debug, not Warn: a 404 while reading is how a deleted object shows, and callers report real
		// failures as diagnostics anyway.
		fields["error"] = c.mask(err.Error())
	}
	tflog.Debug(ctx, "API request", fields)
}
