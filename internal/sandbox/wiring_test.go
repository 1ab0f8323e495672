package sandbox_test

import (
	"maps"
	"net/http"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
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
