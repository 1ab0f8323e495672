package provider

import (
	"context"
	"errors"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// noAppWarning explains what the space group resources assume when the CSUM Admin API is not configured.
const noAppWarning = "app_url and app_api_key are not set, so this provider cannot ask the CSUM app for its " +
	"space group pattern, group name regex and group blocklist. It assumes the app's defaults: the pattern " +
	"`SPACEKEY-` (so space ENG owns groups named eng-...), any name, no blocklist. If the app is configured " +
	"otherwise, set app_url and app_api_key so the provider follows it."

// groupRules reads the space group rules, adding an error when they cannot be read.
func (d *providerData) groupRules(ctx context.Context, diags *diagnostics) (spacegroups.Rules, bool) {
	rules, err := d.site.Rules(ctx)
	if err != nil {
		diags.AddError("Could not read the space group pattern", err.Error())
		return rules, false
	}
	return rules, true
}

// refuseLastAdminister adds an error when taking administer/space from the group, which holds have, would
// leave the space without anyone able to manage its access, or when that cannot be checked. The error is on
// role_id when only the group's role lets it administer the space, else on permissions.
func (d *providerData) refuseLastAdminister(ctx context.Context, spaceKey, groupID string, have spacegroups.GroupAccess,
	action string, diags *diagnostics) {
	err := d.site.CheckLastAdminister(ctx, spaceKey, groupID, action)
	var last *spacegroups.LastAdministerError
	switch {
	case errors.As(err, &last):
		attr := path.Root("permissions")
		if have.RoleID != "" && !slices.Contains(have.Permissions, spacegroups.AdministerSpace) {
			attr = path.Root("role_id")
		}
		diags.AddAttributeError(attr, "Refusing to remove the last space administrator", sentence(last.Error()))
	case err != nil:
		diags.AddError("Could not check the space's administrators", sentence(err.Error()))
	}
}

// protectedAccounts returns the accounts never removed from a group, each with why, adding an error when
// they cannot be read.
func (d *providerData) protectedAccounts(ctx context.Context, diags *diagnostics) (map[string]string, bool) {
	protected, err := d.site.ProtectedAccounts(ctx)
	if err != nil {
		diags.AddError("Could not read the protected accounts", err.Error())
		return nil, false
	}
	return protected, true
}
