package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// readLegacyExport runs the data source's Read on a configuration with only content set.
func readLegacyExport(t *testing.T, content string) (*datasource.ReadResponse, map[string]tftypes.Value) {
	t.Helper()
	ctx := context.Background()
	ds := newLegacyExportDataSource()
	var sr datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	objType := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		vals[name] = tftypes.NewValue(typ, nil)
	}
	vals["content"] = tftypes.NewValue(tftypes.String, content)
	raw := tftypes.NewValue(objType, vals)
	resp := &datasource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: raw.Copy()}}
	ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: raw}}, resp)
	out := map[string]tftypes.Value{}
	if err := resp.State.Raw.As(&out); err != nil {
		t.Fatal(err)
	}
	return resp, out
}

func TestLegacyExportRead_warningsBecomeDiagnosticsAndContentIsNotKept(t *testing.T) {
	resp, state := readLegacyExport(t, untidyLegacy)
	if resp.Diagnostics.HasError() {
		t.Fatalf("errors: %v", resp.Diagnostics)
	}
	if !state["content"].IsNull() {
		t.Error("content is kept in state")
	}
	var listed []tftypes.Value
	if err := state["warnings"].As(&listed); err != nil {
		t.Fatal(err)
	}
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) == 0 || len(warnings) != len(listed) {
		t.Fatalf("%d warning diagnostics for %d listed warnings", len(warnings), len(listed))
	}
	for i, w := range warnings {
		var text string
		_ = listed[i].As(&text)
		wp, ok := w.(diag.DiagnosticWithPath)
		if !ok || !wp.Path().Equal(path.Root("content")) || w.Detail() != text {
			t.Errorf("warning %d: %q at %v, want %q on content", i, w.Detail(), wp, text)
		}
	}
}

func TestLegacyExportRead_errorOnContent(t *testing.T) {
	resp, _ := readLegacyExport(t, `{"exportVersion": 1, "permissions": {"defaultSpaceAdmin": {"createGroup": "maybe"}}}`)
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 {
		t.Fatalf("want one error, got %v", resp.Diagnostics)
	}
	wp, ok := errs[0].(diag.DiagnosticWithPath)
	if !ok || !wp.Path().Equal(path.Root("content")) || !strings.Contains(errs[0].Detail(), "/permissions/defaultSpaceAdmin/createGroup") {
		t.Errorf("error %q is not on content with the JSON path", errs[0].Detail())
	}
}

func TestLegacyExportFunction_run(t *testing.T) {
	ctx := context.Background()
	run := func(content string) *function.RunResponse {
		resp := &function.RunResponse{Result: function.NewResultData(types.ObjectUnknown(legacyExportAttrTypes))}
		req := function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{types.StringValue(content)})}
		newLegacyExportFunction().Run(ctx, req, resp)
		return resp
	}
	ok := run(untidyLegacy)
	if ok.Error != nil {
		t.Fatal(ok.Error)
	}
	got, isObject := ok.Result.Value().(types.Object)
	if !isObject || got.IsUnknown() || got.Attributes()["format"].String() != "1" {
		t.Errorf("result = %v", ok.Result.Value())
	}
	bad := run(`{"exportVersion": 1, "globalSettings": {"disabledUserVisibility": "blink"}}`)
	if bad.Error == nil || bad.Error.FunctionArgument == nil || *bad.Error.FunctionArgument != 0 ||
		!strings.Contains(bad.Error.Text, "/globalSettings/disabledUserVisibility") {
		t.Errorf("error = %+v, want an argument error at /globalSettings/disabledUserVisibility", bad.Error)
	}
}
