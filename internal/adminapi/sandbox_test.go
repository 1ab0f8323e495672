package adminapi_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/adminapi"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/admin"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// These tests run the client against the organization Admin API of the real sandbox and read its counts.

const (
	searchRoute      = "POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search"
	directoriesRoute = "GET /admin/v2/orgs/{orgId}/directories"
)

func newClient(t *testing.T, srv *sandbox.Server, org, key string, maxRetries int) *adminapi.Client {
	t.Helper()
	c, err := adminapi.New(adminapi.Config{BaseURL: srv.AdminURL(), OrgID: org, APIKey: key, Common: httpx.Common{MaxRetries: maxRetries,
		// Without keep-alive net/http never replays a dropped request itself: only the client's retry can.
		HTTPClient: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// generated starts a sandbox whose organization has users+1 accounts.
func generated(t *testing.T, users int, opts ...acctest.Option) *sandbox.Server {
	t.Helper()
	opts = append([]acctest.Option{acctest.WithSeed(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: users}))}, opts...)
	return acctest.StartSandbox(t, opts...).Sandbox
}

func TestSandboxSearchReadsEveryUserInFullPages(t *testing.T) {
	srv := generated(t, 249)
	c := newClient(t, srv, srv.OrgID(), srv.AdminAPIKey(), 0)
	dirs, err := c.Directories(context.Background())
	if err != nil || len(dirs) != 1 {
		t.Fatalf("directories %+v, %v", dirs, err)
	}
	users, err := c.SearchUsers(context.Background(), dirs[0].ID, adminapi.UserQuery{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	never := 0
	for _, u := range users {
		seen[u.AccountID] = true
		if len(u.ProductAccess) == 0 || u.ProductAccess[0].Key != "confluence" {
			t.Fatalf("user %s without Confluence access: %+v", u.AccountID, u)
		}
		if u.ProductAccess[0].LastActive.IsZero() {
			never++
		}
	}
	if len(users) != 250 || len(seen) != 250 || never != 25 {
		t.Errorf("%d users (%d distinct, %d never active), want 250 (250, 25)", len(users), len(seen), never)
	}
	want := map[string]int64{directoriesRoute: 1, searchRoute: 3}
	if got := srv.Faults().Counts(); !maps.Equal(got, want) {
		t.Errorf("requests %v, want %v (250 users in pages of %d)", got, want, adminapi.PageSize)
	}
	suspended, err := c.SearchUsers(context.Background(), "-", adminapi.UserQuery{Statuses: []string{"suspended"}})
	if err != nil || len(suspended) != 0 {
		t.Errorf("suspended users %d, %v; the generated organization has none", len(suspended), err)
	}
}

// Every kind of fault on every second request, in the middle of paging: each page is retried, and the list
// comes back whole.
func TestSandboxSearchSurvivesFaultsMidPaging(t *testing.T) {
	for _, tt := range acctest.ReadFaults() {
		t.Run(tt.Name, func(t *testing.T) {
			t.Parallel()
			srv := generated(t, 299, acctest.WithFaults(tt.Config))
			c := newClient(t, srv, srv.OrgID(), srv.AdminAPIKey(), 3)
			users, err := c.SearchUsers(context.Background(), "-", adminapi.UserQuery{})
			if err != nil || len(users) != 300 {
				t.Fatalf("got %d users, %v; want all 300", len(users), err)
			}
			counts := srv.Faults().Counts()
			if counts[searchRoute] != 3 || counts[searchRoute+tt.CountSuffix] < 1 {
				t.Errorf("counts %v; want 3 pages served and the faulted attempts retried", counts)
			}
		})
	}
}

// When retries run out in the middle of paging, the search fails: no part of the list is returned.
func TestSandboxSearchNeverReturnsPartOfTheList(t *testing.T) {
	for name, cfg := range map[string]faults.Config{
		"dropped connections": {DropEvery: 2},
		"a storm of 429":      {RateLimitEvery: 2},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := generated(t, 299, acctest.WithFaults(cfg))
			c := newClient(t, srv, srv.OrgID(), srv.AdminAPIKey(), 0)
			users, err := c.SearchUsers(context.Background(), "-", adminapi.UserQuery{})
			if err == nil || users != nil {
				t.Fatalf("got %d users and %v; want an error and no users", len(users), err)
			}
			if n := srv.Faults().Counts()[searchRoute]; n != 1 {
				t.Errorf("%d pages served before the failure, want 1", n)
			}
		})
	}
}

func TestSandboxErrors(t *testing.T) {
	env := acctest.StartSandbox(t)
	srv := env.Sandbox
	scoped := env.Seed.Org.APIKeys[1].Key
	cases := []struct {
		name, org, key string
		call           func(*adminapi.Client) error
		status         int
		code, words    string
	}{
		{"wrong key", srv.OrgID(), "not-the-key", searchAll, 401, "ADMIN-UAM-401-1", "Unauthenticated"},
		{"unknown organization", "0c0c0c0c-0000-4000-8000-000000000000", srv.AdminAPIKey(), searchAll, 404, "ADMIN-UAM-404-2", "Organization not found"},
		{"key without the users scope", srv.OrgID(), scoped, searchAll, 403, "ADMIN-UAM-403-1", admin.ScopeReadUsers},
		{"wrong key listing organizations", srv.OrgID(), "not-the-key", func(c *adminapi.Client) error { _, err := c.Orgs(context.Background()); return err },
			401, "", "organization API key"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, srv, tt.org, tt.key, 3)
			err := tt.call(c)
			var apiErr *httpx.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != tt.status || apiErr.Code != tt.code || !strings.Contains(err.Error(), tt.words) {
				t.Fatalf("got %v, want %d %s mentioning %q", err, tt.status, tt.code, tt.words)
			}
			if strings.Contains(err.Error(), tt.key) {
				t.Error("the key leaked into the error")
			}
		})
	}
	// The scoped key still lists the organizations and the directories.
	c := newClient(t, srv, srv.OrgID(), scoped, 0)
	if orgs, err := c.Orgs(context.Background()); err != nil || len(orgs) != 1 || orgs[0].ID != srv.OrgID() {
		t.Errorf("orgs %+v, %v", orgs, err)
	}
}

func searchAll(c *adminapi.Client) error {
	_, err := c.SearchUsers(context.Background(), "-", adminapi.UserQuery{})
	return err
}

// The key is masked in the logs of every request, also when the server refuses it.
func TestSandboxLogsNeverShowTheKey(t *testing.T) {
	srv := acctest.StartSandbox(t).Sandbox
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	for _, key := range []string{srv.AdminAPIKey(), "wrong-org-key-0123"} {
		c := newClient(t, srv, srv.OrgID(), key, 0)
		_, _ = c.SearchUsers(ctx, "-", adminapi.UserQuery{})
		if !strings.Contains(logs.String(), "users/search") {
			t.Fatalf("no request logged: %s", logs.String())
		}
		if strings.Contains(logs.String(), key) {
			t.Errorf("the key %q shows in the logs", key)
		}
	}
}
