package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// plannedAccess is the group access that a configuration, plan or state's permissions and role_id describe.
func plannedAccess(ctx context.Context, permissions types.Set, roleID types.String, diags *diagnostics) spacegroups.GroupAccess {
	var ga spacegroups.GroupAccess
	if !permissions.IsNull() && !permissions.IsUnknown() {
		diags.Append(permissions.ElementsAs(ctx, &ga.Permissions, false)...)
		slices.Sort(ga.Permissions)
	}
	ga.RoleID = roleID.ValueString()
	return ga
}

// accessValues are the permissions and role_id that record a group's access.
func accessValues(ga spacegroups.GroupAccess) (types.Set, types.String) {
	role := types.StringNull()
	if ga.RoleID != "" {
		role = types.StringValue(ga.RoleID)
	}
	return stringSet(ga.Permissions), role
}

// applyAccess gives the group the access its plan describes and records in the plan what Confluence holds
// afterwards, even after a failure. When that cannot be read, the plan records the access the group held
// before (current): state must never record a change that may not have happened, and the next refresh
// reads what did.
func (d *providerData) applyAccess(ctx context.Context, c spacegroups.AccessWriter, space confluence.Space, groupID string,
	current spacegroups.GroupAccess, ids map[string]int64, plan *spaceGroupModel, diags *diagnostics) {
	desired := plannedAccess(ctx, plan.Permissions, plan.RoleID, diags)
	held, failed, err := d.site.ApplyAccess(ctx, c, space, groupID, current, ids, desired)
	if err != nil {
		plan.Permissions, plan.RoleID = accessValues(current)
		diags.AddError("Could not read the group's space access back", err.Error())
		return
	}
	plan.Permissions, plan.RoleID = accessValues(held)
	if len(failed) == 0 {
		return
	}
	attr, title := "permissions", "Some space permission changes failed"
	if desired.RoleID != "" || current.RoleID != "" {
		attr, title = "role_id", "Some space access changes failed"
	}
	diags.AddAttributeError(path.Root(attr), title,
		fmt.Sprintf("In space %s, for group %s; state records what the group holds now:%s", space.Key, groupID, bulletList(failed)))
}

// refuseAccessTheSiteCannotServe refuses, at plan time, access the site's space access mode cannot hold:
// individual permissions on a roles-only site, a role on a site without roles, or a role the site lacks.
func (d *providerData) refuseAccessTheSiteCannotServe(ctx context.Context, permissions types.Set, roleID types.String, diags *diagnostics) {
	wantsPermissions := known(permissions) && len(permissions.Elements()) > 0
	wantsRole := known(roleID)
	if !wantsPermissions && !wantsRole {
		return
	}
	mode, err := d.site.Mode(ctx)
	if err != nil {
		diags.AddError("Could not read the site's space access mode", err.Error())
		return
	}
	switch {
	case wantsPermissions && !spacegroups.HasPermissions(mode):
		diags.AddAttributeError(path.Root("permissions"), "This site grants space access with roles only",
			"The site is in the ROLES space access mode (as every Confluence site created since November 2025 is), so "+
				"Confluence refuses individual space permissions. Give the group a space role instead: remove permissions "+
				"and set role_id, for example role_id = data.csum_space_role.collaborator.id with a csum_space_role data "+
				"source that finds the role by name (csum_space_roles lists the site's roles).")
	case wantsRole && !spacegroups.HasRoles(mode):
		diags.AddAttributeError(path.Root("role_id"), "This site does not use space roles yet",
			"The site is in the PRE_ROLES space access mode, so Confluence has no space roles to assign. Use permissions "+
				"instead, or have a Confluence admin opt the site in to space roles (Confluence administration, New "+
				"features, space roles), which moves it to the ROLES_TRANSITION mode; that cannot be undone.")
	case wantsRole:
		d.refuseUnknownRole(ctx, roleID.ValueString(), diags)
	}
}

// refuseUnknownRole adds an error on role_id, listing the site's roles, when the site has no role roleID.
func (d *providerData) refuseUnknownRole(ctx context.Context, roleID string, diags *diagnostics) {
	_, found, err := d.site.Role(ctx, roleID)
	if err != nil {
		diags.AddError("Could not read the site's space roles", err.Error())
		return
	}
	if found {
		return
	}
	roles, _ := d.site.Roles(ctx) // read just now, without error
	diags.AddAttributeError(path.Root("role_id"), "No such space role",
		fmt.Sprintf("The site has no space role with ID %q. Role IDs differ from site to site: look the role up by name "+
			"with the csum_space_role data source. The site's roles:%s", roleID, bulletList(describeRoles(roles))))
}

func describeRoles(roles []confluence.SpaceRole) []string {
	lines := make([]string, 0, len(roles))
	for _, r := range roles {
		lines = append(lines, fmt.Sprintf("%s (%s, %s)", r.Name, r.ID, strings.ToLower(r.Type)))
	}
	return lines
}

// refuseLosingTheLastAdministrator adds an error when going from have to planned (nil: the group loses all
// access) would leave the space without anyone who can administer it, or when that cannot be checked.
func (d *providerData) refuseLosingTheLastAdministrator(ctx context.Context, spaceKey, groupID string,
	have spacegroups.GroupAccess, planned *spacegroups.GroupAccess, action string, diags *diagnostics) {
	after := spacegroups.GroupAccess{}
	if planned != nil {
		after = *planned
	}
	loses, err := d.site.LosesAdminister(ctx, have, after)
	if err != nil {
		diags.AddError("Could not check the space's administrators", sentence(err.Error()))
		return
	}
	if loses {
		d.refuseLastAdminister(ctx, spaceKey, groupID, have, action, diags)
	}
}

// oneKindOfAccess refuses a configuration that gives a group both a role and individual permissions. An
// empty permissions set goes with a role: it is what -generate-config-out writes for a group with a role.
type oneKindOfAccess struct{}

func (oneKindOfAccess) Description(context.Context) string {
	return "at most one of role_id and a non-empty permissions set"
}

func (v oneKindOfAccess) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (oneKindOfAccess) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var permissions types.Set
	var roleID types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("permissions"), &permissions)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("role_id"), &roleID)...)
	// Values not known yet (from a data source read at apply, or for_each) are checked at plan, when they are.
	if !known(roleID) || !known(permissions) || len(permissions.Elements()) == 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("permissions"), "A space group has a role or permissions, not both",
		"Confluence gives a group either a space role or individual permissions in a space. Keep role_id and remove "+
			"permissions (on sites that use roles), or the other way round.")
}
