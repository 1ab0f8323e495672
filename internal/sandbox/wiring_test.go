package sandbox_test

import (
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

func TestFaultsAndCountsAreWired(t *testing.T) {
	s := acctest.StartSandbox(t, acctest.WithFaults(faults.Config{RateLimitEvery: 2}))
	path := "/wiki/rest/api/group/" + s.GroupID(t, "ops-oncall") + "/membersByGroupId"
	first, second := s.Call(t, acctest.Admin, "GET", path, nil), s.Call(t, acctest.Admin, "GET", path, nil)
	if first.Status != 200 || second.Status != 429 || second.Header.Get("Retry-After") == "" {
		t.Fatalf("statuses %d, %d (Retry-After %q)", first.Status, second.Status, second.Header.Get("Retry-After"))
	}
	counts := s.Sandbox.Faults().Counts()
	const route = "GET /wiki/rest/api/group/{groupId}/membersByGroupId"
	if counts[route] != 1 || counts[route+faults.SuffixRateLimited] != 1 {
		t.Errorf("counts = %v", counts)
	}
	// The control endpoints sit outside the faults.
	s.Sandbox.Faults().Set(faults.Config{UnavailableEvery: 1})
	if r := s.Call(t, acctest.Nobody, "GET", "/_sandbox/counts", nil); r.Status != 200 {
		t.Errorf("control endpoint = %d", r.Status)
	}
	if r := s.Call(t, acctest.Admin, "GET", "/wiki/rest/api/user/current", nil); r.Status != 503 {
		t.Errorf("UnavailableEvery=1 gave %d", r.Status)
	}
}

func TestAppRequestsAreCountedPerEndpoint(t *testing.T) {
	s := acctest.StartSandbox(t)
	key := func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+s.Sandbox.AppAPIKey()) }
	for _, path := range []string{"/v1/settings", "/v1/settings", "/v1/spaces/ENG/groups", "/v1/spaces/OPS/groups", "/v1/status"} {
		if r := s.Send(t, key, "GET", sandbox.AppPrefix+path, nil); r.Status != 200 {
			t.Fatalf("GET %s = %d %s", path, r.Status, r.Body)
		}
	}
	want := map[string]int64{
		"GET /csum-admin/v1/settings":                 2,
		"GET /csum-admin/v1/spaces/{spaceKey}/groups": 2,
		"GET /csum-admin/v1/status":                   1,
	}
	if got := s.Sandbox.Faults().Counts(); !maps.Equal(got, want) {
		t.Errorf("counts = %v, want %v", got, want)
	}
	// A request the injector answers itself is named the same way.
	s.Sandbox.Faults().Set(faults.Config{RateLimitEvery: 1})
	if r := s.Send(t, key, "GET", sandbox.AppPrefix+"/v1/spaces/MKT/groups", nil); r.Status != 429 {
		t.Fatalf("status %d, want 429", r.Status)
	}
	if n := s.Sandbox.Faults().Counts()["GET /csum-admin/v1/spaces/{spaceKey}/groups"+faults.SuffixRateLimited]; n != 1 {
		t.Errorf("faulted app request counted as %v", s.Sandbox.Faults().Counts())
	}
}

func TestRoleRoutesAreCounted(t *testing.T) {
	s := acctest.StartSandbox(t)
	eng, _ := s.Sandbox.Store().Space("ENG")
	assignments := "/wiki/api/v2/spaces/" + strconv.FormatInt(eng.ID, 10) + "/role-assignments"
	viewer := s.Sandbox.Store().SpaceRoles()[3].ID
	for _, call := range []struct{ method, path string }{
		{"GET", "/wiki/api/v2/space-role-mode"},
		{"GET", "/wiki/api/v2/space-roles"},
		{"GET", "/wiki/api/v2/space-roles/" + viewer},
		{"GET", assignments},
		{"POST", assignments},
	} {
		var body any
		if call.method == "POST" {
			body = []any{}
		}
		if r := s.Call(t, acctest.Admin, call.method, call.path, body); r.Status != 200 {
			t.Fatalf("%s %s = %d %s", call.method, call.path, r.Status, r.Body)
		}
	}
	want := map[string]int64{
		"GET /wiki/api/v2/space-role-mode":               1,
		"GET /wiki/api/v2/space-roles":                   1,
		"GET /wiki/api/v2/space-roles/{id}":              1,
		"GET /wiki/api/v2/spaces/{id}/role-assignments":  1,
		"POST /wiki/api/v2/spaces/{id}/role-assignments": 1,
	}
	if got := s.Sandbox.Faults().Counts(); !maps.Equal(got, want) {
		t.Errorf("counts = %v, want %v", got, want)
	}
	s.Sandbox.Faults().Set(faults.Config{RateLimitEvery: 1})
	if r := s.Call(t, acctest.Admin, "POST", assignments, []any{}); r.Status != 429 {
		t.Fatalf("status %d, want 429", r.Status)
	}
	if n := s.Sandbox.Faults().Counts()["POST /wiki/api/v2/spaces/{id}/role-assignments"+faults.SuffixRateLimited]; n != 1 {
		t.Errorf("faulted role write counted as %v", s.Sandbox.Faults().Counts())
	}
}

func TestSpaceRoleModeControl(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := acctest.StartSandbox(t, acctest.WithStatePath(path), acctest.WithFaults(faults.Config{UnavailableEvery: 1}))
	mode := func() string {
		return s.Call(t, acctest.Nobody, "GET", "/_sandbox/space-role-mode", nil).JSON(t)["mode"].(string)
	}
	if got := mode(); got != confluence.RoleModeRoles {
		t.Fatalf("mode = %s", got)
	}
	tests := []struct {
		name   string
		method string
		body   any
		status int
		mode   string
	}{
		{"to the transition", "PUT", map[string]string{"mode": "ROLES_TRANSITION"}, 200, "ROLES_TRANSITION"},
		{"back to pre-roles", "PUT", map[string]string{"mode": "PRE_ROLES"}, 200, "PRE_ROLES"},
		{"unknown mode", "PUT", map[string]string{"mode": "SOMETIMES"}, 400, "PRE_ROLES"},
		{"no mode", "PUT", map[string]string{}, 400, "PRE_ROLES"},
		{"not JSON", "PUT", "{", 400, "PRE_ROLES"},
		{"no such method", "DELETE", nil, 405, "PRE_ROLES"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Call(t, acctest.Nobody, tc.method, "/_sandbox/space-role-mode", tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if tc.status == 400 && r.JSON(t)["error"] == nil {
				t.Errorf("not the control error envelope: %s", r.Body)
			}
			if got := s.Sandbox.Store().SpaceRoleMode(); got != tc.mode {
				t.Errorf("mode = %s, want %s", got, tc.mode)
			}
		})
	}
	// Neither faulted (every request would be a 503) nor counted, and saved at once.
	if counts := s.Sandbox.Faults().Counts(); len(counts) != 0 {
		t.Errorf("counts = %v", counts)
	}
	saved, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(saved), `"spaceRoleMode": "PRE_ROLES"`) {
		t.Errorf("state file does not hold the new mode (%v)", err)
	}
}

// The organization Admin API is mounted at /admin as on api.atlassian.com, counted per endpoint and faulted
// like the other APIs.
func TestAdminRequestsAreCountedAndFaulted(t *testing.T) {
	s := acctest.StartSandbox(t)
	key := func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+s.Sandbox.AdminAPIKey()) }
	org := s.Sandbox.OrgID()
	search := sandbox.AdminPrefix + "/v2/orgs/" + org + "/directories/-/users/search"
	for _, path := range []string{"/v1/orgs", "/v2/orgs/" + org + "/directories"} {
		if r := s.Send(t, key, "GET", sandbox.AdminPrefix+path, nil); r.Status != 200 {
			t.Fatalf("GET %s = %d %s", path, r.Status, r.Body)
		}
	}
	r := s.Send(t, key, "POST", search, map[string]any{"limit": 100, "expand": []string{"productAccess"}})
	if r.Status != 200 {
		t.Fatalf("search = %d %s", r.Status, r.Body)
	}
	if users := r.JSON(t)["data"].([]any); len(users) != len(s.Seed.Org.Users) {
		t.Errorf("the search found %d users, the seed has %d", len(users), len(s.Seed.Org.Users))
	}
	s.Sandbox.Faults().Set(faults.Config{RateLimitEvery: 1})
	if r := s.Send(t, key, "POST", search, map[string]any{}); r.Status != 429 || r.Header.Get("X-RateLimit-Reset") == "" {
		t.Fatalf("status %d, want 429 with X-RateLimit-Reset", r.Status)
	}
	const route = "POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search"
	want := map[string]int64{
		"GET /admin/v1/orgs":                     1,
		"GET /admin/v2/orgs/{orgId}/directories": 1,
		route:                                    1,
		route + faults.SuffixRateLimited:         1,
	}
	if got := s.Sandbox.Faults().Counts(); !maps.Equal(got, want) {
		t.Errorf("counts = %v, want %v", got, want)
	}
}
