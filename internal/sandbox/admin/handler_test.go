package admin

import (
	"net/http"
	"strings"
	"testing"
)

func TestAuthentication(t *testing.T) {
	_, _, srv := testServer(t, 3)
	for _, c := range []struct {
		name, key, path string
		spring          bool
	}{
		{"no key on v2", "", "/v2/orgs/" + testOrg + "/directories", false},
		{"wrong key on v2", "not-a-key", "/v2/orgs/" + testOrg + "/directories", false},
		{"wrong key on v1", "not-a-key", "/v1/orgs", true},
		{"a site API token is no organization key", "sandbox-admin-token", searchPath, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := call(t, srv, c.key, http.MethodGet, c.path, nil)
			if a.Status != http.StatusUnauthorized || !strings.HasPrefix(a.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Fatalf("got %d %v, want 401 with a Bearer challenge", a.Status, a.Header)
			}
			if c.key != "" && strings.Contains(a.Body, c.key) {
				t.Errorf("the answer repeats the presented key: %s", a.Body)
			}
			if c.spring {
				var body springError
				a.json(t, &body)
				if body.Status != 401 || body.Error != "Unauthorized" || body.Path != "/admin/v1/orgs" || body.Message == "" {
					t.Errorf("v1 error body %s", a.Body)
				}
				return
			}
			if code := errorCode(t, a); code != codeUnauthenticated {
				t.Errorf("code %s", code)
			}
		})
	}
}

func TestRoutingErrors(t *testing.T) {
	_, _, srv := testServer(t, 3)
	for _, c := range []struct {
		name, method, path string
		status             int
		code               string
	}{
		{"unknown path", http.MethodGet, "/v2/orgs/" + testOrg + "/nothing", 404, codeUnknownResource},
		{"search with GET", http.MethodGet, searchPath, 405, codeMethodNotSupported},
		{"unknown organization", http.MethodGet, "/v2/orgs/other-org/directories", 404, codeOrgNotFound},
		{"unknown organization in a search", http.MethodPost, "/v2/orgs/other-org/directories/-/users/search", 404, codeOrgNotFound},
		{"unknown directory", http.MethodPost, "/v2/orgs/" + testOrg + "/directories/dir-nope/users/search", 404, codeUnknownResource},
	} {
		t.Run(c.name, func(t *testing.T) {
			var body any
			if c.method == http.MethodPost {
				body = map[string]any{}
			}
			a := call(t, srv, testKey, c.method, c.path, body)
			if a.Status != c.status {
				t.Fatalf("got %d %s, want %d", a.Status, a.Body, c.status)
			}
			if code := errorCode(t, a); code != c.code {
				t.Errorf("code %s, want %s", code, c.code)
			}
		})
	}
}

// A key created with scopes reaches only the routes its scopes allow, and the 403 names the missing scope;
// a key without scopes reaches every route.
func TestScopedKeys(t *testing.T) {
	_, _, srv := testServer(t, 3)
	if a := call(t, srv, testScopedKey, http.MethodGet, "/v1/orgs", nil); a.Status != 200 {
		t.Errorf("scoped key listing orgs: %d %s", a.Status, a.Body)
	}
	if a := call(t, srv, testScopedKey, http.MethodGet, "/v2/orgs/"+testOrg+"/directories", nil); a.Status != 200 {
		t.Errorf("scoped key listing directories: %d %s", a.Status, a.Body)
	}
	a := call(t, srv, testScopedKey, http.MethodPost, searchPath, map[string]any{})
	if a.Status != http.StatusForbidden || errorCode(t, a) != codeForbidden || !strings.Contains(a.Body, ScopeReadUsers) {
		t.Errorf("scoped key searching users: %d %s, want 403 naming %s", a.Status, a.Body, ScopeReadUsers)
	}
	if a := call(t, srv, testKey, http.MethodPost, searchPath, map[string]any{}); a.Status != 200 {
		t.Errorf("unscoped key searching users: %d %s", a.Status, a.Body)
	}
}

func TestOrgsAndDirectories(t *testing.T) {
	_, _, srv := testServer(t, 3)
	var orgs struct {
		Data []struct {
			ID         string `json:"id"`
			Type       string `json:"type"`
			Attributes struct{ Name string }
		} `json:"data"`
		Links struct{ Next *string } `json:"links"`
	}
	call(t, srv, testKey, http.MethodGet, "/v1/orgs", nil).json(t, &orgs)
	if len(orgs.Data) != 1 || orgs.Data[0].ID != testOrg || orgs.Data[0].Type != "orgs" ||
		orgs.Data[0].Attributes.Name != "Test Org" || orgs.Links.Next != nil {
		t.Errorf("orgs %+v", orgs)
	}
	if a := call(t, srv, testKey, http.MethodGet, "/v1/orgs?cursor=bogus", nil); a.Status != 400 {
		t.Errorf("a cursor never handed out: %d", a.Status)
	}
	if a := call(t, srv, testKey, http.MethodGet, "/v1/orgs/"+testOrg, nil); a.Status != 200 || !strings.Contains(a.Body, testOrg) {
		t.Errorf("org by ID: %d %s", a.Status, a.Body)
	}

	// Directories come in pages: one of one, then the other.
	type dirPage struct {
		Data []struct {
			DirectoryID string `json:"directoryId"`
			Name        string `json:"name"`
		} `json:"data"`
		Links struct{ Next *string } `json:"links"`
	}
	var first, second dirPage
	call(t, srv, testKey, http.MethodGet, "/v2/orgs/"+testOrg+"/directories?limit=1", nil).json(t, &first)
	if len(first.Data) != 1 || first.Data[0].DirectoryID != testDirectory || first.Links.Next == nil {
		t.Fatalf("first page %+v", first)
	}
	call(t, srv, testKey, http.MethodGet, "/v2/orgs/"+testOrg+"/directories?limit=1&cursor="+*first.Links.Next, nil).json(t, &second)
	if len(second.Data) != 1 || second.Data[0].DirectoryID != "dir-other" || second.Links.Next != nil {
		t.Fatalf("second page %+v", second)
	}
	if a := call(t, srv, testKey, http.MethodGet, "/v2/orgs/"+testOrg+"/directories?limit=0", nil); a.Status != 400 {
		t.Errorf("limit=0: %d", a.Status)
	}
}

func TestRouteTemplate(t *testing.T) {
	for path, want := range map[string]string{
		"/v1/orgs":                 routeOrgs,
		"/v1/orgs/abc":             routeOrg,
		"/v2/orgs/abc/directories": routeDirectories,
		"/v2/orgs/abc/directories/-/users/search":   routeUserSearch,
		"/v2/orgs/abc/directories/d1/users/search":  routeUserSearch,
		"/v2/orgs/abc/directories/d1/users/unknown": "/v2/orgs/abc/directories/d1/users/unknown",
	} {
		if got := RouteTemplate(path); got != want {
			t.Errorf("RouteTemplate(%q) = %q, want %q", path, got, want)
		}
	}
}
