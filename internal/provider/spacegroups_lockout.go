package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// administerSpace is the permission that lets anyone change a space's permissions at all.
const administerSpace = "administer/space"

// losesAdminister reports whether going from the permissions in state to the planned ones takes
// administer/space away from the group: removing it, or removing read/space, which removes every other
// permission with it.
func losesAdminister(have, planned []string) bool {
	if !slices.Contains(have, administerSpace) {
		return false
	}
	return !slices.Contains(planned, administerSpace) || !slices.Contains(planned, readSpace)
}

// refuseLastAdminister adds an error when the group holds the only administer/space of the space, so that
// taking it away (a revoke, or deleting the group, which Confluence allows even for the last admin) would
// leave nobody able to manage the space's permissions. It reads the space's permissions now.
func (d *providerData) refuseLastAdminister(ctx context.Context, c confluenceAPI, spaceKey, groupID, action string, diags *diagnostics) {
	space, err := d.lookupSpace(ctx, c, spaceKey)
	if httpx.IsNotFound(err) {
		return // no space, no administrators to lose
	}
	if err != nil {
		diags.AddError("Could not check the space's administrators", fmt.Sprintf("Space %s: %s", spaceKey, err))
		return
	}
	perms, err := c.SpacePermissions(ctx, space.ID)
	if err != nil {
		diags.AddError("Could not check the space's administrators", fmt.Sprintf("Space %s: %s", spaceKey, err))
		return
	}
	isAdmin := func(p confluence.SpacePermission) bool { return p.Operation+"/"+p.Target == administerSpace }
	thisGroup := func(p confluence.SpacePermission) bool {
		return p.SubjectType == confluence.SubjectGroup && p.SubjectID == groupID
	}
	holds := slices.ContainsFunc(perms, func(p confluence.SpacePermission) bool { return isAdmin(p) && thisGroup(p) })
	others := slices.ContainsFunc(perms, func(p confluence.SpacePermission) bool { return isAdmin(p) && !thisGroup(p) })
	if holds && !others {
		diags.AddAttributeError(path.Root("permissions"), "Refusing to remove the last space administrator",
			fmt.Sprintf("Group %s holds the only administer/space permission of space %s: %s would leave nobody able to "+
				"manage the space's permissions. Grant administer/space in space %s to another group or user first.",
				groupID, spaceKey, action, spaceKey))
	}
}

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
