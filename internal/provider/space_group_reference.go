package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// groupRefKey is the private-state key that records how the configuration names the group of a membership
// resource: "name" or "id". A group named by ID shows its current name in group_name; a group named by
// name keeps the name it was resolved from, so that renaming the group in Confluence breaks nothing.
const (
	groupRefKey  = "group_ref"
	groupRefByID = `"id"` // JSON, as private state requires
	groupRefName = `"name"`
)

// membershipGroupAttributes are the attributes both membership resources use to name a space and one of
// its groups.
func membershipGroupAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"space_key": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Key of the space the group belongs to, e.g. `ENG`. The group must follow the space group pattern for this space, must not be blocklisted in the app and must not carry a global permission. Changing it replaces the resource.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"group_id": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "ID of the group. Give `group_id`, `group_name` or both (as `terraform plan -generate-config-out` writes them); what is not given is filled in. Every API call uses the ID, so renaming the group in Confluence does not break the resource. Changing it replaces the resource.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace(), keepStateUnlessChanged("group_name")},
			Validators:          []validator.String{stringvalidator.RegexMatches(spacegroups.GroupIDPattern, "must be a Confluence group ID (a UUID); use group_name for a name")},
		},
		"group_name": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "Full Confluence name of the group, e.g. `eng-writers`. Without `group_id`, it is resolved to the group's ID once, at create, and changing it replaces the resource; with `group_id`, it must be the group's name at create and changing it later is an update in place. When the group is configured by `group_id` alone, this shows the group's current name.",
			PlanModifiers: []planmodifier.String{
				stringplanmodifier.RequiresReplaceIf(namedByNameAlone, "Changing the group name replaces the resource when `group_id` is not configured.",
					"Changing the group name replaces the resource when `group_id` is not configured."),
				keepStateUnlessChanged("group_id"),
			},
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	}
}

// groupReferenceValidators let a configuration name the group by ID, by name, or by both: configurations
// written by `terraform plan -generate-config-out` carry both.
func groupReferenceValidators() []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.AtLeastOneOf(path.MatchRoot("group_id"), path.MatchRoot("group_name"))}
}

// namedByNameAlone: a new group_name names another group only when no group_id pins the group.
func namedByNameAlone(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	var groupID types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("group_id"), &groupID)...)
	resp.RequiresReplace = groupID.IsNull()
}

// keepStateUnlessChanged is UseStateForUnknown for a computed attribute that is derived from a sibling:
// it keeps the stored value unless the sibling's configured value changes (then the resource is replaced
// and the value is unknown until the new group is resolved).
func keepStateUnlessChanged(sibling string) planmodifier.String { return keepStateModifier{sibling} }

type keepStateModifier struct{ sibling string }

func (m keepStateModifier) Description(context.Context) string {
	return "keeps the stored value unless " + m.sibling + " changes"
}

func (m keepStateModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m keepStateModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() || req.ConfigValue.IsUnknown() {
		return
	}
	var configured, stored types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(m.sibling), &configured)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(m.sibling), &stored)...)
	if configured.IsUnknown() || (!configured.IsNull() && !configured.Equal(stored)) {
		return
	}
	resp.PlanValue = req.StateValue
}

// resolveSpaceGroup finds the configured group and checks that it is one of the space's groups.
func (d *providerData) resolveSpaceGroup(ctx context.Context, spaceKey, groupID, groupName string, diags *diagnostics) (confluence.Group, bool) {
	g, err := d.site.ResolveGroup(ctx, spaceKey, groupID, groupName)
	if err != nil {
		addGroupReferenceError(diags, err)
		return confluence.Group{}, false
	}
	return g, true
}

// addGroupReferenceError puts an error of spacegroups.ResolveGroup on the attribute it concerns.
func addGroupReferenceError(diags *diagnostics, err error) {
	var lookup *spacegroups.GroupLookupError
	var mismatch *spacegroups.NameMismatchError
	switch {
	case errors.As(err, &lookup):
		attr := "group_name"
		if lookup.ByID {
			attr = "group_id"
		}
		if lookup.NotFound() {
			diags.AddAttributeError(path.Root(attr), "No such group", sentence(lookup.Error()))
		} else {
			diags.AddAttributeError(path.Root(attr), "Could not look the group up", lookup.Err.Error())
		}
	case errors.As(err, &mismatch):
		diags.AddAttributeError(path.Root("group_name"), "group_id and group_name name different groups", sentence(mismatch.Error()))
	default:
		diags.AddAttributeError(path.Root("space_key"), "The group does not belong to the space", err.Error()+".")
	}
}

// importGroupReference resolves the group of an import ID and sets the attributes both membership resources
// share (id, space_key, group_id, group_name) and the private group reference. The ID attribute is
// SPACEKEY/<groupId>, followed by /<accountId> for an ID with an account. An import by identity takes the
// same path, and both record the identity.
func (d *providerData) importGroupReference(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, withAccount bool) (spacegroups.Ref, bool) {
	importID := importIDOf(ctx, req, withAccount, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return spacegroups.Ref{}, false
	}
	ref, err := spacegroups.ParseImportID(importID, withAccount)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error()+".")
		return ref, false
	}
	if d.confluenceClient(&resp.Diagnostics) == nil {
		return ref, false
	}
	g, byID, err := d.site.ImportedGroup(ctx, ref)
	if err != nil {
		addGroupReferenceError(&resp.Diagnostics, err)
		return ref, false
	}
	id := spacegroups.ResourceID(ref.SpaceKey, g.ID)
	var account *string
	if withAccount {
		id += "/" + ref.AccountID
		account = &ref.AccountID
	}
	setGroupIdentity(ctx, resp.Identity, ref.SpaceKey, g.ID, account, &resp.Diagnostics)
	for attr, v := range map[string]string{"id": id, "space_key": ref.SpaceKey, "group_id": g.ID, "group_name": g.Name} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), v)...)
	}
	by := groupRefName
	if byID {
		by = groupRefByID
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, groupRefKey, []byte(by))...)
	return ref, !resp.Diagnostics.HasError()
}

// shownGroupName is the group_name a refresh keeps: the configured name when the configuration names the
// group, else the group's current name.
func shownGroupName(ctx context.Context, private privateState, stored types.String, current string, diags *diagnostics) types.String {
	by, d := private.GetKey(ctx, groupRefKey)
	diags.Append(d...)
	if string(by) == groupRefName {
		return stored
	}
	return types.StringValue(current)
}

// attributeGetter reads one attribute of a configuration, plan or state.
type attributeGetter func(ctx context.Context, p path.Path, target any) diagnostics

// groupRefOf says how a configuration names its group.
func groupRefOf(ctx context.Context, config attributeGetter) string {
	var name types.String
	config(ctx, path.Root("group_name"), &name)
	if name.IsNull() {
		return groupRefByID
	}
	return groupRefName
}

// checkPlannedGroup checks, at plan time, the group a new resource names, when the configuration already
// knows it (a group created in the same apply is checked at apply).
func (d *providerData) checkPlannedGroup(ctx context.Context, config attributeGetter, diags *diagnostics) {
	var spaceKey, groupID, groupName types.String
	diags.Append(config(ctx, path.Root("space_key"), &spaceKey)...)
	diags.Append(config(ctx, path.Root("group_id"), &groupID)...)
	diags.Append(config(ctx, path.Root("group_name"), &groupName)...)
	if diags.HasError() || spaceKey.IsUnknown() || groupID.IsUnknown() || groupName.IsUnknown() {
		return
	}
	d.resolveSpaceGroup(ctx, spaceKey.ValueString(), groupID.ValueString(), groupName.ValueString(), diags)
}
