package bench

import (
	"context"
	"fmt"

	"github.com/csum-tools/terraform-provider-csum/internal/adminapi"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// routeUserSearch is the Admin API's users search in the sandbox's counts.
const routeUserSearch = "POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search"

// orgUsersConfig reads every user of the organization with csum_org_users, measured against the usual
// thresholds; the provider is configured from the CSUM_* environment variables.
func orgUsersConfig() map[string]any {
	return map[string]any{
		"terraform": map[string]any{"required_providers": map[string]any{"csum": map[string]any{"source": "csum-tools/csum"}}},
		"data": map[string]any{"csum_org_users": map[string]any{"all": map[string]any{
			"product": "confluence", "warning_after_days": 60,
		}}},
	}
}

// 7. Read 50,000 organization users with their product access (a plan that reads the data source).
func readOrgUsers(ctx context.Context, tools Tools) ([]Row, error) {
	const users = 50_000
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: users - 1}) // and the admin
	w, err := newWorkspace(tools, "org-users-50k", seed)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	if err := w.writeConfig(orgUsersConfig()); err != nil {
		return nil, err
	}
	w.setFaults(faults.Config{Latency: latency})
	s, err := w.planNoChanges(ctx)
	if err != nil {
		return nil, err
	}
	pages := s.Counts[routeUserSearch]
	others := total(s.Counts) - pages
	wantPages := int64((users + adminapi.PageSize - 1) / adminapi.PageSize)
	return []Row{{
		Scenario: "11. read 50,000 organization users with product access (plan)", Requests: s.Counts,
		Minimum: fmt.Sprintf("%d search pages (50,000 / %d)", wantPages, adminapi.PageSize), Wall: s.Wall, PeakRSS: s.PeakRSS,
		Measured: fmt.Sprintf("%d search pages + %d other; %s peak", pages, others, formatBytes(s.PeakRSS)),
		Target:   fmt.Sprintf("%d pages + at most 2 other; under 200 MB", wantPages),
		Pass:     pages == wantPages && others <= 2 && s.PeakRSS > 0 && s.PeakRSS < memoryLimit,
	}}, nil
}
