package provider_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// siteSnapshot is everything the sandbox holds as comparable facts, keyed by what they describe (each
// group, member, space permission, role assignment and field of the app's documents; see
// sandbox.Server.Facts). Comparing two snapshots shows every change, so a test can prove that nothing but
// what it asked for changed.
func siteSnapshot(srv *sandbox.Server) map[string]string { return srv.Facts() }

// unexpectedChanges returns the snapshot keys that differ between before and after and that expected does
// not allow.
func unexpectedChanges(before, after map[string]string, expected func(key string) bool) []string {
	var keys []string
	for k, v := range after {
		if before[k] != v && !expected(k) {
			keys = append(keys, fmt.Sprintf("%s: %q -> %q", k, before[k], v))
		}
	}
	for k, v := range before {
		if _, kept := after[k]; !kept && !expected(k) {
			keys = append(keys, fmt.Sprintf("%s: %q -> gone", k, v))
		}
	}
	slices.Sort(keys)
	return keys
}

// expectOnlyChanges fails the test when the sandbox changed anywhere expected does not allow.
func expectOnlyChanges(t *testing.T, before map[string]string, srv *sandbox.Server, expected func(key string) bool) {
	t.Helper()
	if extra := unexpectedChanges(before, siteSnapshot(srv), expected); len(extra) > 0 {
		t.Errorf("the apply changed what it was not asked to:\n%s", strings.Join(extra, "\n"))
	}
}

// keyMentions allows the snapshot keys that contain any of the given IDs or names.
func keyMentions(ids ...string) func(string) bool {
	return func(key string) bool {
		return slices.ContainsFunc(ids, func(id string) bool { return strings.Contains(key, id) })
	}
}

// writeCounts returns, per write route, how many requests the handler served (a write dropped after it
// was applied included) or a fault answered, keyed by the route plus the fault's suffix. Reads are left out.
func writeCounts(inj *faults.Injector) map[string]int64 {
	out := map[string]int64{}
	for key, n := range inj.Counts() {
		method, route, _ := strings.Cut(key, " ")
		if method == "GET" || method == "HEAD" {
			continue
		}
		out[key] = n
		if rest, ok := strings.CutPrefix(route, appPrefix); ok {
			// The app's writes also add up under one key per method, whatever the document.
			_, suffix, _ := strings.Cut(rest, " ")
			if suffix != "" {
				suffix = " " + suffix
			}
			out[method+" "+appPrefix+suffix] += n
		}
	}
	return out
}
