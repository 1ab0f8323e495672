package sandbox

import (
	"maps"
	"net/http"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

func TestFaultsAndCountsAreWired(t *testing.T) {
	s := startSandbox(t, Options{Faults: faults.Config{RateLimitEvery: 2}})
	path := "/wiki/rest/api/group/" + groupID(t, s, "ops-oncall") + "/membersByGroupId"
	first, second := call(t, s, asAdmin, "GET", path, nil), call(t, s, asAdmin, "GET", path, nil)
	if first.status != 200 || second.status != 429 || second.header.Get("Retry-After") == "" {
		t.Fatalf("statuses %d, %d (Retry-After %q)", first.status, second.status, second.header.Get("Retry-After"))
	}
	counts := s.Faults().Counts()
	const route = "GET /wiki/rest/api/group/{groupId}/membersByGroupId"
	if counts[route] != 1 || counts[route+faults.SuffixRateLimited] != 1 {
		t.Errorf("counts = %v", counts)
	}
	// The control endpoints sit outside the faults.
	s.Faults().Set(faults.Config{UnavailableEvery: 1})
	if r := call(t, s, asNobody, "GET", "/_sandbox/counts", nil); r.status != 200 {
		t.Errorf("control endpoint = %d", r.status)
	}
	if r := call(t, s, asAdmin, "GET", "/wiki/rest/api/user/current", nil); r.status != 503 {
		t.Errorf("UnavailableEvery=1 gave %d", r.status)
	}
}

func TestAppRequestsAreCountedPerEndpoint(t *testing.T) {
	s := startSandbox(t, Options{})
	key := func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+s.AppAPIKey()) }
	for _, path := range []string{"/v1/settings", "/v1/settings", "/v1/spaces/ENG/groups", "/v1/spaces/OPS/groups", "/v1/status"} {
		if r := send(t, s, key, "GET", AppPrefix+path, nil); r.status != 200 {
			t.Fatalf("GET %s = %d %s", path, r.status, r.body)
		}
	}
	want := map[string]int64{
		"GET /csum-admin/v1/settings":                 2,
		"GET /csum-admin/v1/spaces/{spaceKey}/groups": 2,
		"GET /csum-admin/v1/status":                   1,
	}
	if got := s.Faults().Counts(); !maps.Equal(got, want) {
		t.Errorf("counts = %v, want %v", got, want)
	}
	// A request the injector answers itself is named the same way.
	s.Faults().Set(faults.Config{RateLimitEvery: 1})
	if r := send(t, s, key, "GET", AppPrefix+"/v1/spaces/MKT/groups", nil); r.status != 429 {
		t.Fatalf("status %d, want 429", r.status)
	}
	if n := s.Faults().Counts()["GET /csum-admin/v1/spaces/{spaceKey}/groups"+faults.SuffixRateLimited]; n != 1 {
		t.Errorf("faulted app request counted as %v", s.Faults().Counts())
	}
}
