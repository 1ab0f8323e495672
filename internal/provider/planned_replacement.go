package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// plannedReplacement reports whether a plan replaces the resource: an attribute that forces replacement
// changes, or is not known yet. The framework does not pass the attributes' RequiresReplace on to the
// resource's ModifyPlan, so it is worked out from the values.
func plannedReplacement(ctx context.Context, state, plan attributeGetter, attrs ...string) bool {
	for _, attr := range attrs {
		var before, after types.String
		state(ctx, path.Root(attr), &before)
		plan(ctx, path.Root(attr), &after)
		if after.IsUnknown() || !after.Equal(before) {
			return true
		}
	}
	return false
}
