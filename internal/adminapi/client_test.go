package adminapi

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

func TestSearchSendsOneQueryAndFollowsTheCursor(t *testing.T) {
	f, c := newFake(t, 200,
		`{"data":[{"accountId":"a1","name":"A","status":"active","productAccess":[{"key":"confluence","id":"s1","lastActiveTimestamp":"2026-10-01T09:30:00Z"}]}],"links":{"next":"c-2"}}`,
		`{"data":[{"accountId":"a2","name":"B","status":"suspended","productAccess":[{"key":"confluence","id":"s1"}]}],"links":{"next":null}}`)
	users, err := c.SearchUsers(context.Background(), "d1", UserQuery{Statuses: []string{"active", "suspended"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 || users[0].AccountID != "a1" || users[1].Status != "suspended" {
		t.Fatalf("users %+v", users)
	}
	if at := users[0].ProductAccess[0].LastActive; !at.Equal(time.Date(2026, 10, 1, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("last active %v", at)
	}
	if !users[1].ProductAccess[0].LastActive.IsZero() {
		t.Errorf("a product never used has a time: %v", users[1].ProductAccess[0])
	}
	first, second := f.sent(t, 0), f.sent(t, 1)
	if first["limit"] != float64(PageSize) || first["cursor"] != nil || len(first["status"].([]any)) != 2 ||
		first["expand"].([]any)[0] != "productAccess" {
		t.Errorf("first request %v", first)
	}
	if second["cursor"] != "c-2" || second["limit"] != float64(PageSize) || second["expand"] == nil {
		t.Errorf("second request %v: the cursor, with the same query", second)
	}
}

// A v1 list whose next link is a URL carries the cursor in its query; Orgs sends that cursor.
func TestOrgsFollowsANextLinkGivenAsAURL(t *testing.T) {
	f, c := newFake(t, 200,
		`{"data":[{"id":"org-1","type":"orgs","attributes":{"name":"One"}}],"links":{"next":"https://api.atlassian.com/admin/v1/orgs?cursor=abc%3D"}}`,
		`{"data":[{"id":"org-2","type":"orgs","attributes":{"name":"Two"}}],"links":{}}`)
	orgs, err := c.Orgs(context.Background())
	if err != nil || len(orgs) != 2 || orgs[1] != (Org{ID: "org-2", Name: "Two"}) {
		t.Fatalf("orgs %+v, %v", orgs, err)
	}
	if f.queries[1] != "cursor=abc%3D" {
		t.Errorf("second request's query %q", f.queries[1])
	}
}

func TestPagingNeverLoops(t *testing.T) {
	_, c := newFake(t, 200, `{"data":[{"directoryId":"d1","name":"D"}],"links":{"next":"same"}}`)
	if _, err := c.Directories(context.Background()); err == nil || !strings.Contains(err.Error(), "same next cursor") {
		t.Fatalf("got %v, want an error about a repeated cursor", err)
	}
}

func TestTimestamps(t *testing.T) {
	want := time.Date(2026, 10, 1, 9, 30, 0, 0, time.UTC)
	for _, s := range []string{"2026-10-01T09:30:00Z", "2026-10-01T11:30:00+02:00", "2026-10-01T09:30:00.000Z", "2026-10-01T09:30:00.000+0000"} {
		if at, err := parseTimestamp(s); err != nil || !at.Equal(want) {
			t.Errorf("parseTimestamp(%q) = %v, %v", s, at, err)
		}
	}
	_, c := newFake(t, 200, `{"data":[{"accountId":"a1","productAccess":[{"key":"confluence","lastActiveTimestamp":"yesterday"}]}]}`)
	users, err := c.SearchUsers(context.Background(), "-", UserQuery{})
	if err == nil || users != nil || !strings.Contains(err.Error(), `"yesterday"`) {
		t.Fatalf("got %v, %v; want an error and no users", users, err)
	}
}

// Both error bodies of the Admin API become readable errors, and the key never shows in them.
func TestErrorBodies(t *testing.T) {
	t.Run("v2 error list", func(t *testing.T) {
		_, c := newFake(t, 404, `{"errors":[{"id":"x","status":"404","code":"ADMIN-UAM-404-2","title":"Organization not found","detail":"No organization with ID org-1"}]}`)
		_, err := c.Directories(context.Background())
		var apiErr *httpx.APIError
		if !errors.As(err, &apiErr) || apiErr.Status != 404 || apiErr.Code != "ADMIN-UAM-404-2" ||
			!strings.Contains(err.Error(), "Organization not found: No organization with ID org-1") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("v1 Spring body that echoes the key", func(t *testing.T) {
		_, c := newFake(t, 403, `{"timestamp":"2026-06-06T06:03:27.122+00:00","path":"/admin/v1/orgs","status":403,"error":"Forbidden","message":"Key `+fakeKey+` has no permission to access resource.","requestId":"r"}`)
		_, err := c.Orgs(context.Background())
		if !httpx.IsStatus(err, 403) || !strings.Contains(err.Error(), "has no permission to access resource") {
			t.Fatalf("got %v", err)
		}
		if strings.Contains(err.Error(), fakeKey) {
			t.Errorf("the key leaked into the error: %v", err)
		}
	})
}
