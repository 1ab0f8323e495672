package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// adminRoutes are the Admin API's request counts, by route.
const (
	routeDirectories = "GET /admin/v2/orgs/{orgId}/directories"
	routeUserSearch  = "POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search"
)

// providerWith is the sandbox's provider block with lines added, or with the lines of the attributes named
// in drop left out, followed by hcl.
func providerWith(env *acctest.Env, add string, drop []string, hcl string) string {
	var kept []string
	for _, line := range strings.Split(env.ProviderBlock(), "\n") {
		name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		if !slices.Contains(drop, name) {
			kept = append(kept, line)
		}
	}
	block := strings.Join(kept, "\n")
	i := strings.LastIndex(block, "}")
	return block[:i] + add + "\n" + block[i:] + hcl
}

// adminRequests counts the requests that reached the Admin API, faulted or not.
func adminRequests(env *acctest.Env) int64 {
	var n int64
	for route, c := range env.Sandbox.Faults().Counts() {
		if strings.Contains(route, " "+sandbox.AdminPrefix+"/") {
			n += c
		}
	}
	return n
}

// namesExactly checks a map of users, keyed by account ID, against the display names of the demo users.
func namesExactly(t *testing.T, env *acctest.Env, names ...string) knownvalue.Check {
	t.Helper()
	checks := map[string]knownvalue.Check{}
	for _, name := range names {
		checks[env.AccountIDNamed(t, name)] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(name)})
	}
	return knownvalue.MapExact(checks)
}

// orgUsersBlock is a csum_org_users data source named name with body.
func orgUsersBlock(name, body string) string {
	return fmt.Sprintf("\ndata \"csum_org_users\" %q {\n%s\n}\n", name, body)
}

// expectDroppedAndServed checks that connections were dropped during the search and that every page of it
// was served in the end, on each read Terraform made.
func expectDroppedAndServed(env *acctest.Env, pages int64) error {
	counts := env.Sandbox.Faults().Counts()
	served, dropped := counts[routeUserSearch], counts[routeUserSearch+faults.SuffixDropped]+counts[routeDirectories+faults.SuffixDropped]
	if dropped == 0 || served < pages || served%pages != 0 {
		return fmt.Errorf("search pages served %d (want a multiple of %d), dropped %d (want some): %v", served, pages, dropped, counts)
	}
	return nil
}

// errorSaying matches a diagnostic that says each part in order, however Terraform wraps its lines.
func errorSaying(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}
