package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// queryCLI skips a test on a CLI older than Terraform 1.14, which has neither list resources nor
// `terraform query` (OpenTofu has neither either).
var queryCLI = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

// byGroup filters the results of a query down to the one of a group.
func byGroup(t *testing.T, env *acctest.Env, spaceKey, groupName string) queryfilter.QueryFilter {
	return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
		"space_key": knownvalue.StringExact(spaceKey), "group_id": knownvalue.StringExact(env.GroupID(t, groupName)),
	})
}

// `terraform query` lists both resources with the identity, display name and, with include_resource, the
// state that import gives; space_keys narrows the listing, and limit caps it. An unknown space key is an
// error that names it, and an empty space_keys is refused before anything is read (omit it for every space).
func TestAccListResourceQuery(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	writers := env.Sandbox.Store().Members(env.GroupID(t, "ops-oncall"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		TerraformVersionChecks:   queryCLI,
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock()},
			{
				Query: true,
				Config: `
list "csum_space_group" "all" {
  provider = csum
}

list "csum_space_group" "capped" {
  provider = csum
  limit    = 2
}

list "csum_space_group_membership" "ops" {
  provider         = csum
  include_resource = true
  config {
    space_keys = ["OPS"]
  }
}`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("csum_space_group.all", len(seededGroups)),
					querycheck.ExpectLength("csum_space_group.capped", 2),
					querycheck.ExpectLength("csum_space_group_membership.ops", 2),
					querycheck.ExpectIdentity("csum_space_group.all", map[string]knownvalue.Check{
						"space_key": knownvalue.StringExact("MKT"), "group_id": knownvalue.StringExact(env.GroupID(t, "mkt-editors")),
					}),
					querycheck.ExpectResourceDisplayName("csum_space_group.all", byGroup(t, env, "ENG", "eng-writers"),
						knownvalue.StringExact("ENG / eng-writers")),
					querycheck.ExpectResourceKnownValues("csum_space_group_membership.ops", byGroup(t, env, "OPS", "ops-oncall"),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("group_name"), KnownValue: knownvalue.StringExact("ops-oncall")},
							{Path: tfjsonpath.New("members"), KnownValue: knownvalue.MapExact(labelChecks(t, env, writers))},
						}),
				},
			},
			{
				Query: true,
				Config: `
list "csum_space_group" "typo" {
  provider = csum
  config {
    space_keys = ["ENG", "NOPE"]
  }
}`,
				ExpectError: regexp.MustCompile(`No space with the key NOPE, or the caller cannot see it`),
			},
			{
				Query: true,
				Config: `
list "csum_space_group" "none" {
  provider = csum
  config {
    space_keys = []
  }
}`,
				ExpectError: regexp.MustCompile(`Attribute space_keys list must contain at least 1 elements`),
			},
		},
	})
}

// labelChecks are the members of a group as import labels them: each account with its display name.
func labelChecks(t *testing.T, env *acctest.Env, ids []string) map[string]knownvalue.Check {
	t.Helper()
	out := map[string]knownvalue.Check{}
	for id, name := range displayNames(t, env.Sandbox.Store(), ids) {
		out[id] = knownvalue.StringExact(name)
	}
	return out
}

// `terraform query -generate-config-out` over the query file of the guide "Adopting an existing site"
// (examples/guides/adopting/query) writes a resource block and an import block for every space group and
// membership of the site; applying them imports everything and changes nothing, and the plan after is
// empty: on a site that grants access with roles and on one that grants individual permissions.
func TestAccListResourceQuery_generateConfig(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{sandboxconfluence.RoleModeRoles, sandboxconfluence.RoleModePreRoles} {
		t.Run(mode, func(t *testing.T) {
			env := acctest.Start(t, acctest.WithSpaceRoleMode(mode))
			cli := newTFCLI(t, env, "")
			skipBelowQuery(t, cli)
			cli.writeQuery(readExample(t, "guides", "adopting", "query", "discover.tfquery.hcl"))
			cli.mustRun("query", "-no-color", "-generate-config-out=generated.tf")
			generated, err := os.ReadFile(filepath.Join(cli.dir, "generated.tf"))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{`resource "csum_space_group" "site_6"`, `resource "csum_space_group_membership" "site_6"`, `name        = "oncall"`} {
				if !strings.Contains(string(generated), want) {
					t.Fatalf("the generated configuration has no %s:\n%s", want, generated)
				}
			}
			before := siteSnapshot(env.Sandbox)
			env.Sandbox.Faults().ResetCounts()
			out := cli.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
			want := fmt.Sprintf("Apply complete! Resources: %d imported, 0 added, 0 changed, 0 destroyed.", 2*len(seededGroups))
			if !strings.Contains(out, want) {
				t.Fatalf("the apply of the generated configuration did not say %q:\n%s", want, out)
			}
			expectOnlyChanges(t, before, env.Sandbox, func(string) bool { return false })
			if writes := writeCounts(env.Sandbox.Faults()); len(writes) > 0 {
				t.Errorf("importing the generated configuration wrote %v", writes)
			}
			cli.expectNoChanges()
		})
	}
}

// Terraform shows the warning of the last result when the limit cut a listing short, naming the list block,
// and no warning when every group fits.
func TestAccListResourceQuery_limitWarning(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	cli := newTFCLI(t, env, "")
	skipBelowQuery(t, cli)
	cli.writeQuery(fmt.Sprintf(`
list "csum_space_group" "capped" {
  provider = csum
  limit    = 2
}

list "csum_space_group" "whole" {
  provider = csum
  limit    = %d
}`, len(seededGroups)))
	out := cli.mustRun("query", "-no-color")
	if n := strings.Count(out, "list.csum_space_group.capped "); n != 2 {
		t.Errorf("%d results of the capped list, want 2:\n%s", n, out)
	}
	warning := regexp.MustCompile(`Warning: The listing stopped at its limit\s+with list\.csum_space_group\.capped,[\s\S]*returns at most 2 results`)
	if !warning.MatchString(out) || strings.Count(out, "Warning: The listing stopped") != 1 {
		t.Errorf("want one limit warning, on the capped list:\n%s", out)
	}
}
