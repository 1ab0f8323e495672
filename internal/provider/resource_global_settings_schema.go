package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// settingInPlace ends the description of every setting.
const settingInPlace = " Changing it updates the settings in place."

// globalSettingsSchema is the schema of csum_global_settings. Every attribute is optional with the app's
// default, so that the resource is authoritative over the whole document.
func globalSettingsSchema() schema.Schema {
	def := settingsToObjects(csumdoc.DefaultSettings())
	return schema.Schema{
		MarkdownDescription: "The CSUM app's global settings (the group, user and general sections of the System Admin page). " +
			"A singleton: the resource is authoritative over the whole settings document, and an attribute left out means its " +
			"documented default, so any change made on the System Admin page shows in `plan`. Destroying it resets the " +
			"settings to the defaults.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Always `global`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"group_settings": schema.SingleNestedAttribute{
				Optional:            true,
				Computed:            true,
				Default:             objectdefault.StaticValue(def.Group),
				MarkdownDescription: "How space groups are named and what space admins may do with them. Left out: all defaults. Updated in place.",
				Attributes:          groupSettingsAttributes(),
			},
			"user_settings": schema.SingleNestedAttribute{
				Optional:            true,
				Computed:            true,
				Default:             objectdefault.StaticValue(def.User),
				MarkdownDescription: "How users are shown and found. Left out: all defaults. Updated in place.",
				Attributes:          userSettingsAttributes(),
			},
			"general_settings": schema.SingleNestedAttribute{
				Optional:            true,
				Computed:            true,
				Default:             objectdefault.StaticValue(def.General),
				MarkdownDescription: "Display and audit settings. Left out: all defaults. Updated in place.",
				Attributes:          generalSettingsAttributes(),
			},
		},
	}
}

func groupSettingsAttributes() map[string]schema.Attribute {
	d := csumdoc.DefaultSettings().GroupSettings
	return map[string]schema.Attribute{
		"space_group_pattern": schema.SingleNestedAttribute{
			Optional: true,
			Computed: true,
			Default:  objectdefault.StaticValue(patternObject(d.SpaceGroupPattern)),
			MarkdownDescription: "Ties groups to a space: a group named `prefix + name + suffix`, with the `SPACEKEY` token " +
				"replaced by the space key and the whole lower-cased, belongs to that space. The token appears exactly once " +
				"across prefix and suffix. Default: prefix `SPACEKEY-`, suffix empty." + settingInPlace,
			Attributes: map[string]schema.Attribute{
				"prefix": schema.StringAttribute{
					Optional:            true,
					Computed:            true,
					Default:             stringdefault.StaticString(d.SpaceGroupPattern.Prefix),
					MarkdownDescription: "Text before the name: at most 64 characters of `a-z 0-9 - _ .` besides the token. Default `SPACEKEY-`.",
				},
				"suffix": schema.StringAttribute{
					Optional:            true,
					Computed:            true,
					Default:             stringdefault.StaticString(""),
					MarkdownDescription: "Text after the name, same rules as `prefix`. Default empty.",
				},
			},
		},
		"group_name_regex": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString(d.GroupNameRegex),
			MarkdownDescription: "RE2 expression (at most 256 characters) that the whole name a space admin types must match. Default `.*`." + settingInPlace,
		},
		"allow_space_group_actions": schema.BoolAttribute{
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(true),
			MarkdownDescription: "Space admins may create, rename and delete space groups. Default `true`." + settingInPlace,
		},
		"allow_space_group_member_changes": schema.BoolAttribute{
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(true),
			MarkdownDescription: "Space admins may add and remove members of space groups. Default `true`." + settingInPlace,
		},
		"max_users_per_action": schema.Int64Attribute{
			Optional:            true,
			Computed:            true,
			Default:             int64default.StaticInt64(d.MaxUsersPerAction),
			MarkdownDescription: fmt.Sprintf("Most users one action may touch, 1 to 1000. Default `%d`.", d.MaxUsersPerAction) + settingInPlace,
		},
		"max_groups_per_action": schema.Int64Attribute{
			Optional:            true,
			Computed:            true,
			Default:             int64default.StaticInt64(d.MaxGroupsPerAction),
			MarkdownDescription: fmt.Sprintf("Most groups one action may touch, 1 to 1000. Default `%d`.", d.MaxGroupsPerAction) + settingInPlace,
		},
		"group_blocklist": schema.SetAttribute{
			Optional:            true,
			Computed:            true,
			ElementType:         types.StringType,
			Default:             setdefault.StaticValue(stringSet(nil)),
			MarkdownDescription: "IDs of groups CSUM never manages (at most 200, each an existing group). Default empty." + settingInPlace,
		},
		"allow_remove_self_from_global_permission_group": schema.BoolAttribute{
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(false),
			MarkdownDescription: "A user may remove themself from a group that carries a global permission. Default `false`." + settingInPlace,
		},
	}
}

func userSettingsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"disabled_user_visibility": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString(csumdoc.VisibilityFlag),
			MarkdownDescription: "`FLAG` shows deactivated users with a flag, `HIDE` hides them. Default `FLAG`." + settingInPlace,
		},
		"user_search_enabled": schema.BoolAttribute{
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(true),
			MarkdownDescription: "Space admins may search users. Default `true`." + settingInPlace,
		},
		"personal_space_administration_allowed": schema.BoolAttribute{
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(false),
			MarkdownDescription: "CSUM works in personal spaces too. Default `false`." + settingInPlace,
		},
		"auto_join_group_ids": schema.SetAttribute{
			Optional:            true,
			Computed:            true,
			ElementType:         types.StringType,
			Default:             setdefault.StaticValue(stringSet(nil)),
			MarkdownDescription: "IDs of groups every new space group member also joins (at most 50). Default empty." + settingInPlace,
		},
		"user_group_filter_group_id": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "ID of a group whose members alone are offered when adding users; null (the default) offers everyone." + settingInPlace,
		},
	}
}

func generalSettingsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"show_group_information": schema.BoolAttribute{
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(true),
			MarkdownDescription: "Show group details to space admins. Default `true`." + settingInPlace,
		},
		"audit_retention_days": schema.Int64Attribute{
			Optional:            true,
			Computed:            true,
			Default:             int64default.StaticInt64(csumdoc.DefaultAuditDays),
			MarkdownDescription: "Days the app keeps its audit log, 1 to 3650. Default `90`." + settingInPlace,
		},
	}
}
