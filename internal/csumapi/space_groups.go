package csumapi

import (
	"context"
	"net/http"
	"net/url"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// Pattern is the space group pattern, as csumdoc defines it.
type Pattern = csumdoc.Pattern

// SpaceGroup is one group that belongs to a space.
type SpaceGroup struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SpaceGroups lists the groups that belong to a space under the current space group pattern, by name.
type SpaceGroups struct {
	SpaceKey string       `json:"spaceKey"`
	Pattern  Pattern      `json:"pattern"`
	Results  []SpaceGroup `json:"results"`
}

// SpaceGroups returns the groups that belong to a space under the current pattern. An unknown space is a
// 404 (httpx.IsNotFound).
func (c *Client) SpaceGroups(ctx context.Context, spaceKey string) (SpaceGroups, error) {
	var groups SpaceGroups
	_, err := c.do(ctx, "space groups", http.MethodGet, "/v1/spaces/"+url.PathEscape(spaceKey)+"/groups", nil, &groups)
	return groups, err
}
