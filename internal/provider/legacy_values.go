package provider

import (
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/legacy"
)

// legacyExportAttrTypes are the outputs of csum_legacy_export and of provider::csum::legacy_export. The
// settings and scheme types are the resources' own, so outputs assign straight to csum_global_settings and
// csum_permission_schemes.
var legacyExportAttrTypes = map[string]attr.Type{
	"format":                       types.Int64Type,
	"group_settings":               types.ObjectType{AttrTypes: groupSettingsAttrTypes},
	"user_settings":                types.ObjectType{AttrTypes: userSettingsAttrTypes},
	"general_settings":             types.ObjectType{AttrTypes: generalSettingsAttrTypes},
	"default_operations":           operationSetType,
	"user_schemes":                 schemeMapType,
	"group_schemes":                schemeMapType,
	"legacy_privileged_user_email": types.StringType,
	"warnings":                     types.ListType{ElemType: types.StringType},
	"settings_json":                types.StringType,
}

// legacyExportValues parses an export file into the output values, keyed like legacyExportAttrTypes, and
// also returns the reader's warnings for callers that show them as diagnostics. Errors are *legacy.Error,
// or an error from rendering settings_json.
func legacyExportValues(content []byte) (map[string]attr.Value, []legacy.Warning, error) {
	res, err := legacy.Parse(content)
	if err != nil {
		return nil, nil, err
	}
	exported, err := res.ExportJSON()
	if err != nil {
		return nil, nil, err
	}
	settings := settingsToObjects(res.Settings)
	schemes := schemesToValues(res.PermissionSchemes)
	warnings := make([]attr.Value, len(res.Warnings))
	for i, w := range res.Warnings {
		warnings[i] = types.StringValue(w.String())
	}
	email := types.StringNull()
	if res.LegacyPrivilegedUserEmail != "" {
		email = types.StringValue(res.LegacyPrivilegedUserEmail)
	}
	return map[string]attr.Value{
		"format":                       types.Int64Value(int64(res.Format)),
		"group_settings":               settings.Group,
		"user_settings":                settings.User,
		"general_settings":             settings.General,
		"default_operations":           schemes.Default,
		"user_schemes":                 schemes.Users,
		"group_schemes":                schemes.Groups,
		"legacy_privileged_user_email": email,
		"warnings":                     types.ListValueMust(types.StringType, warnings),
		"settings_json":                types.StringValue(string(exported)),
	}, res.Warnings, nil
}

// legacyErrorMessage says why a file could not be read: where (JSON path, or line and column for syntax
// errors) and what. The reader's messages never quote a token, so they are safe to show.
func legacyErrorMessage(err error) string {
	var le *legacy.Error
	if errors.As(err, &le) {
		return le.Error()
	}
	return "Could not render the file as a format-2 document: " + err.Error()
}

// legacyOutputDocs describes each output, for the data source's schema and the function's documentation.
var legacyOutputDocs = map[string]string{
	"format": "`1` for a legacy CSUMCloud export, `2` for a current one.",
	"group_settings": "The group settings, with the type of `csum_global_settings.group_settings`; a setting the file " +
		"lacks takes its default (with a warning).",
	"user_settings":      "The user settings, with the type of `csum_global_settings.user_settings`.",
	"general_settings":   "The general settings, with the type of `csum_global_settings.general_settings`.",
	"default_operations": "Operations of the default scheme, for `csum_permission_schemes.default_operations`.",
	"user_schemes": "Operations granted per account ID, for `csum_permission_schemes.user_schemes`. A legacy scheme " +
		"that grants nothing is dropped with a warning.",
	"group_schemes": "Operations granted per group ID, for `csum_permission_schemes.group_schemes`.",
	"legacy_privileged_user_email": "The email of the legacy privileged user, or null. It is not migrated: choose the " +
		"account with `csum_privileged_user` (API-token credentials stopped working on 8 December 2025).",
	"warnings": "Everything not carried over as it was, as `JSON pointer: message` (keys without a current " +
		"equivalent, defaults used for missing settings, an ignored API token, limits exceeded).",
	"settings_json": "The file as a current format-2 export document (settings and permission schemes, never the " +
		"privileged user), ready for the System Admin page's Import.",
}
