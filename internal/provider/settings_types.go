package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// The Terraform object types of the settings document. The csum_global_settings resource and the
// csum_legacy_export data source share them, so that the data source's outputs assign straight to the resource.
var (
	patternAttrTypes = map[string]attr.Type{"prefix": types.StringType, "suffix": types.StringType}

	groupSettingsAttrTypes = map[string]attr.Type{
		"space_group_pattern":                            types.ObjectType{AttrTypes: patternAttrTypes},
		"group_name_regex":                               types.StringType,
		"allow_space_group_actions":                      types.BoolType,
		"allow_space_group_member_changes":               types.BoolType,
		"max_users_per_action":                           types.Int64Type,
		"max_groups_per_action":                          types.Int64Type,
		"group_blocklist":                                types.SetType{ElemType: types.StringType},
		"allow_remove_self_from_global_permission_group": types.BoolType,
	}
	userSettingsAttrTypes = map[string]attr.Type{
		"disabled_user_visibility":              types.StringType,
		"user_search_enabled":                   types.BoolType,
		"personal_space_administration_allowed": types.BoolType,
		"auto_join_group_ids":                   types.SetType{ElemType: types.StringType},
		"user_group_filter_group_id":            types.StringType,
	}
	generalSettingsAttrTypes = map[string]attr.Type{
		"show_group_information": types.BoolType,
		"audit_retention_days":   types.Int64Type,
	}
)

type patternModel struct {
	Prefix types.String `tfsdk:"prefix"`
	Suffix types.String `tfsdk:"suffix"`
}

type groupSettingsModel struct {
	SpaceGroupPattern                        types.Object `tfsdk:"space_group_pattern"`
	GroupNameRegex                           types.String `tfsdk:"group_name_regex"`
	AllowSpaceGroupActions                   types.Bool   `tfsdk:"allow_space_group_actions"`
	AllowSpaceGroupMemberChanges             types.Bool   `tfsdk:"allow_space_group_member_changes"`
	MaxUsersPerAction                        types.Int64  `tfsdk:"max_users_per_action"`
	MaxGroupsPerAction                       types.Int64  `tfsdk:"max_groups_per_action"`
	GroupBlocklist                           types.Set    `tfsdk:"group_blocklist"`
	AllowRemoveSelfFromGlobalPermissionGroup types.Bool   `tfsdk:"allow_remove_self_from_global_permission_group"`
}

type userSettingsModel struct {
	DisabledUserVisibility             types.String `tfsdk:"disabled_user_visibility"`
	UserSearchEnabled                  types.Bool   `tfsdk:"user_search_enabled"`
	PersonalSpaceAdministrationAllowed types.Bool   `tfsdk:"personal_space_administration_allowed"`
	AutoJoinGroupIDs                   types.Set    `tfsdk:"auto_join_group_ids"`
	UserGroupFilterGroupID             types.String `tfsdk:"user_group_filter_group_id"`
}

type generalSettingsModel struct {
	ShowGroupInformation types.Bool  `tfsdk:"show_group_information"`
	AuditRetentionDays   types.Int64 `tfsdk:"audit_retention_days"`
}

// settingsObjects is the settings document as the three Terraform objects.
type settingsObjects struct {
	Group, User, General types.Object
}

// settingsToObjects turns the API's document into Terraform values.
func settingsToObjects(s csumdoc.Settings) settingsObjects {
	g, u, gen := s.GroupSettings, s.UserSettings, s.GeneralSettings
	pattern := patternObject(g.SpaceGroupPattern)
	return settingsObjects{
		Group: types.ObjectValueMust(groupSettingsAttrTypes, map[string]attr.Value{
			"space_group_pattern":                            pattern,
			"group_name_regex":                               types.StringValue(g.GroupNameRegex),
			"allow_space_group_actions":                      types.BoolValue(g.AllowSpaceGroupActions),
			"allow_space_group_member_changes":               types.BoolValue(g.AllowSpaceGroupMemberChanges),
			"max_users_per_action":                           types.Int64Value(g.MaxUsersPerAction),
			"max_groups_per_action":                          types.Int64Value(g.MaxGroupsPerAction),
			"group_blocklist":                                stringSet(g.GroupBlocklist),
			"allow_remove_self_from_global_permission_group": types.BoolValue(g.AllowRemoveSelfFromGlobalPermissionGroup),
		}),
		User: types.ObjectValueMust(userSettingsAttrTypes, map[string]attr.Value{
			"disabled_user_visibility":              types.StringValue(u.DisabledUserVisibility),
			"user_search_enabled":                   types.BoolValue(u.UserSearchEnabled),
			"personal_space_administration_allowed": types.BoolValue(u.PersonalSpaceAdministrationAllowed),
			"auto_join_group_ids":                   stringSet(u.AutoJoinGroupIDs),
			"user_group_filter_group_id":            optionalString(u.UserGroupFilterGroupID),
		}),
		General: types.ObjectValueMust(generalSettingsAttrTypes, map[string]attr.Value{
			"show_group_information": types.BoolValue(gen.ShowGroupInformation),
			"audit_retention_days":   types.Int64Value(gen.AuditRetentionDays),
		}),
	}
}

func patternObject(p csumdoc.Pattern) types.Object {
	return types.ObjectValueMust(patternAttrTypes, map[string]attr.Value{
		"prefix": types.StringValue(p.Prefix),
		"suffix": types.StringValue(p.Suffix),
	})
}

var lenient = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

// objectsToSettings turns Terraform values into the API's document. Null or unknown values take the
// documented default, so it serves both apply (all known) and plan-time validation (some unknown).
func objectsToSettings(ctx context.Context, o settingsObjects) (csumdoc.Settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := csumdoc.DefaultSettings()
	var g groupSettingsModel
	var u userSettingsModel
	var gen generalSettingsModel
	if known(o.Group) {
		diags.Append(o.Group.As(ctx, &g, lenient)...)
		if known(g.SpaceGroupPattern) {
			var p patternModel
			diags.Append(g.SpaceGroupPattern.As(ctx, &p, lenient)...)
			setString(&s.GroupSettings.SpaceGroupPattern.Prefix, p.Prefix)
			setString(&s.GroupSettings.SpaceGroupPattern.Suffix, p.Suffix)
		}
		setString(&s.GroupSettings.GroupNameRegex, g.GroupNameRegex)
		setBool(&s.GroupSettings.AllowSpaceGroupActions, g.AllowSpaceGroupActions)
		setBool(&s.GroupSettings.AllowSpaceGroupMemberChanges, g.AllowSpaceGroupMemberChanges)
		setInt(&s.GroupSettings.MaxUsersPerAction, g.MaxUsersPerAction)
		setInt(&s.GroupSettings.MaxGroupsPerAction, g.MaxGroupsPerAction)
		diags.Append(setStrings(ctx, &s.GroupSettings.GroupBlocklist, g.GroupBlocklist)...)
		setBool(&s.GroupSettings.AllowRemoveSelfFromGlobalPermissionGroup, g.AllowRemoveSelfFromGlobalPermissionGroup)
	}
	if known(o.User) {
		diags.Append(o.User.As(ctx, &u, lenient)...)
		setString(&s.UserSettings.DisabledUserVisibility, u.DisabledUserVisibility)
		setBool(&s.UserSettings.UserSearchEnabled, u.UserSearchEnabled)
		setBool(&s.UserSettings.PersonalSpaceAdministrationAllowed, u.PersonalSpaceAdministrationAllowed)
		diags.Append(setStrings(ctx, &s.UserSettings.AutoJoinGroupIDs, u.AutoJoinGroupIDs)...)
		if known(u.UserGroupFilterGroupID) {
			v := u.UserGroupFilterGroupID.ValueString()
			s.UserSettings.UserGroupFilterGroupID = &v
		}
	}
	if known(o.General) {
		diags.Append(o.General.As(ctx, &gen, lenient)...)
		setBool(&s.GeneralSettings.ShowGroupInformation, gen.ShowGroupInformation)
		setInt(&s.GeneralSettings.AuditRetentionDays, gen.AuditRetentionDays)
	}
	return s, diags
}

func setString(dst *string, v types.String) {
	if known(v) {
		*dst = v.ValueString()
	}
}

func setBool(dst *bool, v types.Bool) {
	if known(v) {
		*dst = v.ValueBool()
	}
}

func setInt(dst *int64, v types.Int64) {
	if known(v) {
		*dst = v.ValueInt64()
	}
}
