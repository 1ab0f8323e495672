package confluence

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// SpaceByKey looks a space up by key through v2, which answers an unknown (or invisible) key with an
// empty list; that gives a *NotFoundError.
func (c *Client) SpaceByKey(ctx context.Context, key string) (Space, error) {
	var page httpx.CursorPage[Space]
	if err := c.get(ctx, v2+"/spaces", url.Values{"keys": {key}}, &page); err != nil {
		return Space{}, err
	}
	for _, s := range page.Results {
		if s.Key == key {
			return s, nil
		}
	}
	return Space{}, &NotFoundError{Kind: "space", Key: key}
}

// Spaces lists the spaces the caller can see, 250 per request: every one when keys is empty, else those of
// keys (at most 250 keys per request). A key of a space that does not exist, or that the caller cannot see,
// is simply missing from the result, as v2 answers.
func (c *Client) Spaces(ctx context.Context, keys []string) ([]Space, error) {
	query := func() url.Values { return url.Values{"limit": {strconv.Itoa(maxV2Page)}} }
	if len(keys) == 0 {
		return httpx.CollectCursor[Space](ctx, c.http, v2+"/spaces", query())
	}
	var all []Space
	for batch := range slices.Chunk(keys, maxV2Page) {
		q := query()
		q.Set("keys", strings.Join(batch, ","))
		spaces, err := httpx.CollectCursor[Space](ctx, c.http, v2+"/spaces", q)
		if err != nil {
			return nil, err
		}
		all = append(all, spaces...)
	}
	return all, nil
}

// v2Permission is a space permission as v2 lists it; its id is a string there.
type v2Permission struct {
	ID        int64 `json:"id,string"`
	Principal struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	} `json:"principal"`
	Operation struct {
		Key        string `json:"key"`
		TargetType string `json:"targetType"`
	} `json:"operation"`
}

// SpacePermissions returns every permission granted in a space (by numeric space id), 250 per request.
func (c *Client) SpacePermissions(ctx context.Context, spaceID string) ([]SpacePermission, error) {
	path := v2 + "/spaces/" + url.PathEscape(spaceID) + "/permissions"
	raw, err := httpx.CollectCursor[v2Permission](ctx, c.http, path, url.Values{"limit": {strconv.Itoa(maxV2Page)}})
	if err != nil {
		return nil, notFoundOn(err, "space", spaceID, http.StatusNotFound)
	}
	perms := make([]SpacePermission, 0, len(raw))
	for _, p := range raw {
		perms = append(perms, SpacePermission{
			ID: p.ID, SubjectType: p.Principal.Type, SubjectID: p.Principal.ID,
			Operation: p.Operation.Key, Target: p.Operation.TargetType,
		})
	}
	return perms, nil
}

type v1PermissionSubject struct {
	Type       string `json:"type"`
	Identifier string `json:"identifier"`
}

type v1PermissionOperation struct {
	Key    string `json:"key"`
	Target string `json:"target"`
}

// AddSpacePermission grants operation on target (e.g. "create", "page") in a space to a user or group
// (subjectType SubjectUser or SubjectGroup; subjectID an account ID or group ID) and returns the new
// permission's ID. Confluence refuses (400) a duplicate, and any grant before the subject has read/space.
// On an *httpx.OutcomeUnknownError, re-read with SpacePermissions.
func (c *Client) AddSpacePermission(ctx context.Context, spaceKey, subjectType, subjectID, operation, target string) (int64, error) {
	body := struct {
		Subject   v1PermissionSubject   `json:"subject"`
		Operation v1PermissionOperation `json:"operation"`
	}{v1PermissionSubject{subjectType, subjectID}, v1PermissionOperation{operation, target}}
	var created struct {
		ID int64 `json:"id"`
	}
	path := v1 + "/space/" + url.PathEscape(spaceKey) + "/permission"
	if err := c.writeV1(ctx, http.MethodPost, path, nil, body, &created); err != nil {
		return 0, err
	}
	if created.ID == 0 {
		return 0, fmt.Errorf("POST %s: the answer carries no permission id", path)
	}
	return created.ID, nil
}

// RemoveSpacePermission removes one permission from a space. Removing a subject's read/space removes all
// of that subject's permissions in the space, and Confluence refuses (400) to remove the last admin.
func (c *Client) RemoveSpacePermission(ctx context.Context, spaceKey string, permissionID int64) error {
	path := v1 + "/space/" + url.PathEscape(spaceKey) + "/permission/" + strconv.FormatInt(permissionID, 10)
	return c.writeV1(ctx, http.MethodDelete, path, nil, nil, nil)
}
