package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/provider"
)

// identityCLI skips a test on a CLI older than Terraform 1.12, which knows no resource identity.
var identityCLI = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}

// identityOf checks a resource's whole identity: the space key given, and the group ID (and account) its
// state records.
func identityOf(address, spaceKey string, withAccount bool) []statecheck.StateCheck {
	want := map[string]knownvalue.Check{"space_key": knownvalue.StringExact(spaceKey), "group_id": knownvalue.NotNull()}
	checks := []statecheck.StateCheck{statecheck.ExpectIdentityValueMatchesState(address, tfjsonpath.New("group_id"))}
	if withAccount {
		want["account_id"] = knownvalue.NotNull()
		checks = append(checks, statecheck.ExpectIdentityValueMatchesState(address, tfjsonpath.New("account_id")))
	}
	return append(checks, statecheck.ExpectIdentity(address, want))
}

// A space group and its membership carry {space_key, group_id} from create on, keep it through a refresh,
// and import from an import block that gives only the identity.
func TestAccSpaceGroupIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	config := env.Config(fmt.Sprintf(`
resource "csum_space_group" "this" {
  space_key = "ENG"
  name      = "identity"
}

resource "csum_space_group_membership" "this" {
  space_key = "ENG"
  group_id  = csum_space_group.this.group_id
  members   = %s
}`, hclLabels(map[string]string{env.AccountID(t, maya): "Maya Mehta"}))) // import labels members by display name
	membershipAddr := "csum_space_group_membership.this"
	afterApply := append(identityOf(spaceGroupAddr, "ENG", false), identityOf(membershipAddr, "ENG", false)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		TerraformVersionChecks:   identityCLI,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: afterApply},
			{RefreshState: true},
			{
				Config:            config,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: afterApply,
			},
			{ResourceName: spaceGroupAddr, Config: config, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			{ResourceName: membershipAddr, Config: config, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			// The import ID strings keep working beside the identity.
			{ResourceName: membershipAddr, Config: config, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		},
	})
}

// One account in a space group carries {space_key, group_id, account_id}.
func TestAccSpaceGroupMemberIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	config := env.Config(memberConfig("OPS", "ops-oncall", env.AccountID(t, maya)))
	afterApply := identityOf(memberAddr, "OPS", true)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		TerraformVersionChecks:   identityCLI,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: append(afterApply,
				statecheck.ExpectIdentityValue(memberAddr, tfjsonpath.New("group_id"), knownvalue.StringExact(env.GroupID(t, "ops-oncall"))))},
			{RefreshState: true},
			{Config: config, ConfigStateChecks: afterApply},
			{ResourceName: memberAddr, Config: config, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// An identity must name a group of its space: one of another space is refused, as its import ID would be.
func TestAccSpaceGroupIdentity_otherSpace(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		TerraformVersionChecks:   identityCLI,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "csum_space_group" "this" {
  space_key = "ENG"
  name      = "oncall"
}

import {
  to       = csum_space_group.this
  identity = { space_key = "ENG", group_id = %q }
}`, env.GroupID(t, "ops-oncall"))),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`does not belong to the space`),
		}},
	})
}

var importBlockIdentity = regexp.MustCompile(`(?m)^\s*([a-z_]+)\s*=\s*"[^"]*"\s*$`)

// Each identity import example imports into the address of the resource's other import examples and names
// exactly the attributes of its identity schema.
func TestExampleIdentityImports(t *testing.T) {
	ctx := context.Background()
	for _, newResource := range provider.New("test")().Resources(ctx) {
		r, ok := newResource().(fwresource.ResourceWithIdentity)
		if !ok {
			continue
		}
		var meta fwresource.MetadataResponse
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "csum"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			var schema fwresource.IdentitySchemaResponse
			r.IdentitySchema(ctx, fwresource.IdentitySchemaRequest{}, &schema)
			block := readExample(t, "resources", meta.TypeName, "import-by-identity.tf")
			if to := importBlockTo.FindStringSubmatch(block); to == nil || to[1] != parseImportExample(t, meta.TypeName).address {
				t.Errorf("import-by-identity.tf imports into %v, not the address of import-by-string-id.tf", to)
			}
			var named []string
			for _, m := range importBlockIdentity.FindAllStringSubmatch(block, -1) {
				named = append(named, m[1])
			}
			if want := sortedKeys(schema.IdentitySchema.Attributes); !slices.Equal(slices.Sorted(slices.Values(named)), want) {
				t.Errorf("import-by-identity.tf names %v, the identity schema has %v", named, want)
			}
		})
	}
}
