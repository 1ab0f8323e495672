package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// singletonClaims detects a second resource of a singleton type in one configuration. Terraform plans each
// resource instance once per run of the provider, so a second claim of a type within one run means two
// resources would overwrite each other's document on every apply.
type singletonClaims struct {
	mu      sync.Mutex
	claimed map[string]bool
}

func (c *singletonClaims) claim(typeName string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.claimed == nil {
		c.claimed = map[string]bool{}
	}
	if c.claimed[typeName] {
		return fmt.Errorf("%s manages a single document of the app, and this configuration declares it more than once "+
			"(two resources, or count/for_each). Two declarations would overwrite each other on every apply: keep exactly one", typeName)
	}
	c.claimed[typeName] = true
	return nil
}

// claimSingleton refuses a planned resource of typeName when the configuration declares another. A
// destroy plan claims nothing, and neither does a plan before the provider is configured.
func claimSingleton(data *providerData, plan tfsdk.Plan, typeName string, diags *diagnostics) {
	if plan.Raw.IsNull() || data == nil {
		return
	}
	if err := data.singletons.claim(typeName); err != nil {
		diags.AddError("Duplicate "+typeName, err.Error())
	}
}

// importSingleton imports the one resource of typeName, whose only ID is id; the next read fills it in.
func importSingleton(ctx context.Context, typeName, id string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID != id {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%s is a singleton: import it with the ID %q, not %q.", typeName, id, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}
