package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/legacy"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// memoryLimit is the target for the provider's peak resident memory: 200 MB.
const memoryLimit = 200_000_000

// 7. Refresh of 100,000 memberships in total (100 groups of 1,000 members).
func refreshManyMemberships(ctx context.Context, tools Tools) ([]Row, error) {
	const groups, members = 100, 1000
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 5000, Spaces: groups, GroupsPerSpace: 1, MembersPerGroup: members})
	w, setup, err := seededWorkspace(ctx, tools, "memory-100k", seed)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	s, err := w.planNoChanges(ctx)
	if err != nil {
		return nil, err
	}
	pages := int64(groups * memberPages(members))
	return []Row{{
		Scenario: "7. refresh 100,000 memberships (100 x 1,000, plan)", Requests: s.Counts,
		Minimum: fmt.Sprintf("%d member pages + 100 space lookups", pages), Wall: s.Wall, PeakRSS: s.PeakRSS,
		Measured: fmt.Sprintf("%s peak (the import of them: %s)", formatBytes(s.PeakRSS), formatBytes(setup.PeakRSS)),
		Target:   "under 200 MB",
		Pass:     s.PeakRSS > 0 && s.PeakRSS < memoryLimit && setup.PeakRSS < memoryLimit,
	}}, nil
}

// 8. Reading a 10 MiB legacy export: the file read and parsed as the csum_legacy_export data source and
// the legacy_export function do, timed in this process (the median of several reads).
func readLegacyExport(_ context.Context, tools Tools) ([]Row, error) {
	path := filepath.Join(tools.WorkDir, "legacy-10mib.json")
	if err := os.WriteFile(path, legacyExport(legacy.MaxSize-4096), 0o644); err != nil {
		return nil, err
	}
	const reads = 7
	times := make([]time.Duration, 0, reads)
	var schemes int
	for range reads {
		started := time.Now()
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		res, err := legacy.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("reading the generated export: %w", err)
		}
		times = append(times, time.Since(started))
		schemes = len(res.PermissionSchemes.Users) + len(res.PermissionSchemes.Groups)
	}
	slices.Sort(times)
	median := times[reads/2]
	return []Row{{
		Scenario: "8. read a 10 MiB legacy export", Minimum: "-", Wall: median,
		Measured: fmt.Sprintf("median %s of %d reads (fastest %s), %d schemes", formatDuration(median), reads,
			formatDuration(times[0]), schemes),
		Target: "under 200 ms", Pass: median < 200*time.Millisecond,
	}}, nil
}

// legacyExport builds a legacy format 1 export of about size bytes, mostly user and group schemes written in
// the untidy forms the deprecated app produced.
func legacyExport(size int) []byte {
	var b strings.Builder
	b.Grow(size + 1024)
	b.WriteString(`{"exportVersion": 1, "appKey": "csum-cloud-legacy", "globalSettings": {"groupPrefix": "${SPACEKEY}-", ` +
		`"maxUserIdsPerAction": " 100 ", "groupBlocklist": "a, b, ,c", "userGroupFilter": null, ` +
		`"disabledUserVisibility": "showFlagged"}, "permissions": {"defaultSpaceAdmin": {"createGroup": "yes"}, ` +
		`"groupSchemes": {`)
	for i := range 1000 {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"%08x-0b7d-4c1e-9a51-2f0e9c3d7a10": {"editSpacePermissions": "on", "addUsers": true}`, i)
	}
	b.WriteString(`}, "userSchemes": {`)
	for i := 0; b.Len() < size-200; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"557058:%08x-4b5a-6978-8a9b-0c1d2e3f4a5b": {"createGroup": "Yes", "deleteGroup": false, "removeUsers": "off"}`, i)
	}
	b.WriteString(`}}, "privilegedUser": {"email": "bot@example.com"}}`)
	return []byte(b.String())
}
