package confluence

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

var fullPage = strconv.Itoa(maxV1Page)

// GetGroup returns one group by ID. An unknown ID gives a *NotFoundError; Confluence answers 404, or 400
// for some unknown IDs.
func (c *Client) GetGroup(ctx context.Context, groupID string) (Group, error) {
	var g Group
	err := c.get(ctx, v1+"/group/by-id", url.Values{"id": {groupID}}, &g)
	return g, notFoundOn(err, "group", groupID, http.StatusNotFound, http.StatusBadRequest)
}

// FindGroupByName returns the group whose name equals name, ignoring case (Confluence stores group names in
// lower case). It searches with the group picker, which matches partial names, and reads every page.
func (c *Client) FindGroupByName(ctx context.Context, name string) (Group, error) {
	groups, err := httpx.CollectOffset[Group](ctx, c.http, v1+"/group/picker", url.Values{"query": {name}, "limit": {fullPage}})
	if err != nil {
		return Group{}, err
	}
	for _, g := range groups {
		if strings.EqualFold(g.Name, name) {
			return g, nil
		}
	}
	return Group{}, &NotFoundError{Kind: "group", Key: name}
}

// ListGroups returns every group, sorted by name as Confluence sends them.
func (c *Client) ListGroups(ctx context.Context) ([]Group, error) {
	return httpx.CollectOffset[Group](ctx, c.http, v1+"/group", url.Values{"limit": {fullPage}})
}

// CreateGroup creates a group. Confluence answers 400 when the name is taken.
func (c *Client) CreateGroup(ctx context.Context, name string) (Group, error) {
	var g Group
	err := c.writeV1(ctx, http.MethodPost, v1+"/group", nil, map[string]string{"name": name}, &g)
	return g, err
}

// DeleteGroup deletes a group by ID. An unknown ID gives a *NotFoundError.
func (c *Client) DeleteGroup(ctx context.Context, groupID string) error {
	err := c.writeV1(ctx, http.MethodDelete, v1+"/group/by-id", url.Values{"id": {groupID}}, nil, nil)
	return notFoundOn(err, "group", groupID, http.StatusNotFound)
}

// MemberPageRequests bounds the member pages in flight for one group: a group of 20,000 members takes 100
// pages, and sixteen at a time wait 8 round trips instead of 100 (four at a time waited 26, over half a second
// of a plan of such a group at 20 ms a round trip). Sixteen is the provider's bound on writes in flight too;
// the client's pacing, and requests_per_second where a site needs it, apply across them.
const MemberPageRequests = 16

// Members returns every member of a group, 200 (the largest page allowed) per request, several requests at
// once after the first. Confluence answers an unknown group with an empty list, not a 404; check with
// GetGroup where it matters.
func (c *Client) Members(ctx context.Context, groupID string) ([]User, error) {
	path := v1 + "/group/" + url.PathEscape(groupID) + "/membersByGroupId"
	return httpx.CollectOffsetConcurrently[User](ctx, c.http, path, url.Values{"limit": {fullPage}}, MemberPageRequests)
}

// AddMember adds an account to a group. Any 2xx is success (the API documents 201, sites also answer
// 200 or 204); adding an existing member is accepted by Confluence.
func (c *Client) AddMember(ctx context.Context, groupID, accountID string) error {
	return c.writeV1(ctx, http.MethodPost, v1+"/group/userByGroupId", url.Values{"groupId": {groupID}},
		map[string]string{"accountId": accountID}, nil)
}

// RemoveMember removes an account from a group. Confluence answers 204 even when the account was not a
// member, but some sites answer 404 then; so a 404 while the group still exists counts as already removed
// and gives nil. A 404 because the group itself is gone gives a *NotFoundError for the group.
func (c *Client) RemoveMember(ctx context.Context, groupID, accountID string) error {
	err := c.writeV1(ctx, http.MethodDelete, v1+"/group/userByGroupId",
		url.Values{"groupId": {groupID}, "accountId": {accountID}}, nil, nil)
	if !httpx.IsStatus(err, http.StatusNotFound) {
		return err
	}
	if _, groupErr := c.GetGroup(ctx, groupID); groupErr != nil {
		return groupErr
	}
	return nil
}

// IsMember reports whether an account is in a group. It reads the account's groups rather than the
// group's members, which is far cheaper for large groups; resources use it after a membership change
// whose outcome was unknown.
func (c *Client) IsMember(ctx context.Context, groupID, accountID string) (bool, error) {
	groups, err := httpx.CollectOffset[Group](ctx, c.http, v1+"/user/memberof", url.Values{"accountId": {accountID}, "limit": {fullPage}})
	if err != nil {
		return false, err
	}
	for _, g := range groups {
		if g.ID == groupID {
			return true, nil
		}
	}
	return false, nil
}
