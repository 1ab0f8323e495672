package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigValidators = &legacyExportDataSource{}

func newLegacyExportDataSource() datasource.DataSource { return &legacyExportDataSource{} }

// legacyExportDataSource reads an export file locally. It has no Configure: it needs no credentials and
// makes no network call, so it works under a provider block without any.
type legacyExportDataSource struct{}

func (d *legacyExportDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_legacy_export"
}

func (d *legacyExportDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"path": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Path of the export file, relative to the working directory (use `${path.module}/...` in " +
				"modules). Exactly one of `path` and `content`.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"content": schema.StringAttribute{
			Optional:  true,
			Sensitive: true,
			MarkdownDescription: "The export file's text, e.g. from `file()`. Exactly one of `path` and `content`. Not kept " +
				"in state (an early legacy export may hold an API token): the attribute reads back as null.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	}
	for name, doc := range legacyOutputDocs {
		attrs[name] = computedAttribute(legacyExportAttrTypes[name], doc)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an export file of the deprecated CSUMCloud listing (`\"exportVersion\": 1`) or of the " +
			"current app (`\"formatVersion\": 2`) and gives its settings and permission schemes with the types of " +
			"`csum_global_settings` and `csum_permission_schemes`, so a migration assigns them directly. Runs locally: " +
			"no credentials, no network. Everything the reader could not carry over as it was is listed in `warnings` " +
			"and shown as a Terraform warning. A legacy API token in the file is never read into state, warnings or logs.",
		Attributes: attrs,
	}
}

func (d *legacyExportDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("path"), path.MatchRoot("content")),
	}
}

func (d *legacyExportDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var filePath, content types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("path"), &filePath)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("content"), &content)...)
	if resp.Diagnostics.HasError() {
		return
	}
	source, data := path.Root("content"), []byte(content.ValueString())
	prefix := ""
	if !filePath.IsNull() {
		source, prefix = path.Root("path"), filePath.ValueString()+": "
		var err error
		if data, err = readExportFile(filePath.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(source, "Cannot read the export file", err.Error())
			return
		}
	}
	values, warnings, err := legacyExportValues(data)
	if err != nil {
		resp.Diagnostics.AddAttributeError(source, "Cannot read the export file", prefix+legacyErrorMessage(err))
		return
	}
	for _, w := range warnings {
		resp.Diagnostics.AddAttributeWarning(source, "Export file: not carried over as it was", prefix+w.String())
	}
	values["path"] = filePath
	values["content"] = types.StringNull() // never stored: the text may carry a legacy API token
	for name, v := range values {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
}

// computedAttribute declares an output with exactly the given Terraform type.
func computedAttribute(t attr.Type, doc string) schema.Attribute {
	switch t := t.(type) {
	case types.ObjectType:
		return schema.ObjectAttribute{
			Computed:            true,
			AttributeTypes:      t.AttrTypes,
			MarkdownDescription: doc,
		}
	case types.SetType:
		return schema.SetAttribute{
			Computed:            true,
			ElementType:         t.ElemType,
			MarkdownDescription: doc,
		}
	case types.MapType:
		return schema.MapAttribute{
			Computed:            true,
			ElementType:         t.ElemType,
			MarkdownDescription: doc,
		}
	case types.ListType:
		return schema.ListAttribute{
			Computed:            true,
			ElementType:         t.ElemType,
			MarkdownDescription: doc,
		}
	}
	if t == types.Int64Type {
		return schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: doc,
		}
	}
	return schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: doc,
	}
}
