package sandbox

import (
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

func TestAppRequestsAreCountedByRoute(t *testing.T) {
	s := startSandbox(t, Options{})
	for _, path := range []string{"/csum-admin/v1/spaces/ENG/groups", "/csum-admin/v1/spaces/OPS/groups", "/csum-admin/v1/settings"} {
		call(t, s, asNobody, "GET", path, nil)
	}
	counts := s.Faults().Counts()
	if counts["GET /csum-admin/v1/spaces/{spaceKey}/groups"] != 2 || counts["GET /csum-admin/v1/settings"] != 1 || len(counts) != 2 {
		t.Errorf("counts = %v", counts)
	}
}
