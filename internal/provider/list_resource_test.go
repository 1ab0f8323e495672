package provider_test

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// These tests call the list resources over the protocol, as Terraform 1.14+ does for `terraform query`, with
// no CLI, so they run on every machine. Each listing gets a provider of its own, as every Terraform command
// starts the provider afresh, so that the sandbox's request counts are those of one query.

const (
	spaceGroupType = "csum_space_group"
	membershipType = "csum_space_group_membership"

	routeSpaces      = "GET /wiki/api/v2/spaces"
	routeAppGroups   = "GET /csum-admin/v1/spaces/{spaceKey}/groups"
	routeSiteGroups  = "GET /wiki/rest/api/group"
	routeMembers     = "GET /wiki/rest/api/group/{groupId}/membersByGroupId"
	routeMode        = "GET /wiki/api/v2/space-role-mode"
	routeRoles       = "GET /wiki/api/v2/spaces/{id}/role-assignments"
	routePermissions = "GET /wiki/api/v2/spaces/{id}/permissions"
)

// seededGroups are the space groups of the demo seed, as a listing of every space gives them.
var seededGroups = []string{
	"ENG / eng-leads", "ENG / eng-readers", "ENG / eng-writers", "MKT / mkt-editors", "MKT / mkt-readers",
	"OPS / ops-oncall", "OPS / ops-readers",
}

// listing lists typeName once with a provider of its own and returns the results and the requests it made.
func listing(t *testing.T, env *acctest.Env, typeName string, keys []string, includeResource bool, limit int64) ([]listed, map[string]int64) {
	t.Helper()
	c := newListClient(t, env, false)
	env.Sandbox.Faults().ResetCounts()
	return c.list(typeName, keys, includeResource, limit), env.Sandbox.Faults().Counts()
}

func expectRequests(t *testing.T, got, want map[string]int64) {
	t.Helper()
	if !maps.Equal(got, want) {
		t.Errorf("requests by route:\n got %v\nwant %v", got, want)
	}
}

func expectNoDiagnostics(t *testing.T, results []listed) {
	t.Helper()
	if text := diagnosticText(results); text != "" {
		t.Errorf("unexpected diagnostics:\n%s", text)
	}
}

// Without include_resource, a listing of every space reads the spaces in one request and each space's
// groups as the app lists them, and nothing else: no member, no access. Every result carries the identity
// the managed resource has, and its display name.
func TestListResource_resultsAndIdentities(t *testing.T) {
	t.Parallel()
	env := acctest.StartSandbox(t)
	for _, typeName := range []string{spaceGroupType, membershipType} {
		t.Run(typeName, func(t *testing.T) {
			results, requests := listing(t, env, typeName, nil, false, 100)
			expectNoDiagnostics(t, results)
			if got := resultNames(results); !slices.Equal(got, seededGroups) {
				t.Fatalf("results %q, want %q", got, seededGroups)
			}
			for _, r := range results {
				spaceKey, groupName, _ := strings.Cut(r.DisplayName, " / ")
				want := map[string]string{"space_key": spaceKey, "group_id": env.GroupID(t, groupName)}
				if !maps.Equal(r.Identity, want) {
					t.Errorf("%s: identity %v, want %v", r.DisplayName, r.Identity, want)
				}
				if r.State != nil {
					t.Errorf("%s: a resource without include_resource", r.DisplayName)
				}
			}
			expectRequests(t, requests, map[string]int64{routeSpaces: 1, routeAppGroups: 3})
		})
	}
	t.Run("some spaces", func(t *testing.T) {
		results, requests := listing(t, env, membershipType, []string{"OPS", "ENG", "OPS"}, false, 100)
		expectNoDiagnostics(t, results)
		want := []string{"ENG / eng-leads", "ENG / eng-readers", "ENG / eng-writers", "OPS / ops-oncall", "OPS / ops-readers"}
		if got := resultNames(results); !slices.Equal(got, want) {
			t.Errorf("results %q, want %q", got, want)
		}
		expectRequests(t, requests, map[string]int64{routeSpaces: 1, routeAppGroups: 2})
	})
}

// With include_resource, each result carries exactly the state that importing its identity and refreshing
// records, on a site in each space access mode; the listing adds only what that state needs: the site's
// mode once and each space's access once for csum_space_group (the pattern that gives a group's name within
// its space comes with the space's groups), each group's member pages for csum_space_group_membership.
func TestListResource_includeResource(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{sandboxconfluence.RoleModeRoles, sandboxconfluence.RoleModePreRoles} {
		t.Run(mode, func(t *testing.T) {
			env := acctest.StartSandbox(t, acctest.WithSpaceRoleMode(mode))
			access := map[string]int64{routeRoles: 3}
			if mode == sandboxconfluence.RoleModePreRoles {
				access = map[string]int64{routePermissions: 3}
			}
			want := map[string]map[string]int64{
				spaceGroupType: {routeSpaces: 1, routeAppGroups: 3, routeMode: 1},
				membershipType: {routeSpaces: 1, routeAppGroups: 3, routeMembers: int64(len(seededGroups))},
			}
			maps.Copy(want[spaceGroupType], access)
			for _, typeName := range []string{spaceGroupType, membershipType} {
				t.Run(typeName, func(t *testing.T) {
					results, requests := listing(t, env, typeName, nil, true, 100)
					expectNoDiagnostics(t, results)
					expectRequests(t, requests, want[typeName])
					if got := resultNames(results); !slices.Equal(got, seededGroups) {
						t.Fatalf("results %q, want %q", got, seededGroups)
					}
					importer := newListClient(t, env, false)
					for _, r := range results {
						if imported := importer.imported(typeName, r.Identity); !maps.EqualFunc(r.State, imported, tfValuesEqual) {
							t.Errorf("%s: listed state\n%v\ndiffers from the imported one\n%v", r.DisplayName, r.State, imported)
						}
					}
					expectAccessOrMembers(t, env, mode, typeName, results)
				})
			}
		})
	}
}

// expectAccessOrMembers checks a few values against the sandbox, so that the comparison with import cannot
// pass with both wrong: the role or permissions of a space group, the labelled members of a membership.
func expectAccessOrMembers(t *testing.T, env *acctest.Env, mode, typeName string, results []listed) {
	t.Helper()
	writers := results[slices.Index(resultNames(results), "ENG / eng-writers")].State
	if typeName == membershipType {
		// Confluence leaves deactivated accounts out of a group's member list, and so does import.
		store := env.Sandbox.Store()
		active := slices.DeleteFunc(store.Members(env.GroupID(t, "eng-writers")), func(id string) bool {
			u, _ := store.User(id)
			return !u.Active
		})
		want := displayNames(t, store, active)
		if got := mapAttr(t, writers, "members"); len(want) == 0 || !maps.Equal(got, want) {
			t.Errorf("members of eng-writers %v, want %v", got, want)
		}
		return
	}
	if got := stringAttr(t, writers, "name"); got != "writers" {
		t.Errorf("name %q, want writers", got)
	}
	role, perms := stringAttr(t, writers, "role_id"), setAttr(t, writers, "permissions")
	if mode == sandboxconfluence.RoleModePreRoles {
		if role != "" || !slices.Contains(perms, "create/page") {
			t.Errorf("eng-writers: role %q and permissions %v, want create/page and no role", role, perms)
		}
		return
	}
	roles := env.Sandbox.Store().SpaceRoles()
	i := slices.IndexFunc(roles, func(r sandboxconfluence.SpaceRole) bool { return r.Name == "Collaborator" })
	if i < 0 {
		t.Fatal("the sandbox has no Collaborator role")
	}
	collaborator := roles[i]
	if role != collaborator.ID || len(perms) != 0 {
		t.Errorf("eng-writers: role %q and permissions %v, want role %s alone", role, perms, collaborator.ID)
	}
}

// A listing stops at its limit, reads no member of a group beyond it, and says on its last result that the
// limit cut it short, but only when it did.
func TestListResource_limit(t *testing.T) {
	t.Parallel()
	env := acctest.StartSandbox(t)
	limitWarning := regexp.MustCompile(`(?s)^warning: The listing stopped at its limit: This list block returns at most 2 results.*The spaces have more space groups than that`)
	t.Run("within a space", func(t *testing.T) {
		results, requests := listing(t, env, membershipType, nil, true, 2)
		if got := resultNames(results); !slices.Equal(got, seededGroups[:2]) {
			t.Fatalf("results %q, want the first two", got)
		}
		if text := diagnosticText(results[:1]); text != "" {
			t.Errorf("diagnostics before the last result: %s", text)
		}
		if text := diagnosticText(results[1:]); !limitWarning.MatchString(strings.TrimSpace(text)) {
			t.Errorf("the last result says %q, want the limit warning", text)
		}
		expectRequests(t, requests, map[string]int64{routeSpaces: 1, routeAppGroups: 1, routeMembers: 2})
	})
	t.Run("at the end of a space", func(t *testing.T) {
		results, requests := listing(t, env, spaceGroupType, nil, false, 3)
		if len(results) != 3 || !strings.Contains(diagnosticText(results), "at most 3 results") {
			t.Errorf("results %q with %q, want three and the limit warning", resultNames(results), diagnosticText(results))
		}
		// The next space's groups tell whether there are more.
		expectRequests(t, requests, map[string]int64{routeSpaces: 1, routeAppGroups: 2})
	})
	t.Run("exactly every group", func(t *testing.T) {
		results, _ := listing(t, env, spaceGroupType, nil, false, int64(len(seededGroups)))
		expectNoDiagnostics(t, results)
		if len(results) != len(seededGroups) {
			t.Errorf("%d results, want %d", len(results), len(seededGroups))
		}
	})
	t.Run("zero", func(t *testing.T) {
		results, requests := listing(t, env, membershipType, nil, true, 0)
		if len(results) != 0 {
			t.Errorf("results %q with a limit of 0", resultNames(results))
		}
		expectRequests(t, requests, map[string]int64{})
	})
}

// Keys of spaces that do not exist, or that the caller cannot see, end the listing with one error that
// names them all, before any group is read.
func TestListResource_unknownSpaces(t *testing.T) {
	t.Parallel()
	env := acctest.StartSandbox(t)
	if _, err := env.Sandbox.Store().AddSpace(sandboxconfluence.Space{Key: "HIDDEN"}); err != nil { // no permission for anyone
		t.Fatal(err)
	}
	results, requests := listing(t, env, membershipType, []string{"ENG", "NOPE", "HIDDEN"}, true, 100)
	if len(results) != 1 || !results[0].hasError() || results[0].Identity != nil {
		t.Fatalf("results %+v, want one error", results)
	}
	want := "error: Could not list the space groups: No spaces with the keys HIDDEN, NOPE, or the caller cannot see them."
	if text := strings.TrimSpace(diagnosticText(results)); text != want {
		t.Errorf("the error says %q", text)
	}
	expectRequests(t, requests, map[string]int64{routeSpaces: 1})
}

// A site without spaces gives an empty listing, with no error.
func TestListResource_emptySite(t *testing.T) {
	t.Parallel()
	seed := sandbox.DemoSeed()
	seed.Spaces = nil
	env := acctest.StartSandbox(t, acctest.WithSeed(seed))
	for _, typeName := range []string{spaceGroupType, membershipType} {
		results, requests := listing(t, env, typeName, nil, true, 100)
		if len(results) != 0 {
			t.Errorf("%s: results %+v on an empty site", typeName, results)
		}
		expectRequests(t, requests, map[string]int64{routeSpaces: 1})
	}
}

// Without the app, the provider lists every group of the site once, whatever the number of spaces, finds
// the spaces' groups by the app's default pattern, and says so on the first result.
func TestListResource_withoutTheApp(t *testing.T) {
	t.Parallel()
	env := acctest.StartSandbox(t)
	c := newListClient(t, env, true)
	env.Sandbox.Faults().ResetCounts()
	results := c.list(spaceGroupType, nil, false, 100)
	if got := resultNames(results); !slices.Equal(got, seededGroups) {
		t.Fatalf("results %q, want %q", got, seededGroups)
	}
	if text := diagnosticText(results[:1]); !strings.Contains(text, "warning: Assuming the default space group pattern") {
		t.Errorf("the first result says %q, want the default pattern warning", text)
	}
	if text := diagnosticText(results[1:]); text != "" {
		t.Errorf("diagnostics after the first result: %s", text)
	}
	expectRequests(t, env.Sandbox.Faults().Counts(), map[string]int64{routeSpaces: 1, routeSiteGroups: 1})
}

// A request that fails halfway through ends the stream with a result that carries the error, after the
// results read before it: Terraform shows the error, and nothing is silently left out.
func TestListResource_faultMidStream(t *testing.T) {
	t.Parallel()
	env := acctest.StartSandbox(t)
	t.Run("a space's groups", func(t *testing.T) {
		env.Sandbox.Faults().Set(faults.Config{UnavailableEvery: 1, Only: `^GET /csum-admin/v1/spaces/MKT/groups$`})
		defer env.Sandbox.Faults().Set(faults.Config{})
		results, _ := listing(t, env, spaceGroupType, nil, false, 100)
		expectErrorAfter(t, results, seededGroups[:3], "listing the groups of space MKT in the CSUM app")
	})
	t.Run("a group's members", func(t *testing.T) {
		env.Sandbox.Faults().Set(faults.Config{UnavailableEvery: 1, Only: "^GET .*/group/" + env.GroupID(t, "mkt-editors") + "/membersByGroupId$"})
		defer env.Sandbox.Faults().Set(faults.Config{})
		results, _ := listing(t, env, membershipType, nil, true, 100)
		expectErrorAfter(t, results, seededGroups[:3], `Group "mkt-editors"`)
	})
}

// expectErrorAfter fails unless results are those named, with no diagnostic, then one result that carries
// only an error containing detail.
func expectErrorAfter(t *testing.T, results []listed, before []string, detail string) {
	t.Helper()
	if len(results) != len(before)+1 {
		t.Fatalf("results %q, want %q and an error", resultNames(results), before)
	}
	expectNoDiagnostics(t, results[:len(before)])
	if got := resultNames(results[:len(before)]); !slices.Equal(got, before) {
		t.Errorf("results %q, want %q", got, before)
	}
	last := results[len(before)]
	if len(last.Diagnostics) != 1 || last.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError ||
		!strings.Contains(strings.ToLower(last.Diagnostics[0].Detail), strings.ToLower(detail)) {
		t.Errorf("the last result carries %q, want an error about %q", diagnosticText([]listed{last}), detail)
	}
}
