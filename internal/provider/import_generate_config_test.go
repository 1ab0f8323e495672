package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

// The migration guide tells users to bring what exists under Terraform with import blocks and
// `terraform plan -generate-config-out`. Each step below imports one resource into a block that Terraform
// writes itself, and fails unless that generated configuration plans with no change.
func TestAccImportBlocks_generatedConfigPlansClean(t *testing.T) {
	t.Parallel()
	env := acctest.Start(t)
	store := env.Sandbox.Store()
	app := env.Sandbox.App()
	oncall := env.GroupID(t, "ops-oncall")
	member := store.Members(oncall)[0]
	// Something to import for every resource type: space groups as the seed has them, and app documents that
	// differ from the defaults.
	settings, _ := app.Settings()
	settings.GeneralSettings.AuditRetentionDays = 45
	app.SetSettings(settings)
	app.SetPrivilegedUser(env.AccountID(t, "automation@example.com"))
	app.SetLegacyCredentials("", "") // while they are there, any plan updates the privileged user to remove them

	generated := func(addr, id string) resource.TestStep {
		return resource.TestStep{
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportStateId:   id,
			GenerateConfig:  true,
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock()},
			generated("csum_space_group.this", "ENG/writers"),
			generated("csum_space_group.this", "OPS/"+oncall),
			generated("csum_space_group_membership.this", "ENG/eng-writers"),
			generated("csum_space_group_membership.this", "OPS/"+oncall),
			generated("csum_space_group_member.this", "OPS/ops-oncall/"+member),
			generated("csum_global_settings.this", "global"),
			generated("csum_permission_schemes.this", "permission-schemes"),
			generated("csum_privileged_user.this", "privileged-user"),
		},
	})
}
