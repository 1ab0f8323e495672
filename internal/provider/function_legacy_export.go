package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = &legacyExportFunction{}

func newLegacyExportFunction() function.Function { return &legacyExportFunction{} }

// legacyExportFunction is csum_legacy_export as a provider-defined function (Terraform 1.8+): the same
// outputs, without a data source in state. A function cannot warn, so warnings are only in the result.
type legacyExportFunction struct{}

func (f *legacyExportFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "legacy_export"
}

func (f *legacyExportFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Reads a CSUM export file (legacy format 1 or current format 2) into the settings and schemes types.",
		MarkdownDescription: "Returns the outputs of the `csum_legacy_export` data source (`format`, `group_settings`, " +
			"`user_settings`, `general_settings`, `default_operations`, `user_schemes`, `group_schemes`, " +
			"`legacy_privileged_user_email`, `warnings`, `settings_json`) as one object, with the types of " +
			"`csum_global_settings` and `csum_permission_schemes`. Needs Terraform 1.8 or later and no credentials. " +
			"Warnings are not shown by Terraform; read them from `warnings`. A legacy API token in the file never " +
			"reaches the result.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "content",
				MarkdownDescription: "The export file's text, e.g. `file(\"legacy-export.json\")`.",
			},
		},
		Return: function.ObjectReturn{AttributeTypes: legacyExportAttrTypes},
	}
}

func (f *legacyExportFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var content string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &content))
	if resp.Error != nil {
		return
	}
	values, _, err := legacyExportValues([]byte(content))
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "Cannot read the export file: "+legacyErrorMessage(err))
		return
	}
	result, diags := types.ObjectValue(legacyExportAttrTypes, values)
	resp.Error = function.ConcatFuncErrors(resp.Error, function.FuncErrorFromDiags(ctx, diags))
	if resp.Error != nil {
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, result))
}
